// Opens an index directory and answers the questions queries ask of it: which terms
// exist (exact, by prefix, within an edit distance), their postings across segments,
// and the per-document data (field lengths, dates, ids, stored articles).

import { join } from 'node:path';
import { type Manifest, type SegmentInfo } from './format';
import { loadManifest, readSidecarFile } from './manifest-io';
import { IndexCorruptError, IndexOpenError } from './errors';
import { SegmentReader } from './segment-reader';
import type { DocTable } from './doc-table';
import type { StoredArticle } from './segment-writer';
import type { StoredRecord } from './stored-record';

/** Postings of one term merged across segments: field id → its posting list. */
export type TermPostings = Map<number, PostingList>;

/**
 * One field's postings in two growing arrays, with the parts of the Map interface that
 * MiniSearch's scoring uses (size, keys, get). Scoring walks the documents in order and
 * asks for each one's frequency right away, so `get` answers from a cursor; building a
 * real Map of thousands of entries for every term was a large share of a cold query.
 */
export class PostingList {
  // Typed arrays live outside V8's young generation: a frequent term's postings (tens of
  // thousands of entries) are not copied by every scavenge of a cold query.
  private docArray: Int32Array;
  private freqArray: Int32Array;
  private length = 0;
  private cursor = 0;

  constructor(capacity = 16) {
    this.docArray = new Int32Array(Math.max(1, capacity));
    this.freqArray = new Int32Array(Math.max(1, capacity));
  }

