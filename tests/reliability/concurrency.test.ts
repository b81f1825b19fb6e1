// Several processes on one index: two writers never write at once (the second waits a
// little, then gives up with a clear message), and readers during a write see the old
// index or the new one, never a mixture and never an error.

import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveIndex, IndexCorruptError } from '../../src/index/reader';
import { acquireLock } from '../../src/index/lock';
import { LOCK } from '../../src/index/format';
import { runCli, tempDir } from '../support/cli';
import { answers, cleanEnv, newsqSync, splitDemoArchive, startAtCheckpoint, startNewsq, type ChildResult } from '../support/reliability';

const tmp = tempDir('rel-concurrency');
afterAll(() => tmp.remove());

let archive: ReturnType<typeof splitDemoArchive>;
let base = '';
let copies = 0;

function copyBase(): string {
  const dir = path.join(tmp.dir, `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  archive = splitDemoArchive(path.join(tmp.dir, 'archive'));
  base = path.join(tmp.dir, 'base');
  expect(runCli(['index', archive.old, '--index', base, '--quiet']).code).toBe(0);
});

describe('two writers at once', () => {
  it('the second waits about three seconds, then exits 2 naming the writer that holds the index', async () => {
    const dir = copyBase();
    const first = await startAtCheckpoint(['index', archive.old, archive.added, '--index', dir, '--quiet'], 'build:read');
    const before = answers(dir);
    const started = Date.now();
    const second = newsqSync(['index', '--add', archive.added, '--index', dir]);
    const waited = Date.now() - started;
    await first.kill();
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(`newsq: another newsq (pid ${first.pid}) is writing the index at ${dir}; try again when it has finished\n`);
    expect(waited).toBeGreaterThanOrEqual(2500);
    expect(waited).toBeLessThan(15_000);
    // The refused writer touched nothing.
    expect(answers(dir)).toBe(before);
  });

  it('the second goes ahead when the first finishes within the wait', async () => {
    const dir = copyBase();
    const release = acquireLock(dir);
    const started = Date.now();
    const second = startNewsq(['index', '--add', archive.added, '--index', dir, '--quiet']);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(existsSync(path.join(dir, LOCK))).toBe(true);
    release();
    const r = await second.exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(runCli(['search', 'إيران', '--count', '--index', dir]).stdout).not.toBe(runCli(['search', 'إيران', '--count', '--index', base]).stdout);
  });

  it('a lock that cannot be read (a folder in its place) makes the writer give up with a message instead of spinning', () => {
    const dir = copyBase();
    cpSync(archive.added, path.join(dir, LOCK), { recursive: true });
    const r = newsqSync(['index', '--add', archive.added, '--index', dir], { timeoutMs: 15_000 });
    expect(r.signal, 'newsq was still running after 15 s').toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(path.join(dir, LOCK));
  });
});

/** A few queries whose answers differ between the states below; each is compared on its own. */
const READER_QUERIES: string[][] = [
  ['search', 'إيران', '--format', 'tsv'],
  ['tag', 'إيران', '--count'],
  ['date', '2016..2017', '--format', 'tsv'],
  ['show', '9910a795592f', '--format', 'json'],
];

function answerEach(dir: string): string[] {
  return READER_QUERIES.map((q) => answers(dir, [q]));
}

describe('readers during writes', () => {
  it('every answer equals the old or a new expected result while a build, an addition and a deletion run', async () => {
    // The states the index goes through, computed on copies beforehand.
    const steps = [
      (dir: string) => ['index', archive.old, archive.added, '--index', dir, '--quiet'],
      (dir: string) => ['index', '--delete', '9910a795592f', '54172a987771', '--index', dir, '--quiet'],
      (dir: string) => ['index', '--add', path.join(archive.old, '01_khamenei-prostate-surgery.txt'), '--index', dir, '--quiet'],
    ];
    const reference = copyBase();
    const states: string[][] = [answerEach(reference)];
    for (const step of steps) {
      expect(runCli(step(reference)).code).toBe(0);
      states.push(answerEach(reference));
    }
    for (let q = 0; q < READER_QUERIES.length; q++) expect(new Set(states.map((s) => s[q])).size, READER_QUERIES[q]!.join(' ')).toBeGreaterThan(1);

    const dir = copyBase();
    let writing = true;
    const writer = (async () => {
      const results: ChildResult[] = [];
      for (const step of steps) results.push(await startNewsq(step(dir)).exited);
      writing = false;
      return results;
    })();

    const seen = READER_QUERIES.map(() => new Set<number>());
    const wrong: string[] = [];
    let reads = 0;
    // Readers in child processes too, as users run them, alongside the in-process loop.
    const childReads: Array<Promise<ChildResult>> = [];
    while (writing) {
      for (let q = 0; q < READER_QUERIES.length; q++) {
        const got = answers(dir, [READER_QUERIES[q]!]);
        const state = states.findIndex((s) => s[q] === got);
        if (state < 0) wrong.push(got.slice(0, 400));
        else seen[q]!.add(state);
        reads++;
      }
      if (childReads.length < 12 && reads % 8 === 0) childReads.push(startNewsq(['search', 'إيران', '--format', 'tsv', '--index', dir], cleanEnv()).exited);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await writer;
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(wrong).toEqual([]);
    // The loop did overlap the writes: it saw the first state and a later one.
    expect(seen[0]!.size).toBeGreaterThan(1);
    const searchStates = new Set(states.map((s) => JSON.parse(s[0]!)[0][2] as string));
    for (const r of await Promise.all(childReads)) {
      expect(r.stderr).toBe('');
      expect(searchStates.has(r.stdout)).toBe(true);
    }
  });

  it('a reader that opened the index before one rebuild still reads the old generation whole', () => {
    const dir = copyBase();
    const old = answers(dir, [['search', 'إيران', '--format', 'json']]);
    const reader = ArchiveIndex.open(dir);
    try {
      expect(runCli(['index', archive.old, archive.added, '--index', dir, '--quiet']).code).toBe(0);
      // Every part of the old generation is still there for it: ids, titles, stored articles, postings.
      const ids: string[] = [];
      for (const doc of reader.liveDocs()) ids.push(`${reader.id(doc)} ${reader.title(doc)} ${reader.stored(doc).title}`);
      expect(ids).toHaveLength(reader.documentCount);
      expect(reader.postings('ايران')).not.toBeNull();
    } finally {
      reader.close();
    }
    expect(answers(dir, [['search', 'إيران', '--format', 'json']])).not.toBe(old);
  });

  it('a reader that opened the index before two rebuilds either reads the old generation or reports a missing file, never other data', () => {
    // Only the previous generation's files are kept; a reader older than that loses the files
    // it has not opened yet. It must notice (IndexCorruptError naming the file), not misread.
    const dir = copyBase();
    const reader = ArchiveIndex.open(dir);
    const expected = (() => {
      const r = ArchiveIndex.open(base);
      try {
        return [...r.liveDocs()].map((d) => `${r.id(d)} ${r.stored(d).title}`);
      } finally {
        r.close();
      }
    })();
    try {
      expect(runCli(['index', archive.old, archive.added, '--index', dir, '--quiet']).code).toBe(0);
      // Fewer than half the articles: a rebuild that must be asked for with --replace.
      expect(runCli(['index', archive.added, '--index', dir, '--quiet', '--replace']).code).toBe(0);
      let got: string[] | null = null;
      try {
        got = [...reader.liveDocs()].map((d) => `${reader.id(d)} ${reader.stored(d).title}`);
      } catch (err) {
        expect(err).toBeInstanceOf(IndexCorruptError);
        expect((err as Error).message).toMatch(/missing/);
      }
      if (got !== null) expect(got).toEqual(expected);
    } finally {
      reader.close();
    }
  });
});
