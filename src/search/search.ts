// A search from the query to the page: the planner's plan, run by the engine in one pass;
// date limits; the order asked for (relevance, with unquoted words ranked higher the closer
// they stand; or newest or oldest first); one result per story, wire copies folded under
// it; and for the page alone, the stored articles with their snippets.

import { parseDateExpression } from '../dates/date-expression';
import type { Article } from '../model/article';
import type { ArchiveIndex } from '../index/reader';
import { NO_TIME, dayNumber, dayString } from '../index/schema';
import { collapseRanked, type Story } from './collapse';
import { Engine, type CorpusStatistics, type ExpansionLimits, type MatchSet } from './engine';
import { QuerySyntaxError } from './parse';
import { bodyFocus, closeness } from './phrase';
import { compileQuery, type PlanContext } from './plan';
import type { PhraseWord, PlannedQuery, QueryPlan } from './query';
import { Matcher, bestSnippet, highlightAll, matchedTerms, snippetAt, type Snippet } from './snippet';
import { offsetOfPosition } from '../analysis/positions';
import { mark } from '../util/trace';

/** The most results a single call returns, whatever --limit says. */
export const MAX_LIMIT = 10_000;

/** How much the closeness of a query's words adds to a document's score, at most (side by side: ×1.5). */
export const PROXIMITY_WEIGHT = 0.5;

/** Ranked documents among which the copies of a page's stories are looked for, at least. */
export const COPY_WINDOW = 200;

/** Documents re-ranked by closeness: the best this many by BM25 (or the page, if larger). */
export const PROXIMITY_WINDOW = 200;

