// The searchd cluster behind the engine interface. searchd holds newsq's analysed terms
// (src/engine/sphinx-terms.ts) in real-time shards and answers through a distributed
// index; newsq keeps its own matching and ranking:
//
// 1. The plan is translated into a SphinxQL MATCH over the analysed terms: a query term is
//    the OR of its document terms (itself, its variants, and its prefix or fuzzy expansions,
//    found in the cluster's own dictionary of terms), in the query's fields; AND, OR and NOT
//    map to searchd's. A phrase is sent as the AND of its words, whose positions newsq checks.
// 2. searchd returns the candidates; their stored articles are indexed by newsq's own code
//    into a small local index, and the plan runs on it with the archive-wide statistics
//    (document count, average field lengths, each term's document frequency per field) read
//    from the cluster. Matching, BM25+ scores, closeness, copies and snippets are then newsq's
//    own, computed on the same numbers as the local index: the same answers.
//
// A count whose MATCH is exact (no phrase) is searchd's alone.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closestKeywords, type KeywordCount, type KeywordMatch } from '../features/keywords';
import { SIMILAR_THRESHOLD, distinctiveTermsOf, pickSimilar, similarityPlan, type ChainArticle, type ChainSource } from '../features/related/chain';
import { headlineProfile, type Link } from '../features/related/resolve';
import { analyzeText } from '../analysis/analyzer';
import type { ArchiveStats } from '../features/stats';
import { analyzerIdentity } from '../ingest/build';
import { DocumentIndexer } from '../ingest/document';
import { distanceTo, topExpansions, type ArchiveIndex, type Expansion, type ExpansionResult } from '../index/reader';
import { FIELDS, FIELD_ID, LENGTH_COLUMNS, NO_TIME, dayString, lengthColumn } from '../index/schema';
import { IndexWriter } from '../index/writer';
import { phraseKey } from '../analysis/analyzer';
import type { Article } from '../model/article';
import { DEFAULT_LIMITS, Engine, type CorpusStatistics } from '../search/engine';
import { wordForms } from '../search/phrase';
import type { PlanContext } from '../search/plan';
import type { Leaf, PlannedQuery, QueryPlan } from '../search/query';
import { COPY_WINDOW, MAX_LIMIT, PROXIMITY_WINDOW, dayBounds, localToday, matchingDocs, runPlanned, scoreKey, selectTop, type SearchOutcome } from '../search/search';
import { scoreCandidates, type RankingContext } from './cluster-ranking';
import { mark } from '../util/trace';
import { collapseRanked, type Story } from '../search/collapse';
import { signatureOf } from './cluster-writer';
import { EngineNodeError, EngineUnsupportedError, type ArchiveEngine, type DayCounts, type RunRequest } from './engine';
import { ArticleLookupError } from '../features/article-id';
import { SphinxError, SphinxQL, literal, nodeName, type Node, type Row } from './sphinxql-client';
import { SPHINX_FIELDS, documentId, encodeTerm } from './sphinx-terms';

/** Where a cluster is: the distributor (read), its distributed index, and the shards (written). */
export interface EngineTarget {
  url: string;
  distributor: Node;
  index: string;
  shards: Node[];
}

/** Reads sphinxql://host:port/index[?shards=host:port,host:port]. */
export function parseEngineUrl(url: string): EngineTarget {
  const m = /^sphinxql:\/\/([^/:?]+):(\d+)\/([A-Za-z_][A-Za-z0-9_]*)(?:\?shards=([^&]*))?$/.exec(url);
  if (!m) throw new Error('expected sphinxql://host:port/index (with ?shards=host:port,… for writing)');
  const node = (s: string): Node => {
    const n = /^([^:]+):(\d+)$/.exec(s);
    if (!n) throw new Error(`a shard must be host:port, got ${s}`);
    return { host: n[1]!, port: Number(n[2]) };
  };
  return {
    url: `sphinxql://${m[1]}:${m[2]}/${m[3]}`,
    distributor: { host: m[1]!, port: Number(m[2]) },
    index: m[3]!,
    shards: m[4] ? m[4].split(',').filter(Boolean).map(node) : [],
  };
}

/** The most candidates newsq re-ranks for one query; past it the query is refused (narrow it). */
export const MAX_CANDIDATES = 100_000;

/** The most dictionary terms one prefix or fuzzy term may reach in the cluster before newsq refuses to rank them. */
export const MAX_DICTIONARY_SCAN = 1_000;

/** The most spelling combinations of a phrase sent as searchd phrases; past it newsq checks positions itself. */
export const MAX_PHRASE_COMBINATIONS = 256;

/** searchd's limit of statements in one batch. */
const BATCH = 32;

export interface ClusterOptions {
  packageRoot: string;
  allowPartial: boolean;
  utcOffset?: string | undefined;
}

const TAGS = FIELD_ID.tags;

/** Days added to a time before searchd divides it into days, so that every date newsq reads is positive. */
const DAY_SHIFT = 1_000_000;
const SPHINX_FIELD_IDS = SPHINX_FIELDS.map((f) => FIELD_ID[f]);

// A SphinxQL MATCH expression for a plan, and whether it matches exactly the plan's documents
// (false: a superset, which newsq narrows). null: every document.
interface Expr {
  sql: string | null;
  exact: boolean;
}

export class ClusterEngine implements ArchiveEngine, CorpusStatistics {
  private readonly sql: SphinxQL;
  private readonly missing = new Set<string>();
  private totals: { count: number; sums: number[]; first: number | null; last: number | null } | null = null;
  private readonly dfCache = new Map<string, number>();
  private readonly vocabCache = new Map<string, { terms: Array<{ term: string; fields: number[] }>; over: boolean }>();
  readonly utcOffset: string;

  constructor(
    readonly target: EngineTarget,
    private readonly opts: ClusterOptions,
  ) {
    this.sql = new SphinxQL(opts.packageRoot);
    this.utcOffset = opts.utcOffset ?? '+03:00';
  }

