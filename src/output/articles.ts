// How articles and search hits look in each output format. The JSON shapes here are the
// documented, stable interface for scripts (see README "Output formats"): fields are only
// ever added, never renamed or removed.

import type { Article } from '../model/article';
import { formatDay } from '../dates/date-format';
import { GREGORIAN_SUPPORTED_DAYS } from '../dates/hijri';
import type { Snippet } from '../search/snippet';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import type { Span } from './line';
import { label } from './labels';
import { renderArticleText } from './paragraphs';
import { sanitizeForTerminal } from './sanitize';
import { renderTable, type Cell, type ColumnSpec } from './table';
import type { Lang, OutputSettings } from './terminal';

/** Calendar for printed dates. */
export type Calendar = 'gregory' | 'hijri';

/** A hit as the formatters need it. */
export interface HitView {
  article: Article;
  score: number | null;
  title: Snippet;
  snippet: Snippet;
  /** Wire copies folded under this article (search results only). */
  copies?: Array<{ id: string; source: string | null }>;
}

/** The local day of an ISO date-time in the chosen calendar ('' when unknown). */
export function dayLabel(iso: string | null, calendar: Calendar): string {
  if (!iso) return '';
  const day = iso.slice(0, 10);
  if (calendar === 'hijri' && day >= GREGORIAN_SUPPORTED_DAYS.first && day <= GREGORIAN_SUPPORTED_DAYS.last) {
    return formatDay(day, 'hijri', 'iso');
  }
  return day;
}

/** Spans of a snippet, matched words marked. */
export function snippetSpans(s: Snippet): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const [start, end] of s.highlights) {
    if (start > at) out.push({ text: s.text.slice(at, start) });
    out.push({ text: s.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < s.text.length) out.push({ text: s.text.slice(at) });
  return out;
}

/** The stable JSON object of an article (without search fields). */
export function articleJson(a: Article, calendar: Calendar): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    title: a.title,
    date: a.date,
    source: a.source,
    credits: a.credits,
    keywords: a.keywords,
    url: a.url,
  };
  if (calendar === 'hijri') out.date_hijri = a.date ? dayLabel(a.date, 'hijri') : null;
  return out;
}

/** The stable JSON object of a search hit. */
export function hitJson(h: HitView, calendar: Calendar): Record<string, unknown> {
  return {
    ...articleJson(h.article, calendar),
    score: h.score === null ? null : Number(h.score.toPrecision(6)),
    snippet: { text: h.snippet.text, highlights: h.snippet.highlights },
    ...(h.copies ? { copies: h.copies.map((c) => ({ id: c.id, source: c.source })) } : {}),
  };
}

/** The fields a listing can print (--fields), in table, TSV and CSV. */
export const HIT_FIELDS = ['id', 'date', 'time', 'title', 'source', 'credits', 'author', 'url', 'keywords', 'score', 'snippet'] as const;
export type HitField = (typeof HIT_FIELDS)[number];

/** The fields printed when --fields is not given. */
export const DEFAULT_FIELDS: Readonly<Record<'tsv' | 'csv', readonly HitField[]>> = {
  tsv: ['id', 'date', 'title', 'source', 'snippet'],
  // A spreadsheet has room for the rest of a record.
  csv: ['id', 'date', 'time', 'title', 'source', 'author', 'url', 'snippet'],
};

/** Reads a --fields list ("id,date,title"); throws an Error naming the fields there are. */
export function parseFields(list: string): HitField[] {
  const names = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new Error(`--fields needs at least one of ${HIT_FIELDS.join(', ')}`);
  for (const name of names) {
    if (!(HIT_FIELDS as readonly string[]).includes(name)) throw new Error(`unknown field "${name}" in --fields; the fields are ${HIT_FIELDS.join(', ')}`);
  }
  return names as HitField[];
}

/** The local time of day of an ISO date-time ("07:11"; '' when unknown). */
function timeOf(iso: string | null): string {
  return iso && iso.length >= 16 ? iso.slice(11, 16) : '';
}

