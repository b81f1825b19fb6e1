import { describe, expect, it } from 'vitest';
import { newestOf } from '../../../src/core/search';
import { rng } from '../../../src/synth/generate';

describe('newestOf', () => {
  it('gives the k newest documents, newest first and the later document first on equal keys, as a full sort does', () => {
    const random = rng(5);
    for (const [n, k] of [[0, 5], [1, 1], [7, 20], [500, 0], [500, 1], [500, 20], [3000, 250], [40, 40]] as const) {
      const docs = Int32Array.from({ length: n }, (_, i) => i * 3 + 1);
      // Few distinct keys, so ties are common; some documents have no date.
      const keys = Float64Array.from({ length: n }, () => (random() < 0.1 ? -Infinity : Math.floor(random() * 50) * 1440 + Math.floor(random() * 3)));
      const order = [...docs.keys()].sort((i, j) => keys[j]! - keys[i]! || (keys[i] === keys[j] ? docs[j]! - docs[i]! : 0));
      const expected = order.slice(0, k).map((i) => docs[i]!);
      expect(newestOf(docs, keys, k), `${n} / ${k}`).toEqual(expected);
    }
  });
});
