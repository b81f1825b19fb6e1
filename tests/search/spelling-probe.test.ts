import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/analysis/normalize';
import { plainSpelling, spellingProbe } from '../../src/search/spelling-probe';

describe('spellingProbe', () => {
  it('knows every character normalization removes or folds, in every text it accepts (the whole BMP)', () => {
    // The probe reads a plain text one character at a time: each character must either
    // vanish under normalization (then the probe lets it sit between letters), stand for
    // itself, or be one of the spellings the probe lists for the letter it becomes.
    const probeOf = new Map<string, RegExp>();
    const problems: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (!plainSpelling(ch)) continue;
      const n = normalize(ch);
      if (n === ch) continue;
      if (n === '') {
        // Between two letters, a removed character must not break the match.
        if (!spellingProbe(['بت'])!.test(`ب${ch}ت`)) problems.push(`U+${c.toString(16)} removed but not skipped`);
        continue;
      }
      if (n.length !== 1) {
        problems.push(`U+${c.toString(16)} becomes ${n.length} characters`);
        continue;
      }
      let probe = probeOf.get(n);
      if (!probe) probeOf.set(n, (probe = new RegExp(spellingProbe([n])!.source)));
      if (!probe.test(ch)) problems.push(`U+${c.toString(16)} (→ ${n}) not a spelling of its letter`);
    }
    expect(problems).toEqual([]);
  });

  it('finds spellings with marks, tatweel, folded letters and other digits, and nothing else', () => {
    const probe = spellingProbe(['مسءول', 'اير', '2014'])!;
    const text = 'قال مسئول إن الإيـــرانيين وَالمَسْؤُولين في ٢٠١٤ و ۲۰۱۴ لا الأمريكيين ولا مسؤ';
    const found = [...text.matchAll(probe)].map((m) => m[0]);
    expect(found).toEqual(['مسئول', 'إيـــر', 'مَسْؤُول', '٢٠١٤', '۲۰۱۴']);
  });

  it('drops needles that hold a shorter one, and has nothing to look for without needles', () => {
    expect(spellingProbe(['ايران', 'اير', 'لايران']))!.toEqual(spellingProbe(['اير']));
    expect(spellingProbe([])).toBeNull();
    expect(spellingProbe([''])).toBeNull();
  });

  it('treats a Latin needle case-insensitively and escapes regular-expression characters', () => {
    expect('The COVID-19 case'.match(spellingProbe(['covid'])!)?.[0]).toBe('COVID');
    expect('a 3.5 b 305'.match(spellingProbe(['3.5'])!)).toEqual(['3.5']);
  });

  it('turns away texts whose normalization depends on neighbouring characters', () => {
    expect(plainSpelling('قال المسؤول «الأمر» ٢٠١٤')).toBe(true);
    for (const t of ['ﻻ يوجد', 'و\u0654', 'café', 'cafe\u0301', 'نص 😀']) expect(plainSpelling(t), t).toBe(false);
  });
});
