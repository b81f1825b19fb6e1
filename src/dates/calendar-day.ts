/**
 * Calendar arithmetic on 'YYYY-MM-DD' day strings. A day string names a local calendar day of the
 * archive, never an instant, so the Date objects built here are only vehicles for date-fns: they are
 * created at local midnight and read back with local getters, which keeps the result independent of
 * the process time zone (date-fns' day arithmetic is DST-safe in local time).
 */
import { addDays as dfAddDays } from 'date-fns/addDays';
import { addMonths as dfAddMonths } from 'date-fns/addMonths';
import { addYears as dfAddYears } from 'date-fns/addYears';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { startOfWeek as dfStartOfWeek } from 'date-fns/startOfWeek';

/** A Gregorian calendar day as numbers (month and day 1-based). */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Day of week as in `Date.prototype.getDay()`: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(ymd: Ymd): Date {
  // setFullYear rather than the constructor, which would read years 0–99 as 1900–1999.
  const d = new Date(2000, 0, 1);
  d.setFullYear(ymd.year, ymd.month - 1, ymd.day);
  return d;
}

function fromDate(d: Date): string {
  return formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** Format numbers as 'YYYY-MM-DD'. */
export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a Gregorian month. */
export function daysInMonth(year: number, month: number): number {
  return getDaysInMonth(toDate({ year, month, day: 1 }));
}

/** True when the numbers name a real Gregorian day. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Split a strict 'YYYY-MM-DD' string into numbers; null if malformed or not a real day. */
export function parseDay(day: string): Ymd | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidYmd(ymd.year, ymd.month, ymd.day) ? ymd : null;
}

/** Like `parseDay` but throws a RangeError naming the bad value. */
export function requireDay(day: string, what = 'day'): Ymd {
  const ymd = parseDay(day);
  if (!ymd) throw new RangeError(`invalid ${what} "${day}" (expected a real day as YYYY-MM-DD)`);
  return ymd;
}

/** The day `n` days after `day` (negative n goes back). */
export function addDaysTo(day: string, n: number): string {
  return fromDate(dfAddDays(toDate(requireDay(day)), n));
}

/** The day `n` months after `day`, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28/29). */
export function addMonthsTo(day: string, n: number): string {
  return fromDate(dfAddMonths(toDate(requireDay(day)), n));
}

/** The day `n` years after `day`, clamped (Feb 29 + 1 year → Feb 28). */
export function addYearsTo(day: string, n: number): string {
  return fromDate(dfAddYears(toDate(requireDay(day)), n));
}

/** The first day of the week containing `day`, for a week starting on `weekStartsOn`. */
export function startOfWeekOf(day: string, weekStartsOn: Weekday): string {
  return fromDate(dfStartOfWeek(toDate(requireDay(day)), { weekStartsOn }));
}

/** The weekday of `day`, 0 = Sunday. */
export function weekdayOf(day: string): Weekday {
  return toDate(requireDay(day)).getDay() as Weekday;
}

/** The last day of a Gregorian month as 'YYYY-MM-DD'. */
export function lastDayOfMonth(year: number, month: number): string {
  return formatYmd(year, month, daysInMonth(year, month));
}
