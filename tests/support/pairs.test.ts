import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tokenizeStandard } from './baselines/tokenize';
import { evaluatePairs, formatEvaluation, loadPairs, parsePairs, type Pair } from './pairs';

const FIXTURE = fileURLToPath(new URL('../fixtures/arabic-pairs.tsv', import.meta.url));
const HEADER = 'query\tdocument\texpect\tkind\tnote';

describe('parsePairs', () => {
  it('reads every field and remembers the 1-based line', () => {
    const pairs = parsePairs(`${HEADER}\nرسالة\tوالرسالة\tmatch\tclitic\tو + ال\n\nلبنان\tلبن\ttrap\toverstem-name\t\n`);
    expect(pairs).toEqual([
      { query: 'رسالة', document: 'والرسالة', expect: 'match', kind: 'clitic', note: 'و + ال', line: 2 },
      { query: 'لبنان', document: 'لبن', expect: 'trap', kind: 'overstem-name', note: '', line: 4 },
    ]);
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const pairs = parsePairs(`\uFEFF${HEADER}\r\na\tb\tmatch\tk\tn\r\n`);
    expect(pairs.map((p) => [p.query, p.note])).toEqual([['a', 'n']]);
  });

  it('keeps invisible characters inside the fields', () => {
    const [pair] = parsePairs(`${HEADER}\nإيران\tإيران\u200f\tmatch\tpunctuation\tRLM\n`);
    expect(pair?.document).toBe('إيران\u200f');
  });

  it.each([
    ['a wrong header', 'query\tdocument\texpect\tkind\nx\ty\tmatch\tk', /:1: header/],
    ['a missing field', `${HEADER}\nx\ty\tmatch\tk`, /:2: expected 5/],
    ['an unknown expectation', `${HEADER}\nx\ty\tmaybe\tk\tn`, /:2: expect must be/],
    ['an empty query', `${HEADER}\n\ty\tmatch\tk\tn`, /:2: query, document and kind/],
    ['an empty kind', `${HEADER}\nx\ty\ttrap\t\tn`, /:2: query, document and kind/],
  ])('rejects %s with the line number', (_label, text, message) => {
    expect(() => parsePairs(text, 'pairs.tsv')).toThrow(message);
  });
});

describe('evaluatePairs', () => {
  const pair = (query: string, document: string, expect: Pair['expect'], kind: string): Pair => ({
    query,
    document,
    expect,
    kind,
    note: '',
    line: 0,
  });
  const pairs = [
    pair('a', 'a1', 'match', 'x'),
    pair('b', 'b1', 'match', 'x'),
    pair('c', 'c1', 'match', 'y'),
    pair('d', 'e', 'trap', 'y'),
    pair('f', 'g', 'trap', 'z'),
  ];
  // Matches when the document starts with the query, so d/e and f/g differ only by the predicate.
  const prefix = (query: string, document: string) => document.startsWith(query) || (query === 'f' && document === 'g');

  it('scores recall and false matches overall', () => {
    const result = evaluatePairs(pairs, (q, d) => prefix(q, d) && q !== 'b');
    expect(result.recall).toBeCloseTo(2 / 3);
    expect(result.falseMatchRate).toBeCloseTo(1 / 2);
    expect(result.matchPairs).toBe(3);
    expect(result.trapPairs).toBe(2);
    expect(result.missed.map((p) => p.query)).toEqual(['b']);
    expect(result.wrongly.map((p) => p.query)).toEqual(['f']);
  });

  it('counts a trap met only below the typed spelling as a false match, and apart at rank', () => {
    const result = evaluatePairs(pairs, (q, d) => (q === 'f' ? 'below' : prefix(q, d)));
    expect(result.falseMatchRate).toBeCloseTo(1 / 2);
    expect(result.falseMatchAtRankRate).toBe(0);
    expect(result.rankedBelow.map((p) => p.query)).toEqual(['f']);
    expect(evaluatePairs(pairs, prefix).falseMatchAtRankRate).toBeCloseTo(1 / 2);
  });

  it('scores each kind on its own, with NaN where a kind has no pair of that expectation', () => {
    const result = evaluatePairs(pairs, prefix);
    expect(Object.keys(result.byKind).sort()).toEqual(['x', 'y', 'z']);
    expect(result.byKind.x).toMatchObject({ recall: 1, matchPairs: 2, trapPairs: 0 });
    expect(result.byKind.x?.falseMatchRate).toBeNaN();
    expect(result.byKind.y).toMatchObject({ recall: 1, falseMatchRate: 0 });
    expect(result.byKind.z?.recall).toBeNaN();
    expect(result.byKind.z?.falseMatchRate).toBe(1);
  });

  it('calls the predicate with the query first', () => {
    const seen: string[] = [];
    evaluatePairs([pair('q', 'd', 'match', 'k')], (q, d) => {
      seen.push(`${q}>${d}`);
      return true;
    });
    expect(seen).toEqual(['q>d']);
  });

  it('formats one row per kind after the overall row', () => {
    const table = formatEvaluation('demo', evaluatePairs(pairs, prefix));
    const lines = table.split('\n');
    expect(lines[0]).toBe('demo');
    expect(lines[2]).toMatch(/^all\s+100\.0% of\s+3\s+50\.0% of\s+2$/);
    expect(lines.slice(3).map((l) => l.split(/\s+/)[0])).toEqual(['x', 'y', 'z']);
  });
});

