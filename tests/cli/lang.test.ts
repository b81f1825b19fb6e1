// One language for headers and labels: --lang, then NEWSQ_LANG, then the locale.

import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const run = (args: string[], env: Record<string, string> = {}) =>
  runCli([...args, '--bidi', 'off', '--color', 'never', '--index', 'data/index'], { isTTY: true, columns: 140, env: { TERM: 'xterm-256color', ...env } });
const header = (out: string): string => out.split('\n')[1] ?? '';

describe('--lang', () => {
  it('English by default, every header English', () => {
    const h = header(run(['search', 'إيران', '-n', '2']).stdout);
    expect(h).toMatch(/\bid\b.*/);
    for (const word of ['snippet', 'source', 'title', 'date', 'id']) expect(h).toContain(word);
    expect(h).not.toMatch(/[\u0600-\u06ff]/u);
  });

  it('Arabic with --lang ar, NEWSQ_LANG=ar or an Arabic locale: no English header left', () => {
    for (const [args, env] of [
      [['--lang', 'ar'], {}],
      [[], { NEWSQ_LANG: 'ar' }],
      [[], { LANG: 'ar_SA.UTF-8' }],
      [[], { LC_MESSAGES: 'ar_EG.UTF-8', LANG: 'en_US.UTF-8' }],
    ] as [string[], Record<string, string>][]) {
      const h = header(run(['search', 'إيران', '-n', '2', ...args], env).stdout);
      for (const word of ['المقتطف', 'المصدر', 'العنوان', 'التاريخ', 'المعرف']) expect(h).toContain(word);
      expect(h).not.toMatch(/[a-z]/);
    }
  });

  it('covers the other listings and the stats labels', () => {
    const ar = run(['stats', '--lang', 'ar']).stdout;
    expect(ar).toContain('المقالات');
    expect(ar).not.toMatch(/\barticles\b|\bdate span\b/);
    const en = run(['stats', '--lang', 'en']).stdout;
    expect(en).toContain('date span');
    expect(en).not.toContain('الكلمة المفتاحية');
    expect(run(['related', '9910a795592f', '--timeline', '--lang', 'ar']).stdout).toContain('العنوان');
    expect(run(['tags', '--lang', 'ar']).stdout).toContain('الكلمة المفتاحية');
  });

  it('never changes the JSON keys', () => {
    const en = runCli(['search', 'إيران', '-n', '1', '--json', '--lang', 'en', '--index', 'data/index']).stdout;
    const ar = runCli(['search', 'إيران', '-n', '1', '--json', '--lang', 'ar', '--index', 'data/index']).stdout;
    expect(ar).toBe(en);
  });

  it('refuses another language with a usage error', () => {
    const r = runCli(['search', 'إيران', '--lang', 'fr', '--index', 'data/index']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang must be ar or en/);
  });
});
