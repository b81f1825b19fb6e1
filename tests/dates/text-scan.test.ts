import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWordAt, readDigits, skipChars, skipSpaces, wordEnd } from '../../src/dates/text-scan';

describe('skipChars and skipSpaces', () => {
  it('move past a run of the given characters, and no further', () => {
    expect(skipChars('--/ 12', 0, '-/ ')).toBe(4);
    expect(skipChars('abc', 1, 'x')).toBe(1);
    expect(skipChars('   ', 1, ' ')).toBe(3);
    expect(skipSpaces('a   b', 1)).toBe(4);
    // only U+0020: folded text has no other spaces, so others stop the scan
    expect(skipSpaces('\u00a0b', 0)).toBe(0);
  });
});

describe('readDigits', () => {
  it('reads a run of ASCII digits exactly at the position, keeping how many were written', () => {
    expect(readDigits('يوم 07 مارس', 4)).toEqual({ value: 7, start: 4, end: 6, length: 2 });
    expect(readDigits('2015-03', 0)).toEqual({ value: 2015, start: 0, end: 4, length: 4 });
    expect(readDigits('a12', 0)).toBeNull();
    expect(readDigits('12', 2)).toBeNull();
    // Arabic-Indic digits are folded before scanning; unfolded they are not digits here
    expect(readDigits('٢٠١٥', 0)).toBeNull();
  });

  it('reads back any number written in decimal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5 }).filter((s) => !/\d$/.test(s)), fc.nat(), fc.nat(3), (before, n, zeros) => {
        const written = '0'.repeat(zeros) + String(n);
        const run = readDigits(`${before}${written}x`, before.length)!;
        expect(run).toEqual({ value: n, start: before.length, end: before.length + written.length, length: written.length });
      }),
    );
  });
});

describe('wordEnd', () => {
  it('moves past letters and combining marks, stopping at digits, spaces and punctuation', () => {
    expect(wordEnd('مارسَ 2015', 0)).toBe(5);
    expect(wordEnd('march2015', 0)).toBe(5);
    expect(wordEnd(' word', 0)).toBe(0);
    expect(wordEnd('abc', 3)).toBe(3);
  });
});

describe('matchWordAt', () => {
  it('matches a listed word standing whole at the position', () => {
    expect(matchWordAt('في مارس 2015', 3, ['مارس', 'مايو'])).toBe(7);
    expect(matchWordAt('مارس', 0, ['مارس'])).toBe(4);
  });

  it('refuses a word that goes on, and one not at the position', () => {
    expect(matchWordAt('مارسيل', 0, ['مارس'])).toBe(-1);
    expect(matchWordAt('في مارس', 0, ['مارس'])).toBe(-1);
  });

  it('takes the longest of the words that match, whatever their order', () => {
    expect(matchWordAt('شهر رمضان المبارك', 4, ['رمضان', 'رمضان المبارك'])).toBe(17);
    expect(matchWordAt('شهر رمضان المبارك', 4, ['رمضان المبارك', 'رمضان'])).toBe(17);
    // the longer one goes on into a word: the shorter one stands
    expect(matchWordAt('رمضان المباركة', 0, ['رمضان', 'رمضان المبارك'])).toBe(5);
  });
});
