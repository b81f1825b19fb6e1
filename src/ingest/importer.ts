// Walks the inputs of `newsq index` and yields articles one at a time, so that an
// import's memory does not grow with the archive. Every file that cannot be read is
// reported with its path (and line or record) and skipped; nothing else is lost.

import { groupDigits } from '../util/numbers';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { MANIFEST, FORMAT_NAME } from '../index/format';
import { gunzipSync } from 'node:zlib';
import { bodyText, type Article, type BodyBlock, type Origin } from '../model/article';
import { normalizeForId } from '../analysis/normalize';
import { decodeText, utf16Encoding } from './decode';
import { jsonErrorLine, recordToArticle, recordsOf, type FieldMap, type RecordArticle } from './json-records';
import { parseArticleText } from './text-format';
import { readZip } from './zip';

/** Import settings. */
export interface ImportOptions {
  /** The archive's UTC offset for local dates, '+03:00' by default. */
  utcOffset: string;
  fieldMap?: FieldMap;
  /** Largest file read whole (JSON arrays, text articles, zips, gzip's output); JSON Lines are streamed. */
  maxFileBytes?: number;
  /** Folders never read as input: the index being written, when it lies inside an input folder. */
  exclude?: string[];
  /** Read only what can hold article text with a keyword line (text files, inside zips too), skipping JSON unparsed. */
  textOnly?: boolean;
  /** Standard input, read whole by the caller, for the input named STDIN_PATH. */
  stdin?: { bytes: Buffer; format: InputFormat };
}

/** How an input's bytes are read: by the extension they would have as a file. */
export type InputFormat = '.json' | '.jsonl' | '.txt';

/** The input name standing for standard input (`-` on the command line); also its name in messages. */
export const STDIN_PATH = '<stdin>';

/** A problem with one input: a skipped file or record, or a warning about a kept article. */
export interface ImportProblem {
  path: string;
  line?: number;
  record?: number;
  reason: string;
  /** Nothing of the input could be read as an archive (missing, not a file, not text, not a zip…). */
  unreadable?: boolean;
}

/** Where import problems and progress go. */
export interface ImportEvents {
  skip(problem: ImportProblem): void;
  warn(problem: ImportProblem): void;
  /** Bytes of input processed so far, of the total. */
  /** Bytes of the inputs read so far and in all; `articles` read so far where the caller counts them. */
  progress?(done: number, total: number, articles?: number): void;
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
  /** The bytes themselves, for an input that is not a file (standard input). */
  bytes?: Buffer;
  format?: InputFormat;
}

const TEXT_EXT = new Set(['.txt', '.text', '.md']);
/** The word every keyword marker holds (كلمات مفتاحية), as UTF-8 bytes. */
const KEYWORDS_WORD = Buffer.from('كلمات', 'utf8');
const KNOWN_EXT = new Set(['.txt', '.text', '.json', '.jsonl', '.ndjson', '.zip']);
/** What a folder must hold to be an archive, for the message when it holds none of it. */
export const ARCHIVE_FILES = '.txt, .json, .jsonl, .ndjson or .zip files, or .gz of the first four';

/** The extension an input is read by: a `.gz` file's is the one under it (`a.jsonl.gz` → `.jsonl`). */
function innerExt(path: string): { ext: string; gz: boolean } {
  const ext = extname(path).toLowerCase();
  if (ext !== '.gz') return { ext, gz: false };
  return { ext: extname(path.slice(0, -3)).toLowerCase(), gz: true };
}

