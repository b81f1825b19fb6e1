// What every command shares: where output goes, which index to open, how failures turn
// into one-line messages and exit codes (0 found, 1 nothing found, 2 usage or runtime
// error), and the output options.

import { groupDigits } from '../util/numbers';
import { ArticleLookupError, resolveDoc } from '../features/article-id';
import { existsSync, fstatSync, mkdtempSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ArchiveIndex, IndexCorruptError, IndexOpenError } from '../index/reader';
import { IndexIoError } from '../index/directory';
import { MAX_LIMIT, localToday } from '../search/search';
import { sanitizeForTerminal } from '../output/sanitize';
import { HIT_FIELDS, parseFields, type HitField } from '../output/articles';
import { runPagerCommand } from './pager';
import { openWithSystem } from './open';
import { resolveOutputSettings, tmuxOuterTerminal, type BidiSetting, type ColorSetting, type OutputFormat, type OutputSettings } from '../output/terminal';

/** Exit codes, as grep and ripgrep use them. */
export const EXIT = { found: 0, none: 1, error: 2 } as const;

/** A failure reported as one line on stderr with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
    /** Extra lines after the message (a caret under a query, the accepted date forms). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A writable text stream (process.stdout, or a test's fake). */
export interface TextStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  /** Behind a message guard (see guardMessages): the stream itself, for newsq's own control sequences. */
  raw?: TextStream;
  /** Lines of the terminal. */
  rows?: number;
  /** On a terminal with a pager (see pagingStdout): pages a long text and returns true, else false. */
  page?(text: string, modes?: { before: string; after: string }): boolean;
}

/** The process environment a command runs in; tests pass fakes. */
export interface Io {
  stdout: TextStream;
  stderr: TextStream;
  env: Record<string, string | undefined>;
  /** Clock, for relative dates. */
  now: () => Date;
  cwd: string;
  /** Reads standard input whole (`newsq index -`); throws a RangeError past `maxBytes`. */
  readStdin?(maxBytes: number): Buffer;
  /** Runs a pager command on a text, its output the terminal; false when it could not run. */
  runPager?(command: string, text: string): boolean;
  /** Opens a file with the system's opener (--open); false when there is none. */
  openFile?(path: string): boolean;
}

/**
 * stdout written straight to its descriptor, for a pipe, a socket or a file: node's stream
 * for it costs a cold query several milliseconds to set up (its net and stream modules), and
 * such writes are synchronous anyway. A parent that is a node program (execa, a script's
 * spawnSync) hands its child a socket pair, where a shell hands a pipe. A closed pipe or
 * socket surfaces as an EPIPE (or, for a socket its peer reset, ECONNRESET) error from
 * write, which `run` turns into a quiet success; a descriptor some other process left
 * non-blocking is waited on.
 */
export class DescriptorWriter implements TextStream {
  readonly isTTY = false;
  private pause?: Int32Array;

  constructor(private readonly fd: number) {}

  write(chunk: string): boolean {
    const bytes = Buffer.from(chunk, 'utf8');
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (readerWentAway(err)) throw err;
        // A full disk or a failing device: one line, not node's message and stack.
        if (code !== 'EAGAIN') throw new CliError(outputErrorMessage(err as NodeJS.ErrnoException));
        Atomics.wait((this.pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
      }
    }
    return true;
  }
}

/** Whether a write failed because the reader went away: a closed pipe, or a socket its peer reset (not newsq's error). */
export function readerWentAway(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

// Node's stream for stdout when it is a terminal (colours, widths, bidi) or anything but a
// pipe, a socket or a file; a closed pipe (newsq … | head -1) then ends the process quietly.
function stdoutStream(): TextStream {
  try {
    const st = fstatSync(1);
    if (st.isFIFO() || st.isSocket() || st.isFile()) return new DescriptorWriter(1);
  } catch {
    // No usable descriptor 1: let node's stream report what is wrong.
  }
  // A terminal, or a device such as /dev/full: node's stream reports a failed write after
  // the command has returned, so it is answered here, in one line, as run() answers others.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (readerWentAway(err)) process.exit(process.exitCode ?? 0);
    process.stderr.write(`newsq: ${outputErrorMessage(err)}\n`);
    process.exit(EXIT.error);
  });
  return process.stdout;
}

