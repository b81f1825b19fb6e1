// Opens an index folder and answers the questions queries ask of it: which terms exist
// (exact, by prefix, within an edit distance), their postings and positions across
// segments, and the per-document data (lengths, times, ids, headlines, stored articles,
// near-duplicate signatures). Documents are numbered globally: a segment's documents follow
// those of the segments before it in the manifest.

import { Directory } from './directory';
import type { Manifest, SegmentInfo } from './format';
import { loadManifest, readSidecarFile } from './manifest-io';
import { IndexCorruptError, IndexOpenError } from './errors';
import { SegmentReader, type FieldPostings } from './segment-reader';
import { FIELDS, LENGTH_COLUMNS, NO_TIME, lengthColumn } from './schema';
import { originFromIndex, type StoredRecord } from './stored-record';
import type { Article } from '../model/article';

/** One field's postings of a term across segments: global documents (ascending) and frequencies, deleted ones left out. */
export class PostingList {
  private docArray: Int32Array;
  private freqArray: Int32Array;
  private length = 0;

  constructor(capacity = 16) {
    this.docArray = new Int32Array(Math.max(1, capacity));
    this.freqArray = new Int32Array(Math.max(1, capacity));
  }

  /** Appends a segment's postings (local documents, after those already held), leaving out deleted ones. */
  append(locals: Int32Array, freqs: Int32Array, base: number, deleted: ((local: number) => boolean) | null): void {
    const need = this.length + locals.length;
    if (need > this.docArray.length) {
      const size = Math.max(need, this.length * 2);
      const d = new Int32Array(size);
      d.set(this.docArray.subarray(0, this.length));
      this.docArray = d;
      const f = new Int32Array(size);
      f.set(this.freqArray.subarray(0, this.length));
      this.freqArray = f;
    }
    let n = this.length;
    for (let i = 0; i < locals.length; i++) {
      const local = locals[i]!;
      if (deleted !== null && deleted(local)) continue;
      this.docArray[n] = base + local;
      this.freqArray[n++] = freqs[i]!;
    }
    this.length = n;
  }

  /** The documents, ascending. */
  get docs(): Int32Array {
    return this.docArray.subarray(0, this.length);
  }

  /** The frequencies, parallel to `docs`. */
  get freqs(): Int32Array {
    return this.freqArray.subarray(0, this.length);
  }

  get size(): number {
    return this.length;
  }

  /** Whether the list holds a document (a binary search). */
  has(doc: number): boolean {
    return firstAtOrAfter(this.docs, 0, doc) < this.length && this.docArray[firstAtOrAfter(this.docs, 0, doc)] === doc;
  }

  /** [document, frequency] pairs, in order. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let i = 0; i < this.length; i++) yield [this.docArray[i]!, this.freqArray[i]!];
  }
}

/** Postings of one term: field id → its posting list. */
export type TermPostings = Map<number, PostingList>;

/** Positions of a term in one positional field: for docs[i], values[offsets[i] .. offsets[i + 1]). */
export interface TermPositions {
  docs: Int32Array;
  offsets: Int32Array;
  values: Int32Array;
}

/** A dictionary term found by an expansion. */
export interface Expansion {
  term: string;
  docFreq: number;
  /** Edit distance from the query term (fuzzy), or the number of characters after the prefix. */
  distance: number;
}

/** Terms an expansion found, and whether it stopped short of all of them. */
export interface ExpansionResult {
  terms: Expansion[];
  cut: boolean;
}

/** Levenshtein distance between two strings (UTF-16 units), or Infinity above `max`. */
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

/**
 * A Levenshtein distance to one fixed word, for comparing it with many: bit-parallel
 * (Myers, with Hyyrö's form for whole-word distance), one pass of a few word operations per
 * letter of the other word instead of a table; words longer than 32 letters take
 * boundedDistance. Returns Infinity above `max`.
 */
export function distanceTo(word: string, max: number): (other: string) => number {
  const m = word.length;
  if (m === 0 || m > 32) return (other) => boundedDistance(word, other, max);
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = word.charCodeAt(i);
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  return (other) => {
    const n = other.length;
    if (Math.abs(m - n) > max) return Infinity;
    let pv = -1;
    let mv = 0;
    let score = m;
    for (let j = 0; j < n; j++) {
      const eq = peq.get(other.charCodeAt(j)) ?? 0;
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & last) score++;
      else if (mh & last) score--;
      // Each remaining letter can lower the distance by one at most.
      if (score - (n - j - 1) > max) return Infinity;
      ph = (ph << 1) | 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return score <= max ? score : Infinity;
  };
}

/** The first index of ascending `docs`, from `from` on, whose value is `doc` or more. */
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

/** How an index is read. */
export interface OpenOptions {
  /** Files up to this size are read whole and their checksums verified (default WHOLE_FILE). */
  wholeFileLimit?: number;
}

/** A read-only view of an index folder. */
export class ArchiveIndex {
  readonly segments: SegmentReader[];
  readonly directory: Directory;

