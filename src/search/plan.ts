// Turns a parsed query into the engine's plan. Each word becomes its exact form OR its
// stems, searched in the matching fields — so a document holding the exact spelling
// collects both scores and ranks above one that only shares the stem. Field prefixes
// become leaves on their own fields; date expressions become the year, month and day
// terms that cover the range; phrases are the AND of their words, restricted to the
// documents whose text really contains the phrase (checked by the caller).

import { analyzeText, phraseKey, type AnalyzedToken } from '../analysis/analyzer';
import { foldLetters } from '../analysis/normalize';
import { coverRange } from '../dates/date-buckets';
import { parseDateExpression } from '../dates/date-expression';
import type { QueryPlan } from './ranking';
import type { FieldName } from '../index/fields';
import { QuerySyntaxError, parseQuery, type QueryNode } from './parse';

/** A phrase of the query: its tokens, where to look, and (filled by the caller) where it occurs. */
export interface PhraseCheck {
  tokens: AnalyzedToken[];
  field: 'any' | 'title';
  /** The documents that can contain it (all its words). */
  candidates: QueryPlan;
  /** Documents whose text contains the phrase; filled before the main plan runs. */
  docs: Set<number>;
}

/** What the planner needs from the archive and the clock. */
export interface PlanContext {
  today: string;
  firstDay: string | null;
  lastDay: string | null;
}

/** A planned query. */
export interface PlannedQuery {
  plan: QueryPlan;
  phrases: PhraseCheck[];
}

const EXACT: Record<'any' | 'title', FieldName[]> = { any: ['title', 'body'], title: ['title'] };
const STEM: Record<'any' | 'title', FieldName[]> = { any: ['title_stem', 'body_stem'], title: ['title_stem'] };

const NOTHING: QueryPlan = { kind: 'or', children: [] };

function tokenPlan(t: AnalyzedToken, field: 'any' | 'title', prefix: boolean, fuzzy: number | null): QueryPlan {
  const opts = { ...(prefix ? { prefix: true } : {}), ...(fuzzy ? { fuzzy } : {}) };
  const children: QueryPlan[] = [{ kind: 'leaf', term: t.exact, fields: EXACT[field], ...opts }];
  for (const s of t.stems) children.push({ kind: 'leaf', term: s, fields: STEM[field], ...opts });
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
  return { kind: 'or', children: terms.map((term) => ({ kind: 'leaf', term, fields: ['date'] as FieldName[] })) };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** Plans a parsed query; throws QuerySyntaxError for values that cannot be used (a bad date). */
export function planQuery(node: QueryNode, ctx: PlanContext): PlannedQuery {
  const phrases: PhraseCheck[] = [];

  const visit = (n: QueryNode): QueryPlan | null => {
    switch (n.type) {
      case 'word': {
        const tokens = analyzeText(n.text);
        if (tokens.length === 0) return null;
        return and(tokens.map((t) => tokenPlan(t, n.field, n.prefix, n.fuzzy)));
      }
      case 'phrase': {
        const tokens = analyzeText(n.text);
        if (tokens.length === 0) return null;
        const candidates = and(tokens.map((t) => tokenPlan(t, n.field, false, null)));
        if (tokens.length === 1) return candidates;
        const check: PhraseCheck = { tokens, field: n.field, candidates, docs: new Set() };
        phrases.push(check);
        return { kind: 'and', children: [candidates], only: (doc) => check.docs.has(doc) };
      }
      case 'tag': {
        const key = phraseKey(n.value);
        return key ? { kind: 'leaf', term: key, fields: ['tags'] } : null;
      }
      case 'source': {
        const key = phraseKey(n.value);
        return key ? { kind: 'leaf', term: key, fields: ['source'] } : null;
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
  return { plan, phrases };
}

/** Parses and plans a query string. */
export function compileQuery(query: string, ctx: PlanContext): PlannedQuery {
  return planQuery(parseQuery(query), ctx);
}

/**
 * Whether the tokens of a text contain the phrase: consecutive words with the phrase's
 * exact forms, nothing but spaces and quotes between them; the first word may carry a
 * clitic (والدولة الإسلامية contains "الدولة الإسلامية").
 */
export function containsPhrase(text: string, textTokens: AnalyzedToken[], phrase: AnalyzedToken[]): boolean {
  // Exact terms keep hamza on alef, ى and ة; a phrase is the same words however those are written.
  const folded = phrase.map((p) => foldLetters(p.exact));
  const first = phrase[0]!;
  outer: for (let i = 0; i + phrase.length <= textTokens.length; i++) {
    const t = textTokens[i]!;
    const head = foldLetters(t.exact);
    if (!(head === folded[0] || (head.endsWith(folded[0]!) && t.stems.some((s) => first.stems.includes(s))))) continue;
    for (let k = 1; k < phrase.length; k++) {
      const prev = textTokens[i + k - 1]!;
      const cur = textTokens[i + k]!;
      if (foldLetters(cur.exact) !== folded[k]) continue outer;
      if (/[.!?؟،,;؛:\n]/.test(text.slice(prev.end, cur.start))) continue outer;
    }
    return true;
  }
  return false;
}
