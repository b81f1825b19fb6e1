// Runs a query against an index: phrase checks, date limits, ranking or date order,
// paging, and the stored articles and snippets of the page that is shown.

import { analyzeText } from '../analysis/analyzer';
import { parseDateExpression } from '../dates/date-expression';
import { hitsFor, matchDocs, matchPlan, rankPlan, runPlan, selectTop, type EngineHit, type QueryPlan, type RunOptions } from './ranking';
import { dayNumber, dayString } from '../index/format';
import type { ArchiveIndex } from '../index/reader';
import type { StoredArticle } from '../index/segment-writer';
import { QuerySyntaxError } from './parse';
import { compileQuery, containsPhrase, type PlanContext, type PlannedQuery } from './plan';
import { Matcher, bestSnippet, highlightAll, matchedTerms, type Snippet } from './snippet';
import { mark } from '../util/trace';

/** The most results a single call returns, whatever --limit says. */
export const MAX_LIMIT = 10_000;

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

/** Search parameters. */
export interface SearchRequest {
  query: string;
  limit: number;
  offset: number;
  /** Order: relevance, or newest first (listings by tag or date). */
  order: 'score' | 'newest';
  since?: string;
  until?: string;
  /** The archive's local day today (for relative dates). */
  today: string;
  /** Add snippets (false for counts and id-only listings). */
  snippets?: boolean;
}

/** One result with its stored article. */
export interface SearchHit {
  doc: number;
  score: number;
  article: StoredArticle;
  /** Headline and passage with the matched words' offsets. */
  title: Snippet;
  snippet: Snippet;
  matched: string[];
}

/** Results of a search: how many matched in all, and the requested page. */
export interface SearchOutcome {
  total: number;
  hits: SearchHit[];
}

/** The planner's view of an index. */
export function planContext(index: ArchiveIndex, today: string): PlanContext {
  return { today, firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
}

function checkPhrases(index: ArchiveIndex, planned: PlannedQuery): void {
  for (const p of planned.phrases) {
    for (const hit of runPlan(index, p.candidates)) {
      const a = index.stored(hit.doc);
      const texts = p.field === 'title' ? [a.title] : [a.title, ...a.body.map((b) => b.text)];
      if (texts.some((t) => containsPhrase(t, analyzeText(t), p.tokens))) p.docs.add(hit.doc);
    }
  }
}

// The engine's options for a request's date limits.
function runOptionsOf(req: Pick<SearchRequest, 'since' | 'until' | 'today'>): RunOptions {
  const { from, to } = dayBounds(req.since, req.until, req.today);
  if (from === null && to === null) return {};
  return { dayFilter: (day) => day !== null && (from === null || day >= from) && (to === null || day <= to) };
}

/** Every matching document (ascending), phrases checked and date limits applied. */
export function matchingDocs(index: ArchiveIndex, planned: PlannedQuery, req: Pick<SearchRequest, 'since' | 'until' | 'today'>): number[] {
  checkPhrases(index, planned);
  const run = runOptionsOf(req);
  // Plain plans straight from the postings; the others through MiniSearch.
  const docs = matchDocs(index, planned.plan, run.dayFilter);
  return docs ? Array.from(docs) : matchPlan(index, planned.plan, run).map((h) => h.doc).sort((a, b) => a - b);
}

/** Runs a query and returns the requested page with stored articles and snippets. */
export function search(index: ArchiveIndex, req: SearchRequest): SearchOutcome {
  const planned = compileQuery(req.query, planContext(index, req.today));
  mark('planned');
  return runPlanned(index, planned, req);
}

/**
 * The `k` newest of ascending documents with their sort keys, newest first (the later
 * document first on equal keys); a listing by month may hold most of an archive, and only
 * a page is put in order.
 */
export function newestOf(docs: Int32Array, keys: Float64Array, k: number): number[] {
  const newer = (i: number, j: number) => keys[i]! > keys[j]! || (keys[i] === keys[j] && docs[i]! > docs[j]!);
  return selectTop(Array.from(docs.keys()), k, newer).map((i) => docs[i]!);
}

/** Runs an already planned query (commands that build plans themselves: tag, date). */
export function runPlanned(index: ArchiveIndex, planned: PlannedQuery, req: Omit<SearchRequest, 'query'>): SearchOutcome {
  const limit = Math.max(0, Math.min(req.limit, MAX_LIMIT));
  let total: number;
  let top: EngineHit[];
  if (req.order === 'newest') {
    checkPhrases(index, planned);
    const run = runOptionsOf(req);
    // Plain plans are matched from the postings alone, and MiniSearch scores only the page;
    // the others go through MiniSearch whole. Either way only the page is put in order.
    const plain = matchDocs(index, planned.plan, run.dayFilter);
    const all = plain ? null : matchPlan(index, planned.plan, run);
    const docs = plain ?? Int32Array.from(all!, (h) => h.doc).sort();
    total = docs.length;
    const keys = new Float64Array(docs.length);
    if (req.offset + limit > 0) index.timeKeyOfEach(docs, keys);
    const pageDocs = newestOf(docs, keys, req.offset + limit);
    if (all) {
      const byDoc = new Map(all.map((h) => [h.doc, h]));
      top = pageDocs.map((doc) => byDoc.get(doc)!);
    } else top = hitsFor(index, planned.plan, pageDocs, run.dayFilter);
  } else {
    checkPhrases(index, planned);
    ({ total, hits: top } = rankPlan(index, planned.plan, req.offset + limit, runOptionsOf(req)));
  }
  mark('ranked');
  const page = top.slice(req.offset);
  // One matcher for the page: a word is marked when it matches any term the query matched.
  const matcher = new Matcher(matchedTerms(...page.map((h) => h.match)));
  const hits = page.map((h) => {
    // The record's body text is a slice of what was read: no paragraph is copied to make it.
    const { article, body } = index.storedRecord(h.doc);
    return {
      doc: h.doc,
      score: h.score,
      article,
      title: highlightAll(article.title, matcher),
      snippet: req.snippets === false ? { text: '', highlights: [] } : bestSnippet(body, matcher),
      matched: Object.keys(h.match),
    };
  });
  mark('stored+snippets');
  return { total, hits };
}

/** Today's local day in the archive's offset. */
export function localToday(utcOffset: string, now: Date = new Date()): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  const shifted = now.getTime() + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  return dayString(Math.floor(shifted / 86_400_000));
}

export { QuerySyntaxError, type QueryPlan };
