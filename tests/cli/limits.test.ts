// `0` means "no limit" for every --limit and --top.

import { describe, expect, it } from 'vitest';
import { runCli, useDemoIndex } from '../support/cli';

const { demo } = useDemoIndex('cmd-limits');

function lines(args: string[]): number {
  const r = runCli(args, demo());
  expect(r.code).toBe(0);
  return r.stdout.trimEnd().split('\n').length;
}

function count(args: string[]): number {
  return Number(runCli([...args, '--count'], demo()).stdout.trim());
}

describe('--limit 0 and --top 0', () => {
  it.each([
    [['search', 'إيران']],
    [['tag', 'إيران', 'السعودية', '--any']],
    [['date', '2015']],
  ])('%j -n 0 lists every match, more than the default page', (args) => {
    const total = count(args);
    expect(total).toBeGreaterThan(20);
    expect(lines([...args, '-n', '0'])).toBe(total);
    expect(lines([...args, '--limit', '0', '--offset', '5'])).toBe(total - 5);
  });

  it('stats --top 0 lists every keyword, as tags does', () => {
    const all = JSON.parse(runCli(['tags', '--top', '0', '--json'], demo()).stdout) as unknown[];
    const stats = JSON.parse(runCli(['stats', '--top', '0', '--json'], demo()).stdout) as { keywords: { distinct: number; top: unknown[] } };
    expect(stats.keywords.top).toHaveLength(stats.keywords.distinct);
    expect(stats.keywords.top).toHaveLength(all.length);
    expect(all.length).toBeGreaterThan(10);
  });

  it('related --similar --limit 0 takes every article similar enough, at least as many as the default five', () => {
    const chain = (extra: string[]) => JSON.parse(runCli(['related', '54172a987771', '--similar', '--depth', '1', '--json', ...extra], demo()).stdout) as { edges: unknown[] };
    const all = chain(['--limit', '0']).edges.length;
    expect(all).toBeGreaterThanOrEqual(chain([]).edges.length);
    expect(all).toBeGreaterThanOrEqual(chain(['--limit', '50']).edges.length);
  });

  it('says so in the help of every command with a limit', () => {
    for (const [command, option] of [['search', '--limit'], ['tag', '--limit'], ['date', '--limit'], ['stats', '--top'], ['tags', '--top'], ['related', '--limit']]) {
      const help = runCli([command!, '--help']).stdout.replace(/\s+/g, ' ');
      expect(help, command).toMatch(new RegExp(`${option} <n> [^-]*0: (no limit|all)`));
    }
  });
});