  private constructor(
    readonly dir: string,
    readonly manifest: Manifest,
    opts: OpenOptions = {},
  ) {
    this.directory = new Directory(dir);
    let base = 0;
    this.segments = manifest.segments.map((info) => {
      const seg = new SegmentReader(this.directory, info, base, opts.wholeFileLimit);
      base += info.docCount;
      return seg;
    });
  }

  /** Opens and validates an index; throws IndexOpenError with a one-line reason. */
  static open(dir: string, opts?: OpenOptions): ArchiveIndex {
    return new ArchiveIndex(dir, loadManifest(dir), opts);
  }

  /** A reader over segments that are not (yet) published in a manifest. */
  static fromSegments(dir: string, segments: SegmentInfo[], base?: Partial<Manifest>): ArchiveIndex {
    const manifest = { segments, documentCount: 0, totalFieldLength: LENGTH_COLUMNS.map(() => 0), firstDay: null, lastDay: null, sidecars: { keywords: null, links: null }, sidecarSums: { keywords: null, links: null }, ...base } as Manifest;
    return new ArchiveIndex(dir, manifest);
  }

  /** Documents ever numbered (live and deleted): global numbers run below this. */
  get docSpan(): number {
    const last = this.segments[this.segments.length - 1];
    return last ? last.base + last.info.docCount : 0;
  }

  /** Live documents. */
  get documentCount(): number {
    return this.manifest.documentCount;
  }

  /** BM25's average length of each field (by field id) over live documents. */
  averageFieldLengths(): number[] {
    const n = this.manifest.documentCount;
    return FIELDS.map((_, f) => {
      const c = lengthColumn(f);
      return c < 0 || n === 0 ? 0 : this.manifest.totalFieldLength[c]! / n;
    });
  }

  /** The segment holding a global document, and the document's local number. */
  locate(doc: number): [SegmentReader, number] {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.base <= doc) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    if (!seg || doc < 0 || doc >= seg.base + seg.info.docCount) throw new RangeError(`document ${doc} out of range`);
    return [seg, doc - seg.base];
  }

  /** Whether a global document is live. */
  isLive(doc: number): boolean {
    const [seg, local] = this.locate(doc);
    return !seg.isDeleted(local);
  }

  /** Every live document, ascending. */
  *liveDocs(): Generator<number> {
    for (const seg of this.segments) {
      for (let local = 0; local < seg.info.docCount; local++) if (!seg.isDeleted(local)) yield seg.base + local;
    }
  }

  /** Every live document as an ascending array. */
  liveDocArray(): Int32Array {
    const out = new Int32Array(this.documentCount);
    let n = 0;
    for (const seg of this.segments) {
      const bits = seg.deletionBits();
      for (let local = 0; local < seg.info.docCount; local++) {
        if (bits && bits[local >> 3]! & (1 << (local & 7))) continue;
        out[n++] = seg.base + local;
      }
    }
    return n === out.length ? out : out.subarray(0, n);
  }

  // Splits ascending global documents into runs by segment: one call per run.
  private bySegment(docs: Int32Array, run: (seg: SegmentReader, from: number, to: number) => void): void {
    const segs = this.segments;
    let s = 0;
    let i = 0;
    while (i < docs.length) {
      while (s + 1 < segs.length && docs[i]! >= segs[s + 1]!.base) s++;
      const end = s + 1 < segs.length ? firstAtOrAfter(docs, i, segs[s + 1]!.base) : docs.length;
      run(segs[s]!, i, end);
      i = end;
    }
  }

  /** Length column `column` (see LENGTH_COLUMNS) of each document of an ascending list, into `out`. */
  lengthsOf(docs: Int32Array, column: number, out: Int32Array): void {
    this.bySegment(docs, (seg, from, to) => {
      const col = seg.column(column);
      for (let i = from; i < to; i++) out[i] = col[docs[i]! - seg.base]!;
    });
  }

  /** Sort time (minutes; NO_TIME without a date) of each document of an ascending list, into `out`. */
  timesOf(docs: Int32Array, out: Float64Array | Int32Array): void {
    this.bySegment(docs, (seg, from, to) => {
      const col = seg.column(LENGTH_COLUMNS.length);
      for (let i = from; i < to; i++) out[i] = col[docs[i]! - seg.base]!;
    });
  }

  /** Length column `column` of one document. */
  lengthOf(doc: number, column: number): number {
    const [seg, local] = this.locate(doc);
    return seg.column(column)[local]!;
  }

