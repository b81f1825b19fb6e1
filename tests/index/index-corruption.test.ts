import { readFileSync, readdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, MANIFEST, type Manifest } from '../../src/index/format';
import { ArchiveIndex, IndexCorruptError, IndexOpenError } from '../../src/index/reader';
import { IndexLockedError, acquireLock } from '../../src/index/lock';
import { FEW_TITLES } from '../../src/index/segment-reader';
import { serializeManifest } from '../../src/index/manifest-io';
import { tempDir } from '../support/cli';
import { buildSmall, copyIndex } from './small-archive';

const tmp = tempDir('corrupt');
const pristine = path.join(tmp.dir, 'pristine');
let manifest: Manifest;
let segment: string;
let baseline: string;

beforeAll(() => {
  buildSmall(pristine);
  manifest = JSON.parse(readFileSync(path.join(pristine, MANIFEST), 'utf8')) as Manifest;
  segment = manifest.segments[0]!.name;
  baseline = readAll(pristine);
});
afterAll(() => tmp.remove());

/** Everything a query can read from an index, as one string (throws what the reader throws). */
function readAll(dir: string): string {
  const index = ArchiveIndex.open(dir);
  try {
    const out: unknown[] = [];
    for (const t of [...index.termsWithPrefix('')].sort()) {
      out.push(t, [...(index.postings(t) ?? new Map<number, Map<number, number>>())].map(([f, m]) => [f, [...m]]));
    }
    // Past the first few lookups the headlines file is read whole: every title below comes from it.
    for (let k = 0; k <= FEW_TITLES; k++) index.title(0);
    for (let d = 0; d < index.docSpan; d++) {
      out.push(index.id(d), index.title(d), index.fieldLengths(d), index.day(d), index.timeKey(d), index.stored(d), index.isLive(d));
    }
    out.push(index.docsWithIdPrefix('', 100));
    return JSON.stringify(out);
  } finally {
    index.close();
  }
}

let copies = 0;
function copy(): string {
  return copyIndex(pristine, path.join(tmp.dir, `copy-${++copies}`));
}

/** The error reading a damaged index throws. */
function readError(dir: string): unknown {
  try {
    readAll(dir);
  } catch (err) {
    return err;
  }
  return null;
}

function expectCorrupt(err: unknown, file: string, problem: RegExp): void {
  expect(err).toBeInstanceOf(IndexCorruptError);
  const e = err as IndexCorruptError;
  expect(e.file).toBe(file);
  expect(e.message).toContain(file);
  expect(e.message).toMatch(problem);
}

