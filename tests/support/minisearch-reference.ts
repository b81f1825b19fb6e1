// The reference newsq's engine is held to: a plain in-memory MiniSearch, built through its
// public API (addAll, search) with newsq's analyzer as its tokenizer and term processor,
// over the same articles. Its query tree is MiniSearch's own (combineWith AND, OR, AND_NOT;
// prefix; fuzzy), translated from newsq's plan.

import MiniSearch, { type Options, type Query } from 'minisearch';
import { analyzeWord, indexableTokens, phraseKey } from '../../src/analysis/analyzer';
import { bodyText, type Article } from '../../src/model/article';
import { nameTerms, articleTime } from '../../src/ingest/document';
import { FIELDS, dateTerms, dayNumber, type FieldName } from '../../src/index/schema';
import { FIELD_BOOST } from '../../src/search/scoring';
import type { QueryPlan } from '../../src/search/query';

/** The fields MiniSearch indexes (the near-duplicate band keys are not searched by any query). */
export const REFERENCE_FIELDS = FIELDS.filter((f) => f !== 'dup');

/** One article as MiniSearch indexes it. */
export interface ReferenceDoc {
  id: string;
  title: string;
  body: string;
  tags: string;
  source: string;
  author: string;
  date: string;
  day: number | null;
}

export function referenceDoc(a: Article): ReferenceDoc {
  const { day } = articleTime(a);
  return {
    id: a.id,
    title: a.title,
    body: bodyText(a),
    tags: a.keywords.join('\n'),
    source: [a.source, ...a.credits].filter(Boolean).join('\n'),
    author: a.author ?? '',
    date: day,
    day: day ? dayNumber(day) : null,
  };
}

function fieldText(doc: ReferenceDoc, field: FieldName): string {
  if (field === 'title_stem') return doc.title;
  if (field === 'body_stem') return doc.body;
  return String(doc[field as keyof ReferenceDoc] ?? '');
}

function tokens(text: string, field: FieldName): string[] {
  switch (field) {
    case 'title':
    case 'body':
    case 'title_stem':
    case 'body_stem':
      return indexableTokens(text);
    case 'tags':
      return text.split('\n').filter((k) => phraseKey(k) !== '');
    case 'source':
    case 'author':
      return text.split('\n').flatMap((s) => (s ? nameTerms(s) : []));
    case 'date':
      return dateTerms(text);
    default:
      return [];
  }
}

function terms(token: string, field: FieldName): string[] {
  switch (field) {
    case 'title':
    case 'body':
      return analyzeWord(token) ? [analyzeWord(token)!.exact] : [];
    case 'title_stem':
    case 'body_stem':
      return analyzeWord(token)?.stems ?? [];
    case 'tags':
      return [phraseKey(token)];
    default:
      return [token];
  }
}

export function referenceOptions(): Options<ReferenceDoc> {
  return {
    idField: 'id',
    fields: [...REFERENCE_FIELDS],
    storeFields: ['day'],
    extractField: (doc, field) => (field === 'id' || field === 'day' ? doc[field] : fieldText(doc, field as FieldName)),
    stringifyField: (value) => String(value),
    tokenize: (text, field) => tokens(text, (field ?? 'body') as FieldName),
    processTerm: (term, field) => terms(term, (field ?? 'body') as FieldName),
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, combineWith: 'AND' },
    autoVacuum: false,
  };
}

/** newsq's plan as MiniSearch's query tree (phrases have no counterpart there and are refused). */
export function toMiniSearchQuery(plan: QueryPlan): Query {
  switch (plan.kind) {
    case 'all':
      return MiniSearch.wildcard as unknown as Query;
    case 'leaf':
      return { queries: [plan.term], fields: plan.fields.map((f) => FIELDS[f]!), prefix: plan.prefix ?? false, fuzzy: plan.fuzzy ?? false, combineWith: 'OR' };
    case 'phrase':
      throw new Error('MiniSearch has no phrases');
    default:
      return { combineWith: plan.kind === 'and' ? 'AND' : plan.kind === 'or' ? 'OR' : 'AND_NOT', queries: plan.children.map(toMiniSearchQuery) };
  }
}

/** The field boosts as MiniSearch's search option takes them. */
export const REFERENCE_BOOST: Record<string, number> = Object.fromEntries(REFERENCE_FIELDS.map((f) => [f, FIELD_BOOST[f]]));