  get location(): string {
    return this.target.url;
  }

  /** Distributed index names: the articles' and the dictionary's. */
  private get art(): string {
    return this.target.index;
  }

  private get vocab(): string {
    return 'vocab_all';
  }

  /**
   * Runs statements on the distributor, each followed by SHOW META: an agent (shard) that did
   * not answer is named there. Without --allow-partial that is an error naming the node.
   */
  private select(statements: string[]): Row[][] {
    const out: Row[][] = [];
    for (let i = 0; i < statements.length; i += BATCH / 2) {
      const chunk = statements.slice(i, i + BATCH / 2);
      let results: Row[][];
      try {
        const sql = chunk.map((s) => `${s}; SHOW META`).join('; ');
        // Always two statements or more: one result per statement.
        results = this.sql.query(this.target.distributor, sql) as Row[][];
      } catch (err) {
        if (err instanceof SphinxError) {
          const agent = /agent ([^:\s]+:\d+)/.exec(err.message)?.[1];
          if (agent) throw new EngineNodeError(agent, `search node ${agent} (a shard of ${this.target.url}) failed: ${clean(err.message)}`);
          throw new EngineNodeError(err.node, `search engine ${err.node} ${err.unreachable ? 'is unreachable' : 'failed'}: ${clean(err.message)}`);
        }
        throw err;
      }
      for (let k = 0; k < chunk.length; k++) {
        const rows = results[2 * k] ?? [];
        const meta = results[2 * k + 1] ?? [];
        for (const m of meta) {
          if (m.Variable_name !== 'warning') continue;
          const text = String(m.Value);
          for (const [, agent] of text.matchAll(/agent ([^:\s]+:\d+)/g)) {
            if (!this.opts.allowPartial) throw new EngineNodeError(agent!, `search node ${agent} (a shard of ${this.target.url}) did not answer: ${clean(text)}; --allow-partial answers from the others`);
            this.missing.add(agent!);
          }
        }
        out.push(rows);
      }
    }
    return out;
  }

  private one(statement: string): Row[] {
    return this.select([statement])[0]!;
  }

  // -- archive-wide statistics (CorpusStatistics) --

  private stat() {
    if (this.totals) return this.totals;
    const sums = LENGTH_COLUMNS.map((c) => `SUM(len_${c}) s_${c}`).join(', ');
    const [all, dated] = this.select([`SELECT COUNT(*) c, ${sums} FROM ${this.art}`, `SELECT COUNT(*) c, MIN(time) lo, MAX(time) hi FROM ${this.art} WHERE time > ${NO_TIME}`]);
    const a = all![0] ?? {};
    const d = dated![0] ?? {};
    const count = Number(a.c ?? 0);
    const datedCount = Number(d.c ?? 0);
    this.totals = {
      count,
      sums: LENGTH_COLUMNS.map((c) => Number(a[`s_${c}`] ?? 0)),
      first: datedCount > 0 ? Math.floor(Number(d.lo) / 1440) : null,
      last: datedCount > 0 ? Math.floor(Number(d.hi) / 1440) : null,
    };
    return this.totals;
  }

  get documentCount(): number {
    return this.stat().count;
  }

  get averageFieldLengths(): number[] {
    const { count, sums } = this.stat();
    return FIELDS.map((_, f) => {
      const c = lengthColumn(f);
      return c < 0 || count === 0 ? 0 : sums[c]! / count;
    });
  }

  /** Fetches the document frequencies of (term, field) pairs not yet known, in batches. */
  private prefetch(pairs: Array<[string, number]>): void {
    const wanted = [...new Map(pairs.filter(([t, f]) => !this.dfCache.has(`${f}\u0000${t}`)).map((p) => [`${p[1]}\u0000${p[0]}`, p])).values()];
    if (wanted.length === 0) return;
    const results = this.select(wanted.map(([t, f]) => `SELECT COUNT(*) c FROM ${this.art} WHERE MATCH(${literal(`@${FIELDS[f]} ${encodeTerm(t)}`)})`));
    wanted.forEach(([t, f], i) => this.dfCache.set(`${f}\u0000${t}`, Number(results[i]![0]?.c ?? 0)));
  }

  docFreq(term: string, field: number): number {
    this.prefetch([[term, field]]);
    return this.dfCache.get(`${field}\u0000${term}`)!;
  }

