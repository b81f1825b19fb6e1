import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksLikeDateLine, normalizeUtcOffset, parseDateLine } from '../../src/dates/date-line';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedDir = path.resolve(projectRoot, '../shared');
const seedFile = path.join(sharedDir, 'seeds', '000_228959382d386ad2.txt');

const OFFSET = '+03:00';

describe('parseDateLine: accepted lines', () => {
  it.each([
    // [line, date, time, calendar]
    ['الجمعة 7 نوفمبر 2014 07:11 ص', '2014-11-07', '07:11', 'gregory'],
    ['الإثنين ٢٤ تشرين الثاني ٢٠١٤ ١٠:٣٠ م', '2014-11-24', '22:30', 'gregory'],
    ['الاثنين ۲۴ نوفمبر ۲۰۱۴ ۱۰:۳۰ مساءً', '2014-11-24', '22:30', 'gregory'],
    ['7 نوفمبر/تشرين الثاني 2014', '2014-11-07', null, 'gregory'],
    ['7 نوفمبر / تشرين الثاني 2014 07:11 ص', '2014-11-07', '07:11', 'gregory'],
    ['7 نوفمبر (تشرين الثاني) 2014', '2014-11-07', null, 'gregory'],
    ['الجمعة 7 نوفمبر 2014', '2014-11-07', null, 'gregory'],
    ['الجمعة 7 نوفمبر 2014 19:05', '2014-11-07', '19:05', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 7:05', '2014-11-07', '07:05', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 12:30 ص', '2014-11-07', '00:30', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 12:30 م', '2014-11-07', '12:30', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 11:59 مساء', '2014-11-07', '23:59', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 08:00 صباحاً', '2014-11-07', '08:00', 'gregory'],
    ['الجمعة 7 نوفمبر 2014 08:00:59 PM', '2014-11-07', '20:00', 'gregory'],
    ['  الجمعة   7   نوفمبر   2014   07:11   ص  ', '2014-11-07', '07:11', 'gregory'],
    ['\u200fالجمعة\u200f 7 نوفمبر 2014 \u200e07:11\u200e ص', '2014-11-07', '07:11', 'gregory'],
    ['الجمعة، 7 نوفمبر 2014 - 07:11 ص', '2014-11-07', '07:11', 'gregory'],
    ['يوم الجمعة 7 نوفمبر 2014 الساعة 07:11 ص', '2014-11-07', '07:11', 'gregory'],
    ['الجمعـــة 7 نوفمبر 2014م', '2014-11-07', null, 'gregory'],
    ['الجمعة 7 نوفمبر 2014 م 07:11 م', '2014-11-07', '19:11', 'gregory'],
    ['1 يناير 2015', '2015-01-01', null, 'gregory'],
    ['29 فبراير 2016 10:00 ص', '2016-02-29', '10:00', 'gregory'],
    ['3 إبريل 2015', '2015-04-03', null, 'gregory'],
    ['3 يونيه 2015', '2015-06-03', null, 'gregory'],
    ['3 آب 2015', '2015-08-03', null, 'gregory'],
    ['03 أيلول 2015', '2015-09-03', null, 'gregory'],
    ['14 محرم 1436 هـ', '2014-11-07', null, 'hijri'],
    ['الجمعة 14 محرم 1436هـ 07:11 ص', '2014-11-07', '07:11', 'hijri'],
    ['1 رمضان 1445 هـ', '2024-03-11', null, 'hijri'],
    ['الجمعة 14 محرم 1436 هـ الموافق 7 نوفمبر 2014 م', '2014-11-07', null, 'gregory'],
    ['2014-11-07 07:11', '2014-11-07', '07:11', 'gregory'],
    ['2014-11-07T19:11', '2014-11-07', '19:11', 'gregory'],
  ])('%s', (line, date, time, calendar) => {
    const r = parseDateLine(line, OFFSET);
    expect(r).toEqual({
      ok: true,
      date,
      time,
      iso: `${date}T${time ?? '00:00'}:00+03:00`,
      warnings: [],
      calendar,
      trailing: '',
    });
  });

  it('uses the given UTC offset, normalised', () => {
    const line = 'الجمعة 7 نوفمبر 2014 07:11 ص';
    expect(parseDateLine(line, '-05:00')).toMatchObject({ iso: '2014-11-07T07:11:00-05:00' });
    expect(parseDateLine(line, '+0530')).toMatchObject({ iso: '2014-11-07T07:11:00+05:30' });
    expect(parseDateLine(line, 'Z')).toMatchObject({ iso: '2014-11-07T07:11:00+00:00' });
    expect(parseDateLine(line, '3')).toEqual({ ok: false, reason: 'invalid UTC offset "3" (expected ±HH:MM)' });
  });

  it.each([
    ['+03:00', '+03:00'],
    ['-0330', '-03:30'],
    ['Z', '+00:00'],
    ['+3:00', null],
    ['+24:00', null],
    ['Asia/Riyadh', null],
  ])('normalizeUtcOffset(%s) → %s', (input, expected) => {
    expect(normalizeUtcOffset(input)).toBe(expected);
  });
});

describe('parseDateLine: warnings', () => {
  it.each([
    ['الخميس 7 نوفمبر 2014 07:11 ص', '2014-11-07', /weekday "الخميس" disagrees with 2014-11-07, which is a الجمعة/],
    ['الاثنين 7 نوفمبر 2014', '2014-11-07', /weekday "الاثنين" disagrees/],
    ['7 نوفمبر/تشرين الأول 2014', '2014-11-07', /month names disagree: "نوفمبر" and "تشرين الأول"/],
    ['الجمعة 7 نوفمبر 2014 07:11 ص بتوقيت مكة', '2014-11-07', /ignored trailing text "بتوقيت مكة"/],
    ['الجمعة 15 محرم 1436 هـ الموافق 7 نوفمبر 2014', '2014-11-07', /the two dates disagree \(2014-11-08 and 2014-11-07\); using 2014-11-07/],
  ])('%s', (line, date, warning) => {
    const r = parseDateLine(line, OFFSET);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.date).toBe(date);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(warning);
  });

  it('hands back the text it did not read, for callers that judge it', () => {
    const r = parseDateLine('الجمعة 7 نوفمبر 2014 07:11 ص  بتوقيت مكة ', OFFSET);
    expect(r.ok && r.trailing).toBe('بتوقيت مكة');
  });
});

