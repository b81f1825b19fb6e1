// newsq's tables in real terminal emulators, judged by what is on their screen.
//
// One Xvfb serves the file. Each terminal (Debian's xterm, mlterm, sakura for VTE, and
// tmux running inside mlterm) runs one shell session that, for each command, clears the
// screen, prints calibration lines and "specimen" words, runs newsq with --bidi auto (or
// the mode the case names), then waits while the test screenshots the X screen.
//
// How the screen is read (tests/support/screen.ts):
// - The calibration blocks give the cell grid in pixels, whatever font the terminal uses.
// - Borders: on every text row, the pixel columns whose ink runs (nearly) the full cell
//   height are the vertical lines of the table; no letter does that. Rows with lines form
//   tables (stats prints three); within a table every row must have its lines in the same
//   pixel columns, and as many as the table has columns plus one.
// - Reading order: a specimen is a word printed alone, in a way whose rendering is known to
//   be right: the word itself after a Latin letter for a terminal that reorders and joins
//   (a lone word reads right in any of them), FriBidi's shaped visual order for xterm, which
//   does neither (so the reference comes from FriBidi, not from newsq's own shaping). Its
//   ink is cut out and looked for, pixel for pixel, on the table's rows. Two words of one
//   headline must stand on the same row with the first one to the right of the second, and
//   the id (Latin, so the same image everywhere) to the right of the headline: the first
//   column of an Arabic table is on the right.
// Words holding lam-alef are not used as specimens (mlterm draws the pair as one cell, so a
// specimen printed at a known column would not line up with the cells it is cut from).
//
// Skips, saying why, when Xvfb, ImageMagick or a terminal is missing (.ci/run installs them).

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fribidiAvailable } from '../support/output-fribidi';
import { projectRoot } from '../support/cli';
import { CALIBRATION, columnAt, cutGlyphs, findGlyphs, findGrid, readGrey, rowHasInk, verticalLines, type Screen } from '../support/screen';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const haveX = has('Xvfb') && has('import') && has('convert') && has('identify');
if (!haveX) console.warn('real-terminals.test: Xvfb or ImageMagick is missing (apt-get install xvfb imagemagick); real-terminal tests skipped');
const haveFribidi = fribidiAvailable();

const COLS = 110;
const ROWS = 48;
const BIN = path.join(projectRoot, 'bin', 'newsq.js');
const LAM_ALEF = /ل[آأإا]/u;

interface Terminal {
  name: string;
  /** Programs it needs. */
  needs: string[];
  /** Whether it reorders and joins Arabic itself (specimens are printed as plain words). */
  reorders: boolean;
  /** The command line that runs `script` in it. */
  argv: (script: string, dir: string) => string[];
}

const TERMINALS: Terminal[] = [
  {
    name: 'xterm',
    needs: ['xterm'],
    reorders: false,
    argv: (script) => ['xterm', '-geometry', `${COLS}x${ROWS}+0+0`, '-fa', 'DejaVu Sans Mono', '-fs', '10', '-e', 'bash', script],
  },
  {
    name: 'mlterm',
    needs: ['mlterm'],
    reorders: true,
    argv: (script) => ['mlterm', '-g', `${COLS}x${ROWS}+0+0`, '--sb=false', '-e', 'bash', script],
  },
  {
    name: 'sakura (VTE)',
    needs: ['sakura'],
    reorders: true,
    argv: (script) => ['sakura', '-c', String(COLS), '-r', String(ROWS), '-f', 'DejaVu Sans Mono 10', '-x', `bash ${script}`],
  },
  {
    // tmux shows cells as received; mlterm outside it reorders each screen line.
    name: 'tmux in mlterm',
    needs: ['mlterm', 'tmux'],
    reorders: true,
    argv: (script, dir) => [
      'mlterm', '-g', `${COLS}x${ROWS}+0+0`, '--sb=false', '-e',
      'tmux', '-L', `newsq-rt-${process.pid}`, '-f', path.join(dir, 'tmux.conf'), 'new-session', 'bash', script,
    ],
  },
];

/** One command shown in every terminal, with what must be true of the screen. */
interface Case {
  name: string;
  args: string[];
  /** How many tables the output holds. */
  tables: number;
  /** Two words of one headline that must read right to left on one row, and the row's id with the side of the headline it stands on. */
  order?: () => { words: string[]; id?: string; idSide?: 'left' | 'right' } | undefined;
}

