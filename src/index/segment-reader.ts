// Reads one segment lazily: each file is opened the first time a query needs it, and only
// the parts a query touches are read — dictionary blocks, the postings and positions of
// its terms, the columns of the doc table it ranks with, and the stored records of the
// results it prints. Opening a file checks its size against the manifest and its footer;
// verify() reads every file whole and checks its checksum.

import { inflateSync } from 'node:zlib';
import { ByteReader, DecodeError, float64s, int32s, uint16s } from './bytes';
import { Directory, FileInput, MemorySource, checkFooter, type ByteSource } from './directory';
import { DictionaryReader, type TermInfo } from './dictionary';
import { IndexCorruptError } from './errors';
import type { SegmentInfo } from './format';
import { LENGTH_COLUMNS, NO_TIME } from './schema';
import { MAGIC, SIGNATURE_SIZE } from './segment-writer';
import { decodeStoredRecord, type StoredRecord } from './stored-record';

/** One field's postings of a term in a segment: local documents (ascending) and frequencies. */
export interface FieldPostings {
  field: number;
  docs: Int32Array;
  freqs: Int32Array;
}

/** Positions of one field of a term: for posting i, values[offsets[i] .. offsets[i + 1]). */
export interface PositionLists {
  offsets: Int32Array;
  values: Int32Array;
}

/**
 * Files at or below this size are read whole on first use and their checksum verified (cheap
 * beside the read); larger ones are read by position, their checksum left to `verify`.
 */
export const WHOLE_FILE = 1 << 20;

/** Read access to one segment. */
export class SegmentReader {
  private inputs = new Map<string, FileInput>();
  private dictionary?: DictionaryReader;
  private deleted?: Uint8Array | null;
  private columns: Array<Int32Array | undefined> = [];
  private lastBlock: { index: number; records: Buffer[] } | null = null;

  constructor(
    readonly dir: Directory,
    readonly info: SegmentInfo,
    /** Global number of the segment's first document. */
    readonly base: number,
    /** Files up to this size are read whole and verified (see WHOLE_FILE). */
    private readonly wholeFileLimit = WHOLE_FILE,
  ) {}

  private input(ext: string): FileInput {
    let f = this.inputs.get(ext);
    if (!f) {
      f = this.dir.openInput(`${this.info.name}.${ext}`, this.info.sizes[ext]);
      try {
        checkFooter(f);
      } catch (err) {
        f.close();
        throw err;
      }
      this.inputs.set(ext, f);
    }
    return f;
  }

  private fail(ext: string, problem: string): never {
    throw new IndexCorruptError(this.dir.file(`${this.info.name}.${ext}`), problem);
  }

  private sources = new Map<string, ByteSource>();

  // The file's bytes: held whole (and verified) when small, else read by position.
  private source(ext: string): ByteSource {
    let s = this.sources.get(ext);
    if (!s) {
      const f = this.input(ext);
      s = f.length <= this.wholeFileLimit ? new MemorySource(f.readAllVerified(), f.path) : f;
      this.sources.set(ext, s);
    }
    return s;
  }

  private dict(): DictionaryReader {
    return (this.dictionary ??= new DictionaryReader(this.source('tim')));
  }

  /** The term's dictionary entry, or null. */
  find(term: string): TermInfo | null {
    return this.dict().find(term);
  }

  /** Terms starting with `prefix`, in order, until `visit` returns false. */
  withPrefix(prefix: string, visit: (info: TermInfo) => boolean, accept?: (bytes: Buffer, length: number) => boolean): void {
    this.dict().withPrefix(prefix, visit, accept);
  }

  /** Every term, in order, until `visit` returns false. */
  allTerms(visit: (info: TermInfo) => boolean): void {
    this.dict().all(visit);
  }

  /** The dictionary itself (merges walk it by raw bytes). */
  dictionaryReader(): DictionaryReader {
    return this.dict();
  }

  /** Number of terms in the segment. */
  get termCount(): number {
    return this.dict().size;
  }