/** What a system error code means, in words, for messages ("disk full (ENOSPC)"). */
export function systemErrorText(code: string | undefined): string {
  const words: Record<string, string> = {
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    EISDIR: 'a folder, not a file',
    ENOTDIR: 'not a folder',
    EIO: 'input/output error',
    EFBIG: 'file too large',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
  };
  if (!code) return 'error';
  return words[code] ? `${words[code]} (${code})` : code;
}

/** The message for a failed write of the results. */
export function outputErrorMessage(err: NodeJS.ErrnoException): string {
  return `cannot write the output: ${systemErrorText(err.code ?? err.message)}`;
}

/**
 * The io a command runs with: its stderr passes every message through the one sanitiser
 * (sanitizeForTerminal, line breaks kept), so that no archive text or user input quoted in a
 * message, an error's detail or commander's own errors can drive the terminal. stdout is
 * sanitised by the formatters, which also write newsq's own colours and bidi controls.
 */
export function guardMessages(io: Io): Io {
  let guarded: TextStream | undefined;
  const out: Io = {
    stdout: io.stdout,
    env: io.env,
    now: io.now,
    cwd: io.cwd,
    // Created on first use, like processIo's stderr.
    get stderr() {
      if (!guarded) {
        const raw = io.stderr;
        guarded = {
          // newsq's own messages break lines with LF only: any other line break came with a
          // quoted text and would split a one-line message.
          write: (chunk: string) => raw.write(sanitizeForTerminal(chunk.replace(/[\r\u0085\u2028\u2029]/g, ' '), { keepNewlines: true })),
          get isTTY() {
            return raw.isTTY;
          },
          get columns() {
            return raw.columns;
          },
          raw,
        };
      }
      return guarded;
    },
  };
  if (io.readStdin) out.readStdin = io.readStdin;
  if (io.runPager) out.runPager = io.runPager;
  if (io.openFile) out.openFile = io.openFile;
  return out;
}

/** The real process's streams and environment. */
export function processIo(): Io & { written(): boolean } {
  let stderrUsed = false;
  const stdout = stdoutStream();
  return {
    stdout,
    // Created on first use: setting up the stream is a few milliseconds of every cold start,
    // and most runs never write a message.
    get stderr() {
      stderrUsed = true;
      return process.stderr;
    },
    env: process.env,
    now: () => new Date(),
    cwd: process.cwd(),
    readStdin: (maxBytes: number) => readDescriptor(0, maxBytes),
    runPager: (command: string, text: string) => runPagerCommand(command, text),
    openFile: (path: string) => openWithSystem(path),
    /**
     * Whether all output has reached the operating system: stdout went straight to its
     * descriptor (a pipe or a file), and stderr, if used, holds nothing queued.
     */
    written: () => stdout instanceof DescriptorWriter && (!stderrUsed || process.stderr.writableLength === 0),
  };
}

/** Everything a descriptor gives until its end; a RangeError past `maxBytes`. */
function readDescriptor(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let pause: Int32Array | undefined;
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      // A descriptor another process left non-blocking: wait for the writer.
      if (code !== 'EAGAIN') throw err;
      Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 5);
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new RangeError(`more than ${Math.round(maxBytes / 1048576)} MB`);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks);
}

/** The folder holding package.json: the demo archive ships under it. */
export function packageRoot(): string {
  // In the bundle this file is dist/newsq.cjs; under the test runner it is src/cli/context.ts.
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    dir = dirname(dir);
  }
  return resolve(typeof __dirname === 'string' ? __dirname : process.cwd(), '..');
}

/** The demo archive's prebuilt index. */
export function demoIndexDir(): string {
  return join(packageRoot(), 'data', 'index');
}

