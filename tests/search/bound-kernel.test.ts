// The WebAssembly loops of the ranking pass against the same loops in JavaScript: the same
// scores to the last bit, bit sets, order of reached documents, count, k-th best score and
// candidates, on random posting lists.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundKernel, boundKernelBytes } from '../../src/search/bound-kernel';

interface List {
  docs: number[];
  freqs: number[];
  lengths: number[];
  base: number;
  scale: number;
  lengthFree: number;
  perLength: number;
  bit: number;
  groupBit: number;
}

/** The ranking pass's JavaScript: scores, bit sets, reached documents, then count, heap root and candidates. */
function reference(span: number, lists: List[], all: number, k: number) {
  const score = new Float64Array(span);
  const terms = new Uint8Array(span);
  const groups = new Uint8Array(span);
  const reached: number[] = [];
  for (const l of lists) {
    for (let i = 0; i < l.docs.length; i++) {
      const doc = l.docs[i]!;
      const tf = l.freqs[i]!;
      score[doc]! += l.base + (l.scale * tf) / (tf + l.lengthFree + l.perLength * l.lengths[i]!);
      terms[doc]! |= l.bit;
      if (groups[doc] === 0) reached.push(doc);
      groups[doc]! |= l.groupBit;
    }
  }
  const popcount = (v: number) => v.toString(2).replace(/0/g, '').length;
  const kept: number[] = [];
  let total = 0;
  for (const doc of reached) {
    if (groups[doc] !== all) continue;
    total++;
    kept.push((score[doc] = score[doc]! * popcount(terms[doc]!)));
  }
  kept.sort((a, b) => b - a);
  const kth = k > 0 && kept.length >= k ? kept[k - 1]! : null;
  const threshold = kth === null ? -Infinity : kth * (1 - 1e-9) - 1e-8;
  const candidates = reached.filter((doc) => groups[doc] === all && score[doc]! >= threshold);
  return { score: [...score], terms: [...terms], groups: [...groups], reached, total, kth, threshold, candidates };
}

// `halves`: finish the reached documents in two calls, the heap's fill carried from the first
// to the second (as the engine does from one block of documents to the next).
function viaKernel(span: number, lists: List[], all: number, k: number, halves = false) {
  const longest = Math.max(0, ...lists.map((l) => l.docs.length));
  const capacity = Math.min(span, lists.reduce((n, l) => n + l.docs.length, 0));
  const termsAt = span * 8;
  const groupsAt = termsAt + span;
  const reachedAt = (groupsAt + span + 3) & ~3;
  const docsAt = reachedAt + capacity * 4;
  const freqsAt = docsAt + longest * 4;
  const lengthsAt = freqsAt + longest * 4;
  const heapAt = (lengthsAt + longest * 4 + 7) & ~7;
  const outAt = heapAt + k * 8;
  const kernel = boundKernel(outAt + capacity * 4)!;
  const buffer = kernel.memory.buffer;
  let reachedCount = 0;
  for (const l of lists) {
    new Int32Array(buffer, docsAt, l.docs.length).set(l.docs);
    new Int32Array(buffer, freqsAt, l.docs.length).set(l.freqs);
    new Int32Array(buffer, lengthsAt, l.docs.length).set(l.lengths);
    reachedCount = kernel.score(docsAt, freqsAt, lengthsAt, l.docs.length, 0, termsAt, groupsAt, reachedAt, reachedCount, l.base, l.scale, l.lengthFree, l.perLength, l.bit, l.groupBit);
  }
  const reached = [...new Int32Array(buffer, reachedAt, reachedCount)];
  const terms = [...new Uint8Array(buffer, termsAt, span)];
  const groups = [...new Uint8Array(buffer, groupsAt, span)];
  let total: number;
  if (halves) {
    const first = reachedCount >> 1;
    const before = kernel.finish(reachedAt, first, 0, termsAt, groupsAt, all, heapAt, k, 0);
    total = before + kernel.finish(reachedAt + first * 4, reachedCount - first, 0, termsAt, groupsAt, all, heapAt, k, Math.min(k, before));
  } else {
    total = kernel.finish(reachedAt, reachedCount, 0, termsAt, groupsAt, all, heapAt, k, 0);
  }
  const kth = k > 0 && total >= k ? new Float64Array(buffer, heapAt, 1)[0]! : null;
  const threshold = kth === null ? -Infinity : kth * (1 - 1e-9) - 1e-8;
  const found = kernel.collect(reachedAt, reachedCount, 0, groupsAt, all, threshold, outAt);
  return { score: [...new Float64Array(buffer, 0, span)], terms, groups, reached, total, kth, threshold, candidates: [...new Int32Array(buffer, outAt, found)] };
}

describe('the ranking pass in WebAssembly', () => {
  it('is a valid module', () => {
    expect(boundKernel(1)).not.toBeNull();
    expect(boundKernelBytes().subarray(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it("gives the JavaScript loops' results exactly, on random posting lists", () => {
    // A small archive, so that documents often hold several lists and the heap fills.
    const span = 64;
    const list =
      fc
        .uniqueArray(fc.integer({ min: 0, max: span - 1 }), { maxLength: 60 })
        .chain((docs) =>
          fc.record({
            docs: fc.constant(docs.sort((a, b) => a - b)),
            freqs: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: docs.length, maxLength: docs.length }),
            lengths: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: docs.length, maxLength: docs.length }),
            base: fc.double({ min: 0, max: 20, noNaN: true }),
            scale: fc.double({ min: 0, max: 50, noNaN: true }),
            lengthFree: fc.double({ min: 0.01, max: 2, noNaN: true }),
            perLength: fc.double({ min: 0, max: 0.5, noNaN: true }),
            bit: fc.integer({ min: 0, max: 4 }).map((b) => 1 << b),
            groupBit: fc.constant(0),
          }),
        );
    // Lists take the groups in turn, so that every group has at least one list and documents
    // can match them all (a group without a list would leave nothing for the heap).
    const cases = fc.integer({ min: 1, max: 3 }).chain((groupCount) =>
      fc.tuple(
        fc.constant(groupCount),
        // Mostly pages the matches fill, sometimes larger ones (no threshold) or none.
        fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 25 }), weight: 1 }),
        fc.array(list, { minLength: groupCount, maxLength: 7 }).map((lists) => lists.map((l, i) => ({ ...l, groupBit: 1 << (i % groupCount) }))),
      ),
    );
    let nonEmpty = 0;
    fc.assert(
      fc.property(cases, ([groupCount, k, lists]) => {
        const all = (1 << groupCount) - 1;
        const expected = reference(span, lists, all, k);
        if (expected.candidates.length > 0 && expected.kth !== null) nonEmpty++;
        expect(viaKernel(span, lists, all, k)).toEqual(expected);
        expect(viaKernel(span, lists, all, k, true)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // A good part of the cases must have filled the heap and picked candidates by its threshold.
    expect(nonEmpty).toBeGreaterThan(50);
  });
});
