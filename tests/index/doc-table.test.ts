import { describe, expect, it } from 'vitest';
import { COMPACT_WORDS, DocTable, WIDE_WORDS, encodeRows, fitsCompact, type DocRow } from '../../src/index/doc-table';
import { NO_DAY } from '../../src/index/format';
import { FIELDS, FIELD_ID } from '../../src/index/fields';
import { rng } from '../../src/synth/generate';

/** Rows with random lengths that fit the compact layout (stem fields as long as their word fields). */
function rows(count: number, seed: number): DocRow[] {
  const random = rng(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  return Array.from({ length: count }, () => {
    const lengths = new Array<number>(FIELDS.length).fill(0);
    lengths[FIELD_ID.title] = lengths[FIELD_ID.title_stem] = int(0xffff);
    lengths[FIELD_ID.body] = lengths[FIELD_ID.body_stem] = int(0xffff);
    lengths[FIELD_ID.tags] = int(0xffff);
    lengths[FIELD_ID.source] = int(0xff);
    lengths[FIELD_ID.date] = int(0xff);
    return { lengths, day: int(3) === 0 ? null : int(20_000), minute: int(1439) };
  });
}

describe('DocTable.fieldLengthsInto', () => {
  it.each([
    ['compact', COMPACT_WORDS],
    ['wide', WIDE_WORDS],
  ])('gives each field exactly as lengthsInto does, in the %s layout, for a run of postings after a base', (_, words) => {
    const data = rows(500, words);
    expect(fitsCompact(data)).toBe(true);
    const encoded = encodeRows(data, words);
    const table = new DocTable(encoded.lengths, words, () => encoded.times);
    const base = 1000;
    // Ascending global document numbers, every third row, and a run taken from the middle.
    const docs = Int32Array.from(data.map((_, i) => base + i).filter((d) => d % 3 === 0));
    const from = 10;
    const to = docs.length - 5;
    for (let field = 0; field < FIELDS.length; field++) {
      const out = new Int32Array(docs.length).fill(-1);
      table.fieldLengthsInto(docs, from, to, base, field, out);
      const expected = Array.from(docs, (d, i) => (i >= from && i < to ? table.lengths(d - base)[field]! : -1));
      expect([...out], FIELDS[field]).toEqual(expected);
      // And lengthsInto agrees with the rows written.
      expect(table.lengths(docs[from]! - base)[field]).toBe(data[docs[from]! - base]!.lengths[field]);
    }
  });
});

describe('DocTable times', () => {
  it.each([
    ['compact', COMPACT_WORDS],
    ['wide', WIDE_WORDS],
  ])('reads the days and minutes only when asked, once, and gives them back as written (%s layout)', (_, words) => {
    const data = rows(300, 7 + words);
    const encoded = encodeRows(data, words);
    expect(encoded.lengths.length).toBe(data.length * words);
    let reads = 0;
    const table = new DocTable(encoded.lengths, words, () => {
      reads++;
      return encoded.times;
    });
    for (let i = 0; i < data.length; i++) expect(table.lengths(i)).toEqual(data[i]!.lengths);
    expect(reads).toBe(0);
    const docs = Int32Array.from(data.keys());
    const keys = new Float64Array(docs.length);
    table.timeKeysInto(docs, 0, docs.length, 0, keys);
    data.forEach((r, i) => {
      expect(table.day(i)).toBe(r.day);
      expect(table.minute(i)).toBe(r.minute);
      expect(keys[i]).toBe(r.day === null ? -Infinity : r.day * 1440 + (r.minute ?? 0));
    });
    expect(reads).toBe(1);
    expect(encoded.times[0]).toBe(data[0]!.day ?? NO_DAY);
  });
});
