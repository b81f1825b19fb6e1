// Runs a query with MiniSearch over only the part of the index the query touches. The
// terms a query can reach (its words, plus every dictionary term its prefixes and fuzzy
// words expand to) are looked up on disk, and a MiniSearch instance is assembled from
// exactly their postings, the archive-wide statistics and the field lengths of the
// documents they mention. MiniSearch then scores and combines as if it held the whole
// archive: BM25 needs nothing else.
//
// Assembling the instance sets MiniSearch's internal maps directly (its loadJS would
// first want everything as plain objects). The dependency is pinned to an exact version,
// and tests compare this engine with a complete in-memory MiniSearch on hundreds of
// queries, so a change in those internals cannot pass unnoticed.

import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { FIELDS, FIELD_BOOST, FIELD_ID, miniSearchOptions, type FieldName, type IndexDoc } from './fields';
import type { ArchiveIndex } from './index-reader';
import { mark } from '../trace';

/** A query term restricted to some fields, optionally a prefix or fuzzy match. */
export interface Leaf {
  kind: 'leaf';
  term: string;
  fields: FieldName[];
  prefix?: boolean;
  /** MiniSearch's fuzzy option: a fraction of the term length, or an edit distance ≥ 1. */
  fuzzy?: number;
}

/** A combination of sub-queries; `only` restricts it to documents a predicate accepts (phrases). */
export interface Combination {
  kind: 'and' | 'or' | 'not';
  children: QueryPlan[];
  only?: (doc: number) => boolean;
}

/** Every live document (the positive side of a purely negative query). */
export interface All {
  kind: 'all';
}

/** The query plan the engine executes. */
export type QueryPlan = Leaf | Combination | All;

/** Options of one engine run. */
export interface RunOptions {
  /** Keep only documents whose local day number passes. */
  dayFilter?: (day: number | null) => boolean;
}

/** One scored document. */
export interface EngineHit {
  doc: number;
  score: number;
  /** Query terms that matched. */
  queryTerms: string[];
  /** Document term → fields it matched in. */
  match: Record<string, string[]>;
}

const MAX_FUZZY = 6;

/** The edit distance MiniSearch allows for a fuzzy term (same formula, so the expansion is a superset). */
export function fuzzyDistance(term: string, fuzzy: number): number {
  return fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
}

function collectTerms(plan: QueryPlan, index: ArchiveIndex, out: Set<string>, flags: { all: boolean }): void {
  switch (plan.kind) {
    case 'all':
      flags.all = true;
      return;
    case 'leaf':
      out.add(plan.term);
      if (plan.prefix) for (const t of index.termsWithPrefix(plan.term)) out.add(t);
      if (plan.fuzzy) {
        const d = fuzzyDistance(plan.term, plan.fuzzy);
        if (d > 0) for (const t of index.termsWithin(plan.term, d)) out.add(t);
      }
      return;
    default:
      for (const c of plan.children) collectTerms(c, index, out, flags);
  }
}

/** Translates a plan into MiniSearch's query expression tree. */
export function toMiniSearchQuery(plan: QueryPlan): Query {
  switch (plan.kind) {
    case 'all':
      return MiniSearch.wildcard as unknown as Query;
    case 'leaf':
      return {
        queries: [plan.term],
        fields: plan.fields,
        prefix: plan.prefix ?? false,
        fuzzy: plan.fuzzy ?? false,
        combineWith: 'OR',
      };
    default: {
      const q: Query = {
        combineWith: plan.kind === 'and' ? 'AND' : plan.kind === 'or' ? 'OR' : 'AND_NOT',
        queries: plan.children.map(toMiniSearchQuery),
      };
      const only = plan.only;
      if (only) (q as SearchOptions).boostDocument = (id) => (only(Number(id)) ? 1 : 0);
      return q;
    }
  }
}

// The fields of MiniSearch that an assembled instance must fill in, and the internal
// method that scores a query tree (MiniSearch#search is that plus result objects for every
// match, which a command printing twenty lines does not need).
interface MiniSearchInternals {
  _documentCount: number;
  _avgFieldLength: number[];
  _nextId: number;
  _documentIds: unknown;
  _fieldLength: unknown;
  _storedFields: unknown;
  _index: { set(term: string, data: unknown): void };
  executeQuery(query: Query, options: SearchOptions): Map<number, { score: number; terms: string[]; match: Record<string, string[]> }>;
}

