import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex } from '../support/cli';

const { demo } = useDemoIndex('cmd-tag');

interface ListedJson {
  id: string;
  title: string;
  date: string | null;
  keywords: string[];
  score: number | null;
  snippet: { text: string; highlights: unknown[] };
}

function tagJson(args: string[]): { code: number; hits: ListedJson[]; stderr: string } {
  const r = runCli(['tag', ...args, '--json', '--limit', '100'], demo());
  return { code: r.code, hits: r.stdout ? (JSON.parse(r.stdout) as ListedJson[]) : [], stderr: r.stderr };
}

const ids = (hits: ListedJson[]) => hits.map((h) => h.id).sort();

describe('newsq tag', () => {
  it('lists the articles carrying a keyword, newest first, as TSV when piped', () => {
    const r = runCli(['tag', 'إيران', '--limit', '100'], demo());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ESCAPES);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(10);
    const dates = rows.map((c) => c[1]!);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const h of tagJson(['إيران']).hits) expect(h.keywords).toContain('إيران');
  });

  it('finds every article whose keywords hold it, the same set as tag: in a search', () => {
    const tagged = tagJson(['إيران']).hits;
    const searched = JSON.parse(runCli(['search', 'tag:إيران', '--json', '--limit', '100'], demo()).stdout) as ListedJson[];
    expect(ids(tagged)).toEqual(ids(searched));
    const all = JSON.parse(runCli(['date', '2014..2017', '--json', '--limit', '100'], demo()).stdout) as ListedJson[];
    expect(ids(tagged)).toEqual(ids(all.filter((h) => h.keywords.includes('إيران'))));
  });

  it.each([
    ['a missing hamza', 'ايران', 'إيران'],
    ['ta marbuta as ha in a multi-word keyword', 'الدولة الاسلاميه', 'الدولة الإسلامية'],
    ['diacritics', 'خَامِنَئِي', 'خامنئي'],
  ])('matches through the Arabic normalization: %s', (_name, typed, archive) => {
    const a = tagJson([typed]);
    expect(a.code).toBe(0);
    expect(ids(a.hits)).toEqual(ids(tagJson([archive]).hits));
    const viaSearch = JSON.parse(runCli(['search', `tag:"${typed}"`, '--json', '--limit', '100'], demo()).stdout) as ListedJson[];
    expect(ids(viaSearch)).toEqual(ids(a.hits));
  });

  it('combines keywords with AND, and with OR under --any; each argument is one keyword', () => {
    const isis = ids(tagJson(['الدولة الإسلامية']).hits);
    const iraq = ids(tagJson(['العراق']).hits);
    const both = ids(tagJson(['الدولة الإسلامية', 'العراق']).hits);
    const either = ids(tagJson(['الدولة الإسلامية', 'العراق', '--any']).hits);
    expect(both).toEqual(isis.filter((id) => iraq.includes(id)));
    expect(either).toEqual([...new Set([...isis, ...iraq])].sort());
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(either.length);
  });

  it('exits 1 for an unknown keyword, suggesting the closest known ones on stderr', () => {
    const r = runCli(['tag', 'ايرن'], demo());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no keyword "ايرن"/);
    expect(r.stderr).toMatch(/did you mean:\n {2}إيران {2}\(\d+ articles\)/);
  });

  it('exits 1 when any keyword of an AND is unknown, and only warns about it with --any', () => {
    expect(runCli(['tag', 'إيران', 'ظريف'], demo()).code).toBe(1);
    const any = runCli(['tag', 'إيران', 'ظريف', '--any', '--count'], demo());
    expect(any.code).toBe(0);
    expect(any.stdout.trim()).toBe(String(tagJson(['إيران']).hits.length));
    expect(any.stderr).toMatch(/no keyword "ظريف".*ignored/);
  });

  it('limits by date with --since/--until and counts with --count', () => {
    const all = tagJson(['إيران']).hits;
    const r = tagJson(['إيران', '--since', '2015-07', '--until', '2015-12']);
    expect(ids(r.hits)).toEqual(ids(all.filter((h) => h.date! >= '2015-07' && h.date! < '2016')));
    const count = runCli(['tag', 'إيران', '--since', '2015-07', '--until', '2015-12', '--count'], demo());
    expect(count.stdout).toBe(`${r.hits.length}\n`);
  });

  it('prints JSON hits without a score (the order is by date)', () => {
    const hits = JSON.parse(runCli(['tag', 'اليمن', '--limit', '3', '--json'], demo()).stdout) as ListedJson[];
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      expect(h.score).toBeNull();
      expect(Object.keys(h)).toEqual(expect.arrayContaining(['id', 'title', 'date', 'source', 'keywords', 'snippet']));
    }
  });

  it('shows Hijri dates with --calendar hijri', () => {
    const r = runCli(['tag', 'أوبك', '--calendar', 'hijri'], demo());
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.split('\t')[1]).toMatch(/^14\d\d-\d\d-\d\d$/);
  });

  it('draws a table of headlines on a terminal', () => {
    const r = runCli(['tag', 'أوبك'], demo({ isTTY: true, columns: 120, env: { NO_COLOR: '1' } }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[┌│└]/);
    for (const h of tagJson(['أوبك']).hits) expect(r.stdout).toContain(h.id);
  });

  it('exits 2 for an unreadable --since, listing the accepted date forms', () => {
    const r = runCli(['tag', 'إيران', '--since', '2015-13'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--since "2015-13"/);
    expect(r.stderr).toMatch(/Accepted date expressions/);
  });
});
