// Articles analysed on a second thread while the build's own thread reads the next ones and
// turns the analysed ones into postings. Tokenizing, looking spellings up and analysing new
// ones, positions and signatures are pure per article, and they are most of a build's work.
//
// The worker runs the same DocumentIndexer as the build's thread, against a sink that records
// its calls for the headline and body: term ids of the worker's own dictionary, occurrences,
// stem terms, and each article's text lengths and signature. A batch's recording travels
// back as one Int32Array with the terms the dictionary gained since the last batch. The
// build's thread replays the recording into the segment, giving each worker term its segment
// term id on first sight in that segment, and adds the metadata fields and stored record.
// A segment's files depend only on its terms' spellings, never on the order ids were given,
// so the index is the same byte for byte as one built on a single thread.
//
// The worker's dictionary and spelling table are started again whenever the build writes a
// segment, as the single-threaded indexer's are, so that their memory stays within the budget.
// Results are collected synchronously (receiveMessageOnPort, Atomics.wait on a counter the
// worker bumps), as the compressor's are. A worker that fails, or cannot start (the sources
// run unbundled under the tests), leaves every article to the build's own thread.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { bodyText, type Article } from '../model/article';
import { SIGNATURE_SIZE, type SegmentBuffer } from '../index/segment-writer';
import { FIELDS, FIELD_ID } from '../index/schema';
import { DocumentIndexer, type TextFacts, type TextSink } from './document';

declare const __NEWSQ_PREBUILT__: boolean;

const NF = FIELDS.length;
/**
 * Marks a document's end in a recording. A term's positions in a positional field are
 * recorded as (field, term, count, positions…), a term of another field as (NF + field,
 * term, frequency).
 */
const END = -1;

/** Articles per message: a message costs far more than handing over one article. */
const BATCH = 32;
/** Batches sent and not back yet, beyond which the build's thread waits. */
const MAX_IN_FLIGHT = 4;
/** Articles indexed on the build's own thread before the worker is started (a small addition does not pay its start). */
const START_AFTER = 256;
/** How long a wait for the worker may last before its articles are analysed here instead. */
const STALL_MS = 60_000;

/** Where analysed articles go: the index writer. */
export interface IndexTarget {
  readonly segment: SegmentBuffer;
  /** Called after each article, with the memory the analysis holds besides the segment. */
  documentAdded(extra: number): void;
}

/** A message to the worker. */
export interface Request {
  seq: number;
  /** Headline and body text of each article, in turn. */
  texts?: string[];
  /** Start a new dictionary (the build wrote a segment). */
  reset?: boolean;
}

/** The worker's answer to a batch. */
export interface Reply {
  seq: number;
  epoch: number;
  /** Terms the worker's dictionary gained, in id order. */
  words: string[];
  ops: Int32Array;
  /** Memory the worker's spelling table holds. */
  table: number;
  error?: string;
}

