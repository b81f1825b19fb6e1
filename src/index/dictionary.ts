// The term dictionary of a segment, in blocks. A cold query must not read the whole
// dictionary (hundreds of thousands of terms), so terms are stored sorted in blocks of
// BLOCK_TERMS, and a small block index holds each block's first term. A lookup reads the
// index once, then the one block that can hold the term; prefix queries read consecutive
// blocks; only fuzzy queries scan every block. Each block carries its own CRC.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ByteWriter, HEADER, VarintReader, crc32, header, writeFileSynced } from './format';

export const DICT_MAGIC = 'NQDICT02';
const BLOCK_TERMS = 64;

/** Where a term's postings are. */
export interface TermRef {
  term: string;
  offset: number;
  length: number;
}

/** Writes a dictionary from terms added in sorted order. */
export class DictWriter {
  private blocks = new ByteWriter(1 << 20);
  private blockOffsets: number[] = [];
  private firstTerms: Buffer[] = [];
  private pending: Array<{ bytes: Buffer; offset: number; length: number }> = [];
  private count = 0;
  private block = new ByteWriter(1 << 14);

  /** Adds the next term (in UTF-8 byte order) with its postings location. */
  add(term: string, postOffset: number, postLength: number): void {
    this.pending.push({ bytes: Buffer.from(term, 'utf8'), offset: postOffset, length: postLength });
    this.count++;
    if (this.pending.length === BLOCK_TERMS) this.flushBlock();
  }

  private flushBlock(): void {
    if (this.pending.length === 0) return;
    const b = this.block;
    b.reset();
    b.varint(this.pending.length);
    for (const p of this.pending) {
      b.varint(p.bytes.length);
      b.bytes(p.bytes);
    }
    for (const p of this.pending) {
      b.u32(p.offset);
      b.u32(p.length);
    }
    const payload = b.view();
    this.blockOffsets.push(this.blocks.length);
    this.firstTerms.push(this.pending[0]!.bytes);
    this.blocks.u32(crc32(payload));
    this.blocks.bytes(payload);
    this.pending = [];
  }

  /** Writes the file; returns its size. */
  write(path: string): number {
    this.flushBlock();
    const n = this.blockOffsets.length;
    const tix = new ByteWriter(1 << 12);
    for (const off of this.blockOffsets) tix.u32(off);
    let pos = 0;
    for (const t of this.firstTerms) {
      tix.u32(pos);
      pos += t.length;
    }
    tix.u32(pos);
    for (const t of this.firstTerms) tix.bytes(t);
    const tixBytes = Buffer.from(tix.view());
    const h = header(DICT_MAGIC, this.count, n, crc32(tixBytes));
    h.writeUInt32LE(tixBytes.length, 20);
    return writeFileSynced(path, Buffer.concat([h, tixBytes, this.blocks.view()]));
  }
}

/** Thrown for a damaged dictionary; the segment reader names the file. */
export class DictCorrupt extends Error {}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// A block as read: its terms stay UTF-8 bytes until a listing asks for them as strings. A
// lookup compares bytes: decoding a hundred terms to find one made a cold query's
// interpreter build a hundred strings and as many boxed numbers, per block.
interface Block {
  payload: Buffer;
  /** Byte offset and length of term k in the payload. */
  at: Int32Array;
  len: Int32Array;
  refs: Uint32Array;
  terms: string[] | null;
}

/** Reads a dictionary lazily: the block index on first use, blocks on demand. */
export class DictReader {
  private fd: number | null = null;
  private termCount = 0;
  private blockCount = 0;
  private blockOffsets!: Uint32Array;
  private firstOffsets!: Uint32Array;
  private firstBlob!: Buffer;
  private blocksStart = 0;
  private fileSize = 0;
  private cache = new Map<number, Block>();

  constructor(
    private readonly path: string,
    private readonly expectedSize: number | undefined,
  ) {}

  private init(): void {
    if (this.fd !== null) return;
    const fd = openSync(this.path, 'r');
    this.fd = fd;
    this.fileSize = fstatSync(fd).size;
    if (this.expectedSize !== undefined && this.fileSize !== this.expectedSize) {
      throw new DictCorrupt(`size ${this.fileSize} bytes, expected ${this.expectedSize} (truncated or altered)`);
    }
    const h = this.read(0, HEADER);
    if (h.toString('latin1', 0, 8) !== DICT_MAGIC) throw new DictCorrupt('not a newsq dictionary');
    this.termCount = h.readUInt32LE(8);
    this.blockCount = h.readUInt32LE(12);
    const tixBytes = h.readUInt32LE(20);
    const tix = this.read(HEADER, tixBytes);
    if (crc32(tix) !== h.readUInt32LE(16)) throw new DictCorrupt('checksum mismatch in the block index (damaged)');
    const n = this.blockCount;
    // Copied into an aligned array (a Buffer's offset need not be a multiple of 4).
    const aligned = new Uint32Array(2 * n + 1);
    new Uint8Array(aligned.buffer).set(tix.subarray(0, aligned.byteLength));
    this.blockOffsets = aligned.subarray(0, n);
    this.firstOffsets = aligned.subarray(n, 2 * n + 1);
    this.firstBlob = tix.subarray((2 * n + 1) * 4);
    this.blocksStart = HEADER + tixBytes;
  }

