// All file access of an index goes through here: whole-file and streaming writes that end
// in a footer, positioned reads, atomic renames, listing and removal. Every index file ends
// with an 8-byte footer, the CRC-32 of everything before it and a magic word, as Lucene's
// and tantivy's files do: opening a file checks its size and that the footer is there
// (cheap, and catches truncation), while the CRC is verified in full where reading the
// whole file is the point anyway — `newsq index --check` and the inputs of a merge — and
// not by every cold query.

import { closeSync, fstatSync, fsyncSync, openSync, readSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { IndexCorruptError } from './errors';

/** Magic word closing every index file of this format. */
export const FOOTER_MAGIC = 0x3665514e; // 'NQe6' read as a little-endian u32
export const FOOTER = 8;

const CAUSES: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a folder',
  EISDIR: 'a folder, not a file',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
};

/** A one-line description of a failed file operation, naming the real cause: "cannot read FILE: permission denied (EACCES)". */
export function ioProblem(err: unknown, path: string, op: 'read' | 'write'): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const cause = code && CAUSES[code] ? `${CAUSES[code]} (${code})` : ((err as Error | null)?.message ?? String(err));
  return `cannot ${op} ${path}: ${cause}`;
}

/** A failed write or read of an index file, worded by ioProblem. */
export class IndexIoError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function ioError(err: unknown, path: string, op: 'read' | 'write' = 'write'): IndexIoError {
  return new IndexIoError(path, (err as NodeJS.ErrnoException | null)?.code, ioProblem(err, path, op));
}

function writeFully(fd: number, data: Uint8Array, path: string): void {
  let off = 0;
  try {
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
  } catch (err) {
    throw ioError(err, path);
  }
}

function footerOf(crc: number): Buffer {
  const f = Buffer.allocUnsafe(FOOTER);
  f.writeUInt32LE(crc >>> 0, 0);
  f.writeUInt32LE(FOOTER_MAGIC, 4);
  return f;
}

/** An index file being written front to back; `finish` adds the footer, syncs and closes it. */
export class FileOutput {
  private fd: number;
  private crc = 0;
  private pending: Buffer;
  private fill = 0;
  /** Bytes written so far (footer excluded). */
  written = 0;

  constructor(
    readonly path: string,
    /** Whether finish() syncs the file (false for a temporary index that no crash can leave behind to reopen). */
    private readonly durable = true,
  ) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw ioError(err, path);
    }
    this.pending = Buffer.allocUnsafe(1 << 20);
  }

  write(data: Uint8Array): void {
    if (data.length >= this.pending.length) {
      this.drain();
      this.crc = crc32(data, this.crc);
      writeFully(this.fd, data, this.path);
    } else {
      if (this.fill + data.length > this.pending.length) this.drain();
      this.pending.set(data, this.fill);
      this.fill += data.length;
    }
    this.written += data.length;
  }

  private drain(): void {
    if (this.fill === 0) return;
    const chunk = this.pending.subarray(0, this.fill);
    this.crc = crc32(chunk, this.crc);
    writeFully(this.fd, chunk, this.path);
    this.fill = 0;
  }

  /** Writes the footer, syncs and closes; returns the file's size. */
  finish(): number {
    this.drain();
    writeFully(this.fd, footerOf(this.crc), this.path);
    try {
      if (this.durable) fsyncSync(this.fd);
    } catch (err) {
      throw ioError(err, this.path);
    } finally {
      closeSync(this.fd);
    }
    return this.written + FOOTER;
  }

  /** Closes without finishing (the caller removes the file). */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

/** Bytes read by position: an open file, or a small file held whole. */
export interface ByteSource {
  readonly path: string;
  /** Size of the body (without the footer). */
  readonly length: number;
  read(pos: number, length: number): Buffer;
}

/** A file's body held in memory (read whole and verified). */
export class MemorySource implements ByteSource {
  constructor(
    readonly buf: Buffer,
    readonly path: string,
  ) {}

  get length(): number {
    return this.buf.length;
  }

  read(pos: number, length: number): Buffer {
    if (pos < 0 || length < 0 || pos + length > this.buf.length) throw new IndexCorruptError(this.path, `a read at ${pos}+${length} runs past the end (${this.buf.length})`);
    return this.buf.subarray(pos, pos + length);
  }
}

/** An index file opened for positioned reads; its size and footer are checked on open. */
export class FileInput implements ByteSource {
  /** Size of the body (the file without its footer). */
  readonly length: number;

  constructor(
    private readonly fd: number,
    readonly path: string,
    size: number,
  ) {
    this.length = size - FOOTER;
  }

