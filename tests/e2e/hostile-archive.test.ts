// An archive whose every field (title, body, keywords, source, credits, author, related
// headlines, url, id, file name) holds ESC/OSC/CSI sequences, C1 controls and bidi
// overrides, run through every command and format of the real program: once with both
// streams piped, once on a real pseudo-terminal (util-linux `script`, which records every
// byte the terminal received), and once in tmux, a terminal that acts on what it gets (a
// title or clipboard change there means a payload got through). Whatever newsq writes must
// be inert: see tests/support/hostile-archive.ts for what is checked.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, newsqSync } from '../support/reliability';
import { DATE, IDS, KEYWORD, TITLE_MARKER, WORD, hostile, inertProblem, writeHostileArchive } from '../support/hostile-archive';

const haveScript = spawnSync('script', ['--version']).status === 0;
const haveTmux = spawnSync('tmux', ['-V']).status === 0;
if (!haveScript) console.warn('hostile-archive.test: util-linux `script` is missing; pseudo-terminal checks skipped');
if (!haveTmux) console.warn('hostile-archive.test: `tmux` is missing; real-terminal effect checks skipped');

const FORMATS: string[][] = [
  ['--format', 'table', '--color', 'always', '--bidi', 'visual'],
  ['--format', 'table', '--color', 'always', '--bidi', 'logical'],
  ['--format', 'tsv'],
  ['--format', 'csv'],
  ['--json'],
  ['--ndjson'],
];

const LISTINGS: string[][] = [
  ['search', WORD],
  ['tag', KEYWORD],
  ['tags'],
  ['date', DATE],
  ['timeline', WORD, '--by', 'day'],
  ['stats'],
  ['show', IDS[0]],
  ['related', IDS[0]],
  ['related', IDS[0], '--timeline'],
  ['related', IDS[1], '--backlinks'],
  ['related', IDS[0], '--similar'],
  ['analyze', hostile('نص')],
];

/** A case: arguments, and whether its output must show some of the hostile text (sanitised). */
interface Case {
  args: string[];
  echoes: boolean;
}

const MESSAGES: Case[] = [
  // Ambiguous id prefixes list the candidates' headlines.
  { args: ['show', 'abcd'], echoes: true },
  { args: ['related', 'abcd'], echoes: true },
  // A headline argument: a close match is named, none lists the closest headlines.
  { args: ['related', `عنوان ${WORD} أول`], echoes: true },
  { args: ['related', `عنوان ${WORD} رابع مختلف تماما`], echoes: true },
  // An unknown keyword: did-you-mean suggestions from the archive.
  { args: ['tag', 'كلمة مفخخ'], echoes: true },
  // The user's own text echoed back: a date, a query, an option, a date limit.
  { args: ['date', hostile('2015')], echoes: true },
  { args: ['search', hostile('كلمةغيرموجودة'), '--format', 'table'], echoes: true },
  { args: ['search', hostile('(')], echoes: true },
  { args: ['search', WORD, '--since', hostile('2015')], echoes: true },
  { args: ['search', `--ZQ\x1b]0;${TITLE_MARKER}\x07QZ`], echoes: true },
  { args: ['search', WORD, '--limit', hostile('1')], echoes: true },
  // Completion candidates: keywords, ids with headlines, sources, for each shell.
  { args: ['__complete', 'bash', ':newsq tag ', ':'], echoes: true },
  { args: ['__complete', 'bash', ':newsq tag "', ':'], echoes: true },
  { args: ['__complete', 'bash', ':newsq show ab', ':ab'], echoes: false },
  { args: ['__complete', 'bash', ':newsq search source:', ':'], echoes: true },
  { args: ['__complete', 'zsh', ':newsq', ':tag', ':'], echoes: true },
  { args: ['__complete', 'zsh', ':newsq', ':show', ':ab'], echoes: true },
  { args: ['__complete', 'fish', ':newsq', ':tag', ':'], echoes: true },
  { args: ['__complete', 'fish', ':newsq', ':related', ':ab'], echoes: true },
  { args: ['__complete', 'fish', ':newsq', ':search', ':source:'], echoes: true },
];

// A timeline prints counts per period only.
const echoes = (args: string[]) => args[0] !== 'timeline';
const CASES: Case[] = [...LISTINGS.flatMap((args) => FORMATS.map((f) => ({ args: [...args, ...f], echoes: echoes(args) }))), ...MESSAGES];

