// What every command shares: where output goes, which index to open, how failures turn
// into one-line messages and exit codes (0 found, 1 nothing found, 2 usage or runtime
// error), and the output options.

import { existsSync, fstatSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ArchiveIndex, IndexCorruptError, IndexOpenError } from '../index/reader';
import { localToday } from '../search/search';
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
}

/** The process environment a command runs in; tests pass fakes. */
export interface Io {
  stdout: TextStream;
  stderr: TextStream;
  env: Record<string, string | undefined>;
  /** Clock, for relative dates. */
  now: () => Date;
  cwd: string;
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
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
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
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (readerWentAway(err)) process.exit(process.exitCode ?? 0);
    throw err;
  });
  return process.stdout;
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
    /**
     * Whether all output has reached the operating system: stdout went straight to its
     * descriptor (a pipe or a file), and stderr, if used, holds nothing queued.
     */
    written: () => stdout instanceof DescriptorWriter && (!stderrUsed || process.stderr.writableLength === 0),
  };
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
      throw new CliError(`damaged index: ${err.message}; rebuild it with \`newsq index <archive files or folders> --index ${index.dir}\``);
    }
    throw err;
  }
}

/** Output options common to listing commands. */
export interface OutputOptions {
  format?: OutputFormat;
  json?: boolean;
  ndjson?: boolean;
  bidi?: BidiSetting;
  color?: ColorSetting;
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
    .option('--lang <lang>', 'language of headers and labels: ar or en (env NEWSQ_LANG, else the locale)');
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
export function addListingOptions(cmd: Command, noun: string, counted = noun): Command {
  cmd
    .option('-n, --limit <n>', `show at most N ${noun}`, '20')
    .option('--offset <n>', `skip the first N ${noun}`, '0')
    .option('--count', `print only the number of ${counted}`);
  addIndexOption(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd);
  calendarOption(cmd);
  return cmd;
}

/** Resolves the output options against the terminal and environment. */
export function outputSettings(opts: OutputOptions, io: Io): OutputSettings {
  const format = opts.json ? 'json' : opts.ndjson ? 'ndjson' : opts.format;
  try {
    return resolveOutputSettings({
      format: format as OutputFormat | undefined,
      bidi: (opts.bidi ?? (io.env.NEWSQ_BIDI || undefined)) as BidiSetting | undefined,
      color: opts.color,
      lang: opts.lang,
      stdout: { isTTY: io.stdout.isTTY === true, columns: io.stdout.columns },
      env: io.env,
      outer: () => tmuxOuterTerminal(io.env),
    });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Parses a non-negative integer option. */
export function intOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Today's local day of the archive (its UTC offset), for relative dates. */
export function archiveToday(index: ArchiveIndex, io: Io): string {
  return localToday(index.manifest.utcOffset, io.now());
}

/** A caret line pointing at a 0-based position of a one-line text. */
export function caret(text: string, position: number): string {
  return `  ${text}\n  ${' '.repeat(Math.max(0, Math.min(position, text.length)))}^`;
}

/** Adds --calendar to a command; `calendarOption.read` validates its value. */
export const calendarOption = Object.assign(
  (cmd: Command): Command => cmd.option('--calendar <calendar>', 'print dates in the gregory (default) or hijri (Umm al-Qura) calendar'),
  {
    read(value: string | undefined): 'gregory' | 'hijri' {
      if (value === undefined || value === 'gregory' || value === 'gregorian') return 'gregory';
      if (value === 'hijri' || value === 'islamic' || value === 'umalqura') return 'hijri';
      throw new CliError(`--calendar must be gregory or hijri, got "${value}"`);
    },
  },
);

/** The document of an article id, or of a unique id prefix of 4+ characters. */
export function resolveArticle(index: ArchiveIndex, id: string): number {
  const exact = index.docById(id);
  if (exact !== null) return exact;
  if (id.length >= 4) {
    const matches = index.docsWithIdPrefix(id, 6);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const list = matches.slice(0, 5).map((d) => `${index.id(d)}  ${index.title(d)}`).join('\n  ');
      throw new CliError(`article id prefix "${id}" is ambiguous; it matches:`, EXIT.error, `  ${list}`);
    }
  }
  throw new CliError(`no article with id "${id}" in ${index.dir}`, EXIT.none);
}