describe('damaged segment files are reported, naming the file', () => {
  it('reads the pristine copy without error', () => {
    expect(readAll(copy())).toBe(baseline);
  });

  it('detects a truncated postings file', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.post`);
    truncateSync(file, Math.floor(manifest.segments[0]!.sizes.post! / 2));
    expectCorrupt(readError(dir), file, /truncated or altered/);
  });

  it('detects a flipped byte in the dictionary', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.dict`);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    expectCorrupt(readError(dir), file, /checksum mismatch|undecodable/);
  });

  it('detects a deleted doc table', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.docs`);
    unlinkSync(file);
    const index = ArchiveIndex.open(dir);
    try {
      let err: unknown;
      try {
        index.fieldLengths(0);
      } catch (e) {
        err = e;
      }
      expectCorrupt(err, file, /missing/);
    } finally {
      index.close();
    }
  });

  it.each(['dict', 'post', 'docs', 'ids', 'store', 'sidx', 'titles'])('detects a missing .%s file', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    if (!(ext in manifest.segments[0]!.sizes)) return;
    unlinkSync(file);
    expectCorrupt(readError(dir), file, /missing/);
  });

  it.each(['dict', 'post', 'docs', 'ids', 'store', 'sidx', 'titles'])('detects a .%s file cut short by one byte', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    if (!(ext in manifest.segments[0]!.sizes)) return;
    truncateSync(file, manifest.segments[0]!.sizes[ext]! - 1);
    expectCorrupt(readError(dir), file, /truncated or altered/);
  });

  it('takes the first few headlines from the stored articles, the same as the headlines file holds them', () => {
    const dir = copy();
    const fromFile = ArchiveIndex.open(dir);
    for (let k = 0; k <= FEW_TITLES; k++) fromFile.title(0);
    const expected = Array.from({ length: fromFile.docSpan }, (_, d) => fromFile.title(d));
    fromFile.close();
    expect(expected.every((t) => t.length > 0 && !/[\r\n]/.test(t))).toBe(true);
    // Without its headlines file, the segment still answers the first lookups from the store.
    unlinkSync(path.join(dir, `${segment}.titles`));
    const index = ArchiveIndex.open(dir);
    try {
      expect(Array.from({ length: index.docSpan }, (_, d) => index.title(d))).toEqual(expected);
      let err: unknown = null;
      try {
        for (let k = 0; k <= FEW_TITLES; k++) index.title(0);
      } catch (e) {
        err = e;
      }
      expectCorrupt(err, path.join(dir, `${segment}.titles`), /missing/);
    } finally {
      index.close();
    }
  });

  it('gives a headline written on several lines as one line, from the store as from the headlines file', () => {
    const input = path.join(tmp.dir, 'multi-line.json');
    // The third ends in half an emoji (a lone surrogate), which UTF-8 cannot hold.
    const titles = ['وزارة الحج\r\nتعلن خطة الموسم', 'خطة\n\nالموسم الجديد', 'خطة الموسم \ud83d'];
    writeFileSync(input, JSON.stringify(titles.map((title, i) => ({ url: `https://example.org/m/${i}`, date_extracted: '2015-07-23 10:15:00', title, content: 'أعلنت الوزارة خطة الموسم.' }))));
    const dir = path.join(tmp.dir, 'multi-line');
    buildSmall(dir, [input]);
    const index = ArchiveIndex.open(dir);
    try {
      const fromStore = [index.title(0), index.title(1), index.title(2)];
      for (let k = 0; k <= FEW_TITLES; k++) index.title(0);
      expect(fromStore).toEqual(['وزارة الحج تعلن خطة الموسم', 'خطة الموسم الجديد', 'خطة الموسم \ufffd']);
      expect([index.title(0), index.title(1), index.title(2)]).toEqual(fromStore);
    } finally {
      index.close();
    }
  });

  it('detects a file grown by appended bytes', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.store`);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('junk')]));
    expectCorrupt(readError(dir), file, /truncated or altered/);
  });

  // Every single-bit change in a checksummed file must be reported naming that file, or
  // leave every answer unchanged (a bit the format does not use). Headers are flipped
  // byte by byte; the rest of the larger files at a stride, to keep the test quick.
  it.each(['dict', 'post', 'docs', 'ids', 'store'])('never silently misreads a .%s file with a flipped bit', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    const original = readFileSync(file);
    const silent: number[] = [];
    const misnamed: string[] = [];
    for (let i = 0; i < original.length; i += i < 64 ? 1 : 7) {
      const bytes = Buffer.from(original);
      bytes[i]! ^= 0x10;
      writeFileSync(file, bytes);
      const err = readError(dir);
      if (err === null) {
        if (readAll(dir) !== baseline) silent.push(i);
      } else if (!(err instanceof IndexCorruptError) || err.file !== file) {
        misnamed.push(`${i}: ${(err as Error).message}`);
      }
    }
    writeFileSync(file, original);
    expect(silent).toEqual([]);
    expect(misnamed).toEqual([]);
  });

  it('never silently misreads the store index (.sidx) with a flipped bit', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.sidx`);
    if (!('sidx' in manifest.segments[0]!.sizes)) return;
    const original = readFileSync(file);
    for (let i = 0; i < original.length; i++) {
      const bytes = Buffer.from(original);
      bytes[i]! ^= 0x10;
      writeFileSync(file, bytes);
      const err = readError(dir);
      // A wrong offset shows up as a damaged store record; either file may be named.
      if (err === null) expect(readAll(dir), `byte ${i}`).toBe(baseline);
      else expect(err, `byte ${i}`).toBeInstanceOf(IndexCorruptError);
    }
  });

  it('never silently misreads the headlines file (.titles) with a flipped bit', () => {
    const dir = copy();
    const file = path.join(dir, `${segment}.titles`);
    const original = readFileSync(file);
    const silent: number[] = [];
    for (let i = 0; i < original.length; i += 5) {
      const bytes = Buffer.from(original);
      bytes[i]! ^= 0x10;
      writeFileSync(file, bytes);
      const err = readError(dir);
      if (err === null && readAll(dir) !== baseline) silent.push(i);
    }
    expect(silent).toEqual([]);
  });
});