class Ints {
  data = new Int32Array(1 << 16);
  length = 0;
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow(this.length + 3);
    this.data[this.length++] = a;
    this.data[this.length++] = b;
    this.data[this.length++] = c;
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  grow(size: number): void {
    let n = this.data.length * 2;
    while (n < size) n *= 2;
    const next = new Int32Array(n);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** The worker's sink: records an indexer's calls, with term ids of its own dictionary. */
export class RecordingSink implements TextSink {
  readonly words: string[] = [];
  private ids = new Map<string, number>();
  private sent = 0;
  private ops = new Ints();

  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  // The current text's occurrences, grouped per (term, field) when the text ends (as the
  // segment groups them): each key's positions, chained in the order they came.
  private occ = new Ints();
  private slotOf = new Int32Array(1 << 16).fill(-1);
  private slots = new Ints();

  occurrence(field: number, termId: number, position: number): void {
    this.occ.push3(termId * 2 + (field === this.bodyField ? 1 : 0), position, -1);
  }

  private readonly bodyField = FIELD_ID.body;

  // Writes the current text's occurrences as one op per (term, field): its positions in order.
  private group(): void {
    const occ = this.occ.data;
    const n = this.occ.length;
    if (n === 0) return;
    if (this.slotOf.length < this.words.length * 2) {
      let size = this.slotOf.length;
      while (size < this.words.length * 2) size *= 2;
      this.slotOf = new Int32Array(size).fill(-1);
    }
    const slotOf = this.slotOf;
    // Per slot: its key, first and last occurrence (by index into occ), count.
    const slots = this.slots;
    slots.length = 0;
    for (let i = 0; i < n; i += 3) {
      const k = occ[i]!;
      const s = slotOf[k]!;
      if (s < 0) {
        slotOf[k] = slots.length;
        slots.push(k);
        slots.push(i);
        slots.push(i);
        slots.push(1);
      } else {
        occ[slots.data[s + 2]! + 2] = i;
        slots.data[s + 2] = i;
        slots.data[s + 3]!++;
      }
    }
    const ops = this.ops;
    const sd = slots.data;
    for (let s = 0; s < slots.length; s += 4) {
      const k = sd[s]!;
      slotOf[k] = -1;
      const count = sd[s + 3]!;
      ops.push3(k & 1 ? FIELD_ID.body : FIELD_ID.title, k >> 1, count);
      for (let i = sd[s + 1]!; i >= 0; i = occ[i + 2]!) ops.push(occ[i + 1]!);
    }
    this.occ.length = 0;
  }

  term(field: number, termId: number, freq: number): void {
    this.ops.push3(NF + field, termId, freq);
  }

  /** The end of an article's headline and body. */
  end(facts: TextFacts): void {
    this.group();
    const ops = this.ops;
    ops.push(END);
    ops.push(facts.titleLength);
    ops.push(facts.bodyLength);
    const sig = facts.signature;
    ops.push(sig ? 1 : 0);
    if (sig) for (let i = 0; i < SIGNATURE_SIZE; i++) ops.push(sig[i]!);
  }

  /** The recording since the last call, with the terms first given an id in it. */
  take(): { words: string[]; ops: Int32Array } {
    const ops = this.ops.data.slice(0, this.ops.length);
    this.ops.length = 0;
    const words = this.words.slice(this.sent);
    this.sent = this.words.length;
    return { words, ops };
  }
}

/** The worker's work: a function that analyses one request (a batch, or a reset, which has no reply). */
export function analysisHandler(): (m: Request) => Reply | null {
  const indexer = new DocumentIndexer();
  let sink = new RecordingSink();
  let epoch = 0;
  return (m) => {
    if (m.reset) {
      if (sink.words.length > 0) {
        sink = new RecordingSink();
        epoch++;
      }
      return null;
    }
    try {
      const texts = m.texts!;
      for (let i = 0; i < texts.length; i += 2) sink.end(indexer.addText(sink, texts[i]!, texts[i + 1]!));
      return { seq: m.seq, epoch, ...sink.take(), table: indexer.bytesUsed() };
    } catch (err) {
      return { seq: m.seq, epoch, words: [], ops: new Int32Array(0), table: 0, error: String(err) };
    }
  };
}

/** The worker's side: analyses the batches that come in on `port`, in order. */
export function serveAnalysis(data: { port: MessagePort; done: SharedArrayBuffer }): void {
  const done = new Int32Array(data.done);
  const handle = analysisHandler();
  data.port.on('message', (m: Request) => {
    const reply = handle(m);
    if (!reply) return;
    data.port.postMessage(reply, [reply.ops.buffer as ArrayBuffer]);
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
  });
}

// Started in the worker: loads the bundle as bin/newsq.js does (with its code cache), then serves.
const BOOT = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
let cachedData;
try { cachedData = fs.readFileSync(workerData.cache); } catch {}
const script = new vm.Script(fs.readFileSync(workerData.bundle, 'latin1'), { filename: workerData.bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, workerData.bundle, path.dirname(workerData.bundle));
mod.exports.serveAnalysis(workerData);
`;

/** The bundle this code runs from, or null when it runs from the sources (which a worker cannot load). */
function bundlePath(): string | null {
  return typeof __NEWSQ_PREBUILT__ !== 'undefined' && __NEWSQ_PREBUILT__ && typeof __filename === 'string' ? __filename : null;
}

/** The build's side of a worker: requests go out in order, replies come back in order. */
export interface AnalysisChannel {
  send(m: Request): void;
  /** A reply if one is there. */
  receive(): Reply | null;
  /** Waits for a reply; null when the worker is gone or stalled. */
  wait(): Reply | null;
  stop(): void;
}

class AnalysisThread implements AnalysisChannel {
  private constructor(
    private worker: Worker,
    readonly port: MessagePort,
    private done: Int32Array,
  ) {}
  dead = false;

  static start(): AnalysisThread | null {
    const bundle = bundlePath();
    if (!bundle) return null;
    try {
      const shared = new SharedArrayBuffer(4);
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(BOOT, {
        eval: true,
        workerData: { port: port2, done: shared, bundle, cache: `${bundle}.${process.versions.v8}.cache` },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      const t = new AnalysisThread(worker, port1, new Int32Array(shared));
      worker.on('error', () => (t.dead = true));
      worker.on('exit', () => (t.dead = true));
      return t;
    } catch {
      return null;
    }
  }

  send(m: Request): void {
    this.port.postMessage(m);
  }

  receive(): Reply | null {
    const m = receiveMessageOnPort(this.port) as { message: Reply } | undefined;
    return m ? m.message : null;
  }

  /** Waits for a reply; null when the worker is gone or stalled. */
  wait(): Reply | null {
    for (;;) {
      const seen = Atomics.load(this.done, 0);
      const r = this.receive();
      if (r) return r;
      if (this.dead || Atomics.wait(this.done, 0, seen, STALL_MS) === 'timed-out') {
        const late = this.receive();
        if (late) return late;
        this.stop();
        return null;
      }
    }
  }

  stop(): void {
    this.dead = true;
    void this.worker.terminate().catch(() => {});
  }
}

/** Whether articles are analysed on a worker: NEWSQ_ANALYSIS_THREAD=0 never, =1 from the first article, else past START_AFTER. */
function startAfter(): number {
  const v = process.env.NEWSQ_ANALYSIS_THREAD;
  return v === '0' ? Infinity : v === '1' ? 0 : START_AFTER;
}

/** Indexes articles into a writer, analysing them on a worker thread where one can run. */
export class ArticleIndexer {
  private local: DocumentIndexer | null = new DocumentIndexer();
  // Ends documents analysed on the worker (it holds no spellings).
  private meta = new DocumentIndexer();
  private thread: AnalysisChannel | null | undefined;
  private seen = 0;
  private queue: Article[] = [];
  private inFlight: Array<{ seq: number; articles: Article[] }> = [];
  private seq = 0;
  // The current worker dictionary (its epoch), and each of its terms' id in the current segment.
  private epoch = 0;
  private words: string[] = [];
  private idOf = new Int32Array(1 << 16);
  private stampOf = new Int32Array(1 << 16);
  private stamp = 1;
  private segment: SegmentBuffer | null = null;

  constructor(
    private readonly target: IndexTarget,
    /** Starts the worker (tests give one that answers on this thread); null where none can run. */
    private readonly start: () => AnalysisChannel | null = AnalysisThread.start,
    /** Articles indexed on this thread before the worker starts. */
    private readonly threshold = startAfter(),
  ) {}

  /** Indexes one article (its keywords final); it may reach the segment during a later call. */
  add(a: Article): void {
    if (this.thread === undefined && this.seen++ >= this.threshold) {
      this.thread = this.start();
      // The build thread's spelling table is of no more use.
      if (this.thread) this.local = null;
    }
    if (!this.thread) return this.addHere(a);
    this.queue.push(a);
    if (this.queue.length >= BATCH) this.send();
    this.collect();
  }

  /** Brings every article added so far into the segment. */
  drain(): void {
    this.send();
    while (this.inFlight.length > 0 && this.thread) this.applyNext(this.thread.wait());
    this.queue = [];
  }

  /** Stops the worker (after drain, or when a build is abandoned). */
  close(): void {
    this.thread?.stop();
    this.thread = null;
  }

  private addHere(a: Article): void {
    this.local ??= new DocumentIndexer();
    this.local.add(this.target.segment, a);
    this.target.documentAdded(this.local.bytesUsed());
  }

  private send(): void {
    if (this.queue.length === 0 || !this.thread) return;
    const batch = { seq: this.seq++, articles: this.queue };
    this.queue = [];
    this.inFlight.push(batch);
    this.thread.send({ seq: batch.seq, texts: batch.articles.flatMap((a) => [a.title, bodyText(a)]) });
    while (this.inFlight.length > MAX_IN_FLIGHT && this.thread) this.applyNext(this.thread.wait());
  }

  private collect(): void {
    while (this.inFlight.length > 0 && this.thread) {
      const r = this.thread.receive();
      if (!r) return;
      this.applyNext(r);
    }
  }

  private applyNext(r: Reply | null): void {
    const batch = this.inFlight[0]!;
    if (!r || r.error !== undefined || r.seq !== batch.seq) {
      // The worker failed: what it held is analysed here, in order (an article that cannot
      // be analysed fails here as it would have without the worker).
      this.thread?.stop();
      this.thread = null;
      const rest = [...this.inFlight.flatMap((b) => b.articles), ...this.queue];
      this.inFlight = [];
      this.queue = [];
      for (const a of rest) this.addHere(a);
      return;
    }
    this.inFlight.shift();
    this.replay(batch.articles, r);
  }

  private replay(articles: Article[], r: Reply): void {
    if (r.epoch !== this.epoch) {
      this.epoch = r.epoch;
      this.words = [];
      this.stamp++;
    }
    for (const w of r.words) this.words.push(w);
    if (this.idOf.length < this.words.length) {
      let n = this.idOf.length;
      while (n < this.words.length) n *= 2;
      const ids = new Int32Array(n);
      ids.set(this.idOf);
      this.idOf = ids;
      const stamps = new Int32Array(n);
      stamps.set(this.stampOf);
      this.stampOf = stamps;
    }
    let seg = this.currentSegment();
    // Locals: the loop runs for every term of every article.
    const ops = r.ops;
    const idOf = this.idOf;
    const stampOf = this.stampOf;
    const words = this.words;
    let stamp = this.stamp;
    let at = 0;
    let doc = 0;
    while (at < ops.length) {
      const op = ops[at]!;
      if (op !== END) {
        const w = ops[at + 1]!;
        let id: number;
        if (stampOf[w] === stamp) id = idOf[w]!;
        else {
          id = idOf[w] = seg.termId(words[w]!);
          stampOf[w] = stamp;
        }
        if (op < NF) {
          const count = ops[at + 2]!;
          seg.positions(op, id, ops, at + 3, count);
          at += 3 + count;
        } else {
          seg.term(op - NF, id, ops[at + 2]!);
          at += 3;
        }
        continue;
      }
      const a = articles[doc++]!;
      const titleLength = ops[at + 1]!;
      const bodyLength = ops[at + 2]!;
      const signed = ops[at + 3] === 1;
      at += 4;
      const signature = signed ? ops.subarray(at, at + SIGNATURE_SIZE) : null;
      if (signed) at += SIGNATURE_SIZE;
      // The metadata fields and the stored record are made here: this thread has time to spare.
      this.meta.finish(seg, a, { titleLength, bodyLength, signature });
      this.target.documentAdded(r.table);
      seg = this.currentSegment();
      stamp = this.stamp;
    }
  }

  // The writer's segment; a new one (the last was written) takes new term ids, and the worker a new dictionary.
  private currentSegment(): SegmentBuffer {
    const seg = this.target.segment;
    if (seg !== this.segment) {
      if (this.segment !== null) this.thread?.send({ seq: -1, reset: true });
      this.segment = seg;
      this.stamp++;
    }
    return seg;
  }
}
