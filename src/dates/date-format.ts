/**
 * Display forms of archive days and date-times, in the Gregorian or Umm al-Qura Hijri calendar.
 * Digits stay ASCII, as the archive itself prints them; the output layer may localise them.
 */
import { GREGORIAN_MONTH_NAMES, HIJRI_MONTH_NAMES } from './arabic-names';
import { requireDay } from './calendar-day';
import { gregorianToHijri } from './hijri';

/** Calendar to display a day in. */
export type DisplayCalendar = 'gregory' | 'hijri';
/** `iso`: numeric YYYY-MM-DD; `arabic`: day, Arabic month name, year (`7 نوفمبر 2014`, `14 محرم 1436 هـ`). */
export type DisplayStyle = 'iso' | 'arabic';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Format a local day 'YYYY-MM-DD'. Throws a RangeError on a malformed day, or for 'hijri' on a day
 * outside the Umm al-Qura span (see hijri.ts).
 */
export function formatDay(day: string, calendar: DisplayCalendar, style: DisplayStyle): string {
  const g = requireDay(day);
  if (calendar === 'gregory') {
    return style === 'iso' ? day : `${g.day} ${GREGORIAN_MONTH_NAMES[g.month - 1]} ${g.year}`;
  }
  const h = gregorianToHijri(day);
  return style === 'iso'
    ? `${h.year}-${pad2(h.month)}-${pad2(h.day)}`
    : `${h.day} ${HIJRI_MONTH_NAMES[h.month - 1]} ${h.year} هـ`;
}

const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Format an ISO local date-time such as '2014-11-07T07:11:00+03:00' by its wall-clock time as written
 * (the offset is the archive's own, so nothing is converted): iso → `2014-11-07 07:11`,
 * arabic → `7 نوفمبر 2014 07:11 ص`. A value without a time formats like `formatDay`.
 */
export function formatDateTime(iso: string, calendar: DisplayCalendar, style: DisplayStyle): string {
  const m = DATE_TIME_RE.exec(iso);
  if (!m) throw new RangeError(`invalid date-time "${iso}" (expected YYYY-MM-DDTHH:MM[:SS][±HH:MM])`);
  const dayText = formatDay(m[1] as string, calendar, style);
  if (m[2] === undefined) return dayText;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) throw new RangeError(`invalid time in "${iso}"`);
  if (style === 'iso') return `${dayText} ${pad2(hour)}:${pad2(minute)}`;
  // The archive's own convention: 12-hour clock with ص (a.m.) / م (p.m.); midnight is 12 ص.
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${dayText} ${pad2(h12)}:${pad2(minute)} ${hour < 12 ? 'ص' : 'م'}`;
}
