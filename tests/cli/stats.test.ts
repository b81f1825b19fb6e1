import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex } from '../support/cli';

const { dir: demoIndex, demo } = useDemoIndex('cmd-stats');

interface StatsJson {
  documents: number;
  firstDay: string | null;
  lastDay: string | null;
  utcOffset: string;
  undated: number;
  withoutKeywords: number;
  keywords: { distinct: number; top: Array<{ keyword: string; key: string; count: number }> };
  sources: Array<{ source: string | null; count: number }>;
  links: { articles: number; headlines: number; exact: number; close: number; none: number };
  index: { dir: string; generation: number; segments: number; bytes: number; updated: string };
  firstDay_hijri?: string;
}

function statsJson(args: string[] = []): StatsJson {
  return JSON.parse(runCli(['stats', ...args, '--json'], demo()).stdout) as StatsJson;
}

interface ArticleJson {
  id: string;
  date: string | null;
  source: string | null;
  keywords: string[];
}

const all = (): ArticleJson[] => JSON.parse(runCli(['date', '1900..', '--json', '--limit', '1000'], demo()).stdout) as ArticleJson[];

describe('newsq stats', () => {
  it('reports size, span, sources, keywords and links as the articles themselves say', () => {
    const s = statsJson();
    const articles = all();
    expect(s.documents).toBe(48);
    expect(s.documents).toBe(articles.length);
    expect(s.firstDay).toBe('2014-06-10');
    expect(s.lastDay).toBe('2017-06-21');
    expect(s.utcOffset).toBe('+03:00');
    expect(s.undated).toBe(0);
    expect(s.withoutKeywords).toBe(articles.filter((a) => a.keywords.length === 0).length);
    const bySource = new Map<string | null, number>();
    for (const a of articles) bySource.set(a.source, (bySource.get(a.source) ?? 0) + 1);
    expect(new Map(s.sources.map((x) => [x.source, x.count]))).toEqual(bySource);
    expect(s.keywords.top).toEqual(JSON.parse(runCli(['tags', '--top', '10', '--json'], demo()).stdout));
    expect(s.links.exact + s.links.close + s.links.none).toBe(s.links.headlines);
    expect(s.links.articles).toBeGreaterThan(40);
    expect(s.index).toMatchObject({ dir: demoIndex, segments: 1 });
    expect(s.index.bytes).toBeGreaterThan(100_000);
  });

  it('counts only the articles of --since/--until', () => {
    const s = statsJson(['--since', '2016', '--top', '3']);
    expect(s.documents).toBe(Number(runCli(['date', '2016..', '--count'], demo()).stdout));
    expect(s.firstDay! >= '2016-01-01').toBe(true);
    expect(s.keywords.top).toEqual(JSON.parse(runCli(['tags', '--since', '2016', '--top', '3', '--json'], demo()).stdout));
  });

  it('adds Hijri dates with --calendar hijri', () => {
    expect(statsJson(['--calendar', 'hijri']).firstDay_hijri).toBe('1435-08-12');
  });

  it('writes section, name, value lines when piped', () => {
    const r = runCli(['stats'], demo());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPES);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.every((c) => c.length === 3)).toBe(true);
    expect(rows).toContainEqual(['archive', 'documents', '48']);
    expect(rows.filter((c) => c[0] === 'keyword')).toHaveLength(10);
    expect(rows.filter((c) => c[0] === 'source').reduce((sum, c) => sum + Number(c[2]), 0)).toBe(48);
  });

  it('draws the summary and the source and keyword tables on a terminal', () => {
    const r = runCli(['stats', '--top', '3'], demo({ isTTY: true, env: { NO_COLOR: '1' } }));
    expect(r.stdout).toMatch(/articles +│ 48/);
    expect(r.stdout).toMatch(/UTC\+03:00/);
    expect(r.stdout.match(/┌/g)).toHaveLength(3);
  });
});
