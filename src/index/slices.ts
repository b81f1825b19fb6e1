// Growing byte streams, many at once, in one pool: how an in-memory segment keeps every
// term's postings as the varints they will be written as, in about a byte and a half a
// posting, and hands them to the file in order without sorting (Lucene keeps its in-memory
// postings the same way, in ByteBlockPool slices). A stream starts as a small slice; when a
// slice is full, a larger one is taken and the last four bytes of the full one are moved
// into it, their place taken by the new slice's address. A slice ends in a byte holding its
// size class, which tells a writer it has reached the end.

/** Slice sizes by class: a stream's slices grow as it does. */
const SIZES = [5, 14, 20, 30, 40, 40, 80, 80, 120, 200];
const BLOCK = 1 << 16;

export class SlicePool {
  private blocks: Uint8Array[] = [];
  private block: Uint8Array = new Uint8Array(0);
  private used = BLOCK;
  /** Per stream: where its next byte goes, and where its first slice starts (-1: no stream yet). */
  private write = new Float64Array(1 << 12).fill(-1);
  private head = new Float64Array(1 << 12).fill(-1);

  /** Bytes held by the pool. */
  get bytes(): number {
    return this.blocks.length * BLOCK + this.write.byteLength * 2;
  }

  // A new zeroed slice of size class `level`, its last byte marking its end; returns its address.
  private allocate(level: number): number {
    const size = SIZES[level]!;
    if (this.used + size > BLOCK) {
      this.block = new Uint8Array(BLOCK);
      this.blocks.push(this.block);
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    this.block[at + size - 1] = 16 | level;
    return (this.blocks.length - 1) * BLOCK + at;
  }

  private ensureStreams(n: number): void {
    if (n <= this.write.length) return;
    let size = this.write.length;
    while (size < n) size *= 2;
    const w = new Float64Array(size).fill(-1);
    w.set(this.write);
    this.write = w;
    const h = new Float64Array(size).fill(-1);
    h.set(this.head);
    this.head = h;
  }

  /** Whether stream `s` has any byte. */
  has(s: number): boolean {
    return s < this.head.length && this.head[s]! >= 0;
  }

  /** Appends a byte to stream `s`. */
  byte(s: number, value: number): void {
    this.ensureStreams(s + 1);
    let at = this.write[s]!;
    if (at < 0) {
      at = this.allocate(0);
      this.head[s] = at;
    }
    let block = this.blocks[Math.floor(at / BLOCK)]!;
    let i = at % BLOCK;
    if (block[i] !== 0) {
      // The end of a full slice: take the next size, carry its last three data bytes over,
      // and put the new slice's address in their place.
      const level = Math.min(SIZES.length - 1, (block[i]! & 15) + 1);
      const next = this.allocate(level);
      const nb = this.blocks[Math.floor(next / BLOCK)]!;
      const ni = next % BLOCK;
      nb[ni] = block[i - 3]!;
      nb[ni + 1] = block[i - 2]!;
      nb[ni + 2] = block[i - 1]!;
      block[i - 3] = next >>> 24;
      block[i - 2] = (next >>> 16) & 0xff;
      block[i - 1] = (next >>> 8) & 0xff;
      block[i] = next & 0xff;
      at = next + 3;
      block = nb;
      i = ni + 3;
    }
    block[i] = value;
    this.write[s] = at + 1;
  }

  /** Appends an unsigned integer as a varint to stream `s`. */
  varint(s: number, value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.byte(s, (v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(s, v);
  }

  /** Copies stream `s` into `out` (which must have room); returns the number of bytes. */
  read(s: number, out: { bytes(data: Uint8Array): void }): number {
    let at = this.head[s]!;
    if (at < 0) return 0;
    const end = this.write[s]!;
    let level = 0;
    let total = 0;
    for (;;) {
      const block = this.blocks[Math.floor(at / BLOCK)]!;
      const i = at % BLOCK;
      // The data part of this slice: all but its last four bytes, unless the stream ends in it.
      const sliceEnd = i + SIZES[level]! - 4;
      const endBlock = Math.floor(end / BLOCK);
      if (endBlock === Math.floor(at / BLOCK) && end % BLOCK >= i && end % BLOCK <= sliceEnd + 4) {
        out.bytes(block.subarray(i, end % BLOCK));
        return total + (end % BLOCK) - i;
      }
      out.bytes(block.subarray(i, sliceEnd));
      total += sliceEnd - i;
      at = ((block[sliceEnd]! << 24) | (block[sliceEnd + 1]! << 16) | (block[sliceEnd + 2]! << 8) | block[sliceEnd + 3]!) >>> 0;
      level = Math.min(SIZES.length - 1, level + 1);
    }
  }
}
