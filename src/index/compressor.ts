// Store blocks deflated on a second thread while the build goes on analysing articles. The
// build's loop is synchronous, so the results are not delivered as events: the worker posts
// each block on a message port and counts it in shared memory, and the build collects them
// with receiveMessageOnPort, waiting on the counter (Atomics.wait) only when it needs a block
// that is not back yet. Blocks travel in batches: a message costs more than deflating a block. A worker that cannot start or stops answering leaves its blocks to be
// deflated on the build's own thread, as without it.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
const done = new Int32Array(workerData.done);
workerData.port.on('message', (m) => {
  const blocks = [];
  let at = 0;
  for (const length of m.lengths) {
    blocks.push(deflateSync(m.bytes.subarray(at, at + length), { level: m.level }));
    at += length;
  }
  // A fresh buffer, never a slice of node's shared pool, so that it can be transferred.
  const bytes = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let to = 0;
  for (const b of blocks) {
    bytes.set(b, to);
    to += b.length;
  }
  workerData.port.postMessage({ first: m.first, lengths: blocks.map((b) => b.length), bytes }, [bytes.buffer]);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
`;

/** Blocks sent to the worker in one message: a message costs far more than deflating a small block. */
const BATCH = 64;

/** Blocks sent and not back yet, beyond which a producer waits (bounding the memory they hold). */
const MAX_IN_FLIGHT = 256;

/** How long a wait for the worker may last before its blocks are deflated here instead. */
const STALL_MS = 20_000;

interface Pending {
  raw: Uint8Array;
  level: number;
  deliver: (block: Buffer) => void;
}

/** One worker deflating blocks for any number of store builders, in the order they were sent. */
export class BlockCompressor {
  private port: MessagePort;
  private done: Int32Array;
  private pending = new Map<number, Pending>();
  private nextKey = 0;
  private dead = false;

  private constructor(
    private worker: Worker,
    port: MessagePort,
    done: Int32Array,
  ) {
    this.port = port;
    this.done = done;
  }

  /** A compressor with its worker, or null where no worker can start. */
  static start(): BlockCompressor | null {
    try {
      const shared = new SharedArrayBuffer(4);
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, done: shared }, transferList: [port2] });
      worker.unref();
      port1.unref();
      const c = new BlockCompressor(worker, port1, new Int32Array(shared));
      worker.on('error', () => (c.dead = true));
      worker.on('exit', () => (c.dead = true));
      return c;
    } catch {
      return null;
    }
  }

  // Blocks not sent yet: their bytes end to end, and where each starts.
  private batch: Uint8Array[] = [];
  private batchFirst = 0;
  private level = 1;

  /** Sends a block's bytes (copied) to be deflated; `deliver` gets the result during a later call. */
  submit(raw: Uint8Array, level: number, deliver: (block: Buffer) => void): void {
    this.collect();
    while (this.pending.size >= MAX_IN_FLIGHT) this.waitForAny();
    const key = this.nextKey++;
    // A copy: the caller reuses its buffer, and a Buffer's slice would share it.
    const copy = new Uint8Array(raw);
    this.pending.set(key, { raw: copy, level, deliver });
    if (this.dead) return this.fallback();
    if (this.batch.length > 0 && level !== this.level) this.send();
    if (this.batch.length === 0) this.batchFirst = key;
    this.level = level;
    this.batch.push(copy);
    if (this.batch.length >= BATCH) this.send();
  }

  private send(): void {
    if (this.batch.length === 0) return;
    const bytes = new Uint8Array(this.batch.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of this.batch) {
      bytes.set(b, at);
      at += b.length;
    }
    const lengths = this.batch.map((b) => b.length);
    this.port.postMessage({ first: this.batchFirst, lengths, bytes, level: this.level }, [bytes.buffer]);
    this.batch = [];
  }

  /** Waits until every block sent has been delivered. */
  drain(): void {
    this.send();
    this.collect();
    while (this.pending.size > 0) this.waitForAny();
  }

  /** Delivers what the worker has finished. */
  collect(): void {
    for (;;) {
      const m = receiveMessageOnPort(this.port) as { message: { first: number; lengths: number[]; bytes: Uint8Array } } | undefined;
      if (!m) return;
      const { first, lengths, bytes } = m.message;
      let at = 0;
      lengths.forEach((length, i) => {
        const p = this.pending.get(first + i);
        const block = Buffer.from(bytes.buffer, bytes.byteOffset + at, length);
        at += length;
        if (!p) return;
        this.pending.delete(first + i);
        p.deliver(block);
      });
    }
  }

  private waitForAny(): void {
    this.send();
    const before = this.pending.size;
    const seen = Atomics.load(this.done, 0);
    this.collect();
    if (this.pending.size < before) return;
    if (this.dead || Atomics.wait(this.done, 0, seen, STALL_MS) === 'timed-out') {
      this.collect();
      if (this.pending.size === before) this.fallback();
    }
  }

  // The worker is gone or stuck: deflate what it holds here, and send nothing more to it.
  private fallback(): void {
    if (!this.dead) void this.worker.terminate().catch(() => {});
    this.dead = true;
    for (const [key, p] of this.pending) {
      this.pending.delete(key);
      p.deliver(deflateSync(p.raw, { level: p.level }));
    }
  }
}

let shared: BlockCompressor | null | undefined;

/** The process's compressor, started on first use (null where workers cannot run). */
export function blockCompressor(): BlockCompressor | null {
  if (shared === undefined) shared = BlockCompressor.start();
  return shared;
}
