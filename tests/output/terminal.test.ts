import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  BIDI_EXPLICIT_MODE,
  BIDI_IMPLICIT_MODE,
  colorEnabled,
  detectBidiMode,
  resolveBidi,
  resolveLang,
  resolveOutputSettings,
  terminalWidth,
  withExplicitBidiMode,
  writeRendered,
  type BidiMode,
  type Env,
  type OuterTerminal,
} from '../../src/output/terminal';

describe('detectBidiMode', () => {
  it.each<[string, Env, boolean, BidiMode, boolean]>([
    ['not a TTY', { VTE_VERSION: '7600' }, false, 'off', false],
    ['tmux started from VTE: implicit, without escapes', { TMUX: '/tmp/tmux-0/default,1,0', VTE_VERSION: '7600' }, true, 'implicit', false],
    ['tmux started from xterm', { TMUX: '/tmp/tmux-0/default,1,0', XTERM_VERSION: 'XTerm(379)' }, true, 'visual', false],
    ['GNU screen started from mlterm', { STY: '123.pts-0.host', MLTERM: '3.9.0' }, true, 'implicit', false],
    ['GNOME Terminal (VTE ≥ 0.58)', { VTE_VERSION: '7600' }, true, 'implicit', false],
    ['VTE exactly 0.58', { VTE_VERSION: '5800' }, true, 'implicit', false],
    ['old VTE without bidi', { VTE_VERSION: '5202' }, true, 'visual', false],
    ['Konsole', { KONSOLE_VERSION: '230804' }, true, 'implicit', false],
    ['mlterm', { MLTERM: '3.9.3' }, true, 'implicit', false],
    ['macOS Terminal', { TERM_PROGRAM: 'Apple_Terminal' }, true, 'implicit', false],
    ['mintty', { TERM_PROGRAM: 'mintty' }, true, 'visual', true],
    ['WezTerm', { TERM_PROGRAM: 'WezTerm' }, true, 'visual', true],
    ['Windows Terminal', { WT_SESSION: 'a1b2' }, true, 'visual', false],
    ['VS Code, even started from GNOME Terminal', { TERM_PROGRAM: 'vscode', VTE_VERSION: '7600' }, true, 'visual', false],
    ['kitty', { KITTY_WINDOW_ID: '1' }, true, 'visual', false],
    ['Alacritty', { ALACRITTY_WINDOW_ID: '1' }, true, 'visual', false],
    ['xterm', { XTERM_VERSION: 'XTerm(379)' }, true, 'visual', false],
    ['unknown terminal', { TERM: 'xterm-256color' }, true, 'visual', false],
    ['empty TMUX is not tmux', { TMUX: '', KONSOLE_VERSION: '1' }, true, 'implicit', false],
  ])('%s', (_name, env, isTTY, mode, escapes) => {
    const d = detectBidiMode(env, isTTY);
    expect(d.mode).toBe(mode);
    expect(d.explicitEscapes).toBe(escapes);
    expect(d.reason.length).toBeGreaterThan(0);
  });

  it('counts lam-alef as one cell and marks as cells in mlterm only', () => {
    expect(detectBidiMode({ MLTERM: '3.9.0' }, true)).toMatchObject({ lamAlefOneCell: true, marksTakeCells: true });
    expect(detectBidiMode({ VTE_VERSION: '7006' }, true)).toMatchObject({ lamAlefOneCell: false, marksTakeCells: false });
    // Forcing a mode keeps what the terminal does with the cells.
    expect(resolveBidi('off', { MLTERM: '3.9.0' }, true)).toMatchObject({ mode: 'off', lamAlefOneCell: true });
  });

  // What tmux says about its client's terminal comes before the variables the pane inherited
  // from whichever terminal started the tmux server.
  it.each<[string, Env, OuterTerminal | undefined, BidiMode]>([
    ['client TERM mlterm, server started from xterm', { TMUX: 't', XTERM_VERSION: 'XTerm(379)' }, { termName: 'mlterm', termType: '' }, 'implicit'],
    ['client answers XTVERSION as xterm, server started from VTE', { TMUX: 't', VTE_VERSION: '7006' }, { termName: 'xterm', termType: 'XTerm(379)' }, 'visual'],
    [
      'update-environment brought VTE_VERSION from the attaching client',
      { TMUX: 't' },
      { termName: 'xterm-256color', termType: '', environment: { VTE_VERSION: '7006', MLTERM: null } },
      'implicit',
    ],
    [
      'the attaching client has none of the listed variables',
      { TMUX: 't', VTE_VERSION: '7006' },
      { termName: 'xterm-256color', termType: '', environment: { VTE_VERSION: null, MLTERM: null } },
      'visual',
    ],
    ['tmux cannot be asked: the inherited environment', { TMUX: 't', MLTERM: '3.9.0' }, undefined, 'implicit'],
  ])('inside tmux: %s', (_name, env, outer, mode) => {
    const d = detectBidiMode(env, true, () => outer);
    expect(d.mode).toBe(mode);
    expect(d.explicitEscapes).toBe(false);
    expect(d.reason).toMatch(/^tmux, in /);
  });
});

