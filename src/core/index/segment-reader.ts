// Reads one segment lazily: each file is read the first time a query needs it, and the
// dictionary is binary-searched in place, without decoding it into strings.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { FIELDS } from './fields';
import { HEADER, MAGIC, VarintReader, crc32, type SegmentInfo } from './format';
import { ROW_WORDS, type StoredArticle } from './segment-writer';

/** A damaged or unreadable index file: the message names the file and the problem. */
export class IndexCorruptError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Postings of one term in one segment: per field id, local doc numbers and frequencies. */
export type FieldPostings = Array<{ docs: number[]; freqs: number[] } | undefined>;

function readWhole(path: string, expectSize: number | undefined, magic: string | null): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new IndexCorruptError(path, code === 'ENOENT' ? 'missing' : `unreadable (${code})`);
  }
  if (expectSize !== undefined && buf.length !== expectSize) {
    throw new IndexCorruptError(path, `size ${buf.length} bytes, expected ${expectSize} (truncated or altered)`);
  }
  if (magic !== null) {
    if (buf.length < HEADER || buf.toString('latin1', 0, 8) !== magic) throw new IndexCorruptError(path, 'not a newsq index file');
    if (crc32(buf.subarray(HEADER)) !== buf.readUInt32LE(16)) throw new IndexCorruptError(path, 'checksum mismatch (damaged)');
  }
  return buf;
}

/** Read access to one segment's dictionary, postings, doc table, ids, titles and store. */
export class SegmentReader {
  private dictBuf?: Buffer;
  private termCount = 0;
  private offsetsAt = 0;
  private refsAt = 0;
  private blobAt = 0;
  private postFd?: number;
  private storeFd?: number;
  private docsTable?: Int32Array;
  private idsBuf?: Buffer;
  private deleted?: Uint8Array | null;
  private titleList?: string[];

  constructor(
    readonly dir: string,
    readonly info: SegmentInfo,
    /** Global number of this segment's first document. */
    readonly base: number,
  ) {}

  private path(ext: string): string {
    return join(this.dir, `${this.info.name}.${ext}`);
  }

  private dict(): Buffer {
    if (!this.dictBuf) {
      const buf = readWhole(this.path('dict'), this.info.sizes.dict, MAGIC.dict);
      this.termCount = buf.readUInt32LE(8);
      this.offsetsAt = HEADER;
      this.refsAt = HEADER + (this.termCount + 1) * 4;
      this.blobAt = this.refsAt + this.termCount * 8;
      if (this.blobAt + buf.readUInt32LE(12) !== buf.length) throw new IndexCorruptError(this.path('dict'), 'inconsistent layout');
      this.dictBuf = buf;
    }
    return this.dictBuf;
  }

  /** Number of terms in the dictionary. */
  get size(): number {
    this.dict();
    return this.termCount;
  }

  private termStart(i: number): number {
    return this.blobAt + this.dictBuf!.readUInt32LE(this.offsetsAt + i * 4);
  }

  private termEnd(i: number): number {
    return this.blobAt + this.dictBuf!.readUInt32LE(this.offsetsAt + (i + 1) * 4);
  }

  /** The i-th term (in sorted order). */
  term(i: number): string {
    const d = this.dict();
    return d.toString('utf8', this.termStart(i), this.termEnd(i));
  }

  /** Byte length of the i-th term (cheap prefilter for fuzzy scans). */
  termBytes(i: number): number {
    this.dict();
    return this.termEnd(i) - this.termStart(i);
  }

