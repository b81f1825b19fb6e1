// Builds one segment in memory and writes its files. Postings are accumulated as flat
// (term, doc·field, frequency) triples in typed arrays — a Map per term would cost
// several times the memory — and grouped per term with a counting sort at the end, which
// keeps documents in the order they were added.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../model/article';
import { analyzeWord } from '../analysis/analyzer';
import { forEachTokenSpan, tokenizeWords } from '../analysis/tokenize';
import { TokenTable } from './token-table';
import { FIELDS, FIELD_ID, fieldTerms, fieldText, fieldTokens, type IndexDoc } from './fields';
import { COMPACT_WORDS, WIDE_WORDS, encodeRows, fitsCompact, type DocRow } from './doc-table';
import { DictWriter } from './dictionary';
import { ByteWriter, MAGIC, crc32, header, titleLine, writeFileSynced, type SegmentInfo } from './format';
import { InlineStoreWriter, type StoreWriter } from './store-writer';
import { encodeStoredRecord } from './stored-record';

/** The article record kept in the store, returned with search results. */
export type StoredArticle = Article;


function hasAstral(list: string[]): boolean {
  return list.some((t) => /[\uD800-\uDFFF]/.test(t));
}

function byCodePoint(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** Sorts terms in UTF-8 byte order (= code point order), the order the reader binary-searches in. */
export function sortTerms(list: string[]): string[] {
  // UTF-16 order equals code point order unless surrogates are involved.
  return hasAstral(list) ? list.sort(byCodePoint) : list.sort();
}

/** Term ids a token spelling counts towards; `stamp` marks the last document that saw it. */
interface TokenIds {
  exact: number;
  stems: number[];
  stamp: number;
}

/** Accumulates documents for one segment. */
export class SegmentBuilder {
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private triples = new Uint32Array(3 << 16);
  private tripleCount = 0;
  private rows: DocRow[] = [];
  private storeIndex: number[] = [];
  private ids: string[] = [];
  private titles: string[] = [];
  readonly fieldTotals = new Array<number>(FIELDS.length).fill(0);
  firstDay: number | null = null;
  lastDay: number | null = null;

  constructor(
    readonly dir: string,
    readonly name: string,
    private readonly store: StoreWriter = new InlineStoreWriter(),
  ) {
    store.open(join(dir, `${name}.store`));
  }

  get docCount(): number {
    return this.ids.length;
  }

  /** Postings triples held so far: the caller flushes the segment when this grows large. */
  get size(): number {
    return this.tripleCount;
  }

  /** Adds one document: its index fields and its stored record. */
  add(doc: IndexDoc, stored: StoredArticle, minute: number | null): void {
    const local = this.ids.length;
    const row = new Array<number>(FIELDS.length).fill(0);
    // Titles and bodies feed two fields each (exact and stem): their tokens are analyzed
    // once per segment and counted in flat arrays, not per-document maps.
    for (const [text, exactField, stemField] of [
      [doc.title, FIELD_ID.title, FIELD_ID.title_stem],
      [doc.body, FIELD_ID.body, FIELD_ID.body_stem],
    ] as const) {
      const stamp = ++this.stamp;
      let distinct = 0;
      const visit = (ids: TokenIds | null) => {
        if (!ids) return;
        // Field length counts distinct spellings, as MiniSearch does.
        if (ids.stamp !== stamp) {
          ids.stamp = stamp;
          distinct++;
        }
        this.count(this.exactCounts, ids.exact);
        for (const id of ids.stems) this.count(this.stemCounts, id);
      };
      const fast = forEachTokenSpan(text, (start, end) => visit(this.byToken.get(text, start, end, this.makeIds)));
      if (!fast) for (const token of tokenizeWords(text)) visit(this.byToken.get(token, 0, token.length, this.makeIds));
      row[exactField] = row[stemField] = distinct;
      this.fieldTotals[exactField]! += distinct;
      this.fieldTotals[stemField]! += distinct;
      this.drain(this.exactCounts, local * 8 + exactField);
      this.drain(this.stemCounts, local * 8 + stemField);
    }
    for (const field of ['tags', 'source', 'date'] as const) {
      const fieldId = FIELD_ID[field];
      const tokens = fieldTokens(fieldText(doc, field), field);
      const length = new Set(tokens).size;
      row[fieldId] = length;
      this.fieldTotals[fieldId]! += length;
      const freqs = new Map<string, number>();
      for (const token of tokens) for (const term of fieldTerms(token, field)) freqs.set(term, (freqs.get(term) ?? 0) + 1);
      for (const [term, freq] of freqs) this.push(this.termId(term), local * 8 + fieldId, freq);
    }
    if (doc.day !== null) {
      if (this.firstDay === null || doc.day < this.firstDay) this.firstDay = doc.day;
      if (this.lastDay === null || doc.day > this.lastDay) this.lastDay = doc.day;
    }

    this.store.add(encodeStoredRecord(stored));

    this.rows.push({ lengths: row, day: doc.day, minute });
    this.ids.push(doc.id);
    this.titles.push(titleLine(stored.title));
  }

  // Per spelling of a token, the term ids it counts towards (null: not indexable). Keyed
  // by the raw token, so a frequent word costs one lookup per occurrence.
  private byToken = new TokenTable<TokenIds | null>();
  private stamp = 0;
  private exactCounts = { freq: new Uint32Array(1 << 16), touched: [] as number[] };
  private stemCounts = { freq: new Uint32Array(1 << 16), touched: [] as number[] };

  private makeIds = (token: string): TokenIds | null => {
    const a = analyzeWord(token);
    return a ? { exact: this.termId(a.exact), stems: a.stems.map((t) => this.termId(t)), stamp: 0 } : null;
  };

  private count(c: { freq: Uint32Array; touched: number[] }, term: number): void {
    if (term >= c.freq.length) {
      const grown = new Uint32Array(Math.max(term + 1, c.freq.length * 2));
      grown.set(c.freq);
      c.freq = grown;
    }
    if (c.freq[term]!++ === 0) c.touched.push(term);
  }

  private drain(c: { freq: Uint32Array; touched: number[] }, docField: number): void {
    for (const term of c.touched) {
      this.push(term, docField, c.freq[term]!);
      c.freq[term] = 0;
    }
    c.touched.length = 0;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  private push(term: number, docField: number, freq: number): void {
    if (this.tripleCount * 3 + 3 > this.triples.length) {
      const next = new Uint32Array(this.triples.length * 2);
      next.set(this.triples);
      this.triples = next;
    }
    const p = this.tripleCount * 3;
    this.triples[p] = term;
    this.triples[p + 1] = docField;
    this.triples[p + 2] = freq;
    this.tripleCount++;
  }

  /** Writes the segment's files and returns its manifest entry. */
  finish(): SegmentInfo {
    let storeBytes = 0;
    for (const length of this.store.finish()) {
      this.storeIndex.push(storeBytes, length);
      storeBytes += length;
    }
    if (storeBytes > 0xffffffff) throw new Error('segment store exceeds 4 GiB; use smaller segments');
    const sizes: Record<string, number> = { store: storeBytes };
    sizes.dict = this.writePostings();
    sizes.docs = this.writeDocs();
    sizes.sidx = writeFileSynced(join(this.dir, `${this.name}.sidx`), encodeStoreIndex(this.storeIndex));
    sizes.ids = writeIds(this.dir, this.name, this.ids);
    const titles = Buffer.from(this.titles.join('\n') + '\n', 'utf8');
    sizes.titles = writeFileSynced(join(this.dir, `${this.name}.titles`), Buffer.concat([header(MAGIC.titles, this.ids.length, 0, crc32(titles)), titles]));
    sizes.post = this.postBytes;
    return { name: this.name, docCount: this.ids.length, deletions: null, deletedCount: 0, sizes };
  }

  private postBytes = 0;

  private writePostings(): number {
    const n = this.terms.length;
    // Counting sort of triples by term id (stable: documents stay in order).
    const start = new Uint32Array(n + 1);
    for (let i = 0; i < this.tripleCount; i++) start[this.triples[i * 3]! + 1]!++;
    for (let t = 0; t < n; t++) start[t + 1]! += start[t]!;
    const order = new Uint32Array(this.tripleCount);
    const fill = start.slice(0, n);
    for (let i = 0; i < this.tripleCount; i++) order[fill[this.triples[i * 3]!]!++] = i;

    const sorted = sortTerms([...this.terms]);
    const post = new PostingsFileWriter(join(this.dir, `${this.name}.post`));
    const dict = new DictWriter();
    const perField: number[][] = FIELDS.map(() => []);
    for (const term of sorted) {
      const t = this.termIds.get(term)!;
      for (const list of perField) list.length = 0;
      for (let k = start[t]!; k < start[t + 1]!; k++) {
        const i = order[k]!;
        const docField = this.triples[i * 3 + 1]!;
        perField[docField & 7]!.push(docField >>> 3, this.triples[i * 3 + 2]!);
      }
      const [offset, length] = post.write(perField);
      dict.add(term, offset, length);
    }
    this.postBytes = post.close();
    return dict.write(join(this.dir, `${this.name}.dict`));
  }

  // The field lengths, then the times, each with its CRC in the header (see doc-table.ts).
  private writeDocs(): number {
    const words = fitsCompact(this.rows) ? COMPACT_WORDS : WIDE_WORDS;
    const { lengths, times } = encodeRows(this.rows, words);
    const lengthBytes = Buffer.from(lengths.buffer, lengths.byteOffset, lengths.byteLength);
    const timeBytes = Buffer.from(times.buffer, times.byteOffset, times.byteLength);
    const h = header(MAGIC.docs, this.ids.length, words, crc32(lengthBytes));
    h.writeUInt32LE(crc32(timeBytes), 20);
    return writeFileSynced(join(this.dir, `${this.name}.docs`), Buffer.concat([h, lengthBytes, timeBytes]));
  }
}

/** Store index entries: offset, length, and the CRC of those 8 bytes (damage is named here, not in the store). */
export function encodeStoreIndex(pairs: number[]): Buffer {
  const out = Buffer.alloc((pairs.length / 2) * 12);
  for (let i = 0; i < pairs.length / 2; i++) {
    out.writeUInt32LE(pairs[2 * i]!, i * 12);
    out.writeUInt32LE(pairs[2 * i + 1]!, i * 12 + 4);
    out.writeUInt32LE(crc32(out.subarray(i * 12, i * 12 + 8)), i * 12 + 8);
  }
  return out;
}

/** Encodes one term's postings: per field id (ascending), the doc count and (doc delta, frequency) pairs. */
export function encodePostings(perField: number[][], out: ByteWriter): void {
  perField.forEach((pairs, fieldId) => {
    if (pairs.length === 0) return;
    out.byte(fieldId);
    out.varint(pairs.length / 2);
    let prev = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      out.varint(pairs[i]! - prev);
      out.varint(pairs[i + 1]!);
      prev = pairs[i]!;
    }
  });
}

/** Appends CRC-prefixed postings records to a file, buffering writes. */
export class PostingsFileWriter {
  private fd: number;
  private out = new ByteWriter(1 << 22);
  private record = new ByteWriter(1 << 12);
  private written = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Writes one term's postings; returns its offset and length in the file. */
  write(perField: number[][]): [number, number] {
    this.record.reset();
    encodePostings(perField, this.record);
    const payload = this.record.view();
    const offset = this.written + this.out.length;
    this.out.u32(crc32(payload));
    this.out.bytes(payload);
    if (this.out.length > 1 << 22) this.flush();
    return [offset, payload.length + 4];
  }

  private flush(): void {
    const v = this.out.view();
    let off = 0;
    while (off < v.length) off += writeSync(this.fd, v, off, v.length - off);
    this.written += v.length;
    this.out.reset();
  }

  /** Flushes, syncs and closes; returns the file size. */
  close(): number {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    if (this.written > 0xffffffff) throw new Error('postings file exceeds 4 GiB; use smaller segments');
    return this.written;
  }
}

/** Writes the ids file: offsets in doc order, a permutation sorted by id, the UTF-8 blob. */
export function writeIds(dir: string, name: string, ids: string[]): number {
  const blobs = ids.map((id) => Buffer.from(id, 'utf8'));
  const offsets = new Uint32Array(ids.length + 1);
  let pos = 0;
  blobs.forEach((b, i) => {
    offsets[i] = pos;
    pos += b.length;
  });
  offsets[ids.length] = pos;
  const order = Uint32Array.from(ids.map((_, i) => i).sort((a, b) => Buffer.compare(blobs[a]!, blobs[b]!)));
  const body = Buffer.concat([
    Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength),
    Buffer.from(order.buffer, order.byteOffset, order.byteLength),
    ...blobs,
  ]);
  const h = header(MAGIC.ids, ids.length, pos, crc32(body));
  return writeFileSynced(join(dir, `${name}.ids`), Buffer.concat([h, body]));
}

export { writeFileSynced };
