import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_DATE_FORMS, parseDateExpression } from '../../src/dates/date-expression';
import { addDaysTo } from '../../src/dates/calendar-day';
import { hijriMonthRange } from '../../src/dates/hijri';

/** A Friday, in Muharram 1436. */
const ctx = { today: '2014-11-07' };

describe('parseDateExpression: accepted forms', () => {
  it.each([
    // [expression, start, end, label]
    ['2014-11-07', '2014-11-07', '2014-11-07', '2014-11-07'],
    ['2014-11', '2014-11-01', '2014-11-30', '2014-11'],
    ['2016-02', '2016-02-01', '2016-02-29', '2016-02'],
    ['2014', '2014-01-01', '2014-12-31', '2014'],
    ['2014-1-5', '2014-01-05', '2014-01-05', '2014-01-05'],
    [' 2014-11-07 ', '2014-11-07', '2014-11-07', '2014-11-07'],
    ['2014 م', '2014-01-01', '2014-12-31', '2014'],
    ['2014-11-01..2014-12-15', '2014-11-01', '2014-12-15', '2014-11-01..2014-12-15'],
    ['2014-11..2015-02', '2014-11-01', '2015-02-28', '2014-11..2015-02'],
    ['2014..2015', '2014-01-01', '2015-12-31', '2014..2015'],
    ['2014-11-07 .. 2014-11-09', '2014-11-07', '2014-11-09', '2014-11-07..2014-11-09'],
    ['2014-11..2014-11', '2014-11-01', '2014-11-30', '2014-11..2014-11'],
    ['..2014-12', null, '2014-12-31', '..2014-12'],
    ['2015-01..', '2015-01-01', null, '2015-01..'],
    ['today', '2014-11-07', '2014-11-07', 'today'],
    ['Today', '2014-11-07', '2014-11-07', 'today'],
    ['yesterday', '2014-11-06', '2014-11-06', 'yesterday'],
    ['1d', '2014-11-07', '2014-11-07', 'last 1 day'],
    ['7d', '2014-11-01', '2014-11-07', 'last 7 days'],
    ['2w', '2014-10-25', '2014-11-07', 'last 2 weeks'],
    ['1m', '2014-10-08', '2014-11-07', 'last 1 month'],
    ['3m', '2014-08-08', '2014-11-07', 'last 3 months'],
    ['1y', '2013-11-08', '2014-11-07', 'last 1 year'],
    ['10days', '2014-10-29', '2014-11-07', 'last 10 days'],
    ['3m..', '2014-08-08', null, 'last 3 months..'],
    ['2014-01..yesterday', '2014-01-01', '2014-11-06', '2014-01..yesterday'],
    ['last-week', '2014-10-26', '2014-11-01', 'last week'],
    ['last week', '2014-10-26', '2014-11-01', 'last week'],
    ['last-month', '2014-10-01', '2014-10-31', 'last month'],
    ['last-year', '2013-01-01', '2013-12-31', 'last year'],
    ['this-week', '2014-11-02', '2014-11-08', 'this week'],
    ['this-month', '2014-11-01', '2014-11-30', 'this month'],
    ['this_year', '2014-01-01', '2014-12-31', 'this year'],
    ['7 نوفمبر 2014', '2014-11-07', '2014-11-07', '2014-11-07'],
    ['نوفمبر 2014', '2014-11-01', '2014-11-30', '2014-11'],
    ['تشرين الثاني 2014', '2014-11-01', '2014-11-30', '2014-11'],
    ['7 تشرين الثاني 2014', '2014-11-07', '2014-11-07', '2014-11-07'],
    ['نوفمبر/تشرين الثاني 2014', '2014-11-01', '2014-11-30', '2014-11'],
    ['٧ نوفمبر ٢٠١٤', '2014-11-07', '2014-11-07', '2014-11-07'],
    ['۲۰۱۴-۱۱', '2014-11-01', '2014-11-30', '2014-11'],
    ['3 يناير ۲۰۱۵', '2015-01-03', '2015-01-03', '2015-01-03'],
    ['إبريل 2015', '2015-04-01', '2015-04-30', '2015-04'],
    ['اليوم', '2014-11-07', '2014-11-07', 'today'],
    ['أمس', '2014-11-06', '2014-11-06', 'yesterday'],
    ['الشهر الماضي', '2014-10-01', '2014-10-31', 'last month'],
    ['محرم 1436', '2014-10-25', '2014-11-22', 'محرم 1436 هـ'],
    ['محرم 1436 هـ', '2014-10-25', '2014-11-22', 'محرم 1436 هـ'],
    ['1 محرم 1436', '2014-10-25', '2014-10-25', '1 محرم 1436 هـ'],
    ['14 محرم 1436 هـ', '2014-11-07', '2014-11-07', '14 محرم 1436 هـ'],
    ['1436-01', '2014-10-25', '2014-11-22', 'محرم 1436 هـ'],
    ['1436-01-14', '2014-11-07', '2014-11-07', '14 محرم 1436 هـ'],
    ['١٤٣٦-٠١-١٤ هـ', '2014-11-07', '2014-11-07', '14 محرم 1436 هـ'],
    ['1436', '2014-10-25', '2015-10-13', '1436 هـ'],
    ['1436 هـ', '2014-10-25', '2015-10-13', '1436 هـ'],
    ['رمضان 1445', '2024-03-11', '2024-04-09', 'رمضان 1445 هـ'],
    ['محرم 1436..صفر 1436', '2014-10-25', '2014-12-22', 'محرم 1436 هـ..صفر 1436 هـ'],
    ['ذو الحجة 1435..2014-11', '2014-09-25', '2014-11-30', 'ذو الحجة 1435 هـ..2014-11'],
    ['1436..', '2014-10-25', null, '1436 هـ..'],
  ])('%j', (expr, start, end, label) => {
    expect(parseDateExpression(expr, ctx)).toEqual({ ok: true, range: { start, end }, label });
  });

  it.each([
    // [today, expression, start, end]
    ['2015-03-31', '1m', '2015-03-01', '2015-03-31'],
    ['2016-02-29', '1y', '2015-03-01', '2016-02-29'],
    ['2015-01-15', 'last-month', '2014-12-01', '2014-12-31'],
    ['2015-01-01', 'yesterday', '2014-12-31', '2014-12-31'],
    ['2015-01-02', 'last-week', '2014-12-21', '2014-12-27'],
  ])('relative to %s: %s', (today, expr, start, end) => {
    expect(parseDateExpression(expr, { today })).toMatchObject({ ok: true, range: { start, end } });
  });

  it.each([
    [0, '2014-11-02', '2014-11-08'],
    [1, '2014-11-03', '2014-11-09'],
    [6, '2014-11-01', '2014-11-07'],
  ] as const)('this-week with weekStartsOn %i', (weekStartsOn, start, end) => {
    expect(parseDateExpression('this-week', { ...ctx, weekStartsOn })).toMatchObject({ range: { start, end } });
    const last = parseDateExpression('last-week', { ...ctx, weekStartsOn });
    expect(last).toMatchObject({ ok: true });
    if (last.ok) expect(addDaysTo(last.range.end as string, 1)).toBe(start);
  });
});

