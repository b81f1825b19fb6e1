import { describe, expect, it, vi } from 'vitest';
import {
  ANALYZER_VERSION,
  analyzeText,
  analyzeWord,
  analyzerFingerprint,
  computeFingerprint,
  indexableTokens,
  phraseKey,
} from '../../src/analysis/analyzer';
import { foldLetters, normalize, normalizePhrase } from '../../src/analysis/normalize';

const SAMPLE_WORDS = [
  'والرسالة',
  'للرسالة',
  'رسالته',
  'لبنان',
  'ولبنان',
  'وطهران',
  'المسؤولين',
  'سيؤكد',
  'عبدالله',
  'خلاله',
  'مدينة',
  '٢٠١٤',
  '٣٫٥',
  'Reuters',
  'ﻻ',
  'كـــبـــيـــر',
];

describe('ANALYZER_VERSION', () => {
  it('is a positive integer', () => {
    expect(Number.isInteger(ANALYZER_VERSION)).toBe(true);
    expect(ANALYZER_VERSION).toBeGreaterThan(0);
  });
});

describe('analyzerFingerprint', () => {
  it('is a lowercase hex string longer than its CRC part', () => {
    expect(analyzerFingerprint()).toMatch(/^[0-9a-f]{9,}$/);
  });

  it('is the same on every call', () => {
    const first = analyzerFingerprint();
    analyzeText('كلمات أخرى تحلل بين الاستدعاءين'); // a warm cache must not change it
    expect(analyzerFingerprint()).toBe(first);
    expect(computeFingerprint()).toBe(first);
    expect(computeFingerprint()).toBe(computeFingerprint());
  });

  it('does not depend on what was analyzed before it, or on a warm cache', async () => {
    const warm = computeFingerprint();
    vi.resetModules();
    const fresh = await import('../../src/analysis/analyzer');
    expect(fresh.computeFingerprint()).toBe(warm);
  });
});

describe('analyzeText', () => {
  it('gives each token its offsets in the original text', () => {
    const text = 'قالت «الحكومةُ»، في بيانٍ: إنّ النموَّ بلغ ٣٫٥ بالمئة عام ٢٠١٤.';
    const tokens = analyzeText(text);
    expect(tokens.length).toBeGreaterThan(5);
    let last = -1;
    for (const t of tokens) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
      expect(t.start).toBeGreaterThan(last);
      last = t.start;
    }
  });

  it('keeps diacritics in the token text but not in its terms', () => {
    const [t] = analyzeText('«الحُكُومَةُ»');
    expect(t!.text).toBe('الحُكُومَةُ');
    expect(t!.exact).toBe('الحكومة');
    expect(t!.stems).toEqual(analyzeWord('الحكومة')!.stems);
  });

  it('gives each token the analysis analyzeWord gives its text', () => {
    for (const t of analyzeText('وقال المسؤولون لـ«رويترز» إن الرسالة وصلت')) {
      expect({ exact: t.exact, stems: t.stems }).toEqual(analyzeWord(t.text));
    }
  });

  it.each([
    ['an Arabic decimal number', 'بنسبة ٣٫٥ بالمئة', '٣٫٥', '3.5'],
    ['an Arabic thousands separator', 'نحو ١٬٠٠٠ شخص', '١٬٠٠٠', '1,000'],
    ['a Latin decimal number', 'بنسبة 3.5 بالمئة', '3.5', '3.5'],
  ])('keeps %s whole', (_, text, token, exact) => {
    const found = analyzeText(text).find((t) => t.text === token);
    expect(found?.exact).toBe(exact);
  });

  it('splits digits glued to Arabic letters', () => {
    // The era letter م is then a lone letter and is not indexed.
    expect(analyzeText('عام ٢٠١٥م').map((t) => [t.text, t.exact])).toEqual([
      ['عام', 'عام'],
      ['٢٠١٥', '2015'],
    ]);
    expect(analyzeText('الـ20').map((t) => t.exact)).toContain('20');
  });

  it.each([
    ['guillemets', 'قال«إيران»طهران'],
    ['the Arabic comma', 'قال،إيران،طهران'],
    ['the Arabic semicolon', 'قال؛إيران؛طهران'],
    ['the Arabic question mark', 'قال؟إيران؟طهران'],
    ['Latin punctuation', 'قال.إيران,طهران'],
    ['Latin quotes and brackets', 'قال"إيران"(طهران)'],
    ['colons, dashes and exclamation marks', 'قال:إيران-طهران!'],
  ])('splits on %s', (_, text) => {
    expect(analyzeText(text).map((t) => t.text)).toEqual(['قال', 'إيران', 'طهران']);
  });

  it('drops a detached clitic and tokens with nothing indexable', () => {
    // لـ before «خامنئي» is a lone letter once tatweel goes; a lone RLM is nothing at all.
    expect(analyzeText('لـ«خامنئي»').map((t) => t.text)).toEqual(['خامنئي']);
    expect(analyzeWord('\u200f')).toBeNull();
    expect(analyzeWord('لـ')).toBeNull();
  });

  it('analyzes Latin words and numbers as their folded selves', () => {
    expect(analyzeWord('Reuters')).toEqual({ exact: 'reuters', stems: ['reuters'] });
    expect(analyzeWord('2014')).toEqual({ exact: '2014', stems: ['2014'] });
  });

  it('returns nothing for text with no words', () => {
    expect(analyzeText('')).toEqual([]);
    expect(analyzeText(' «» ، ؛ ؟ ... ')).toEqual([]);
  });
});

