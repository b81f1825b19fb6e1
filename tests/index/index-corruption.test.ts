import { readFileSync, readdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, MANIFEST, type Manifest } from '../../src/index/format';
import { ArchiveIndex, IndexCorruptError, IndexOpenError, type OpenOptions } from '../../src/index/reader';
import { FIELD_ID, LENGTH_COLUMNS } from '../../src/index/schema';
import { IndexLockedError, acquireLock } from '../../src/index/lock';
import { serializeManifest } from '../../src/index/manifest-io';
import { tempDir } from '../support/cli';
import { buildSmall, copyIndex } from './small-archive';

const tmp = tempDir('corrupt');
const POSITIONAL_FIELDS = [FIELD_ID.title, FIELD_ID.body];
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
function readAll(dir: string, opts?: OpenOptions): string {
  const index = ArchiveIndex.open(dir, opts);
  try {
    const out: unknown[] = [];
    const terms = new Set<string>();
    for (const seg of index.segments) seg.allTerms((t) => (terms.add(t.term), true));
    for (const t of [...terms].sort()) {
      const postings = [...(index.postings(t) ?? new Map())].map(([f, list]) => [f, [...list.docs], [...list.freqs]]);
      const positions = POSITIONAL_FIELDS.map((f) => {
        const p = index.positions(t, f);
        return p ? [[...p.docs], [...p.offsets], [...p.values]] : null;
      });
      out.push(t, postings, positions);
    }
    for (let d = 0; d < index.docSpan; d++) {
      out.push(index.id(d), index.title(d), LENGTH_COLUMNS.map((_, c) => index.lengthOf(d, c)), index.time(d), index.stored(d), index.isLive(d), [...index.signature(d)]);
    }
    out.push(index.docsWithIdPrefix('', 100));
    return JSON.stringify(out);
  } finally {
    index.close();
  }
}

/** The error reading a damaged index throws (null when it reads without one). */
function readError(dir: string, opts?: OpenOptions): unknown {
  try {
    readAll(dir, opts);
  } catch (err) {
    return err;
  }
  return null;
}

/** The error a full verification of an index throws. */
function verifyError(dir: string): unknown {
  const index = ArchiveIndex.open(dir);
  try {
    index.verify();
  } catch (err) {
    return err;
  } finally {
    index.close();
  }
  return null;
}

let copies = 0;
function copy(): string {
  return copyIndex(pristine, path.join(tmp.dir, `copy-${++copies}`));
}

function expectCorrupt(err: unknown, file: string, problem: RegExp): void {
  expect(err).toBeInstanceOf(IndexCorruptError);
  const e = err as IndexCorruptError;
  expect(e.file).toBe(file);
  expect(e.message).toContain(file);
  expect(e.message).toMatch(problem);
}

const EXTENSIONS = ['tim', 'pst', 'pos', 'doc', 'sto', 'ids', 'ttl', 'sig'];

describe('damaged segment files are reported, naming the file', () => {
  it('reads the pristine copy without error, whole files and positioned reads alike', () => {
    expect(readAll(copy())).toBe(baseline);
    expect(readAll(copy(), { wholeFileLimit: 0 })).toBe(baseline);
    expect(verifyError(copy())).toBeNull();
  });

  it.each(EXTENSIONS)('detects a missing .%s file', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    unlinkSync(file);
    expectCorrupt(readError(dir), file, /missing/);
  });

  it.each(EXTENSIONS)('detects a .%s file cut short by one byte, or grown by one', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    const original = readFileSync(file);
    truncateSync(file, original.length - 1);
    expectCorrupt(readError(dir), file, /cut short or replaced/);
    writeFileSync(file, Buffer.concat([original, Buffer.from('junk')]));
    expectCorrupt(readError(dir), file, /cut short or replaced/);
  });

  // A file small enough to be read whole is verified when it is read: every single-bit change
  // is reported naming that file, or leaves every answer unchanged. Headers and footers are
  // flipped byte by byte; the rest at a stride, to keep the test quick.
  it.each(EXTENSIONS)('never silently misreads a small .%s file with a flipped bit', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    const original = readFileSync(file);
    const silent: number[] = [];
    const misnamed: string[] = [];
    for (let i = 0; i < original.length; i += i < 64 || i > original.length - 16 ? 1 : 7) {
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

  // A large file is read by position: a query checks its size, footer and structure, and
  // the full check (newsq index --check, and every merge) finds any changed bit, naming the
  // file. A read that trips over the damage reports it as damage of this segment (a changed
  // offset in the dictionary may show in the postings it points to), never as anything else.
  it.each(EXTENSIONS)('finds any flipped bit of a large .%s file by a full check, and never fails otherwise on it', (ext) => {
    const dir = copy();
    const file = path.join(dir, `${segment}.${ext}`);
    const original = readFileSync(file);
    const unverified: number[] = [];
    const misnamed: string[] = [];
    for (let i = 0; i < original.length; i += i < 64 || i > original.length - 16 ? 1 : 11) {
      const bytes = Buffer.from(original);
      bytes[i]! ^= 0x10;
      writeFileSync(file, bytes);
      const err = readError(dir, { wholeFileLimit: 0 });
      if (err !== null && (!(err instanceof IndexCorruptError) || !err.file.startsWith(path.join(dir, segment)))) misnamed.push(`${i}: ${(err as Error).message}`);
      const v = verifyError(dir);
      if (!(v instanceof IndexCorruptError) || v.file !== file) unverified.push(i);
    }
    writeFileSync(file, original);
    expect(unverified).toEqual([]);
    expect(misnamed).toEqual([]);
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
