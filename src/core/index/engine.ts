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
 * Orders hits by score, then by archive order. Scores are compared rounded to 12
 * significant digits: two documents that tie in exact arithmetic must not be ordered by
 * the last bit of a floating-point sum, which depends on MiniSearch's internal iteration
 * order.
 */
export function sortByScoreThenDoc<T extends { score: number; doc: number }>(hits: T[]): T[] {
  const keyed = hits.map((h) => ({ h, k: Number(h.score.toPrecision(12)) }));
  keyed.sort((a, b) => b.k - a.k || a.h.doc - b.h.doc);
  return keyed.map((x) => x.h);
}

/** Runs a plan against the index and returns every matching document, best first. */
export function runPlan(index: ArchiveIndex, plan: QueryPlan, run: RunOptions = {}): EngineHit[] {
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
  // Postings hold live documents only, so every document MiniSearch meets is known; its
  // field lengths come straight from the doc table, through one reused array (MiniSearch
  // reads the value at once), instead of a map of arrays built for every candidate.
  mark('postings loaded');
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
  const hits: EngineHit[] = [];
  for (const [doc, r] of raw) {
    if (dayFilter && !dayFilter(index.day(doc))) continue;
    // As MiniSearch#search does: the score grows with the number of query terms matched.
    hits.push({ doc, score: r.score * (r.terms.length || 1), queryTerms: r.terms, match: r.match });
  }
  return sortByScoreThenDoc(hits);
}

export { FIELDS, FIELD_ID };