/** A date limit that cannot be read, with the message the date parser gave. */
export class DateLimitError extends Error {
  constructor(
    readonly option: 'since' | 'until',
    readonly expression: string,
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Inclusive day-number bounds from --since / --until (each may be any date expression). */
export function dayBounds(since: string | undefined, until: string | undefined, today: string): { from: number | null; to: number | null } {
  const read = (option: 'since' | 'until', expr: string | undefined): number | null => {
    if (expr === undefined) return null;
    const r = parseDateExpression(expr, { today });
    if (!r.ok) throw new DateLimitError(option, expr, r.message, r.position);
    const day = option === 'since' ? r.range.start : r.range.end;
    return day === null ? null : dayNumber(day);
  };
  const from = read('since', since);
  const to = read('until', until);
  // As the date command refuses a range that ends before it starts.
  if (from !== null && to !== null && to < from) {
    throw new DateLimitError('until', until!, `the range ends (${dayString(to)}) before --since "${since}" starts (${dayString(from)})`, -1);
  }
  return { from, to };
}

/** Result orders. */
export type SortOrder = 'relevance' | 'newest' | 'oldest';

/** Search parameters. */
export interface SearchRequest {
  query: string;
  limit: number;
  offset: number;
  /** Order; by default relevance, and newest first for a query of filters only. */
  sort?: SortOrder;
  since?: string;
  until?: string;
  /** The archive's local day today (for relative dates). */
  today: string;
  /** Add snippets (false for counts and id-only listings). */
  snippets?: boolean;
  /** Fold wire copies under one result (default true). */
  collapse?: boolean;
  /** Rank unquoted words higher the closer they stand (default true). */
  proximity?: boolean;
  /** Bounds of prefix and fuzzy expansion (default: DEFAULT_LIMITS). */
  limits?: ExpansionLimits;
  /** Archive-wide statistics, when the index holds only some of the archive (see CorpusStatistics). */
  statistics?: CorpusStatistics;
}

/** A copy of a shown article, folded under it. */
export interface Copy {
  doc: number;
  id: string;
  source: string | null;
}

/** One result with its stored article. */
export interface SearchHit {
  doc: number;
  score: number;
  article: Article;
  /** Headline and passage with the matched words' offsets. */
  title: Snippet;
  snippet: Snippet;
  /** Document terms that matched. */
  matched: string[];
  /** Wire copies folded under this article. */
  copies: Copy[];
}

/** Results of a search: how many articles matched in all, the requested page, and remarks for the user. */
export interface SearchOutcome {
  total: number;
  hits: SearchHit[];
  notices: string[];
}

/** The planner's view of an index. */
export function planContext(index: ArchiveIndex, today: string): PlanContext {
  return { today, firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
}

/** The matches of a planned query with its date limits applied. */
function matches(engine: Engine, planned: PlannedQuery, req: Pick<SearchRequest, 'since' | 'until' | 'today'>): MatchSet {
  const { from, to } = dayBounds(req.since, req.until, req.today);
  const all = engine.run(planned.plan);
  if (from === null && to === null) return all;
  const lo = from === null ? -Infinity : from * 1440;
  const hi = to === null ? Infinity : to * 1440 + 1439;
  const times = new Int32Array(all.docs.length);
  engine.index.timesOf(all.docs, times);
  let k = 0;
  const keep = new Set<number>();
  for (let i = 0; i < all.docs.length; i++) {
    const t = times[i]!;
    if (t !== NO_TIME && t >= lo && t <= hi) {
      keep.add(all.docs[i]!);
      k++;
    }
  }
  return k === all.docs.length ? all : engine.filter(all, (doc) => keep.has(doc));
}

/** Every matching document (ascending), date limits applied. */
export function matchingDocs(index: ArchiveIndex, planned: PlannedQuery, req: Pick<SearchRequest, 'since' | 'until' | 'today' | 'statistics'>): Int32Array {
  return matches(new Engine(index, undefined, req.statistics ?? null), planned, req).docs;
}

/** Runs a query and returns the requested page with stored articles and snippets. */
export function search(index: ArchiveIndex, req: SearchRequest): SearchOutcome {
  const planned = compileQuery(req.query, planContext(index, req.today));
  mark('planned');
  return runPlanned(index, planned, req);
}

/** The ranking key of a score: scores are compared rounded to 1e-9, so that ties in exact arithmetic fall to archive order, not to the last bit of a sum. */
export function scoreKey(score: number): number {
  return Math.round(score * 1e9);
}

/**
 * The best `k` items under `before`, in order, without sorting all of them: a page of
 * twenty results out of thousands of matches is the common case.
 */
export function selectTop<T>(items: readonly T[], k: number, before: (a: T, b: T) => boolean): T[] {
  if (k <= 0) return [];
  const cmp = (a: T, b: T) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (items.length <= k) return [...items].sort(cmp);
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
  return heap.sort(cmp);
}

/** Indices of the `k` best matches in the order asked for. */
function ranked(engine: Engine, m: MatchSet, k: number, sort: SortOrder, planned: PlannedQuery, proximity: boolean): { order: number[]; scores: Float64Array } {
  const idx = Array.from(m.docs.keys());
  const scores = m.scores;
  if (sort !== 'relevance') {
    const times = new Int32Array(m.docs.length);
    engine.index.timesOf(m.docs, times);
    // Articles without a date come last either way.
    const key = (i: number) => (times[i] === NO_TIME ? (sort === 'newest' ? -Infinity : Infinity) : times[i]!);
    const before =
      sort === 'newest'
        ? (a: number, b: number) => key(a) > key(b) || (key(a) === key(b) && m.docs[a]! > m.docs[b]!)
        : (a: number, b: number) => key(a) < key(b) || (key(a) === key(b) && m.docs[a]! < m.docs[b]!);
    return { order: selectTop(idx, k, before), scores };
  }
  const keys = Float64Array.from(scores, scoreKey);
  const byScore = (a: number, b: number) => keys[a]! > keys[b]! || (keys[a] === keys[b] && m.docs[a]! < m.docs[b]!);
  if (!proximity || !planned.proximity) return { order: selectTop(idx, k, byScore), scores };
  // Closeness re-ranks the best by BM25: a boost of at most PROXIMITY_WEIGHT cannot lift a
  // document from below that window over one in it.
  const window = selectTop(idx, Math.max(k, PROXIMITY_WINDOW), byScore);
  const close = closeness(
    engine.index,
    planned.proximity,
    window.map((i) => m.docs[i]!),
  );
  const boosted = Float64Array.from(scores);
  for (const i of window) boosted[i] = scores[i]! * (1 + PROXIMITY_WEIGHT * (close.get(m.docs[i]!) ?? 0));
  const bkeys = Float64Array.from(boosted, scoreKey);
  window.sort((a, b) => bkeys[b]! - bkeys[a]! || m.docs[a]! - m.docs[b]!);
  return { order: window.slice(0, k), scores: boosted };
}

/** Runs an already planned query (commands that build plans themselves: tag, date). */
export function runPlanned(index: ArchiveIndex, planned: PlannedQuery, req: Omit<SearchRequest, 'query'>): SearchOutcome {
  const engine = new Engine(index, req.limits, req.statistics ?? null);
  const limit = Math.max(0, Math.min(req.limit, MAX_LIMIT));
  const m = matches(engine, planned, req);
  mark('matched');
  const sort: SortOrder = req.sort ?? (planned.filterOnly ? 'newest' : 'relevance');
  const want = req.offset + limit;
  const notices = [...planned.notices, ...engine.notices];
  if (want === 0 || m.docs.length === 0) return { total: m.docs.length, hits: [], notices };

  const proximity = req.proximity !== false;
  if (req.collapse === false) {
    const r = ranked(engine, m, want, sort, planned, proximity);
    const order = r.order.slice(req.offset);
    return page(index, engine, m, order.map((i) => ({ doc: m.docs[i]!, copies: [] })), order, r.scores, req, notices, planned);
  }
  // Copies hide results, so more than the page is ranked, and copies are looked for among
  // all of it; when copies leave the page short, four times as many.
  let k = Math.min(m.docs.length, Math.max(want * 4, COPY_WINDOW));
  for (;;) {
    const r = ranked(engine, m, k, sort, planned, proximity);
    const stories = collapseRanked(
      index,
      r.order.map((i) => m.docs[i]!),
      want,
    );
    mark('ranked and folded');
    if (stories.length >= want || k >= m.docs.length) {
      const shown = stories.slice(req.offset);
      const position = new Map(r.order.map((i) => [m.docs[i]!, i]));
      return page(
        index,
        engine,
        m,
        shown,
        shown.map((s) => position.get(s.doc)!),
        r.scores,
        req,
        notices,
        planned,
      );
    }
    k = Math.min(m.docs.length, k * 4);
  }
}

function page(index: ArchiveIndex, engine: Engine, m: MatchSet, stories: Story[], order: number[], scores: Float64Array, req: Omit<SearchRequest, 'query'>, notices: string[], planned: PlannedQuery): SearchOutcome {
  const matchedOf = stories.map((s) => engine.matchedTerms(s.doc));
  mark('matched terms');
  // One matcher for the page: a word is marked when it matches any term the query matched.
  const matcher = new Matcher(matchedTerms(...matchedOf));
  // A phrase's or several words' snippet is centred where they stand closest in the body.
  const words = phraseWordsOf(planned.plan) ?? planned.proximity;
  const focus = words && req.snippets !== false ? bodyFocus(index, words, stories.map((s) => s.doc)) : null;
  const hits = stories.map((s, n) => {
    const { article, body } = index.storedRecord(s.doc);
    const inBody = matchedOf[n]!;
    const bodyMatched = Object.values(inBody).some((fields) => fields.includes('body') || fields.includes('body_stem'));
    const at = focus?.get(s.doc);
    const snippet =
      req.snippets === false
        ? { text: '', highlights: [] }
        : !bodyMatched
          ? snippetAt(body, 0, matcher)
          : at !== undefined
            ? snippetAt(body, Math.max(0, offsetOfPosition(body, at)), matcher)
            : bestSnippet(body, matcher);
    return {
      doc: s.doc,
      score: scores[order[n]!]!,
      article,
      title: highlightAll(article.title, matcher),
      snippet,
      matched: Object.keys(matchedOf[n]!),
      copies: s.copies.map((doc) => ({ doc, id: index.id(doc), source: index.sourceName(doc) || null })),
    };
  });
  mark('stored and snippets');
  return { total: m.docs.length, hits, notices };
}

/** The words of the first phrase of a plan, or null. */
function phraseWordsOf(plan: QueryPlan): PhraseWord[] | null {
  switch (plan.kind) {
    case 'phrase':
      return plan.words;
    case 'and':
    case 'or':
    case 'not':
      for (const c of plan.children) {
        const w = phraseWordsOf(c);
        if (w) return w;
      }
      return null;
    default:
      return null;
  }
}

/** Today's local day in the archive's offset. */
export function localToday(utcOffset: string, now: Date = new Date()): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, mm] = utcOffset.slice(1).split(':').map(Number);
  const shifted = now.getTime() + sign * ((h ?? 0) * 60 + (mm ?? 0)) * 60_000;
  return dayString(Math.floor(shifted / 86_400_000));
}

export { QuerySyntaxError, type QueryPlan };
