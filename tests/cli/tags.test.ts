import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex } from '../support/cli';

const { tmp, demo } = useDemoIndex('cmd-tags');

interface KeywordJson {
  keyword: string;
  key: string;
  count: number;
}

function tagsJson(args: string[] = []): KeywordJson[] {
  return JSON.parse(runCli(['tags', ...args, '--json'], demo()).stdout) as KeywordJson[];
}

describe('newsq tags', () => {
  it('prints keyword and count per line when piped, most used first', () => {
    const r = runCli(['tags'], demo());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPES);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(50);
    const counts = rows.map((c) => Number(c[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(rows[0]).toEqual(['إيران', counts[0]!.toString()]);
  });

  it('counts for each keyword the articles `newsq tag` finds', () => {
    for (const k of tagsJson().filter((_, i) => i % 9 === 0)) {
      expect(runCli(['tag', k.keyword, '--count'], demo()).stdout).toBe(`${k.count}\n`);
    }
  });

  it('shows only the top N with --top (or --limit)', () => {
    const all = tagsJson();
    expect(tagsJson(['--top', '5'])).toEqual(all.slice(0, 5));
    expect(tagsJson(['--limit', '3'])).toEqual(all.slice(0, 3));
    expect(tagsJson(['-n', '0'])).toEqual(all);
  });

  it('counts only the articles of --since/--until', () => {
    const limited = tagsJson(['--since', '2016', '--until', '2016']);
    expect(limited.length).toBeGreaterThan(0);
    for (const k of limited.slice(0, 6)) {
      expect(runCli(['tag', k.keyword, '--since', '2016', '--until', '2016', '--count'], demo()).stdout).toBe(`${k.count}\n`);
    }
  });

  it('prints a two-column table on a terminal', () => {
    const r = runCli(['tags', '--top', '4'], demo({ isTTY: true, env: { NO_COLOR: '1' } }));
    expect(r.stdout).toMatch(/┌/);
    expect(r.stdout).toMatch(/articles/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('│'))).toHaveLength(5);
  });

  it('writes CSV with a header', () => {
    const r = runCli(['tags', '--top', '2', '--format', 'csv'], demo());
    expect(r.stdout.split('\r\n')[0]).toBe('keyword,count');
  });

  it('exits 1 on an archive without keywords', () => {
    const file = path.join(tmp.dir, 'bare.json');
    writeFileSync(file, JSON.stringify([{ title: 'خبر بلا كلمات مفتاحية', body: 'نص', url: 'https://example.org/1' }]));
    const index = path.join(tmp.dir, 'bare');
    expect(runCli(['index', file, '--index', index, '--quiet']).code).toBe(0);
    const r = runCli(['tags', '--index', index]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no keywords/);
    // `tag` says the same instead of suggesting keywords there are none of.
    const tag = runCli(['tag', 'إيران', '--index', index]);
    expect(tag.code).toBe(1);
    expect(tag.stdout).toBe('');
    expect(tag.stderr).toMatch(/^newsq: the archive has no keywords/);
  });
});
