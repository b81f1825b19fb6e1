import { describe, expect, it } from 'vitest';
import { ArchiveIndex } from '../../src/index/reader';
import { compileQuery } from '../../src/search/plan';
import { matchingDocs, planContext, runPlanned } from '../../src/search/search';
import { demoIndexDir } from '../support/cli';

describe('runPlanned, newest first', () => {
  const index = ArchiveIndex.open(demoIndexDir);
  const ctx = planContext(index, '2026-11-29');

  it.each(['إيران', 'إيران OR اليمن', 'إير*', 'إيران -طهران', '"الدولة الإسلامية"', 'نفط~'])(
    '%s: the page of the matches in date order, with their terms, whichever way they were matched',
    (query) => {
      const planned = compileQuery(query, ctx);
      const matching = matchingDocs(index, planned, { today: '2026-11-29' });
      expect(matching.length, query).toBeGreaterThan(2);
      const byDate = [...matching].sort((a, b) => index.time(b) - index.time(a) || b - a);
      for (const [offset, limit] of [[0, 5], [2, 3], [0, 0]] as const) {
        const out = runPlanned(index, compileQuery(query, ctx), { limit, offset, sort: 'newest', collapse: false, today: '2026-11-29' });
        expect(out.total, query).toBe(matching.length);
        expect(out.hits.map((h) => h.doc), `${query} ${offset}/${limit}`).toEqual(byDate.slice(offset, offset + limit));
        for (const h of out.hits) expect(h.matched.length, query).toBeGreaterThan(0);
      }
    },
  );
});