  // The dictionary's terms starting with `head` (from the vocabulary the writer keeps).
  private dictionary(head: string): { terms: Array<{ term: string; fields: number[] }>; over: boolean } {
    const hit = this.vocabCache.get(head);
    if (hit) return hit;
    if (head.length === 0) throw new EngineUnsupportedError('a fuzzy term without a fixed first letter would scan the whole dictionary of the cluster; newsq does not do that there');
    // A row per term and field: as many rows as a dictionary past the bound can have, and no more.
    const cap = (MAX_DICTIONARY_SCAN + 1) * SPHINX_FIELD_IDS.length;
    const rows = this.one(`SELECT t, field FROM ${this.vocab} WHERE MATCH(${literal(`${encodeTerm(head)}*`)}) LIMIT 0, ${cap} OPTION max_matches=${cap}`);
    const fields = new Map<string, number[]>();
    for (const r of rows) {
      const t = String(r.t);
      if (!t.startsWith(head)) continue;
      const list = fields.get(t) ?? [];
      list.push(Number(r.field));
      fields.set(t, list);
    }
    const terms = [...fields].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([term, f]) => ({ term, fields: f }));
    // Rows cut by the cap stand for more terms than the bound, whatever their count says.
    const out = { terms, over: rows.length >= cap || terms.length > MAX_DICTIONARY_SCAN };
    this.vocabCache.set(head, out);
    return out;
  }

  private expansions(head: string, keep: (term: string) => number, limit: number, byFrequency: boolean, what: string): ExpansionResult {
    const { terms: dict, over } = this.dictionary(head);
    if (over) {
      throw new EngineUnsupportedError(`${what} reaches more than ${MAX_DICTIONARY_SCAN} words of the cluster's dictionary; newsq ranks expansions by frequency and does not do that there for so many; give more letters`);
    }
    const found: Expansion[] = [];
    const where = new Map(dict.map((d) => [d.term, d.fields]));
    for (const { term } of dict) {
      const distance = keep(term);
      if (distance >= 0) found.push({ term, docFreq: 0, distance });
    }
    // Frequencies decide only which expansions are kept past the limit: a term's frequency
    // is, as in the local dictionary, its most documents in any one field.
    if (found.length > limit) {
      // Only the fields the dictionary holds the term in.
      this.prefetch(found.flatMap((e) => (where.get(e.term) ?? []).map((f): [string, number] => [e.term, f])));
      for (const e of found) e.docFreq = Math.max(0, ...(where.get(e.term) ?? []).map((f) => this.dfCache.get(`${f}\u0000${e.term}`) ?? 0));
    }
    return topExpansions(
      found.filter((e) => found.length <= limit || e.docFreq > 0),
      limit,
      false,
      byFrequency,
    );
  }

  expandPrefix(prefix: string, limit: number): ExpansionResult {
    return this.expansions(prefix, (t) => (t === prefix ? -1 : t.length - prefix.length), limit, true, `${prefix}*`);
  }

  expandFuzzy(term: string, maxDistance: number, prefixLength: number, limit: number): ExpansionResult {
    const distance = distanceTo(term, maxDistance);
    return this.expansions(
      term.slice(0, prefixLength),
      (t) => {
        if (t === term) return -1;
        const d = distance(t);
        return d === Infinity ? -1 : d;
      },
      limit,
      false,
      `${term}~`,
    );
  }

  // -- the engine interface --

  today(now: Date): string {
    return localToday(this.utcOffset, now);
  }

  planContext(today: string): PlanContext {
    const { first, last } = this.stat();
    return { today, firstDay: first === null ? null : dayString(first), lastDay: last === null ? null : dayString(last) };
  }

  // The document terms of a leaf, as the engine will reach them (expansions from the cluster's dictionary).
  private leafTerms(leaf: Leaf, limits = DEFAULT_LIMITS): string[] {
    const probe = new Engine(null as unknown as ArchiveIndex, limits, this);
    return probe.expand(leaf).map((e) => e.term);
  }

  // `scored`: the plan will be scored, so the document frequencies of its terms are fetched now, in batches.
  private expr(plan: QueryPlan, limits: RunRequest['limits'], scored: boolean): Expr {
    switch (plan.kind) {
      case 'all':
        return { sql: null, exact: true };
      case 'leaf': {
        const terms = this.leafTerms(plan, limits);
        const fields = plan.fields.map((f) => FIELDS[f]!).filter((f) => f !== 'dup');
        if (scored) this.prefetch(terms.flatMap((t) => plan.fields.map((f): [string, number] => [t, f])));
        return { sql: `@(${fields.join(',')}) (${terms.map(encodeTerm).join(' | ')})`, exact: true };
      }
      case 'phrase': {
        // searchd's phrase (or proximity) operator over the exact terms, which the writer
        // lays out in newsq's positions; a phrase word may take several spellings (a clitic,
        // a hamza), which the operator cannot hold as alternatives, so every combination is
        // one phrase. Every spelling newsq would look for is listed, held or not.
        const inner = this.expr(plan.inner, limits, scored);
        const every = { hasTerm: () => true } as unknown as ArchiveIndex;
        const forms = plan.words.map((w, k) => wordForms(every, w, k === 0 || plan.slop > 0).map(encodeTerm));
        const fields = plan.where === 'title' ? '@title' : '@(title,body)';
        const combinations = forms.reduce((n, f) => n * f.length, 1);
        if (combinations > MAX_PHRASE_COMBINATIONS) {
          // Too many to list: each word in one of its spellings, a superset newsq narrows.
          const words = forms.map((f) => `(${fields} (${f.join(' | ')}))`);
          return { sql: [inner.sql === null ? null : `(${inner.sql})`, ...words].filter(Boolean).join(' '), exact: false };
        }
        let phrases: string[][] = [[]];
        for (const f of forms) phrases = phrases.flatMap((p) => f.map((x) => [...p, x]));
        // searchd's "…"~N holds the words within a span of fewer than N + words positions;
        // newsq's slop allows a span of words + slop positions.
        const op = plan.slop > 0 ? `~${plan.slop + 1}` : '';
        const alternatives = phrases.map((p) => `"${p.join(' ')}"${op}`).join(' | ');
        return { sql: `${inner.sql === null ? '' : `(${inner.sql}) `}(${fields} (${alternatives}))`, exact: inner.exact };
      }
      case 'and': {
        const parts = plan.children.map((c) => this.expr(c, limits, scored));
        const sqls = parts.filter((p) => p.sql !== null).map((p) => `(${p.sql})`);
        return { sql: sqls.length ? sqls.join(' ') : null, exact: parts.every((p) => p.exact) };
      }
      case 'or': {
        const parts = plan.children.map((c) => this.expr(c, limits, scored));
        const exact = parts.every((p) => p.exact);
        if (parts.some((p) => p.sql === null)) return { sql: null, exact };
        return { sql: parts.map((p) => `(${p.sql})`).join(' | '), exact };
      }
      case 'not': {
        const [first, ...rest] = plan.children.map((c) => this.expr(c, limits, scored));
        // searchd cannot take away from nothing: a purely negative query reads every article.
        if (first!.sql === null) return { sql: null, exact: false };
        // A negated part that is a superset (a phrase) would take away too much: newsq applies it.
        const minus = rest.filter((p) => p.exact && p.sql !== null).map((p) => ` -(${p.sql})`);
        return { sql: `(${first!.sql})${minus.join('')}`, exact: first!.exact && rest.every((p) => p.exact) };
      }
    }
  }

  private where(expr: Expr, req: Pick<RunRequest, 'since' | 'until' | 'today'>): string {
    const { from, to } = dayBounds(req.since, req.until, req.today);
    const conds: string[] = [];
    if (expr.sql !== null) conds.push(`MATCH(${literal(expr.sql)})`);
    if (from !== null || to !== null) {
      conds.push(`time >= ${from === null ? NO_TIME + 1 : from * 1440}`);
      if (to !== null) conds.push(`time <= ${to * 1440 + 1439}`);
    }
    return conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  }

  run(planned: PlannedQuery, req: RunRequest): SearchOutcome & { missing: string[] } {
    const limit = Math.max(0, req.limit) + req.offset;
    let expr = this.expr(planned.plan, req.limits, false);
    // Anything but searchd's own count is scored by newsq.
    if (limit > 0 || !expr.exact) expr = this.expr(planned.plan, req.limits, true);
    const where = this.where(expr, req);
    if (limit === 0 && expr.exact) {
      const total = Number(this.one(`SELECT COUNT(*) c FROM ${this.art}${where}`)[0]?.c ?? 0);
      const probe = new Engine(null as unknown as ArchiveIndex, req.limits ?? DEFAULT_LIMITS, this);
      this.collectNotices(planned.plan, probe);
      return { total, hits: [], notices: [...planned.notices, ...probe.notices], missing: [...this.missing] };
    }
    const sort = req.sort ?? (planned.filterOnly ? 'newest' : 'relevance');
    if (expr.exact && sort !== 'relevance' && req.collapse === false) return this.byDate(planned, req, where, sort);
    const lengths = LENGTH_COLUMNS.map((c) => `len_${c}`).join(', ');
    const candidates = this.one(`SELECT id, ext_id, src, seq, time, ${lengths} FROM ${this.art}${where} ORDER BY seq ASC LIMIT 0, ${MAX_CANDIDATES + 1} OPTION max_matches=${MAX_CANDIDATES + 1}`);
    if (candidates.length > MAX_CANDIDATES) {
      throw new EngineUnsupportedError(`the query reaches more than ${MAX_CANDIDATES} articles of the cluster, more than newsq ranks for one query; narrow it (more words, a date range)`);
    }
    const want = req.offset + Math.max(0, Math.min(req.limit, MAX_LIMIT));
    // What a page is cut from: the best documents copies are folded among and closeness re-ranks.
    const first = Math.max(want * 4, COPY_WINDOW, PROXIMITY_WINDOW);
    // Closeness ranks the best by where the words stand, which only an index of the articles tells.
    const closeness = sort === 'relevance' && planned.proximity !== null && req.proximity !== false;
    const all = () => this.reranked(planned, req, candidates.map((r) => String(r.id)), null);
    // A MATCH that is a superset (phrases newsq checks itself), or few candidates to rank by closeness: all are indexed again.
    if (!expr.exact || (closeness && candidates.length <= first)) return all();
    const n = candidates.length;
    let order: number[];
    mark('cluster: candidates');
    if (sort === 'relevance') order = this.byScore(planned, candidates, req.limits).map((x) => x.doc);
    else {
      // As newsq orders by date: undated last either way, ties in archive order (newest: the later first).
      const times = candidates.map((r) => Number(r.time));
      const key = (i: number) => (times[i] === NO_TIME ? (sort === 'newest' ? -Infinity : Infinity) : times[i]!);
      order = candidates.map((_, i) => i).sort(sort === 'newest' ? (a, b) => key(b) - key(a) || b - a : (a, b) => key(a) - key(b) || a - b);
    }
    mark('cluster: ordered');
    // Without closeness to rank by, copies are folded from the signatures searchd holds, and
    // only the page's articles are read.
    if (!closeness) {
      const paged = this.pageOnly(planned, req, candidates, order, want);
      if (paged) return paged;
      if (candidates.length <= first) return all();
    }
    // Closeness needs the words' positions: the best are read and indexed again, for closeness, copies and snippets; when copies
    // leave the page short, four times as many, as the local index widens its own window.
    for (let size = first; ; size *= 4) {
      const window = order.slice(0, size).sort((a, b) => a - b);
      const out = this.reranked(planned, req, window.map((i) => String(candidates[i]!.id)), n);
      if (out.hits.length + req.offset >= want || size >= n) return out;
    }
  }

  /**
   * A page without closeness: copies folded among the ranked candidates (`order`, indices
   * into the candidates in archive order) by their signatures, days and headlines, as the
   * local index folds them, widening as it does; then the shown stories' articles alone are
   * read and indexed, for their scores and snippets. Null when some article was written
   * without a signature (an older import): the caller then reads the best instead.
   */
  private pageOnly(planned: PlannedQuery, req: RunRequest, candidates: Row[], order: number[], want: number): (SearchOutcome & { missing: string[] }) | null {
    const n = candidates.length;
    const signatures = new Map<number, Uint16Array>();
    const titles = new Map<number, string>();
    const fetch = (docs: number[]): boolean => {
      const need = docs.filter((d) => !signatures.has(d));
      for (let i = 0; i < need.length; i += 500) {
        const part = need.slice(i, i + 500);
        const rows = this.one(`SELECT id, sig FROM ${this.art} WHERE id IN (${part.map((d) => String(candidates[d]!.id)).join(',')}) LIMIT 0, ${part.length} OPTION max_matches=${part.length}`);
        const byId = new Map(rows.map((r) => [String(r.id), signatureOf(String(r.sig ?? ''))]));
        for (const d of part) {
          const sig = byId.get(String(candidates[d]!.id));
          if (!sig) return false;
          signatures.set(d, sig);
        }
      }
      return true;
    };
    const view = {
      signature: (d: number) => signatures.get(d)!,
      day: (d: number) => dayOfTime(Number(candidates[d]!.time)),
      // Read only for an article with a shown story's headline nearby in time: rare.
      title: (d: number) => {
        let t = titles.get(d);
        if (t === undefined) titles.set(d, (t = this.storedOf([String(candidates[d]!.id)])[0]?.title ?? ''));
        return t;
      },
    } as unknown as ArchiveIndex;
    let stories: Story[];
    if (req.collapse === false) stories = order.slice(0, want).map((doc) => ({ doc, copies: [] }));
    else {
      for (let k = Math.min(n, Math.max(want * 4, COPY_WINDOW)); ; k = Math.min(n, k * 4)) {
        const top = order.slice(0, k);
        if (!fetch(top)) return null;
        stories = collapseRanked(view, top, want);
        if (stories.length >= want || k >= n) break;
      }
    }
    mark('cluster: folded');
    const shown = stories.slice(req.offset);
    // The page's articles in archive order; newsq ranks them as the whole list did (the same keys, ties in archive order).
    const pageDocs = shown.map((s) => s.doc).sort((a, b) => a - b);
    const out = this.reranked(planned, { ...req, offset: 0, limit: shown.length, collapse: false }, pageDocs.map((d) => String(candidates[d]!.id)), n);
    const copiesOf = new Map(shown.map((s) => [String(candidates[s.doc]!.ext_id), s.copies]));
    return {
      ...out,
      hits: out.hits.map((h) => ({
        ...h,
        copies: (copiesOf.get(h.article.id) ?? []).map((d) => ({ doc: d, id: String(candidates[d]!.ext_id), source: String(candidates[d]!.src ?? '') || null })),
      })),
    };
  }

  /**
   * newsq's own ranking of candidates (searchd ids in archive order): their stored articles
   * indexed into a small local index, the plan run there with the archive-wide statistics.
   * `total`: how many the whole query matched, when the candidates are only its best.
   */
  private reranked(planned: PlannedQuery, req: RunRequest, ids: string[], total: number | null): SearchOutcome & { missing: string[] } {
    const stored = this.storedOf(ids);
    mark('cluster: stored');
    const mini = candidateIndex(stored, this.utcOffset);
    mark('cluster: indexed');
    try {
      const out = runPlanned(mini.index, planned, { ...req, statistics: this });
      return { ...out, ...(total !== null ? { total } : {}), missing: [...this.missing] };
    } finally {
      mini.dispose();
    }
  }

  // Candidates (rows in archive order) by newsq's score, best first, ties in archive order.
  private byScore(planned: PlannedQuery, candidates: Row[], limits: RunRequest['limits']): Array<{ doc: number; score: number }> {
    const { m } = scoreCandidates(this.ranking(limits), planned, candidates.map((r) => ({ id: String(r.id), lengths: LENGTH_COLUMNS.map((c) => Number(r[`len_${c}`] ?? 0)) })), limits);
    const keys = Float64Array.from(m.scores, scoreKey);
    const idx = Array.from(m.docs.keys());
    return selectTop(idx, idx.length, (a, b) => keys[a]! > keys[b]! || (keys[a] === keys[b] && m.docs[a]! < m.docs[b]!)).map((i) => ({ doc: m.docs[i]!, score: m.scores[i]! }));
  }

  /** Every article a plan of words matches (no phrases, no date limits), by newsq's score, best first: ids and scores only. */
  scoredIds(planned: PlannedQuery): Array<{ id: string; score: number }> {
    const expr = this.expr(planned.plan, undefined, true);
    if (!expr.exact) throw new Error('scoredIds: a plan searchd matches exactly');
    const lengths = LENGTH_COLUMNS.map((c) => `len_${c}`).join(', ');
    const candidates = this.one(`SELECT id, ext_id, ${lengths} FROM ${this.art}${this.where(expr, { today: dayString(0) })} ORDER BY seq ASC LIMIT 0, ${MAX_CANDIDATES + 1} OPTION max_matches=${MAX_CANDIDATES + 1}`);
    if (candidates.length > MAX_CANDIDATES) throw new EngineUnsupportedError(`the query reaches more than ${MAX_CANDIDATES} articles of the cluster, more than newsq ranks for one query`);
    return this.byScore(planned, candidates, undefined).map(({ doc, score }) => ({ id: String(candidates[doc]!.ext_id), score }));
  }

  private ranking(limits: RunRequest['limits']): RankingContext {
    return {
      index: this.art,
      select: (statements) => this.select(statements),
      statistics: this,
      phraseMatch: (phrase) => this.expr(phrase, limits, true).sql!,
    };
  }

  /**
   * A listing by date (tag, date, --sort newest/oldest without folding copies): searchd
   * orders and counts, as newsq would (undated last, ties in archive order), and only the
   * page's articles are read; newsq then builds the page as always.
   */
  private byDate(planned: PlannedQuery, req: RunRequest, where: string, sort: 'newest' | 'oldest'): SearchOutcome & { missing: string[] } {
    const limit = Math.max(0, Math.min(req.limit, 10_000));
    const order = sort === 'newest' ? 'time DESC, seq DESC' : 'undated ASC, time ASC, seq ASC';
    const window = req.offset + limit;
    const [counted, page] = this.select([
      `SELECT COUNT(*) c FROM ${this.art}${where}`,
      `SELECT id, seq, IF(time = ${NO_TIME}, 1, 0) AS undated FROM ${this.art}${where} ORDER BY ${order} LIMIT ${req.offset}, ${limit} OPTION max_matches=${Math.max(window, 1)}`,
    ]);
    const total = Number(counted![0]?.c ?? 0);
    // The page's articles in archive order: newsq's own ordering then breaks ties as searchd did.
    const rows = [...page!].sort((a, b) => Number(a.seq) - Number(b.seq));
    const mini = candidateIndex(this.storedOf(rows.map((r) => String(r.id))), this.utcOffset);
    try {
      const out = runPlanned(mini.index, planned, { ...req, offset: 0, limit: rows.length, statistics: this });
      return { ...out, total, missing: [...this.missing] };
    } finally {
      mini.dispose();
    }
  }

  matchIds(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>): string[] & { missing: string[] } {
    let expr = this.expr(planned.plan, undefined, false);
    if (!expr.exact) expr = this.expr(planned.plan, undefined, true);
    const where = this.where(expr, req);
    const cap = `LIMIT 0, ${MAX_CANDIDATES + 1} OPTION max_matches=${MAX_CANDIDATES + 1}`;
    const refuse = () => new EngineUnsupportedError(`the query reaches more than ${MAX_CANDIDATES} articles of the cluster; narrow it (more words, a date range)`);
    if (expr.exact) {
      const rows = this.one(`SELECT ext_id FROM ${this.art}${where} ${cap}`);
      if (rows.length > MAX_CANDIDATES) throw refuse();
      return Object.assign(rows.map((r) => String(r.ext_id)), { missing: [...this.missing] });
    }
    // A superset (phrases): newsq checks the candidates' positions.
    const candidates = this.one(`SELECT id, seq FROM ${this.art}${where} ORDER BY seq ASC ${cap}`);
    if (candidates.length > MAX_CANDIDATES) throw refuse();
    const mini = candidateIndex(this.storedOf(candidates.map((r) => String(r.id))), this.utcOffset);
    try {
      const ids = Array.from(matchingDocs(mini.index, planned, { ...req, statistics: this }), (doc) => mini.index.id(doc));
      return Object.assign(ids, { missing: [...this.missing] });
    } finally {
      mini.dispose();
    }
  }

  /**
   * Articles per day, grouped by searchd: the day of a time in minutes, shifted so that
   * searchd's integer division (which truncates) floors dates before 1970 too. A plan whose
   * MATCH is a superset (phrases past the spellings searchd is sent) is narrowed by newsq to
   * its ids first.
   */
  dayCounts(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>): DayCounts {
    let expr = this.expr(planned.plan, undefined, false);
    if (!expr.exact) expr = this.expr(planned.plan, undefined, true);
    let where = this.where(expr, req);
    if (!expr.exact) {
      const ids = this.matchIds(planned, req).map(documentId);
      if (ids.length === 0) return { counts: [], missing: [...this.missing] };
      where = ` WHERE id IN (${ids.join(',')})`;
    }
    const and = where ? `${where} AND` : ' WHERE';
    // As many groups as the archive has days, and no more: searchd sizes its sorter by max_matches.
    const { first, last } = this.stat();
    const span = first === null || last === null ? 1 : last - first + 1;
    const [days, undated] = this.select([
      `SELECT IDIV(time + ${DAY_SHIFT * 1440}, 1440) d, COUNT(*) c FROM ${this.art}${and} time > ${NO_TIME} GROUP BY d LIMIT 0, ${span} OPTION max_matches=${span}`,
      `SELECT COUNT(*) c FROM ${this.art}${and} time = ${NO_TIME}`,
    ]);
    const counts: Array<[number | null, number]> = days!.map((r) => [Number(r.d) - DAY_SHIFT, Number(r.c)]);
    const none = Number(undated![0]?.c ?? 0);
    if (none > 0) counts.push([null, none]);
    return { counts, missing: [...this.missing] };
  }

  private collectNotices(plan: QueryPlan, probe: Engine): void {
    if (plan.kind === 'leaf') probe.expand(plan);
    else if (plan.kind === 'phrase') this.collectNotices(plan.inner, probe);
    else if (plan.kind !== 'all') for (const c of plan.children) this.collectNotices(c, probe);
  }

  /** Stored articles of searchd ids, in the order given. */
  private storedOf(ids: string[]): Article[] {
    const byId = new Map<string, Article>();
    const chunks: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      chunks.push(`SELECT id, stored FROM ${this.art} WHERE id IN (${part.join(',')}) LIMIT 0, ${part.length} OPTION max_matches=${Math.max(part.length, 1)}`);
    }
    for (const rows of this.select(chunks)) for (const r of rows) byId.set(String(r.id), JSON.parse(String(r.stored)) as Article);
    return ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
  }

  chainSource(): ChainSource {
    return (this.chain ??= new ClusterChainSource(this));
  }

  private chain: ChainSource | null = null;

  /** Rows of the articles' index (for the chain source): SELECT … FROM it, the rest of the statement given. */
  rows(statement: string): Row[] {
    return this.one(statement.replace(' FROM $ART', ` FROM ${this.art}`));
  }

  /** Batched statements on the distributor, with the same failure handling as every read. */
  rowsOf(statements: string[]): Row[][] {
    return this.select(statements.map((s) => s.replace(' FROM $ART', ` FROM ${this.art}`)));
  }

  article(id: string): Article {
    const exact = this.one(`SELECT stored FROM ${this.art} WHERE MATCH(${literal(`@ident ${encodeTerm(id)}`)}) LIMIT 0, 10`)
      .map((r) => JSON.parse(String(r.stored)) as Article)
      .find((a) => a.id === id);
    if (exact) return exact;
    if (id.length >= 4) {
      const rows = this.one(`SELECT stored FROM ${this.art} WHERE MATCH(${literal(`@ident ${encodeTerm(id)}*`)}) ORDER BY seq ASC LIMIT 0, 6`);
      const matches = rows.map((r) => JSON.parse(String(r.stored)) as Article).filter((a) => a.id.startsWith(id));
      if (matches.length === 1) return matches[0]!;
      if (matches.length > 1) throw new ArticleLookupError('ambiguous', id, matches.slice(0, 5).map((a) => ({ id: a.id, title: a.title })));
    }
    // Not "no such article" when the shard that may hold it did not answer.
    if (this.missing.size > 0) {
      const nodes = [...this.missing].join(', ');
      throw new EngineNodeError(nodes, `no article with id ${JSON.stringify(id)} on the search nodes that answered; ${nodes} did not answer`);
    }
    throw new ArticleLookupError('none', id);
  }

  private keywordList: Array<{ key: string; keyword: string }> | null = null;
  private unboundedCounts: KeywordCount[] | null = null;

  // Every keyword with its spelling, from the dictionary the writer keeps: read once. Counted
  // first, because searchd sizes its sorter by max_matches whatever the rows.
  private keywords(): Array<{ key: string; keyword: string }> {
    if (this.keywordList) return this.keywordList;
    const n = Number(this.one(`SELECT COUNT(*) c FROM ${this.vocab} WHERE field = ${TAGS}`)[0]?.c ?? 0);
    const rows = n === 0 ? [] : this.one(`SELECT t, label FROM ${this.vocab} WHERE field = ${TAGS} LIMIT 0, ${n} OPTION max_matches=${n}`);
    const out = new Map<string, string>();
    for (const r of rows) out.set(String(r.t), String(r.label || r.t));
    return (this.keywordList = [...out].map(([key, keyword]) => ({ key, keyword })));
  }

  /** Whether any article carries a keyword: one count, not every keyword's. */
  hasKeywords(): boolean {
    return Number(this.one(`SELECT COUNT(*) c FROM ${this.art} WHERE len_tags > 0`)[0]?.c ?? 0) > 0;
  }

  keywordCounts(from: number | null, to: number | null): KeywordCount[] {
    const unbounded = from === null && to === null;
    if (unbounded && this.unboundedCounts) return this.unboundedCounts;
    const all = this.keywords();
    const range = !unbounded ? ` AND time >= ${from === null ? NO_TIME + 1 : from * 1440}${to !== null ? ` AND time <= ${to * 1440 + 1439}` : ''}` : '';
    const results = this.select(all.map(({ key }) => `SELECT COUNT(*) c FROM ${this.art} WHERE MATCH(${literal(`@tags ${encodeTerm(key)}`)})${range}`));
    const out: KeywordCount[] = [];
    all.forEach(({ key, keyword }, i) => {
      const count = Number(results[i]![0]?.c ?? 0);
      if (count > 0) out.push({ key, keyword, count });
    });
    out.sort((a, b) => b.count - a.count || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0));
    if (unbounded) this.unboundedCounts = out;
    return out;
  }

  /**
   * A keyword typed by a user: a known one is confirmed by its own count (from the counts of
   * every keyword, when they were read already); only an unknown one needs every keyword's
   * count, for the suggestions, and those are read once for all the keywords of a command.
   */
  matchKeyword(input: string): KeywordMatch {
    const key = phraseKey(input);
    const all = this.keywords();
    const known = key ? all.find((k) => k.key === key) : undefined;
    const countOf = (k: string) =>
      this.unboundedCounts ? (this.unboundedCounts.find((c) => c.key === k)?.count ?? 0) : Number(this.one(`SELECT COUNT(*) c FROM ${this.art} WHERE MATCH(${literal(`@tags ${encodeTerm(k)}`)})`)[0]?.c ?? 0);
    // The cluster does not number documents: a known keyword's documents are found by the plan.
    if (known && countOf(key) > 0) return { input, key, keyword: known.keyword, docs: [] };
    const counts = new Map(this.keywordCounts(null, null).map((k) => [k.key, k.count]));
    return { input, key, keyword: null, docs: [], suggestions: closestKeywords(input, all.map((k): [string, string] => [k.key, k.keyword]), (k) => counts.get(k) ?? 0) };
  }

  stats(top: number, from: number | null, to: number | null): ArchiveStats {
    const range = from !== null || to !== null ? `time >= ${from === null ? NO_TIME + 1 : from * 1440}${to !== null ? ` AND time <= ${to * 1440 + 1439}` : ''}` : null;
    const w = (extra?: string) => {
      const conds = [range, extra].filter(Boolean);
      return conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
    };
    const [all, dated, untagged, sources] = this.select([
      `SELECT COUNT(*) c FROM ${this.art}${w()}`,
      `SELECT COUNT(*) c, MIN(time) lo, MAX(time) hi FROM ${this.art}${w(`time > ${NO_TIME}`)}`,
      `SELECT COUNT(*) c FROM ${this.art}${w('len_tags = 0')}`,
      `SELECT src, COUNT(*) c FROM ${this.art}${w()} GROUP BY src LIMIT 0, 100000 OPTION max_matches=100000`,
    ]);
    const documents = Number(all![0]?.c ?? 0);
    const datedCount = Number(dated![0]?.c ?? 0);
    const keywords = this.keywordCounts(from, to);
    return {
      documents,
      firstDay: datedCount > 0 ? dayString(Math.floor(Number(dated![0]!.lo) / 1440)) : null,
      lastDay: datedCount > 0 ? dayString(Math.floor(Number(dated![0]!.hi) / 1440)) : null,
      utcOffset: this.utcOffset,
      undated: documents - datedCount,
      withoutKeywords: Number(untagged![0]?.c ?? 0),
      keywords: { distinct: keywords.length, top: keywords.slice(0, top) },
      sources: sources!
        .map((r) => ({ source: String(r.src) === '' ? null : String(r.src), count: Number(r.c) }))
        .sort((a, b) => b.count - a.count || ((a.source ?? '') < (b.source ?? '') ? -1 : 1)),
      links: { articles: 0, headlines: 0, exact: 0, close: 0, none: 0 },
      index: { dir: this.target.url, generation: 0, segments: this.target.shards.length, bytes: 0, updated: '' },
    };
  }

  /** Nodes that did not answer so far (with --allow-partial). */
  missingNodes(): string[] {
    return [...this.missing];
  }

  close(): void {
    this.sql.close();
  }
}

