import { describe, expect, it } from 'vitest';
import type { ArchiveStats } from '../../src/features/stats';
import { byteSize, formatStats, statsJson } from '../../src/output/stats';
import { outputSettings } from '../support/output-settings';

const stats: ArchiveStats = {
  documents: 120,
  firstDay: '2014-09-08',
  lastDay: '2015-04-09',
  utcOffset: '+03:00',
  undated: 2,
  withoutKeywords: 7,
  keywords: { distinct: 40, top: [{ key: 'ايران', keyword: 'إيران', count: 30 }] },
  sources: [
    { source: 'سبق', count: 100 },
    { source: null, count: 20 },
  ],
  links: { articles: 10, headlines: 25, exact: 15, close: 4, none: 6 },
  index: { dir: '/tmp/idx', generation: 3, segments: 1, bytes: 2_500_000, updated: '2015-05-01T00:00:00Z' },
};

describe('byteSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1024 * 1024, '1.0 MiB'],
    [2_500_000, '2.4 MiB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });
});

describe('statsJson', () => {
  it('has the documented shape; Hijri days only with the Hijri calendar', () => {
    const json = statsJson(stats, 'gregory');
    expect(json).toMatchObject({ documents: 120, firstDay: '2014-09-08', undated: 2, withoutKeywords: 7 });
    expect(json.keywords).toEqual({ distinct: 40, top: [{ keyword: 'إيران', key: 'ايران', count: 30 }] });
    expect(json.sources).toEqual([{ source: 'سبق', count: 100 }, { source: null, count: 20 }]);
    expect(json).not.toHaveProperty('firstDay_hijri');
    const hijri = statsJson(stats, 'hijri');
    expect(hijri.firstDay_hijri).toMatch(/^1435-/);
    expect(statsJson({ ...stats, firstDay: null, lastDay: null }, 'hijri').lastDay_hijri).toBeNull();
  });

  it('copies the links and index figures instead of sharing them', () => {
    const json = statsJson(stats, 'gregory');
    expect(json.links).toEqual(stats.links);
    expect(json.links).not.toBe(stats.links);
    expect(json.index).toEqual(stats.index);
  });
});

describe('formatStats', () => {
  it('writes one section/name/value line per number in TSV', () => {
    const rows = formatStats(stats, outputSettings('tsv'), 'gregory').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    for (const row of rows) expect(row).toHaveLength(3);
    expect(rows).toContainEqual(['archive', 'documents', '120']);
    expect(rows).toContainEqual(['archive', 'first_day', '2014-09-08']);
    expect(rows).toContainEqual(['links', 'none', '6']);
    expect(rows).toContainEqual(['source', 'سبق', '100']);
    expect(rows).toContainEqual(['source', '', '20']);
    expect(rows).toContainEqual(['keyword', 'إيران', '30']);
  });

  it('writes Hijri days in TSV with the Hijri calendar', () => {
    const out = formatStats(stats, outputSettings('tsv'), 'hijri');
    expect(out).toMatch(/^archive\tfirst_day\t1435-/m);
  });

  it('summarises the archive on a terminal, with sources and keywords tables', () => {
    const out = formatStats(stats, outputSettings('table'), 'gregory');
    expect(out).toContain('2014-09-08 … 2015-04-09');
    expect(out).toContain('UTC+03:00');
    expect(out).toContain('25 (15 exact, 4 close, 6 not in archive)');
    expect(out).toContain('/tmp/idx (2.4 MiB, 1 segment)');
    expect(out).toContain('(no source)');
    expect(out).toContain('إيران');
    // one named source: the null source is not counted
    expect(out).toMatch(/sources +│? *1\b/u);
    expect(out.match(/┌/g)).toHaveLength(3);
  });

  it('uses Arabic labels and the Arabic comma with --lang ar', () => {
    const out = formatStats({ ...stats, index: { ...stats.index, segments: 3 } }, outputSettings('table', { lang: 'ar' }), 'gregory');
    expect(out).toContain('المقالات');
    expect(out).toContain('3 مقاطع');
    expect(out).toContain('،');
    expect(out).not.toContain('articles');
  });

  it('leaves out the links line and empty tables when there is nothing to show', () => {
    const bare: ArchiveStats = { ...stats, sources: [], keywords: { distinct: 0, top: [] }, links: { articles: 0, headlines: 0, exact: 0, close: 0, none: 0 } };
    const out = formatStats(bare, outputSettings('table'), 'gregory');
    expect(out).not.toContain('related headlines');
    // the summary table alone
    expect(out.match(/┌/g)).toHaveLength(1);
    expect(out).not.toContain('(no source)');
  });
});
