// Writes a segment's store: each article's JSON, zlib-compressed on its own so that one
// record can be read without the others. Compressing is about a sixth of a large build and
// independent of everything else the build does, so on a machine with a second core it can
// run in a worker thread while the main thread goes on tokenizing. Both writers produce the
// same bytes; the worker is only worth its start-up (tens of milliseconds) on large inputs.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { zlib } from './zlib';

/** zlib level of stored records: levels above 4 gain under 2% of size for a third more time. */
export const STORE_LEVEL = 4;

/** Where a segment's compressed records go. */
export interface StoreWriter {
  /** Starts the store file of a new segment. */
  open(path: string): void;
  /** Appends one record (the article's JSON). */
  add(json: string): void;
  /** Writes out, fsyncs and closes the current store; returns each record's compressed length. */
  finish(): number[];
  /** Releases the writer (a worker thread ends). */
  close(): void;
}

/** Compresses and writes on the calling thread. */
export class InlineStoreWriter implements StoreWriter {
  private fd = -1;
  private lengths: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  open(path: string): void {
    this.fd = openSync(path, 'w');
    this.lengths = [];
  }

  add(json: string): void {
    const record = zlib().deflateSync(Buffer.from(json, 'utf8'), { level: STORE_LEVEL });
    this.lengths.push(record.length);
    this.pending.push(record);
    this.pendingBytes += record.length;
    if (this.pendingBytes > 1 << 22) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buf = Buffer.concat(this.pending);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.pending = [];
    this.pendingBytes = 0;
  }

  finish(): number[] {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
    return this.lengths;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

// The worker runs InlineStoreWriter's steps; it reports the lengths (or the error) of a
// store when asked to finish, then raises a shared flag the main thread waits on.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { port, flag, level } = workerData;
const signal = new Int32Array(flag);
let fd = -1, lengths = [], pending = [], pendingBytes = 0, failure = null;
function flush() {
  if (pending.length === 0) return;
  const buf = Buffer.concat(pending);
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
  pending = [];
  pendingBytes = 0;
}
port.on('message', (m) => {
  if (m.kind === 'finish') {
    try {
      if (!failure) { flush(); fs.fsyncSync(fd); }
    } catch (err) { failure = failure || err; }
    try { if (fd >= 0) fs.closeSync(fd); } catch {}
    fd = -1;
    port.postMessage(failure ? { error: String(failure.message), code: failure.code } : { lengths });
    failure = null;
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    return;
  }
  if (failure) return;
  try {
    if (m.kind === 'open') {
      fd = fs.openSync(m.path, 'w');
      lengths = [];
    } else {
      for (const json of m.list) {
        const record = zlib.deflateSync(Buffer.from(json, 'utf8'), { level });
        lengths.push(record.length);
        pending.push(record);
        pendingBytes += record.length;
        if (pendingBytes > 1 << 22) flush();
      }
    }
  } catch (err) {
    failure = err;
  }
});
`;

/** A wait without end would hang the build if the worker died: give up after this long. */
const FINISH_TIMEOUT_MS = 10 * 60_000;

/** Compresses and writes in a worker thread; `finish` waits for it synchronously. */
export class WorkerStoreWriter implements StoreWriter {
  private worker: Worker;
  private port: MessagePort;
  private signal = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.signal.buffer, level: STORE_LEVEL },
      transferList: [port2],
    });
    // Neither may keep the process alive once the build is done.
    this.worker.unref();
    this.port.unref();
  }

  // Records go over in batches: a message per article cost the main thread more than the
  // copying itself (31,000 messages, over a second of a SaudiNewsNet build).
  private batch: string[] = [];
  private batchChars = 0;

  private send(): void {
    if (this.batch.length === 0) return;
    this.port.postMessage({ kind: 'records', list: this.batch });
    this.batch = [];
    this.batchChars = 0;
  }

  open(path: string): void {
    this.send();
    this.port.postMessage({ kind: 'open', path });
  }

  add(json: string): void {
    this.batch.push(json);
    this.batchChars += json.length;
    if (this.batch.length >= 256 || this.batchChars >= 1 << 20) this.send();
  }

  finish(): number[] {
    this.send();
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ kind: 'finish' });
    const deadline = Date.now() + FINISH_TIMEOUT_MS;
    while (Atomics.load(this.signal, 0) === 0) {
      if (Date.now() > deadline) throw new Error('the store writer thread stopped answering');
      Atomics.wait(this.signal, 0, 0, 200);
    }
    const reply = receiveMessageOnPort(this.port)?.message as { lengths?: number[]; error?: string; code?: string } | undefined;
    if (!reply) throw new Error('the store writer thread sent no answer');
    if (reply.error !== undefined) {
      const err = new Error(reply.error) as NodeJS.ErrnoException;
      if (reply.code) err.code = reply.code;
      throw err;
    }
    return reply.lengths!;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