  push(doc: number, freq: number): void {
    if (this.length === this.docArray.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docArray);
      this.docArray = docs;
      const freqs = new Int32Array(this.length * 2);
      freqs.set(this.freqArray);
      this.freqArray = freqs;
    }
    this.docArray[this.length] = doc;
    this.freqArray[this.length++] = freq;
  }

  /** Appends a segment's postings (local documents, ascending, after those already held), leaving out deleted ones. */
  append(locals: Int32Array, freqs: Int32Array, base: number, deleted: ((local: number) => boolean) | null): void {
    const need = this.length + locals.length;
    if (need > this.docArray.length) {
      const docs = new Int32Array(Math.max(need, this.length * 2));
      docs.set(this.docArray.subarray(0, this.length));
      this.docArray = docs;
      const f = new Int32Array(docs.length);
      f.set(this.freqArray.subarray(0, this.length));
      this.freqArray = f;
    }
    const d = this.docArray;
    const q = this.freqArray;
    let n = this.length;
    for (let i = 0; i < locals.length; i++) {
      const local = locals[i]!;
      if (deleted !== null && deleted(local)) continue;
      d[n] = base + local;
      q[n++] = freqs[i]!;
    }
    this.length = n;
  }

  /** The documents, in increasing order. */
  get docs(): Int32Array {
    return this.docArray.subarray(0, this.length);
  }

  /** The term frequencies, parallel to `docs`. */
  get freqs(): Int32Array {
    return this.freqArray.subarray(0, this.length);
  }

  get size(): number {
    return this.length;
  }

  keys(): IterableIterator<number> {
    this.cursor = 0;
    return this.docs[Symbol.iterator]();
  }

  get(doc: number): number | undefined {
    const d = this.docArray;
    if (this.cursor < this.length && d[this.cursor] === doc) return this.freqArray[this.cursor++];
    // Out of order (not what scoring does): binary search.
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = d[mid]!;
      if (v === doc) {
        this.cursor = mid + 1;
        return this.freqArray[mid];
      }
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.length; i++) yield [this.docArray[i]!, this.freqArray[i]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** Levenshtein distance between two strings (UTF-16 units, as MiniSearch counts), or Infinity above `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return Infinity;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]! <= max ? prev[b.length]! : Infinity;
}

/** The first index of ascending `docs`, from `from` on, whose document is `doc` or later (a binary search). */
export function firstAtOrAfter(docs: Int32Array, from: number, doc: number): number {
  let lo = from;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A read-only view of an index directory. */
export class ArchiveIndex {
  readonly segments: SegmentReader[];

  private constructor(
    readonly dir: string,
    readonly manifest: Manifest,
  ) {
    let base = 0;
    this.segments = manifest.segments.map((info) => {
      const seg = new SegmentReader(dir, info, base);
      base += info.docCount;
      return seg;
    });
  }

  /** Opens and validates an index; throws IndexOpenError with a one-line reason. */
  static open(dir: string): ArchiveIndex {
    return new ArchiveIndex(dir, loadManifest(dir));
  }

  /** A reader over a segment list that is not (yet) published in a manifest. */
  static fromSegments(dir: string, segments: SegmentInfo[]): ArchiveIndex {
    const manifest = { segments, documentCount: 0, totalFieldLength: [], firstDay: null, lastDay: null, sidecars: { keywords: null, links: null }, sidecarSums: { keywords: null, links: null } } as unknown as Manifest;
    return new ArchiveIndex(dir, manifest);
  }

  /** Total documents ever numbered (live and deleted): global doc numbers run below this. */
  get docSpan(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.base + last.info.docCount : 0;
  }

  /** Live documents. */
  get documentCount(): number {
    return this.manifest.documentCount;
  }

  /** BM25's average field lengths over live documents. */
  averageFieldLengths(): number[] {
    const n = this.manifest.documentCount;
    return this.manifest.totalFieldLength.map((t) => (n > 0 ? t / n : 0));
  }

  private locate(doc: number): [SegmentReader, number] {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const seg = this.segments[i]!;
      if (doc >= seg.base) return [seg, doc - seg.base];
    }
    throw new RangeError(`document ${doc} out of range`);
  }

  /** Whether a global document is live. */
  isLive(doc: number): boolean {
    const [seg, local] = this.locate(doc);
    return local < seg.info.docCount && !seg.isDeleted(local);
  }

  /** Every live global document number, in order. */
  *liveDocs(): Generator<number> {
    for (const seg of this.segments) {
      for (let local = 0; local < seg.info.docCount; local++) if (!seg.isDeleted(local)) yield seg.base + local;
    }
  }

  /** Field lengths of a document (one per field), written into `out` when given. */
  fieldLengths(doc: number, out?: number[]): number[] {
    const [seg, local] = this.locate(doc);
    return out ? seg.docs().lengthsInto(local, out) : seg.docs().lengths(local);
  }

  /** The length of field `field` of each document of an ascending list, into `out`. */
  fieldLengthOfEach(docs: Int32Array, field: number, out: Int32Array): void {
    this.bySegment(docs, (table, from, to, base) => table.fieldLengthsInto(docs, from, to, base, field, out));
  }

  /** The newest-first sort key (see timeKey) of each document of an ascending list, into `out`. */
  timeKeyOfEach(docs: Int32Array, out: Float64Array): void {
    this.bySegment(docs, (table, from, to, base) => table.timeKeysInto(docs, from, to, base, out));
  }

  // Splits an ascending list of documents into runs by segment: one call per run.
  private bySegment(docs: Int32Array, run: (table: DocTable, from: number, to: number, base: number) => void): void {
    const segs = this.segments;
    let s = 0;
    let i = 0;
    while (i < docs.length) {
      while (s + 1 < segs.length && docs[i]! >= segs[s + 1]!.base) s++;
      let end = docs.length;
      // The first document of a later segment.
      if (s + 1 < segs.length) end = firstAtOrAfter(docs, i, segs[s + 1]!.base);
      run(segs[s]!.docs(), i, end, segs[s]!.base);
      i = end;
    }
  }

  /** Local day of a document as days since 1970-01-01, or null. */
  day(doc: number): number | null {
    const [seg, local] = this.locate(doc);
    return seg.docs().day(local);
  }

  /** Sort key for newest-first listings: day and minute, or -Infinity without a date. */
  timeKey(doc: number): number {
    const [seg, local] = this.locate(doc);
    const t = seg.docs();
    const day = t.day(local);
    return day === null ? -Infinity : day * 1440 + (t.minute(local) ?? 0);
  }

  /** External id of a document. */
  id(doc: number): string {
    const [seg, local] = this.locate(doc);
    return seg.id(local);
  }

  /** Headline of a document. */
  title(doc: number): string {
    const [seg, local] = this.locate(doc);
    return seg.title(local);
  }

  /** Stored article of a document. */
  stored(doc: number): StoredArticle {
    const [seg, local] = this.locate(doc);
    return seg.stored(local);
  }

  /** Stored article of a document with its body's text, blocks joined as bodyText joins them. */
  storedRecord(doc: number): StoredRecord {
    const [seg, local] = this.locate(doc);
    return seg.storedRecord(local);
  }

  /** Live documents whose id starts with `prefix`, at most `limit`. */
  docsWithIdPrefix(prefix: string, limit = 50): number[] {
    const out: number[] = [];
    for (const seg of this.segments) {
      for (const local of seg.idsWithPrefix(prefix, limit + 1)) {
        if (!seg.isDeleted(local)) out.push(seg.base + local);
      }
    }
    return out.slice(0, limit);
  }

  /** The live document with exactly this id, or null. */
  docById(id: string): number | null {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const seg = this.segments[i]!;
      for (const local of seg.idsWithPrefix(id, 4)) {
        if (!seg.isDeleted(local) && seg.id(local) === id) return seg.base + local;
      }
    }
    return null;
  }

  /** Whether a term occurs in any segment's dictionary. */
  hasTerm(term: string): boolean {
    return this.segments.some((s) => s.find(term) !== null);
  }

  /** Dictionary terms starting with `prefix`, across segments. */
  termsWithPrefix(prefix: string): Set<string> {
    const out = new Set<string>();
    for (const seg of this.segments) for (const r of seg.withPrefix(prefix)) out.add(r.term);
    return out;
  }

  /**
   * Dictionary terms within `maxDistance` edits of `term`. A full scan with a cheap length
   * filter; fuzzy queries are explicit (`word~`) and rare, so this stays simple.
   */
  termsWithin(term: string, maxDistance: number): Set<string> {
    const out = new Set<string>();
    for (const seg of this.segments) {
      for (const r of seg.allTerms()) {
        if (Math.abs(r.term.length - term.length) > maxDistance) continue;
        if (boundedDistance(term, r.term, maxDistance) <= maxDistance) out.add(r.term);
      }
    }
    return out;
  }

  /**
   * Postings of a term across segments, deleted documents left out; null when absent.
   * With `onlyField`, the other fields' entries are skipped (and the result is cached:
   * headline resolution asks for the same frequent stems again and again).
   */
  postings(term: string, onlyField?: number): TermPostings | null {
    const cacheKey = onlyField === undefined ? null : `${onlyField}\u0000${term}`;
    if (cacheKey !== null && this.fieldCache.has(cacheKey)) return this.fieldCache.get(cacheKey)!;
    let merged: TermPostings | null = null;
    for (const seg of this.segments) {
      const ref = seg.find(term);
      if (!ref) continue;
      const into: TermPostings = (merged ??= new Map());
      for (const { field, docs, freqs } of seg.readPostings(ref, onlyField)) {
        let list = into.get(field);
        if (!list) into.set(field, (list = new PostingList(docs.length)));
        list.append(docs, freqs, seg.base, seg.hasDeletions() ? (local) => seg.isDeleted(local) : null);
      }
    }
    if (cacheKey !== null) this.fieldCache.set(cacheKey, merged);
    return merged;
  }

  private fieldCache = new Map<string, TermPostings | null>();

  private sidecars = new Map<string, unknown>();

  /**
   * A JSON sidecar of the index (`keywords`, `links`), read once: `empty` when the index has
   * none; a damaged or wrong-shaped file is an IndexCorruptError naming it.
   */
  sidecar<T>(kind: 'keywords' | 'links', empty: () => T, valid: (value: T) => boolean): T {
    if (this.sidecars.has(kind)) return this.sidecars.get(kind) as T;
    const name = this.manifest.sidecars?.[kind];
    let value = empty();
    if (name) {
      const path = join(this.dir, name);
      value = readSidecarFile<T>(path, this.manifest.sidecarSums?.[kind] ?? null);
      if (value === null || typeof value !== 'object' || !valid(value)) throw new IndexCorruptError(path, `not a ${kind} sidecar`);
    }
    this.sidecars.set(kind, value);
    return value;
  }

  /** Releases file descriptors. */
  close(): void {
    for (const s of this.segments) s.close();
  }
}

export { IndexCorruptError, IndexOpenError };