function json(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, [BIN, ...args, '--json'], { encoding: 'utf8', env: { ...process.env, NEWSQ_INDEX: '' } }));
}

/** Two words near the start of a headline that a specimen can find: Arabic letters only, no lam-alef. */
function headlineWords(title: string): string[] {
  const words: string[] = [];
  let used = 0;
  for (const w of title.split(' ')) {
    used += w.length + 1;
    if (used > 21) break; // still on the first line of a wrapped headline
    if (/^[\u0621-\u064a]{3,}$/u.test(w) && !LAM_ALEF.test(w)) words.push(w);
  }
  return words.slice(0, 2);
}

const CASES: Case[] = [
  {
    name: 'search',
    args: ['search', 'إيران', '-n', '3'],
    tables: 1,
    order: () => {
      const [hit] = json(['search', 'إيران', '-n', '1']) as { id: string; title: string }[];
      return hit ? { words: headlineWords(hit.title), id: hit.id } : undefined;
    },
  },
  {
    name: 'tag',
    args: ['tag', 'خامنئي', '-n', '3'],
    tables: 1,
    order: () => {
      const [hit] = json(['tag', 'خامنئي', '-n', '1']) as { id: string; title: string }[];
      return hit ? { words: headlineWords(hit.title), id: hit.id } : undefined;
    },
  },
  {
    name: 'related --timeline',
    args: ['related', '9910a795592f', '--timeline', '--depth', '1'],
    tables: 1,
    order: () => {
      const chain = json(['related', '9910a795592f', '--timeline', '--depth', '1']) as { nodes: { id: string; title: string; inArchive: boolean }[] };
      const node = chain.nodes.find((n) => n.inArchive && headlineWords(n.title).length === 2);
      // The timeline's columns are date, headline, id: right to left, so the id is on the left.
      return node ? { words: headlineWords(node.title), id: node.id, idSide: 'left' } : undefined;
    },
  },
  {
    name: 'stats',
    args: ['stats'],
    tables: 3,
  },
];

/** Where the table rows are: runs of rows holding vertical lines, each as [first, last]. */
function tableRuns(s: Screen, from: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let r = from; s.y0 + (r + 1) * s.cellHeight <= s.height; r++) {
    const lines = verticalLines(s, r).length >= 3;
    if (lines && start < 0) start = r;
    if (!lines && start >= 0) {
      runs.push([start, r - 1]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, Math.floor((s.height - s.y0) / s.cellHeight) - 1]);
  return runs;
}

