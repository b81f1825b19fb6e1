// Reads one segment lazily: each file is opened the first time a query needs it, and
// only the parts a query touches are read — dictionary blocks, the postings of its
// terms, the stored records of the results it prints.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { inflateText } from './codec';
import { DictCorrupt, DictReader, type TermRef } from './dictionary';
import { COMPACT_WORDS, DocTable, TIME_WORDS, WIDE_WORDS } from './doc-table';
import { FIELDS } from './fields';
import { HEADER, MAGIC, crc32, titleLine, type SegmentInfo } from './format';
import type { StoredArticle } from './segment-writer';
import { decodeStoredRecord, type StoredRecord } from './stored-record';
import { IndexCorruptError } from './errors';

export { IndexCorruptError };

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'missing' : `unreadable (${code ?? (err as Error).message})`;
}

function readWhole(path: string, expectSize: number | undefined, magic: string | null): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new IndexCorruptError(path, describeFsError(err));
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

/** One field's postings of a term in a segment: local documents (ascending) and frequencies. */
export interface FieldPostings {
  field: number;
  docs: Int32Array;
  freqs: Int32Array;
}

/** Headlines looked up in a segment's stored articles before its titles file is read whole. */
export const FEW_TITLES = 24;

/** Read access to one segment's dictionary, postings, doc table, ids, titles and store. */
export class SegmentReader {
  private dictReader?: DictReader;
  private fds = new Map<string, number>();
  private table?: DocTable;
  private idsBuf?: Buffer;
  private deleted?: Uint8Array | null;
  private titleList?: string[];
  private titleLookups = 0;

  constructor(
    readonly dir: string,
    readonly info: SegmentInfo,
    /** Global number of this segment's first document. */
    readonly base: number,
  ) {}

  private path(ext: string): string {
    return join(this.dir, `${this.info.name}.${ext}`);
  }

  private dict<T>(fn: (d: DictReader) => T): T {
    this.dictReader ??= new DictReader(this.path('dict'), this.info.sizes.dict);
    try {
      return fn(this.dictReader);
    } catch (err) {
      if (err instanceof DictCorrupt) throw new IndexCorruptError(this.path('dict'), err.message);
      if ((err as NodeJS.ErrnoException).code) throw new IndexCorruptError(this.path('dict'), describeFsError(err));
      throw err;
    }
  }

  /** Number of terms in the dictionary. */
  get size(): number {
    return this.dict((d) => d.size);
  }

  /** The postings location of a term, or null. */
  find(term: string): TermRef | null {
    return this.dict((d) => d.find(term));
  }

  /** All terms starting with `prefix`. */
  withPrefix(prefix: string): TermRef[] {
    return this.dict((d) => d.withPrefix(prefix));
  }

  /** Every term (for fuzzy scans). */
  allTerms(): TermRef[] {
    return this.dict((d) => [...d.all()]);
  }

  private fd(ext: string): number {
    let fd = this.fds.get(ext);
    if (fd !== undefined) return fd;
    const p = this.path(ext);
    try {
      fd = openSync(p, 'r');
    } catch (err) {
      throw new IndexCorruptError(p, describeFsError(err));
    }
    const expected = this.info.sizes[ext];
    if (expected !== undefined && fstatSync(fd).size !== expected) {
      closeSync(fd);
      throw new IndexCorruptError(p, `size differs from the manifest's ${expected} bytes (truncated or altered)`);
    }
    this.fds.set(ext, fd);
    return fd;
  }

  private pread(ext: string, offset: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    const got = readSync(this.fd(ext), buf, 0, length, offset);
    if (got !== length) throw new IndexCorruptError(this.path(ext), `truncated at byte ${offset + got}`);
    return buf;
  }