  /** The length of every field of a document, by field id (a stem field has its exact field's). */
  fieldLengths(doc: number): number[] {
    const [seg, local] = this.locate(doc);
    return FIELDS.map((_, f) => {
      const c = lengthColumn(f);
      return c < 0 ? 0 : seg.column(c)[local]!;
    });
  }

  /** Newest-first sort key: the time, or -Infinity without a date. */
  timeKey(doc: number): number {
    const t = this.time(doc);
    return t === NO_TIME ? -Infinity : t;
  }

  /** Sort time of a document, or NO_TIME. */
  time(doc: number): number {
    const [seg, local] = this.locate(doc);
    return seg.time(local);
  }

  /** Local day of a document (days since 1970-01-01), or null. */
  day(doc: number): number | null {
    const t = this.time(doc);
    return t === NO_TIME ? null : Math.floor(t / 1440);
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

  /** Source name of a document ('' when unknown), without reading its stored article. */
  sourceName(doc: number): string {
    const [seg, local] = this.locate(doc);
    return seg.sourceName(local);
  }

  /** Stored article of a document. */
  stored(doc: number): Article {
    return this.storedRecord(doc).article;
  }

  /** Stored article of a document with its body's text. */
  storedRecord(doc: number): StoredRecord {
    const [seg, local] = this.locate(doc);
    const record = seg.storedRecord(local);
    // Origins are stored relative to the index folder (see originForIndex).
    if (!record.article.origin) return record;
    const origin = originFromIndex(record.article.origin, this.dir);
    return origin === record.article.origin ? record : { ...record, article: { ...record.article, origin } };
  }

  /** Near-duplicate signature of a document. */
  signature(doc: number): Uint16Array {
    const [seg, local] = this.locate(doc);
    return seg.signature(local);
  }

  /** Live documents whose id starts with `prefix`, at most `limit`. */
  docsWithIdPrefix(prefix: string, limit = 50): number[] {
    const out: number[] = [];
    for (const seg of this.segments) {
      for (const local of seg.idsWithPrefix(prefix, limit + 1)) if (!seg.isDeleted(local)) out.push(seg.base + local);
    }
    return out.slice(0, limit);
  }

  /** The live document with exactly this id, or null. */
  docById(id: string): number | null {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const seg = this.segments[i]!;
      for (const local of seg.idsWithPrefix(id, 4)) if (!seg.isDeleted(local) && seg.id(local) === id) return seg.base + local;
    }
    return null;
  }

  /** Whether a term occurs in any segment's dictionary. */
  hasTerm(term: string): boolean {
    return this.segments.some((s) => s.find(term) !== null);
  }

  /**
   * Dictionary terms starting with `prefix` (the prefix itself left out), at most `limit`,
   * the most frequent first. At most `scan` terms of each segment are looked at: `cut` says
   * when the prefix held more than that, or more than `limit`.
   */
  expandPrefix(prefix: string, limit: number, scan = Infinity): ExpansionResult {
    const found = new Map<string, Expansion>();
    let cut = false;
    for (const seg of this.segments) {
      let seen = 0;
      seg.withPrefix(prefix, (info) => {
        if (++seen > scan) {
          cut = true;
          return false;
        }
        if (info.term === prefix) return true;
        const have = found.get(info.term);
        if (have) have.docFreq += info.docFreq;
        else found.set(info.term, { term: info.term, docFreq: info.docFreq, distance: info.term.length - prefix.length });
        return true;
      });
    }
    return topExpansions([...found.values()], limit, cut, true);
  }

  /**
   * Dictionary terms within `maxDistance` edits of `term` that share its first `prefixLength`
   * characters (the term itself left out), at most `limit`, the closest and then the most
   * frequent first.
   */
  expandFuzzy(term: string, maxDistance: number, prefixLength: number, limit: number, scan = Infinity): ExpansionResult {
    const found = new Map<string, Expansion>();
    const head = term.slice(0, prefixLength);
    const distance = distanceTo(term, maxDistance);
    let cut = false;
    for (const seg of this.segments) {
      let seen = 0;
      seg.withPrefix(
        head,
        (info) => {
          if (seen > scan) return false;
          if (info.term === term) return true;
          const d = distance(info.term);
          if (d === Infinity) return true;
          const have = found.get(info.term);
          if (have) have.docFreq += info.docFreq;
          else found.set(info.term, { term: info.term, docFreq: info.docFreq, distance: d });
          return true;
        },
        // Every term looked at counts toward `scan`; one whose length in letters (UTF-16
        // units, read from its UTF-8 lead bytes) is off by more than the distance is passed
        // over before it is decoded.
        (bytes, length) => {
          if (++seen > scan) {
            cut = true;
            return true;
          }
          let letters = 0;
          for (let i = 0; i < length; i++) {
            const b = bytes[i]!;
            if (b >= 0xf0) letters += 2;
            else if ((b & 0xc0) !== 0x80) letters++;
          }
          return Math.abs(letters - term.length) <= maxDistance;
        },
      );
    }
    return topExpansions([...found.values()], limit, cut);
  }