/** A field of a hit as plain text (TSV, CSV). Lists are joined with "|", as show does. */
function fieldText(h: HitView, field: HitField, calendar: Calendar): string {
  const a = h.article;
  switch (field) {
    case 'id':
      return a.id;
    case 'date':
      return dayLabel(a.date, calendar);
    case 'time':
      return timeOf(a.date);
    case 'title':
      return a.title;
    case 'source':
      return a.source ?? '';
    case 'credits':
      return a.credits.join('|');
    case 'author':
      return a.author ?? '';
    case 'url':
      return a.url ?? '';
    case 'keywords':
      return a.keywords.join('|');
    case 'score':
      return h.score === null ? '' : String(Number(h.score.toPrecision(6)));
    case 'snippet':
      return h.snippet.text;
  }
}

/** The table column of a field. */
function fieldColumn(field: HitField, lang: Lang): ColumnSpec {
  switch (field) {
    case 'id':
    case 'date':
    case 'time':
    case 'score':
      return { header: label(field, lang), kind: 'ltr' };
    case 'title':
      return { header: label('title', lang), kind: 'text', flex: 3, minWidth: 20, wrap: true };
    case 'source':
    case 'author':
    case 'credits':
      return { header: label(field, lang), kind: 'text', flex: 1, maxWidth: 18, minWidth: 6 };
    case 'url':
      return { header: label('url', lang), kind: 'ltr', flex: 2, maxWidth: 40, minWidth: 12, wrap: true };
    case 'keywords':
      return { header: label('keywords', lang), kind: 'text', flex: 2, minWidth: 10, wrap: true, maxLines: 3 };
    case 'snippet':
      return { header: label('snippet', lang), kind: 'text', flex: 3, minWidth: 20, wrap: true, maxLines: 3, maxWidth: 60 };
  }
}

/** A field of a hit as a table cell: matched words marked in the headline and snippet. */
function fieldCell(h: HitView, field: HitField, calendar: Calendar): Cell {
  if (field === 'title') return snippetSpans(h.title);
  if (field === 'snippet') return snippetSpans(h.snippet);
  if (field === 'source') return withCopies(h);
  if (field === 'keywords') return h.article.keywords.join('، ');
  return fieldText(h, field, calendar);
}

/**
 * Renders hits in the chosen format (table, tsv, csv, json, ndjson); `fields` picks the columns
 * of the first three; `missing` names cluster nodes that did not answer (a partial answer).
 */
export function formatHits(hits: HitView[], settings: OutputSettings, calendar: Calendar, fields?: readonly HitField[], missing: readonly string[] = []): string {
  switch (settings.format) {
    // An answer some search nodes did not contribute to (--allow-partial) says so in the data.
    case 'json':
      return missing.length
        ? formatJson({ partial: true, missing, results: hits.map((h) => hitJson(h, calendar)) })
        : formatJson(hits.map((h) => hitJson(h, calendar)));
    case 'ndjson':
      return formatNdjson(hits.map((h) => (missing.length ? { ...hitJson(h, calendar), partial: true, missing } : hitJson(h, calendar))));
    case 'tsv':
    case 'csv': {
      const columns = fields ?? DEFAULT_FIELDS[settings.format];
      const rows = hits.map((h) => columns.map((f) => fieldText(h, f, calendar)));
      return formatDelimited(settings, [...columns], rows);
    }
    case 'table': {
      const lang = settings.lang ?? 'en';
      if (fields) {
        const rows = hits.map((h) => fields.map((f) => fieldCell(h, f, calendar)));
        return renderTable({ columns: fields.map((f) => fieldColumn(f, lang)), rows, direction: 'rtl', rowSeparators: 'auto' }, settings);
      }
      // Headlines wrap and snippets take at most three lines; below the widths these
      // minimums add up to, each hit becomes a record of lines (renderTable stacks them).
      const columns: ColumnSpec[] = [fieldColumn('id', lang), fieldColumn('date', lang), fieldColumn('title', lang), fieldColumn('source', lang)];
      const withSnippets = hits.some((h) => h.snippet.text);
      if (withSnippets) columns.push(fieldColumn('snippet', lang));
      const rows = hits.map((h) => {
        const row = [h.article.id, dayLabel(h.article.date, calendar), snippetSpans(h.title), withCopies(h)];
        if (withSnippets) row.push(snippetSpans(h.snippet));
        return row;
      });
      return renderTable({ columns, rows, direction: 'rtl', rowSeparators: 'auto' }, settings);
    }
  }
}

