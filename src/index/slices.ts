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
  private write: Int32Array;
  private head: Int32Array;

  constructor(streams = 1 << 15) {
    this.write = new Int32Array(streams).fill(-1);
    this.head = new Int32Array(streams).fill(-1);
  }

  /** Bytes held by the pool. */
  get bytes(): number {
    return this.blocks.length * BLOCK + this.write.byteLength * 2;
  }

  /** Makes room for streams 0 … n − 1. */
  ensureStreams(n: number): void {
    if (n <= this.write.length) return;
    let size = this.write.length;
    while (size < n) size *= 2;
    const w = new Int32Array(size).fill(-1);
    w.set(this.write);
    this.write = w;
    const h = new Int32Array(size).fill(-1);
    h.set(this.head);
    this.head = h;
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

  /** Whether stream `s` has any byte. */
  has(s: number): boolean {
    return s < this.head.length && this.head[s]! >= 0;
  }

  /** Appends an unsigned integer as a varint to stream `s` (made room for by ensureStreams); returns its byte count. */
  varint(s: number, value: number): number {
    let at = this.write[s]!;
    if (at < 0) at = this.head[s] = this.allocate(0);
    let v = value;
    let n = 0;
    for (;;) {
      const byte = v >= 0x80 ? (v & 0x7f) | 0x80 : v;
      let block = this.blocks[at >>> 16]!;
      let i = at & 0xffff;
      if (block[i] !== 0) {
        // The end of a full slice: take the next size, carry its last three data bytes over,
        // and put the new slice's address in their place.
        const level = Math.min(SIZES.length - 1, (block[i]! & 15) + 1);
        const next = this.allocate(level);
        const nb = this.blocks[next >>> 16]!;
        const ni = next & 0xffff;
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
      block[i] = byte;
      at++;
      n++;
      if (v < 0x80) break;
      v = Math.floor(v / 128);
    }
    this.write[s] = at;
    return n;
  }

  /** Copies stream `s` to `out`; returns the number of bytes. */
  read(s: number, out: { bytes(data: Uint8Array): void }): number {
    let at = this.head[s]!;
    if (at < 0) return 0;
    const end = this.write[s]!;
    let level = 0;
    let total = 0;
    for (;;) {
      const block = this.blocks[at >>> 16]!;
      const i = at & 0xffff;
      // The data part of this slice: all but its last four bytes, unless the stream ends in it.
      const sliceEnd = i + SIZES[level]! - 4;
      if (end >>> 16 === at >>> 16 && (end & 0xffff) >= i && (end & 0xffff) <= sliceEnd + 3) {
        out.bytes(block.subarray(i, end & 0xffff));
        return total + (end & 0xffff) - i;
      }
      out.bytes(block.subarray(i, sliceEnd));
      total += sliceEnd - i;
      at = ((block[sliceEnd]! << 24) | (block[sliceEnd + 1]! << 16) | (block[sliceEnd + 2]! << 8) | block[sliceEnd + 3]!) >>> 0;
      level = Math.min(SIZES.length - 1, level + 1);
    }
  }
}