  /**
   * The postings a dictionary entry points at, per field (only `onlyField`'s when given):
   * local documents (ascending) and their frequencies. Decoded in one loop without a call
   * per posting, into arrays sized from the stored counts (a cold query decodes thousands
   * of postings in the interpreter).
   */
  readPostings(ref: TermRef, onlyField?: number): FieldPostings[] {
    const buf = this.pread('post', ref.offset, ref.length);
    const p = buf.subarray(4);
    if (crc32(p) !== buf.readUInt32LE(0)) {
      throw new IndexCorruptError(this.path('post'), `checksum mismatch in the postings of "${ref.term}" (damaged)`);
    }
    const undecodable = (why: string) => new IndexCorruptError(this.path('post'), `undecodable postings of "${ref.term}" (${why})`);
    const docCount = this.info.docCount;
    const end = p.length;
    const out: FieldPostings[] = [];
    let pos = 0;
    let b = 0;
    let shift = 1;
    while (pos < end) {
      const field = p[pos++]!;
      let n = 0;
      shift = 1;
      do {
        if (pos >= end) throw undecodable('truncated count');
        b = p[pos++]!;
        n += (b & 0x7f) * shift;
        shift *= 128;
      } while (b >= 0x80);
      if (field >= FIELDS.length) throw undecodable(`bad field id ${field}`);
      if (n > docCount) throw undecodable(`${n} postings in a segment of ${docCount} documents`);
      // Fields come in ascending order, and the checksum above already covered the rest.
      if (onlyField !== undefined && field > onlyField) break;
      if (onlyField !== undefined && field !== onlyField) {
        // Another field's postings: stepped over (two varints each, a byte below 0x80
        // ending each), not decoded — a frequent stem's body list dwarfs its title list.
        for (let left = 2 * n; left > 0; ) {
          if (pos >= end) throw undecodable('truncated postings');
          if (p[pos++]! < 0x80) left--;
        }
        continue;
      }
      const docs = new Int32Array(n);
      const freqs = new Int32Array(n);
      let doc = 0;
      for (let k = 0; k < n; k++) {
        let v = 0;
        shift = 1;
        do {
          if (pos >= end) throw undecodable('truncated document number');
          b = p[pos++]!;
          v += (b & 0x7f) * shift;
          shift *= 128;
        } while (b >= 0x80);
        doc += v;
        if (doc >= docCount) throw undecodable(`document ${doc} beyond the segment`);
        docs[k] = doc;
        v = 0;
        shift = 1;
        do {
          if (pos >= end) throw undecodable('truncated frequency');
          b = p[pos++]!;
          v += (b & 0x7f) * shift;
          shift *= 128;
        } while (b >= 0x80);
        freqs[k] = v;
      }
      out.push({ field, docs, freqs });
    }
    return out;
  }

  /** The doc table: its field lengths read and checked now, its days and minutes on first use. */
  docs(): DocTable {
    if (!this.table) {
      const count = this.info.docCount;
      const h = this.pread('docs', 0, HEADER);
      if (h.toString('latin1', 0, 8) !== MAGIC.docs) throw new IndexCorruptError(this.path('docs'), 'not a newsq index file');
      const words = h.readUInt32LE(12);
      if (h.readUInt32LE(8) !== count || (words !== COMPACT_WORDS && words !== WIDE_WORDS)) {
        throw new IndexCorruptError(this.path('docs'), 'row count or layout differs from the manifest');
      }
      const lengthBytes = count * words * 4;
      const size = this.info.sizes.docs;
      if (size !== undefined && size !== HEADER + lengthBytes + count * TIME_WORDS * 4) throw new IndexCorruptError(this.path('docs'), 'size differs from its rows');
      const lengths = this.readInts(HEADER, count * words, h.readUInt32LE(16), 'field lengths');
      const times = () => this.readInts(HEADER + lengthBytes, count * TIME_WORDS, h.readUInt32LE(20), 'days and minutes');
      this.table = new DocTable(lengths, words, times);
    }
    return this.table;
  }

  // Reads `count` 32-bit integers of the doc table and checks their CRC. A read this size
  // gets a buffer of its own, aligned, and is used in place: a copy would touch as many fresh
  // pages again, which costs a cold query more than the reading. A small one may sit in
  // node's pool at any offset, and is copied.
  private readInts(offset: number, count: number, crc: number, what: string): Int32Array {
    const buf = this.pread('docs', offset, count * 4);
    if (crc32(buf) !== crc) throw new IndexCorruptError(this.path('docs'), `checksum mismatch in the ${what} (damaged)`);
    if (buf.byteOffset % 4 === 0) return new Int32Array(buf.buffer, buf.byteOffset, count);
    const out = new Int32Array(count);
    new Uint8Array(out.buffer).set(buf);
    return out;
  }

