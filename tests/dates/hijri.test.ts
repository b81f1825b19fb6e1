import { describe, expect, it } from 'vitest';
import {
  GREGORIAN_SUPPORTED_DAYS,
  gregorianToHijri,
  HIJRI_SUPPORTED_YEARS,
  hijriMonthLength,
  hijriMonthRange,
  hijriToGregorian,
  hijriYearRange,
  isValidHijriDate,
} from '../../src/dates/hijri';

const DAY_MS = 86_400_000;

/** The oracle: Intl's Umm al-Qura calendar, asked directly. */
const intl = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function intlHijri(day: string): { year: number; month: number; day: number } {
  const parts = intl.formatToParts(new Date(`${day}T00:00:00Z`));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

function* days(from: string, to: string, step = 1): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += step * DAY_MS) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

describe('gregorianToHijri / hijriToGregorian', () => {
  it.each([
    // Dates known from Saudi announcements (they agree with the Umm al-Qura calendar).
    ['2014-10-25', 1436, 1, 1],
    ['2014-11-07', 1436, 1, 14],
    ['2024-03-11', 1445, 9, 1],
    ['2023-04-21', 1444, 10, 1],
    ['1937-03-14', 1356, 1, 1],
    ['2077-11-16', 1500, 12, 30],
  ])('%s ⇄ %i-%i-%i', (day, y, m, d) => {
    expect(gregorianToHijri(day)).toEqual({ year: y, month: m, day: d });
    expect(hijriToGregorian(y, m, d)).toBe(day);
  });

  it('round-trips every day of 2008–2025 and agrees with Intl', () => {
    for (const day of days('2008-01-01', '2025-12-31')) {
      const h = gregorianToHijri(day);
      expect(h).toEqual(intlHijri(day));
      expect(hijriToGregorian(h.year, h.month, h.day)).toBe(day);
    }
  });

  it('round-trips sampled days across the whole supported span', () => {
    for (const day of days(GREGORIAN_SUPPORTED_DAYS.first, GREGORIAN_SUPPORTED_DAYS.last, 37)) {
      const h = gregorianToHijri(day);
      expect(h).toEqual(intlHijri(day));
      expect(hijriToGregorian(h.year, h.month, h.day)).toBe(day);
    }
  });

  it('refuses days and years outside the Umm al-Qura span', () => {
    expect(() => gregorianToHijri('1937-03-13')).toThrow(/outside the Umm al-Qura span 1937-03-14 … 2077-11-16/);
    expect(() => gregorianToHijri('2077-11-17')).toThrow(RangeError);
    expect(() => hijriToGregorian(1355, 12, 29)).toThrow(/Hijri year 1355 is outside the Umm al-Qura span 1356–1500 AH/);
    expect(() => hijriToGregorian(1501, 1, 1)).toThrow(RangeError);
    expect(HIJRI_SUPPORTED_YEARS).toEqual({ first: 1356, last: 1500 });
  });

  it('rejects impossible dates', () => {
    expect(() => hijriToGregorian(1436, 1, 30)).toThrow(/no such day/); // Muharram 1436 had 29 days
    expect(() => hijriToGregorian(1436, 13, 1)).toThrow(/month 13/);
    expect(() => hijriToGregorian(1436, 1, 0)).toThrow(RangeError);
    expect(() => hijriToGregorian(1436, 1, 31)).toThrow(RangeError);
    expect(() => gregorianToHijri('2015-02-29')).toThrow(/no such Gregorian day/);
    expect(() => gregorianToHijri('2015-2-1')).toThrow(RangeError);
    expect(isValidHijriDate(1436, 2, 30)).toBe(hijriMonthLength(1436, 2) === 30);
    expect(isValidHijriDate(1436, 1, 29)).toBe(true);
    expect(isValidHijriDate(1436, 1, 30)).toBe(false);
  });
});

describe('hijriMonthRange / hijriYearRange', () => {
  it.each([1356, 1400, 1435, 1436, 1445, 1499, 1500])('months of %i tile the year exactly (checked with Intl)', (year) => {
    let expectedStart = hijriYearRange(year).start;
    let total = 0;
    for (let month = 1; month <= 12; month++) {
      const { start, end } = hijriMonthRange(year, month);
      const length = hijriMonthLength(year, month);
      expect(start).toBe(expectedStart);
      expect([29, 30]).toContain(length);
      expect(intlHijri(start)).toEqual({ year, month, day: 1 });
      expect(intlHijri(end)).toEqual({ year, month, day: length });
      const after = intlHijri(nextDay(end));
      expect(after.day).toBe(1);
      expectedStart = nextDay(end);
      total += length;
    }
    expect(nextDay(hijriYearRange(year).end)).toBe(expectedStart);
    expect([354, 355]).toContain(total);
  });

  it('knows Muharram 1436 and the year 1436', () => {
    expect(hijriMonthRange(1436, 1)).toEqual({ start: '2014-10-25', end: '2014-11-22' });
    expect(hijriYearRange(1436)).toEqual({ start: '2014-10-25', end: '2015-10-13' });
  });

  it('refuses years outside the span', () => {
    expect(() => hijriMonthRange(1300, 1)).toThrow(/1356–1500/);
    expect(() => hijriYearRange(1600)).toThrow(/1356–1500/);
  });
});
