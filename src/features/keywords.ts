// The keywords of an archive. Each keyword is one term of the index's `tags` field (its
// normalized form, so ايران and إيران are one keyword), and the keyword sidecar gives the
// spelling to show for it. Counts come from the tags postings alone: listing keywords or
// finding the articles without any never reads a stored article.

import { emptyMap } from '../util/json-maps';
import { analyzeWord, phraseKey } from '../analysis/analyzer';
import { FUNCTION_WORDS } from '../analysis/lexicon';
import type { KeywordSidecar } from '../ingest/build';
import { FIELD_ID } from '../index/schema';
import { boundedDistance, type ArchiveIndex } from '../index/reader';

const TAGS = FIELD_ID.tags;

/** A keyword with the number of articles carrying it. */
export interface KeywordCount {
  /** Normalized form: the term in the index. */
  key: string;
  /** Most frequent spelling in the archive. */
  keyword: string;
  count: number;
}

/** A known keyword offered in place of an unknown one. */
export interface KeywordSuggestion extends KeywordCount {
  /** Similarity in [0, 1]: the better of spelling closeness and shared words. */
  score: number;
}

/** What one keyword argument matched. */
export type KeywordMatch =
  | { input: string; key: string; keyword: string; docs: number[] }
  | { input: string; key: string; keyword: null; docs: []; suggestions: KeywordSuggestion[] };

/** The keyword sidecar of an index (empty when the index has none); a damaged file is an IndexCorruptError. */
export function keywordSidecar(index: ArchiveIndex): KeywordSidecar {
  return index.sidecar<KeywordSidecar>(
    'keywords',
    () => ({ display: emptyMap(), stats: { support: emptyMap(), standalone: emptyMap() } }),
    (v) => typeof v.display === 'object' && v.display !== null,
  );
}

/** Live documents carrying a normalized keyword, in archive order. */
export function keywordDocs(index: ArchiveIndex, key: string): number[] {
  if (!key) return [];
  const docs = index.postings(key)?.get(TAGS);
  return docs ? Array.from(docs.docs) : [];
}

/** How a normalized keyword is shown: the sidecar's spelling, else the normalized form. */
export function keywordLabel(index: ArchiveIndex, key: string): string {
  return keywordSidecar(index).display[key] ?? key;
}

/**
 * Every keyword of the archive with its article count, most used first (ties by keyword).
 * `accept` limits the count to some documents (a date range); keywords left with no
 * article are dropped.
 */
export function keywordCounts(index: ArchiveIndex, accept?: (doc: number) => boolean): KeywordCount[] {
  const out: KeywordCount[] = [];
  for (const [key, keyword] of Object.entries(keywordSidecar(index).display)) {
    const docs = index.postings(key)?.get(TAGS);
    if (!docs) continue;
    let count = 0;
    if (accept) {
      for (const doc of docs.docs) if (accept(doc)) count++;
    } else count = docs.size;
    if (count > 0) out.push({ key, keyword, count });
  }
  return out.sort((a, b) => b.count - a.count || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));
}

/** Live documents that carry at least one keyword (the union of the tags postings). */
export function docsWithKeywords(index: ArchiveIndex): Set<number> {
  const out = new Set<number>();
  for (const key of Object.keys(keywordSidecar(index).display)) {
    const docs = index.postings(key)?.get(TAGS);
    if (docs) for (const doc of docs.docs) out.add(doc);
  }
  return out;
}

/** Matches a keyword typed by a user (through the Arabic normalization); an unknown one comes with suggestions. */
export function matchKeyword(index: ArchiveIndex, input: string): KeywordMatch {
  const key = phraseKey(input);
  const docs = keywordDocs(index, key);
  if (docs.length > 0) return { input, key, keyword: keywordLabel(index, key), docs };
  return { input, key, keyword: null, docs: [], suggestions: suggestKeywords(index, input) };
}

// Words of a normalized keyword as comparable units: the first stem of each content word,
// so الحوثي and الحوثيون, or إيران and الإيرانية, count as the same word.
function keywordWords(key: string): Set<string> {
  const out = new Set<string>();
  for (const w of key.split(' ')) {
    if (!w || FUNCTION_WORDS.has(w)) continue;
    const a = analyzeWord(w);
    out.add(a?.stems[0] ?? w);
  }
  return out;
}

const CONTAINED_SCORE = 0.75;

/** Similarity of two normalized keywords: the better of edit-distance closeness and shared (stemmed) words. */
export function keywordSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const longest = Math.max(a.length, b.length);
  const spelling = 1 - boundedDistance(a, b, longest) / longest;
  const wa = keywordWords(a);
  const wb = keywordWords(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const words = wa.size + wb.size > 0 ? (2 * shared) / (wa.size + wb.size) : 0;
  // Every typed word inside a longer keyword (ظريف → محمد جواد ظريف) is a strong hint
  // even though Dice, diluted by the extra words, rates it low.
  const contained = wa.size > 0 && shared === wa.size ? CONTAINED_SCORE : 0;
  return Math.max(spelling, words, contained);
}

/** Least similarity for a suggestion: one edit in a short word passes, an unrelated keyword does not. */
export const SUGGESTION_THRESHOLD = 0.5;

/** How far below the best suggestion others may fall and still be offered. */
export const SUGGESTION_SPREAD = 0.25;

/** The known keywords closest to an unknown one, best first (then most used), at most `limit`. */
export function suggestKeywords(index: ArchiveIndex, input: string, limit = 5): KeywordSuggestion[] {
  return closestKeywords(input, Object.entries(keywordSidecar(index).display), (known) => index.postings(known)?.get(TAGS)?.size ?? 0, limit);
}

/** The closest of known keywords (normalized form, spelling) to a typed one, with their counts; any engine. */
export function closestKeywords(input: string, known: Iterable<[string, string]>, countOf: (key: string) => number, limit = 5): KeywordSuggestion[] {
  const key = phraseKey(input);
  if (!key) return [];
  const scored: KeywordSuggestion[] = [];
  for (const [known_, keyword] of known) {
    const score = keywordSimilarity(key, known_);
    if (score < SUGGESTION_THRESHOLD) continue;
    const count = countOf(known_);
    if (count === 0) continue;
    scored.push({ key: known_, keyword, count, score: Math.round(score * 1000) / 1000 });
  }
  scored.sort((a, b) => b.score - a.score || b.count - a.count || (a.key < b.key ? -1 : 1));
  // Far behind the best, a candidate is noise next to it (ايرن: إيران, not الأردن).
  const floor = (scored[0]?.score ?? 0) - SUGGESTION_SPREAD;
  return scored.filter((s) => s.score >= floor).slice(0, limit);
}
