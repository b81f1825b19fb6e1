import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay } from '../../src/dates/date-format';
import { parseDateExpression } from '../../src/dates/date-expression';

describe('formatDay', () => {
  it.each([
    ['2014-11-07', 'gregory', 'iso', '2014-11-07'],
    ['2014-11-07', 'gregory', 'arabic', '7 نوفمبر 2014'],
    ['2015-04-30', 'gregory', 'arabic', '30 أبريل 2015'],
    ['2014-11-07', 'hijri', 'iso', '1436-01-14'],
    ['2014-11-07', 'hijri', 'arabic', '14 محرم 1436 هـ'],
    ['2024-03-11', 'hijri', 'arabic', '1 رمضان 1445 هـ'],
    ['2014-09-25', 'hijri', 'arabic', '1 ذو الحجة 1435 هـ'],
  ] as const)('%s %s %s → %s', (day, calendar, style, expected) => {
    expect(formatDay(day, calendar, style)).toBe(expected);
  });

  it('produces text that parses back to the same day', () => {
    for (const day of ['2014-11-07', '2015-02-28', '2016-02-29', '2024-03-11', '2000-12-31']) {
      for (const calendar of ['gregory', 'hijri'] as const) {
        for (const style of ['iso', 'arabic'] as const) {
          const text = formatDay(day, calendar, style);
          expect(parseDateExpression(text, { today: '2020-01-01' }), text).toMatchObject({ ok: true, range: { start: day, end: day } });
        }
      }
    }
  });

  it('throws on bad input', () => {
    expect(() => formatDay('2014-11-31', 'gregory', 'iso')).toThrow(RangeError);
    expect(() => formatDay('1900-01-01', 'hijri', 'iso')).toThrow(/outside the Umm al-Qura span/);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2014-11-07T07:11:00+03:00', 'gregory', 'iso', '2014-11-07 07:11'],
    ['2014-11-07T07:11:00+03:00', 'gregory', 'arabic', '7 نوفمبر 2014 07:11 ص'],
    ['2014-11-07T19:05:00+03:00', 'gregory', 'arabic', '7 نوفمبر 2014 07:05 م'],
    ['2014-11-07T00:30:00+03:00', 'gregory', 'arabic', '7 نوفمبر 2014 12:30 ص'],
    ['2014-11-07T12:00:00+03:00', 'gregory', 'arabic', '7 نوفمبر 2014 12:00 م'],
    ['2014-11-07T07:11:00+03:00', 'hijri', 'iso', '1436-01-14 07:11'],
    ['2014-11-07T07:11:00+03:00', 'hijri', 'arabic', '14 محرم 1436 هـ 07:11 ص'],
    ['2014-11-07T23:59:59.500Z', 'gregory', 'iso', '2014-11-07 23:59'],
    ['2014-11-07 07:11', 'gregory', 'iso', '2014-11-07 07:11'],
    ['2014-11-07', 'gregory', 'arabic', '7 نوفمبر 2014'],
  ] as const)('%s %s %s → %s', (iso, calendar, style, expected) => {
    expect(formatDateTime(iso, calendar, style)).toBe(expected);
  });

  it('rejects malformed date-times', () => {
    expect(() => formatDateTime('2014-11-07T25:00', 'gregory', 'iso')).toThrow(RangeError);
    expect(() => formatDateTime('7/11/2014', 'gregory', 'iso')).toThrow(/invalid date-time/);
  });
});
