// Shared machinery of the reliability suite (tests/reliability): running the built program
// as a child process (to kill it, pause it at a checkpoint, measure its memory or drop its
// privileges), snapshots of what an index answers, big input files written fast, and the
// demo articles split into an "old" archive and an addition.

import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MANIFEST, type Manifest } from '../../src/index/format';
import { referencedFiles } from '../../src/index/manifest-io';
import { demoArticlesDir, projectRoot, runCli, sharedDir } from './cli';

/** The program as users run it. */
export const BIN = path.join(projectRoot, 'bin', 'newsq.js');

/** The seed article in the archive's export format (absent outside the workplace). */
export const SEED_ARTICLE = path.join(sharedDir, 'seeds', '000_228959382d386ad2.txt');

/** An environment with nothing from the host that could change newsq's behaviour. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: projectRoot, LANG: 'C.UTF-8', ...extra };
}

/** What a finished child run produced. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `newsq <args…>` to completion in a child process. */
export function newsqSync(args: string[], options: { env?: Record<string, string>; input?: string; prefix?: string[]; timeoutMs?: number } = {}): ChildResult {
  const prefix = options.prefix ?? [];
  const command = prefix.length ? prefix[0]! : process.execPath;
  const argv = prefix.length ? [...prefix.slice(1), process.execPath, BIN, ...args] : [BIN, ...args];
  const r: SpawnSyncReturns<string> = spawnSync(command, argv, {
    cwd: projectRoot,
    env: options.env ?? cleanEnv(),
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A running child newsq with its output collected as it arrives. */
export class RunningNewsq {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<ChildResult>;
  private waiters: Array<() => void> = [];

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      this.poke();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.stderr += s;
      this.poke();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.poke();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves once stderr matches `pattern`; rejects when the process ends first or time runs out. */
  async waitForStderr(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => (ended = true));
    while (!pattern.test(this.stderr)) {
      if (ended) throw new Error(`newsq ended before ${pattern}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; stderr so far: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** SIGKILL, then waits until the process is gone (and reaped, so its pid is free). */
  async kill(): Promise<ChildResult> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/** Starts `newsq <args…>` in the background. */
export function startNewsq(args: string[], env: Record<string, string> = cleanEnv()): RunningNewsq {
  return new RunningNewsq(args, env);
}

/** Starts a writer that stops at checkpoint `name` (see src/index/checkpoint.ts) and waits there. */
export async function startAtCheckpoint(args: string[], name: string): Promise<RunningNewsq> {
  const w = startNewsq(args, cleanEnv({ NEWSQ_CHECKPOINT: name }));
  await w.waitForStderr(new RegExp(`newsq: checkpoint ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  return w;
}

/**
 * An environment whose node process reports its peak resident set size when it exits:
 * a preloaded script writes process.resourceUsage().maxRSS (KiB) to `reportFile`.
 */
export function peakRssEnv(workDir: string, reportFile: string, extra: Record<string, string> = {}): Record<string, string> {
  const preload = path.join(workDir, 'report-peak-rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(reportFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  return cleanEnv({ NODE_OPTIONS: `--require ${preload}`, ...extra });
}

/** Reads the peak RSS report of a run started with peakRssEnv, in MiB. */
export function readPeakRssMiB(reportFile: string): number {
  return Number(readFileSync(reportFile, 'utf8')) / 1024;
}

/**
 * Writes `head`, then `chunk` repeated until the file holds at least `bytes`, then `tail`;
 * returns the size. Large buffers per write keep a 600 MB file to a couple of seconds.
 */
export function writeRepeated(file: string, head: Buffer | string, chunk: Buffer | string, tail: Buffer | string, bytes: number): number {
  const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  const copies = Math.max(1, Math.floor((8 << 20) / c.length));
  const block = Buffer.concat(new Array<Buffer>(copies).fill(c));
  const fd = openSync(file, 'w');
  let size = 0;
  try {
    size += writeSync(fd, Buffer.from(head));
    while (size + block.length <= bytes) size += writeSync(fd, block);
    while (size < bytes) size += writeSync(fd, c);
    size += writeSync(fd, Buffer.from(tail));
  } finally {
    closeSync(fd);
  }
  return size;
}

/** The demo articles' file names, sorted. */
export function demoArticleFiles(): string[] {
  return readdirSync(demoArticlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(demoArticlesDir, f));
}

/** The distinct Arabic words of the demo archive, for generated text. */
export function demoVocabulary(): string[] {
  const words = new Set<string>();
  for (const f of demoArticleFiles()) for (const w of readFileSync(f, 'utf8').match(/[\u0621-\u064A]{2,}/g) ?? []) words.add(w);
  return [...words].sort();
}

/**
 * The demo archive split in two folders under `dir`: `old` (the first `oldCount` articles)
 * and `new` (the rest), so that a rebuild or an addition changes what queries answer.
 */
export function splitDemoArchive(dir: string, oldCount = 40): { old: string; added: string; all: string } {
  const files = demoArticleFiles();
  const old = path.join(dir, 'old');
  const added = path.join(dir, 'new');
  mkdirSync(old, { recursive: true });
  mkdirSync(added, { recursive: true });
  files.forEach((f, i) => writeFileSync(path.join(i < oldCount ? old : added, path.basename(f)), readFileSync(f)));
  return { old, added, all: dir };
}

/** Queries whose answers change when the demo archive's last articles are added. */
export const PROBE_QUERIES: string[][] = [
  ['search', 'إيران'],
  ['search', 'النفط OR أوبك'],
  ['search', '"الاتفاق النووي"'],
  ['search', 'title:خامنئي', '--format', 'json'],
  ['tag', 'إيران'],
  ['tags', '--format', 'tsv'],
  ['date', '2016'],
  ['timeline', 'السعودية', '--by', 'month'],
  ['stats', '--format', 'json'],
];

/**
 * What an index answers to the probe queries (exit code, stdout, stderr of each), as one
 * string. The folder's own name and the bookkeeping `stats` prints about the index files
 * (generation, time, bytes, segments) are left out: copies and rebuilds of one archive differ there.
 */
export function answers(indexDir: string, queries: string[][] = PROBE_QUERIES): string {
  return JSON.stringify(
    queries.map((q) => {
      const r = runCli([...q, '--index', indexDir]);
      let stdout = r.stdout;
      if (q[0] === 'stats' && r.code === 0) {
        const parsed = JSON.parse(stdout) as Record<string, unknown>;
        delete parsed.index;
        stdout = JSON.stringify(parsed);
      }
      return [q.join(' '), r.code, stdout.replaceAll(indexDir, '<index>'), r.stderr.replaceAll(indexDir, '<index>')];
    }),
  );
}

/** The manifest of an index directory. */
export function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
}

/** Files in an index directory that neither the given manifests reference (orphans of a dead writer). */
export function unreferencedFiles(dir: string, manifests: Manifest[]): string[] {
  const keep = new Set<string>();
  for (const m of manifests) for (const f of referencedFiles(m)) keep.add(f);
  return readdirSync(dir)
    .filter((f) => !keep.has(f))
    .sort();
}

/** Whether a process with this pid exists (a zombie counts). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A command prefix that runs a program as root without the capabilities that let root
 * ignore file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that permission tests
 * mean something when the suite runs as root; [] when not root (permissions apply anyway);
 * null when neither works (the tests then skip, saying why).
 */
export function permissionPrefix(): string[] | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return [];
  const prefix = ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'];
  const dir = mkdtempSync(path.join(tmpdir(), 'newsq-perm-probe-'));
  try {
    const file = path.join(dir, 'secret');
    writeFileSync(file, 'x', { mode: 0o000 });
    const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'sh', '-c', `cat "${file}" >/dev/null 2>&1 && echo readable || echo denied`], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout.trim() === 'denied' ? prefix : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A command prefix that runs a program in a private mount namespace where `mountPoint`
 * holds a copy of `source` on a read-only tmpfs (the mount disappears with the program);
 * null when this process may not do that (not root, no CAP_SYS_ADMIN, no unshare).
 */
export function readOnlyCopyPrefix(source: string, mountPoint: string): string[] | null {
  mkdirSync(mountPoint, { recursive: true });
  const script = 'mount -t tmpfs -o size=256m tmpfs "$1" && cp -a "$2"/. "$1"/ && mount -o remount,ro "$1" && shift 2 && exec "$@"';
  const prefixFor = (from: string) => ['unshare', '-m', '--propagation', 'private', 'sh', '-c', script, 'sh', mountPoint, from];
  const empty = mkdtempSync(path.join(tmpdir(), 'newsq-mount-probe-'));
  try {
    const probe = prefixFor(empty);
    const r = spawnSync(probe[0]!, [...probe.slice(1), 'sh', '-c', `touch "${mountPoint}/probe" 2>/dev/null && echo writable || echo read-only`], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === 'read-only' ? prefixFor(source) : null;
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

/** Whether the seed article of the workplace is there. */
export function haveSeed(): boolean {
  return existsSync(SEED_ARTICLE);
}

/**
 * A command prefix that runs a program in a private mount namespace where `mountPoint` is
 * an empty tmpfs of `kib` KiB, so that writing more fails with ENOSPC; null where this
 * process may not mount (as for readOnlyCopyPrefix).
 */
export function smallDiskPrefix(mountPoint: string, kib: number): string[] | null {
  mkdirSync(mountPoint, { recursive: true });
  const prefix = ['unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o size=${kib}k tmpfs "$1" && shift && exec "$@"`, 'sh', mountPoint];
  const r = spawnSync(prefix[0]!, [...prefix.slice(1), 'sh', '-c', `head -c ${(kib + 64) * 1024} /dev/zero > "${mountPoint}/fill" 2>/dev/null && echo roomy || echo full`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'full' ? prefix : null;
}
