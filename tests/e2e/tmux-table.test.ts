// Tables in a real terminal grid: tmux shows cells exactly as received (like xterm, kitty
// or Alacritty), so what capture-pane reads back is what a user of such a terminal sees.
// Border positions are measured with coreutils `wc -L` (glibc wcwidth, the same widths tmux
// uses), independently of the project's own width function.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTable } from '../../src/output/table';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';
import { demoTable } from '../support/output-demo-table';
import { borderColumns, cellTexts } from '../support/output-grid';

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
const haveFribidi = fribidiAvailable();
if (!haveTmux) console.warn('tmux-table.test: `tmux` is not installed (apt-get install tmux); real-terminal tests skipped');
if (haveTmux && !haveFribidi) console.warn('tmux-table.test: `fribidi` is not installed; reorder checks against it skipped');

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const utf8Env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
const WIDTH = 110;

/** Screen width of each string as glibc's wcwidth sees it (`wc -L`), one process for all. */
function wcWidths(strings: string[]): number[] {
  const r = spawnSync('bash', ['-c', 'while IFS= read -r l; do printf "%s" "$l" | wc -L; done'], {
    input: strings.join('\n') + '\n',
    encoding: 'utf8',
    env: utf8Env,
  });
  return r.stdout.trim().split('\n').map(Number);
}

/** Border columns of every line, measured by wcwidth. */
function wcBorderColumns(lines: string[]): number[][] {
  const prefixes: string[][] = lines.map((line) => {
    const out: string[] = [];
    const chars = Array.from(line);
    chars.forEach((ch, i) => {
      if (/[│┌┐└┘├┤┬┴┼]/u.test(ch)) out.push(chars.slice(0, i).join(''));
    });
    return out;
  });
  const flat = prefixes.flat();
  const widths = flat.length > 0 ? wcWidths(flat) : [];
  let k = 0;
  return prefixes.map((p) => p.map(() => widths[k++] as number));
}

describe.skipIf(!haveTmux)('tables in a real terminal (tmux)', () => {
  let dir = '';
  let script = '';
  let socket = '';
  let conf = '';
  let sessions = 0;

  const tmux = (...args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync('tmux', ['-L', socket, '-f', conf, ...args], { encoding: 'utf8', env: utf8Env });

  /** Run a command in a fresh detached pane and read the screen back once `>>>END` shows. */
  async function runInPane(command: string): Promise<{ screen: string[]; title: string; buffers: string }> {
    const name = `s${++sessions}`;
    const started = tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '50', `${command}; sleep 120`);
    expect(started.status, String(started.stderr)).toBe(0);
    let screen = '';
    for (let i = 0; i < 150; i++) {
      screen = String(tmux('capture-pane', '-p', '-t', name).stdout);
      if (screen.includes('>>>END')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const title = String(tmux('display-message', '-p', '-t', name, '#{pane_title}').stdout).trim();
    const buffers = String(tmux('list-buffers').stdout);
    tmux('kill-session', '-t', name);
    expect(screen).toContain('>>>END');
    return { screen: screen.split('\n'), title, buffers };
  }

  const tableLines = (screen: string[]): string[] =>
    screen.slice(screen.indexOf('<<<BEGIN') + 1, screen.indexOf('>>>END')).map((l) => l.replace(/ +$/, ''));

  const demo = (name: string, mode: string): string =>
    `${JSON.stringify(process.execPath)} ${JSON.stringify(script)} ${name} ${mode} ${WIDTH}; echo '>>>END'`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsq-tmux-'));
    script = path.join(dir, 'render-demo.cjs');
    conf = path.join(dir, 'tmux.conf');
    // set-clipboard on: an OSC 52 that got through would create a paste buffer we can see.
    writeFileSync(conf, 'set -g set-clipboard on\nset -g history-limit 100\n');
    socket = `newsq-output-test-${process.pid}`;
    await build({
      entryPoints: [path.join(projectRoot, 'tests/support/output-render-demo.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: script,
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    if (socket) {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      // kill-server leaves the socket file behind.
      const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
      rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${uid}`, socket), { force: true });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('visual mode: borders line up on screen and each cell reads as FriBidi orders it', async () => {
    const { screen } = await runInPane(demo('demo', 'visual'));
    const lines = tableLines(screen);
    expect(lines.length).toBe(demoTable.rows.length + 4);
    const columns = wcBorderColumns(lines);
    for (const c of columns) expect(c).toEqual(columns[0]);
    expect(columns[0]?.length).toBe(demoTable.columns.length + 1);
    // The same positions by the project's own measure.
    for (const line of lines) expect(borderColumns(line)).toEqual(columns[0]);

    if (!haveFribidi) return;
    const logical = renderTable(demoTable, { bidi: 'off', color: false, width: WIDTH }).split('\n');
    lines.forEach((line, i) => {
      const logicalCells = cellTexts(logical[i] as string);
      if (logicalCells.length === 0) return; // a border line
      const expected = fribidiVisual(logicalCells);
      // Visual mode joins the letters (presentation forms): compared as letters.
      expect(cellTexts(line).map((t) => unshape(t))).toEqual(expected);
    });
  });

  it.skipIf(!haveFribidi)('logical mode: an implicit-bidi pass over each line keeps borders and column order', async () => {
    const visual = tableLines((await runInPane(demo('demo', 'visual'))).screen);
    const logical = tableLines((await runInPane(demo('demo', 'logical'))).screen);
    expect(logical.length).toBe(visual.length);
    const reordered = fribidiVisual(logical).map((l) => l.replace(/ +$/, ''));
    const visualColumns = wcBorderColumns(visual);
    const reorderedColumns = wcBorderColumns(reordered);
    reordered.forEach((line, i) => {
      expect(reorderedColumns[i]).toEqual(visualColumns[i]);
      expect(cellTexts(line)).toEqual(cellTexts(visual[i] as string).map((t) => unshape(t)));
    });
  });

  it('the test harness does see a title change and a clipboard write when they are not sanitized', async () => {
    const raw = await runInPane(`printf '\\033]2;pwned\\007\\033]52;c;cHduZWQ=\\007<<<BEGIN\\n'; echo '>>>END'`);
    expect(raw.title).toBe('pwned');
    expect(raw.buffers).not.toBe('');
  });

  it('a hostile headline prints inert: no title change, no clipboard write, no clearing, no override', async () => {
    const { screen, title, buffers } = await runInPane(`echo before-the-table; ${demo('hostile', 'visual')}`);
    expect(title).not.toBe('pwned');
    expect(buffers).toBe('');
    expect(screen).toContain('before-the-table');
    const text = screen.join('\n');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
    expect(text).not.toContain('pwned');
    const lines = tableLines(screen);
    const columns = wcBorderColumns(lines);
    for (const c of columns) expect(c).toEqual(columns[0]);
  });
});
