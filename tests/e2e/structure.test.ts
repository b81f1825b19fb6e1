// The structure commands (tag, tags, date, related, timeline, stats) as users run them:
// `node bin/newsq.js …` in a child process, on the demo archive and on one day of
// SaudiNewsNet (an archive without keywords or related lists).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCAPES, demoArticlesDir, projectRoot, sharedDir, tempDir } from '../support/cli';
import { sourceAlias } from '../../src/ingest/sources';

const BIN = path.join(projectRoot, 'bin', 'newsq.js');
const tmp = tempDir('e2e-structure');
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp.dir, LANG: 'C.UTF-8' };
afterAll(() => tmp.remove());

function newsq(args: string[], index: string, options: Options = {}) {
  return execa(process.execPath, [BIN, ...args], {
    cwd: projectRoot,
    env: { ...ENV, NEWSQ_INDEX: index },
    extendEnv: false,
    reject: false,
    ...options,
  });
}

describe('on the demo archive', () => {
  const index = path.join(tmp.dir, 'demo');
  beforeAll(async () => {
    const r = await newsq(['index', demoArticlesDir, '--index', index, '--quiet'], index);
    expect(r.exitCode).toBe(0);
  });

  it('lists the new commands in --help', async () => {
    const r = await newsq(['--help'], index);
    for (const cmd of ['tag', 'tags', 'date', 'related', 'timeline', 'stats']) expect(String(r.stdout)).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  });

  it('tag: a keyword with a missing hamza, piped as TSV, newest first', async () => {
    const r = await newsq(['tag', 'ايران'], index);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).not.toMatch(ESCAPES);
    const dates = String(r.stdout).split('\n').map((l) => l.split('\t')[1]!);
    expect(dates.length).toBeGreaterThan(10);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('tag: an unknown keyword exits 1 with suggestions', async () => {
    const r = await newsq(['tag', 'ايرن'], index);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(/did you mean:\n {2}إيران/);
  });

  it('date: an Arabic month, and an unreadable expression exiting 2', async () => {
    const ok = await newsq(['date', 'نوفمبر 2014', '--count'], index);
    expect(String(ok.stdout)).toBe('2');
    const bad = await newsq(['date', '31 فبراير 2015'], index);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr)).toMatch(/Accepted date expressions/);
  });

  it('related: a chain as JSON, and the same story by date with --timeline', async () => {
    const json = await newsq(['related', '45a73cc51dcd', '--json'], index);
    expect(json.exitCode).toBe(0);
    const chain = JSON.parse(String(json.stdout)) as { root: string; nodes: Array<{ id: string; inArchive: boolean }>; edges: unknown[] };
    expect(chain.root).toBe('45a73cc51dcd');
    expect(chain.nodes.some((n) => !n.inArchive)).toBe(true);
    const timeline = await newsq(['related', '45a73cc51dcd', '--timeline', '--depth', '2'], index);
    expect(String(timeline.stdout).split('\n')).toHaveLength(chain.nodes.length);
  });

  it('timeline and stats: CSV for plotting, JSON numbers', async () => {
    const [csv, stats] = await Promise.all([newsq(['timeline', 'خامنئي', '--format', 'csv'], index), newsq(['stats', '--json'], index)]);
    expect(String(csv.stdout).split('\r\n')[0]).toBe('period,start,end,count');
    const s = JSON.parse(String(stats.stdout)) as { documents: number; sources: Array<{ count: number }> };
    expect(s.documents).toBe(48);
    expect(s.sources.reduce((n, x) => n + x.count, 0)).toBe(48);
  });
});

const zip = path.join(sharedDir, 'corpora', 'saudinewsnet', '2015-07-23.zip');
const haveZip = existsSync(zip);
if (!haveZip) console.warn(`structure.test: ${zip} is absent (../shared not mounted); SaudiNewsNet structure tests skipped`);

describe.skipIf(!haveZip)('on one day of SaudiNewsNet', () => {
  const index = path.join(tmp.dir, 'snn');
  beforeAll(async () => {
    const r = await newsq(['index', zip, '--index', index, '--quiet'], index);
    expect(r.exitCode).toBe(0);
  }, 120_000);

  interface Hit {
    id: string;
    title: string;
  }

  it('stats: every article without keywords, sources named from the SaudiNewsNet ids', async () => {
    const r = await newsq(['stats', '--json'], index);
    expect(r.exitCode).toBe(0);
    const s = JSON.parse(String(r.stdout)) as {
      documents: number;
      withoutKeywords: number;
      keywords: { distinct: number };
      sources: Array<{ source: string | null; count: number }>;
      links: { articles: number };
    };
    expect(s.documents).toBeGreaterThan(1000);
    expect(s.withoutKeywords).toBe(s.documents);
    expect(s.keywords.distinct).toBe(0);
    expect(s.links.articles).toBe(0);
    expect(s.sources.reduce((n, x) => n + x.count, 0)).toBe(s.documents);
    expect(s.sources.length).toBeGreaterThan(5);
    // The crawler ids (`okaz`, `sabq` …) are shown as the papers' Arabic names.
    for (const x of s.sources) {
      expect(x.source).toMatch(/^[\u0621-\u064A ]+$/);
      expect(sourceAlias(x.source!)).toMatch(/^[0-9a-z]+$/);
    }
  });

  it('tags and tag: no keywords, exit 1', async () => {
    const [tags, tag] = await Promise.all([newsq(['tags'], index), newsq(['tag', 'السعودية'], index)]);
    expect(tags.exitCode).toBe(1);
    expect(String(tags.stderr)).toMatch(/no keywords/);
    expect(tag.exitCode).toBe(1);
    expect(String(tag.stderr)).toMatch(/the archive has no keywords/);
  });

  it('timeline: per day, every day of the range present', async () => {
    const r = await newsq(['timeline', 'اليمن', '--json'], index);
    expect(r.exitCode).toBe(0);
    const t = JSON.parse(String(r.stdout)) as { by: string; total: number; periods: Array<{ count: number }> };
    expect(t.by).toBe('day');
    expect(t.total).toBe(t.periods.reduce((n, p) => n + p.count, 0));
    const count = await newsq(['search', 'اليمن', '--count'], index);
    expect(String(count.stdout)).toBe(String(t.total));
  });

  it('related: no lists, so --similar links by content', async () => {
    const hits = JSON.parse(String((await newsq(['search', 'الحوثيين', '--json', '--limit', '1'], index)).stdout)) as Hit[];
    const id = hits[0]!.id;
    const plain = await newsq(['related', id], index);
    expect(plain.exitCode).toBe(1);
    expect(String(plain.stderr)).toMatch(/--similar/);
    const similar = await newsq(['related', id, '--similar', '--depth', '1', '--json'], index);
    expect(similar.exitCode).toBe(0);
    const chain = JSON.parse(String(similar.stdout)) as { nodes: Array<{ id: string }>; edges: Array<{ how: string; score: number }> };
    expect(chain.edges.length).toBeGreaterThan(0);
    expect(chain.edges.length).toBeLessThanOrEqual(5);
    for (const e of chain.edges) expect(e.how).toBe('similar');
  });

  it('related: an article found by its headline (or the duplicates listed)', async () => {
    const hit = (JSON.parse(String((await newsq(['search', 'وزير', '--json', '--limit', '1'], index)).stdout)) as Hit[])[0]!;
    const r = await newsq(['related', hit.title, '--similar', '--depth', '0', '--json'], index);
    if (r.exitCode === 2) expect(String(r.stderr)).toContain(hit.id);
    else expect((JSON.parse(String(r.stdout)) as { root: string }).root).toBe(hit.id);
  });
});
