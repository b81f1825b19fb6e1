import { describe, expect, it } from 'vitest';
import { ArchiveIndex } from '../../src/index/reader';
import { compileQuery } from '../../src/search/plan';
import { matchingDocs, newestOf, planContext, runPlanned } from '../../src/search/search';
import { demoIndexDir } from '../support/cli';
import { rng } from '../../src/synth/generate';

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

describe('runPlanned, newest first', () => {
  const index = ArchiveIndex.open(demoIndexDir);
  const ctx = planContext(index, '2026-11-29');

  it.each(['إيران', 'إيران OR اليمن', 'إير*', 'إيران -طهران', '"الدولة الإسلامية"', 'نفط~'])(
    '%s: the page of the matches in date order, with their terms, whichever way they were matched',
    (query) => {
      const planned = compileQuery(query, ctx);
      const matching = matchingDocs(index, planned, { today: '2026-11-29' });
      expect(matching.length, query).toBeGreaterThan(2);
      const byDate = [...matching].sort((a, b) => index.timeKey(b) - index.timeKey(a) || b - a);
      for (const [offset, limit] of [[0, 5], [2, 3], [0, 0]] as const) {
        const out = runPlanned(index, compileQuery(query, ctx), { limit, offset, order: 'newest', today: '2026-11-29' });
        expect(out.total, query).toBe(matching.length);
        expect(out.hits.map((h) => h.doc), `${query} ${offset}/${limit}`).toEqual(byDate.slice(offset, offset + limit));
        for (const h of out.hits) expect(h.matched.length, query).toBeGreaterThan(0);
      }
    },
  );
});
