// How articles and search hits look in each output format. The JSON shapes here are the
// documented, stable interface for scripts (see README "Output formats"): fields are only
// ever added, never renamed or removed.

import type { Article } from '../model/article';
import { formatDay } from '../dates/date-format';
import { GREGORIAN_SUPPORTED_DAYS } from '../dates/hijri';
import type { Snippet } from '../search/snippet';
import { formatCsv, formatJson, formatNdjson, formatTsv } from './formats';
import type { Span } from './line';
import { label } from './labels';
import { renderArticleText } from './paragraphs';
import { renderTable, type ColumnSpec } from './table';
import type { OutputSettings } from './terminal';

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

const HIT_COLUMNS = ['id', 'date', 'title', 'source', 'snippet'];

/** Renders hits in the chosen format (table, tsv, csv, json, ndjson). */
export function formatHits(hits: HitView[], settings: OutputSettings, calendar: Calendar, missing: readonly string[] = []): string {
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
      const rows = hits.map((h) => [h.article.id, dayLabel(h.article.date, calendar), h.article.title, h.article.source ?? '', h.snippet.text]);
      return settings.format === 'tsv' ? formatTsv(HIT_COLUMNS, rows) : formatCsv(HIT_COLUMNS, rows);
    }
    case 'table': {
      const lang = settings.lang ?? 'en';
      // Headlines wrap and snippets take at most three lines; below the widths these
      // minimums add up to, each hit becomes a record of lines (renderTable stacks them).
      const columns: ColumnSpec[] = [
        { header: label('id', lang), kind: 'ltr' },
        { header: label('date', lang), kind: 'ltr' },
        { header: label('title', lang), kind: 'text', flex: 3, minWidth: 20, wrap: true },
        { header: label('source', lang), kind: 'text', flex: 1, maxWidth: 18, minWidth: 6 },
      ];
      const withSnippets = hits.some((h) => h.snippet.text);
      if (withSnippets) columns.push({ header: label('snippet', lang), kind: 'text', flex: 3, minWidth: 20, wrap: true, maxLines: 3, maxWidth: 60 });
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
      const row = [a.id, a.date ?? '', a.title, a.source ?? '', a.keywords.join('|'), a.body.map((b) => b.text).join('\n\n')];
      return settings.format === 'tsv' ? formatTsv(cols, [row]) : formatCsv(cols, [row]);
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