describe.skipIf(!haveX)('tables on the screens of real terminals (Xvfb)', () => {
  let xvfb: ChildProcess | undefined;
  let display = '';
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsq-rt-'));
    // A home of its own: mlterm's fonts (one monospaced font with Arabic for every cell),
    // sakura's settings, nothing of the user's.
    mkdirSync(path.join(dir, 'home', '.mlterm'), { recursive: true });
    writeFileSync(path.join(dir, 'home', '.mlterm', 'aafont'), 'DEFAULT=DejaVu Sans Mono\nISO10646_UCS4_1=DejaVu Sans Mono\n');
    writeFileSync(path.join(dir, 'home', '.mlterm', 'main'), 'fontsize=14\nscrollbar_mode=none\n');
    writeFileSync(path.join(dir, 'tmux.conf'), 'set -g status off\n');
    for (let n = 90 + (process.pid % 50); ; n++) {
      if (existsSync(`/tmp/.X${n}-lock`)) continue;
      display = `:${n}`;
      xvfb = spawn('Xvfb', [display, '-screen', '0', '1100x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      break;
    }
    for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${display.slice(1)}`); i++) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(() => {
    spawnSync('tmux', ['-L', `newsq-rt-${process.pid}`, 'kill-server']);
    if (xvfb?.pid) process.kill(xvfb.pid, 'SIGTERM');
    if (dir && !process.env.NEWSQ_KEEP_SHOTS) rmSync(dir, { recursive: true, force: true });
  });

  /** Run every case in the terminal, one screenshot each; resolves to the screens by case name. */
  async function session(t: Terminal, cases: Case[], specimens: string[][], extraArgs: string[] = []): Promise<Screen[]> {
    const tag = t.name.replace(/\W+/g, '-');
    const script = path.join(dir, `${tag}.sh`);
    // Inside tmux newsq must see TMUX; elsewhere nothing of the test runner's may leak in.
    const env = `env ${t.name.startsWith('tmux') ? '' : '-u TMUX -u STY'} -u NO_COLOR LC_ALL=C.UTF-8 LANG=C.UTF-8 NEWSQ_INDEX= NEWSQ_BIDI= NEWSQ_LANG=`;
    const lines = ['set -u', `cd ${JSON.stringify(projectRoot)}`];
    cases.forEach((c, k) => {
      const words = (specimens[k] ?? []).map((w) => `x ${w}`);
      writeFileSync(path.join(dir, `${tag}-head-${k}.txt`), CALIBRATION + words.map((w) => `${w}\n`).join(''));
      const argv = [BIN, ...c.args, '--color', 'never', '--no-pager', ...extraArgs].map((a) => `'${a}'`).join(' ');
      lines.push(
        `printf '\\033[H\\033[2J\\033[3J'`,
        `cat ${JSON.stringify(path.join(dir, `${tag}-head-${k}.txt`))}`,
        `${env} ${JSON.stringify(process.execPath)} ${argv}`,
        `touch ${JSON.stringify(path.join(dir, `${tag}-done-${k}`))}`,
        `while [ ! -e ${JSON.stringify(path.join(dir, `${tag}-go-${k}`))} ]; do sleep 0.05; done`,
      );
    });
    writeFileSync(script, lines.join('\n') + '\n');
    const argv = t.argv(script, dir);
    const termEnv: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display, HOME: path.join(dir, 'home'), LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
    for (const k of ['TMUX', 'STY', 'VTE_VERSION', 'MLTERM', 'XTERM_VERSION', 'KONSOLE_VERSION', 'TERM_PROGRAM', 'COLUMNS', 'LINES']) delete termEnv[k];
    const term = spawn(argv[0] as string, argv.slice(1), { env: termEnv, stdio: 'ignore' });
    const screens: Screen[] = [];
    try {
      for (let k = 0; k < cases.length; k++) {
        const done = path.join(dir, `${tag}-done-${k}`);
        for (let i = 0; i < 300 && !existsSync(done); i++) await new Promise((r) => setTimeout(r, 50));
        expect(existsSync(done), `${t.name} did not finish "${cases[k]?.name}"`).toBe(true);
        // The terminal draws in its own time (later still on a busy machine): the screen is
        // taken once two shots a moment apart are the same.
        const shot = path.join(dir, `${tag}-${k}.png`);
        let previous: Buffer | undefined;
        for (let i = 0; i < 40; i++) {
          await new Promise((r) => setTimeout(r, 150));
          execFileSync('import', ['-display', display, '-window', 'root', shot]);
          const pixels = execFileSync('convert', [shot, '-depth', '8', 'gray:-'], { maxBuffer: 64 * 1024 * 1024 });
          if (previous?.equals(pixels)) break;
          previous = pixels;
        }
        // Cut away the empty root window around the terminal.
        execFileSync('convert', [shot, '-trim', '+repage', shot]);
        screens.push(findGrid(readGrey(shot), COLS));
        writeFileSync(path.join(dir, `${tag}-go-${k}`), '');
      }
    } finally {
      term.kill('SIGTERM');
      spawnSync('tmux', ['-L', `newsq-rt-${process.pid}`, 'kill-server']);
    }
    return screens;
  }

  /** The glyphs of the specimen on row `row`, printed after "x " at column 2. */
  const specimenGlyphs = (s: Screen, row: number, word: string): ReturnType<typeof cutGlyphs> => cutGlyphs(s, row, 2, 2 + Array.from(word).length + 1);

  for (const t of TERMINALS) {
    const missing = t.needs.filter((n) => !has(n));
    if (missing.length > 0) console.warn(`real-terminals.test: ${missing.join(', ')} not installed; the ${t.name} checks are skipped`);
    const skip = missing.length > 0 || (!t.reorders && !haveFribidi);
    it.skipIf(skip)(`${t.name}: borders in the same pixel columns on every row, Arabic in reading order`, async () => {
      // Inside tmux only the detection differs: one command shows it.
      const cases = t.name.startsWith('tmux') ? CASES.slice(0, 1) : CASES;
      const orders = cases.map((c) => c.order?.());
      // Each specimen as the terminal must show it: xterm gets FriBidi's joined visual order.
      const printed = orders.map((o) =>
        o ? [...o.words, ...(o.id ? [o.id] : [])].map((w) => (t.reorders || !/[\u0600-\u06ff]/u.test(w) ? w : fribidiShaped(w))) : [],
      );
      const screens = await session(t, cases, printed);
      cases.forEach((c, k) => {
        const s = screens[k] as Screen;
        const firstRow = 3 + (printed[k]?.length ?? 0);
        const runs = tableRuns(s, firstRow);
        expect(runs.length, `${t.name} ${c.name}: tables found`).toBe(c.tables);
        for (const [a, b] of runs) {
          const expected = verticalLines(s, a);
          expect(b - a, `${t.name} ${c.name}: rows of the table at row ${a}`).toBeGreaterThanOrEqual(1);
          for (let r = a; r <= b; r++) expect(verticalLines(s, r), `${t.name} ${c.name}: row ${r}`).toEqual(expected);
        }
        const o = orders[k];
        if (!o) return;
        expect(o.words.length, `${c.name}: two specimen words`).toBe(2);
        const glyphs = (printed[k] as string[]).map((w, i) => specimenGlyphs(s, 3 + i, w));
        // Every specimen is on the screen where the table is, on one row.
        const [first, second, id] = glyphs;
        let row = -1;
        let xs: number[] = [];
        for (const [a, b] of runs) {
          for (let r = a; r <= b && row < 0; r++) {
            const x1 = findGlyphs(s, r, first!);
            const x2 = findGlyphs(s, r, second!);
            if (x1.length > 0 && x2.length > 0) {
              row = r;
              xs = [x1[0] as number, x2[0] as number];
              if (id) xs.push(findGlyphs(s, r, id)[0] ?? -1);
            }
          }
        }
        expect(row, `${t.name} ${c.name}: "${o.words.join(' ')}" not found on one row of the table`).toBeGreaterThanOrEqual(0);
        const [x1, x2, xId] = xs as [number, number, number | undefined];
        expect(x1, `${t.name} ${c.name}: "${o.words[0]}" reads before "${o.words[1]}", so stands to its right`).toBeGreaterThan(x2);
        if (id) {
          expect(xId, `${t.name} ${c.name}: id ${o.id} on the headline's row`).toBeGreaterThanOrEqual(0);
          const [lo, hi] = o.idSide === 'left' ? [xId as number, x2] : [x1, xId as number];
          expect(hi, `${t.name} ${c.name}: the id column is on the ${o.idSide ?? 'right'} of the headline`).toBeGreaterThan(lo);
          // And in another column: a border between them.
          const borders = verticalLines(s, row).map((x) => columnAt(s, x));
          expect(borders.some((b) => b > columnAt(s, lo) && b <= columnAt(s, hi))).toBe(true);
        }
        expect(rowHasInk(s, row)).toBe(true);
      });
    }, 60_000);
  }

  it.skipIf(!has('mlterm'))('mlterm --bidi off: borders stay in place although mlterm draws lam-alef in one cell', async () => {
    const mlterm = TERMINALS.find((x) => x.name === 'mlterm') as Terminal;
    const screens = await session({ ...mlterm, name: 'mlterm off' }, [CASES[0] as Case], [[]], ['--bidi', 'off']);
    const s = screens[0] as Screen;
    const runs = tableRuns(s, 3);
    expect(runs).toHaveLength(1);
    const [a, b] = runs[0] as [number, number];
    for (let r = a; r <= b; r++) expect(verticalLines(s, r)).toEqual(verticalLines(s, a));
  }, 60_000);
});

/** FriBidi's visual order of one word, joined (its presentation forms kept): what xterm must show. */
function fribidiShaped(word: string): string {
  return execFileSync('fribidi', ['--nopad', '--nobreak', '--clean'], { input: `${word}\n`, encoding: 'utf8' }).replace(/\n$/, '').replace(/\ufeff/g, '');
}
