// A temporary file of JSON records, written during a build and read back from its start, once or
// more: what a build must hold until it has seen the whole archive goes to disk, not into memory.

import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';

export class SpillFile<T> {
  private fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  write(record: T): void {
    const line = JSON.stringify(record);
    this.pending.push(line);
    this.pendingChars += line.length;
    this.count++;
    if (this.pendingChars > 1 << 20) this.drain();
  }

  private drain(): void {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join('\n') + '\n', 'utf8');
    for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off, data.length - off);
    this.pending = [];
    this.pendingChars = 0;
  }

  /** The records in the order written. */
  *read(): Generator<T> {
    this.drain();
    const chunk = Buffer.allocUnsafe(1 << 20);
    let pos = 0;
    let carry = '';
    for (;;) {
      const n = readSync(this.fd, chunk, 0, chunk.length, pos);
      if (n === 0) break;
      pos += n;
      // A multi-byte character cut at the chunk's end is completed by the next chunk.
      let end = n;
      while (end > 0 && (chunk[end - 1]! & 0xc0) === 0x80) end--;
      if (end > 0 && chunk[end - 1]! >= 0xc0) end--;
      const text = carry + chunk.toString('utf8', 0, end);
      pos -= n - end;
      const lines = text.split('\n');
      carry = lines.pop()!;
      for (const line of lines) if (line) yield JSON.parse(line) as T;
    }
    if (carry) yield JSON.parse(carry) as T;
  }

  /** Closes and removes the file. */
  remove(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }
}