describe('parseDateExpression: rejected forms', () => {
  it.each([
    // [expression, message pattern, position]
    ['', /^empty date expression$/, 0],
    ['   ', /^empty date expression$/, 0],
    ['2014-13', /^month 13 out of range 1–12$/, 5],
    ['2014-00', /^month 00 out of range/, 5],
    ['2015-02-29', /^no such day: 2015-02-29$/, 8],
    ['2014-11-31', /^no such day: 2014-11-31$/, 8],
    ['2014-11-', /^expected a day number after "-"$/, 8],
    ['31 فبراير 2015', /^no such day: 31 فبراير 2015$/, 0],
    ['7x', /^unknown unit "x" in "7x"/, 1],
    ['7X', /^unknown unit "X" in "7X"/, 1],
    ['0d', /must be at least 1/, 0],
    ['7d5', /^unexpected "5" after "7d"$/, 2],
    ['99999y', /too large/, 0],
    ['..', /needs a start, an end or both/, 0],
    [' .. ', /needs a start, an end or both/, 1],
    ['2014..2015..2016', /only one "\.\." is allowed/, 10],
    ['2014-11-07..2014-10-01', /^the range ends \(2014-10-01\) before it starts \(2014-11-07\)$/, 12],
    ['2015..2014', /ends \(2014-12-31\) before it starts \(2015-01-01\)/, 6],
    ['7 نوفمبرر 2014', /^unknown month name "نوفمبرر"$/, 2],
    ['فبرايير 2015', /^unknown month name "فبرايير"$/, 0],
    ['foo', /^unknown date expression "foo"$/, 0],
    ['نوفمبر', /^a month name needs a 4-digit year after it/, 6],
    ['نوفمبر 14', /^year 14 is neither Gregorian/, 7],
    ['14', /^"14" is not a date: a year has 4 digits, and the last 14 days is 14d$/, 0],
    ['1700', /^year 1700 is neither Gregorian \(1900–2100\) nor Hijri \(1300–1600\)$/, 0],
    ['20145', /^"20145" is not a date/, 0],
    ['2014 هـ', /^"هـ" marks a Hijri date but 2014 is Gregorian/, 5],
    ['1436 م', /^"م" marks a Gregorian date but 1436 is Hijri/, 5],
    ['محرم 2014', /^"محرم" is a Hijri month but 2014 is a Gregorian year/, 5],
    ['نوفمبر 1436', /^"نوفمبر" is a Gregorian month but 1436 is a Hijri year/, 7],
    ['نوفمبر/محرم 2014', /^"محرم" is not the same month as "نوفمبر"$/, 7],
    ['1320', /^Hijri year 1320 is outside the Umm al-Qura tables \(1356–1500 AH\)$/, 0],
    ['محرم 1550', /outside the Umm al-Qura tables/, 5],
    ['1436-01-30', /^no such day: 1436-01-30 \(محرم 1436 has 29 days/, 8],
    ['31 محرم 1436', /at most 30 days/, 0],
    ['2014-11-07 extra', /^unexpected "extra"$/, 11],
    ['2014.11', /^unexpected "\."$/, 4],
    ['-7d', /^unexpected "-"$/, 0],
    ['\u200f٧ نوفمبررر ٢٠١٤', /^unknown month name "نوفمبررر"$/, 3],
  ])('%j', (expr, message, position) => {
    const r = parseDateExpression(expr, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect(r.position).toBe(position);
  });

  it('throws on a malformed context, which is a programming error', () => {
    expect(() => parseDateExpression('today', { today: '2014-11-31' })).toThrow(RangeError);
  });
});

describe('parseDateExpression: properties', () => {
  const gregorianDay = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('reads any Gregorian day as itself, in ASCII and Arabic-Indic digits', () => {
    fc.assert(
      fc.property(gregorianDay, (day) => {
        expect(parseDateExpression(day, ctx)).toMatchObject({ ok: true, range: { start: day, end: day } });
        const arabic = day.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
        expect(parseDateExpression(arabic, ctx)).toMatchObject({ ok: true, range: { start: day, end: day } });
      }),
    );
  });

  it('reads any supported Hijri month like hijriMonthRange', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1356, max: 1500 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const r = parseDateExpression(`${y}-${String(m).padStart(2, '0')}`, ctx);
        expect(r).toMatchObject({ ok: true, range: hijriMonthRange(y, m) });
      }),
      { numRuns: 50 },
    );
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('rejects the object key %s like any other unknown word', (expr) => {
    const r = parseDateExpression(expr, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.position).toBe(0);
  });

  it('points inside the expression whenever it rejects one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (expr) => {
        const r = parseDateExpression(expr, ctx);
        if (!r.ok) {
          expect(r.position).toBeGreaterThanOrEqual(0);
          expect(r.position).toBeLessThanOrEqual(expr.length);
          expect(r.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('ACCEPTED_DATE_FORMS', () => {
  it('is a multi-line help text whose examples all parse', () => {
    const lines = ACCEPTED_DATE_FORMS.split('\n');
    expect(lines.length).toBeGreaterThan(8);
    const examples = [
      '2014-11-07', '2014-11', '2014', '2014-11-01..2014-12-15', '2015-01..', '..2014-12', 'today', 'yesterday',
      'اليوم', 'أمس', '7d', '2w', '3m', '1y', 'last-week', 'last-month', 'last-year', 'this-week', 'this-month',
      'this-year', '7 نوفمبر 2014', '7 تشرين الثاني 2014', 'نوفمبر 2014', 'تشرين الثاني 2014', '٧ نوفمبر ٢٠١٤',
      '۲۰۱۴-۱۱', 'محرم 1436', '1 محرم 1436', '1436-01', '1436-01-14', '1436 هـ', 'محرم 1436..صفر 1436',
    ];
    for (const example of examples) {
      expect(ACCEPTED_DATE_FORMS, example).toContain(example);
      expect(parseDateExpression(example, ctx).ok, example).toBe(true);
    }
  });
});