describe('the Arabic evaluation pairs fixture', () => {
  const pairs = existsSync(FIXTURE) ? loadPairs(FIXTURE) : [];
  const traps = pairs.filter((p) => p.expect === 'trap');
  const matches = pairs.filter((p) => p.expect === 'match');

  it('has 400–600 pairs, about 70% of them should-match', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(400);
    expect(pairs.length).toBeLessThanOrEqual(600);
    expect(matches.length / pairs.length).toBeGreaterThan(0.65);
    expect(matches.length / pairs.length).toBeLessThan(0.75);
  });

  it.each([
    ['clitic', 'match', 40],
    ['suffix', 'match', 40],
    ['spelling', 'match', 40],
    ['diacritics', 'match', 20],
    ['punctuation', 'match', 20],
    ['digits', 'match', 20],
    ['presentation', 'match', 12],
    ['overstem-name', 'trap', 40],
    ['overstem-word', 'trap', 20],
    ['overfold', 'trap', 10],
  ] as const)('covers %s (%s) with at least %i pairs', (kind, expectation, minimum) => {
    expect(pairs.filter((p) => p.kind === kind && p.expect === expectation).length).toBeGreaterThanOrEqual(minimum);
  });

  it('explains every pair and never pairs a string with itself', () => {
    expect(pairs.filter((p) => p.note.trim() === '').map((p) => p.line)).toEqual([]);
    expect(pairs.filter((p) => p.query === p.document).map((p) => p.line)).toEqual([]);
  });

  it('lists each (query, document) once', () => {
    const seen = new Map<string, number>();
    const repeats: number[] = [];
    for (const p of pairs) {
      const key = `${p.query}\t${p.document}`;
      if (seen.has(key)) repeats.push(p.line);
      seen.set(key, p.line);
    }
    expect(repeats).toEqual([]);
  });

  it('has no trap that the required folding (diacritics, alef, ى, ة, Farsi letters, digits) already merges', () => {
    const fold = (s: string) =>
      s
        .normalize('NFKC')
        .replace(/[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED]/g, '')
        .replace(/[أإآٱ]/g, 'ا')
        .replace(/[ىی]/g, 'ي')
        .replace(/ة/g, 'ه')
        .replace(/ک/g, 'ك')
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
    expect(traps.filter((p) => fold(p.query) === fold(p.document)).map((p) => p.line)).toEqual([]);
  });

  it('is consistent: no trap joins two words that chains of should-match pairs already join', () => {
    // Matching by equal analyzed terms is an equivalence on one-word strings, so if A~B and B~C
    // must match, A/C cannot be a trap that any such analyzer avoids.
    const parent = new Map<string, string>();
    const root = (word: string): string => {
      const up = parent.get(word);
      if (up === undefined || up === word) return word;
      const top = root(up);
      parent.set(word, top);
      return top;
    };
    const oneWord = (s: string) => tokenizeStandard(s).length === 1;
    for (const p of matches) {
      if (oneWord(p.query) && oneWord(p.document)) parent.set(root(p.query), root(p.document));
    }
    expect(traps.filter((p) => root(p.query) === root(p.document)).map((p) => p.line)).toEqual([]);
  });
});
