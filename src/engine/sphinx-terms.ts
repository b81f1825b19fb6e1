// What newsq writes to a searchd shard for one article: its analysed terms, field by field,
// as newsq's own index holds them (src/ingest/document.ts), each term made one searchd token.
// searchd's tokenizer then only splits on spaces: the charset_table of scripts/cluster.mjs
// passes newsq's letters through unchanged, and every other character of a term (the space
// of a multi-word keyword, the hyphen of a date term) is escaped as `_` + hex + `_`.

import { createHash } from 'node:crypto';
import { analyzeWord } from '../analysis/analyzer';
import { forEachTokenSpan, tokenizeWords } from '../analysis/tokenize';
import { breaksPhrase } from '../analysis/positions';
import { metadataTerms } from '../ingest/document';
import { bodyText, type Article } from '../model/article';
import { FIELDS, FIELD_ID } from '../index/schema';

/** Fields written to searchd: every field of newsq's schema but the near-duplicate keys, which newsq recomputes. */
export const SPHINX_FIELDS = FIELDS.filter((f) => f !== 'dup');

/** searchd keeps at most this many characters of a token: longer terms are written as a digest. */
const MAX_TOKEN = 40;

/** A term as one searchd token: newsq's letters as they are, any other character escaped. */
export function encodeTerm(term: string): string {
  let out = '';
  for (const ch of term) {
    const c = ch.codePointAt(0)!;
    const plain = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x621 && c <= 0x63a) || (c >= 0x641 && c <= 0x64a);
    out += plain ? ch : `_${c.toString(16)}_`;
  }
  if (out.length <= MAX_TOKEN) return out;
  return `_h${createHash('sha1').update(term).digest('hex').slice(0, 30)}`;
}

/** The searchd document id of an article id: 63 bits of its SHA-1 (never 0), as a decimal string. */
export function documentId(articleId: string): string {
  const h = createHash('sha1').update(articleId).digest();
  const v = h.readBigUInt64BE(0) & 0x7fffffffffffffffn;
  return (v === 0n ? 1n : v).toString();
}

/** The shard of an article: its SHA-1's last word modulo the number of shards. */
export function shardOf(articleId: string, shards: number): number {
  const h = createHash('sha1').update(articleId).digest();
  return h.readUInt32BE(16) % shards;
}

/** An article as searchd rows hold it. */
export interface SphinxDocument {
  /** Space-separated tokens per field, in word order for the headline and body. */
  fields: Record<(typeof SPHINX_FIELDS)[number], string>;
  /** Length columns, as LENGTH_COLUMNS orders them. */
  lengths: number[];
  /** Sort time (minutes; NO_TIME without a date). */
  time: number;
  /** The distinct terms of each field, as newsq spells them (for the cluster's dictionary). */
  terms: Array<[number, string[]]>;
}

/** The token written at a sentence break: no term is `_` alone, and it keeps searchd's phrases from spanning the break. */
export const BREAK_TOKEN = '_';

// A headline or body: every word's exact term in order (a BREAK_TOKEN where newsq's
// positions leave a gap), its stems, and its length (distinct indexable spellings).
function text(t: string): { exact: string[]; stems: string[]; length: number; raw: Set<string>; rawStems: Set<string> } {
  const exact: string[] = [];
  const stems: string[] = [];
  const raw = new Set<string>();
  const rawStems = new Set<string>();
  const spellings = new Set<string>();
  let prevEnd = 0;
  const visit = (start: number, end: number) => {
    const token = t.slice(start, end);
    const a = analyzeWord(token);
    if (!a) return;
    // As src/ingest/document.ts numbers positions.
    if (exact.length > 0 && breaksPhrase(t, prevEnd, start)) exact.push(BREAK_TOKEN);
    prevEnd = end;
    spellings.add(token);
    exact.push(encodeTerm(a.exact));
    raw.add(a.exact);
    for (const s of a.stems) {
      stems.push(encodeTerm(s));
      rawStems.add(s);
    }
  };
  if (!forEachTokenSpan(t, visit)) {
    let at = 0;
    for (const token of tokenizeWords(t)) {
      const start = t.indexOf(token, at);
      at = start + token.length;
      visit(start, at);
    }
  }
  return { exact, stems, length: spellings.size, raw, rawStems };
}

/** The terms of an article per field, as src/ingest/document.ts indexes them. */
export function sphinxDocument(a: Article): SphinxDocument {
  const title = text(a.title);
  const body = text(bodyText(a));
  const { keywords, keywordLength, sources, authors, time, dates } = metadataTerms(a);
  const join = (terms: Iterable<string>) => [...terms].map(encodeTerm).join(' ');
  return {
    fields: {
      title: title.exact.join(' '),
      body: body.exact.join(' '),
      title_stem: title.stems.join(' '),
      body_stem: body.stems.join(' '),
      tags: join(keywords),
      source: join(sources),
      date: join(dates),
      author: join(authors),
    },
    lengths: [title.length, body.length, keywordLength, new Set(sources).size, new Set(authors).size, dates.length],
    time,
    terms: [
      [FIELD_ID.title, [...title.raw]],
      [FIELD_ID.body, [...body.raw]],
      [FIELD_ID.title_stem, [...title.rawStems]],
      [FIELD_ID.body_stem, [...body.rawStems]],
      [FIELD_ID.tags, [...keywords]],
      [FIELD_ID.source, [...new Set(sources)]],
      [FIELD_ID.date, dates],
      [FIELD_ID.author, [...new Set(authors)]],
    ],
  };
}
