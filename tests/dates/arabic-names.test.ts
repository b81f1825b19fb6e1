import { describe, expect, it } from 'vitest';
import {
  foldArabic,
  foldArabicWithMap,
  foldDigits,
  GREGORIAN_MONTH_NAMES,
  GREGORIAN_MONTH_VARIANTS,
  HIJRI_MONTH_NAMES,
  HIJRI_MONTH_VARIANTS,
  LEVANTINE_MONTH_NAMES,
  lookupMonthName,
  lookupWeekday,
  matchMonthNameAt,
  matchWeekdayAt,
  WEEKDAY_NAMES,
  WEEKDAY_VARIANTS,
} from '../../src/dates/arabic-names';

describe('foldDigits', () => {
  it.each([
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['٧ نوفمبر ٢٠١٤', '7 نوفمبر 2014'],
    ['۲۰۱۴-۱۱', '2014-11'],
    ['abc 12', 'abc 12'],
  ])('%s → %s', (input, expected) => {
    expect(foldDigits(input)).toBe(expected);
  });
});

describe('foldArabic', () => {
  it.each([
    ['alef forms', 'أإآٱا', 'ااااا'],
    ['ta marbuta', 'الجمعة', 'الجمعه'],
    ['alef maqsura and Farsi yeh', 'جمادى ی', 'جمادي ي'],
    ['harakat and shadda', 'مُحَرَّمٌ', 'محرم'],
    ['tatweel', 'رمضـــان هـ', 'رمضان ه'],
    ['bidi marks and ZWNJ', '\u200fالجمعة\u200e\u200c', 'الجمعه'],
    ['Arabic-Indic digits', '١٤٣٦', '1436'],
    ['ASCII upper case', 'Last-Week', 'last-week'],
    ['no-break space', 'نوفمبر\u00a02014', 'نوفمبر 2014'],
    ['tab and newline', 'ص\t7\nم', 'ص 7 م'],
    ['presentation form lam-alef', '\ufefb', 'لا'],
  ])('%s', (_name, input, expected) => {
    expect(foldArabic(input)).toBe(expected);
  });

  it('maps every folded unit back to its source index', () => {
    const source = 'أ\u200fمْس ٢٠';
    const { text, map } = foldArabicWithMap(source);
    expect(text).toBe('امس 20');
    expect(map).toEqual([0, 2, 4, 5, 6, 7, 8]);
    for (let i = 0; i < text.length; i++) {
      expect(foldArabic(source[map[i] as number] as string)).toBe(text[i]);
    }
  });
});

