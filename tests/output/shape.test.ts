import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { joinArabic, lamAlefCount, shapeArabic } from '../../src/output/shape';
import { fribidiAvailable } from '../support/output-fribidi';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('shape.test: `fribidi` is not installed; the comparison with its shaping is skipped');

describe('Arabic joining', () => {
  it('every presentation form used decomposes (NFKC) to the letter it stands for', () => {
    for (let cp = 0x0600; cp <= 0x06ff; cp++) {
      const letter = String.fromCodePoint(cp);
      // The letter in each position: alone, at the end, at the start, in the middle of ب…ب.
      for (const word of [letter, `ب${letter}`, `${letter}ب`, `ب${letter}ب`]) {
        const shaped = shapeArabic(word);
        const at = word.indexOf(letter);
        const form = shaped.get(at);
        if (form === undefined || form === letter) continue;
        expect(form.normalize('NFKC'), `U+${cp.toString(16)} in ${word}`).toBe(letter);
      }
    }
  });

  it('joins on both sides, only to the letter before for right-joining ones, across harakat', () => {
    // ب initial, ا final, ب initial again after the alef, ت final.
    expect(joinArabic('باب')).toBe('\ufe91\ufe8e\ufe8f');
    expect(joinArabic('بَيت')).toBe('\ufe91\u064e\ufef4\ufe96');
  });

  it('turns lam + alef into the one-cell ligature, final after a joining letter', () => {
    expect(joinArabic('لا')).toBe('\ufefb');
    expect(joinArabic('كلا')).toBe('\ufedb\ufefc');
    expect(joinArabic('الأمن')).toBe('\ufe8d\ufef7\ufee3\ufee6');
    expect(lamAlefCount('لا إله إلا الله')).toBe(2);
  });

  it.skipIf(!haveFribidi)('joins as FriBidi does on real headlines', () => {
    const lines = [
      'مجلس الأمن يصادق بالإجماع على الاتفاق النووي مع إيران',
      'خامنئي يخضع لجراحة في البروستاتا بأحد مستشفيات طهران',
      'طِفْلاً مُسْلِمًا يتلقى اللقاح في 2015',
      'الإيرانيون يصوتون لاختيار البرلمان ومجلس خبراء القيادة',
    ];
    // FriBidi shapes in its visual output; the forms chosen do not depend on the order they
    // are written in, so each word's joined letters are compared as a multiset.
    for (const line of lines) {
      const out = execFileSync('fribidi', ['--nopad', '--nobreak', '--clean', '--rtl'], { input: `${line}\n`, encoding: 'utf8' }).replace(/\n$/, '').replace(/\ufeff/g, '');
      const ours = joinArabic(line).replace(/\ufeff/g, '');
      const words = (s: string): string[] => s.split(/\s+/).map((w) => Array.from(w).sort().join('')).sort();
      expect(words(ours)).toEqual(words(out));
    }
  });
});