describe('parseDateLine: rejected lines', () => {
  it.each([
    ['31 فبراير 2015', 'no such day: 31 فبراير 2015'],
    ['29 فبراير 2015 10:00 ص', 'no such day: 29 فبراير 2015'],
    ['0 مارس 2015', 'no such day: 0 مارس 2015'],
    ['30 محرم 1436 هـ', 'no such day: 30 محرم 1436'],
    ['الجمعة 7 نوفمبر 2014 13:11 م', 'hour 13 with م'],
    ['الجمعة 7 نوفمبر 2014 13:11 مساءً', 'hour 13 with مساءً'],
    ['الجمعة 7 نوفمبر 2014 00:11 م', 'hour 0 with م'],
    ['الجمعة 7 نوفمبر 2014 24:00', 'hour 24 out of range 0–23 in "24:00"'],
    ['الجمعة 7 نوفمبر 2014 07:61 ص', 'minute 61 out of range 0–59 in "07:61"'],
    ['الجمعة 7 نوفمبرر 2014', 'unknown month name "نوفمبرر"'],
    ['الجمعة 7 نوفمبر', 'no year after "7 نوفمبر"'],
    ['الجمعة 7 نوفمبر 14', 'year "14" is not 4 digits'],
    ['الجمعة 7 نوفمبر 1436 هـ', 'Gregorian month "نوفمبر" with a Hijri year marker'],
    ['7 نوفمبر 1850', 'year 1850 out of range 1900–2100: 7 نوفمبر 1850'],
    ['14 محرم 1300 هـ', 'Hijri year 1300 is outside the Umm al-Qura span 1356–1500 AH: 14 محرم 1300'],
    ['2015-02-29 10:00', 'no such day: 2015-02-29'],
    ['الجمعة الماضية', 'not a date line'],
    ['كشفت صحيفة «وول ستريت جورنال» أن الرئيس الأمريكي', 'not a date line'],
    ['', 'not a date line'],
  ])('%s', (line, reason) => {
    expect(parseDateLine(line, OFFSET)).toEqual({ ok: false, reason });
  });
});

describe('looksLikeDateLine', () => {
  it.each([
    ['الجمعة 7 نوفمبر 2014 07:11 ص', true],
    ['٧ نوفمبر ٢٠١٤', true],
    ['14 محرم 1436 هـ', true],
    ['2014-11-07', true],
    // Faulty date lines still count, so the article parser can report why they failed.
    ['31 فبراير 2015', true],
    ['الجمعة 7 نوفمبرر 2014', true],
    ['الجمعة 7', true],
    ['الجمعة 7 نوفمبر 2014 13:11 م', true],
    // Prose.
    ['الجمعة الماضية قال الرئيس', false],
    ['5 أشخاص 2014', false],
    ['رسالة سرية من «أوباما» لـ«خامنئي» حول قتال «الدولة الإسلامية»', false],
    ['7 نوفمبر 2014 ' + 'كلمة '.repeat(30), false],
    ['', false],
  ])('%s → %s', (line, expected) => {
    expect(looksLikeDateLine(line)).toBe(expected);
  });
});

describe('the seed article', () => {
  it.skipIf(!existsSync(seedFile))('dates its second block 2014-11-07T07:11:00+03:00', () => {
    const blocks = readFileSync(seedFile, 'utf8')
      .split(/\r?\n\s*\r?\n/)
      .map((b) => b.trim())
      .filter((b) => b !== '');
    const second = blocks[1] as string;
    expect(looksLikeDateLine(second)).toBe(true);
    expect(looksLikeDateLine(blocks[0] as string)).toBe(false);
    expect(parseDateLine(second, OFFSET)).toMatchObject({ ok: true, iso: '2014-11-07T07:11:00+03:00', warnings: [] });
  });

  it.skipIf(!existsSync(path.join(sharedDir, 'seeds')))('finds no other date line among the seed bodies', () => {
    for (const name of readdirSync(path.join(sharedDir, 'seeds'))) {
      const blocks = readFileSync(path.join(sharedDir, 'seeds', name), 'utf8').split(/\r?\n\s*\r?\n/);
      for (const block of blocks.slice(2)) expect(looksLikeDateLine(block.trim()), block.slice(0, 40)).toBe(false);
    }
  });

  if (!existsSync(seedFile)) it.skip(`seed file absent (${seedFile}); seed checks skipped`, () => {});
});
