import { describe, expect, it } from 'vitest';
import { COMPACT_WORDS, DocTable, WIDE_WORDS, encodeRows, fitsCompact, type DocRow } from '../../../../src/core/index/doc-table';
import { FIELDS, FIELD_ID } from '../../../../src/core/index/fields';
import { rng } from '../../../../src/synth/generate';

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
    const table = new DocTable(encodeRows(data, words), words);
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
