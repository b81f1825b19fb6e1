import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachTokenSpan, tokenize, tokenizeByPattern, tokenizeWords, tokenizeWordsByPattern } from '../../src/analysis/tokenize';

describe('tokenize', () => {
  it.each([
    ['guillemets and tatweel split a clitic from a name', 'لـ«خامنئي»', ['لـ', 'خامنئي']],
    ['Arabic punctuation separates', 'إيران، طهران؛ لماذا؟', ['إيران', 'طهران', 'لماذا']],
    ['a decimal number stays whole', 'نمو ٣٫٥ بالمئة و3.5', ['نمو', '٣٫٥', 'بالمئة', 'و', '3.5']],
    ['a full stop after a number ends the sentence', 'عام 2014.', ['عام', '2014']],
    ['digits glued to Arabic letters are two words', '٢٠١٥م الـ20', ['٢٠١٥', 'م', 'الـ', '20']],
    ['ZWNJ and marks stay inside the word', 'می\u200cخواهم مَبنى', ['می\u200cخواهم', 'مَبنى']],
    ['the rial sign is a word, apart from the digits before it', 'بـ500﷼ أو ﷼', ['بـ', '500', '﷼', 'أو', '﷼']],
  ])('%s', (_, text, expected) => {
    expect(tokenizeWords(text)).toEqual(expected);
    expect(tokenizeWordsByPattern(text)).toEqual(expected);
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(expected);
    expect(tokenizeByPattern(text)).toEqual(tokenize(text));
  });

  it('the table-driven scanner splits exactly like the regular expression', () => {
    const alphabet = ['ا', 'ل', 'ر', 'ة', 'ـ', 'ً', '\u200c', '\u200f', '٣', '٫', '٬', '3', '.', ',', 'a', ' ', '«', '»', '،', '-', '\n', '۲', 'é', '\u00ad', 'م', 'ﻻ', '﷼'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const spans: string[] = [];
        expect(forEachTokenSpan(s, (a, b) => spans.push(s.slice(a, b)))).toBe(true);
        expect(spans).toEqual(tokenizeWordsByPattern(s));
        expect(tokenize(s)).toEqual(tokenizeByPattern(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves text outside the Basic Multilingual Plane to the regular expression', () => {
    expect(forEachTokenSpan('خبر 😀 عاجل', () => {})).toBe(false);
    expect(tokenizeWords('خبر 😀 عاجل 𝟐')).toEqual(['خبر', 'عاجل', '𝟐']);
  });
});