/** Where to read the index from: --index, else NEWSQ_INDEX, else the demo archive. */
export function indexDirFor(flag: string | undefined, io: Io): { dir: string; origin: 'flag' | 'env' | 'demo' } {
  if (flag) return { dir: resolve(io.cwd, flag), origin: 'flag' };
  const env = io.env.NEWSQ_INDEX;
  if (env) return { dir: resolve(io.cwd, env), origin: 'env' };
  return { dir: demoIndexDir(), origin: 'demo' };
}

/** Opens the index a command reads, turning every failure into a one-line CliError naming the fix. */
export function openIndex(flag: string | undefined, io: Io): ArchiveIndex {
  const { dir, origin } = indexDirFor(flag, io);
  try {
    return ArchiveIndex.open(dir);
  } catch (err) {
    if (err instanceof IndexOpenError) {
      const where = origin === 'env' ? ' (from NEWSQ_INDEX)' : origin === 'demo' ? ' (the demo archive)' : '';
      // Not newsq's to fix: a rebuild would not help.
      const denied = permissionProblem(err);
      if (denied) throw new CliError(`${denied}${where}`);
      const fix =
        origin === 'demo'
          ? 'run `npm run build:demo` in the newsq folder'
          : `run \`newsq index <archive files or folders> --index ${dir}\``;
      if (err.kind === 'missing') throw new CliError(`${err.message}${where}; ${fix} to build it, or point --index/NEWSQ_INDEX at an index`);
      throw new CliError(`${err.message}${where}; ${fix} to rebuild it`);
    }
    throw err;
  }
}

/** Runs index reads, reporting a damaged index file as a one-line error with the rebuild command. */
export function guardIndex<T>(index: ArchiveIndex, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof IndexCorruptError) {
      const denied = permissionProblem(err);
      if (denied) throw new CliError(denied);
      throw new CliError(`damaged index: ${err.message}; rebuild it with \`newsq index <archive files or folders> --index ${index.dir}\``);
    }
    // A file that cannot be read (permissions, a failing disk): not newsq's to fix, no rebuild advice.
    if (err instanceof IndexIoError) throw new CliError(err.message);
    throw err;
  }
}

/**
 * "cannot read FILE: permission denied (EACCES)" when an index error is a permission
 * problem (the readers word it as `FILE: unreadable (EACCES)` or `cannot read FILE (EACCES)`), else null.
 */
export function permissionProblem(err: Error): string | null {
  const m = /^(?:cannot read )?(.+?):? (?:unreadable )?\((EACCES|EPERM)\)$/.exec(err.message);
  return m ? `cannot read ${m[1]}: ${systemErrorText(m[2])}` : null;
}

/** Output options common to listing commands. */
export interface OutputOptions {
  format?: OutputFormat;
  json?: boolean;
  ndjson?: boolean;
  bidi?: BidiSetting;
  header?: boolean;
  bom?: boolean;
  /** false after --no-pager. */
  pager?: boolean;
  /** false after --no-color. */
  color?: ColorSetting | false;
  lang?: string;
}

/** Adds --format/--json/--ndjson/--bidi/--color to a command. */
export function addOutputOptions(cmd: Command, formats = 'table, tsv, csv, json, ndjson'): Command {
  return cmd
    .option('--format <format>', `output format: ${formats} (default: table on a terminal, tsv when piped)`)
    .option('--json', 'same as --format json')
    .option('--ndjson', 'same as --format ndjson')
    .option('--bidi <mode>', 'right-to-left handling: auto, visual, implicit, logical, off (env NEWSQ_BIDI)')
    .option('--color <when>', 'colour: auto, always, never (NO_COLOR and FORCE_COLOR are honoured)')
    .option('--no-color', 'same as --color never')
    .option('--lang <lang>', 'language of headers and labels: ar or en (env NEWSQ_LANG, else the locale)')
    .option('--header', 'TSV: a header line first (CSV always has one)')
    .option('--bom', 'CSV and TSV: begin with a UTF-8 byte order mark, for spreadsheets that need one')
    .option('--no-pager', 'never page: output longer than the terminal goes to $NEWSQ_PAGER, $PAGER or less -FRX otherwise');
}

/** Adds --index to a command. */
export function addIndexOption(cmd: Command): Command {
  return cmd.option('--index <dir>', 'index directory (default: $NEWSQ_INDEX, else the demo archive)');
}