describe('resolveBidi overrides', () => {
  it.each<[string, Parameters<typeof resolveBidi>[0], Env, boolean, BidiMode, boolean]>([
    ['flag wins over NEWSQ_BIDI', 'logical', { NEWSQ_BIDI: 'visual' }, true, 'logical', false],
    ['NEWSQ_BIDI wins over detection', 'auto', { NEWSQ_BIDI: 'off', KONSOLE_VERSION: '1' }, true, 'off', false],
    ['NEWSQ_BIDI=auto falls through', undefined, { NEWSQ_BIDI: 'auto', KONSOLE_VERSION: '1' }, true, 'implicit', false],
    ['invalid NEWSQ_BIDI is ignored', undefined, { NEWSQ_BIDI: 'sideways', MLTERM: '1' }, true, 'implicit', false],
    ['forced visual on VTE keeps the explicit-mode switch', 'visual', { VTE_VERSION: '7600' }, true, 'visual', true],
    ['forced visual inside tmux in VTE has no escapes', 'visual', { VTE_VERSION: '7600', TMUX: 't' }, true, 'visual', false],
    ['forced visual when piped has no escapes', 'visual', { VTE_VERSION: '7600' }, false, 'visual', false],
    ['forced logical on VTE has no escapes', 'logical', { VTE_VERSION: '7600' }, true, 'logical', false],
  ])('%s', (_name, flag, env, isTTY, mode, escapes) => {
    const d = resolveBidi(flag, env, isTTY, () => undefined);
    expect(d.mode).toBe(mode);
    expect(d.explicitEscapes).toBe(escapes);
  });
});

describe('resolveLang', () => {
  it.each<[string, string | undefined, Env, 'ar' | 'en']>([
    ['--lang wins', 'ar', { NEWSQ_LANG: 'en', LANG: 'en_US.UTF-8' }, 'ar'],
    ['then NEWSQ_LANG', undefined, { NEWSQ_LANG: 'ar', LC_ALL: 'en_US.UTF-8' }, 'ar'],
    ['then LC_ALL', undefined, { LC_ALL: 'ar_SA.UTF-8', LANG: 'en_US.UTF-8' }, 'ar'],
    ['LC_ALL set to English beats an Arabic LANG', undefined, { LC_ALL: 'C.UTF-8', LANG: 'ar_EG.UTF-8' }, 'en'],
    ['then LC_MESSAGES', undefined, { LC_MESSAGES: 'ar_EG.UTF-8', LANG: 'en_GB.UTF-8' }, 'ar'],
    ['then LANG', undefined, { LANG: 'ar' }, 'ar'],
    ['a locale merely containing ar is not Arabic', undefined, { LANG: 'arn_CL.UTF-8' }, 'en'],
    ['no locale: English', undefined, {}, 'en'],
  ])('%s', (_name, flag, env, lang) => {
    expect(resolveLang(flag, env)).toBe(lang);
  });

  it('refuses other values, naming where they came from', () => {
    expect(() => resolveLang('fr', {})).toThrow(/--lang must be ar or en/);
    expect(() => resolveLang(undefined, { NEWSQ_LANG: 'de' })).toThrow(/NEWSQ_LANG/);
  });
});

