import { describe, expect, it } from 'vitest';
import type { KeywordCount } from '../../src/features/keywords';
import { formatKeywordCounts, formatSuggestions, keywordJson } from '../../src/output/keywords';
import { outputSettings } from '../support/output-settings';

const counts: KeywordCount[] = [
  { key: 'ايران', keyword: 'إيران', count: 12 },
  { key: 'opec', keyword: 'OPEC', count: 1 },
];

describe('formatKeywordCounts', () => {
  it('keeps keyword, key and count in JSON, in the order given', () => {
    expect(JSON.parse(formatKeywordCounts(counts, outputSettings('json')))).toEqual([
      { keyword: 'إيران', key: 'ايران', count: 12 },
      { keyword: 'OPEC', key: 'opec', count: 1 },
    ]);
    expect(keywordJson({ ...counts[0]!, score: 0.5 } as KeywordCount)).not.toHaveProperty('score');
  });

  it('writes keyword and count per line in TSV and CSV', () => {
    expect(formatKeywordCounts(counts, outputSettings('tsv'))).toBe('إيران\t12\nOPEC\t1\n');
    expect(formatKeywordCounts(counts, outputSettings('csv'))).toBe('keyword,count\r\nإيران,12\r\nOPEC,1\r\n');
  });

  it('labels the table in the run\'s language', () => {
    const ar = formatKeywordCounts(counts, outputSettings('table', { lang: 'ar' }));
    expect(ar).toContain('المقالات');
    expect(ar).toContain('إيران');
    expect(ar).not.toContain('articles');
    expect(formatKeywordCounts(counts, outputSettings('table'))).toContain('articles');
  });
});

describe('formatSuggestions', () => {
  it('points to `newsq tags` when there is nothing close', () => {
    expect(formatSuggestions([])).toMatch(/newsq tags/);
  });

  it('lists each suggestion with its article count, singular for one', () => {
    const out = formatSuggestions([
      { key: 'ايران', keyword: 'إيران', count: 12, score: 0.9 },
      { key: 'opec', keyword: 'OPEC', count: 1, score: 0.4 },
    ]).split('\n');
    expect(out).toEqual(['did you mean:', '  إيران  (12 articles)', '  OPEC  (1 article)']);
  });

  it('sanitizes keywords from the archive before they reach stderr', () => {
    const out = formatSuggestions([{ key: 'x', keyword: 'x\x1b]0;pwned\x07\u202ey', count: 2, score: 1 }]);
    expect(out).not.toMatch(/[\x1b\x07\u202e]|pwned/u);
    expect(out).toContain('xy');
  });
});