/** Adds --since/--until to a listing command. */
export function addDateLimitOptions(cmd: Command): Command {
  return cmd
    .option('--since <date>', 'only articles on or after this date (any date expression: 2015-03, 7d, "نوفمبر 2014"…)')
    .option('--until <date>', 'only articles on or before this date');
}

/** Adds what every article listing shares: paging, --count, --index, date limits, output formats, --calendar. */
export function addListingOptions(cmd: Command, noun: string, counted = noun, formats?: string): Command {
  cmd
    .option('-n, --limit <n>', `show at most N ${noun} (0: no limit, up to ${groupDigits(MAX_LIMIT)})`, '20')
    .option('--offset <n>', `skip the first N ${noun}`, '0')
    .option('--count', `print only the number of ${counted}`)
    .option('--fields <list>', `columns of the table, TSV and CSV, in order: ${HIT_FIELDS.join(',')}`);
  addIndexOption(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd, formats);
  calendarOption(cmd);
  return cmd;
}

/** The formats of a command that can make a page (--format html, --open). */
export const PAGE_FORMATS = 'table, tsv, csv, json, ndjson, html';

/** Adds --open to a command that can make a page. */
export function addOpenOption(cmd: Command): Command {
  return cmd.option('--open', 'write an HTML page to a temporary file and open it in the browser (implies --format html)');
}

/** Options of a command that can make a page. */
export interface PageOptions extends Omit<OutputOptions, 'format'> {
  format?: string;
  open?: boolean;
}

/** The output settings of a command that can make a page, and whether it makes one (--format html or --open). */
export function pageSettings(opts: PageOptions, io: Io): { settings: OutputSettings; html: boolean } {
  const named = opts.json ? '--json' : opts.ndjson ? '--ndjson' : null;
  const html = opts.format === 'html' || (opts.open === true && opts.format === undefined && named === null);
  if (html && named) throw new CliError(`${named} and --format html disagree; give one of them`);
  if (opts.open && !html) throw new CliError(`--open shows an HTML page: give it without ${named ?? `--format ${clip(opts.format ?? '')}`}`);
  const { format: _format, ...rest } = opts;
  return { settings: outputSettings((html ? rest : opts) as OutputOptions, io), html };
}

/** A page to stdout, or with --open to a temporary file shown by the system's opener (else its path on stderr). */
export function writePage(io: Io, page: string, open: boolean | undefined, name: string): void {
  if (!open) {
    io.stdout.write(page);
    return;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'newsq-')), `${name}.html`);
  writeFileSync(file, page);
  const opened = io.openFile?.(file) === true;
  io.stderr.write(opened ? `newsq: opened ${file}\n` : `newsq: no program to open it with (xdg-open, open or start); the page is ${file}\n`);
}

/** Resolves the output options against the terminal and environment. */
export function outputSettings(opts: OutputOptions, io: Io): OutputSettings {
  // Options that name different formats: which one was meant is not newsq's guess.
  const named = [opts.json ? '--json' : null, opts.ndjson ? '--ndjson' : null].filter((f): f is string => f !== null);
  if (named.length > 1) throw new CliError('--json and --ndjson disagree; give one of them');
  if (named.length === 1 && opts.format !== undefined && opts.format !== named[0]!.slice(2)) {
    throw new CliError(`${named[0]} and --format ${clip(opts.format)} disagree; give one of them`);
  }
  const format = opts.json ? 'json' : opts.ndjson ? 'ndjson' : opts.format;
  const bidiFromEnv = opts.bidi === undefined && Boolean(io.env.NEWSQ_BIDI);
  try {
    const extras = { ...(opts.header ? { header: true } : {}), ...(opts.bom ? { bom: true } : {}), ...(opts.pager === false ? { pager: false } : {}) };
    return {
      ...extras,
      ...resolveOutputSettings({
      format: format as OutputFormat | undefined,
      bidi: (opts.bidi ?? (io.env.NEWSQ_BIDI || undefined)) as BidiSetting | undefined,
      color: opts.color === false ? 'never' : opts.color,
      lang: opts.lang,
      stdout: { isTTY: io.stdout.isTTY === true, columns: io.stdout.columns },
      env: io.env,
      outer: () => tmuxOuterTerminal(io.env),
      }),
    };
  } catch (err) {
    const message = (err as Error).message;
    throw new CliError(bidiFromEnv && message.includes('bidi') ? `NEWSQ_BIDI: ${message}` : message);
  }
}

