// Converts JSON records (from .json arrays, .jsonl lines, SaudiNewsNet's files) into
// articles. Field names vary between exporters, so each article field is looked up under
// a list of common names, and `--map article=record` settles any other naming.

import type { BodyBlock } from '../model/article';
import { sourceName } from './sources';
import { parseDateLine } from '../dates/date-line';

/** Article fields a record can supply. */
export const RECORD_FIELDS = ['id', 'title', 'date', 'body', 'keywords', 'related', 'source', 'url', 'author'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Names tried for each field, in order, when no mapping is given. */
const DEFAULT_NAMES: Record<RecordField, string[]> = {
  id: ['id', '_id', 'guid', 'uuid'],
  title: ['title', 'headline', 'name'],
  date: ['date', 'published', 'publishedAt', 'published_at', 'pubDate', 'datetime', 'date_published', 'date_extracted'],
  body: ['body', 'content', 'text', 'article', 'paragraphs'],
  keywords: ['keywords', 'tags', 'keyword', 'topics'],
  related: ['related', 'related_headlines', 'relatedHeadlines', 'see_also'],
  source: ['source', 'outlet', 'publisher', 'site'],
  url: ['url', 'link', 'href'],
  author: ['author', 'byline', 'writer'],
};

/** A user mapping: article field → record field name. */
export type FieldMap = Partial<Record<RecordField, string>>;

/** Parses `title=headline,body=text` into a field map; throws with the offending part. */
export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(.+)$/.exec(part);
    if (!m || !(RECORD_FIELDS as readonly string[]).includes(m[1]!)) {
      throw new Error(`bad field mapping "${part}" (expected field=name, field one of ${RECORD_FIELDS.join(', ')})`);
    }
    map[m[1] as RecordField] = m[2]!.trim();
  }
  return map;
}

/** A record converted to article fields, keywords possibly still an unsplit line. */
export interface RecordArticle {
  id: string | null;
  title: string;
  date: string | null;
  body: BodyBlock[];
  keywords: string[] | null;
  keywordLine: string | null;
  related: string[];
  source: string | null;
  url: string | null;
  author: string | null;
}

/** The outcome of converting one record. */
export type RecordResult = { ok: true; article: RecordArticle; warnings: string[] } | { ok: false; reason: string };

