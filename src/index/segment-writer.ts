// Builds one segment in memory and writes its files. The ingest layer analyses each article
// and hands over term ids, positions and the document's own data; postings accumulate as
// flat typed arrays — a Map per term would cost several times the memory — and are grouped
// per term with a counting sort when the segment is written, which keeps each term's
// documents in the order they were added.
//
// A segment's files (each ending in a footer, see directory.ts):
//   .tim  term dictionary (dictionary.ts)
//   .pst  postings: per term, per field (ascending): field, documents, byte length, then
//         per document a varint of (document delta · 2 + 1) when its frequency is 1, or
//         (delta · 2) followed by the frequency
//   .pos  positions of the positional fields: per term, per such field: field, byte length,
//         then per document its frequency's positions as deltas (the first from 0)
//   .doc  doc table: the length columns and the time column, each n × 4 bytes
//   .sto  stored records in deflated blocks of STORE_BLOCK documents, then the block offsets
//   .ids  article ids: offsets, bytes, and the documents in id order
//   .ttl  headlines: offsets and bytes
//   .src  each document's source name, likewise (listings show the sources of wire copies)
//   .sig  near-duplicate signatures: n × SIGNATURE_SIZE 16-bit values

import { deflateSync } from 'node:zlib';
import { blockCompressor, type BlockCompressor } from './compressor';
import { ByteWriter } from './bytes';
import type { Directory, FileOutput } from './directory';
import { DictionaryWriter } from './dictionary';
import { SlicePool } from './slices';
import { FIELDS, LENGTH_COLUMNS, POSITIONAL } from './schema';
import type { SegmentInfo } from './format';

export const MAGIC = {
  post: 'NQPOST06',
  pos: 'NQPOSI06',
  docs: 'NQDOCS06',
  store: 'NQSTOR06',
  ids: 'NQIDS006',
  titles: 'NQTITL06',
  sources: 'NQSRCS06',
  sigs: 'NQSIGS06',
} as const;

/** Documents per compressed block of the store: a larger block compresses better, a smaller one is quicker to read one article from. */
export const STORE_BLOCK = 2;

/** Values per near-duplicate signature. */
export const SIGNATURE_SIZE = 32;

/** Zlib level of the store's blocks. */
const STORE_LEVEL = 1;

const NF = FIELDS.length;

/** What a segment keeps of a document besides its postings. */
export interface DocumentData {
  id: string;
  title: string;
  /** The outlet's name ('' when unknown). */
  source: string;
  /** Sort time (minutes, see schema.timeOf) or NO_TIME. */
  time: number;
  /** One value per LENGTH_COLUMNS entry. */
  lengths: ArrayLike<number>;
  /** The stored record's bytes (UTF-8 of stored-record.ts's text). */
  stored: Uint8Array;
  /** Near-duplicate signature, SIGNATURE_SIZE values below 65536, or null (no text to sign). */
  signature: ArrayLike<number> | null;
}

