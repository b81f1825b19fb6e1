import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../src/index/bytes';
import { SlicePool } from '../../src/index/slices';

/** A stream's bytes as read from the pool. */
function readStream(pool: SlicePool, s: number): { bytes: Buffer; count: number } {
  const w = new ByteWriter(16);
  const count = pool.read(s, w);
  return { bytes: Buffer.from(w.view()), count };
}

describe('SlicePool', () => {
  it('keeps each stream\'s varints in order however the streams interleave', () => {
    const op = fc.tuple(fc.nat(40), fc.oneof(fc.nat(200), fc.maxSafeNat()));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const pool = new SlicePool(4);
        pool.ensureStreams(41);
        const expected = new Map<number, number[]>();
        let written = 0;
        for (const [s, v] of ops) {
          written = pool.varint(s, v);
          const w = new ByteWriter(16);
          w.varint(v);
          expect(written).toBe(w.length);
          expected.set(s, [...(expected.get(s) ?? []), v]);
        }
        for (let s = 0; s <= 40; s++) {
          const values = expected.get(s) ?? [];
          expect(pool.has(s)).toBe(values.length > 0);
          const { bytes, count } = readStream(pool, s);
          expect(count).toBe(bytes.length);
          const r = new ByteReader(bytes);
          expect(values.map(() => r.varint())).toEqual(values);
          expect(r.done).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes the same bytes as a plain buffer, across slices of every size', () => {
    const pool = new SlicePool(1);
    const plain = new ByteWriter(16);
    // Long enough to pass through every slice size, with values of 1 to 8 bytes.
    for (let i = 0; i < 3000; i++) {
      const v = (i * 2654435761) % 2 ** (7 * ((i % 8) + 1));
      pool.varint(0, v);
      plain.varint(v);
    }
    expect(readStream(pool, 0).bytes.equals(plain.view())).toBe(true);
  });

  it('spans blocks when the pool grows past one', () => {
    const pool = new SlicePool(2);
    for (let i = 0; i < 70_000; i++) pool.varint(i % 2, i % 128);
    expect(pool.bytes).toBeGreaterThan(1 << 16);
    const { bytes } = readStream(pool, 1);
    expect(bytes).toHaveLength(35_000);
    expect(bytes[34_999]).toBe(69_999 % 128);
  });

  it('reads nothing from a stream never written, and grows to more streams keeping the old ones', () => {
    const pool = new SlicePool(2);
    pool.varint(1, 300);
    pool.ensureStreams(1000);
    pool.varint(999, 5);
    expect(pool.has(0)).toBe(false);
    expect(pool.has(5000)).toBe(false);
    expect(readStream(pool, 0)).toEqual({ bytes: Buffer.alloc(0), count: 0 });
    expect([...readStream(pool, 1).bytes]).toEqual([0xac, 0x02]);
    expect([...readStream(pool, 999).bytes]).toEqual([5]);
  });
});
