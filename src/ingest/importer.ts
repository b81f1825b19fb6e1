// Walks the inputs of `newsq index` and yields articles one at a time, so that an
// import's memory does not grow with the archive. Every file that cannot be read is
// reported with its path (and line or record) and skipped; nothing else is lost.

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { bodyText, type Article, type Origin } from '../model/article';
import { normalizeForId } from '../analysis/normalize';
import { decodeText } from './decode';
import { jsonErrorLine, recordToArticle, recordsOf, type FieldMap, type RecordArticle } from './json-records';
import { parseArticleText } from './text-format';
import { readZip } from './zip';

/** Import settings. */
export interface ImportOptions {
  /** The archive's UTC offset for local dates, '+03:00' by default. */
  utcOffset: string;
  fieldMap?: FieldMap;
  /** Largest file read whole (JSON arrays, text articles, zips); JSON Lines are streamed. */
  maxFileBytes?: number;
}

/** A problem with one input: a skipped file or record, or a warning about a kept article. */
export interface ImportProblem {
  path: string;
  line?: number;
  record?: number;
  reason: string;
}

/** Where import problems and progress go. */
export interface ImportEvents {
  skip(problem: ImportProblem): void;
  warn(problem: ImportProblem): void;
  /** Bytes of input processed so far, of the total. */
  progress?(done: number, total: number): void;
}

/** An imported article; `keywordLine` is set when its keywords still need splitting. */
export interface ImportedArticle {
  article: Article;
  keywordLine: string | null;
}

/** An input file found by walking the given paths. */
export interface InputFile {
  path: string;
  size: number;
}