describe('colorEnabled', () => {
  it.each<[string, 'auto' | 'always' | 'never', Env, boolean, boolean]>([
    ['TTY', 'auto', {}, true, true],
    ['pipe', 'auto', {}, false, false],
    ['NO_COLOR', 'auto', { NO_COLOR: '1' }, true, false],
    ['empty NO_COLOR is ignored', 'auto', { NO_COLOR: '' }, true, true],
    ['--color always beats NO_COLOR', 'always', { NO_COLOR: '1' }, false, true],
    ['--color never', 'never', { FORCE_COLOR: '3' }, true, false],
    ['NO_COLOR beats FORCE_COLOR', 'auto', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR=0', 'auto', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=1 on a pipe', 'auto', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=2 beats TERM=dumb', 'auto', { FORCE_COLOR: '2', TERM: 'dumb' }, true, true],
    ['TERM=dumb', 'auto', { TERM: 'dumb' }, true, false],
  ])('%s', (_name, flag, env, isTTY, expected) => {
    expect(colorEnabled({ flag, env, isTTY })).toBe(expected);
  });
});

describe('terminalWidth', () => {
  it.each<[string, { columns?: number } | undefined, Env, number]>([
    ['COLUMNS first', { columns: 120 }, { COLUMNS: '90' }, 90],
    ['then the stream', { columns: 120 }, {}, 120],
    ['bad COLUMNS ignored', { columns: 100 }, { COLUMNS: 'wide' }, 100],
    ['default 80', {}, {}, 80],
    ['no stream', undefined, {}, 80],
  ])('%s', (_name, stream, env, width) => {
    expect(terminalWidth(stream, env)).toBe(width);
  });
});

describe('resolveOutputSettings', () => {
  it('defaults to a table on a TTY and TSV when piped', () => {
    expect(resolveOutputSettings({ stdout: { isTTY: true, columns: 100 }, env: {} }).format).toBe('table');
    expect(resolveOutputSettings({ stdout: { isTTY: false }, env: {} }).format).toBe('tsv');
  });

  it('combines format, bidi, colour and width', () => {
    const s = resolveOutputSettings({ stdout: { isTTY: true, columns: 132 }, env: { VTE_VERSION: '7600' } });
    expect(s).toMatchObject({ format: 'table', bidi: 'implicit', explicitEscapes: false, color: true, width: 132 });
    const forced = resolveOutputSettings({ bidi: 'visual', stdout: { isTTY: true, columns: 132 }, env: { VTE_VERSION: '7600' } });
    expect(forced).toMatchObject({ format: 'table', bidi: 'visual', explicitEscapes: true });
  });

  it('uses the explicit-mode switch only for tables', () => {
    const s = resolveOutputSettings({ format: 'json', bidi: 'visual', stdout: { isTTY: true }, env: { VTE_VERSION: '7600' } });
    expect(s.explicitEscapes).toBe(false);
  });

  it('honours the flags', () => {
    const s = resolveOutputSettings({ format: 'csv', bidi: 'logical', color: 'never', stdout: { isTTY: true }, env: { COLUMNS: '70' } });
    expect(s).toMatchObject({ format: 'csv', bidi: 'logical', color: false, width: 70 });
  });

  it('rejects unknown values', () => {
    expect(() => resolveOutputSettings({ format: 'xml' as never, stdout: {}, env: {} })).toThrow(/xml/);
    expect(() => resolveOutputSettings({ bidi: 'up' as never, stdout: {}, env: {} })).toThrow(/up/);
  });
});

describe('withExplicitBidiMode', () => {
  const sink = (): { chunks: string[]; write: (c: string) => boolean } => {
    const chunks: string[] = [];
    return { chunks, write: (c: string) => chunks.push(c) > 0 };
  };

  it('switches to explicit mode around the output and back, dropping its handlers on the next turn', async () => {
    const s = sink();
    const listenersBefore = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM') + process.listenerCount('exit');
    const result = withExplicitBidiMode(s, () => {
      s.write('table');
      return 42;
    });
    expect(result).toBe(42);
    expect(s.chunks).toEqual([BIDI_EXPLICIT_MODE, 'table', BIDI_IMPLICIT_MODE]);
    // Kept until pending signals are dispatched (a Ctrl-C during a long synchronous write).
    await new Promise((r) => setImmediate(r));
    const listenersAfter = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM') + process.listenerCount('exit');
    expect(listenersAfter).toBe(listenersBefore);
  });

  it('restores when the callback throws', () => {
    const s = sink();
    expect(() =>
      withExplicitBidiMode(s, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.chunks).toEqual([BIDI_EXPLICIT_MODE, BIDI_IMPLICIT_MODE]);
  });

  it('restores after an async callback', async () => {
    const s = sink();
    await withExplicitBidiMode(s, async () => {
      await new Promise((r) => setTimeout(r, 5));
      s.write('later');
    });
    expect(s.chunks).toEqual([BIDI_EXPLICIT_MODE, 'later', BIDI_IMPLICIT_MODE]);
  });

  it('does not throw when the stream is closed or its write fails', () => {
    const closed = { destroyed: true, write: () => { throw new Error('EPIPE'); } };
    expect(() => withExplicitBidiMode(closed, () => 1)).not.toThrow();
    let calls = 0;
    const failing = { write: () => { calls++; if (calls > 1) throw new Error('EPIPE'); return true; } };
    expect(() => withExplicitBidiMode(failing, () => 1)).not.toThrow();
  });

  it('writeRendered adds the switch only when asked', () => {
    const a = sink();
    writeRendered(a, 'x', { explicitEscapes: false });
    expect(a.chunks).toEqual(['x']);
    const b = sink();
    writeRendered(b, 'x', { explicitEscapes: true });
    expect(b.chunks.join('')).toBe(`${BIDI_EXPLICIT_MODE}x${BIDI_IMPLICIT_MODE}`);
  });

  it('restores on SIGINT and SIGTERM and on process.exit, then ends as the signal would', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsq-bdsm-'));
    const entry = path.join(dir, 'entry.ts');
    const terminalModule = fileURLToPath(new URL('../../src/output/terminal.ts', import.meta.url));
    writeFileSync(
      entry,
      `import { withExplicitBidiMode } from ${JSON.stringify(terminalModule)};
const how = process.argv[2];
withExplicitBidiMode(process.stdout, () => {
  process.stdout.write('body');
  if (how === 'exit') process.exit(3);
  process.kill(process.pid, how);
  setTimeout(() => process.stdout.write('not reached'), 2000);
  return new Promise(() => {});
});
`,
    );
    const out = path.join(dir, 'entry.cjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
    for (const how of ['SIGINT', 'SIGTERM', 'exit'] as const) {
      const r = spawnSync(process.execPath, [out, how], { encoding: 'utf8', timeout: 10_000 });
      expect(r.stdout).toBe(`${BIDI_EXPLICIT_MODE}body${BIDI_IMPLICIT_MODE}`);
      if (how === 'exit') expect(r.status).toBe(3);
      else expect(r.signal).toBe(how);
    }
  });
});
