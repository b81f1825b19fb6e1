// Keyword listing, matching through the Arabic normalization, and suggestions, checked
// against the stored articles of the demo archive (read directly, not through postings).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phraseKey } from '../../src/analysis/analyzer';
import { buildIndex } from '../../src/ingest/build';
import { ArchiveIndex } from '../../src/index/reader';
import {
  SUGGESTION_THRESHOLD,
  docsWithKeywords,
  keywordCounts,
  keywordDocs,
  keywordSidecar,
  keywordSimilarity,
  matchKeyword,
  suggestKeywords,
} from '../../src/features/keywords';
import { dayNumber } from '../../src/index/format';
import { buildDemoIndexIn, tempDir } from '../support/cli';

const tmp = tempDir('keywords');
let index: ArchiveIndex;
/** Live document → its stored keywords, normalized (the ground truth). */
const truth = new Map<number, Set<string>>();

beforeAll(() => {
  index = ArchiveIndex.open(buildDemoIndexIn(path.join(tmp.dir, 'demo')));
  for (const doc of index.liveDocs()) truth.set(doc, new Set(index.stored(doc).keywords.map(phraseKey)));
});
afterAll(() => {
  index?.close();
  tmp.remove();
});

function docsCarrying(key: string, accept: (doc: number) => boolean = () => true): number[] {
  return [...truth].filter(([doc, keys]) => keys.has(key) && accept(doc)).map(([doc]) => doc);
}

describe('keywordCounts', () => {
  it('counts, for every keyword, the articles whose stored keywords hold it', () => {
    const counts = keywordCounts(index);
    const distinct = new Set([...truth.values()].flatMap((s) => [...s]));
    expect(counts.map((c) => c.key).sort()).toEqual([...distinct].sort());
    for (const c of counts) expect(c.count).toBe(docsCarrying(c.key).length);
  });

  it('lists the most used first, ties in keyword order, with the archive spelling', () => {
    const counts = keywordCounts(index);
    for (let i = 1; i < counts.length; i++) {
      const [a, b] = [counts[i - 1]!, counts[i]!];
      expect(a.count > b.count || (a.count === b.count && a.keyword < b.keyword)).toBe(true);
    }
    const iran = counts.find((c) => c.key === phraseKey('إيران'))!;
    expect(iran.keyword).toBe('إيران');
    expect(counts[0]).toEqual(iran);
  });

  it('counts only the documents a filter accepts (a date range), dropping keywords left at zero', () => {
    const from = dayNumber('2016-01-01');
    const to = dayNumber('2016-12-31');
    const accept = (doc: number) => {
      const d = index.day(doc);
      return d !== null && d >= from && d <= to;
    };
    const counts = keywordCounts(index, accept);
    expect(counts.length).toBeGreaterThan(5);
    expect(counts.length).toBeLessThan(keywordCounts(index).length);
    for (const c of counts) expect(c.count).toBe(docsCarrying(c.key, accept).length);
  });
});

describe('matchKeyword', () => {
  it.each([
    ['the archive spelling', 'إيران', 'إيران'],
    ['a missing hamza', 'ايران', 'إيران'],
    ['diacritics', 'إِيرَان', 'إيران'],
    ['a multi-word keyword with a missing hamza', 'الدولة الاسلامية', 'الدولة الإسلامية'],
    ['ta marbuta written as ha', 'الدولة الإسلاميه', 'الدولة الإسلامية'],
    ['extra spaces and guillemets', '  «الاتفاق   النووي» ', 'الاتفاق النووي'],
    ['alef maqsura for ya', 'خامنئى', 'خامنئي'],
  ])('matches %s', (_name, input, keyword) => {
    const m = matchKeyword(index, input);
    expect(m.keyword).toBe(keyword);
    expect(m.docs).toEqual(docsCarrying(phraseKey(keyword)));
    expect(m.docs.length).toBeGreaterThan(0);
  });

  it('does not match a word that is only part of a keyword', () => {
    const m = matchKeyword(index, 'الدولة');
    expect(m.keyword).toBeNull();
    expect(m.docs).toEqual([]);
  });

  it('lists the documents in archive order', () => {
    const docs = keywordDocs(index, phraseKey('السعودية'));
    expect(docs).toEqual([...docs].sort((a, b) => a - b));
  });
});

describe('suggestions for an unknown keyword', () => {
  it.each<[string, string, string[]]>([
    ['a typo', 'ايرن', ['إيران']],
    ['a surname of a longer keyword', 'ظريف', ['محمد جواد ظريف']],
    ['a first name shared by several', 'محمد', ['محمد بن سلمان', 'محمد بن نايف', 'محمد جواد ظريف']],
    ['a word of a multi-word keyword', 'الحزم', ['عاصفة الحزم']],
    ['another form of a word', 'الحوثي', ['الحوثيون']],
  ])('suggests the close keywords for %s', (_name, input, expected) => {
    const m = matchKeyword(index, input);
    expect(m.keyword).toBeNull();
    const got = 'suggestions' in m ? m.suggestions.map((s) => s.keyword) : [];
    expect(got.slice(0, expected.length).sort()).toEqual([...expected].sort());
  });

  it('offers nothing for a keyword unlike any other', () => {
    expect(suggestKeywords(index, 'بطاطس مقلية')).toEqual([]);
  });

  it('ranks by similarity, then by use, and never offers a keyword below the threshold', () => {
    const s = suggestKeywords(index, 'محمد', 10);
    for (const x of s) expect(x.score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score > s[i]!.score || s[i - 1]!.count >= s[i]!.count).toBe(true);
  });
});

describe('keywordSimilarity', () => {
  it.each<[string, string, number, number]>([
    ['ايران', 'ايران', 1, 1],
    ['ايرن', 'ايران', 0.75, 0.85],
    ['ظريف', 'محمد جواد ظريف', 0.75, 0.75],
    ['داعش', 'الاتفاق النووي', 0, 0.3],
  ])('%s ~ %s is in [%f, %f]', (a, b, lo, hi) => {
    const s = keywordSimilarity(phraseKey(a), phraseKey(b));
    expect(s).toBeGreaterThanOrEqual(lo);
    expect(s).toBeLessThanOrEqual(hi);
  });
});

describe('articles without keywords', () => {
  it('are the documents in no tags posting', () => {
    const dir = path.join(tmp.dir, 'mixed');
    const archive = path.join(tmp.dir, 'mixed.json');
    writeFileSync(
      archive,
      JSON.stringify([
        { id: 'a1', title: 'خبر أول عن النفط', body: 'نص', keywords: ['النفط', 'أوبك'] },
        { id: 'a2', title: 'خبر ثان بلا كلمات', body: 'نص' },
        { id: 'a3', title: 'خبر ثالث عن أوبك', body: 'نص', keywords: ['أوبك'] },
        { id: 'a4', title: 'خبر رابع بلا كلمات', body: 'نص' },
      ]),
    );
    buildIndex([archive], dir, { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
    const mixed = ArchiveIndex.open(dir);
    try {
      const tagged = [...docsWithKeywords(mixed)].map((d) => mixed.id(d)).sort();
      expect(tagged).toEqual(['a1', 'a3']);
      expect(keywordCounts(mixed).map((c) => [c.keyword, c.count])).toEqual([
        ['أوبك', 2],
        ['النفط', 1],
      ]);
    } finally {
      mixed.close();
    }
  });

  it('agree with the stored articles of the demo archive', () => {
    expect(Object.keys(keywordSidecar(index).display).length).toBe(keywordCounts(index).length);
    expect(docsWithKeywords(index).size).toBe([...truth.values()].filter((s) => s.size > 0).length);
  });
});
