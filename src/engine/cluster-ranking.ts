// newsq's own scores for a plan's candidates on a cluster, without reading their articles.
// searchd's expression ranker reports, per document, each keyword's term frequency among
// the hits the query kept (PACKEDFACTORS()). A statement whose keywords are all limited to
// one field therefore gives each term's frequency in that field: exactly the postings newsq's
// BM25+ reads. With the field lengths (length attributes) and the archive-wide statistics,
// newsq's own engine runs the plan over the candidates as if they were an index holding
// frequencies but no positions, and the phrases' documents come from searchd's phrase
// operator. The scores are the local index's, to the last bit: the same arithmetic on the
// same numbers.

import { PostingList, type ArchiveIndex } from '../index/reader';
import { FIELDS, LENGTH_COLUMNS } from '../index/schema';
import { Engine, type CorpusStatistics, type ExpansionLimits, type MatchSet } from '../search/engine';
import type { PlannedQuery, QueryPlan } from '../search/query';
import { encodeTerm } from './sphinx-terms';
import { literal, type Row } from './sphinxql-client';

/** A candidate of a plan: searchd's id and newsq's length columns, in archive order. */
export interface Candidate {
  id: string;
  lengths: number[];
}

/** What the scoring asks of the cluster engine. */
export interface RankingContext {
  /** The distributed index of the articles. */
  index: string;
  select(statements: string[]): Row[][];
  statistics: CorpusStatistics;
  /** The exact MATCH expression of a phrase of the plan. */
  phraseMatch(phrase: Phrase): string;
}

type Phrase = Extract<QueryPlan, { kind: 'phrase' }>;

/** Keywords per statement: the factors searchd packs grow faster than the keywords. */
const WORDS_PER_STATEMENT = 16;

/**
 * Scores candidates (in archive order; document i is candidates[i]) for a plan whose MATCH
 * found exactly them. Returns the engine's match set over those document numbers.
 */
export function scoreCandidates(ctx: RankingContext, planned: PlannedQuery, candidates: Candidate[], limits: ExpansionLimits | undefined): { engine: Engine; m: MatchSet } {
  const n = candidates.length;
  const docOf = new Map(candidates.map((c, i) => [c.id, i]));
  const columns = LENGTH_COLUMNS.map((_, c) => Int32Array.from(candidates, (k) => k.lengths[c] ?? 0));
  const postings = new Map<string, Map<number, PostingList>>();
  const phraseSets = new Map<Phrase, Set<number>>();
  const stats = ctx.statistics;
  const scoring: CorpusStatistics = {
    documentCount: stats.documentCount,
    averageFieldLengths: stats.averageFieldLengths,
    docFreq: (term, field) => stats.docFreq(term, field),
    expandPrefix: (prefix, limit, scan) => stats.expandPrefix(prefix, limit, scan),
    expandFuzzy: (term, distance, prefixLength, limit, scan) => stats.expandFuzzy(term, distance, prefixLength, limit, scan),
    phraseDocs: (phrase, docs) => {
      const found = phraseSets.get(phrase);
      return new Set(Array.from(docs).filter((d) => found?.has(d)));
    },
  };
  // Only what the engine reads of an index: postings, length columns, the live documents.
  const view = {
    documentCount: n,
    docSpan: n,
    liveDocArray: () => Int32Array.from({ length: n }, (_, i) => i),
    postings: (term: string) => postings.get(term) ?? null,
    lengthsOf: (docs: Int32Array, column: number, out: Int32Array) => {
      const col = columns[column]!;
      for (let i = 0; i < docs.length; i++) out[i] = col[docs[i]!]!;
    },
  } as unknown as ArchiveIndex;
  const engine = new Engine(view, limits, scoring);

  // Every document term each field is searched for, negated parts included (they take documents away).
  const fieldTerms = new Map<number, Set<string>>();
  const phrases: Phrase[] = [];
  const walk = (plan: QueryPlan): void => {
    if (plan.kind === 'leaf') {
      const terms = engine.expand(plan).map((e) => e.term);
      for (const f of plan.fields) {
        let set = fieldTerms.get(f);
        if (!set) fieldTerms.set(f, (set = new Set()));
        for (const t of terms) set.add(t);
      }
    } else if (plan.kind === 'phrase') {
      phrases.push(plan);
      walk(plan.inner);
    } else if (plan.kind !== 'all') for (const c of plan.children) walk(c);
  };
  walk(planned.plan);

  const among = `id IN (${candidates.map((c) => c.id).join(',')})`;
  const window = `LIMIT 0, ${Math.max(n, 1)} OPTION max_matches=${Math.max(n, 1)}`;
  const asked: Array<{ field: number; terms: string[] }> = [];
  for (const [field, set] of fieldTerms) {
    const terms = [...set];
    for (let i = 0; i < terms.length; i += WORDS_PER_STATEMENT) asked.push({ field, terms: terms.slice(i, i + WORDS_PER_STATEMENT) });
  }
  const statements = [
    ...asked.map(({ field, terms }) => `SELECT id, PACKEDFACTORS() f FROM ${ctx.index} WHERE MATCH(${literal(`@${FIELDS[field]} (${terms.map(encodeTerm).join(' | ')})`)}) AND ${among} ${window}, ranker=expr('1')`),
    ...phrases.map((p) => `SELECT id FROM ${ctx.index} WHERE MATCH(${literal(ctx.phraseMatch(p))}) AND ${among} ${window}`),
  ];
  const results = ctx.select(statements);

  asked.forEach(({ field, terms }, s) => {
    const lists = terms.map(() => ({ docs: [] as number[], freqs: [] as number[] }));
    for (const r of results[s]!) {
      const doc = docOf.get(String(r.id));
      if (doc === undefined) continue;
      for (const [, k, tf] of String(r.f).matchAll(/word(\d+)=\(tf=(\d+)/g)) {
        if (tf === '0') continue;
        const l = lists[Number(k)];
        if (!l) continue;
        l.docs.push(doc);
        l.freqs.push(Number(tf));
      }
    }
    terms.forEach((term, k) => {
      const l = lists[k]!;
      if (l.docs.length === 0) return;
      const order = l.docs.map((_, i) => i).sort((a, b) => l.docs[a]! - l.docs[b]!);
      const list = new PostingList(order.length);
      list.append(Int32Array.from(order, (i) => l.docs[i]!), Int32Array.from(order, (i) => l.freqs[i]!), 0, null);
      let byField = postings.get(term);
      if (!byField) postings.set(term, (byField = new Map()));
      byField.set(field, list);
    });
  });
  phrases.forEach((p, i) => {
    const set = new Set<number>();
    for (const r of results[asked.length + i]!) {
      const doc = docOf.get(String(r.id));
      if (doc !== undefined) set.add(doc);
    }
    phraseSets.set(p, set);
  });
  return { engine, m: engine.run(planned.plan) };
}