/** Whether a folder holds a newsq index (its manifest names the format), which is never read as input. */
function isIndexFolder(dir: string, names: string[]): boolean {
  if (!names.includes(MANIFEST)) return false;
  try {
    const fd = openSync(join(dir, MANIFEST), 'r');
    try {
      const head = Buffer.alloc(256);
      const n = readSync(fd, head, 0, head.length, 0);
      return head.toString('utf8', 0, n).includes(`"${FORMAT_NAME}"`);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The format of standard input's bytes: a JSON array or object, JSON Lines, or article text. */
export function detectFormat(bytes: Buffer): InputFormat {
  const decoded = decodeText(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  // A cut in the middle of a character is not an error here: only the start matters.
  const text = decoded.ok ? decoded.text : bytes.toString('utf8', 0, Math.min(bytes.length, 1 << 20));
  const start = text.replace(/^[\ufeff\s]+/, '');
  if (start.startsWith('[')) return '.json';
  if (!start.startsWith('{')) return '.txt';
  // One record per line, or one object spread over lines (an object holding the articles).
  const first = start.split('\n', 1)[0]!.trim();
  try {
    const value: unknown = JSON.parse(first);
    return value !== null && typeof value === 'object' ? '.jsonl' : '.json';
  } catch {
    return '.json';
  }
}
// A JSON array is parsed whole, and its peak memory is several times its size: the default
// keeps one file's reading within what a build's memory budget leaves (JSON Lines stream,
// whatever their size).
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Expands directories (recursively, in sorted order) into input files; reports unreadable
 * paths. A folder holding a newsq index, and the folders in `opts.exclude`, are not read.
 * A path named explicitly that yields no input is reported as unreadable.
 */
export function listInputFiles(paths: string[], events: Pick<ImportEvents, 'skip'>, opts: Pick<ImportOptions, 'exclude' | 'stdin'> = {}): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  for (const dir of opts.exclude ?? []) {
    try {
      const st = statSync(dir);
      seen.add(`${st.dev}:${st.ino}`);
    } catch {
      // Not there yet: nothing inside it to read.
    }
  }
  const visit = (path: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      events.skip({ path, reason: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code})`, unreadable: true });
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
        events.skip({ path, reason: `cannot list directory (${(err as NodeJS.ErrnoException).code})`, unreadable: true });
        return;
      }
      const before = out.length;
      if (!isIndexFolder(path, names)) for (const name of names) if (!name.startsWith('.')) visit(join(path, name), false);
      if (explicit && out.length === before) events.skip({ path, reason: `no archive files in it (${ARCHIVE_FILES})`, unreadable: true });
      return;
    }
    if (!st.isFile()) {
      if (explicit) events.skip({ path, reason: 'not a regular file', unreadable: true });
      return;
    }
    const { ext, gz } = innerExt(path);
    // Inside directories only archive files are taken (a README beside the articles is not one);
    // a file named explicitly is read as text unless it is JSON or a zip.
    if (!explicit && !(KNOWN_EXT.has(ext) && !(gz && ext === '.zip'))) return;
    out.push({ path, size: st.size });
  };
  for (const p of paths) {
    if (p === STDIN_PATH && opts.stdin) {
      out.push({ path: STDIN_PATH, size: opts.stdin.bytes.length, bytes: opts.stdin.bytes, format: opts.stdin.format });
      continue;
    }
    visit(p, true);
  }
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

/** Characters of an article's body past which it is cut: far beyond any real article, and what keeps one input from taking a build past its memory budget. */
export const MAX_ARTICLE_CHARS = 2_000_000;

/** Bytes of a text file read: a text file holds one article (see MAX_ARTICLE_CHARS). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/** The body cut at MAX_ARTICLE_CHARS (inside the block that crosses it), with a warning; as it is when shorter. */
function capBody(body: BodyBlock[], origin: Origin, events: Pick<ImportEvents, 'warn'>): BodyBlock[] {
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const block = body[i]!;
    if (total + block.text.length <= MAX_ARTICLE_CHARS) {
      total += block.text.length;
      continue;
    }
    const kept = MAX_ARTICLE_CHARS - total;
    const all = body.reduce((n, b) => n + b.text.length, 0);
    events.warn({ ...origin, reason: `article of ${groupDigits(all)} characters cut to the first ${groupDigits(MAX_ARTICLE_CHARS)}` });
    return [...body.slice(0, i), ...(kept > 0 ? [{ ...block, text: block.text.slice(0, kept) }] : [])];
  }
  return body;
}

function fromRecord(r: RecordArticle, origin: Origin, events: Pick<ImportEvents, 'warn'>): ImportedArticle {
  r = { ...r, body: capBody(r.body, origin, events) };
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
  const a = { ...parsed.article, body: capBody(parsed.article.body, { path }, events) };
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
    yield fromRecord(r.article, { path, record: i + 1 }, events);
  }
}

/**
 * A line of a JSON Lines file: its number and text, or the reason it cannot be read (and,
 * for binary data, that the rest of the file is not read either).
 */
type Line = [number, string] | [number, null, string] | [number, null, string, 'rest'];

/** Why a line holding a NUL byte ends the reading of a JSON Lines file. */
const BINARY = 'binary data (NUL byte), not text';

function* jsonLines(lines: Iterable<Line>, path: string, opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  let read = 0;
  for (const [line, raw, problem, rest] of lines) {
    if (raw === null) {
      // Binary data is one skip for the file: a line per newline in it would bury the rest.
      if (rest) events.skip({ path, line, reason: read === 0 ? problem! : `${problem!}; the rest of the file was skipped`, ...(read === 0 ? { unreadable: true } : {}) });
      else events.skip({ path, line, reason: problem! });
      read++;
      continue;
    }
    read++;
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
    yield fromRecord(r.article, { path, line }, events);
  }
}

function* linesOfText(text: string): Generator<Line> {
  let line = 0;
  for (const l of text.split('\n')) {
    if (l.includes('\0')) {
      yield [++line, null, BINARY, 'rest'];
      return;
    }
    yield [++line, l];
  }
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
    // Whether the unfinished line holds a NUL byte (binary data: the file is not read further).
    let pendingNul = false;
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
      // The first NUL of the chunk: the lines before it are text, the one holding it is not.
      const nul = data.indexOf(0);
      for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, start)) {
        line++;
        if (pendingNul || (nul >= start && nul < i)) {
          yield [line, null, BINARY, 'rest'];
          return;
        }
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
        if (nul >= start) pendingNul = true;
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
    if (pendingNul) yield [++line, null, BINARY, 'rest'];
    else if (overlong) yield [++line, null, `line of ${Math.round(overlong / 1048576)} MB exceeds the ${Math.round(maxLine / 1048576)} MB line limit`];
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
      events.skip({ path, reason: (err as Error).message, unreadable: true });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const inner = extname(entry.name).toLowerCase();
      if (!KNOWN_EXT.has(inner) || inner === '.zip' || entry.name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX')) continue;
      if (opts.textOnly && !TEXT_EXT.has(inner)) continue;
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
  if (opts.textOnly && (ext === '.json' || ext === '.jsonl' || ext === '.ndjson')) return;
  // Reading for keyword lines only: a file without the marker's word has none to give.
  if (opts.textOnly && buf.indexOf(KEYWORDS_WORD) < 0) return;
  const decoded = decodeText(buf);
  if (!decoded.ok) {
    events.skip({ path, line: decoded.line, reason: decoded.reason, unreadable: true });
    return;
  }
  if (ext === '.json') yield* jsonArticles(decoded.text, path, opts, events);
  else if (ext === '.jsonl' || ext === '.ndjson') yield* jsonLines(linesOfText(decoded.text), path, opts, events);
  else yield* textArticle(decoded.text, path, opts, events);
}

/** Whether a file starts as UTF-16 text (a byte order mark, or the look of it). */
function isUtf16File(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(8192);
      return utf16Encoding(head.subarray(0, readSync(fd, head, 0, head.length, 0))) !== null;
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable: the streaming reader reports it.
    return false;
  }
}

/**
 * A .gz file's content, through zlib, at most `max` bytes of it (a small file can
 * decompress to gigabytes); null, with the reason reported, when it cannot be had.
 */
function gunzip(buf: Buffer, path: string, max: number, events: ImportEvents): Buffer | null {
  try {
    return gunzipSync(buf, { maxOutputLength: max });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE') {
      events.skip({ path, reason: `decompresses to more than the ${Math.round(max / 1048576)} MB limit (raise --max-file-size, or decompress it: JSON Lines files are streamed)` });
    } else {
      events.skip({ path, reason: `not a readable gzip file (${e.message})`, unreadable: true });
    }
    return null;
  }
}

/** Reads every article of the given input files, in order. */
export function* readArticles(files: InputFile[], opts: ImportOptions, events: ImportEvents): Generator<ImportedArticle> {
  const total = files.reduce((s, f) => s + f.size, 0);
  let done = 0;
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of files) {
    if (file.bytes) {
      yield* fromBytes(file.bytes, file.path, file.format ?? '.txt', opts, events);
      done += file.size;
      events.progress?.(done, total);
      continue;
    }
    const ext = extname(file.path).toLowerCase();
    if (opts.textOnly && (ext === '.jsonl' || ext === '.ndjson' || innerExt(file.path).ext === '.json' || innerExt(file.path).ext === '.jsonl' || innerExt(file.path).ext === '.ndjson')) continue;
    // JSON Lines stream, unless UTF-16 (rare, and read whole like the other files).
    if ((ext === '.jsonl' || ext === '.ndjson') && !isUtf16File(file.path)) {
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
        events.skip({ path: file.path, reason: `cannot read (${(err as NodeJS.ErrnoException).code})`, unreadable: true });
      }
      const inner = innerExt(file.path);
      if (buf && inner.gz) buf = gunzip(buf, file.path, max, events);
      const ext = TEXT_EXT.has(inner.ext) || !KNOWN_EXT.has(inner.ext) ? '.txt' : inner.ext;
      if (buf && ext === '.txt' && buf.length > MAX_TEXT_FILE_BYTES) {
        // A text file holds one article: past this size it is not one, and parsing it whole
        // would hold several copies of it. Its beginning is read, cut at a character's start.
        let end = MAX_TEXT_FILE_BYTES;
        while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
        if (!opts.textOnly) events.warn({ path: file.path, reason: `text file of ${Math.round(buf.length / 1048576)} MB: only its first ${MAX_TEXT_FILE_BYTES / 1048576} MB were read (a text file holds one article)` });
        buf = buf.subarray(0, end);
      }
      if (buf) yield* fromBytes(buf, file.path, ext, opts, events);
    }
    done += file.size;
    events.progress?.(done, total);
  }
}
