// --fields, the CSV columns, --header, --bom, and what an empty result prints in each format.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIT_FIELDS } from '../../src/output/articles';
import { runCli, useDemoIndex, type HitJson } from '../support/cli';

const { tmp, demo } = useDemoIndex('cmd-fields');
let richIndex = '';


beforeAll(() => {
  // Records with an author and a URL, which the demo's text files do not have.
  const file = path.join(tmp.dir, 'rich.json');
  writeFileSync(
    file,
    JSON.stringify([
      { id: 'r1', title: 'خبر عن النفط', body: 'ارتفعت أسعار النفط، اليوم.', date: '2015-03-02T09:05:00+03:00', source: 'الوكالة', author: 'سارة علي', url: 'https://example.org/a?x=1,2', keywords: ['النفط'] },
      { id: 'r2', title: 'خبر ثان عن النفط', body: 'النفط مرة أخرى.', date: '2015-03-03T18:40:00+03:00', source: 'الوكالة', url: 'https://example.org/b', keywords: ['النفط', 'أوبك'] },
    ]),
  );
  richIndex = path.join(tmp.dir, 'rich');
  const built = runCli(['index', file, '--index', richIndex, '--quiet']);
  if (built.code !== 0) throw new Error(built.stderr);
});

describe('--fields', () => {
  it('picks and orders the TSV columns from the article and hit', () => {
    const json = JSON.parse(runCli(['search', 'خامنئي', '--json', '-n', '5'], demo()).stdout) as HitJson[];
    const r = runCli(['search', 'خامنئي', '-n', '5', '--fields', 'score,id,keywords,date,time,title'], demo());
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.map((c) => c[1])).toEqual(json.map((h) => h.id));
    rows.forEach((c, i) => {
      const h = json[i]!;
      expect(c).toHaveLength(6);
      expect(Number(c[0])).toBe(h.score);
      expect(c[2]).toBe(h.keywords.join('|'));
      expect(c[3]).toBe(h.date!.slice(0, 10));
      expect(c[4]).toBe(h.date!.slice(11, 16));
      expect(c[5]).toBe(h.title);
    });
  });

  it('gives url and author, on tag and date as on search', () => {
    const env = { env: { NEWSQ_INDEX: richIndex } };
    expect(runCli(['tag', 'النفط', '--fields', 'id,author,url'], env).stdout).toBe('r2\t\thttps://example.org/b\nr1\tسارة علي\thttps://example.org/a?x=1,2\n');
    expect(runCli(['date', '2015-03', '--fields', 'url'], env).stdout).toBe('https://example.org/b\nhttps://example.org/a?x=1,2\n');
  });

  it('picks the table columns too, headed in the language of the run', () => {
    const r = runCli(['search', 'النفط', '--fields', 'id,author,url', '--lang', 'en', '--color', 'never', '--bidi', 'off'], { isTTY: true, columns: 120, env: { NEWSQ_INDEX: richIndex } });
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n')[1]!;
    expect(header).toMatch(/url.*author.*id/);
    expect(header).not.toMatch(/title|snippet/);
    expect(r.stdout).toContain('https://example.org/b');
    expect(r.stdout).toContain('سارة علي');
  });

  it('refuses an unknown field, naming the fields there are', () => {
    const r = runCli(['search', 'النفط', '--fields', 'id,colour'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsq: unknown field "colour" in --fields; the fields are ${HIT_FIELDS.join(', ')}\n`);
  });
});

describe('CSV for spreadsheets', () => {
  it('has the time, author and url by default, quoted where needed', () => {
    const r = runCli(['search', 'النفط', '--format', 'csv', '--sort', 'oldest'], { env: { NEWSQ_INDEX: richIndex } });
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('id,date,time,title,source,author,url,snippet');
    expect(lines[1]!.startsWith('r1,2015-03-02,09:05,خبر عن النفط,الوكالة,سارة علي,"https://example.org/a?x=1,2",')).toBe(true);
    expect(lines[2]!.startsWith('r2,2015-03-03,18:40,خبر ثان عن النفط,الوكالة,,https://example.org/b,')).toBe(true);
  });

  it('begins with a byte order mark with --bom (CSV and TSV), never otherwise', () => {
    const env = { env: { NEWSQ_INDEX: richIndex } };
    const csv = runCli(['search', 'النفط', '--format', 'csv', '--bom'], env).stdout;
    expect(csv.startsWith('\ufeffid,date,')).toBe(true);
    expect(csv.indexOf('\ufeff', 1)).toBe(-1);
    expect(runCli(['search', 'النفط', '--bom'], env).stdout.startsWith('\ufeffr')).toBe(true);
    expect(runCli(['search', 'النفط', '--json', '--bom'], env).stdout.startsWith('[')).toBe(true);
    expect(runCli(['search', 'النفط', '--format', 'csv'], env).stdout.startsWith('id,')).toBe(true);
  });
});

describe('an empty result', () => {
  const listings: string[][] = [
    ['search', 'زرافة'],
    ['tag', 'إيران', '--since', '2030'],
    ['date', '1990'],
  ];
  it.each(listings)('%s … prints [] in JSON, the CSV header, the TSV header with --header, and exits 1', (...args) => {
    expect(runCli([...args, '--json'], demo())).toEqual({ code: 1, stdout: '[]\n', stderr: '' });
    expect(runCli([...args, '--ndjson'], demo()).stdout).toBe('');
    expect(runCli([...args, '--format', 'csv'], demo()).stdout).toBe('id,date,time,title,source,author,url,snippet\r\n');
    expect(runCli([...args], demo()).stdout).toBe('');
    expect(runCli([...args, '--header'], demo()).stdout).toBe('id\tdate\ttitle\tsource\tsnippet\n');
    expect(runCli([...args, '--header', '--fields', 'id,url'], demo()).stdout).toBe('id\turl\n');
  });

  it('is the same for a keyword the archive does not have', () => {
    const r = runCli(['tag', 'زرافة', '--json'], demo());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toContain('no keyword "زرافة"');
    expect(runCli(['tag', 'زرافة', '--format', 'csv'], demo()).stdout).toBe('id,date,time,title,source,author,url,snippet\r\n');
    expect(runCli(['tag', 'زرافة'], demo()).stdout).toBe('');
  });

  it('is the same for tags, related and timeline', () => {
    const bare = ['--since', '2030'];
    expect(runCli(['tags', ...bare, '--json'], demo()).stdout).toBe('[]\n');
    expect(runCli(['tags', ...bare, '--format', 'csv'], demo()).stdout).toBe('keyword,count\r\n');
    expect(runCli(['tags', ...bare, '--header'], demo()).stdout).toBe('keyword\tcount\n');
    const related = runCli(['related', '45a73cc51dcd', '--depth', '0', '--format', 'csv'], demo());
    expect(related.code).toBe(1);
    expect(related.stdout).toBe('depth,id,date,title,how,score,direction,repeated\r\n');
    expect(runCli(['timeline', 'زرافة', '--format', 'csv'], demo()).stdout.split('\r\n')[0]).toMatch(/^period,/);
  });
});