  /** Raw postings bytes of a term (for merges). */
  rawPostings(t: Pick<TermInfo, 'postOffset' | 'postLength'>): Buffer {
    // A dictionary entry pointing outside its file is the dictionary's damage, not the postings'.
    if (t.postOffset + t.postLength > this.source('pst').length) this.fail('tim', 'a term points past the end of the postings');
    return this.source('pst').read(t.postOffset, t.postLength);
  }

  /** Raw positions bytes of a term (for merges). */
  rawPositions(t: Pick<TermInfo, 'posOffset' | 'posLength'>): Buffer {
    if (t.posLength === 0) return Buffer.alloc(0);
    if (t.posOffset + t.posLength > this.source('pos').length) this.fail('tim', 'a term points past the end of the positions');
    return this.source('pos').read(t.posOffset, t.posLength);
  }

  /** A term's postings per field (local documents), deleted documents included; with `onlyField`, that field alone. */
  readPostings(t: TermInfo, onlyField?: number): FieldPostings[] {
    return this.decodePostings(this.rawPostings(t), onlyField);
  }

  decodePostings(raw: Buffer, onlyField?: number): FieldPostings[] {
    const out: FieldPostings[] = [];
    const r = new ByteReader(raw);
    try {
      const fields = r.varint();
      for (let f = 0; f < fields; f++) {
        const field = r.varint();
        const n = r.varint();
        const bytes = r.varint();
        const end = r.pos + bytes;
        if (end > raw.length || n > bytes) throw new DecodeError('field postings run past the term');
        if (onlyField !== undefined && field !== onlyField) {
          r.pos = end;
          continue;
        }
        const docs = new Int32Array(n);
        const freqs = new Int32Array(n);
        // The hot loop of every query: varints read inline, not through the reader's methods.
        let p = r.pos;
        let doc = 0;
        for (let i = 0; i < n; i++) {
          let b = raw[p++]!;
          let v = b & 0x7f;
          for (let shift = 128; b >= 0x80; shift *= 128) {
            if (p >= end) throw new DecodeError('truncated varint');
            b = raw[p++]!;
            v += (b & 0x7f) * shift;
          }
          doc += v >>> 1;
          docs[i] = doc;
          if (v & 1) freqs[i] = 1;
          else {
            b = raw[p++]!;
            let q = b & 0x7f;
            for (let shift = 128; b >= 0x80; shift *= 128) {
              if (p >= end) throw new DecodeError('truncated varint');
              b = raw[p++]!;
              q += (b & 0x7f) * shift;
            }
            freqs[i] = q;
          }
        }
        if (p !== end) throw new DecodeError('field postings do not fill their length');
        r.pos = end;
        if (n > 0 && docs[n - 1]! >= this.info.docCount) throw new DecodeError('a document number past the segment');
        out.push({ field, docs, freqs });
      }
    } catch (err) {
      if (err instanceof DecodeError) this.fail('pst', `postings of a term: ${err.message}`);
      throw err;
    }
    return out;
  }

  /** Positions of one positional field of a term, given its frequencies in posting order; null when the term has none there. */
  readPositions(t: TermInfo, field: number, freqs: Int32Array): PositionLists | null {
    if (t.posLength === 0) return null;
    const raw = this.rawPositions(t);
    const r = new ByteReader(raw);
    try {
      while (!r.done) {
        const f = r.varint();
        const bytes = r.varint();
        if (f !== field) {
          r.pos += bytes;
          continue;
        }
        const end = r.pos + bytes;
        if (end > raw.length) throw new DecodeError('positions run past their file');
        let total = 0;
        for (let i = 0; i < freqs.length; i++) total += freqs[i]!;
        const offsets = new Int32Array(freqs.length + 1);
        const values = new Int32Array(total);
        // Varints read inline, as in the postings' loop: a phrase decodes every position of its words.
        let k = 0;
        let at = r.pos;
        for (let i = 0; i < freqs.length; i++) {
          offsets[i] = k;
          let p = 0;
          for (let j = 0; j < freqs[i]!; j++) {
            if (at >= end) throw new DecodeError('positions do not match the frequencies');
            let b = raw[at++]!;
            let v = b & 0x7f;
            for (let shift = 128; b >= 0x80; shift *= 128) {
              if (at >= end) throw new DecodeError('truncated varint');
              b = raw[at++]!;
              v += (b & 0x7f) * shift;
            }
            p += v;
            values[k++] = p;
          }
        }
        offsets[freqs.length] = k;
        if (at !== end) throw new DecodeError('positions do not match the frequencies');
        return { offsets, values };
      }
    } catch (err) {
      if (err instanceof DecodeError) this.fail('pos', `positions of a term: ${err.message}`);
      throw err;
    }
    return null;
  }

