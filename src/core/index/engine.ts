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

import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch';
import { FIELDS, FIELD_BOOST, FIELD_ID, miniSearchOptions, type FieldName, type IndexDoc } from './fields';
import type { ArchiveIndex } from './index-reader';

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

/** Search options shared by the engine and the reference in-memory MiniSearch. */
export function searchOptions(run: RunOptions, dayOf: (result: SearchResult) => number | null): SearchOptions {
  const opts: SearchOptions = { boost: { ...FIELD_BOOST } };
  const dayFilter = run.dayFilter;
  if (dayFilter) opts.filter = (r) => dayFilter(dayOf(r));
  return opts;
}

// The fields of MiniSearch that an assembled instance must fill in.
interface MiniSearchInternals {
  _documentCount: number;
  _avgFieldLength: number[];
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _storedFields: Map<number, Record<string, unknown>>;
  _index: { set(term: string, data: Map<number, Map<number, number>>): void };
}

/**
 * Orders hits by score, then by archive order. Scores are compared to 12 significant
 * digits: two documents that tie in exact arithmetic must not be ordered by the last
 * bit of a floating-point sum, which depends on MiniSearch's internal iteration order.
 */
export function byScoreThenDoc(a: { score: number; doc: number }, b: { score: number; doc: number }): number {
  const sa = Number(a.score.toPrecision(12));
  const sb = Number(b.score.toPrecision(12));
  return sb - sa || a.doc - b.doc;
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

  const docs = new Set<number>();
  for (const term of terms) {
    const postings = index.postings(term);
    if (!postings) continue;
    internals._index.set(term, postings);
    for (const byDoc of postings.values()) for (const doc of byDoc.keys()) docs.add(doc);
  }
  if (flags.all) for (const doc of index.liveDocs()) docs.add(doc);
  // Documents must be known in archive order, as a complete index would know them.
  for (const doc of [...docs].sort((a, b) => a - b)) {
    internals._documentIds.set(doc, doc);
    internals._idToShortId.set(doc, doc);
    internals._fieldLength.set(doc, index.fieldLengths(doc));
    internals._storedFields.set(doc, { day: index.day(doc) });
  }

  const results = ms.search(
    toMiniSearchQuery(plan),
    searchOptions(run, (r) => (r.day as number | null | undefined) ?? null),
  );
  const hits = results.map((r) => ({ doc: Number(r.id), score: r.score, queryTerms: r.queryTerms, match: r.match }));
  return hits.sort(byScoreThenDoc);
}

export { FIELDS, FIELD_ID };
