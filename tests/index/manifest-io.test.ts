import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { IndexCorruptError, IndexOpenError } from '../../src/index/errors';
import { LOCK, MANIFEST, type Manifest } from '../../src/index/format';
import { PREVIOUS_MANIFEST } from '../../src/index/generations';
import {
  collectGarbage,
  highestGeneration,
  loadManifest,
  publishManifest,
  readManifest,
  readSidecarFile,
  referencedFiles,
  serializeManifest,
  writeSidecarFile,
} from '../../src/index/manifest-io';
import { demoIndexDir, tempDir } from '../support/cli';

// The demo index's manifest is a real one to start from; each test works on a copy.
const demo = loadManifest(demoIndexDir);
const tmp = tempDir('manifest');
const root = tmp.dir;
afterAll(() => tmp.remove());
let dir: string;
let n = 0;
beforeEach(() => {
  dir = join(root, `i${n++}`);
  mkdirSync(dir);
});

const copy = (): Manifest => structuredClone(demo);
/** Writes a manifest with a valid checksum. */
const put = (m: unknown): void => writeFileSync(join(dir, MANIFEST), serializeManifest(m as Manifest));
/** Why loading fails: the error's kind and message. */
function failure(): { kind: string; message: string } {
  try {
    loadManifest(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(IndexOpenError);
    return { kind: (err as IndexOpenError).kind, message: (err as Error).message };
  }
  throw new Error('the manifest loaded');
}

describe('serializeManifest and loadManifest', () => {
  it('round-trip a manifest, its checksum recomputed', () => {
    put({ ...copy(), checksum: 'stale' });
    const back = loadManifest(dir);
    expect(back.checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(back.checksum).not.toBe('stale');
    const { checksum: _a, ...rest } = back;
    const { checksum: _b, ...expected } = demo;
    expect(rest).toEqual(expected);
  });

  it('tell a missing index from an unreadable or damaged manifest', () => {
    expect(failure().kind).toBe('missing');
    writeFileSync(join(dir, MANIFEST), '{"format": ');
    expect(failure()).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/not valid JSON/) });
    writeFileSync(join(dir, MANIFEST), 'null');
    expect(failure().message).toMatch(/not a newsq index manifest/);
    rmSync(join(dir, MANIFEST));
    mkdirSync(join(dir, MANIFEST));
    expect(failure().kind).toBe('unreadable');
  });

  it('refuse another format version, analyzer or field list before checking damage', () => {
    put({ ...copy(), formatVersion: 999 });
    expect(failure()).toMatchObject({ kind: 'incompatible', message: expect.stringMatching(/index format 999/) });
    put({ ...copy(), analyzerFingerprint: 'other' });
    expect(failure().kind).toBe('stale-analyzer');
    put({ ...copy(), fields: ['title'] });
    expect(failure().kind).toBe('incompatible');
  });

  it('detect an edit that keeps the JSON valid through the checksum', () => {
    const text = serializeManifest(copy()).replace(`"documentCount": ${demo.documentCount}`, `"documentCount": ${demo.documentCount + 1}`);
    writeFileSync(join(dir, MANIFEST), text);
    expect(failure()).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/checksum mismatch/) });
  });

  it('check the shape of a manifest whose checksum holds', () => {
    const seg = (over: object) => ({ ...copy(), segments: [{ ...demo.segments[0]!, ...over }] });
    const cases: Array<[unknown, RegExp]> = [
      [{ ...copy(), documentCount: demo.documentCount + 1 }, /bad documentCount/],
      [{ ...copy(), generation: -1 }, /bad generation/],
      [{ ...copy(), totalFieldLength: [1, 2] }, /bad totalFieldLength/],
      [{ ...copy(), firstDay: '2015-1-1' }, /bad firstDay/],
      [{ ...copy(), sidecars: { keywords: '../x', links: null } }, /bad sidecars/],
      [{ ...copy(), sidecarSums: { keywords: { size: 1 }, links: null } }, /bad sidecarSums/],
      [seg({ name: 'a/b' }), /bad segment name/],
      [seg({ deletedCount: demo.segments[0]!.docCount + 1 }), /bad segment g1-s0\)/],
      [seg({ sizes: { doc: -1 } }), /bad segment g1-s0 sizes/],
    ];
    for (const [m, problem] of cases) {
      put(m);
      expect(failure().message).toMatch(problem);
    }
  });

  it('readManifest gives null instead of an error', () => {
    expect(readManifest(dir)).toBeNull();
    put(copy());
    expect(readManifest(dir)?.generation).toBe(demo.generation);
  });
});