describe('manifest problems stop the index from opening', () => {
  function withManifest(edit: (m: Manifest & Record<string, unknown>) => void): string {
    const dir = copy();
    const m = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest & Record<string, unknown>;
    edit(m);
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m));
    return dir;
  }

  function openError(dir: string): IndexOpenError {
    try {
      ArchiveIndex.open(dir).close();
    } catch (err) {
      expect(err).toBeInstanceOf(IndexOpenError);
      return err as IndexOpenError;
    }
    throw new Error('the index opened');
  }

  it('reports a missing index', () => {
    const dir = path.join(tmp.dir, 'nothing-here');
    const err = openError(dir);
    expect(err.kind).toBe('missing');
    expect(err.message).toContain(dir);
  });

  it('reports a manifest that is not JSON, naming it', () => {
    const dir = copy();
    writeFileSync(path.join(dir, MANIFEST), '{"format": "newsq-index", "segments": [');
    const err = openError(dir);
    expect(err.kind).toBe('corrupt');
    expect(err.message).toContain(path.join(dir, MANIFEST));
  });

  it('reports an empty manifest', () => {
    const dir = copy();
    writeFileSync(path.join(dir, MANIFEST), '');
    expect(openError(dir).kind).toBe('corrupt');
  });

  it.each<[string, (m: Manifest & Record<string, unknown>) => void, IndexOpenError['kind'], RegExp]>([
    ['another format', (m) => (m.format = 'lucene' as never), 'corrupt', /not a newsq index manifest/],
    ['no segment list', (m) => delete (m as Partial<Manifest>).segments, 'corrupt', /not a newsq index manifest/],
    ['a newer format version', (m) => (m.formatVersion = FORMAT_VERSION + 1), 'incompatible', new RegExp(`format ${FORMAT_VERSION + 1}`)],
    ['another analyzer fingerprint', (m) => (m.analyzerFingerprint = '0123456789ab'), 'stale-analyzer', /another version of the Arabic analyzer/],
    ['another analyzer version', (m) => (m.analyzerVersion = 999), 'stale-analyzer', /999/],
    ['other fields', (m) => (m.fields = ['title', 'body']), 'incompatible', /fields title,body/],
  ])('refuses %s', (_name, edit, kind, message) => {
    const err = openError(withManifest(edit));
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(message);
  });

  it('refuses a manifest whose content no longer matches its checksum (a renamed key)', () => {
    const dir = copy();
    const file = path.join(dir, MANIFEST);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"deletions"', '"deletionz"'));
    const err = openError(dir);
    expect(err.kind).toBe('corrupt');
    expect(err.message).toBe(`${file} is damaged (checksum mismatch)`);
  });

  it.each<[string, (m: Manifest & Record<string, unknown>) => void, RegExp]>([
    ['a document count that disagrees with the segments', (m) => (m.documentCount += 1), /bad documentCount/],
    ['a segment without its sizes', (m) => delete (m.segments[0] as Partial<Manifest['segments'][number]>).sizes, /bad segment .* sizes/],
    ['a sidecar name leading out of the index', (m) => (m.sidecars.links = '../../etc/passwd'), /bad sidecars/],
    ['field lengths of the wrong arity', (m) => m.totalFieldLength.pop(), /bad totalFieldLength/],
  ])('refuses %s even with a correct checksum', (_name, edit, message) => {
    const dir = copy();
    const file = path.join(dir, MANIFEST);
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest & Record<string, unknown>;
    edit(m);
    writeFileSync(file, serializeManifest(m));
    const err = openError(dir);
    expect(err.kind).toBe('corrupt');
    expect(err.message).toMatch(message);
  });

  it('reports a manifest holding JSON null as not a manifest', () => {
    const dir = copy();
    writeFileSync(path.join(dir, MANIFEST), 'null');
    expect(openError(dir).message).toMatch(/is not a newsq index manifest$/);
  });

  it('reports a manifest naming a segment whose files are gone when it is read', () => {
    const dir = copy();
    for (const ext of Object.keys(manifest.segments[0]!.sizes)) rmSync(path.join(dir, `${segment}.${ext}`));
    expect(readError(dir)).toBeInstanceOf(IndexCorruptError);
  });
});

describe('the write lock', () => {
  it('refuses a second writer while the first holds the lock', () => {
    const dir = copy();
    const release = acquireLock(dir);
    try {
      expect(() => acquireLock(dir, 0)).toThrow(IndexLockedError);
      expect(() => acquireLock(dir, 0)).toThrow(new RegExp(`pid ${process.pid}`));
    } finally {
      release();
    }
    acquireLock(dir, 0)();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = copy();
    // Pid 2^22 + 1 is above Linux's default pid_max: no such process.
    writeFileSync(path.join(dir, 'lock'), `${(1 << 22) + 1}\n`);
    const release = acquireLock(dir, 0);
    expect(readFileSync(path.join(dir, 'lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
    release();
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid)', () => {
    const dir = copy();
    // Our own pid, with a start time no process of ours has: the writer that held it is gone.
    writeFileSync(path.join(dir, 'lock'), `${process.pid} 1 stale-token\n`);
    const release = acquireLock(dir, 0);
    expect(readFileSync(path.join(dir, 'lock'), 'utf8')).not.toContain('stale-token');
    release();
  });

  it('writes the lock whole: pid, start time and a token, and leaves no temporary file', () => {
    const dir = copy();
    const release = acquireLock(dir, 0);
    expect(readFileSync(path.join(dir, 'lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d* \\w+\n$`));
    expect(readdirSync(dir).filter((f) => f.startsWith('lock'))).toEqual(['lock']);
    release();
    expect(readdirSync(dir).filter((f) => f.startsWith('lock'))).toEqual([]);
  });

  it('release leaves alone a lock that is no longer its own', () => {
    const dir = copy();
    const release = acquireLock(dir, 0);
    const other = `${process.pid} 1 someone-else\n`;
    writeFileSync(path.join(dir, 'lock'), other);
    release();
    expect(readFileSync(path.join(dir, 'lock'), 'utf8')).toBe(other);
  });

  it('takes over an unreadable lock file', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'lock'), 'garbage');
    acquireLock(dir, 0)();
  });
});