  // ---- doc table ----

  private docTableCount(): number {
    const f = this.source('doc');
    const head = f.read(0, 16);
    if (head.toString('latin1', 0, 8) !== MAGIC.docs) this.fail('doc', 'not a newsq doc table');
    const n = head.readUInt32LE(8);
    const cols = head.readUInt32LE(12);
    if (n !== this.info.docCount || cols !== LENGTH_COLUMNS.length || f.length !== 16 + (cols + 1) * n * 4) this.fail('doc', 'doc table does not match the segment');
    return n;
  }

  /** A whole column of the doc table: 0..2 the length columns, 3 the time column. */
  column(c: number): Int32Array {
    let col = this.columns[c];
    if (!col) {
      const n = this.docTableCount();
      col = int32s(this.source('doc').read(16 + c * n * 4, n * 4), n);
      this.columns[c] = col;
    }
    return col;
  }

  /** Sort time of a document (minutes), or NO_TIME. */
  time(local: number): number {
    return this.column(LENGTH_COLUMNS.length)[local]!;
  }

  /** Local day number, or null. */
  day(local: number): number | null {
    const t = this.time(local);
    return t === NO_TIME ? null : Math.floor(t / 1440);
  }

  // ---- strings: ids and headlines ----

  // count, offsets[count + 1], bytes.
  private stringAt(ext: string, magic: string, i: number): string {
    const n = this.info.docCount;
    if (i < 0 || i >= n) throw new RangeError(`document ${i} out of range`);
    const f = this.source(ext);
    const head = 12;
    if (!this.checkedStrings.has(ext)) {
      const h = f.read(0, head);
      if (h.toString('latin1', 0, 8) !== magic || h.readUInt32LE(8) !== n) this.fail(ext, 'header does not match the segment');
      this.checkedStrings.add(ext);
    }
    const pair = f.read(head + i * 4, 8);
    const a = pair.readUInt32LE(0);
    const b = pair.readUInt32LE(4);
    const bytesAt = head + (n + 1) * 4;
    if (a > b || bytesAt + b > f.length) this.fail(ext, 'string offsets out of range');
    return f.read(bytesAt + a, b - a).toString('utf8');
  }

  private checkedStrings = new Set<string>();

  /** Calls `visit` with every string of the ids or headlines file in document order, reading it in chunks. */
  forEachString(ext: 'ids' | 'ttl' | 'src', visit: (local: number, text: string) => void): void {
    const n = this.info.docCount;
    const f = this.source(ext);
    const head = 12;
    const bytesAt = head + (n + 1) * 4;
    const chunk = 4096;
    for (let i = 0; i < n; i += chunk) {
      const m = Math.min(chunk, n - i);
      const offs = f.read(head + i * 4, (m + 1) * 4);
      const a = offs.readUInt32LE(0);
      const b = offs.readUInt32LE(m * 4);
      if (a > b) this.fail(ext, 'string offsets out of range');
      const bytes = f.read(bytesAt + a, b - a);
      for (let k = 0; k < m; k++) {
        const s = offs.readUInt32LE(k * 4) - a;
        const e = offs.readUInt32LE(k * 4 + 4) - a;
        if (s > e || e > bytes.length) this.fail(ext, 'string offsets out of range');
        visit(i + k, bytes.toString('utf8', s, e));
      }
    }
  }