function hasSurrogate(t: string): boolean {
  for (let i = 0; i < t.length; i++) if ((t.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

/** Sorts terms in UTF-8 byte order (code point order), the order the dictionary is searched in. */
export function sortTerms(list: string[]): string[] {
  // UTF-16 order equals code point order unless a surrogate is involved.
  if (!list.some(hasSurrogate)) return list.sort();
  return list.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

class Growable {
  data: Int32Array;
  length = 0;
  constructor(initial: number) {
    this.data = new Int32Array(initial);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  get bytes(): number {
    return this.data.length * 4;
  }
}

/** One segment being built in memory. */
export class SegmentBuffer {
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private termBytes = 0;
  // Each (term, field) key's postings as they will be written (varints of document deltas
  // and frequencies), and for the positional fields its positions, in two streams of the
  // pool: key · 2 and key · 2 + 1. Per key: its last document, document count and bytes.
  private pool = new SlicePool();
  private lastDoc = new Int32Array(1 << 14);
  private docsOf = new Int32Array(1 << 14);
  private streamBytes = new Int32Array(1 << 15);
  // The current document's occurrences in positional fields.
  private occKey = new Growable(1 << 12);
  private occPos = new Growable(1 << 12);
  private slot = new Int32Array(1 << 16).fill(-1);
  private slotKeys = new Growable(1 << 10);
  private slotFirst = new Growable(1 << 10);
  private slotCount = new Growable(1 << 10);
  private nextOcc = new Growable(1 << 12);
  private ids: string[] = [];
  private titles: string[] = [];
  private sources: string[] = [];
  private titleBytes = 0;
  private columns = LENGTH_COLUMNS.map(() => new Growable(1 << 10));
  private times = new Growable(1 << 10);
  private signatures = new Growable(1 << 12);
  private store: StoreBuilder;

  /** `inlineStore`: deflate stored articles on this thread (a small index, where starting the worker costs more). */
  constructor(inlineStore = false) {
    this.store = new StoreBuilder(inlineStore ? null : blockCompressor());
  }
  /** Sums of the length columns over the segment's documents. */
  readonly totals = LENGTH_COLUMNS.map(() => 0);
  firstTime: number | null = null;
  lastTime: number | null = null;

  get docCount(): number {
    return this.ids.length;
  }

  /** Whether a document with this id is in the buffer (a linear scan: for the rare candidate repeat). */
  hasId(id: string): boolean {
    return this.ids.includes(id);
  }

  /** The id of a term in this segment (made on first sight). */
  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      this.termBytes += term.length * 2 + 80;
      const keys = this.terms.length * NF;
      if (keys > this.lastDoc.length) {
        let size = this.lastDoc.length;
        while (size < keys) size *= 2;
        const last = new Int32Array(size);
        last.set(this.lastDoc);
        this.lastDoc = last;
        const docs = new Int32Array(size);
        docs.set(this.docsOf);
        this.docsOf = docs;
        const bytes = new Int32Array(size * 2);
        bytes.set(this.streamBytes);
        this.streamBytes = bytes;
        this.pool.ensureStreams(size * 2);
      }
    }
    return id;
  }

  /** An occurrence of a term at a position of a positional field of the current document. */
  occurrence(field: number, termId: number, position: number): void {
    this.occKey.push(termId * NF + field);
    this.occPos.push(position);
  }

  /**
   * A term of a positional field of the current document with all of its positions there
   * (ascending): what `occurrence` gives one by one, grouped beforehand. A document's terms
   * come this way or by `occurrence`, never both.
   */
  positions(field: number, termId: number, positions: ArrayLike<number>, from: number, count: number): void {
    const key = termId * NF + field;
    this.posting(key, this.ids.length, count);
    const stream = key * 2 + 1;
    let last = 0;
    let bytes = 0;
    for (let i = from; i < from + count; i++) {
      const p = positions[i]!;
      bytes += this.pool.varint(stream, p - last);
      last = p;
    }
    this.streamBytes[stream]! += bytes;
  }

  /** A term of a non-positional field of the current document, with its frequency. */
  term(field: number, termId: number, freq: number): void {
    this.posting(termId * NF + field, this.ids.length, freq);
  }

  // Appends a document to a key's postings.
  private posting(key: number, doc: number, freq: number): void {
    const n = this.docsOf[key]!;
    const delta = n === 0 ? doc : doc - this.lastDoc[key]!;
    this.lastDoc[key] = doc;
    this.docsOf[key] = n + 1;
    const s = key * 2;
    if (freq === 1) this.streamBytes[s]! += this.pool.varint(s, delta * 2 + 1);
    else this.streamBytes[s]! += this.pool.varint(s, delta * 2) + this.pool.varint(s, freq);
  }

  /** Ends the current document; returns its local number. */
  endDocument(data: DocumentData): number {
    const local = this.ids.length;
    this.groupOccurrences(local);
    this.ids.push(data.id);
    this.titles.push(data.title);
    this.sources.push(data.source);
    this.titleBytes += data.title.length * 2 + data.source.length * 2 + 64;
    LENGTH_COLUMNS.forEach((_, c) => {
      const v = data.lengths[c] ?? 0;
      this.columns[c]!.push(v);
      this.totals[c]! += v;
    });
    this.times.push(data.time);
    if (data.time !== -2147483648) {
      if (this.firstTime === null || data.time < this.firstTime) this.firstTime = data.time;
      if (this.lastTime === null || data.time > this.lastTime) this.lastTime = data.time;
    }
    const sig = data.signature;
    for (let i = 0; i < SIGNATURE_SIZE; i++) this.signatures.push(sig ? sig[i]! & 0xffff : 0);
    this.store.add(data.stored);
    return local;
  }

  // Turns the document's occurrences into postings with their positions: each (term, field)
  // of the document gets its frequency and its positions, in the order they occurred.
  private groupOccurrences(local: number): void {
    const n = this.occKey.length;
    if (n === 0) return;
    const keys = this.occKey.data;
    const pos = this.occPos.data;
    this.slotKeys.length = 0;
    this.slotFirst.length = 0;
    this.slotCount.length = 0;
    // The slot table is indexed by term id · 2 + (body ? 1 : 0): the two positional fields.
    const need = this.terms.length * 2;
    if (this.slot.length < need) this.slot = new Int32Array(Math.max(need, this.slot.length * 2)).fill(-1);
    const slot = this.slot;
    // Each slot's occurrences are chained (first, then next), in the order they came.
    const next = this.nextOcc;
    next.length = 0;
    const lastOf = this.slotLast;
    lastOf.length = 0;
    for (let i = 0; i < n; i++) {
      next.push(-1);
      const k = keys[i]!;
      const si = slotIndex(k);
      let at = slot[si]!;
      if (at < 0) {
        at = slot[si] = this.slotKeys.length;
        this.slotKeys.push(k);
        this.slotFirst.push(i);
        this.slotCount.push(0);
        lastOf.push(i);
      } else {
        next.data[lastOf.data[at]!] = i;
        lastOf.data[at] = i;
      }
      this.slotCount.data[at]!++;
    }
    for (let s = 0; s < this.slotKeys.length; s++) {
      const key = this.slotKeys.data[s]!;
      this.posting(key, local, this.slotCount.data[s]!);
      const stream = key * 2 + 1;
      let last = 0;
      let bytes = 0;
      for (let i = this.slotFirst.data[s]!; i >= 0; i = next.data[i]!) {
        bytes += this.pool.varint(stream, pos[i]! - last);
        last = pos[i]!;
      }
      this.streamBytes[stream]! += bytes;
      slot[slotIndex(key)] = -1;
    }
    this.occKey.length = 0;
    this.occPos.length = 0;
  }

  private slotLast = new Growable(1 << 10);

  /** An estimate of the memory the segment holds, for the writer's budget. */
  bytesUsed(): number {
    return (
      this.termBytes +
      this.pool.bytes +
      this.lastDoc.byteLength * 2 +
      this.streamBytes.byteLength +
      this.titleBytes +
      this.ids.length * 80 +
      this.columns.length * this.ids.length * 4 +
      this.signatures.bytes +
      this.store.bytesUsed() +
      this.slot.byteLength
    );
  }

  /** Writes the segment's files as `name`.*; returns its manifest entry. */
  write(dir: Directory, name: string): SegmentInfo {
    const sizes: Record<string, number> = {};
    sizes.doc = writeDocTable(dir, `${name}.doc`, this.columns.map((c) => c.data.subarray(0, c.length)), this.times.data.subarray(0, this.times.length));
    sizes.sig = writeSignatures(dir, `${name}.sig`, this.ids.length, this.signatures.data.subarray(0, this.signatures.length));
    sizes.ids = writeIds(dir, `${name}.ids`, this.ids);
    sizes.ttl = writeTitles(dir, `${name}.ttl`, this.titles);
    sizes.src = writeSources(dir, `${name}.src`, this.sources);
    sizes.sto = this.store.finish(dir, `${name}.sto`);
    Object.assign(sizes, this.writePostings(dir, name));
    return { name, docCount: this.ids.length, deletions: null, deletedCount: 0, sizes };
  }

  // Each term's postings and positions, copied from the pool in the dictionary's order.
  private writePostings(dir: Directory, name: string): Record<string, number> {
    const post = dir.createOutput(`${name}.pst`);
    const posi = dir.createOutput(`${name}.pos`);
    const dict = new DictionaryWriter(MAGIC.post.length, MAGIC.pos.length);
    try {
      post.write(Buffer.from(MAGIC.post, 'latin1'));
      posi.write(Buffer.from(MAGIC.pos, 'latin1'));
      const head = new ByteWriter(64);
      const postSink = { bytes: (data: Uint8Array) => post.write(data) };
      const posSink = { bytes: (data: Uint8Array) => posi.write(data) };
      for (const term of sortTerms([...this.terms])) {
        const t = this.termIds.get(term)!;
        let fields = 0;
        let docFreq = 0;
        for (let field = 0; field < NF; field++) {
          const n = this.docsOf[t * NF + field]!;
          if (n === 0) continue;
          fields++;
          if (n > docFreq) docFreq = n;
        }
        head.reset();
        head.varint(fields);
        post.write(head.view());
        let postLength = head.length;
        let posLength = 0;
        for (let field = 0; field < NF; field++) {
          const key = t * NF + field;
          const n = this.docsOf[key]!;
          if (n === 0) continue;
          head.reset();
          head.varint(field);
          head.varint(n);
          head.varint(this.streamBytes[key * 2]!);
          post.write(head.view());
          postLength += head.length + this.pool.read(key * 2, postSink);
          if (POSITIONAL.has(field)) {
            head.reset();
            head.varint(field);
            head.varint(this.streamBytes[key * 2 + 1]!);
            posi.write(head.view());
            posLength += head.length + this.pool.read(key * 2 + 1, posSink);
          }
        }
        dict.add(Buffer.from(term, 'utf8'), docFreq, postLength, posLength);
      }
      return { pst: post.finish(), pos: posi.finish(), tim: dict.finish(dir, `${name}.tim`) };
    } catch (err) {
      post.abandon();
      posi.abandon();
      throw err;
    }
  }
}

function slotIndex(key: number): number {
  const term = Math.floor(key / NF);
  return term * 2 + (key % NF === 0 ? 0 : 1);
}

/** Encodes one term's postings and positions, field by field. */
export class PostingEncoder {
  private post = new ByteWriter(1 << 12);
  private pos = new ByteWriter(1 << 12);
  private fieldPost = new ByteWriter(1 << 12);
  private fieldPos = new ByteWriter(1 << 12);
  private fields = 0;
  private field = 0;
  private positional = false;
  private docs = 0;
  private prev = 0;

  reset(): void {
    this.post.reset();
    this.pos.reset();
    this.fields = 0;
  }

  beginField(field: number, positional: boolean): void {
    this.field = field;
    this.positional = positional;
    this.docs = 0;
    this.prev = 0;
    this.fieldPost.reset();
    this.fieldPos.reset();
  }

  /** A document (ascending within the field) with its frequency and, for positional fields, its positions at `positions[from, from + freq)`. */
  add(doc: number, freq: number, positions: ArrayLike<number> | null, from: number): void {
    const delta = doc - this.prev;
    this.prev = doc;
    if (freq === 1) this.fieldPost.varint(delta * 2 + 1);
    else {
      this.fieldPost.varint(delta * 2);
      this.fieldPost.varint(freq);
    }
    this.docs++;
    if (this.positional) {
      let last = 0;
      for (let k = 0; k < freq; k++) {
        const p = positions ? positions[from + k]! : 0;
        this.fieldPos.varint(p - last);
        last = p;
      }
    }
  }

  endField(): void {
    this.fields++;
    this.post.varint(this.field);
    this.post.varint(this.docs);
    this.post.varint(this.fieldPost.length);
    this.post.bytes(this.fieldPost.view());
    if (this.positional) {
      this.pos.varint(this.field);
      this.pos.varint(this.fieldPos.length);
      this.pos.bytes(this.fieldPos.view());
    }
  }

  private head = new ByteWriter(16);

  /** The term's encoded postings (field count first) and positions. */
  finish(): { postings: Buffer; positions: Buffer } {
    this.head.reset();
    this.head.varint(this.fields);
    return { postings: Buffer.concat([this.head.view(), this.post.view()]), positions: Buffer.from(this.pos.view()) };
  }

  /** Writes the term's postings and positions to their files; returns their byte lengths. */
  writeTo(post: FileOutput, positions: FileOutput): { postings: number; positions: number } {
    this.head.reset();
    this.head.varint(this.fields);
    post.write(this.head.view());
    post.write(this.post.view());
    if (this.pos.length > 0) positions.write(this.pos.view());
    return { postings: this.head.length + this.post.length, positions: this.pos.length };
  }
}

/**
 * Accumulates stored records and compresses them in blocks of STORE_BLOCK. A merge may copy
 * another segment's compressed blocks whole, so blocks hold any number of documents: the
 * index gives each block's offset and first document.
 *
 *   file:  magic | blocks | (blocks + 1) × f64 offset | (blocks + 1) × u32 first document |
 *          u32 documents | u32 blocks | u64 index offset | footer
 */
export class StoreBuilder {
  // A block still being deflated by the compressor's worker is null until it comes back.
  private blocks: Array<Buffer | null> = [];
  private firstDocs: number[] = [];
  private pending = new ByteWriter(1 << 15);
  private inBlock = 0;
  private count = 0;
  private compressed = 0;
  private inFlight = 0;

  /** With a compressor, blocks are deflated on its thread; without, here. */
  constructor(private compressor: BlockCompressor | null = null) {}

  add(record: Uint8Array): void {
    this.pending.varint(record.length);
    this.pending.bytes(record);
    this.count++;
    if (++this.inBlock === STORE_BLOCK) this.flush();
  }

  /** A block compressed elsewhere (a merge copying whole blocks), holding `docs` records. */
  addBlock(block: Buffer, docs: number): void {
    this.flush();
    this.firstDocs.push(this.count);
    this.blocks.push(block);
    this.compressed += block.length;
    this.count += docs;
  }

  get documents(): number {
    return this.count;
  }

  private flush(): void {
    if (this.inBlock === 0) return;
    this.firstDocs.push(this.count - this.inBlock);
    // zlib's format, not raw deflate: its Adler-32 checks each block as it is inflated, for free.
    if (this.compressor) {
      const at = this.blocks.length;
      const raw = this.pending.view();
      this.blocks.push(null);
      this.inFlight += raw.length;
      this.compressor.submit(raw, STORE_LEVEL, (block) => {
        this.blocks[at] = block;
        this.compressed += block.length;
        this.inFlight -= raw.length;
      });
    } else {
      const block = deflateSync(this.pending.view(), { level: STORE_LEVEL });
      this.blocks.push(block);
      this.compressed += block.length;
    }
    this.pending.reset();
    this.inBlock = 0;
  }

  bytesUsed(): number {
    return this.compressed + this.inFlight + this.pending.buf.length + this.blocks.length * 64;
  }

  finish(dir: Directory, name: string): number {
    this.flush();
    this.compressor?.drain();
    const out = dir.createOutput(name);
    try {
      out.write(Buffer.from(MAGIC.store, 'latin1'));
      const index = new ByteWriter((this.blocks.length + 1) * 12 + 32);
      let at = MAGIC.store.length;
      for (const b of this.blocks) {
        if (!b) throw new Error('a store block was not compressed');
        index.f64(at);
        out.write(b);
        at += b.length;
      }
      index.f64(at);
      for (const first of this.firstDocs) index.u32(first);
      index.u32(this.count);
      const indexAt = at;
      index.u32(this.count);
      index.u32(this.blocks.length);
      index.u64(indexAt);
      out.write(index.view());
      return out.finish();
    } catch (err) {
      out.abandon();
      throw err;
    }
  }
}

/** Writes the doc table: the length columns then the time column. */
export function writeDocTable(dir: Directory, name: string, columns: Int32Array[], times: Int32Array): number {
  const n = times.length;
  const head = new ByteWriter(16);
  head.bytes(Buffer.from(MAGIC.docs, 'latin1'));
  head.u32(n);
  head.u32(columns.length);
  const parts: Uint8Array[] = [head.view()];
  for (const c of [...columns, times]) {
    const copy = Int32Array.from(c.subarray(0, n));
    parts.push(new Uint8Array(copy.buffer, 0, n * 4));
  }
  return dir.writeFile(name, ...parts);
}

/** Writes the signatures file: n × SIGNATURE_SIZE 16-bit values. */
export function writeSignatures(dir: Directory, name: string, n: number, values: ArrayLike<number>): number {
  const body = new Uint16Array(n * SIGNATURE_SIZE);
  for (let i = 0; i < body.length; i++) body[i] = values[i]!;
  const head = new ByteWriter(16);
  head.bytes(Buffer.from(MAGIC.sigs, 'latin1'));
  head.u32(n);
  head.u32(SIGNATURE_SIZE);
  return dir.writeFile(name, head.view(), new Uint8Array(body.buffer));
}

/** Writes strings with an offset table: `count, offsets[count + 1], bytes`. */
function writeStrings(dir: Directory, name: string, magic: string, list: string[], extra?: Uint8Array): number {
  const bytes = list.map((s) => Buffer.from(s, 'utf8'));
  const head = new ByteWriter(16 + (list.length + 1) * 4);
  head.bytes(Buffer.from(magic, 'latin1'));
  head.u32(list.length);
  let at = 0;
  for (const b of bytes) {
    head.u32(at);
    at += b.length;
  }
  head.u32(at);
  return dir.writeFile(name, head.view(), ...bytes, ...(extra ? [extra] : []));
}

/** Writes the ids file: the ids in document order, then the documents in id order. */
export function writeIds(dir: Directory, name: string, ids: string[]): number {
  const order = Int32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  return writeStrings(dir, name, MAGIC.ids, ids, new Uint8Array(Uint32Array.from(order).buffer));
}

/** Writes the headlines file (one headline a document, as given). */
export function writeTitles(dir: Directory, name: string, titles: string[]): number {
  return writeStrings(dir, name, MAGIC.titles, titles);
}

/** Writes the sources file (one source name a document). */
export function writeSources(dir: Directory, name: string, sources: string[]): number {
  return writeStrings(dir, name, MAGIC.sources, sources);
}
