// Archive statistics against the stored articles they summarize, and the promise that
// keeps them fast: source counts read one stored article per source, not every article.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { phraseKey } from '../../src/analysis/analyzer';
import { buildIndex } from '../../src/ingest/build';
import { FIELD_ID } from '../../src/index/schema';
import { dayNumber } from '../../src/index/format';
import { ArchiveIndex } from '../../src/index/reader';
import { keywordCounts } from '../../src/features/keywords';
import { linkSidecar } from '../../src/features/related/chain';
import { archiveStats, sourceCounts } from '../../src/features/stats';
import { buildDemoIndexIn, tempDir } from '../support/cli';
import { buildSmall } from '../index/small-archive';

const tmp = tempDir('stats');
const opened: ArchiveIndex[] = [];
afterAll(() => {
  for (const i of opened) i.close();
  tmp.remove();
});

function open(dir: string): ArchiveIndex {
  const index = ArchiveIndex.open(dir);
  opened.push(index);
  return index;
}

/** Source → count, from every stored article. */
function storedSources(index: ArchiveIndex, docs: number[]): Map<string | null, number> {
  const m = new Map<string | null, number>();
  for (const d of docs) {
    const s = index.stored(d).source;
    m.set(s, (m.get(s) ?? 0) + 1);
  }
  return m;
}

describe.each([
  ['the demo archive', (dir: string) => buildDemoIndexIn(dir)],
  ['the small fixture archive (no source, no date, no keywords)', (dir: string) => (buildSmall(dir), dir)],
])('archiveStats on %s', (_name, build) => {
  let index: ArchiveIndex;
  let docs: number[];
  beforeAll(() => {
    index = open(build(path.join(tmp.dir, `a${opened.length}`)));
    docs = [...index.liveDocs()];
  });

  it('counts articles, the date span and the articles without a date or keywords as the stored articles say', () => {
    const s = archiveStats(index, { top: 5 });
    const stored = docs.map((d) => index.stored(d));
    const days = stored.map((a) => a.date?.slice(0, 10)).filter((d): d is string => !!d).sort();
    expect(s.documents).toBe(stored.length);
    expect(s.undated).toBe(stored.filter((a) => !a.date).length);
    expect(s.firstDay).toBe(days[0]);
    expect(s.lastDay).toBe(days[days.length - 1]);
    expect(s.withoutKeywords).toBe(stored.filter((a) => a.keywords.length === 0).length);
    expect(s.utcOffset).toBe('+03:00');
  });

  it('counts every source as the stored articles do, most first', () => {
    const s = archiveStats(index, { top: 5 });
    expect(new Map(s.sources.map((x) => [x.source, x.count]))).toEqual(storedSources(index, docs));
    expect(s.sources.reduce((sum, x) => sum + x.count, 0)).toBe(docs.length);
    for (let i = 1; i < s.sources.length; i++) expect(s.sources[i - 1]!.count).toBeGreaterThanOrEqual(s.sources[i]!.count);
  });

  it('lists the top keywords as keywordCounts does, and the link counts of the sidecar', () => {
    const s = archiveStats(index, { top: 5 });
    expect(s.keywords.top).toEqual(keywordCounts(index).slice(0, 5));
    expect(s.keywords.distinct).toBe(keywordCounts(index).length);
    const all = Object.values(linkSidecar(index)).flat();
    expect(s.links.headlines).toBe(all.length);
    expect(s.links.exact + s.links.close + s.links.none).toBe(all.length);
    expect(s.links.exact).toBe(all.filter((l) => l.how === 'exact').length);
  });
});

describe('archiveStats with date limits', () => {
  it('counts only the articles of the range', () => {
    const index = open(buildDemoIndexIn(path.join(tmp.dir, 'limits')));
    const from = dayNumber('2016-01-01');
    const accept = (doc: number) => (index.day(doc) ?? -Infinity) >= from;
    const s = archiveStats(index, { top: 3, accept });
    const kept = [...index.liveDocs()].filter(accept);
    expect(s.documents).toBe(kept.length);
    expect(s.firstDay! >= '2016-01-01').toBe(true);
    expect(new Map(s.sources.map((x) => [x.source, x.count]))).toEqual(storedSources(index, kept));
    expect(s.keywords.top).toEqual(keywordCounts(index, accept).slice(0, 3));
  });
});

describe('sourceCounts', () => {
  let index: ArchiveIndex;
  const names = ['سبق', 'صوت الخليج', 'الخليج', 'عكاظ'];
  const expected = new Map<string | null, number>();
  beforeAll(() => {
    // SaudiNewsNet-like records (one source each, no credits), with a source that is a
    // word of another's name (الخليج in صوت الخليج) and a few without a source.
    const records = Array.from({ length: 60 }, (_, i) => {
      const source = i % 13 === 0 ? null : names[i % names.length]!;
      expected.set(source, (expected.get(source) ?? 0) + 1);
      return { id: `r${i}`, title: `خبر رقم ${i} عن الاقتصاد`, body: 'نص الخبر', date: '2015-07-23 10:00:00', ...(source ? { source } : {}) };
    });
    const file = path.join(tmp.dir, 'sources.json');
    writeFileSync(file, JSON.stringify(records));
    buildIndex([file], path.join(tmp.dir, 'sources'), { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
    index = open(path.join(tmp.dir, 'sources'));
  });

  it('counts each source exactly, even one whose name is a word of another', () => {
    const counts = sourceCounts(index, index.liveDocs());
    expect(new Map(counts.map((x) => [x.source, x.count]))).toEqual(expected);
    expect(index.postings(phraseKey('الخليج'))!.get(FIELD_ID.source)!.size).toBe(expected.get('الخليج')! + expected.get('صوت الخليج')!);
  });

  it('reads one stored article per source (plus those sharing a word with another name), not every article', () => {
    const spy = vi.spyOn(index, 'stored');
    sourceCounts(index, index.liveDocs());
    // صوت الخليج articles hold الخليج among their terms and are settled from their store
    // when the الخليج seed comes first; every other article is settled by its postings.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(names.length + expected.get('صوت الخليج')!);
    expect(spy.mock.calls.length).toBeLessThan(60 / 2);
    spy.mockRestore();
  });
});
