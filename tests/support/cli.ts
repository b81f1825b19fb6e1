// Runs newsq in-process with a fake Io: captured stdout/stderr, a chosen terminal (or
// none), environment and clock, so command tests need no child process.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { run } from '../../src/cli/main';
import type { Io, TextStream } from '../../src/cli/context';

/** The project folder (holding package.json, data/ and bin/). */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The read-only shared data next to the project, which tests skip without. */
export const sharedDir = path.resolve(projectRoot, '../shared');

/** The demo archive's article files and prebuilt index. */
export const demoArticlesDir = path.join(projectRoot, 'data', 'articles');
export const demoIndexDir = path.join(projectRoot, 'data', 'index');

/** A stream that keeps what is written to it. */
export class CapturedStream implements TextStream {
  readonly chunks: string[] = [];

  constructor(
    readonly isTTY: boolean,
    readonly columns: number | undefined,
  ) {}

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }

  /** Everything written so far. */
  get text(): string {
    return this.chunks.join('');
  }
}

/** How the fake process looks to the command. */
export interface FakeIoOptions {
  /** Whether stdout is a terminal (default false: piped). */
  isTTY?: boolean;
  columns?: number;
  /** Whether stderr is a terminal (default: like stdout). */
  stderrIsTTY?: boolean;
  /**
   * Environment; defaults to a neutral one (no NEWSQ_*, no colour forcing, no terminal
   * hints), so the host's variables cannot change what a test sees.
   */
  env?: Record<string, string | undefined>;
  /** Clock (default 2016-06-01T12:00:00Z). */
  now?: Date;
  cwd?: string;
  /** Standard input's content (default: none can be read). */
  stdin?: string | Buffer;
  /** Lines of the terminal (with isTTY). */
  rows?: number;
  /** Stands in for running a pager command (default: the io runs none). */
  runPager?: (command: string, text: string) => boolean;
  /** Stands in for the system's opener (--open; default: the io has none). */
  openFile?: (path: string) => boolean;
}

/** What one run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds a fake Io and the streams behind it. */
export function fakeIo(options: FakeIoOptions = {}): { io: Io; stdout: CapturedStream; stderr: CapturedStream } {
  const isTTY = options.isTTY ?? false;
  const stdout = new CapturedStream(isTTY, isTTY ? (options.columns ?? 120) : options.columns);
  const stderr = new CapturedStream(options.stderrIsTTY ?? isTTY, isTTY ? (options.columns ?? 120) : undefined);
  const now = options.now ?? new Date('2016-06-01T12:00:00Z');
  const io: Io = {
    stdout,
    stderr,
    env: options.env ?? { TERM: 'xterm-256color' },
    now: () => now,
    cwd: options.cwd ?? projectRoot,
  };
  if (options.rows !== undefined) Object.assign(stdout, { rows: options.rows });
  if (options.runPager) io.runPager = options.runPager;
  if (options.openFile) io.openFile = options.openFile;
  const input = options.stdin;
  if (input !== undefined) {
    io.readStdin = (maxBytes: number) => {
      const bytes = Buffer.from(input);
      if (bytes.length > maxBytes) throw new RangeError('too large');
      return bytes;
    };
  }
  return { io, stdout, stderr };
}

/** Runs `newsq <argv…>` in-process. */
export function runCli(argv: string[], options: FakeIoOptions = {}): CliResult {
  const { io, stdout, stderr } = fakeIo(options);
  const code = run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary directory and its removal. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `newsq-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Builds an index of the demo articles in a temporary folder with `newsq index`, so that
 * command tests do not depend on the shipped index being current.
 */
export function buildDemoIndexIn(dir: string): string {
  const r = runCli(['index', demoArticlesDir, '--index', dir, '--quiet']);
  if (r.code !== 0) throw new Error(`building the demo index failed (${r.code}): ${r.stderr}`);
  return dir;
}

/** Options of a run against the index in `indexDir` (through NEWSQ_INDEX), in a colour terminal's environment. */
export function withIndex(indexDir: string, extra: FakeIoOptions = {}): FakeIoOptions {
  return { ...extra, env: { TERM: 'xterm-256color', NEWSQ_INDEX: indexDir, ...extra.env } };
}

/**
 * For a command test file: a temporary folder with a demo index built before its tests and
 * removed after them, and `demo()` for the options of a run against that index.
 */
export function useDemoIndex(prefix: string): { tmp: ReturnType<typeof tempDir>; dir: string; demo: (extra?: FakeIoOptions) => FakeIoOptions } {
  const tmp = tempDir(prefix);
  const dir = path.join(tmp.dir, 'demo');
  beforeAll(() => void buildDemoIndexIn(dir));
  afterAll(() => tmp.remove());
  return { tmp, dir, demo: (extra = {}) => withIndex(dir, extra) };
}

/** Matches any ANSI/ECMA-48 escape sequence or C1 control (for "no escapes" checks). */
export const ESCAPES = /[\u001b\u009b]/;

/** A search hit as `--json` prints it (README's documented shape); `score` is null for listings. */
export interface HitJson {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  credits: string[];
  keywords: string[];
  url: string | null;
  score: number | null;
  snippet: { text: string; highlights: Array<[number, number]> };
  copies?: Array<{ id: string; source: string | null }>;
}
