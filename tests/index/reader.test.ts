// The reader's pure helpers: edit distances used by fuzzy expansion and keyword merging,
// and the search for a document in an ascending list.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDistance, distanceTo, firstAtOrAfter } from '../../src/index/reader';

/** Levenshtein distance by the textbook table, the reference for both implementations. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

// Words over a small alphabet (Arabic letters and one Latin), so that close words are common.
const word = (max: number) => fc.array(fc.constantFrom('ا', 'ل', 'س', 'ع', 'و', 'د', 'ي', 'ة', 'b'), { maxLength: max }).map((l) => l.join(''));

describe('distanceTo', () => {
  it('agrees with the textbook distance within the bound, and is Infinity above it', () => {
    fc.assert(
      fc.property(word(12), word(14), fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = levenshtein(a, b);
        expect(distanceTo(a, max)(b)).toBe(exact <= max ? exact : Infinity);
        expect(boundedDistance(a, b, max)).toBe(exact <= max ? exact : Infinity);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles words of exactly 32 letters and longer ones', () => {
    const long = 'السعودية'.repeat(4);
    expect(long.length).toBe(32);
    const changed = `${long.slice(0, 10)}x${long.slice(11)}`;
    expect(distanceTo(long, 2)(changed)).toBe(1);
    expect(distanceTo(long, 2)(long.slice(1))).toBe(1);
    const longer = `${long}ال`;
    expect(distanceTo(longer, 3)(long)).toBe(2);
    expect(distanceTo(longer, 1)(long)).toBe(Infinity);
  });

  it('reads the same word with a prefix bound', () => {
    expect(distanceTo('السعودية', 1)('السعوديه')).toBe(1);
    expect(distanceTo('السعودية', 1)('السعودية')).toBe(0);
    expect(distanceTo('السعودية', 1)('سعودية')).toBe(Infinity);
    expect(distanceTo('', 2)('اب')).toBe(2);
  });
});

describe('firstAtOrAfter', () => {
  it('finds the first position holding the document or a later one', () => {
    const docs = Int32Array.from([2, 5, 5, 9, 14]);
    expect(firstAtOrAfter(docs, 0, 5)).toBe(1);
    expect(firstAtOrAfter(docs, 0, 6)).toBe(3);
    expect(firstAtOrAfter(docs, 4, 1)).toBe(4);
    expect(firstAtOrAfter(docs, 0, 15)).toBe(5);
  });
});
