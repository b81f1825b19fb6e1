import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANDS,
  COPY_SIMILARITY,
  MIN_SHINGLES,
  ROWS,
  SHINGLE,
  SIGNATURE_SIZE,
  bandHashes,
  bandKeys,
  hashString,
  isUnsigned,
  signatureOf,
  similarity,
} from '../../src/features/near-duplicates';

/** Word hashes of a text of distinct words w0 … w(n-1) from `from`. */
const words = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => hashString(`w${from + i}`));
const sign = (w: number[]): Uint16Array => signatureOf(w, w.length)!;

describe('hashString', () => {
  it('is FNV-1a, 32 bits', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

describe('signatureOf', () => {
  it('leaves articles with fewer than MIN_SHINGLES shingles unsigned', () => {
    const shortest = MIN_SHINGLES + SHINGLE - 1;
    expect(signatureOf(words(shortest - 1), shortest - 1)).toBeNull();
    expect(signatureOf(words(shortest), shortest)).toHaveLength(SIGNATURE_SIZE);
  });

  it('reads only the first `count` words', () => {
    const w = words(40);
    expect(signatureOf(w, 30)).toEqual(sign(w.slice(0, 30)));
  });

  it('depends on the shingles, not on where they are', () => {
    const a = words(30);
    // The same set of shingles (a's own and the two across the seam), held once or twice.
    expect(sign([...a, ...a])).toEqual(sign([...a, ...a, ...a]));
  });
});

describe('similarity', () => {
  it('is 1 for the same text and symmetric', () => {
    fc.assert(
      fc.property(fc.integer({ min: 14, max: 80 }), fc.integer({ min: 0, max: 1000 }), (n, from) => {
        const a = sign(words(n, from));
        const b = sign(words(n, from + 3));
        expect(similarity(a, a)).toBe(1);
        expect(similarity(a, b)).toBe(similarity(b, a));
      }),
      { numRuns: 30 },
    );
  });

  it('judges a copy with a new dateline and a cut ending a copy, and another story not', () => {
    const story = words(120);
    const copy = [...words(8, 5000), ...story.slice(0, 110)];
    const other = words(120, 9000);
    expect(similarity(sign(story), sign(copy))).toBeGreaterThanOrEqual(COPY_SIMILARITY);
    expect(similarity(sign(story), sign(other))).toBeLessThan(0.2);
  });
});

describe('isUnsigned', () => {
  it('recognizes the all-zero signature only', () => {
    expect(isUnsigned(new Uint16Array(SIGNATURE_SIZE))).toBe(true);
    const one = new Uint16Array(SIGNATURE_SIZE);
    one[SIGNATURE_SIZE - 1] = 1;
    expect(isUnsigned(one)).toBe(false);
  });
});

describe('band keys', () => {
  it('has one key per band, naming the band and its values', () => {
    const sig = sign(words(40));
    const keys = bandKeys(sig);
    expect(keys).toHaveLength(BANDS);
    keys.forEach((k, b) => {
      const [band, ...values] = k.split('.');
      expect(Number(band)).toBe(b);
      expect(values.map((v) => parseInt(v, 36))).toEqual([...sig.slice(b * ROWS, (b + 1) * ROWS)]);
    });
    expect(BANDS * ROWS).toBe(SIGNATURE_SIZE);
  });

  it('hashes two signatures to the same number in a band exactly when they agree there (on these samples)', () => {
    const a = sign(words(40));
    const b = Uint16Array.from(a);
    b[0] = b[0]! ^ 1; // band 0 differs
    const ha = bandHashes(a);
    const hb = bandHashes(b);
    expect(ha[0]).not.toBe(hb[0]);
    expect(ha.slice(1)).toEqual(hb.slice(1));
    // the same values in different bands give different keys
    const flat = new Uint16Array(SIGNATURE_SIZE).fill(7);
    expect(new Set(bandHashes(flat)).size).toBe(BANDS);
  });
});