describe('sidecar files', () => {
  it('round-trip JSON, maps free of prototypes', () => {
    const path = join(dir, 'keywords-1.json');
    // keys from the archive: an own "__proto__" as JSON.parse makes it
    const sum = writeSidecarFile(path, JSON.parse('{"__proto__": {"polluted": 1}, "constructor": ["a"]}'));
    expect(sum.size).toBe(readFileSync(path).length);
    const back = readSidecarFile<Record<string, unknown>>(path, sum);
    expect(back.constructor).toEqual(['a']);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getPrototypeOf(back)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are refused when cut, altered, unparsable or missing, naming the file', () => {
    const path = join(dir, 'links-1.json');
    const sum = writeSidecarFile(path, { a: [1, 2, 3] });
    writeFileSync(path, '{"a":[1,2]}');
    expect(() => readSidecarFile(path, sum)).toThrow(/expected \d+ \(truncated or altered\)/);
    writeFileSync(path, '{"a":[1,2,4]}');
    expect(() => readSidecarFile(path, sum)).toThrow(/checksum mismatch/);
    writeFileSync(path, '{"a":[1,2,3]');
    expect(() => readSidecarFile(path, null)).toThrow(/not valid JSON/);
    expect(() => readSidecarFile(join(dir, 'none.json'), null)).toThrow(IndexCorruptError);
    expect(() => readSidecarFile(join(dir, 'none.json'), null)).toThrow(/none\.json: unreadable \(ENOENT\)/);
  });
});

describe('highestGeneration', () => {
  it('reads generations from segment and sidecar names only', () => {
    expect(highestGeneration(join(dir, 'missing'))).toBe(0);
    for (const f of ['g3-s0.pst', 'keywords-7.json', 'links-5.json', 'g99', 'notes-12.txt', MANIFEST]) writeFileSync(join(dir, f), '');
    expect(highestGeneration(dir)).toBe(7);
  });
});

describe('referencedFiles and collectGarbage', () => {
  const manifest = (gen: number): Manifest => ({
    ...copy(),
    segments: [{ ...demo.segments[0]!, name: `g${gen}-s0`, sizes: { doc: 1, pst: 2 }, deletions: `g${gen}-s0.del` }],
    sidecars: { keywords: `keywords-${gen}.json`, links: null },
  });

  it('lists the manifest, the lock, the previous manifest, segment files, deletions and sidecars', () => {
    expect([...referencedFiles(manifest(2))].sort()).toEqual([LOCK, 'g2-s0.del', 'g2-s0.doc', 'g2-s0.pst', 'keywords-2.json', MANIFEST, PREVIOUS_MANIFEST].sort());
  });

  it('removes only index files that neither the current nor the previous manifest references', () => {
    const files = ['g1-s0.doc', 'g2-s0.doc', 'g2-s0.pst', 'g3-s0.doc', 'keywords-1.json', 'keywords-3.json', `${MANIFEST}.tmp-1`, `${PREVIOUS_MANIFEST}.tmp-9`, 'notes.txt', 'g3'];
    for (const f of files) writeFileSync(join(dir, f), '');
    collectGarbage(dir, manifest(3), manifest(2));
    expect(readdirSync(dir).sort()).toEqual(['g2-s0.doc', 'g2-s0.pst', 'g3', 'g3-s0.doc', 'keywords-3.json', 'notes.txt'].sort());
  });
});

describe('publishManifest', () => {
  it('replaces the manifest, keeps the previous one and clears what neither references', () => {
    put(manifestOf(1));
    for (const f of ['g1-s0.doc', 'g2-s0.doc', 'g0-s0.doc']) writeFileSync(join(dir, f), '');
    publishManifest(dir, manifestOf(2), manifestOf(1));
    expect(loadManifest(dir).segments[0]!.name).toBe('g2-s0');
    expect(loadManifest(dir, PREVIOUS_MANIFEST).segments[0]!.name).toBe('g1-s0');
    expect(readdirSync(dir).sort()).toEqual(['g1-s0.doc', 'g2-s0.doc', MANIFEST, PREVIOUS_MANIFEST].sort());
    // without a previous generation, none is kept
    publishManifest(dir, manifestOf(3), null);
    expect(existsSync(join(dir, PREVIOUS_MANIFEST))).toBe(false);
    expect(readdirSync(dir)).toEqual([MANIFEST]);
  });

  function manifestOf(gen: number): Manifest {
    return { ...copy(), generation: gen, segments: [{ ...demo.segments[0]!, name: `g${gen}-s0`, sizes: { doc: 1 } }], sidecars: { keywords: null, links: null }, sidecarSums: { keywords: null, links: null } };
  }
});