/** The --fields list of a listing, checked (undefined without one: each format's own columns). */
export function fieldsOption(value: string | undefined): HitField[] | undefined {
  if (value === undefined) return undefined;
  try {
    return parseFields(value);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Parses a non-negative integer option. */
export function intOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--${name} must be a whole number, got ${quoted(value)}`);
  return Number(value);
}

/** A --limit or --top value: a whole number, where 0 means no limit (Infinity). */
export function limitOption(name: string, value: string | undefined, fallback: number): number {
  const n = intOption(name, value, fallback);
  return n === 0 ? Infinity : n;
}

/** Today's local day of the archive (its UTC offset), for relative dates. */
export function archiveToday(index: ArchiveIndex, io: Io): string {
  return localToday(index.manifest.utcOffset, io.now());
}

/** At most this many characters of a user's or the archive's text are quoted back in a message. */
export const QUOTE_MAX = 80;

/** Text as a message quotes it: at most QUOTE_MAX characters, then an ellipsis. */
export function clip(text: string, max = QUOTE_MAX): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Not between the halves of a surrogate pair.
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}…`;
}

/** Text quoted in a message: "…", clipped. */
export function quoted(text: string): string {
  return `"${clip(text)}"`;
}

/**
 * A caret line pointing at a 0-based position of a one-line text. A long text is shown as
 * a window around the position (a 100,000-character query is not echoed whole), and the
 * caret is placed by the text as it will be shown, controls removed.
 */
export function caret(text: string, position: number): string {
  const pos = Math.max(0, Math.min(position, text.length));
  let start = 0;
  let end = text.length;
  if (text.length > QUOTE_MAX) {
    start = Math.max(0, Math.min(pos - QUOTE_MAX / 2, text.length - QUOTE_MAX));
    end = start + QUOTE_MAX;
  }
  const before = (start > 0 ? '…' : '') + sanitizeForTerminal(text.slice(start, pos));
  const after = sanitizeForTerminal(text.slice(pos, end)) + (end < text.length ? '…' : '');
  return `  ${before}${after}\n  ${' '.repeat(before.length)}^`;
}

/** Adds --calendar to a command; `calendarOption.read` validates its value. */
export const calendarOption = Object.assign(
  (cmd: Command): Command => cmd.option('--calendar <calendar>', 'print dates in the gregory (default) or hijri (Umm al-Qura) calendar'),
  {
    read(value: string | undefined): 'gregory' | 'hijri' {
      if (value === undefined || value === 'gregory' || value === 'gregorian') return 'gregory';
      if (value === 'hijri' || value === 'islamic' || value === 'umalqura') return 'hijri';
      throw new CliError(`--calendar must be gregory or hijri, got ${quoted(value)}`);
    },
  },
);

/** The one-line error for an article lookup that failed, naming where it looked. */
export function lookupError(err: ArticleLookupError, where: string): CliError {
  if (err.kind === 'ambiguous') {
    const list = err.matches.map((m) => `${m.id}  ${m.title}`).join('\n  ');
    return new CliError(`article id prefix ${quoted(err.message)} is ambiguous; it matches:`, EXIT.error, `  ${list}`);
  }
  const short = err.message.length < 4 ? '; an id prefix needs at least 4 characters' : '';
  return new CliError(`no article with id ${quoted(err.message)} in ${where}${short}`, EXIT.none);
}

/** The document of an article id, or of a unique id prefix of 4+ characters; else a CliError. */
export function resolveArticle(index: ArchiveIndex, id: string): number {
  try {
    return resolveDoc(index, id);
  } catch (err) {
    if (err instanceof ArticleLookupError) throw lookupError(err, index.dir);
    throw err;
  }
}
