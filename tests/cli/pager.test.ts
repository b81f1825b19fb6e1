// The pager: NEWSQ_PAGER, then PAGER, then less -FRX, for output longer than a terminal's
// screen; never when piped, with --no-pager, or for output that fits.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagerCommand, runPagerCommand } from '../../src/cli/pager';
import { runCli, useDemoIndex, type FakeIoOptions } from '../support/cli';

const { demo } = useDemoIndex('cmd-pager');

/** A run whose pager calls are recorded (`ok`: whether the pager could run). */
function paged(args: string[], options: FakeIoOptions & { ok?: boolean } = {}) {
  const calls: Array<{ command: string; text: string }> = [];
  const r = runCli(args, demo({ isTTY: true, columns: 120, rows: 20, ...options, runPager: (command, text) => (calls.push({ command, text }), options.ok ?? true) }));
  return { ...r, calls };
}

const LONG = ['search', 'إيران', '--color', 'never', '--bidi', 'off'];

describe('pagerCommand', () => {
  it('takes NEWSQ_PAGER, then PAGER, then less -FRX; empty or cat turns paging off', () => {
    expect(pagerCommand({})).toBe('less -FRX');
    expect(pagerCommand({ PAGER: 'more' })).toBe('more');
    expect(pagerCommand({ PAGER: 'more', NEWSQ_PAGER: 'most -s' })).toBe('most -s');
    expect(pagerCommand({ PAGER: 'more', NEWSQ_PAGER: '' })).toBeNull();
    expect(pagerCommand({ PAGER: 'cat' })).toBeNull();
  });
});

describe('paging', () => {
  it('hands output longer than the screen to the pager, exactly as it would have been printed', () => {
    const direct = runCli(LONG, demo({ isTTY: true, columns: 120 }));
    const r = paged(LONG);
    expect(r.code).toBe(0);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.command).toBe('less -FRX');
    expect(r.calls[0]!.text).toBe(direct.stdout);
    expect(direct.stdout.split('\n').length).toBeGreaterThan(20);
    expect(r.stdout).toBe('');
    // The messages stay on stderr.
    expect(r.stderr).toBe(direct.stderr);
  });

  it('uses NEWSQ_PAGER before PAGER', () => {
    expect(paged(LONG, { env: { TERM: 'xterm', PAGER: 'more', NEWSQ_PAGER: 'pg' } }).calls[0]!.command).toBe('pg');
    expect(paged(LONG, { env: { TERM: 'xterm', PAGER: 'more' } }).calls[0]!.command).toBe('more');
  });

  it('prints directly with --no-pager (before the command too), when piped, when the output fits, or with paging off', () => {
    for (const r of [
      paged([...LONG, '--no-pager']),
      paged(['--no-pager', ...LONG]),
      paged(LONG, { rows: 500 }),
      paged(LONG, { env: { TERM: 'xterm', NEWSQ_PAGER: '' } }),
    ]) {
      expect(r.calls).toEqual([]);
      expect(r.stdout).toContain('┌');
    }
    const piped = runCli(LONG, demo({ runPager: () => expect.fail('paged a pipe') }));
    expect(piped.stdout.length).toBeGreaterThan(0);
  });

  it('prints the output itself when the pager cannot run', () => {
    const r = paged(LONG, { ok: false });
    expect(r.calls).toHaveLength(1);
    expect(r.stdout).toBe(r.calls[0]!.text);
  });

  it('switches explicit bidi mode on around the pager where the table would have had it', () => {
    const r = paged([...LONG.slice(0, 2), '--bidi', 'visual', '--color', 'never'], { env: { TERM: 'xterm-256color', VTE_VERSION: '7000' } });
    expect(r.calls).toHaveLength(1);
    expect(r.stdout).toBe('\u001b[8l\u001b[8h');
    expect(r.calls[0]!.text).not.toContain('\u001b[8l');
  });
});

describe('runPagerCommand', () => {
  it('runs the command through the shell with the text on its standard input', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsq-pager-'));
    try {
      const out = path.join(dir, 'out.txt');
      expect(runPagerCommand(`cat > '${out}'; echo "$LESS" > '${out}.less'`, 'سطر أول\nسطر ثان\n', { PATH: process.env.PATH })).toBe(true);
      expect(readFileSync(out, 'utf8')).toBe('سطر أول\nسطر ثان\n');
      expect(readFileSync(`${out}.less`, 'utf8')).toBe('FRX\n');
      expect(runPagerCommand('no-such-pager-newsq', 'x\n', { PATH: process.env.PATH })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