describe('analyzeWord', () => {
  it('gives every word an exact form that folds to its normalization', () => {
    for (const w of SAMPLE_WORDS) expect(foldLetters(analyzeWord(w)!.exact)).toBe(normalize(w));
  });

  it('keeps in the exact form the letters that tell homographs apart, and folds the rest', () => {
    // Hamza on alef, ى and ة distinguish words (media / flags, saw / opinion, on / Ali).
    expect(analyzeWord('إعلام')!.exact).not.toBe(analyzeWord('أعلام')!.exact);
    expect(analyzeWord('رأى')!.exact).not.toBe(analyzeWord('رأي')!.exact);
    expect(analyzeWord('على')!.exact).not.toBe(analyzeWord('علي')!.exact);
    expect(analyzeWord('عامة')!.exact).not.toBe(analyzeWord('عامه')!.exact);
    // ...while their stems still meet.
    expect(analyzeWord('إعلام')!.stems).toEqual(analyzeWord('أعلام')!.stems);
    expect(analyzeWord('رأى')!.stems).toEqual(analyzeWord('رأي')!.stems);
    // Hamza seats, diacritics, tatweel, Persian letters and digits are folded in the exact form too.
    expect(analyzeWord('مسئول')!.exact).toBe(analyzeWord('مسؤول')!.exact);
    expect(analyzeWord('إيرانی')!.exact).toBe(analyzeWord('إيراني')!.exact);
    expect(analyzeWord('كِتَابٌ')!.exact).toBe('كتاب');
  });

  it('gives every word at least one stem and no empty one', () => {
    for (const w of SAMPLE_WORDS) {
      const a = analyzeWord(w)!;
      expect(a.stems.length).toBeGreaterThan(0);
      for (const s of a.stems) expect(s.length).toBeGreaterThan(0);
    }
  });

  it('returns equal results on repeated calls', () => {
    const first = SAMPLE_WORDS.map((w) => analyzeWord(w));
    const again = SAMPLE_WORDS.map((w) => analyzeWord(w));
    expect(again).toEqual(first);
    // A different string instance with the same content hits the same entry.
    const rebuilt = SAMPLE_WORDS.map((w) => analyzeWord([...w].join('')));
    expect(rebuilt).toEqual(first);
  });

  it('does not depend on the order words were analyzed in', async () => {
    const warm = SAMPLE_WORDS.map((w) => analyzeWord(w));
    vi.resetModules();
    const fresh = await import('../../src/analysis/analyzer');
    const cold = [...SAMPLE_WORDS].reverse().map((w) => fresh.analyzeWord(w)).reverse();
    expect(cold).toEqual(warm);
  });
});

describe('indexableTokens', () => {
  it('lists the raw spellings of the tokens analyzeText keeps, in order', () => {
    const text = 'لـ«خامنئي» قال، في ٢٠١٤م: \u200f الرسالةُ وصلت';
    expect(indexableTokens(text)).toEqual(analyzeText(text).map((t) => t.text));
  });
});

describe('phraseKey', () => {
  it('is the normalized phrase', () => {
    const phrase = '«وكالةُ الأنباء» الرسمية، (واس)';
    expect(phraseKey(phrase)).toBe(normalizePhrase(phrase));
    expect(phraseKey(phrase)).toBe(phraseKey('وكالة الانباء الرسميه واس'));
  });
});
