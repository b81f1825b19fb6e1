// How newsq scores a match. Ranking is MiniSearch's: BM25+ over each field a query term
// matches, weighted by the field's boost and by how the document term was reached (the
// term itself, a prefix expansion, a fuzzy one), summed over the query's terms, and
// multiplied by the number of distinct query terms the document matched. The index is
// MiniSearch's inverted index made persistent (term → field → document → frequency), so the
// same arithmetic gives the same scores; tests/search/engine-equivalence.test.ts checks
// that against an in-memory MiniSearch, and tests/search/scoring.test.ts that these
// constants are still MiniSearch's defaults.

import { FIELD_ID, type FieldName } from '../index/schema';

/** BM25+ parameters: term-frequency saturation, length normalization, and the lower bound of a match's weight. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Weights of document terms reached by expanding a query term. */
export const EXPANSION_WEIGHT = { fuzzy: 0.45, prefix: 0.375 } as const;

/** Largest edit distance a fractional fuzzy query can reach. */
export const MAX_FUZZY = 6;

/**
 * Field weights: headlines over bodies, the exact spelling over the stem (the headline's
 * weight chosen by judging results by reading; see BENCHMARKS.md, "Search quality"). A filter (source,
 * author, date) counts with weight 1, as MiniSearch counts a field given no boost; the
 * near-duplicate keys are never searched by a query.
 */
export const FIELD_BOOST: Record<FieldName, number> = {
  title: 1.5,
  body: 1,
  title_stem: 0.75,
  body_stem: 0.5,
  tags: 2,
  source: 1,
  date: 1,
  author: 1,
  dup: 0,
};

/** Boosts by field id. */
export const BOOST_BY_ID: number[] = Object.entries(FIELD_BOOST).reduce<number[]>((out, [name, boost]) => {
  out[FIELD_ID[name as FieldName]] = boost;
  return out;
}, []);

/** The inverse document frequency of a term held by `docFreq` of `docCount` documents. */
export function idfOf(docFreq: number, docCount: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** BM25+ of one term in one field of one document (the engine inlines it in its loop). */
export function bm25(termFreq: number, docFreq: number, docCount: number, fieldLength: number, avgFieldLength: number): number {
  return idfOf(docFreq, docCount) * (BM25.d + (termFreq * (BM25.k + 1)) / (termFreq + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / avgFieldLength)));
}

/** The weight of a document term reached from a query term by a prefix expansion. */
export function prefixWeight(termLength: number, distance: number): number {
  return (EXPANSION_WEIGHT.prefix * termLength) / (termLength + 0.3 * distance);
}

/** The weight of a document term reached from a query term by a fuzzy expansion. */
export function fuzzyWeight(termLength: number, distance: number): number {
  return (EXPANSION_WEIGHT.fuzzy * termLength) / (termLength + distance);
}

/** The edit distance a fuzzy query term asks for: a fraction of its length, or a number of edits. */
export function fuzzyDistance(term: string, fuzzy: number): number {
  return fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
}
