import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex, type FakeIoOptions } from '../support/cli';

const { demo } = useDemoIndex('cmd-date');

interface ListedJson {
  id: string;
  date: string | null;
  date_hijri?: string | null;
}

function dateJson(args: string[], options: FakeIoOptions = demo()): { code: number; hits: ListedJson[]; stderr: string } {
  const r = runCli(['date', ...args, '--json', '--limit', '100'], options);
  return { code: r.code, hits: r.stdout ? (JSON.parse(r.stdout) as ListedJson[]) : [], stderr: r.stderr };
}

/** Every article of the archive, from one open range. */
function everything(): ListedJson[] {
  return dateJson(['2000..']).hits;
}

const days = (hits: ListedJson[]) => hits.map((h) => h.date!.slice(0, 10));

describe('newsq date', () => {
  it('lists the articles of a month, newest first, as TSV when piped', () => {
    const r = runCli(['date', '2015-04'], demo());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ESCAPES);
    const dates = r.stdout.trimEnd().split('\n').map((l) => l.split('\t')[1]!);
    expect(dates.length).toBe(everything().filter((h) => h.date!.startsWith('2015-04')).length);
    expect(dates.every((d) => d.startsWith('2015-04'))).toBe(true);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it.each<[string, string[], (day: string) => boolean]>([
    ['an Arabic month', ['نوفمبر', '2014'], (d) => d.startsWith('2014-11')],
    ['a Levantine month with Arabic-Indic digits', ['تشرين الثاني ٢٠١٤'], (d) => d.startsWith('2014-11')],
    ['a day', ['2015-07-14'], (d) => d === '2015-07-14'],
    ['an Arabic day', ['14 يوليو 2015'], (d) => d === '2015-07-14'],
    ['a year', ['2016'], (d) => d.startsWith('2016')],
    ['a range', ['2015-01..2015-02'], (d) => d >= '2015-01-01' && d <= '2015-02-28'],
    ['an open range', ['2017..'], (d) => d >= '2017-01-01'],
    ['a Hijri month', ['رمضان 1436'], (d) => d >= '2015-06-18' && d <= '2015-07-16'],
    ['a Hijri year in numbers', ['1437'], (d) => d >= '2015-10-15' && d <= '2016-10-02'],
  ])('reads %s', (_name, expr, inRange) => {
    const expected = days(everything()).filter(inRange).sort();
    const r = dateJson(expr);
    expect(days(r.hits).sort()).toEqual(expected);
    expect(r.code).toBe(expected.length > 0 ? 0 : 1);
  });

  it('counts relative dates from today in the archive’s time zone', () => {
    // 22:30 UTC on 1 April is already 2 April in +03:00, the day of the Lausanne article.
    const clock = demo({ now: new Date('2015-04-01T22:30:00Z') });
    expect(days(dateJson(['today'], clock).hits)).toEqual(['2015-04-02']);
    expect(days(dateJson(['yesterday'], clock).hits)).toEqual([]);
    // The last N days include today: 7d on 10 April starts on the 4th, 9d on the 2nd.
    const later = demo({ now: new Date('2015-04-10T12:00:00Z') });
    expect(days(dateJson(['7d'], later).hits)).toEqual(['2015-04-09']);
    expect(days(dateJson(['9d'], later).hits)).toEqual(['2015-04-09', '2015-04-02']);
  });

  it('combines with --since/--until and counts with --count', () => {
    const r = dateJson(['2015', '--since', '2015-10']);
    expect(days(r.hits).every((d) => d >= '2015-10-01' && d <= '2015-12-31')).toBe(true);
    expect(runCli(['date', '2015', '--since', '2015-10', '--count'], demo()).stdout).toBe(`${r.hits.length}\n`);
  });

  it('shows Hijri dates with --calendar hijri (TSV column and JSON field)', () => {
    const tsv = runCli(['date', '2015-07', '--calendar', 'hijri'], demo());
    const dates = tsv.stdout.trimEnd().split('\n').map((l) => l.split('\t')[1]!);
    expect(dates).toContain('1436-09-27'); // 2015-07-14
    const json = dateJson(['2015-07-14', '--calendar', 'hijri']);
    expect(json.hits[0]!.date_hijri).toBe('1436-09-27');
  });

  it('exits 2 on an expression it cannot read, pointing at it and listing the accepted forms', () => {
    const r = runCli(['date', '2015-13'], demo());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot read the date "2015-13": month 13/);
    expect(r.stderr).toContain('  2015-13\n       ^');
    expect(r.stderr).toMatch(/Accepted date expressions[\s\S]*محرم 1436/);
  });

  it('exits 1 when no article falls in the range, saying so on a terminal', () => {
    const r = runCli(['date', '2013'], demo({ isTTY: true }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2013 = 2013-01-01 – 2013-12-31: 0 articles/);
  });

  it('draws a table on a terminal and names the range it read on stderr', () => {
    const r = runCli(['date', 'نوفمبر 2014'], demo({ isTTY: true, env: { NO_COLOR: '1' } }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[┌│└]/);
    expect(r.stderr).toMatch(/2014-11-01 – 2014-11-30: 2 articles/);
  });

  it('explains the time zone in --help', () => {
    const r = runCli(['date', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--tz/);
    expect(r.stdout).toMatch(/NEWSQ_TZ/);
    expect(r.stdout).toMatch(/Accepted date expressions/);
  });
});
