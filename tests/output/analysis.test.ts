import { describe, expect, it } from 'vitest';
import type { AnalyzedToken } from '../../src/analysis/analyzer';
import type { MatchExplanation } from '../../src/analysis/explain';
import type { Variant } from '../../src/analysis/variants';
import { formatAnalysis, formatMatch, tokenJson } from '../../src/output/analysis';
import { outputSettings } from '../support/output-settings';

// Hand-made analyses: these tests are about the output, not about the analyzer.
const tokens: AnalyzedToken[] = [
  { text: 'والمدارس', start: 0, end: 8, exact: 'والمدارس', stems: ['مدارس', 'مدرس'] },
  { text: 'OPEC', start: 9, end: 13, exact: 'opec', stems: ['opec'] },
];
const plural: Variant = { term: 'مدرسه', field: 'stem', kind: 'singular', weight: 0.8, spelling: 'مدرسة', rule: 'lexicon' };
const variants: Variant[][] = [[plural], []];

const match: MatchExplanation = {
  query: 'مدرسة',
  document: 'المدارس',
  term: 'مدرسه',
  field: 'stem',
  queryReading: 'stem',
  documentReading: 'plural of',
  variant: plural,
};

describe('tokenJson', () => {
  it('has the stable fields, and variants only when asked for', () => {
    expect(tokenJson(tokens[0]!)).toEqual({ token: 'والمدارس', start: 0, end: 8, exact: 'والمدارس', stems: ['مدارس', 'مدرس'] });
    expect(tokenJson(tokens[0]!, [plural]).variants).toEqual([
      { term: 'مدرسه', field: 'stem', kind: 'singular', weight: 0.8, spelling: 'مدرسة', rule: 'lexicon' },
    ]);
  });
});

describe('formatAnalysis', () => {
  it('writes one JSON object per token, the same in NDJSON', () => {
    const json = JSON.parse(formatAnalysis(tokens, outputSettings('json'), variants)) as unknown[];
    const nd = formatAnalysis(tokens, outputSettings('ndjson'), variants)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(json).toHaveLength(2);
    expect(nd).toEqual(json);
    expect(json[1]).toMatchObject({ token: 'OPEC', variants: [] });
  });

  it('writes token, exact form and space-separated stems as TSV, a variants column only when asked', () => {
    expect(formatAnalysis(tokens, outputSettings('tsv'))).toBe('والمدارس\tوالمدارس\tمدارس مدرس\nOPEC\topec\topec\n');
    const withVariants = formatAnalysis(tokens, outputSettings('tsv'), variants).split('\n');
    expect(withVariants[0]).toBe('والمدارس\tوالمدارس\tمدارس مدرس\tمدرسه (singular 0.8)');
    expect(withVariants[1]).toBe('OPEC\topec\topec\t');
  });

  it('names its CSV columns', () => {
    expect(formatAnalysis(tokens, outputSettings('csv')).split('\r\n')[0]).toBe('token,exact,stems');
    expect(formatAnalysis(tokens, outputSettings('csv'), variants).split('\r\n')[0]).toBe('token,exact,stems,variants');
  });

  it('draws a table holding every token', () => {
    const out = formatAnalysis(tokens, outputSettings('table'), variants);
    for (const word of ['والمدارس', 'OPEC', 'مدرسه (singular 0.8)', 'variants']) expect(out).toContain(word);
  });
});

describe('formatMatch', () => {
  it('writes the match with its variant as JSON, and null without one', () => {
    const [withVariant, without] = JSON.parse(formatMatch([match, { ...match, variant: undefined }], outputSettings('json'))) as Array<Record<string, unknown>>;
    expect(withVariant).toMatchObject({ query: 'مدرسة', document: 'المدارس', term: 'مدرسه', field: 'stem', queryReading: 'stem', documentReading: 'plural of' });
    expect(withVariant?.variant).toMatchObject({ kind: 'singular', weight: 0.8 });
    expect(without?.variant).toBeNull();
  });

  it('puts field and term in one column in TSV', () => {
    expect(formatMatch([match], outputSettings('tsv'))).toBe('مدرسة\tالمدارس\tstem مدرسه\tstem\tplural of\n');
  });

  it('draws nothing for no match on a terminal, but a header in CSV', () => {
    expect(formatMatch([], outputSettings('table'))).toBe('');
    expect(formatMatch([], outputSettings('csv'))).toBe('query,document,term,query reading,document reading\r\n');
    expect(JSON.parse(formatMatch([], outputSettings('json')))).toEqual([]);
  });
});