function pick(record: Record<string, unknown>, field: RecordField, map: FieldMap): unknown {
  const mapped = map[field];
  if (mapped !== undefined) return record[mapped];
  for (const name of DEFAULT_NAMES[field]) if (record[name] !== undefined && record[name] !== null) return record[name];
  return undefined;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function asList(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.map(asText).filter((s): s is string => s !== null && s.trim() !== '').map((s) => s.trim());
  return null;
}

function paragraphs(v: unknown): BodyBlock[] {
  const list = asList(v);
  const text = asText(v) ?? '';
  // Paragraphs are separated by blank lines; a text without any (SaudiNewsNet's) separates
  // them by single line breaks.
  const parts = list ?? (/\n[ \t\r]*\n/.test(text) ? text.split(/\n\s*\n|\r\n\s*\r\n/) : text.split(/\r?\n/));
  return parts.map((p) => (p.includes('\n') ? p.replace(/\s*\n\s*/g, ' ') : p).trim()).filter(Boolean).map((text) => ({ kind: 'paragraph' as const, text }));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Shifts a UTC instant to the archive's local offset and writes it as ISO with that offset. */
function toLocalIso(ms: number, utcOffset: string): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(
    local.getUTCMinutes(),
  )}:00${utcOffset}`;
}

/**
 * Reads a record's date: ISO with or without offset, `YYYY-MM-DD hh:mm:ss` (local), epoch
 * seconds or milliseconds, or an Arabic date line. Returns ISO local time or an error.
 */
export function readRecordDate(v: unknown, utcOffset: string): { iso: string } | { error: string } {
  // An instant far from any news archive (epoch numbers in the wrong unit, placeholder years)
  // has no four-digit ISO year, and the index could not place it on a day.
  const instant = (ms: number): { iso: string } | { error: string } => {
    const iso = toLocalIso(ms, utcOffset);
    return /^\d{4}-/.test(iso) ? { iso } : { error: `date out of range: ${String(v).slice(0, 40)}` };
  };
  if (typeof v === 'number' && Number.isFinite(v)) return instant(v < 1e11 ? v * 1000 : v);
  const s = asText(v)?.trim();
  if (!s) return { error: 'empty date' };
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(s);
  if (local) {
    const [, y, mo, d, hh, mm] = local;
    const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d)) return { error: `no such day: ${y}-${mo}-${d}` };
    if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59)) return { error: `no such time: ${hh}:${mm}` };
    return { iso: `${y}-${mo}-${d}T${hh ?? '00'}:${mm ?? '00'}:00${utcOffset}` };
  }
  const zoned = /^(\d{4})-(\d{2})-(\d{2})T.*(Z|[+-]\d{2}:?\d{2})$/.exec(s);
  if (zoned) {
    const [, y, mo, d] = zoned;
    // Date.parse rolls 31 February over into March; the local form above refuses it, so must this one.
    const probe = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (probe.getUTCMonth() !== Number(mo) - 1 || probe.getUTCDate() !== Number(d)) return { error: `no such day: ${y}-${mo}-${d}` };
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return instant(t);
  }
  const line = parseDateLine(s, utcOffset);
  if (line.ok) return { iso: line.iso };
  return { error: `unreadable date "${s.slice(0, 40)}"` };
}

/** Converts one JSON record into article fields. */
export function recordToArticle(value: unknown, map: FieldMap, utcOffset: string): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  const warnings: string[] = [];
  const title = (asText(pick(record, 'title', map)) ?? '').replace(/\s+/g, ' ').trim();
  const body = paragraphs(pick(record, 'body', map));
  if (!title && body.length === 0) return { ok: false, reason: 'no title and no body' };

  let date: string | null = null;
  const rawDate = pick(record, 'date', map);
  if (rawDate !== undefined && rawDate !== null && rawDate !== '') {
    const d = readRecordDate(rawDate, utcOffset);
    if ('iso' in d) date = d.iso;
    else warnings.push(`${d.error}; article kept without a date`);
  }

  let keywords: string[] | null = null;
  let keywordLine: string | null = null;
  const rawKeywords = pick(record, 'keywords', map);
  const list = asList(rawKeywords);
  if (list) keywords = list;
  else {
    const s = asText(rawKeywords)?.trim();
    // Explicit separators settle the split; a bare space-separated line needs the splitter.
    if (s && /[,،;؛|\n]/.test(s)) keywords = s.split(/[,،;؛|\n]/).map((k) => k.trim()).filter(Boolean);
    else if (s) keywordLine = s;
  }

  const relatedRaw = pick(record, 'related', map);
  const related = asList(relatedRaw) ?? (asText(relatedRaw) ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
  const rawId = asText(pick(record, 'id', map))?.trim() ?? null;
  let id: string | null = null;
  if (rawId) {
    if (/^[^\s\p{C}]{1,128}$/u.test(rawId)) id = rawId;
    else warnings.push(`unusable id "${rawId.slice(0, 30)}" (spaces, control characters or too long); derived one from the content`);
  }
  return {
    ok: true,
    article: {
      id,
      title,
      date,
      body,
      keywords,
      keywordLine,
      related,
      source: sourceOf(asText(pick(record, 'source', map))),
      url: asText(pick(record, 'url', map))?.trim() || null,
      author: asText(pick(record, 'author', map))?.trim() || null,
    },
    warnings,
  };
}

/** Line number (1-based) of a character offset in a text. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Extracts the position from a JSON.parse error message and turns it into a line number. */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const m = /position (\d+)/.exec(String((err as Error)?.message ?? ''));
  return m ? lineOfOffset(text, Number(m[1])) : undefined;
}

/** The records of a parsed .json file: an array, or an object holding one under a usual key, or one record. */
export function recordsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    for (const key of ['articles', 'records', 'items', 'data', 'results']) {
      const v = (json as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v;
    }
  }
  return [json];
}

/** A record's source: trimmed, and a crawler id given as the newspaper's name. */
function sourceOf(value: string | null | undefined): string | null {
  const s = value?.trim();
  return s ? sourceName(s) : null;
}