const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const KNOWN_EXT = new Set(['.txt', '.text', '.json', '.jsonl', '.ndjson', '.zip']);
// A JSON array is parsed whole: its peak memory is several times its size (a 482 MB array
// peaked at 2.7 GB), so the default stays well below what a laptop can spare.
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Expands directories (recursively, in sorted order) into input files; reports unreadable paths. */
export function listInputFiles(paths: string[], events: Pick<ImportEvents, 'skip'>): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const visit = (path: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      events.skip({ path, reason: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})` });
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path).sort();
      } catch (err) {
        events.skip({ path, reason: `cannot list directory (${(err as NodeJS.ErrnoException).code})` });
        return;
      }
      for (const name of names) if (!name.startsWith('.')) visit(join(path, name), false);
      return;
    }
    if (!st.isFile()) {
      if (explicit) events.skip({ path, reason: 'not a regular file' });
      return;
    }
    const ext = extname(path).toLowerCase();
    // Inside directories only archive files are taken (a README beside the articles is not one);
    // a file named explicitly is read as text unless it is JSON or a zip.
    if (!explicit && !KNOWN_EXT.has(ext)) return;
    out.push({ path, size: st.size });
  };
  for (const p of paths) visit(p, true);
  return out;
}

/** A stable id from an article's content: the same article always gets the same id. */
export function contentId(title: string, date: string | null, body: string): string {
  const h = createHash('sha256');
  h.update(normalizeForId(title));
  h.update('\n');
  h.update(date ?? '');
  h.update('\n');
  h.update(normalizeForId(body));
  return h.digest('hex').slice(0, 12);
}

/** A stable id from a URL (SaudiNewsNet and most exports have one per article). */
export function urlId(url: string): string {
  return createHash('sha256').update(url.trim()).digest('hex').slice(0, 12);
}

function fromRecord(r: RecordArticle, origin: Origin): ImportedArticle {
  const article: Article = {
    id: r.id ?? (r.url ? urlId(r.url) : contentId(r.title, r.date, r.body.map((b) => b.text).join('\n\n'))),
    title: r.title,
    date: r.date,
    body: r.body,
    source: r.source,
    credits: [],
    keywords: r.keywords ?? [],
    related: r.related,
    url: r.url,
    author: r.author,
    origin,
  };
  return { article, keywordLine: r.keywordLine };
}

function* textArticle(text: string, path: string, opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  const parsed = parseArticleText(text, opts.utcOffset);
  if (!parsed.ok) {
    events.skip({ path, line: parsed.error.line, reason: parsed.error.message });
    return;
  }
  for (const w of parsed.warnings) events.warn({ path, line: w.line, reason: w.message });
  const a = parsed.article;
  const article: Article = {
    id: contentId(a.title, a.date, bodyText(a)),
    title: a.title,
    date: a.date,
    body: a.body,
    source: a.source,
    credits: a.credits,
    keywords: [],
    related: a.related,
    url: null,
    author: null,
    origin: { path },
  };
  yield { article, keywordLine: a.keywordLine };
}

function* jsonArticles(text: string, path: string, opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const line = jsonErrorLine(text, err);
    events.skip({ path, ...(line ? { line } : {}), reason: `invalid JSON (${(err as Error).message})` });
    return;
  }
  const records = recordsOf(json);
  for (let i = 0; i < records.length; i++) {
    const r = recordToArticle(records[i], opts.fieldMap ?? {}, opts.utcOffset);
    if (!r.ok) {
      events.skip({ path, record: i + 1, reason: r.reason });
      continue;
    }
    for (const w of r.warnings) events.warn({ path, record: i + 1, reason: w });
    yield fromRecord(r.article, { path, record: i + 1 });
  }
}

/** A line of a JSON Lines file: its number and text, or the reason it cannot be read. */
type Line = [number, string] | [number, null, string];

function* jsonLines(lines: Iterable<Line>, path: string, opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  for (const [line, raw, problem] of lines) {
    if (raw === null) {
      events.skip({ path, line, reason: problem! });
      continue;
    }
    const s = raw.trim();
    if (!s) continue;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (err) {
      events.skip({ path, line, reason: `invalid JSON (${(err as Error).message})` });
      continue;
    }
    // An array of records on one line is a .json file under the wrong name: say so.
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      events.skip({ path, line, reason: 'a JSON array of records on one line, not one record per line (name the file .json to read it as an array)' });
      continue;
    }
    const r = recordToArticle(value, opts.fieldMap ?? {}, opts.utcOffset);
    if (!r.ok) {
      events.skip({ path, line, reason: r.reason });
      continue;
    }
    for (const w of r.warnings) events.warn({ path, line, reason: w });
    yield fromRecord(r.article, { path, line });
  }
}

function* linesOfText(text: string): Generator<Line> {
  let line = 0;
  for (const l of text.split('\n')) yield [++line, l];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A line's text, or why it cannot be read when its bytes are not UTF-8. */
function decodeLine(line: number, bytes: Uint8Array): Line {
  try {
    return [line, strictUtf8.decode(bytes).replace(/\r$/, '')];
  } catch {
    return [line, null, 'invalid UTF-8'];
  }
}

/** Longest JSON Lines line read: no article is this long, and a longer line would be held whole. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Lines of a JSON Lines file read in chunks, so a file of any size streams in bounded
 * memory. The unfinished line is kept as a list of pieces and only new bytes are searched,
 * so a line of any length costs time in proportion to its length. A line longer than
 * `maxLine` is skipped (its bytes are not kept) and reported with its number.
 */
function* linesOfFile(path: string, onBytes: (n: number) => void, maxLine = MAX_LINE_BYTES): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    let line = 0;
    let pieces: Buffer[] = [];
    let pending = 0;
    // Bytes of the current line seen while it is being skipped for its length.
    let overlong = 0;
    let first = true;
    for (;;) {
      // A fresh buffer per read: pieces of an unfinished line keep referring to it.
      const chunk = Buffer.allocUnsafe(1 << 20);
      let n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      onBytes(n);
      let data = chunk.subarray(0, n);
      if (first && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
      first = false;
      n = data.length;
      let start = 0;
      for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, start)) {
        line++;
        if (overlong) {
          yield [line, null, `line of ${Math.round((overlong + i - start) / 1048576)} MB exceeds the ${Math.round(maxLine / 1048576)} MB line limit`];
          overlong = 0;
        } else if (pending + i - start > maxLine) {
          yield [line, null, `line of ${Math.round((pending + i - start) / 1048576)} MB exceeds the ${Math.round(maxLine / 1048576)} MB line limit`];
        } else {
          const tail = data.subarray(start, i);
          yield decodeLine(line, pending ? Buffer.concat([...pieces, tail]) : tail);
        }
        pieces = [];
        pending = 0;
        start = i + 1;
      }
      if (start < n) {
        if (overlong) overlong += n - start;
        else if (pending + n - start > maxLine) {
          overlong = pending + n - start;
          pieces = [];
          pending = 0;
        } else {
          pieces.push(data.subarray(start));
          pending += n - start;
        }
      }
    }
    if (overlong) yield [++line, null, `line of ${Math.round(overlong / 1048576)} MB exceeds the ${Math.round(maxLine / 1048576)} MB line limit`];
    else if (pending) yield decodeLine(++line, Buffer.concat(pieces));
  } finally {
    closeSync(fd);
  }
}

function* fromBytes(buf: Buffer, path: string, ext: string, opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  if (ext === '.zip') {
    let entries;
    try {
      entries = readZip(buf, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    } catch (err) {
      events.skip({ path, reason: (err as Error).message });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const inner = extname(entry.name).toLowerCase();
      if (!KNOWN_EXT.has(inner) || inner === '.zip' || entry.name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')) continue;
      let data: Buffer;
      try {
        data = entry.read();
      } catch (err) {
        events.skip({ path: `${path}:${entry.name}`, reason: (err as Error).message });
        continue;
      }
      yield* fromBytes(data, `${path}:${entry.name}`, inner, opts, events);
    }
    return;
  }
  const decoded = decodeText(buf);
  if (!decoded.ok) {
    events.skip({ path, line: decoded.line, reason: decoded.reason });
    return;
  }
  if (ext === '.json') yield* jsonArticles(decoded.text, path, opts, events);
  else if (ext === '.jsonl' || ext === '.ndjson') yield* jsonLines(linesOfText(decoded.text), path, opts, events);
  else yield* textArticle(decoded.text, path, opts, events);
}

/** Reads every article of the given input files, in order. */
export function* readArticles(files: InputFile[], opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  const total = files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of files) {
    const ext = extname(file.path).toLowerCase();
    if (ext === '.jsonl' || ext === '.ndjson') {
      try {
        yield* jsonLines(
          linesOfFile(
            file.path,
            (n) => {
              done += n;
              events.progress?.(done, total);
            },
            Math.min(max, MAX_LINE_BYTES),
          ),
          file.path,
          opts,
          events,
        );
      } catch (err) {
        events.skip({ path: file.path, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      }
      continue;
    }
    if (file.size > max) {
      events.skip({
        path: file.path,
        reason: `file of ${Math.round(file.size / 1048576)} MB exceeds the ${Math.round(max / 1048576)} MB limit (split it, convert it to JSON Lines, or raise --max-file-size)`,
      });
    } else {
      let buf: Buffer | null = null;
      try {
        buf = readFileSync(file.path);
      } catch (err) {
        events.skip({ path: file.path, reason: `cannot read (${(err as NodeJS.ErrnoException).code})` });
      }
      if (buf) yield* fromBytes(buf, file.path, TEXT_EXT.has(ext) || !KNOWN_EXT.has(ext) ? '.txt' : ext, opts, events);
    }
    done += file.size;
    events.progress?.(done, total);
  }
}
