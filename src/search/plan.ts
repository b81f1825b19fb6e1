// Turns a parsed query into the engine's plan. Each word becomes its exact form OR its
// stems, searched in the matching fields — so a document holding the exact spelling
// collects both scores and ranks above one that only shares the stem. Field prefixes
// become leaves on their own fields; date expressions become the year, month and day terms
// that cover the range; a phrase is the AND of its words kept to the documents where they
// stand together, checked by the engine with the index's positions.

import { analyzeText, phraseKey, type AnalyzedToken } from '../analysis/analyzer';
import { queryVariants } from '../analysis/variants';
import { coverRange } from '../dates/date-buckets';
import { parseDateExpression } from '../dates/date-expression';
import { FIELD_ID } from '../index/schema';
import { QuerySyntaxError, parseQuery, queryNotices, type QueryNode } from './parse';
import type { PhraseWord, PlannedQuery, QueryPlan } from './query';

/** What the planner needs from the archive and the clock. */
export interface PlanContext {
  today: string;
  firstDay: string | null;
  lastDay: string | null;
  /** Add each word's query-time variants (broken plurals, foreign spellings, a missing hamza); default true. */
  variants?: boolean;
}

const EXACT = { any: [FIELD_ID.title, FIELD_ID.body], title: [FIELD_ID.title] };
const STEM = { any: [FIELD_ID.title_stem, FIELD_ID.body_stem], title: [FIELD_ID.title_stem] };

const NOTHING: QueryPlan = { kind: 'or', children: [] };

function tokenPlan(t: AnalyzedToken, field: 'any' | 'title', prefix: boolean, fuzzy: number | null, withVariants: boolean): QueryPlan {
  const opts = { ...(prefix ? { prefix: true } : {}), ...(fuzzy ? { fuzzy } : {}) };
  // A word's variants join its own leaves: exact-field variants the exact leaf, stem variants the first stem's.
  const variants = withVariants && !prefix && !fuzzy ? queryVariants(t.text) : [];
  const of = (kind: 'exact' | 'stem') => variants.filter((v) => v.field === kind).map((v) => ({ term: v.term, weight: v.weight }));
  const exact = of('exact');
  const children: QueryPlan[] = [{ kind: 'leaf', term: t.exact, fields: EXACT[field], ...opts, ...(exact.length ? { variants: exact } : {}) }];
  const stems = of('stem');
  t.stems.forEach((s, i) => children.push({ kind: 'leaf', term: s, fields: STEM[field], ...opts, ...(i === 0 && stems.length ? { variants: stems } : {}) }));
  return { kind: 'or', children };
}

function and(children: QueryPlan[]): QueryPlan {
  return children.length === 1 ? children[0]! : { kind: 'and', children };
}