/** The source cell of a hit: its source, and under it the copies folded under it ("+2: عكاظ، سبق"). */
function withCopies(h: HitView): string {
  const source = h.article.source ?? '';
  if (!h.copies?.length) return source;
  const names = [...new Set(h.copies.map((c) => c.source).filter((s): s is string => !!s && s !== source))];
  return `${source}\n+${h.copies.length}${names.length ? `: ${names.join('، ')}` : ''}`;
}

/** Renders one article in full (show). */
export function formatArticle(a: Article, settings: OutputSettings, calendar: Calendar): string {
  switch (settings.format) {
    case 'json':
      return formatJson({ ...articleJson(a, calendar), author: a.author, body: a.body, related: a.related, origin: a.origin });
    case 'ndjson':
      return formatNdjson([{ ...articleJson(a, calendar), author: a.author, body: a.body, related: a.related, origin: a.origin }]);
    case 'tsv':
    case 'csv': {
      const cols = ['id', 'date', 'title', 'source', 'keywords', 'body'];
      // In the Hijri calendar the day as search prints it; else the full local date-time.
      const date = calendar === 'hijri' && a.date ? dayLabel(a.date, 'hijri') : (a.date ?? '');
      const row = [a.id, date, a.title, a.source ?? '', a.keywords.join('|'), a.body.map((b) => b.text).join('\n\n')];
      return formatDelimited(settings, cols, [row]);
    }
    case 'table': {
      const date = a.date ? `${dayLabel(a.date, calendar)} ${a.date.slice(11, 16)}` : '';
      const meta = [a.id, date, [a.source, ...a.credits].filter(Boolean).join(' + ')].filter(Boolean).join('  ·  ');
      const blocks: Array<{ kind: 'paragraph' | 'heading'; text: string }> = [{ kind: 'heading', text: a.title }, { kind: 'paragraph', text: meta }, ...a.body];
      const lang = settings.lang ?? 'en';
      if (a.keywords.length) blocks.push({ kind: 'paragraph', text: `${label('keywordsLine', lang)} ${a.keywords.join(' · ')}` });
      if (a.related.length) blocks.push({ kind: 'heading', text: label('related', lang) }, ...a.related.map((r) => ({ kind: 'paragraph' as const, text: `• ${r}` })));
      return renderArticleText(blocks, settings);
    }
  }
}

/**
 * One article as plain text for a pipe or a file (show without --format, as `notmuch show`
 * and `gh issue view` print): the headline, a line for each fact, the paragraphs each on one
 * line, then keywords and related headlines. Text stays in logical order and unwrapped: the
 * reader (a pager, an editor, grep) lays it out.
 */
export function formatArticleText(a: Article, calendar: Calendar, lang: Lang): string {
  const clean = (text: string): string => sanitizeForTerminal(text).replace(/[\r\n]+/g, ' ');
  const lines: string[] = [clean(a.title)];
  const fact = (key: 'id' | 'date' | 'source' | 'author' | 'url', value: string | null | undefined): void => {
    if (value) lines.push(`${label(key, lang)}: ${clean(value)}`);
  };
  fact('id', a.id);
  fact('date', a.date ? `${dayLabel(a.date, calendar)} ${timeOf(a.date)}`.trim() : null);
  fact('source', [a.source, ...a.credits].filter(Boolean).join(' + '));
  fact('author', a.author);
  fact('url', a.url);
  for (const block of a.body) if (block.text.trim()) lines.push('', clean(block.text));
  if (a.keywords.length) lines.push('', `${label('keywordsLine', lang)} ${a.keywords.map(clean).join(' · ')}`);
  if (a.related.length) lines.push('', `${label('related', lang)}:`, ...a.related.map((r) => `• ${clean(r)}`));
  return `${lines.join('\n')}\n`;
}