  /** Postings of a term across segments (deleted documents left out); with `onlyField`, that field alone; null when absent. */
  postings(term: string, onlyField?: number): TermPostings | null {
    let merged: TermPostings | null = null;
    for (const seg of this.segments) {
      const info = seg.find(term);
      if (!info) continue;
      const into: TermPostings = (merged ??= new Map());
      for (const { field, docs, freqs } of seg.readPostings(info, onlyField)) {
        let list = into.get(field);
        if (!list) into.set(field, (list = new PostingList(docs.length)));
        list.append(docs, freqs, seg.base, seg.hasDeletions() ? (local) => seg.isDeleted(local) : null);
      }
    }
    return merged;
  }

  /** Positions of a term in a positional field across segments (deleted documents left out); null when it has none there. */
  positions(term: string, field: number): TermPositions | null {
    // A phrase reads its words' positions to match and again to place the snippet: decode once.
    const key = `${field}\u0000${term}`;
    const known = this.positionCache.get(key);
    if (known !== undefined) return known;
    const found = this.readTermPositions(term, field);
    this.positionCache.set(key, found);
    return found;
  }

  private positionCache = new Map<string, TermPositions | null>();

  private readTermPositions(term: string, field: number): TermPositions | null {
    const parts: Array<{ docs: Int32Array; offsets: Int32Array; values: Int32Array }> = [];
    for (const seg of this.segments) {
      const info = seg.find(term);
      if (!info) continue;
      const [fp] = seg.readPostings(info, field) as [FieldPostings?];
      if (!fp) continue;
      const pos = seg.readPositions(info, field, fp.freqs);
      if (!pos) continue;
      if (!seg.hasDeletions()) {
        // The segment's own arrays serve as they are: only the document numbers move by its base.
        const docs = seg.base === 0 ? fp.docs : fp.docs.map((d) => d + seg.base);
        parts.push({ docs, offsets: pos.offsets, values: pos.values });
        continue;
      }
      const live = new Uint8Array(fp.docs.length);
      let keep = 0;
      for (let i = 0; i < fp.docs.length; i++) if (!seg.isDeleted(fp.docs[i]!)) ((live[i] = 1), keep++);
      const docs = new Int32Array(keep);
      const offsets = new Int32Array(keep + 1);
      let total = 0;
      for (let i = 0; i < fp.docs.length; i++) if (live[i]) total += pos.offsets[i + 1]! - pos.offsets[i]!;
      const values = new Int32Array(total);
      let n = 0;
      let v = 0;
      for (let i = 0; i < fp.docs.length; i++) {
        if (!live[i]) continue;
        docs[n] = seg.base + fp.docs[i]!;
        offsets[n++] = v;
        for (let k = pos.offsets[i]!; k < pos.offsets[i + 1]!; k++) values[v++] = pos.values[k]!;
      }
      offsets[n] = v;
      parts.push({ docs, offsets, values });
    }
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0]!;
    const docs = new Int32Array(parts.reduce((s, p) => s + p.docs.length, 0));
    const offsets = new Int32Array(docs.length + 1);
    const values = new Int32Array(parts.reduce((s, p) => s + p.values.length, 0));
    let d = 0;
    let v = 0;
    for (const p of parts) {
      docs.set(p.docs, d);
      for (let i = 0; i < p.docs.length; i++) offsets[d + i] = p.offsets[i]! + v;
      values.set(p.values, v);
      d += p.docs.length;
      v += p.values.length;
    }
    offsets[d] = v;
    return { docs, offsets, values };
  }

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
      const path = this.directory.file(name);
      value = readSidecarFile<T>(path, this.manifest.sidecarSums?.[kind] ?? null);
      if (value === null || typeof value !== 'object' || !valid(value)) throw new IndexCorruptError(path, `not a ${kind} sidecar`);
    }
    this.sidecars.set(kind, value);
    return value;
  }

  /** Reads every file of every segment whole and checks its checksum. */
  verify(): void {
    for (const seg of this.segments) seg.verify();
  }

  /** Releases file descriptors. */
  close(): void {
    for (const s of this.segments) s.close();
  }
}

export function topExpansions(list: Expansion[], limit: number, cut: boolean, byFrequency = false): ExpansionResult {
  list.sort((a, b) => (byFrequency ? 0 : a.distance - b.distance) || b.docFreq - a.docFreq || (a.term < b.term ? -1 : 1));
  return { terms: list.slice(0, limit), cut: cut || list.length > limit };
}

export { IndexCorruptError, IndexOpenError };
