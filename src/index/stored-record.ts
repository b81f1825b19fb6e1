// The text of one stored article (before compression): the article as JSON with its body
// blocks reduced to kinds and lengths, a newline, then the body's text, blocks separated by
// blank lines (as bodyText joins them). A search needs the joined body for its snippet:
// read this way, the body and each block are slices of the one decoded record, where a
// whole-article JSON made the parser copy every paragraph and the snippet join them again
// (about 280 KB of fresh memory for a page of twenty SaudiNewsNet articles).

import { isAbsolute, relative, resolve } from 'node:path';
import type { Article, BodyBlock, Origin } from '../model/article';

/** Kind codes of body blocks in a record's header. */
const KIND_CODE = { paragraph: 0, heading: 1 } as const;
const KINDS: readonly BodyBlock['kind'][] = ['paragraph', 'heading'];
const BLOCK_GAP = '\n\n';

// A UTF-16 code unit of a surrogate pair without its other half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Most bodies have no surrogate at all; a loop finds that sooner than the regex's lookarounds.
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

/** The record text of an article. */
export function encodeStoredRecord(article: Article): string {
  const blocks = article.body.map((b) => {
    const kind = KIND_CODE[b.kind];
    if (kind === undefined) throw new Error(`a body block of unknown kind ${JSON.stringify(b.kind)}`);
    return [kind, b.text.length];
  });
  const body = article.body.map((b) => b.text).join(BLOCK_GAP);
  // The store writes the record as UTF-8, which has no lone surrogate (an emoji cut in half
  // by an exporter): such a body goes inside the header, where JSON escapes it, so that it
  // reads back exactly. JSON.stringify escapes every newline inside strings, so the first
  // newline ends the header.
  if (hasSurrogate(body) && LONE_SURROGATE.test(body)) return `${JSON.stringify({ ...article, body: blocks, bodyText: body })}\n`;
  return `${JSON.stringify({ ...article, body: blocks })}\n${body}`;
}

/** A decoded record: the article, and its body's text as bodyText would join it. */
export interface StoredRecord {
  article: Article;
  body: string;
}

/** Reads a record text back; throws an Error naming what does not add up. */
export function decodeStoredRecord(text: string): StoredRecord {
  const split = text.indexOf('\n');
  if (split < 0) throw new Error('no body after the header');
  const header = JSON.parse(text.slice(0, split)) as (Omit<Article, 'body'> & { body: unknown; bodyText?: unknown }) | null;
  if (typeof header !== 'object' || header === null || !Array.isArray(header.body)) throw new Error('header without a block list');
  const { bodyText: inHeader, ...article } = header;
  const shape: unknown[] = header.body;
  let body = text.slice(split + 1);
  if (inHeader !== undefined) {
    if (typeof inHeader !== 'string' || body !== '') throw new Error('a body both in the header and after it');
    body = inHeader;
  }
  const blocks: BodyBlock[] = new Array(shape.length);
  let at = 0;
  for (let i = 0; i < shape.length; i++) {
    const entry = shape[i] as unknown;
    const code = Array.isArray(entry) && entry.length === 2 ? (entry[0] as unknown) : undefined;
    const kind = code === 0 || code === 1 ? KINDS[code] : undefined;
    const length = Array.isArray(entry) ? (entry[1] as number) : -1;
    if (kind === undefined || !Number.isInteger(length) || length < 0) throw new Error(`block ${i + 1} is not a kind and a length`);
    if (i > 0) {
      if (body.slice(at, at + BLOCK_GAP.length) !== BLOCK_GAP) throw new Error(`no blank line before block ${i + 1}`);
      at += BLOCK_GAP.length;
    }
    if (at + length > body.length) throw new Error(`block ${i + 1} runs past the body`);
    blocks[i] = { kind, text: body.slice(at, at + length) };
    at += length;
  }
  if (at !== body.length) throw new Error(`${body.length - at} characters after the last block`);
  return { article: { ...article, body: blocks } as Article, body };
}

// An origin that names no file (standard input is `<stdin>`) is kept as it is.
const NOT_A_FILE = /^</;

/**
 * An article's origin as an index stores it: its path relative to the index folder, so that
 * an index moved or shipped with its archive (the demo) does not record where it was built.
 */
export function originForIndex(origin: Origin, indexDir: string): Origin {
  if (NOT_A_FILE.test(origin.path) || !isAbsolute(origin.path)) return origin;
  const path = relative(resolve(indexDir), origin.path);
  // Another drive (Windows) has no relative path: the absolute one stays.
  return isAbsolute(path) ? origin : { ...origin, path };
}

/** A stored origin as a path on this machine: resolved against the index folder (an older index's absolute path stays). */
export function originFromIndex(origin: Origin, indexDir: string): Origin {
  if (NOT_A_FILE.test(origin.path) || isAbsolute(origin.path)) return origin;
  return { ...origin, path: resolve(indexDir, origin.path) };
}
