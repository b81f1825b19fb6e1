// The per-document table: BM25 needs the field lengths of each candidate, date filters and
// newest-first listings need its day and minute. The two are stored apart, each with its own
// checksum, because every cold query reads and checks the field lengths whole while only
// date work needs the days: a search reads half the table. The lengths are kept small (two
// 32-bit words a document) for the same reason; a segment with an unusually long field falls
// back to one word per field.

import { FIELDS, FIELD_ID } from './fields';
import { NO_DAY } from './format';

/** Words of field lengths per row in the compact layout. */
export const COMPACT_WORDS = 2;
/** Words of field lengths per row in the wide layout: one per field. */
export const WIDE_WORDS = FIELDS.length;
/** Words per row of the times part: day and minute. */
export const TIME_WORDS = 2;

/** What the table records about one document. */
export interface DocRow {
  /** One length per field, in FIELDS order. */
  lengths: number[];
  day: number | null;
  minute: number | null;
}

/** Whether every row fits the compact layout. */
export function fitsCompact(rows: DocRow[]): boolean {
  return rows.every(
    (r) =>
      r.lengths[FIELD_ID.title]! <= 0xffff &&
      r.lengths[FIELD_ID.body]! <= 0xffff &&
      r.lengths[FIELD_ID.tags]! <= 0xffff &&
      r.lengths[FIELD_ID.source]! <= 0xff &&
      r.lengths[FIELD_ID.date]! <= 0xff &&
      r.lengths[FIELD_ID.title_stem] === r.lengths[FIELD_ID.title] &&
      r.lengths[FIELD_ID.body_stem] === r.lengths[FIELD_ID.body],
  );
}

/** Encodes rows: their field lengths in the given layout, and their times. */
export function encodeRows(rows: DocRow[], words: number): { lengths: Int32Array; times: Int32Array } {
  const lengths = new Int32Array(rows.length * words);
  const times = new Int32Array(rows.length * TIME_WORDS);
  rows.forEach((r, i) => {
    const p = i * words;
    const L = r.lengths;
    if (words === COMPACT_WORDS) {
      lengths[p] = (L[FIELD_ID.title]! | (L[FIELD_ID.body]! << 16)) | 0;
      lengths[p + 1] = (L[FIELD_ID.tags]! | (L[FIELD_ID.source]! << 16) | (L[FIELD_ID.date]! << 24)) | 0;
    } else {
      for (let f = 0; f < FIELDS.length; f++) lengths[p + f] = L[f]!;
    }
    times[i * TIME_WORDS] = r.day ?? NO_DAY;
    times[i * TIME_WORDS + 1] = r.minute ?? -1;
  });
  return { lengths, times };
}

/** Read access to a decoded table; the times are read on first use. */
export class DocTable {
  private timeRows?: Int32Array;

  constructor(
    private readonly data: Int32Array,
    readonly words: number,
    private readonly readTimes: () => Int32Array,
  ) {}

  private times(): Int32Array {
    return (this.timeRows ??= this.readTimes());
  }

  /** Field lengths of a document, in FIELDS order. */
  lengths(local: number): number[] {
    return this.lengthsInto(local, new Array<number>(FIELDS.length));
  }

  /** Writes a document's field lengths into `out` (reused by the engine to avoid garbage). */
  lengthsInto(local: number, out: number[]): number[] {
    const p = local * this.words;
    const d = this.data;
    if (this.words !== COMPACT_WORDS) {
      for (let f = 0; f < FIELDS.length; f++) out[f] = d[p + f]!;
      return out;
    }
    const w0 = d[p]!;
    const w1 = d[p + 1]!;
    out[0] = out[2] = w0 & 0xffff;
    out[1] = out[3] = (w0 >>> 16) & 0xffff;
    out[4] = w1 & 0xffff;
    out[5] = (w1 >>> 16) & 0xff;
    out[6] = (w1 >>> 24) & 0xff;
    return out;
  }

  /**
   * Writes the length of one field for documents docs[from, to) (global numbers, this table's
   * first being `base`) into out[from, to): the scoring loops' one call per run of postings.
   */
  fieldLengthsInto(docs: Int32Array, from: number, to: number, base: number, field: number, out: Int32Array): void {
    const d = this.data;
    const w = this.words;
    if (w !== COMPACT_WORDS) {
      for (let i = from; i < to; i++) out[i] = d[(docs[i]! - base) * w + field]!;
      return;
    }
    // The compact row's packing (see lengthsInto): which word, shift and width hold the field.
    const word = field <= 3 ? 0 : 1;
    const shift = field === 1 || field === 3 || field === 5 ? 16 : field === 6 ? 24 : 0;
    const mask = field <= 4 ? 0xffff : 0xff;
    for (let i = from; i < to; i++) out[i] = (d[(docs[i]! - base) * w + word]! >>> shift) & mask;
  }

  /** Writes the newest-first sort key (day × 1440 + minute, -Infinity without a date) of documents docs[from, to) into out[from, to). */
  timeKeysInto(docs: Int32Array, from: number, to: number, base: number, out: Float64Array): void {
    const t = this.times();
    for (let i = from; i < to; i++) {
      const p = (docs[i]! - base) * TIME_WORDS;
      const day = t[p]!;
      const minute = t[p + 1]!;
      out[i] = day === NO_DAY ? -Infinity : day * 1440 + (minute < 0 ? 0 : minute);
    }
  }

  /** Local day number, or null. */
  day(local: number): number | null {
    const v = this.times()[local * TIME_WORDS]!;
    return v === NO_DAY ? null : v;
  }

  /** Minute of the day, or null. */
  minute(local: number): number | null {
    const v = this.times()[local * TIME_WORDS + 1]!;
    return v < 0 ? null : v;
  }
}
