/**
 * Umm al-Qura Hijri calendar (the official calendar of Saudi Arabia) through Node's Intl, which ships
 * ICU's `islamic-umalqura` tables.
 *
 * Supported span: Hijri years 1356–1500 AH, i.e. Gregorian days 1937-03-14 … 2077-11-16. That is what
 * the published Umm al-Qura tables cover. ICU carries its table a little further (to roughly
 * 1300–1600 AH) and outside that silently switches to the arithmetic civil calendar; neither extension
 * is an official Saudi date, so every function here throws a RangeError outside the span instead of
 * answering with something that looks authoritative.
 *
 * Intl only converts Gregorian → Hijri. The other direction is a search: estimate the day from the mean
 * synodic month, ask Intl what Hijri date that is, and step by the remaining difference until it lands.
 * Hijri days are treated as running midnight to midnight like the Gregorian day they map to (the
 * religious day begins at sunset; news archives date by the civil day).
 */

/** A Hijri calendar date (month and day 1-based). */
export interface HijriDate {
  year: number;
  month: number;
  day: number;
}

/** Inclusive Gregorian day range. */
export interface DayRange {
  start: string;
  end: string;
}

/** First and last Hijri years that can be converted. */
export const HIJRI_SUPPORTED_YEARS = { first: 1356, last: 1500 } as const;

/** First and last Gregorian days that can be converted (1 Muharram 1356 … 30 Dhu al-Hijjah 1500). */
export const GREGORIAN_SUPPORTED_DAYS = { first: '1937-03-14', last: '2077-11-16' } as const;

const MS_PER_DAY = 86_400_000;
const MEAN_MONTH_DAYS = 29.530588853;
/** 1 Muharram 1 AH as days since 1970-01-01 (622-07-19 proleptic Gregorian, the civil-calendar epoch). */
const HIJRA_EPOCH_DAY = Math.round(Date.UTC(622, 6, 19) / MS_PER_DAY);

// Created on first use: building an ICU formatter costs ~20 ms, which a query that never touches
// the Hijri calendar should not pay at start-up.
let formatter: Intl.DateTimeFormat | undefined;

function hijriFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  return formatter;
}

/** Hijri date of a day counted from 1970-01-01, straight from Intl, without span checks. */
function hijriOfEpochDay(epochDay: number): HijriDate {
  const parts = hijriFormatter().formatToParts(new Date(epochDay * MS_PER_DAY));
  let year = NaN;
  let month = NaN;
  let day = NaN;
  for (const p of parts) {
    if (p.type === 'year') year = Number(p.value);
    else if (p.type === 'month') month = Number(p.value);
    else if (p.type === 'day') day = Number(p.value);
  }
  if (!Number.isFinite(year) || !Number.isFinite(month) || !Number.isFinite(day)) {
    throw new Error('this Node.js build lacks the islamic-umalqura calendar (ICU data)');
  }
  return { year, month, day };
}

function epochDayOf(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`invalid day "${day}" (expected YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`invalid day "${day}" (no such Gregorian day)`);
  }
  return ms / MS_PER_DAY;
}

function dayOfEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

function assertHijriYear(year: number): void {
  if (!Number.isInteger(year) || year < HIJRI_SUPPORTED_YEARS.first || year > HIJRI_SUPPORTED_YEARS.last) {
    throw new RangeError(
      `Hijri year ${year} is outside the Umm al-Qura span ${HIJRI_SUPPORTED_YEARS.first}–${HIJRI_SUPPORTED_YEARS.last} AH`,
    );
  }
}

function assertHijriMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Hijri month ${month} out of range 1–12`);
  }
}

/** Epoch day of the first day of a Hijri month (year already checked). */
function monthStartEpochDay(year: number, month: number): number {
  const monthIndex = (year - 1) * 12 + (month - 1);
  let guess = HIJRA_EPOCH_DAY + Math.round(monthIndex * MEAN_MONTH_DAYS);
  // The estimate is within a few days; each step fixes the month error and then the day error.
  for (let step = 0; step < 12; step++) {
    const h = hijriOfEpochDay(guess);
    const monthDiff = (year - h.year) * 12 + (month - h.month);
    if (monthDiff === 0 && h.day === 1) return guess;
    guess += Math.round(monthDiff * MEAN_MONTH_DAYS) - (h.day - 1);
  }
  throw new Error(`could not locate 1/${month}/${year} AH in the Umm al-Qura calendar`);
}

/** Convert a Gregorian day 'YYYY-MM-DD' to its Umm al-Qura Hijri date. */
export function gregorianToHijri(day: string): HijriDate {
  const epochDay = epochDayOf(day);
  if (day < GREGORIAN_SUPPORTED_DAYS.first || day > GREGORIAN_SUPPORTED_DAYS.last) {
    throw new RangeError(
      `${day} is outside the Umm al-Qura span ${GREGORIAN_SUPPORTED_DAYS.first} … ${GREGORIAN_SUPPORTED_DAYS.last}`,
    );
  }
  return hijriOfEpochDay(epochDay);
}

/** Number of days (29 or 30) in a Hijri month. */
export function hijriMonthLength(year: number, month: number): number {
  assertHijriYear(year);
  assertHijriMonth(month);
  const start = monthStartEpochDay(year, month);
  const next = month === 12 ? monthStartEpochDay(year + 1, 1) : monthStartEpochDay(year, month + 1);
  return next - start;
}

/** True when the numbers name a real Umm al-Qura day inside the supported span. */
export function isValidHijriDate(year: number, month: number, day: number): boolean {
  try {
    hijriToGregorian(year, month, day);
    return true;
  } catch {
    return false;
  }
}

/** Convert an Umm al-Qura Hijri date to the Gregorian day 'YYYY-MM-DD'. */
export function hijriToGregorian(year: number, month: number, day: number): string {
  assertHijriYear(year);
  assertHijriMonth(month);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Hijri day ${day} out of range 1–30`);
  const start = monthStartEpochDay(year, month);
  if (day >= 29) {
    // Only 29/30 can fall off the end of a month; checking just those saves a second search.
    const h = hijriOfEpochDay(start + day - 1);
    if (h.month !== month) throw new RangeError(`no such day: ${day}/${month}/${year} AH (the month has 29 days)`);
  }
  return dayOfEpochDay(start + day - 1);
}

/** First and last Gregorian days (inclusive) of a Hijri month. */
export function hijriMonthRange(year: number, month: number): DayRange {
  assertHijriYear(year);
  assertHijriMonth(month);
  const start = monthStartEpochDay(year, month);
  const next = month === 12 ? monthStartEpochDay(year + 1, 1) : monthStartEpochDay(year, month + 1);
  return { start: dayOfEpochDay(start), end: dayOfEpochDay(next - 1) };
}

/** First and last Gregorian days (inclusive) of a Hijri year. */
export function hijriYearRange(year: number): DayRange {
  assertHijriYear(year);
  const start = monthStartEpochDay(year, 1);
  const next = monthStartEpochDay(year + 1, 1);
  return { start: dayOfEpochDay(start), end: dayOfEpochDay(next - 1) };
}