/**
 * The ranking key of a score: scores are compared rounded to 1e-9, so that documents
 * that tie in exact arithmetic are ordered by archive order, not by the last bit of a
 * floating-point sum (which depends on MiniSearch's internal iteration order).
 */
export function scoreKey(score: number): number {
  return Math.round(score * 1e9);
}

/** Whether hit a ranks before hit b: higher score, then earlier in the archive. */
export function ranksBefore(a: { key: number; doc: number }, b: { key: number; doc: number }): boolean {
  return a.key > b.key || (a.key === b.key && a.doc < b.doc);
}

/** Orders hits by score, then by archive order. */
export function sortByScoreThenDoc<T extends { score: number; doc: number }>(hits: T[]): T[] {
  const keyed = hits.map((h) => ({ h, key: scoreKey(h.score), doc: h.doc }));
  keyed.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  return keyed.map((x) => x.h);
}

/**
 * The best `k` items under `before`, in order, without sorting all of them: a page of
 * twenty results out of thousands of matches is the common case.
 */
export function selectTop<T>(items: readonly T[], k: number, before: (a: T, b: T) => boolean): T[] {
  if (k <= 0) return [];
  if (items.length <= k) return [...items].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  // A heap of the k best so far, worst at the root.
  const heap: T[] = [];
  const worse = (i: number, j: number) => before(heap[j]!, heap[i]!);
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && worse(l, m)) m = l;
        if (r < k && worse(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/** A hit with its ranking key. */
export interface KeyedHit extends EngineHit {
  key: number;
}

/** Runs a plan and returns every matching document, unordered (for counts and timelines). */
export function matchPlan(index: ArchiveIndex, plan: QueryPlan, run: RunOptions = {}): KeyedHit[] {
  const terms = new Set<string>();
  const flags = { all: false };
  collectTerms(plan, index, terms, flags);

  const ms = new MiniSearch<IndexDoc>(miniSearchOptions());
  const internals = ms as unknown as MiniSearchInternals;
  internals._documentCount = index.documentCount;
  internals._avgFieldLength = index.averageFieldLengths();
  internals._nextId = index.docSpan;
  for (const term of terms) {
    const postings = index.postings(term);
    if (postings) internals._index.set(term, postings);
  }
  mark('postings loaded');
  // Postings hold live documents only, so every document MiniSearch meets is known; its
  // field lengths come straight from the doc table, through one reused array (MiniSearch
  // reads the value at once), instead of a map of arrays built for every candidate.
  const scratch = new Array<number>(FIELDS.length);
  internals._documentIds = {
    has: () => true,
    get: (doc: number) => doc,
    *[Symbol.iterator]() {
      for (const doc of index.liveDocs()) yield [doc, doc];
    },
  };
  internals._fieldLength = { get: (doc: number) => index.fieldLengths(doc, scratch) };
  internals._storedFields = { get: () => undefined };

  const raw = internals.executeQuery(toMiniSearchQuery(plan), { boost: { ...FIELD_BOOST } });
  const dayFilter = run.dayFilter;
  const hits: KeyedHit[] = [];
  for (const [doc, r] of raw) {
    if (dayFilter && !dayFilter(index.day(doc))) continue;
    // As MiniSearch#search does: the score grows with the number of query terms matched.
    const score = r.score * (r.terms.length || 1);
    hits.push({ doc, score, key: scoreKey(score), queryTerms: r.terms, match: r.match });
  }
  return hits;
}

/** Runs a plan: how many documents match, and the best `top` of them in order. */
export function rankPlan(index: ArchiveIndex, plan: QueryPlan, top: number, run: RunOptions = {}): { total: number; hits: EngineHit[] } {
  const all = matchPlan(index, plan, run);
  return { total: all.length, hits: selectTop(all, top, ranksBefore) };
}

/** Runs a plan against the index and returns every matching document, best first. */
export function runPlan(index: ArchiveIndex, plan: QueryPlan, run: RunOptions = {}): EngineHit[] {
  const all = matchPlan(index, plan, run);
  return all.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
}

export { FIELDS, FIELD_ID };