  /** Index of the first term not less than `key` (UTF-8 byte order). */
  lowerBound(key: Buffer): number {
    const d = this.dict();
    let lo = 0;
    let hi = this.termCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // Buffer#compare with a target compares the dictionary slice to the key.
      if (d.compare(key, 0, key.length, this.termStart(mid), this.termEnd(mid)) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of `term` in the dictionary, or -1. */
  find(term: string): number {
    const key = Buffer.from(term, 'utf8');
    const i = this.lowerBound(key);
    if (i < this.termCount && this.dict().compare(key, 0, key.length, this.termStart(i), this.termEnd(i)) === 0) return i;
    return -1;
  }

  /** Indices of all terms starting with `prefix`. */
  withPrefix(prefix: string): number[] {
    const key = Buffer.from(prefix, 'utf8');
    const d = this.dict();
    const out: number[] = [];
    for (let i = this.lowerBound(key); i < this.termCount; i++) {
      const s = this.termStart(i);
      if (this.termEnd(i) - s < key.length || d.compare(key, 0, key.length, s, s + key.length) !== 0) break;
      out.push(i);
    }
    return out;
  }

  /** Reads and decodes the postings of the i-th term. */
  postings(i: number): FieldPostings {
    const d = this.dict();
    const offset = d.readUInt32LE(this.refsAt + i * 8);
    const length = d.readUInt32LE(this.refsAt + i * 8 + 4);
    if (this.postFd === undefined) this.postFd = this.open('post');
    const buf = Buffer.allocUnsafe(length);
    const got = readSync(this.postFd, buf, 0, length, offset);
    if (got !== length) throw new IndexCorruptError(this.path('post'), `truncated at byte ${offset + got}`);
    const payload = buf.subarray(4);
    if (crc32(payload) !== buf.readUInt32LE(0)) {
      throw new IndexCorruptError(this.path('post'), `checksum mismatch in the postings of "${this.term(i)}" (damaged)`);
    }
    const out: FieldPostings = [];
    const r = new VarintReader(payload);
    try {
      while (r.pos < payload.length) {
        const field = r.byte();
        const n = r.varint();
        if (field >= FIELDS.length) throw new Error(`bad field id ${field}`);
        const docs = new Array<number>(n);
        const freqs = new Array<number>(n);
        let doc = 0;
        for (let k = 0; k < n; k++) {
          doc += r.varint();
          docs[k] = doc;
          freqs[k] = r.varint();
        }
        out[field] = { docs, freqs };
      }
    } catch (err) {
      throw new IndexCorruptError(this.path('post'), `undecodable postings (${(err as Error).message})`);
    }
    return out;
  }

  private open(ext: string): number {
    const p = this.path(ext);
    let fd: number;
    try {
      fd = openSync(p, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new IndexCorruptError(p, code === 'ENOENT' ? 'missing' : `unreadable (${code})`);
    }
    const expected = this.info.sizes[ext];
    if (expected !== undefined && fstatSync(fd).size !== expected) {
      closeSync(fd);
      throw new IndexCorruptError(p, `size differs from the manifest's ${expected} bytes (truncated or altered)`);
    }
    return fd;
  }

  /** The doc table: ROW_WORDS int32 values per document. */
  docs(): Int32Array {
    if (!this.docsTable) {
      const buf = readWhole(this.path('docs'), this.info.sizes.docs, MAGIC.docs);
      if (buf.readUInt32LE(8) !== this.info.docCount || buf.readUInt32LE(12) !== ROW_WORDS) {
        throw new IndexCorruptError(this.path('docs'), 'row count or layout differs from the manifest');
      }
      const body = buf.subarray(HEADER);
      const copy = new Int32Array(body.length / 4);
      for (let i = 0; i < copy.length; i++) copy[i] = body.readInt32LE(i * 4);
      this.docsTable = copy;
    }
    return this.docsTable;
  }

  /** Whether a local document is deleted. */
  isDeleted(local: number): boolean {
    if (this.deleted === undefined) {
      this.deleted = this.info.deletions ? new Uint8Array(readWhole(join(this.dir, this.info.deletions), undefined, null)) : null;
    }
    return this.deleted !== null && ((this.deleted[local >> 3] ?? 0) & (1 << (local & 7))) !== 0;
  }

  private ids(): Buffer {
    if (!this.idsBuf) {
      this.idsBuf = readWhole(this.path('ids'), this.info.sizes.ids, MAGIC.ids);
      if (this.idsBuf.readUInt32LE(8) !== this.info.docCount) throw new IndexCorruptError(this.path('ids'), 'id count differs from the manifest');
    }
    return this.idsBuf;
  }

  /** External id of a local document. */
  id(local: number): string {
    const b = this.ids();
    const at = HEADER + local * 4;
    return b.toString('utf8', HEADER + this.idsBlobStart() + b.readUInt32LE(at), HEADER + this.idsBlobStart() + b.readUInt32LE(at + 4));
  }

  private idsBlobStart(): number {
    return (this.info.docCount + 1) * 4 + this.info.docCount * 4;
  }

  /** Local documents whose id starts with `prefix` (all when empty), in id order. */
  idsWithPrefix(prefix: string, limit = Infinity): number[] {
    const b = this.ids();
    const n = this.info.docCount;
    const orderAt = HEADER + (n + 1) * 4;
    const key = Buffer.from(prefix, 'utf8');
    const idAt = (k: number) => b.readUInt32LE(orderAt + k * 4);
    const bounds = (local: number) => {
      const at = HEADER + local * 4;
      const blob = HEADER + this.idsBlobStart();
      return [blob + b.readUInt32LE(at), blob + b.readUInt32LE(at + 4)] as const;
    };
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const [s, e] = bounds(idAt(mid));
      if (b.compare(key, 0, key.length, s, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < n && out.length < limit; k++) {
      const local = idAt(k);
      const [s, e] = bounds(local);
      if (e - s < key.length || b.compare(key, 0, key.length, s, s + key.length) !== 0) break;
      out.push(local);
    }
    return out;
  }

  /** Headline of a local document. */
  title(local: number): string {
    if (!this.titleList) {
      const text = readWhole(this.path('titles'), this.info.sizes.titles, null).toString('utf8');
      this.titleList = text.split('\n');
    }
    return this.titleList[local] ?? '';
  }

  /** The stored article of a local document. */
  stored(local: number): StoredArticle {
    const row = this.docs();
    const offset = row[local * ROW_WORDS + FIELDS.length + 2]! >>> 0;
    const length = row[local * ROW_WORDS + FIELDS.length + 3]! >>> 0;
    if (this.storeFd === undefined) this.storeFd = this.open('store');
    const buf = Buffer.allocUnsafe(length);
    const got = readSync(this.storeFd, buf, 0, length, offset);
    if (got !== length) throw new IndexCorruptError(this.path('store'), `truncated at byte ${offset + got}`);
    try {
      return JSON.parse(inflateSync(buf).toString('utf8')) as StoredArticle;
    } catch (err) {
      throw new IndexCorruptError(this.path('store'), `damaged record at byte ${offset} (${(err as Error).message})`);
    }
  }

  /** Closes open file descriptors. */
  close(): void {
    if (this.postFd !== undefined) closeSync(this.postFd);
    if (this.storeFd !== undefined) closeSync(this.storeFd);
    this.postFd = this.storeFd = undefined;
  }
}
