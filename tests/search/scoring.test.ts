// newsq's scores are MiniSearch's arithmetic made persistent: these check the constants and
// formulas against an in-memory MiniSearch with its default search options, through its
// public search() only.
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_ID } from '../../src/index/schema';
import { BOOST_BY_ID, FIELD_BOOST, MAX_FUZZY, bm25, fuzzyDistance, fuzzyWeight, idfOf, prefixWeight } from '../../src/search/scoring';

interface Doc {
  id: number;
  text: string;
}

/** One-field MiniSearch over the texts (words separated by spaces), default options. */
function miniSearch(texts: string[]): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({ fields: ['text'] });
  ms.addAll(texts.map((text, id) => ({ id, text })));
  return ms;
}

/** Document frequency of a term, field lengths and their average, as MiniSearch counts them (a length is the number of distinct words). */
function stats(texts: string[], term: string) {
  const lengths = texts.map((t) => new Set(t.split(' ')).size);
  return {
    docFreq: texts.filter((t) => t.split(' ').includes(term)).length,
    lengths,
    avg: lengths.reduce((a, b) => a + b, 0) / texts.length,
  };
}

const scoreOf = (ms: MiniSearch<Doc>, query: string, id: number, options = {}) => ms.search(query, options).find((r) => r.id === id)?.score;

describe('bm25', () => {
  it('scores a single-term query exactly as MiniSearch does', () => {
    const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega');
    const texts = fc.array(fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(texts, word, (docs, term) => {
        const ms = miniSearch(docs);
        const { docFreq, lengths, avg } = stats(docs, term);
        docs.forEach((text, id) => {
          const tf = text.split(' ').filter((w) => w === term).length;
          const expected = scoreOf(ms, term, id);
          if (tf === 0) expect(expected).toBeUndefined();
          else expect(bm25(tf, docFreq, docs.length, lengths[id]!, avg)).toBeCloseTo(expected!, 10);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('grows with the term frequency and falls with the field length', () => {
    expect(bm25(3, 2, 100, 10, 10)).toBeGreaterThan(bm25(1, 2, 100, 10, 10));
    expect(bm25(1, 2, 100, 40, 10)).toBeLessThan(bm25(1, 2, 100, 10, 10));
  });
});

describe('idfOf', () => {
  it('is positive, and smaller for commoner terms', () => {
    expect(idfOf(100, 100)).toBeGreaterThan(0);
    expect(idfOf(1, 100)).toBeGreaterThan(idfOf(50, 100));
    expect(idfOf(1, 1)).toBeCloseTo(Math.log(1 + 0.5 / 1.5), 12);
  });
});

describe('expansion weights', () => {
  const texts = ['cats sat', 'dogs ran far', 'cat naps'];

  it('weighs a prefix expansion as MiniSearch does', () => {
    const ms = miniSearch(texts);
    const { docFreq, lengths, avg } = stats(texts, 'cats');
    // "ca" reaches "cats" (two letters on) and "cat" (one)
    const expected = prefixWeight(4, 2) * bm25(1, docFreq, texts.length, lengths[0]!, avg);
    expect(scoreOf(ms, 'ca', 0, { prefix: true })).toBeCloseTo(expected, 10);
  });

  it('weighs a fuzzy expansion as MiniSearch does', () => {
    const ms = miniSearch(texts);
    const { docFreq, lengths, avg } = stats(texts, 'dogs');
    const expected = fuzzyWeight(4, 1) * bm25(1, docFreq, texts.length, lengths[1]!, avg);
    expect(scoreOf(ms, 'digs', 1, { fuzzy: 1 })).toBeCloseTo(expected, 10);
  });

  it('decreases with the distance, starting from the expansion weights', () => {
    expect(prefixWeight(5, 0)).toBeCloseTo(0.375, 12);
    expect(fuzzyWeight(5, 0)).toBeCloseTo(0.45, 12);
    for (let d = 1; d < 5; d++) {
      expect(prefixWeight(5, d)).toBeLessThan(prefixWeight(5, d - 1));
      expect(fuzzyWeight(5, d)).toBeLessThan(fuzzyWeight(5, d - 1));
    }
  });
});

describe('fuzzyDistance', () => {
  it('reads a fraction as a share of the length, capped as MiniSearch caps it, and a whole number as edits', () => {
    expect(fuzzyDistance('abcdefghij', 0.2)).toBe(2);
    expect(fuzzyDistance('abcdefghij'.repeat(10), 0.5)).toBe(MAX_FUZZY);
    expect(fuzzyDistance('abc', 2)).toBe(2);
    expect(fuzzyDistance('abcdefghij', 1)).toBe(1);
  });

  it('matches the cap MiniSearch applies by default', () => {
    // A term 7 edits away is reached when asked for 7 edits, never by a fraction of a long term.
    const far = 'abcdefghijklmnopqrst';
    const ms = miniSearch([far]);
    const query = 'zzzzzzzhijklmnopqrst';
    expect(ms.search(query, { fuzzy: 7 })).toHaveLength(1);
    expect(ms.search(query, { fuzzy: 0.4 })).toHaveLength(0);
    expect(fuzzyDistance(query, 0.4)).toBe(MAX_FUZZY);
  });
});

describe('field boosts', () => {
  it('has a boost for every field, at the field\'s id', () => {
    expect(BOOST_BY_ID).toHaveLength(FIELDS.length);
    for (const f of FIELDS) expect(BOOST_BY_ID[FIELD_ID[f]]).toBe(FIELD_BOOST[f]);
  });

  it('ranks headlines over bodies and exact spellings over stems; never scores the duplicate keys', () => {
    expect(FIELD_BOOST.title).toBeGreaterThan(FIELD_BOOST.body);
    expect(FIELD_BOOST.title).toBeGreaterThan(FIELD_BOOST.title_stem);
    expect(FIELD_BOOST.body).toBeGreaterThan(FIELD_BOOST.body_stem);
    expect(FIELD_BOOST.dup).toBe(0);
  });
});