  /** `length` bytes from `pos` of the body; a read past the body is damage. */
  read(pos: number, length: number, into?: Buffer): Buffer {
    if (pos < 0 || length < 0 || pos + length > this.length) throw new IndexCorruptError(this.path, `a read at ${pos}+${length} runs past the end (${this.length})`);
    const buf = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    let got = 0;
    try {
      while (got < length) {
        const n = readSync(this.fd, buf, got, length - got, pos + got);
        if (n === 0) throw new IndexCorruptError(this.path, 'file shorter than recorded');
        got += n;
      }
    } catch (err) {
      if (err instanceof IndexCorruptError) throw err;
      throw ioError(err, this.path, 'read');
    }
    return buf;
  }

  /** The whole body. */
  readAll(): Buffer {
    return this.read(0, this.length);
  }

  /** The whole body, its checksum checked against the footer. */
  readAllVerified(): Buffer {
    const body = this.readAll();
    if (this.readFooter().readUInt32LE(0) !== crc32(body) >>> 0) throw new IndexCorruptError(this.path, 'checksum mismatch (the file is damaged)');
    return body;
  }

  /** Reads the whole file and checks its CRC against the footer. */
  verify(): void {
    const chunk = 1 << 20;
    let crc = 0;
    const buf = Buffer.allocUnsafe(chunk);
    for (let pos = 0; pos < this.length; pos += chunk) crc = crc32(this.read(pos, Math.min(chunk, this.length - pos), buf), crc);
    const footer = this.readFooter();
    if (footer.readUInt32LE(0) !== crc >>> 0) throw new IndexCorruptError(this.path, 'checksum mismatch (the file is damaged)');
  }

  readFooter(): Buffer {
    const f = Buffer.allocUnsafe(FOOTER);
    try {
      const n = readSync(this.fd, f, 0, FOOTER, this.length);
      if (n !== FOOTER) throw new IndexCorruptError(this.path, 'no footer (the file is cut short)');
    } catch (err) {
      if (err instanceof IndexCorruptError) throw err;
      throw ioError(err, this.path, 'read');
    }
    return f;
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

/** The folder of one index. */
export class Directory {
  constructor(
    readonly path: string,
    /** Whether written files and renames are synced to disk (false: a temporary index). */
    readonly durable = true,
  ) {}

  file(name: string): string {
    return join(this.path, name);
  }

  /** Names in the folder ([] when it does not exist). */
  list(): string[] {
    try {
      return readdirSync(this.path);
    } catch {
      return [];
    }
  }

  /** Removes a file if it is there. */
  remove(name: string): void {
    try {
      unlinkSync(this.file(name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(err, this.file(name));
    }
  }

  /** Renames within the folder, atomically, then syncs the folder so the rename survives a crash. */
  rename(from: string, to: string): void {
    try {
      renameSync(this.file(from), this.file(to));
    } catch (err) {
      throw ioError(err, this.file(to));
    }
    this.sync();
  }

  sync(): void {
    if (!this.durable) return;
    try {
      const fd = openSync(this.path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Some file systems cannot sync a directory; the rename itself is still atomic.
    }
  }

  /** Starts writing an index file. */
  createOutput(name: string): FileOutput {
    return new FileOutput(this.file(name), this.durable);
  }

  /** Writes a whole index file (its footer added); returns its size. */
  writeFile(name: string, ...chunks: Uint8Array[]): number {
    const out = this.createOutput(name);
    try {
      for (const c of chunks) out.write(c);
      return out.finish();
    } catch (err) {
      out.abandon();
      throw err;
    }
  }

  /** Writes a plain file (no footer), synced: the manifest and other JSON files. */
  writePlain(name: string, data: Uint8Array): void {
    const path = this.file(name);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (err) {
      throw ioError(err, path);
    }
    try {
      writeFully(fd, data, path);
      if (this.durable) fsyncSync(fd);
    } catch (err) {
      throw err instanceof IndexIoError ? err : ioError(err, path);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Opens an index file for reading. With `expectedSize` (from the manifest) a file of
   * another size is damage; the footer's magic must be in place either way.
   */
  openInput(name: string, expectedSize?: number): FileInput {
    const path = this.file(name);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new IndexCorruptError(path, 'missing');
      if (code === 'EISDIR') throw new IndexCorruptError(path, 'a folder where an index file should be');
      throw ioError(err, path, 'read');
    }
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (err) {
      closeSync(fd);
      throw ioError(err, path, 'read');
    }
    const input = new FileInput(fd, path, size);
    if ((expectedSize !== undefined && size !== expectedSize) || size < FOOTER) {
      input.close();
      throw new IndexCorruptError(path, `size ${size}, expected ${expectedSize ?? `at least ${FOOTER}`} (cut short or replaced)`);
    }
    return input;
  }
}

/** Checks an opened file's footer magic (cheap: one 8-byte read). */
export function checkFooter(input: FileInput): void {
  if (input.readFooter().readUInt32LE(4) !== FOOTER_MAGIC) throw new IndexCorruptError(input.path, 'no index footer (damaged or not a newsq file)');
}