  private read(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    const got = readSync(this.fd!, buf, 0, length, position);
    if (got !== length) throw new DictCorrupt(`truncated at byte ${position + got}`);
    return buf;
  }

  /** Number of terms. */
  get size(): number {
    this.init();
    return this.termCount;
  }

  private compareFirst(i: number, key: Buffer): number {
    return this.firstBlob.compare(key, 0, key.length, this.firstOffsets[i]!, this.firstOffsets[i + 1]!);
  }

  /** Index of the block that would hold `key`: the last block whose first term is ≤ key. */
  private blockFor(key: Buffer): number {
    let lo = 0;
    let hi = this.blockCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareFirst(mid, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private block(i: number): Block {
    let b = this.cache.get(i);
    if (b) return b;
    const start = this.blocksStart + this.blockOffsets[i]!;
    const end = i + 1 < this.blockCount ? this.blocksStart + this.blockOffsets[i + 1]! : this.fileSize;
    const raw = this.read(start, end - start);
    const payload = raw.subarray(4);
    if (crc32(payload) !== raw.readUInt32LE(0)) throw new DictCorrupt(`checksum mismatch in block ${i} (damaged)`);
    try {
      const r = new VarintReader(payload);
      const n = r.varint();
      if (n > payload.length) throw new Error(`${n} terms in ${payload.length} bytes`);
      const at = new Int32Array(n);
      const len = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const length = r.varint();
        if (r.pos + length > payload.length) throw new Error(`term ${k} runs past the block`);
        len[k] = length;
        at[k] = r.pos;
        r.pos += length;
      }
      if (r.pos + 8 * n > payload.length) throw new Error('the postings references run past the block');
      const refs = new Uint32Array(2 * n);
      // The file is little-endian: on a little-endian host (the doc table assumes one too) the
      // references are one copy, elsewhere read one by one.
      if (LITTLE_ENDIAN) new Uint8Array(refs.buffer).set(payload.subarray(r.pos, r.pos + 8 * n));
      else for (let k = 0; k < 2 * n; k++) refs[k] = payload.readUInt32LE(r.pos + k * 4);
      b = { payload, at, len, refs, terms: null };
    } catch (err) {
      throw new DictCorrupt(`undecodable block ${i} (${(err as Error).message})`);
    }
    this.cache.set(i, b);
    return b;
  }

  /** The postings location of a term, or null. */
  find(term: string): TermRef | null {
    this.init();
    const key = Buffer.from(term, 'utf8');
    const i = this.blockFor(key);
    if (i < 0) return null;
    const b = this.block(i);
    for (let k = 0; k < b.len.length; k++) {
      if (b.len[k] !== key.length) continue;
      const at = b.at[k]!;
      let j = 0;
      while (j < key.length && b.payload[at + j] === key[j]) j++;
      if (j === key.length) return { term, offset: b.refs[2 * k]!, length: b.refs[2 * k + 1]! };
    }
    return null;
  }

  // The block's terms as strings, decoded on first need.
  private termsOf(b: Block): string[] {
    if (!b.terms) {
      const terms = new Array<string>(b.at.length);
      for (let k = 0; k < terms.length; k++) terms[k] = b.payload.toString('utf8', b.at[k], b.at[k]! + b.len[k]!);
      b.terms = terms;
    }
    return b.terms;
  }

  /** Every term starting with `prefix`, in order. */
  withPrefix(prefix: string): TermRef[] {
    this.init();
    const out: TermRef[] = [];
    for (let i = Math.max(0, this.blockFor(Buffer.from(prefix, 'utf8'))); i < this.blockCount; i++) {
      const b = this.block(i);
      let past = false;
      this.termsOf(b).forEach((t, k) => {
        if (t.startsWith(prefix)) out.push({ term: t, offset: b.refs[2 * k]!, length: b.refs[2 * k + 1]! });
        else if (t > prefix) past = true;
      });
      if (past) break;
    }
    return out;
  }

  /** Every term, block by block (fuzzy matching scans them all). */
  *all(): Generator<TermRef> {
    this.init();
    for (let i = 0; i < this.blockCount; i++) {
      const b = this.block(i);
      const terms = this.termsOf(b);
      for (let k = 0; k < terms.length; k++) yield { term: terms[k]!, offset: b.refs[2 * k]!, length: b.refs[2 * k + 1]! };
    }
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
