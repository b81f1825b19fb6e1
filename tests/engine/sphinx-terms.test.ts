// What the cluster writer sends for an article must be what newsq's own index holds for it:
// the same terms in every field, the same field lengths, and positions laid out so that
// searchd's phrases match where newsq's do.

import { describe, expect, it } from 'vitest';
import { ArchiveIndex } from '../../src/index/reader';
import { FIELDS, FIELD_ID, LENGTH_COLUMNS } from '../../src/index/schema';
import { BREAK_TOKEN, documentId, encodeTerm, shardOf, sphinxDocument } from '../../src/engine/sphinx-terms';
import { useDemoIndex } from '../support/cli';

const { dir } = useDemoIndex('sphinx-terms');

describe('encodeTerm', () => {
  it('keeps the analyzer letters and escapes everything else, so a term stays one searchd token', () => {
    expect(encodeTerm('خامنئي')).toBe('خامنئي');
    expect(encodeTerm('y2015')).toBe('y2015');
    expect(encodeTerm('m2015-04')).toBe('m2015_2d_04');
    expect(encodeTerm('الدولة الإسلامية')).toBe('الدولة_20_الإسلامية');
    // The escape character itself is escaped: no two terms share an encoding.
    expect(encodeTerm('a_b')).toBe('a_5f_b');
    expect(encodeTerm('a b')).not.toBe(encodeTerm('a_20_b'));
    expect(encodeTerm('x'.repeat(60))).toMatch(/^_h[0-9a-f]{30}$/);
    for (const t of ['الدولة الإسلامية', 'm2015-04', 'A.B']) expect(encodeTerm(t)).toMatch(/^[0-9a-z_\u0621-\u063a\u0641-\u064a]+$/);
  });

  it('gives every article a stable nonzero 63-bit id and a shard', () => {
    const id = documentId('9910a795592f');
    expect(id).toBe(documentId('9910a795592f'));
    expect(BigInt(id)).toBeGreaterThan(0n);
    expect(BigInt(id)).toBeLessThan(2n ** 63n);
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`a${i}`, 3)));
    expect(shards).toEqual(new Set([0, 1, 2]));
  });
});

describe('sphinxDocument', () => {
  it('holds the terms and field lengths of the local index, field by field', () => {
    const index = ArchiveIndex.open(dir);
    try {
      for (const doc of index.liveDocArray()) {
        const d = sphinxDocument(index.stored(doc));
        expect(d.lengths).toEqual(LENGTH_COLUMNS.map((_, c) => index.lengthOf(doc, c)));
        expect(d.time).toBe(index.time(doc));
        for (const [field, terms] of d.terms) {
          expect(terms.length, FIELDS[field]).toBeGreaterThanOrEqual(0);
          for (const t of terms) expect(index.postings(t)?.get(field)?.has(doc), `${FIELDS[field]} ${t}`).toBe(true);
        }
        // Every exact headline term, in the order of its positions, with a break where they jump.
        const title = d.fields.title.split(' ').filter(Boolean);
        const positions: Array<[number, string]> = [];
        for (const t of new Set(d.terms.find(([f]) => f === FIELD_ID.title)![1])) {
          const p = index.positions(t, FIELD_ID.title)!;
          const i = Array.from(p.docs).indexOf(doc);
          for (let k = p.offsets[i]!; k < p.offsets[i + 1]!; k++) positions.push([p.values[k]!, encodeTerm(t)]);
        }
        positions.sort((a, b) => a[0] - b[0]);
        const laidOut: string[] = [];
        let last = -1;
        for (const [pos, t] of positions) {
          for (let gap = last + 1; gap < pos && last >= 0; gap++) laidOut.push(BREAK_TOKEN);
          laidOut.push(t);
          last = pos;
        }
        expect(title).toEqual(laidOut);
      }
    } finally {
      index.close();
    }
  });
});
