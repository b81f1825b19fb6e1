// A writer killed at any moment (SIGKILL: no cleanup runs) must leave the index answering
// exactly as before, or — once the new manifest is in place — exactly as after; and the
// next writer must take the dead writer's lock over and collect the files it left.
// Writers are stopped at the named checkpoints of src/index/checkpoint.ts, and at
// random moments.

import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK, type Manifest } from '../../src/index/format';
import { runCli, tempDir } from '../support/cli';
import {
  answers,
  manifestOf,
  newsqSync,
  processExists,
  splitDemoArchive,
  startAtCheckpoint,
  startNewsq,
  unreferencedFiles,
} from '../support/reliability';
import { rng } from '../../src/synth/generate';

const tmp = tempDir('rel-crash');
afterAll(() => tmp.remove());

/** The id deleted to give the base index a second generation (and garbage to collect). */
const DELETED_ID = '9910a795592f';

let archive: ReturnType<typeof splitDemoArchive>;
let base = '';
let baseManifest: Manifest;
let before = '';
const after: Record<'build' | 'add', string> = { build: '', add: '' };
const duration: Record<'build' | 'add', number> = { build: 0, add: 0 };
let copies = 0;

function copyBase(): string {
  const dir = path.join(tmp.dir, `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

const writerArgs = {
  build: (dir: string) => ['index', archive.old, archive.added, '--index', dir, '--quiet'],
  add: (dir: string) => ['index', '--add', archive.added, '--index', dir, '--quiet'],
};

beforeAll(() => {
  archive = splitDemoArchive(path.join(tmp.dir, 'archive'));
  base = path.join(tmp.dir, 'base');
  expect(runCli(['index', archive.old, '--index', base, '--quiet']).code).toBe(0);
  expect(runCli(['index', '--delete', DELETED_ID, '--index', base, '--quiet']).code).toBe(0);
  baseManifest = manifestOf(base);
  before = answers(base);
  // The finished writes, run as the killed ones will be (child processes), for their answers and durations.
  for (const kind of ['build', 'add'] as const) {
    const dir = copyBase();
    const started = Date.now();
    const r = newsqSync(writerArgs[kind](dir));
    duration[kind] = Date.now() - started;
    expect(r.code, r.stderr).toBe(0);
    after[kind] = answers(dir);
    expect(after[kind]).not.toBe(before);
  }
});

/** Runs the writer again to completion and checks the recovery: lock taken over, answers, no orphans. */
function expectRecovery(dir: string, kind: 'build' | 'add'): void {
  const published = manifestOf(dir);
  const r = runCli(writerArgs[kind](dir));
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  expect(answers(dir)).toBe(after[kind]);
  expect(existsSync(path.join(dir, LOCK))).toBe(false);
  // Every file left is named by the new manifest or the one before it (kept for readers that opened it).
  expect(unreferencedFiles(dir, [manifestOf(dir), published])).toEqual([]);
}

describe.each([
  ['build', 'build:read', 'before'],
  ['build', 'segment:written', 'before'],
  ['build', 'build:before-publish', 'before'],
  ['build', 'publish:before-gc', 'after'],
  ['add', 'segment:written', 'before'],
  ['add', 'update:deletions-written', 'before'],
  ['add', 'update:before-publish', 'before'],
  ['add', 'publish:before-gc', 'after'],
] as const)('%s killed at checkpoint %s', (kind, checkpoint, visible) => {
  it(`leaves the index answering as ${visible} the write; the next ${kind} takes the lock over and collects the leftovers`, async () => {
    const dir = copyBase();
    const writer = await startAtCheckpoint(writerArgs[kind](dir), checkpoint);
    const lock = path.join(dir, LOCK);
    expect(readFileSync(lock, 'utf8').split(' ')[0]).toBe(String(writer.pid));
    await writer.kill();
    expect(processExists(writer.pid)).toBe(false);

    expect(answers(dir)).toBe(visible === 'before' ? before : after[kind]);
    // The dead writer's lock is still there: the next writer must see that its owner is gone.
    expect(existsSync(lock)).toBe(true);
    if (visible === 'before') expect(manifestOf(dir)).toEqual(baseManifest);
    expectRecovery(dir, kind);
  });
});

describe('files of a killed build', () => {
  it('are collected by the next write of another kind (a deletion)', async () => {
    const dir = copyBase();
    const writer = await startAtCheckpoint(writerArgs.build(dir), 'build:before-publish');
    await writer.kill();
    const orphans = unreferencedFiles(dir, [baseManifest]);
    // Segments and sidecars of the generation that never got published.
    const segmentFiles = orphans.filter((f) => /^g\d+-/.test(f));
    expect(segmentFiles.length).toBeGreaterThan(0);
    const r = runCli(['index', '--delete', '54172a987771', '--index', dir, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(unreferencedFiles(dir, [manifestOf(dir), baseManifest])).toEqual([]);
    for (const f of segmentFiles) expect(existsSync(path.join(dir, f)), f).toBe(false);
  });

  it('leave the old manifest untouched when the writer dies between writing the new one and renaming it', async () => {
    // No checkpoint sits between the temporary manifest's fsync and its rename; a temporary
    // left by a dead writer is planted instead: readers never look at it, the next writer removes it.
    const dir = copyBase();
    cpSync(path.join(dir, 'manifest.json'), path.join(dir, 'manifest.json.tmp-4194305'));
    expect(answers(dir)).toBe(before);
    expectRecovery(dir, 'add');
    expect(existsSync(path.join(dir, 'manifest.json.tmp-4194305'))).toBe(false);
  });
});

describe('writers killed at random moments', () => {
  // Each moment is a fraction of the uninterrupted write's duration, drawn from a fixed seed.
  const random = rng(20_160_601);
  const cases = (['build', 'build', 'build', 'add', 'add', 'add'] as const).map((kind) => [kind, Math.round(random() * 100) / 100] as const);

  it.each(cases)('%s killed at %s of its run: old or new answers, never a mixture; then recovery', async (kind, fraction) => {
    const dir = copyBase();
    const writer = startNewsq(writerArgs[kind](dir));
    await new Promise((resolve) => setTimeout(resolve, Math.round(fraction * duration[kind])));
    const ended = await writer.kill();
    const now = answers(dir);
    // A writer that finished before the kill published the new index, as it should.
    expect([before, after[kind]], `killed ${ended.signal ? 'mid-run' : 'after finishing'}`).toContain(now);
    expectRecovery(dir, kind);
  });
});