/** The date terms (on the date field) covering an inclusive day range clipped to the archive. */
export function dateRangePlan(start: string | null, end: string | null, ctx: PlanContext): QueryPlan {
  const from = start ?? ctx.firstDay;
  const to = end ?? ctx.lastDay;
  if (!from || !to) return NOTHING;
  // Clipping to the archive keeps open and relative ranges to a handful of terms; clipping
  // to whole years around it keeps a year query a single year term.
  const lo = ctx.firstDay && from < ctx.firstDay ? maxDay(from, `${ctx.firstDay.slice(0, 4)}-01-01`) : from;
  const hi = ctx.lastDay && to > ctx.lastDay ? minDay(to, `${ctx.lastDay.slice(0, 4)}-12-31`) : to;
  if (lo > hi) return NOTHING;
  const cover = coverRange(lo, hi);
  const terms = [...cover.years.map((y) => `y${y}`), ...cover.months.map((m) => `m${m}`), ...cover.days.map((d) => `d${d}`)];
  return { kind: 'or', children: terms.map((term) => ({ kind: 'leaf', term, fields: [FIELD_ID.date] })) };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

const word = (t: AnalyzedToken): PhraseWord => ({ exact: t.exact, stems: t.stems });

/** Plans a parsed query; throws QuerySyntaxError for values that cannot be used (a bad date). */
export function planQuery(node: QueryNode, ctx: PlanContext): PlannedQuery {
  let textual = false;

  const visit = (n: QueryNode): QueryPlan | null => {
    switch (n.type) {
      case 'word': {
        const tokens = analyzeText(n.text);
        if (tokens.length === 0) return null;
        textual = true;
        return and(tokens.map((t) => tokenPlan(t, n.field, n.prefix, n.fuzzy, ctx.variants !== false)));
      }
      case 'phrase': {
        const tokens = analyzeText(n.text);
        if (tokens.length === 0) return null;
        textual = true;
        const inner = and(tokens.map((t) => tokenPlan(t, n.field, false, null, ctx.variants !== false)));
        if (tokens.length === 1) return inner;
        return { kind: 'phrase', words: tokens.map(word), slop: n.slop, where: n.field, inner };
      }
      case 'tag': {
        const key = phraseKey(n.value);
        return key ? { kind: 'leaf', term: key, fields: [FIELD_ID.tags] } : null;
      }
      case 'source': {
        const key = phraseKey(n.value);
        return key ? { kind: 'leaf', term: key, fields: [FIELD_ID.source] } : null;
      }
      case 'author': {
        const key = phraseKey(n.value);
        return key ? { kind: 'leaf', term: key, fields: [FIELD_ID.author] } : null;
      }
      case 'date': {
        const r = parseDateExpression(n.value, { today: ctx.today });
        if (!r.ok) throw new QuerySyntaxError(`date: ${r.message}`, n.pos + 5 + r.position);
        return dateRangePlan(r.range.start, r.range.end, ctx);
      }
      case 'not': {
        // A NOT on its own means "everything except".
        const child = visit(n.child);
        return child ? { kind: 'not', children: [{ kind: 'all' }, child] } : null;
      }
      case 'and': {
        const positive: QueryPlan[] = [];
        const negative: QueryPlan[] = [];
        for (const c of n.children) {
          if (c.type === 'not') {
            const p = visit(c.child);
            if (p) negative.push(p);
          } else {
            const p = visit(c);
            if (p) positive.push(p);
          }
        }
        if (positive.length === 0 && negative.length === 0) return null;
        const base: QueryPlan = positive.length ? and(positive) : { kind: 'all' };
        if (negative.length === 0) return base;
        return { kind: 'not', children: [base, ...negative] };
      }
      case 'or': {
        const children = n.children.map(visit).filter((p): p is QueryPlan => p !== null);
        if (children.length === 0) return null;
        return children.length === 1 ? children[0]! : { kind: 'or', children };
      }
    }
  };

  const plan = visit(node);
  if (!plan) throw new QuerySyntaxError('nothing to search for: the query has no words newsq can index', 0);
  return { plan, proximity: proximityWords(node), filterOnly: !textual, notices: [] };
}

/**
 * The words of a query whose documents are ranked higher the closer its words stand: plain
 * words joined by AND (written or implied), nothing else in the query but filters.
 */
function proximityWords(node: QueryNode): PhraseWord[] | null {
  const parts = node.type === 'and' ? node.children : [node];
  const words: PhraseWord[] = [];
  for (const p of parts) {
    if (p.type === 'tag' || p.type === 'source' || p.type === 'date' || p.type === 'author') continue;
    if (p.type !== 'word' || p.prefix || p.fuzzy || p.field !== 'any') return null;
    for (const t of analyzeText(p.text)) words.push(word(t));
  }
  return words.length >= 2 ? words : null;
}

/** Parses and plans a query string. */
export function compileQuery(query: string, ctx: PlanContext): PlannedQuery {
  const planned = planQuery(parseQuery(query), ctx);
  planned.notices.push(...queryNotices(query));
  return planned;
}
