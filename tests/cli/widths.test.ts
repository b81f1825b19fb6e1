// Listings at the widths users have: never wider than the screen, ids and dates never cut,
// headlines wrapped, snippets at most three lines, and a record per article (stacked) once
// the columns no longer fit.

import { describe, expect, it } from 'vitest';
import { stringWidth } from '../../src/output/width';
import { runCli } from '../support/cli';
import { stripSgr } from '../support/output-grid';

const WIDTHS = [40, 60, 80, 100, 140];
const COMMANDS: [string, string[]][] = [
  ['search', ['search', 'إيران', '-n', '5']],
  ['tag', ['tag', 'خامنئي', '-n', '5']],
  ['related --timeline', ['related', '9910a795592f', '--timeline']],
  ['stats', ['stats']],
];
const env = { TERM: 'xterm-256color' };

/** The ids and dates the listing holds, from its JSON. */
function facts(args: string[]): string[] {
  const r = runCli([...args, '--json', '--index', 'data/index'], { env });
  const data = JSON.parse(r.stdout) as unknown;
  const rows: { id?: string; date?: string | null; inArchive?: boolean }[] = Array.isArray(data)
    ? (data as { id: string; date: string }[])
    : ((data as { nodes?: { id: string; date: string | null; inArchive: boolean }[] }).nodes ?? []);
  return rows.flatMap((row) => (row.inArchive === false ? [] : [row.id ?? '', (row.date ?? '').slice(0, 10)])).filter((f) => f !== '');
}

describe.each(COMMANDS)('%s at every width', (_name, args) => {
  const wanted = facts(args);

  it.each(WIDTHS)('%i columns: no line wider, every id and date whole', (width) => {
    for (const bidi of ['visual', 'off']) {
      const r = runCli([...args, '--bidi', bidi, '--color', 'never', '--index', 'data/index'], { isTTY: true, columns: width, env });
      expect(r.code).toBe(0);
      const lines = r.stdout.replace(/\n$/, '').split('\n');
      for (const line of lines) expect(stringWidth(stripSgr(line)), `${bidi}: ${line}`).toBeLessThanOrEqual(width);
      for (const f of wanted) expect(r.stdout, `${bidi} at ${width}: ${f}`).toContain(f);
    }
  });
});

describe('search results by width', () => {
  const table = (width: number): string[] =>
    runCli(['search', 'إيران', '-n', '5', '--bidi', 'off', '--color', 'never', '--index', 'data/index'], { isTTY: true, columns: width, env }).stdout.trimEnd().split('\n');

  it('is a grid from 100 columns, a record per article below', () => {
    expect(table(140)[0]).toMatch(/^┌/);
    expect(table(100)[0]).toMatch(/^┌/);
    for (const w of [80, 60, 40]) {
      const lines = table(w);
      expect(lines[0]).not.toMatch(/^┌/);
      expect(lines.filter((l) => /^─+$/.test(l))).toHaveLength(4); // between five records
    }
  });

  it('gives a snippet at most three lines, ending in an ellipsis when it was cut', () => {
    for (const w of [100, 140]) {
      const lines = table(w);
      // Rows between separators; the snippet is the leftmost column of the right-to-left grid.
      let rows: string[][] = [];
      let current: string[] = [];
      for (const l of lines.slice(3)) {
        if (/^[├└]/.test(l)) {
          rows.push(current);
          current = [];
        } else current.push(l);
      }
      rows = rows.filter((r) => r.length > 0);
      expect(rows).toHaveLength(5);
      for (const r of rows) {
        const snippetLines = r.map((l) => (l.split('│')[1] ?? '').trim()).filter((t) => t !== '');
        expect(snippetLines.length).toBeGreaterThan(0);
        expect(snippetLines.length).toBeLessThanOrEqual(3);
      }
    }
  });

  it('wraps headlines instead of cutting them', () => {
    const [hit] = JSON.parse(runCli(['search', 'إيران', '-n', '1', '--json', '--index', 'data/index'], { env }).stdout) as { title: string }[];
    const lines = table(100);
    const titleCells = lines.slice(3).map((l) => (l.split('│')[3] ?? '').trim()).filter((t) => t !== '');
    expect(titleCells.slice(0, 2).join(' ')).toBe(hit?.title);
  });
});