  /** External id of a document. */
  id(local: number): string {
    return this.stringAt('ids', MAGIC.ids, local);
  }

  /** Headline of a document. */
  title(local: number): string {
    return this.stringAt('ttl', MAGIC.titles, local);
  }

  /** Source name of a document ('' when unknown). */
  sourceName(local: number): string {
    return this.stringAt('src', MAGIC.sources, local);
  }

  // The document at rank `r` of the id order.
  private idRank(r: number): number {
    const n = this.info.docCount;
    const f = this.source('ids');
    // The permutation follows the strings: its start is the file's body length minus n × 4.
    const local = f.read(f.length - n * 4 + r * 4, 4).readUInt32LE(0);
    if (local >= n) this.fail('ids', 'id order out of range');
    return local;
  }

  /** Local documents whose id starts with `prefix` (at most `limit`), in id order. */
  idsWithPrefix(prefix: string, limit: number): number[] {
    const n = this.info.docCount;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.id(this.idRank(mid)) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let r = lo; r < n && out.length < limit; r++) {
      const local = this.idRank(r);
      if (!this.id(local).startsWith(prefix)) break;
      out.push(local);
    }
    return out;
  }

  // ---- stored records ----

  // Block index of the store: (offset, first document) per block, and the end.
  private storeIndex(): { offsets: Float64Array; firstDocs: Int32Array } {
    if (this.storeIdx) return this.storeIdx;
    const f = this.source('sto');
    if (f.length < 8 + 12 + 16) this.fail('sto', 'too short for a store');
    const tail = f.read(f.length - 16, 16);
    const count = tail.readUInt32LE(0);
    const blocks = tail.readUInt32LE(4);
    const indexAt = tail.readUInt32LE(8) + tail.readUInt32LE(12) * 0x1_0000_0000;
    if (count !== this.info.docCount || indexAt + (blocks + 1) * 12 !== f.length - 16) this.fail('sto', 'store index does not match the segment');
    const raw = f.read(indexAt, (blocks + 1) * 12);
    const offsets = float64s(raw, blocks + 1);
    const firstDocs = int32s(raw.subarray((blocks + 1) * 8), blocks + 1);
    for (let i = 1; i <= blocks; i++) {
      if (!(offsets[i]! >= offsets[i - 1]!) || firstDocs[i]! <= firstDocs[i - 1]!) this.fail('sto', 'store index out of order');
    }
    if (firstDocs[0] !== 0 && blocks > 0) this.fail('sto', 'store index does not start at the first document');
    if (offsets[blocks]! !== indexAt) this.fail('sto', 'store blocks do not end at the index');
    return (this.storeIdx = { offsets, firstDocs });
  }

  private storeIdx?: { offsets: Float64Array; firstDocs: Int32Array };

  /** Number of store blocks. */
  get storeBlocks(): number {
    return this.storeIndex().offsets.length - 1;
  }

  /** First document of store block `b` (b = storeBlocks gives the document count). */
  storeBlockStart(b: number): number {
    return this.storeIndex().firstDocs[b]!;
  }

  /** The compressed bytes of store block `b` (for merges copying whole blocks). */
  rawStoreBlock(b: number): Buffer {
    const { offsets } = this.storeIndex();
    return this.source('sto').read(offsets[b]!, offsets[b + 1]! - offsets[b]!);
  }

  /** The record bytes (UTF-8) of every document of store block `b`. */
  storeBlockRecords(b: number): Buffer[] {
    if (this.lastBlock?.index === b) return this.lastBlock.records;
    let data: Buffer;
    try {
      data = inflateSync(this.rawStoreBlock(b));
    } catch (err) {
      if (err instanceof IndexCorruptError) throw err;
      this.fail('sto', `block ${b} does not inflate (${(err as Error).message})`);
    }
    const r = new ByteReader(data);
    const records: Buffer[] = [];
    try {
      while (!r.done) records.push(r.bytes(r.varint()));
    } catch (err) {
      if (err instanceof DecodeError) this.fail('sto', `block ${b}: ${err.message}`);
      throw err;
    }
    const { firstDocs } = this.storeIndex();
    const expect = firstDocs[b + 1]! - firstDocs[b]!;
    if (records.length !== expect) this.fail('sto', `block ${b} holds ${records.length} records, expected ${expect}`);
    this.lastBlock = { index: b, records };
    return records;
  }

  /** The stored record bytes of a document. */
  storedBytes(local: number): Buffer {
    if (local < 0 || local >= this.info.docCount) throw new RangeError(`document ${local} out of range`);
    const { firstDocs } = this.storeIndex();
    let lo = 0;
    let hi = firstDocs.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (firstDocs[mid]! <= local) lo = mid;
      else hi = mid - 1;
    }
    return this.storeBlockRecords(lo)[local - firstDocs[lo]!]!;
  }

  /** The stored article of a document, with its body text. */
  storedRecord(local: number): StoredRecord {
    const text = this.storedBytes(local).toString('utf8');
    try {
      return decodeStoredRecord(text);
    } catch (err) {
      this.fail('sto', `record of document ${local}: ${(err as Error).message}`);
    }
  }

  // ---- near-duplicate signatures ----

  /** Signatures of documents [from, from + count), SIGNATURE_SIZE values each. */
  signatureRows(from: number, count: number): Uint16Array {
    return uint16s(this.source('sig').read(16 + from * SIGNATURE_SIZE * 2, count * SIGNATURE_SIZE * 2), count * SIGNATURE_SIZE);
  }

  /** The signature of a document (SIGNATURE_SIZE values), all zero when it had no text. */
  signature(local: number): Uint16Array {
    const f = this.source('sig');
    const at = 16 + local * SIGNATURE_SIZE * 2;
    return uint16s(f.read(at, SIGNATURE_SIZE * 2), SIGNATURE_SIZE);
  }

  // ---- deletions ----

  /** Whether the segment has deleted documents. */
  hasDeletions(): boolean {
    return this.info.deletedCount > 0;
  }

  /** Whether a local document is deleted. */
  isDeleted(local: number): boolean {
    if (this.info.deletedCount === 0) return false;
    if (this.deleted === undefined) this.deleted = this.readDeletions();
    return this.deleted !== null && (this.deleted[local >> 3]! & (1 << (local & 7))) !== 0;
  }

  /** The deletion bitmap (null when none). */
  deletionBits(): Uint8Array | null {
    if (this.info.deletedCount === 0) return null;
    if (this.deleted === undefined) this.deleted = this.readDeletions();
    return this.deleted;
  }

  private readDeletions(): Uint8Array | null {
    const name = this.info.deletions;
    if (!name) return null;
    const f = this.dir.openInput(name);
    try {
      checkFooter(f);
      const bits = new Uint8Array(f.readAll());
      if (bits.length !== Math.ceil(this.info.docCount / 8)) throw new IndexCorruptError(f.path, 'deletion bitmap does not match the segment');
      let count = 0;
      for (let i = 0; i < this.info.docCount; i++) if (bits[i >> 3]! & (1 << (i & 7))) count++;
      if (count !== this.info.deletedCount) throw new IndexCorruptError(f.path, `marks ${count} deleted documents, the manifest says ${this.info.deletedCount}`);
      return bits;
    } finally {
      f.close();
    }
  }

  /** Reads every file whole and checks its checksum (and the deletion bitmap's). */
  verify(): void {
    for (const ext of Object.keys(this.info.sizes)) this.input(ext).verify();
    if (this.info.deletions) {
      const f = this.dir.openInput(this.info.deletions);
      try {
        f.verify();
      } finally {
        f.close();
      }
    }
  }

  close(): void {
    for (const f of this.inputs.values()) f.close();
    this.inputs.clear();
  }
}

export { type TermInfo };
