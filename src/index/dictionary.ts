// The term dictionary of a segment. Terms are sorted by their UTF-8 bytes and stored in
// blocks of up to BLOCK_TERMS, each term written as the length of the prefix it shares with
// the term before it and the rest of its bytes (front coding). A term's postings and
// positions follow those of the term before it in their files, so only their lengths are
// written, with each block's starting offsets in its header. A block index at the end of
// the file holds each block's offset and first term; a lookup binary-searches it as raw
// bytes, without decoding a string, and reads the one block that can hold the term.
//
//   file:   magic | blocks | index | u32 terms | u32 blocks | u64 index offset | footer
//   block:  varint postings start | varint positions start | varint count |
//           count × (varint shared | varint suffix length | suffix | varint document
//           frequency | varint postings length | varint positions length)
//   index:  (blocks + 1) × u32 block offset | (blocks + 1) × u32 key offset | key bytes

import { ByteReader, ByteWriter, DecodeError, uint32s } from './bytes';
import type { ByteSource, Directory } from './directory';
import { IndexCorruptError } from './errors';

export const DICT_MAGIC = Buffer.from('NQTERMS6', 'latin1');
const BLOCK_TERMS = 64;
const TAIL = 16;

/** Where a term's data lives, and how many documents hold it (all fields together). */
export interface TermInfo {
  term: string;
  docFreq: number;
  postOffset: number;
  postLength: number;
  posOffset: number;
  posLength: number;
}

/** Writes a dictionary from terms added in UTF-8 byte order. */
export class DictionaryWriter {
  private out = new ByteWriter(1 << 20);
  private block = new ByteWriter(1 << 14);
  private blockOffsets: number[] = [];
  private firstKeys: Buffer[] = [];
  private pending = 0;
  private prev: Buffer = Buffer.alloc(0);
  private count = 0;
  private blockPostStart = 0;
  private blockPosStart = 0;

  /** `postAt` and `posAt`: where the first term's postings and positions start in their files (after their magic). */
  constructor(
    private postAt: number,
    private posAt: number,
  ) {
    this.out.bytes(DICT_MAGIC);
  }

  /** Adds the next term; its postings and positions directly follow the previous term's. */
  add(termBytes: Buffer, docFreq: number, postLength: number, posLength: number): void {
    if (this.count > 0 && Buffer.compare(termBytes, this.prev) <= 0) throw new Error('dictionary terms must be added in increasing byte order, without repeats');
    if (this.pending === 0) {
      this.blockPostStart = this.postAt;
      this.blockPosStart = this.posAt;
      this.firstKeys.push(Buffer.from(termBytes));
      this.prev = Buffer.alloc(0);
    }
    let shared = 0;
    const max = Math.min(this.prev.length, termBytes.length);
    while (shared < max && this.prev[shared] === termBytes[shared]) shared++;
    const b = this.block;
    b.varint(shared);
    b.varint(termBytes.length - shared);
    b.bytes(termBytes.subarray(shared));
    b.varint(docFreq);
    b.varint(postLength);
    b.varint(posLength);
    this.prev = termBytes;
    this.postAt += postLength;
    this.posAt += posLength;
    this.count++;
    if (++this.pending === BLOCK_TERMS) this.flushBlock();
  }

  private flushBlock(): void {
    if (this.pending === 0) return;
    this.blockOffsets.push(this.out.length);
    this.out.varint(this.blockPostStart);
    this.out.varint(this.blockPosStart);
    this.out.varint(this.pending);
    this.out.bytes(this.block.view());
    this.block.reset();
    this.pending = 0;
  }

  /** Writes the dictionary file; returns its size. */
  finish(dir: Directory, name: string): number {
    this.flushBlock();
    const indexAt = this.out.length;
    const n = this.blockOffsets.length;
    for (const off of this.blockOffsets) this.out.u32(off);
    this.out.u32(indexAt);
    let keyAt = 0;
    for (const k of this.firstKeys) {
      this.out.u32(keyAt);
      keyAt += k.length;
    }
    this.out.u32(keyAt);
    for (const k of this.firstKeys) this.out.bytes(k);
    this.out.u32(this.count);
    this.out.u32(n);
    this.out.u64(indexAt);
    return dir.writeFile(name, this.out.view());
  }
}

