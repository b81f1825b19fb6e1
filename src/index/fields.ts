// What newsq indexes for an article, and the MiniSearch options that score it. Both the
// index builder (which writes postings itself, for speed) and a plain in-memory
// MiniSearch (used by the equivalence tests) derive their terms from this one module, so
// the two cannot drift apart.

import type { Options } from 'minisearch';
import { analyzeWord, indexableTokens, phraseKey } from '../analysis/analyzer';

/** Index fields in id order. */
export const FIELDS = ['title', 'body', 'title_stem', 'body_stem', 'tags', 'source', 'date'] as const;
export type FieldName = (typeof FIELDS)[number];
export const FIELD_ID: Record<FieldName, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<
  FieldName,
  number
>;

/** Field weights: titles over bodies, the exact form over the stem. Filter-like fields weigh nothing. */
export const FIELD_BOOST: Record<FieldName, number> = {
  title: 3,
  body: 1,
  title_stem: 1.5,
  body_stem: 0.5,
  tags: 2,
  source: 0,
  date: 0,
};

/** The text of each field of an indexable document. Every field is always present (see below). */
export interface IndexDoc {
  id: string;
  title: string;
  body: string;
  /** Keywords joined by newlines. */
  tags: string;
  /** Source and credits joined by newlines. */
  source: string;
  /** Local day 'YYYY-MM-DD' or ''. */
  date: string;
  /** Stored for filters: local day as days since 1970-01-01, or null. */
  day: number | null;
}

/** Date terms of a local day: its year, month and day, each a term of the date field. */
export function dateTerms(day: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
  return [`y${day.slice(0, 4)}`, `m${day.slice(0, 7)}`, `d${day}`];
}

/** The source field's terms: each name whole, and its words (so `source:الخليج` finds الخليج الجديد). */
export function sourceTerms(name: string): string[] {
  const whole = phraseKey(name);
  if (!whole) return [];
  const words = whole.split(' ');
  return words.length > 1 ? [whole, ...words] : [whole];
}

/**
 * Tokens of a field as MiniSearch's `tokenize` sees them. The count of distinct tokens
 * is the field length used by BM25, so this must be identical for the builder and for
 * MiniSearch itself.
 */
export function fieldTokens(text: string, field: FieldName): string[] {
  switch (field) {
    case 'title':
    case 'body':
    case 'title_stem':
    case 'body_stem':
      return indexableTokens(text);
    case 'tags':
      return text.split('\n').filter((k) => phraseKey(k) !== '');
    case 'source':
      return text.split('\n').flatMap((s) => sourceTerms(s));
    case 'date':
      return dateTerms(text);
  }
}

/** Terms a token of a field is indexed under (MiniSearch's `processTerm`). */
export function fieldTerms(token: string, field: FieldName): string[] {
  switch (field) {
    case 'title':
    case 'body': {
      const a = analyzeWord(token);
      return a ? [a.exact] : [];
    }
    case 'title_stem':
    case 'body_stem': {
      const a = analyzeWord(token);
      return a ? a.stems : [];
    }
    case 'tags':
      return [phraseKey(token)];
    case 'source':
    case 'date':
      return [token];
  }
}

/** Which article text feeds each field. */
export function fieldText(doc: IndexDoc, field: FieldName): string {
  switch (field) {
    case 'title':
    case 'title_stem':
      return doc.title;
    case 'body':
    case 'body_stem':
      return doc.body;
    default:
      return doc[field];
  }
}

/**
 * MiniSearch options equivalent to what the builder writes. Every field yields a string
 * (never undefined) so that MiniSearch's running average field length equals the plain
 * mean the builder stores.
 */
export function miniSearchOptions(): Options<IndexDoc> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: ['day'],
    extractField: (doc, field) => (field === 'id' || field === 'day' ? doc[field] : fieldText(doc, field as FieldName)),
    stringifyField: (value) => String(value),
    tokenize: (text, field) => fieldTokens(text, (field ?? 'body') as FieldName),
    processTerm: (term, field) => fieldTerms(term, (field ?? 'body') as FieldName),
    searchOptions: {
      tokenize: (text) => [text],
      processTerm: (term) => term,
      combineWith: 'AND',
    },
    autoVacuum: false,
  };
}
