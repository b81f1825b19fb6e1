// Ranking promises of the issue: a match on the exact (normalized) form ranks above a
// match only on the stem, and titles weigh more than bodies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build';
import { ArchiveIndex } from '../../src/index/reader';
import { search } from '../../src/search/search';

let dir: string;
let index: ArchiveIndex;

const filler = 'وأضاف المصدر أن الاجتماع تناول عددا من القضايا الإقليمية والدولية ذات الاهتمام المشترك بين البلدين.';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsq-rank-'));
  const records = [
    // Same length and shape; only the form of the word differs.
    { id: 'stem-only', title: 'خبر أول', body: `وصلت والرسالة إلى الوزارة. ${filler}` },
    { id: 'exact', title: 'خبر ثان', body: `وصلت رسالة إلى الوزارة. ${filler}` },
    { id: 'in-title', title: 'رسالة إلى الوزارة', body: `وصل خبر إلى الوزارة. ${filler}` },
    { id: 'unrelated', title: 'خبر رابع', body: `وصل وفد إلى الوزارة. ${filler}` },
    // Homographs that folding joins: the spelling typed ranks first.
    { id: 'media', title: 'خبر خامس', body: `تحدث إعلام الدولة عن الوزارة. ${filler}` },
    { id: 'flags', title: 'خبر سادس', body: `رفعت أعلام الدولة عند الوزارة. ${filler}` },
  ];
  writeFileSync(join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  buildIndex([join(dir, 'a.jsonl')], join(dir, 'index'), { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
  index = ArchiveIndex.open(join(dir, 'index'));
});

afterAll(() => {
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ranking', () => {
  const ids = (q: string) => search(index, { query: q, limit: 10, offset: 0, collapse: false, today: '2020-01-01' }).hits.map((h) => h.article.id);

  it('finds every form of the word and nothing else', () => {
    expect(new Set(ids('رسالة'))).toEqual(new Set(['stem-only', 'exact', 'in-title']));
  });

  it('puts a headline match first, then the exact form, then a stem-only match', () => {
    expect(ids('رسالة')).toEqual(['in-title', 'exact', 'stem-only']);
  });

  it('ranks the exact form first whichever form the query uses', () => {
    expect(ids('والرسالة')[0]).toBe('stem-only');
  });

  it('finds both homographs that folding joins, the spelling typed first', () => {
    expect(ids('إعلام')).toEqual(['media', 'flags']);
    expect(ids('أعلام')).toEqual(['flags', 'media']);
  });
});
