// --format html and --open on search, show, related, timeline and stats.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, useDemoIndex } from '../support/cli';

const { demo } = useDemoIndex('cmd-html');

const PAGES: string[][] = [
  ['search', 'خامنئي'],
  ['show', '9910a795592f'],
  ['related', '45a73cc51dcd'],
  ['timeline', 'إيران'],
  ['stats'],
];

describe('--format html', () => {
  it.each(PAGES)('%s … prints one self-contained page', (...args) => {
    const r = runCli([...args, '--format', 'html'], demo());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
    expect(r.stdout).not.toMatch(/<(script|link|img|iframe)\b|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('marks the matches of a search and says how many there are', () => {
    const page = runCli(['search', 'خامنئي', '--format', 'html', '--lang', 'en'], demo()).stdout;
    const total = Number(runCli(['search', 'خامنئي', '--count'], demo()).stdout);
    expect(page).toContain('<mark>خامنئي</mark>');
    expect(page).toContain(`1–${Math.min(20, total)} of ${total} results`);
  });

  it('has no markup but its own: every < opens a tag', () => {
    for (const args of PAGES) expect(runCli([...args, '--format', 'html'], demo()).stdout).not.toMatch(/<(?![a-zA-Z/!])/);
  });

  it('is refused where there is no page, and together with --json', () => {
    const tag = runCli(['tag', 'إيران', '--format', 'html'], demo());
    expect(tag.code).toBe(2);
    expect(tag.stderr).toContain('unknown output format "html"');
    const both = runCli(['search', 'خامنئي', '--format', 'html', '--json'], demo());
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('newsq: --json and --format html disagree; give one of them\n');
    expect(runCli(['stats', '--open', '--format', 'csv'], demo()).stderr).toBe('newsq: --open shows an HTML page: give it without --format csv\n');
  });
});

describe('--open', () => {
  it('writes the page to a temporary file, opens it with the system opener and prints nothing on stdout', () => {
    const opened: string[] = [];
    const r = runCli(['timeline', 'إيران', '--open'], demo({ openFile: (file: string) => (opened.push(file), true) }));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/timeline\.html$/);
    expect(r.stderr).toBe(`newsq: opened ${opened[0]}\n`);
    expect(readFileSync(opened[0]!, 'utf8')).toBe(runCli(['timeline', 'إيران', '--format', 'html'], demo()).stdout);
  });

  it('without an opener says where the page is, and exits 0', () => {
    const r = runCli(['stats', '--open'], demo({ openFile: () => false }));
    expect(r.code).toBe(0);
    const file = /the page is (\S+\.html)\n$/.exec(r.stderr)?.[1];
    expect(file).toBeDefined();
    expect(existsSync(file!)).toBe(true);
  });
});