/** Reads a dictionary lazily: the block index on first use, then one block per lookup. */
export class DictionaryReader {
  private blocks = -1;
  private termCount = 0;
  private offsets!: Uint32Array;
  private keyOffsets!: Uint32Array;
  private keys!: Buffer;

  constructor(private readonly file: ByteSource) {}

  private load(): void {
    if (this.blocks >= 0) return;
    const f = this.file;
    if (f.length < DICT_MAGIC.length + TAIL) throw new IndexCorruptError(f.path, 'too short for a dictionary');
    const tail = f.read(f.length - TAIL, TAIL);
    this.termCount = tail.readUInt32LE(0);
    const n = tail.readUInt32LE(4);
    const indexAt = tail.readUInt32LE(8) + tail.readUInt32LE(12) * 0x1_0000_0000;
    const indexBytes = (n + 1) * 8;
    if (indexAt + indexBytes > f.length - TAIL) throw new IndexCorruptError(f.path, 'block index out of range');
    const index = f.read(indexAt, f.length - TAIL - indexAt);
    // Copied into aligned typed arrays: the buffer's offset inside node's pool is arbitrary.
    this.offsets = uint32s(index, n + 1);
    this.keyOffsets = uint32s(index.subarray((n + 1) * 4), n + 1);
    this.keys = index.subarray(indexBytes);
    if (this.keyOffsets[n]! !== this.keys.length) throw new IndexCorruptError(f.path, 'block index keys do not add up');
    for (let i = 0; i < n; i++) if (this.offsets[i]! >= this.offsets[i + 1]!) throw new IndexCorruptError(f.path, 'block offsets out of order');
    this.blocks = n;
  }

  /** Number of terms. */
  get size(): number {
    this.load();
    return this.termCount;
  }

  private key(i: number): Buffer {
    return this.keys.subarray(this.keyOffsets[i]!, this.keyOffsets[i + 1]!);
  }

