// Growable byte buffers and LEB128 varints: the encoding every index file is written in.

/** A growable byte buffer for writing varints, fixed-width integers and raw bytes. */
export class ByteWriter {
  buf: Buffer;
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initial));
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** Appends an unsigned integer (below 2^53) as a LEB128 varint. */
  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.length++] = v;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buf[this.length++] = value;
  }

  u16(value: number): void {
    this.ensure(2);
    this.buf.writeUInt16LE(value, this.length);
    this.length += 2;
  }

  u32(value: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
  }

  i32(value: number): void {
    this.ensure(4);
    this.buf.writeInt32LE(value | 0, this.length);
    this.length += 4;
  }

  /** A number below 2^53 as 8 bytes (offsets into files larger than 4 GiB). */
  u64(value: number): void {
    this.u32(value % 0x1_0000_0000);
    this.u32(Math.floor(value / 0x1_0000_0000));
  }

  /** A double, little-endian (byte offsets of large files, read back as a Float64Array). */
  f64(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** A string as its UTF-8 byte length (varint) and bytes. */
  string(text: string): void {
    const n = Buffer.byteLength(text, 'utf8');
    this.varint(n);
    this.ensure(n);
    this.buf.write(text, this.length, 'utf8');
    this.length += n;
  }

  /** The written bytes (a view, valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Thrown when encoded data runs out or does not add up; readers name the file. */
export class DecodeError extends Error {}

/** Reads varints and fixed-width integers from a buffer. */
export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.end) throw new DecodeError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
      if (shift > 2 ** 56) throw new DecodeError('varint too long');
    }
  }

  u32(): number {
    if (this.pos + 4 > this.end) throw new DecodeError('truncated data');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): number {
    const lo = this.u32();
    return lo + this.u32() * 0x1_0000_0000;
  }

  bytes(n: number): Buffer {
    if (this.pos + n > this.end) throw new DecodeError('truncated data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const n = this.varint();
    return this.bytes(n).toString('utf8');
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Copies little-endian bytes into a fresh typed array: one memory copy on a little-endian
// host (every host newsq runs on in practice), element by element elsewhere.
function copyInto<T extends Int32Array | Uint32Array | Uint16Array | Float64Array>(out: T, bytes: Uint8Array, read: (i: number) => number): T {
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes.subarray(0, out.byteLength));
  else for (let i = 0; i < out.length; i++) out[i] = read(i);
  return out;
}

/** `n` little-endian signed 32-bit integers from the start of `bytes`. */
export function int32s(bytes: Buffer, n: number): Int32Array {
  return copyInto(new Int32Array(n), bytes, (i) => bytes.readInt32LE(i * 4));
}

/** `n` little-endian unsigned 32-bit integers from the start of `bytes`. */
export function uint32s(bytes: Buffer, n: number): Uint32Array {
  return copyInto(new Uint32Array(n), bytes, (i) => bytes.readUInt32LE(i * 4));
}

/** `n` little-endian unsigned 16-bit integers from the start of `bytes`. */
export function uint16s(bytes: Buffer, n: number): Uint16Array {
  return copyInto(new Uint16Array(n), bytes, (i) => bytes.readUInt16LE(i * 2));
}

/** `n` little-endian doubles from the start of `bytes`. */
export function float64s(bytes: Buffer, n: number): Float64Array {
  return copyInto(new Float64Array(n), bytes, (i) => bytes.readDoubleLE(i * 8));
}