function clean(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/** A local index of candidate articles, in the order given (their archive order). */
export function candidateIndex(articles: Article[], utcOffset: string): { index: ArchiveIndex; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'newsq-candidates-'));
  let writer: IndexWriter | null = null;
  let view: ArchiveIndex | null = null;
  const dispose = () => {
    view?.close();
    writer?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    writer = IndexWriter.create(dir, { analyzer: analyzerIdentity(), utcOffset, memory: 1 << 30, inlineStore: true, temporary: true });
    const indexer = new DocumentIndexer();
    for (const a of articles) {
      indexer.add(writer.segment, a);
      writer.documentAdded(indexer.bytesUsed());
    }
    writer.flush();
    view = writer.view();
    return { index: view, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

export { nodeName };

/** The most articles a typed headline is compared with on a cluster; past it the headline is refused (give an id). */
export const MAX_HEADLINE_CANDIDATES = 20_000;

function dayOfTime(time: number): number | null {
  return time === NO_TIME ? null : Math.floor(time / 1440);
}

/**
 * Related stories on a cluster: the links the writer stored with each article (resolved by
 * newsq at import, as for a local index), listers found by the `linked` field (the ids their
 * lists name), and similar articles by the same distinctive-term query, ranked by the engine.
 */
class ClusterChainSource implements ChainSource {
  private readonly cache = new Map<string, { article: ChainArticle; links: Link[] } | null>();
  private readonly df = new Map<string, number>();

  constructor(private readonly engine: ClusterEngine) {}

  private load(ids: string[]): void {
    const wanted = [...new Set(ids)].filter((id) => !this.cache.has(id));
    for (let i = 0; i < wanted.length; i += 500) {
      const part = wanted.slice(i, i + 500);
      const rows = this.engine.rows(`SELECT ext_id, stored, links, time FROM $ART WHERE id IN (${part.map(documentId).join(',')}) LIMIT 0, ${part.length} OPTION max_matches=${part.length}`);
      for (const id of part) this.cache.set(id, null);
      for (const r of rows) {
        const a = JSON.parse(String(r.stored)) as Article;
        if (!part.includes(a.id)) continue;
        this.cache.set(a.id, { article: { id: a.id, doc: null, title: a.title, date: a.date, day: dayOfTime(Number(r.time)) }, links: JSON.parse(String(r.links || '[]')) as Link[] });
      }
    }
  }

  article(id: string): ChainArticle | null {
    this.load([id]);
    return this.cache.get(id)?.article ?? null;
  }

  links(id: string): Link[] {
    this.load([id]);
    const entry = this.cache.get(id);
    if (!entry) return [];
    // The targets are looked up together, not one query each.
    this.load(entry.links.map((l) => l.target).filter((t): t is string => t !== null));
    return entry.links;
  }

  listers(id: string): Array<{ from: string; link: Link }> {
    const rows = this.engine.rows(`SELECT ext_id, links FROM $ART WHERE MATCH(${literal(`@linked ${encodeTerm(id)}`)}) ORDER BY seq ASC LIMIT 0, ${MAX_CANDIDATES} OPTION max_matches=${MAX_CANDIDATES}`);
    const out: Array<{ from: string; link: Link }> = [];
    for (const r of rows) for (const link of JSON.parse(String(r.links || '[]')) as Link[]) if (link.target === id) out.push({ from: String(r.ext_id), link });
    this.load(out.map((l) => l.from));
    return out;
  }

  headlineCandidates(headline: string): ChainArticle[] {
    const stems = [...headlineProfile(headline).stems];
    // No stem (function words only): only an exact headline can match, and it holds every word.
    const match = stems.length
      ? `@(title,title_stem) (${stems.map(encodeTerm).join(' | ')})`
      : analyzeText(headline).map((t) => encodeTerm(t.exact)).map((t) => `@title ${t}`).join(' ');
    if (!match) return [];
    const rows = this.engine.rows(`SELECT ext_id, stored, time FROM $ART WHERE MATCH(${literal(match)}) ORDER BY seq ASC LIMIT 0, ${MAX_HEADLINE_CANDIDATES + 1} OPTION max_matches=${MAX_HEADLINE_CANDIDATES + 1}`);
    if (rows.length > MAX_HEADLINE_CANDIDATES) throw new EngineUnsupportedError(`the headline shares words with more than ${MAX_HEADLINE_CANDIDATES} headlines of the cluster; give the article's id`);
    return rows.map((r) => {
      const a = JSON.parse(String(r.stored)) as Article;
      return { id: a.id, doc: null, title: a.title, date: a.date, day: dayOfTime(Number(r.time)) };
    });
  }

  // Articles holding a stem in headline or body, for many stems at once.
  private documentFrequencies(stems: string[]): void {
    const wanted = [...new Set(stems)].filter((s) => !this.df.has(s));
    if (wanted.length === 0) return;
    const results = this.engine.rowsOf(wanted.map((s) => `SELECT COUNT(*) c FROM $ART WHERE MATCH(${literal(`@(title_stem,body_stem) ${encodeTerm(s)}`)})`));
    wanted.forEach((s, i) => this.df.set(s, Number(results[i]![0]?.c ?? 0)));
  }

  similar(id: string, limit: number, accept: (a: ChainArticle) => boolean): Array<{ article: ChainArticle; score: number }> {
    if (limit <= 0) return [];
    const stored = this.engine.article(id);
    const stems = new Set<string>();
    for (const text of [stored.title, ...stored.body.map((b) => b.text)]) for (const t of analyzeText(text)) stems.add(t.stems[0] ?? t.exact);
    this.documentFrequencies([...stems]);
    const terms = distinctiveTermsOf(stored, (s) => this.df.get(s) ?? 0, this.engine.documentCount);
    if (terms.length === 0) return [];
    const planned: PlannedQuery = { plan: similarityPlan(terms), proximity: null, filterOnly: false, notices: [] };
    const hits = this.engine.scoredIds(planned);
    // The days of the articles that may be taken, for the date limits.
    const own = hits.find((h) => h.id === id)?.score ?? hits[0]?.score ?? 0;
    this.load(hits.filter((h) => h.id !== id && h.score >= own * SIMILAR_THRESHOLD).map((h) => h.id));
    return pickSimilar(hits, (h) => h.id === id, limit, (h) => {
      const a = this.article(h.id);
      return a !== null && accept(a);
    }).map((h) => ({ article: this.article(h.id)!, score: h.similarity }));
  }
}