let dir = '';
let archive = '';
let index = '';
let build: ReturnType<typeof newsqSync>;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsq-hostile-'));
  archive = path.join(dir, 'archive');
  index = path.join(dir, 'index');
  writeHostileArchive(archive);
  build = newsqSync(['index', archive, '--index', index]);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ NEWSQ_INDEX: index, TERM: 'xterm-256color', COLUMNS: '150' });

describe('an archive full of terminal controls', () => {
  it('imports, and the import messages that name its file and its id are inert', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(inertProblem(build.stderr)).toBeNull();
    // The file name and the refused id are echoed (sanitised), so the check above saw them.
    expect(build.stderr).toMatch(/warning: .*ZQQZ/);
    expect(build.stderr).toMatch(/unusable id "bad/);
  });

  it('through pipes: every command and format writes inert bytes to stdout and stderr', () => {
    const problems: string[] = [];
    for (const c of CASES) {
      const r = newsqSync(c.args, { env: env() });
      const label = JSON.stringify(c.args);
      if (r.signal !== null || r.code === null || r.code > 2) problems.push(`${label}: ended with ${r.code ?? r.signal}`);
      if (/^\s+at /m.test(r.stderr)) problems.push(`${label}: stack trace`);
      const out = inertProblem(r.stdout);
      const err = inertProblem(r.stderr);
      if (out) problems.push(`${label} stdout: ${out}`);
      if (err) problems.push(`${label} stderr: ${err}`);
      if (c.echoes && !/ZQ/.test(r.stdout + r.stderr)) problems.push(`${label}: printed none of the archive's or the user's text (${r.code}: ${r.stderr.slice(0, 200)})`);
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!haveScript)('on a pseudo-terminal: every byte the terminal receives is inert', () => {
    const problems: string[] = [];
    // Default formats (a table on a terminal) as well as the explicit ones.
    const cases: Case[] = [...LISTINGS.map((args) => ({ args, echoes: echoes(args) })), ...CASES];
    for (const c of cases) {
      const command = [process.execPath, BIN, ...c.args].map(bashWord).join(' ');
      // script runs the command with $SHELL: bash, for the $'…' words.
      const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { ...env(), SHELL: '/bin/bash', NEWSQ_PAGER: 'cat' }, encoding: 'buffer', input: '', timeout: 60_000 });
      const label = JSON.stringify(c.args);
      const problem = inertProblem(r.stdout);
      if (problem) problems.push(`${label}: ${problem}`);
      if (c.echoes && !/ZQ/.test(r.stdout.toString('utf8'))) problems.push(`${label}: printed none of the hostile text`);
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it.skipIf(!haveTmux)('in a real terminal (tmux): no title change and no clipboard write, whatever the command', async () => {
    const socket = `newsq-hostile-${process.pid}`;
    const conf = path.join(dir, 'tmux.conf');
    writeFileSync(conf, 'set -g set-clipboard on\nset -g history-limit 100\nset -g allow-rename on\n');
    const script = path.join(dir, 'all.sh');
    const lines = [...LISTINGS.map((args) => ({ args })), ...MESSAGES].map((c) => [process.execPath, BIN, ...c.args].map(bashWord).join(' '));
    writeFileSync(script, `${lines.join('\n')}\necho '>>>END'\n`);
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', conf, ...args], { encoding: 'utf8', env: { ...env(), LC_ALL: 'C.UTF-8', NEWSQ_PAGER: 'cat' } });
    try {
      const started = tmux('new-session', '-d', '-s', 'h', '-x', '150', '-y', '50', `bash ${bashWord(script)}; sleep 120`);
      expect(started.status, started.stderr).toBe(0);
      let screen = '';
      for (let i = 0; i < 600 && !screen.includes('>>>END'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        screen = String(tmux('capture-pane', '-p', '-t', 'h').stdout);
      }
      expect(screen).toContain('>>>END');
      const title = String(tmux('display-message', '-p', '-t', 'h', '#{pane_title}').stdout).trim();
      expect(title).not.toContain(TITLE_MARKER);
      expect(String(tmux('list-buffers').stdout)).toBe('');
    } finally {
      tmux('kill-server');
      const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
      rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${uid}`, socket), { force: true });
    }
  }, 120_000);
});

/** A word for bash, in $'…' form so that any control character survives the shell. */
function bashWord(s: string): string {
  if (/^[\w./:=+-]+$/.test(s)) return s;
  let out = "$'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c <= 0x9f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}
