import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex } from '../support/cli';

const { demo } = useDemoIndex('cmd-timeline');

interface TimelineJson {
  by: string;
  calendar: string;
  from: string;
  to: string;
  total: number;
  undated: number;
  periods: Array<{ period: string; start: string; end: string; count: number }>;
}

function timelineJson(args: string[]): TimelineJson {
  return JSON.parse(runCli(['timeline', ...args, '--json'], demo()).stdout) as TimelineJson;
}

/** Dates of every search result for a query. */
function resultDays(query: string, extra: string[] = []): string[] {
  const hits = JSON.parse(runCli(['search', query, '--json', '--limit', '1000', ...extra], demo()).stdout) as Array<{ date: string }>;
  return hits.map((h) => h.date.slice(0, 10));
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('newsq timeline', () => {
  it('counts matching articles per month over the whole archive, zero months included', () => {
    const t = timelineJson(['خامنئي']);
    expect(t).toMatchObject({ by: 'month', calendar: 'gregory', from: '2014-06-10', to: '2017-06-21', undated: 0 });
    expect(t.periods).toHaveLength(37);
    const days = resultDays('خامنئي');
    expect(t.total).toBe(days.length);
    for (const p of t.periods) expect(p.count).toBe(days.filter((d) => d.startsWith(p.period)).length);
    expect(t.periods.filter((p) => p.count === 0).length).toBeGreaterThan(10);
    for (let i = 1; i < t.periods.length; i++) expect(t.periods[i]!.start).toBe(nextDay(t.periods[i - 1]!.end));
  });

  it('counts per day between --since and --until', () => {
    const t = timelineJson(['إيران', '--by', 'day', '--since', '2016-01-01', '--until', '2016-01-31']);
    expect(t.periods).toHaveLength(31);
    const days = resultDays('إيران', ['--since', '2016-01-01', '--until', '2016-01-31']);
    expect(t.total).toBe(days.length);
    for (const p of t.periods) expect(p.count).toBe(days.filter((d) => d === p.period).length);
  });

  it('starts weeks on Sunday', () => {
    const t = timelineJson(['أوبك', '--by', 'week']);
    for (const p of t.periods.slice(1)) expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(0);
  });

  it('takes the query language, tag: and date: included', () => {
    const t = timelineJson(['tag:"الدولة الإسلامية" date:2015', '--by', 'month']);
    expect(t.total).toBe(resultDays('tag:"الدولة الإسلامية" date:2015').length);
    expect(t.periods.filter((p) => p.count > 0).every((p) => p.period.startsWith('2015'))).toBe(true);
  });

  it('uses Umm al-Qura months with --calendar hijri', () => {
    const t = timelineJson(['أوبك', '--calendar', 'hijri', '--by', 'month']);
    expect(t.calendar).toBe('hijri');
    expect(t.periods[0]!.period).toMatch(/^143\d-\d\d$/);
    expect(t.total).toBe(resultDays('أوبك').length);
  });

  it('writes TSV (no header) and CSV (with one) for plotting, zero periods kept', () => {
    const tsv = runCli(['timeline', 'أوبك', '--by', 'month'], demo());
    expect(tsv.code).toBe(0);
    expect(tsv.stdout).not.toMatch(ESCAPES);
    const rows = tsv.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    expect(rows).toHaveLength(37);
    expect(rows.every((c) => c.length === 4)).toBe(true);
    expect(rows.some((c) => c[3] === '0')).toBe(true);
    const csv = runCli(['timeline', 'أوبك', '--format', 'csv'], demo());
    expect(csv.stdout.split('\r\n')[0]).toBe('period,start,end,count');
  });

  it('draws bars with counts on a terminal, one line per period', () => {
    const r = runCli(['timeline', 'أوبك'], demo({ isTTY: true, columns: 80, env: { NO_COLOR: '1' } }));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(37);
    expect(lines.filter((l) => l.includes('█')).length).toBe(timelineJson(['أوبك']).periods.filter((p) => p.count > 0).length);
    expect(lines.every((l) => /\d$/.test(l))).toBe(true);
  });

  it('exits 1 when nothing matches, 2 on a bad --by, query or date', () => {
    expect(runCli(['timeline', 'كلمةغيرموجودة'], demo()).code).toBe(1);
    const by = runCli(['timeline', 'أوبك', '--by', 'year'], demo());
    expect(by.code).toBe(2);
    expect(by.stderr).toMatch(/--by must be day, week or month/);
    expect(runCli(['timeline', '(أوبك'], demo()).code).toBe(2);
    const date = runCli(['timeline', 'date:2015-13'], demo());
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/Accepted date expressions/);
  });
});
