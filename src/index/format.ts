// The on-disk index format. An index is a directory holding a manifest and immutable
// segments. The manifest is replaced atomically (write, fsync, rename), and segment
// files are never modified once written, so a reader that has read a manifest sees one
// consistent index whatever a writer does meanwhile.
//
// Per segment:
//   <seg>.dict   sorted term dictionary in blocks with a small block index (see dictionary.ts)
//   <seg>.post   postings: per term a CRC32, then per field: field id, doc count and
//                (doc delta, term frequency) varint pairs
//   <seg>.docs   field lengths (a fixed-size row per document), then local day and minute
//                per document: two parts with a CRC each, as a search reads only the first
//   <seg>.sidx   offset, length and a CRC of that pair, for each document's stored record
//   <seg>.ids    document ids in doc order plus a permutation sorted by id
//   <seg>.store  each article's record, zlib-compressed (zlib's Adler-32 catches damage):
//                its JSON with the body as block kinds and lengths, then the body's text
//                (see stored-record.ts)
//   <seg>.titles headlines, one per line, for completion and headline matching
//   <seg>.del.N  optional bitmap of deleted documents (generation N)

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export const FORMAT_NAME = 'newsq-index';
export const FORMAT_VERSION = 5;
export const MANIFEST = 'manifest.json';
export const LOCK = 'lock';

export const MAGIC = {
  docs: 'NQDOCS03',
  titles: 'NQTITL01',
  ids: 'NQIDS001',
} as const;

/** Header size of the binary files: magic (8) + four u32 (count, extra, crc, reserved). */
export const HEADER = 24;

/** Sentinel for "no date" in the doc table. */
export const NO_DAY = -2147483648;

/** One segment as the manifest records it. */
export interface SegmentInfo {
  name: string;
  docCount: number;
  /** Deletion bitmap file, or null. */
  deletions: string | null;
  deletedCount: number;
  /** Byte sizes of the segment's files, checked on open to catch truncation. */
  sizes: Record<string, number>;
}

/** The manifest: everything a reader needs to open the index. */
export interface Manifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  analyzerVersion: number;
  analyzerFingerprint: string;
  /** The archive's UTC offset, used for its local dates. */
  utcOffset: string;
  generation: number;
  created: string;
  updated: string;
  fields: string[];
  segments: SegmentInfo[];
  /** Live documents, and the sum of each field's length over them (for BM25's averages). */
  documentCount: number;
  totalFieldLength: number[];
  /** Date span of the archive (local days), for open date ranges and stats. */
  firstDay: string | null;
  lastDay: string | null;
  /** Inputs the index was built from (as given), and a digest of their contents, to tell whether it is stale. */
  inputs: string[];
  inputsDigest: string;
  /** Index-level JSON files: keyword vocabulary and resolved related-story links. */
  sidecars: { keywords: string | null; links: string | null };
  /** Size and CRC-32 of each sidecar: they are JSON, so an edit can keep them parseable. */
  sidecarSums: { keywords: FileSum | null; links: FileSum | null };
  /** CRC-32 (hex) of the manifest's JSON without this field; added when it is written. */
  checksum?: string;
}

/** Byte size and CRC-32 of a file, recorded when it was written. */
export interface FileSum {
  size: number;
  crc: number;
}

/**
 * A headline as the titles file holds it: one line, and a lone surrogate (a headline cut in
 * the middle of an emoji) as U+FFFD, which is what writing it as UTF-8 makes of it.
 */
export function titleLine(title: string): string {
  return title.replace(/[\r\n]+/g, ' ').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export { crc32 } from './crc32';

/** Growable byte buffer for writing varints and raw bytes. */
export class ByteWriter {
  buf: Buffer;
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** Appends an unsigned integer as a LEB128 varint. */
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

  u32(value: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** The written bytes (a view, valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

/** Reads LEB128 varints from a buffer. */
export class VarintReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = this.buf[this.pos++];
      if (b === undefined) throw new Error('truncated varint');
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }

  byte(): number {
    const b = this.buf[this.pos++];
    if (b === undefined) throw new Error('truncated data');
    return b;
  }
}

/** Writes a binary file header: magic, three u32 values and the CRC of the body. */
export function header(magic: string, a: number, b: number, bodyCrc: number): Buffer {
  const h = Buffer.alloc(HEADER);
  h.write(magic, 0, 'latin1');
  h.writeUInt32LE(a >>> 0, 8);
  h.writeUInt32LE(b >>> 0, 12);
  h.writeUInt32LE(bodyCrc >>> 0, 16);
  return h;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(day: string): number {
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000);
}

/** The 'YYYY-MM-DD' day of a day number. */
export function dayString(n: number): string {
  // Worked out by arithmetic (days to civil date, with years of 400-year eras starting in
  // March): the first toISOString of a process costs about a millisecond.
  if (!Number.isInteger(n) || n < -719_468 || n > 2_932_896) return new Date(n * 86_400_000).toISOString().slice(0, 10);
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Writes a file and fsyncs it; returns its size. */
export function writeFileSynced(path: string, data: Uint8Array): number {
  const fd = openSync(path, 'w');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return data.length;
}