describe('month names', () => {
  it('recognises every listed Gregorian spelling as its month', () => {
    GREGORIAN_MONTH_VARIANTS.forEach((v, i) => {
      for (const [family, names] of Object.entries(v)) {
        for (const name of names) {
          expect(lookupMonthName(name), name).toEqual({ calendar: 'gregory', month: i + 1, family });
        }
      }
    });
  });

  it('recognises every listed Hijri spelling as its month', () => {
    HIJRI_MONTH_VARIANTS.forEach((names, i) => {
      for (const name of names) expect(lookupMonthName(name), name).toEqual({ calendar: 'hijri', month: i + 1, family: 'hijri' });
    });
  });

  it('keeps the display names among the recognised spellings', () => {
    GREGORIAN_MONTH_NAMES.forEach((n, i) => expect(lookupMonthName(n)?.month).toBe(i + 1));
    LEVANTINE_MONTH_NAMES.forEach((n, i) => expect(lookupMonthName(n)?.month).toBe(i + 1));
    HIJRI_MONTH_NAMES.forEach((n, i) => expect(lookupMonthName(n)).toMatchObject({ calendar: 'hijri', month: i + 1 }));
  });

  it.each([
    ['ابريل', 'gregory', 4],
    ['إبريل', 'gregory', 4],
    ['ماي', 'gregory', 5],
    ['يونيه', 'gregory', 6],
    ['يولية', 'gregory', 7],
    ['اغسطس', 'gregory', 8],
    ['آب', 'gregory', 8],
    ['اب', 'gregory', 8],
    ['ايار', 'gregory', 5],
    ['تشرين اول', 'gregory', 10],
    ['كانون  الثاني', 'gregory', 1],
    ['كانون الاول', 'gregory', 12],
    ['مُحَرَّم', 'hijri', 1],
    ['المحرم', 'hijri', 1],
    ['ربيع الاخر', 'hijri', 4],
    ['ربيع الثاني', 'hijri', 4],
    ['جمادي الاولي', 'hijri', 5],
    ['جمادى الأول', 'hijri', 5],
    ['جمادى الثانية', 'hijri', 6],
    ['جمادى الآخرة', 'hijri', 6],
    ['رمضـان', 'hijri', 9],
    ['ذي القعدة', 'hijri', 11],
    ['ذو القعده', 'hijri', 11],
    ['ذوالحجة', 'hijri', 12],
    ['ذي الحجه', 'hijri', 12],
  ])('%s is %s month %i', (name, calendar, month) => {
    expect(lookupMonthName(name)).toMatchObject({ calendar, month });
  });

  it.each(['ربيع', 'كانون', 'تشرين', 'جمادى', 'مارسيل', 'نوفمبرر', 'نوفمب', 'ذو', ''])('%j is not a month', (name) => {
    expect(lookupMonthName(name)).toBeNull();
  });

  it('matches inside folded text only at word boundaries', () => {
    const text = foldArabic('في 7 نوفمبر/تشرين الثاني 2014');
    const at = text.indexOf('نوفمبر');
    expect(matchMonthNameAt(text, at)).toEqual({ calendar: 'gregory', month: 11, family: 'standard', end: at + 6 });
    const alt = text.indexOf('تشرين');
    expect(matchMonthNameAt(text, alt)).toMatchObject({ month: 11, family: 'levantine', end: text.indexOf(' 2014') });
    expect(matchMonthNameAt(foldArabic('بنوفمبر'), 1)).toBeNull();
    expect(matchMonthNameAt(foldArabic('7نوفمبر'), 1)).toMatchObject({ month: 11 });
  });

  it('never stops at a shorter spelling inside a longer one (ماي in مايو, اب in ابريل)', () => {
    expect(matchMonthNameAt('مايو 2014', 0)?.end).toBe(4);
    expect(matchMonthNameAt('ابريل 2014', 0)).toMatchObject({ month: 4, end: 5 });
  });
});

describe('weekday names', () => {
  it('indexes day names like Date.getDay()', () => {
    // 2014-11-07 was a Friday; 2014-11-08 a Saturday.
    expect(WEEKDAY_NAMES[new Date(Date.UTC(2014, 10, 7)).getUTCDay()]).toBe('الجمعة');
    expect(WEEKDAY_NAMES[new Date(Date.UTC(2014, 10, 8)).getUTCDay()]).toBe('السبت');
  });

  it('recognises every listed spelling', () => {
    WEEKDAY_VARIANTS.forEach((names, i) => {
      for (const n of names) expect(lookupWeekday(n), n).toBe(i);
    });
  });

  it.each([
    ['الإثنين', 1],
    ['الاثنين', 1],
    ['الأربعاء', 3],
    ['الاربعاء', 3],
    ['الجمعه', 5],
    ['السبت', 6],
    ['الأحد', 0],
  ])('%s → %i', (name, day) => {
    expect(lookupWeekday(name)).toBe(day);
  });

  it.each(['جمعة', 'الجمعات', 'الخميسي', 'Friday'])('%s is not a day name', (name) => {
    expect(lookupWeekday(name)).toBeNull();
  });

  it('finds a day name at the start of a line', () => {
    expect(matchWeekdayAt(foldArabic('الخميس، 6 نوفمبر'), 0)).toEqual({ weekday: 4, end: 6 });
  });
});