  /** Whether the segment has a deletion bitmap at all (most do not). */
  hasDeletions(): boolean {
    return !!this.info.deletions;
  }

  /** Whether a local document is deleted (the bitmap is read and checked on first use). */
  isDeleted(local: number): boolean {
    if (this.deleted === undefined) {
      if (this.info.deletions) {
        const path = join(this.dir, this.info.deletions);
        const bits = new Uint8Array(readWhole(path, Math.ceil(this.info.docCount / 8), null));
        // The bitmap carries no checksum: the manifest's count of deleted documents stands in for
        // one, so a damaged bitmap cannot silently bring deleted articles back or hide live ones.
        let marked = 0;
        for (const byte of bits) for (let b = byte; b !== 0; b &= b - 1) marked++;
        if (marked !== this.info.deletedCount) {
          throw new IndexCorruptError(path, `marks ${marked} deleted documents, the manifest says ${this.info.deletedCount} (damaged)`);
        }
        this.deleted = bits;
      } else this.deleted = null;
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

  private idBounds(local: number): [number, number] {
    const b = this.ids();
    const n = this.info.docCount;
    const blob = HEADER + (n + 1) * 4 + n * 4;
    return [blob + b.readUInt32LE(HEADER + local * 4), blob + b.readUInt32LE(HEADER + local * 4 + 4)];
  }

  /** External id of a local document. */
  id(local: number): string {
    const [s, e] = this.idBounds(local);
    return this.ids().toString('utf8', s, e);
  }

  /** Local documents whose id starts with `prefix` (all when empty), in id order. */
  idsWithPrefix(prefix: string, limit = Infinity): number[] {
    const b = this.ids();
    const n = this.info.docCount;
    const orderAt = HEADER + (n + 1) * 4;
    const key = Buffer.from(prefix, 'utf8');
    const at = (k: number) => b.readUInt32LE(orderAt + k * 4);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const [s, e] = this.idBounds(at(mid));
      if (b.compare(key, 0, key.length, s, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < n && out.length < limit; k++) {
      const local = at(k);
      const [s, e] = this.idBounds(local);
      if (e - s < key.length || b.compare(key, 0, key.length, s, s + key.length) !== 0) break;
      out.push(local);
    }
    return out;
  }

  /** Headline of a local document. */
  title(local: number): string {
    // A few headlines (resolving a handful of related headlines while adding articles, a
    // related chain) come from their stored articles: the titles file of a large segment is
    // megabytes to read and split. Past a few lookups, it is read whole.
    if (!this.titleList && this.titleLookups++ < FEW_TITLES) return local >= 0 && local < this.info.docCount ? titleLine(this.stored(local).title) : '';
    if (!this.titleList) {
      this.titleList = readWhole(this.path('titles'), this.info.sizes.titles, MAGIC.titles).toString('utf8', HEADER).split('\n');
    }
    return this.titleList[local] ?? '';
  }

  /** The stored article of a local document. */
  stored(local: number): StoredArticle {
    return this.storedRecord(local).article;
  }

  /** The stored article of a local document with its body's text (see stored-record.ts). */
  storedRecord(local: number): StoredRecord {
    const loc = this.pread('sidx', local * 12, 12);
    if (crc32(loc.subarray(0, 8)) !== loc.readUInt32LE(8)) throw new IndexCorruptError(this.path('sidx'), `checksum mismatch in entry ${local} (damaged)`);
    const offset = loc.readUInt32LE(0);
    const length = loc.readUInt32LE(4);
    const buf = this.pread('store', offset, length);
    try {
      return decodeStoredRecord(inflateText(buf));
    } catch (err) {
      throw new IndexCorruptError(this.path('store'), `damaged record at byte ${offset} (${(err as Error).message})`);
    }
  }

  /** Closes open file descriptors. */
  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    this.dictReader?.close();
  }
}