  // The last block whose first term is at or before `bytes`, or -1.
  private blockFor(bytes: Buffer): number {
    this.load();
    let lo = 0;
    let hi = this.blocks - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(this.key(mid), bytes) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Decodes block `i`, calling `visit` for each term's bytes until it returns false. */
  private scanBlock(i: number, visit: (bytes: Buffer, length: number, info: Omit<TermInfo, 'term'>) => boolean): boolean {
    const start = this.offsets[i]!;
    const end = this.offsets[i + 1]!;
    const raw = this.file.read(start, end - start);
    const r = new ByteReader(raw);
    try {
      let postOffset = r.varint();
      let posOffset = r.varint();
      const count = r.varint();
      const scratch = this.scratch(256);
      let term = scratch;
      let length = 0;
      for (let k = 0; k < count; k++) {
        const shared = r.varint();
        const suffix = r.varint();
        if (shared > length) throw new DecodeError('shared prefix longer than the previous term');
        if (suffix > raw.length) throw new DecodeError('a term longer than its block');
        if (shared + suffix > term.length) {
          const grown = Buffer.allocUnsafe(Math.max(shared + suffix, term.length * 2));
          term.copy(grown, 0, 0, length);
          term = grown;
          this.scratchBuf = grown;
        }
        r.bytes(suffix).copy(term, shared);
        length = shared + suffix;
        const docFreq = r.varint();
        const postLength = r.varint();
        const posLength = r.varint();
        if (!visit(term, length, { docFreq, postOffset, postLength, posOffset, posLength })) return false;
        postOffset += postLength;
        posOffset += posLength;
      }
    } catch (err) {
      if (err instanceof DecodeError) throw new IndexCorruptError(this.file.path, `dictionary block ${i}: ${err.message}`);
      throw err;
    }
    return true;
  }

  private scratchBuf: Buffer | null = null;
  private scratch(n: number): Buffer {
    if (!this.scratchBuf || this.scratchBuf.length < n) this.scratchBuf = Buffer.allocUnsafe(n);
    return this.scratchBuf;
  }

  /** The term's entry, or null. */
  find(term: string): TermInfo | null {
    const bytes = Buffer.from(term, 'utf8');
    const b = this.blockFor(bytes);
    if (b < 0) return null;
    let found: TermInfo | null = null;
    this.scanBlock(b, (t, length, info) => {
      const c = Buffer.compare(t.subarray(0, length), bytes);
      if (c === 0) found = { term, ...info };
      return c < 0;
    });
    return found;
  }

  /**
   * Every term starting with `prefix`, in order (stops early when `visit` returns false);
   * `accept`, given a term's UTF-8 bytes, passes over terms before they are decoded (a
   * fuzzy expansion turns most of a long listing down by length alone).
   */
  withPrefix(prefix: string, visit: (info: TermInfo) => boolean, accept?: (bytes: Buffer, length: number) => boolean): void {
    const bytes = Buffer.from(prefix, 'utf8');
    const n = bytes.length;
    let b = Math.max(0, this.blockFor(bytes));
    for (; b < this.blocks; b++) {
      let past = false;
      const more = this.scanBlock(b, (t, length, info) => {
        // Compared byte by byte: a term shorter than the prefix sorts below it; one past it ends the listing.
        let c = 0;
        for (let i = 0; i < n && c === 0; i++) c = i < length ? t[i]! - bytes[i]! : -1;
        if (c < 0) return true;
        if (c > 0) {
          past = true;
          return false;
        }
        if (accept && !accept(t, length)) return true;
        return visit({ term: t.toString('utf8', 0, length), ...info });
      });
      if (!more || past) return;
    }
  }

  /** Every term in order (stops early when `visit` returns false). */
  all(visit: (info: TermInfo) => boolean): void {
    this.load();
    for (let b = 0; b < this.blocks; b++) {
      if (!this.scanBlock(b, (t, length, info) => visit({ term: t.toString('utf8', 0, length), ...info }))) return;
    }
  }

  /** Number of blocks. */
  get blockCount(): number {
    this.load();
    return this.blocks;
  }

  /** The terms of block `i` as copies of their bytes, with their entries (merges walk blocks one at a time). */
  blockTerms(i: number): Array<{ bytes: Buffer; info: Omit<TermInfo, 'term'> }> {
    const out: Array<{ bytes: Buffer; info: Omit<TermInfo, 'term'> }> = [];
    this.scanBlock(i, (t, length, info) => {
      out.push({ bytes: Buffer.from(t.subarray(0, length)), info });
      return true;
    });
    return out;
  }

  /** Every term's raw bytes in order, without decoding strings (for merging and scans that compare bytes). */
  allBytes(visit: (bytes: Buffer, length: number, info: Omit<TermInfo, 'term'>) => boolean): void {
    this.load();
    for (let b = 0; b < this.blocks; b++) if (!this.scanBlock(b, visit)) return;
  }
}

/** Walks a dictionary term by term, one block in memory at a time. */
export class DictionaryCursor {
  private block: Array<{ bytes: Buffer; info: Omit<TermInfo, 'term'> }> = [];
  private at = 0;
  private nextBlock = 0;
  bytes: Buffer = Buffer.alloc(0);
  info: Omit<TermInfo, 'term'> = { docFreq: 0, postOffset: 0, postLength: 0, posOffset: 0, posLength: 0 };

  constructor(private readonly reader: DictionaryReader) {}

  /** Moves to the next term; false at the end. */
  next(): boolean {
    while (this.at >= this.block.length) {
      if (this.nextBlock >= this.reader.blockCount) return false;
      this.block = this.reader.blockTerms(this.nextBlock++);
      this.at = 0;
    }
    const e = this.block[this.at++]!;
    this.bytes = e.bytes;
    this.info = e.info;
    return true;
  }
}
