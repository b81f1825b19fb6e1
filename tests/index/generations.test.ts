// The previous generation kept beside the current one, and undo (src/index/generations.ts).

import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST, type Manifest } from '../../src/index/format';
import { NothingToUndoError, PREVIOUS_MANIFEST, discardUnpublished, keepPrevious, loadPrevious, missingFiles, undo } from '../../src/index/generations';
import { IndexOpenError } from '../../src/index/errors';
import { loadManifest, referencedFiles } from '../../src/index/manifest-io';
import { runCli, tempDir } from '../support/cli';
import { SMALL_ARCHIVE } from './small-archive';

const tmp = tempDir('generations');
afterAll(() => tmp.remove());
let base = '';
let n = 0;

beforeAll(() => {
  base = path.join(tmp.dir, 'base');
  expect(runCli(['index', SMALL_ARCHIVE, '--index', base, '--quiet']).code).toBe(0);
});

function copy(): string {
  const dir = path.join(tmp.dir, `copy-${++n}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

const ids = (dir: string): string[] => JSON.parse(runCli(['date', '1900..2100', '--json', '--limit', '100', '--index', dir]).stdout).map((h: { id: string }) => h.id).sort();

describe('keepPrevious and loadPrevious', () => {
  it('a first build keeps nothing; each change keeps the manifest it replaced, checked as the current one is', () => {
    const dir = copy();
    expect(loadPrevious(dir)).toBeNull();
    const first = loadManifest(dir);
    const id = ids(dir)[0]!;
    expect(runCli(['index', '--delete', id, '--index', dir, '--quiet']).code).toBe(0);
    expect(loadPrevious(dir)).toEqual(first);
    const second = loadManifest(dir);
    expect(runCli(['index', '--compact', '--index', dir, '--quiet']).code).toBe(0);
    expect(loadPrevious(dir)).toEqual(second);
  });

  it('a damaged previous manifest is an IndexOpenError naming it', () => {
    const dir = copy();
    keepPrevious(dir, loadManifest(dir));
    const file = path.join(dir, PREVIOUS_MANIFEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"documentCount": 5', '"documentCount": 6'));
    expect(() => loadPrevious(dir)).toThrow(IndexOpenError);
    expect(() => loadPrevious(dir)).toThrow(PREVIOUS_MANIFEST);
  });

  it('null forgets the one kept (a build over a damaged index has nothing to keep)', () => {
    const dir = copy();
    keepPrevious(dir, loadManifest(dir));
    expect(existsSync(path.join(dir, PREVIOUS_MANIFEST))).toBe(true);
    keepPrevious(dir, null);
    expect(existsSync(path.join(dir, PREVIOUS_MANIFEST))).toBe(false);
  });

  it('the previous manifest counts among the files a manifest references (it is never collected)', () => {
    expect(referencedFiles(loadManifest(base)).has(PREVIOUS_MANIFEST)).toBe(true);
  });
});

describe('missingFiles', () => {
  it('names files that are gone or of another size than recorded', () => {
    const dir = copy();
    const m = loadManifest(dir);
    expect(missingFiles(dir, m)).toEqual([]);
    const seg = m.segments[0]!.name;
    rmSync(path.join(dir, `${seg}.tim`));
    writeFileSync(path.join(dir, `${seg}.pst`), 'short');
    expect(missingFiles(dir, m).sort()).toEqual([`${seg}.pst`, `${seg}.tim`]);
  });
});

describe('undo', () => {
  it('publishes the previous generation under a new number; a second undo redoes', () => {
    const dir = copy();
    const all = ids(dir);
    expect(runCli(['index', '--delete', all[0]!, '--index', dir, '--quiet']).code).toBe(0);
    const deleted = loadManifest(dir);
    const first = undo(dir);
    expect(first.undone).toEqual(deleted);
    expect(first.restored.generation).toBeGreaterThan(deleted.generation);
    expect(ids(dir)).toEqual(all);
    const second = undo(dir);
    expect(second.restored.segments).toEqual(deleted.segments);
    expect(ids(dir)).toEqual(all.slice(1));
  });

  it('a change after an undo takes a generation number no kept file carries', () => {
    const dir = copy();
    const all = ids(dir);
    expect(runCli(['index', '--delete', all[0]!, '--index', dir, '--quiet']).code).toBe(0);
    undo(dir);
    expect(runCli(['index', '--delete', all[1]!, '--index', dir, '--quiet']).code).toBe(0);
    const now = loadManifest(dir);
    const previous = loadPrevious(dir)!;
    expect(missingFiles(dir, now)).toEqual([]);
    expect(missingFiles(dir, previous)).toEqual([]);
    expect(ids(dir)).toEqual(all.filter((id) => id !== all[1]));
    undo(dir);
    expect(ids(dir)).toEqual(all);
  });

  it('with nothing kept: NothingToUndoError, and nothing written', () => {
    const dir = copy();
    const before = readdirSync(dir).sort();
    expect(() => undo(dir)).toThrow(NothingToUndoError);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('with a file of the previous generation gone: refused, naming it, the current index untouched', () => {
    const dir = copy();
    expect(runCli(['index', '--delete', ids(dir)[0]!, '--index', dir, '--quiet']).code).toBe(0);
    const current = readFileSync(path.join(dir, MANIFEST), 'utf8');
    const previous = loadPrevious(dir) as Manifest;
    const gone = previous.sidecars.links!;
    rmSync(path.join(dir, gone));
    expect(() => undo(dir)).toThrow(new RegExp(`${gone} of the previous index is missing`));
    expect(readFileSync(path.join(dir, MANIFEST), 'utf8')).toBe(current);
  });
});

describe('discardUnpublished', () => {
  it('removes files no kept generation references, and the folder only when asked and empty', () => {
    const dir = copy();
    const before = readdirSync(dir).sort();
    writeFileSync(path.join(dir, 'g99-s0.pst'), 'orphan');
    writeFileSync(path.join(dir, 'keywords-99.json'), '{}');
    writeFileSync(path.join(dir, 'notes.txt'), 'the user’s own file');
    discardUnpublished(dir, true);
    expect(readdirSync(dir).sort()).toEqual([...before, 'notes.txt'].sort());
  });

  it('in a folder without an index, removes every index file, then the empty folder', () => {
    const dir = path.join(tmp.dir, 'failed-build');
    cpSync(base, dir, { recursive: true });
    rmSync(path.join(dir, MANIFEST));
    discardUnpublished(dir, true);
    expect(existsSync(dir)).toBe(false);
  });
});
