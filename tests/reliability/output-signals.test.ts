// Output under stress: a reader that closes the pipe after one line, Ctrl-C or SIGTERM while
// a large right-to-left table prints in a terminal that was switched to explicit bidi mode,
// and --limit values far beyond the archive. Uses an archive of 12,000 short articles
// generated at test time, so outputs are megabytes and the result cap is reached.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIDI_EXPLICIT_MODE, BIDI_IMPLICIT_MODE } from '../../src/output/terminal';
import { renderTable, type TableSpec } from '../../src/output/table';
import { stringWidth } from '../../src/output/width';
import { stripSgr } from '../support/output-grid';
import { unshape } from '../support/output-fribidi';
import { MAX_LIMIT } from '../../src/search/search';
import { urlId } from '../../src/ingest/importer';
import { projectRoot, runCli, tempDir } from '../support/cli';
import { BIN, cleanEnv, demoVocabulary } from '../support/reliability';
import { rng } from '../../src/synth/generate';

const tmp = tempDir('rel-output');
afterAll(() => tmp.remove());

const ARTICLES = 12_000;
/** A word every generated article carries, so one query matches them all. */
const COMMON = 'الخبر';
let index = '';

beforeAll(() => {
  const words = demoVocabulary();
  const random = rng(11);
  const lines: string[] = [];
  let body = '';
  for (let n = 0; n < ARTICLES; n++) {
    // Random words, the same for each pair of articles: related --similar needs articles
    // that really are alike (random texts are not, under any analyzer).
    if (n % 2 === 0) body = Array.from({ length: 40 }, () => words[Math.floor(random() * words.length)]).join(' ');
    const day = new Date(Date.UTC(2014, 0, 1) + (n % 1000) * 86_400_000).toISOString().slice(0, 10);
    lines.push(JSON.stringify({ url: `https://example.test/${n}`, title: `${COMMON} ${words[n % words.length]} ${n}`, date: day, content: `${COMMON} ${body}`, keywords: ['إيران', words[n % 50]!] }));
  }
  const file = path.join(tmp.dir, 'archive.jsonl');
  writeFileSync(file, lines.join('\n'));
  index = path.join(tmp.dir, 'index');
  const r = runCli(['index', file, '--index', index, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('a reader that closes the pipe early (| head -1)', () => {
  it.each([
    ['search', COMMON, '--limit', '3000'],
    ['search', COMMON, '--limit', '3000', '--format', 'json'],
    ['date', '2014..2017', '--limit', '3000', '--format', 'table', '--bidi', 'visual'],
    ['tag', 'إيران', '--limit', '3000', '--format', 'csv'],
    ['tags', '--format', 'table'],
    ['timeline', COMMON, '--by', 'day'],
    ['related', urlIdOf(0), '--similar', '--limit', '3000', '--ndjson'],
  ])('newsq %s … | head -1: exit 0, no error on stderr', (...args) => {
    const cmd = [process.execPath, BIN, ...args, '--index', index].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${cmd} | head -1`], { cwd: projectRoot, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    // A table's informational line (the count of a date listing) may still go to stderr; nothing else.
    expect(r.stderr).not.toMatch(/EPIPE|error|^\s+at /im);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

/** The id of generated article `n` (records with a URL get their id from it). */
function urlIdOf(n: number): string {
  return urlId(`https://example.test/${n}`);
}

const haveScript = spawnSync('script', ['--version']).status === 0;
if (!haveScript) console.warn('output-signals: util-linux `script` is missing; terminal (pty) tests skipped');

interface PtyRun {
  /** Everything the terminal received, as bytes read as latin1 (escapes stay findable). */
  output: string;
  /** newsq's exit status as a shell reports it (128 + signal when a signal ended it). */
  status: number | null;
}

/**
 * Runs a large table in a pseudo-terminal (util-linux `script`) that claims to be VTE, so
 * newsq switches it to explicit bidi mode; once the table starts arriving, interrupts it the
 * way `how` says: Ctrl-C typed at the terminal, or SIGTERM sent to the process.
 */
function tableInterrupted(how: 'ctrl-c' | 'sigterm' | 'none'): Promise<PtyRun> {
  const pidFile = path.join(tmp.dir, `pid-${how}`);
  // A date listing: 10,000 one-line rows, about 1 MB of table written in one go. It must
  // outlast the pause below by far: \`script\`, blocked writing to the paused pipe, forwards
  // the ^C only once reading resumes, and on a loaded machine newsq could otherwise finish
  // first, its final ESC[8h still queued in the terminal when ^C flushes the queue.
  const node = [process.execPath, BIN, 'date', '2014..2017', '--limit', '10000', '--bidi', 'visual', '--no-pager', '--index', index].map((a) => `'${a}'`).join(' ');
  const command = `echo $$ > '${pidFile}'; exec env -u TMUX -u TERM_PROGRAM VTE_VERSION=7000 TERM=xterm-256color COLUMNS=160 ${node}`;
  return new Promise((resolve) => {
    const script = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    let interrupted = false;
    script.stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      if (interrupted || how === 'none') return;
      interrupted = true;
      // Stop reading for a moment: the terminal's buffers fill and newsq is held inside its
      // write, so the interruption lands while the table is still being printed.
      script.stdout.pause();
      if (how === 'ctrl-c') script.stdin.write('\x03');
      else process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
      setTimeout(() => script.stdout.resume(), 300);
    });
    script.on('close', (status) => resolve({ output: Buffer.concat(chunks).toString('latin1'), status }));
  });
}

/** The bidi mode escapes as they arrive on the wire (UTF-8 bytes read as latin1 are unchanged for ASCII). */
const L = BIDI_EXPLICIT_MODE;
const H = BIDI_IMPLICIT_MODE;

describe.skipIf(!haveScript)('interrupting a large table in a terminal with explicit bidi mode (VTE_VERSION=7000)', () => {
  // One uninterrupted run serves every test that compares with it.
  let whole: Promise<PtyRun> | undefined;
  const uninterrupted = (): Promise<PtyRun> => (whole ??= tableInterrupted('none'));

  it('without interruption: switches to explicit mode once and back once, at the very end', async () => {
    const r = await uninterrupted();
    expect(r.status).toBe(0);
    expect(r.output.split(L)).toHaveLength(2);
    expect(r.output.split(H)).toHaveLength(2);
    // Implicit mode comes back after the whole table (the count line on stderr may follow).
    expect(r.output.indexOf(H)).toBeGreaterThan(r.output.lastIndexOf('┘'));
    expect(r.output.length).toBeGreaterThan(200_000);
  }, 60_000);

  it.each(['ctrl-c', 'sigterm'] as const)('%s while it prints: the terminal is switched back to implicit mode (ESC[8h) after the last ESC[8l', async (how) => {
    const r = await tableInterrupted(how);
    const lastExplicit = r.output.lastIndexOf(L);
    expect(lastExplicit).toBeGreaterThanOrEqual(0);
    expect(r.output.indexOf(H, lastExplicit)).toBeGreaterThan(lastExplicit);
  }, 60_000);

  // A table written in one call took the whole megabyte through the terminal before the
  // signal was handled; written in pieces, newsq stops within a piece of where it was.
  it.each(['ctrl-c', 'sigterm'] as const)('%s takes effect promptly: most of the table is never written', async (how) => {
    const full = await uninterrupted();
    const cut = await tableInterrupted(how);
    expect(cut.output.length).toBeLessThan(full.output.length / 3);
    expect(cut.output.lastIndexOf(H)).toBeGreaterThan(cut.output.lastIndexOf(L));
  }, 60_000);

  // The table is written in one synchronous call; a signal that arrives meanwhile is
  // dispatched afterwards, and must still find the handler that re-raises it.
  it.each([
    ['ctrl-c', 130],
    ['sigterm', 143],
  ] as const)('%s while it prints: newsq ends with the signal\'s status (%i)', async (how, status) => {
    const r = await tableInterrupted(how);
    expect(r.status).toBe(status);
  }, 60_000);
});

describe('tables of many results', () => {
  /** The grids cli-table3 drew while one table whose only cell wraps onto `lines` lines was rendered, and that table. */
  function drawn(lines: number): { grids: string[]; table: string } {
    const words = Array.from({ length: lines * 6 }, (_, i) => `كلمة${i % 10}`).join(' ');
    const spec: TableSpec = { columns: [{ header: 'المعرف', kind: 'ltr' }, { header: 'المقتطف', kind: 'text', wrap: true, maxWidth: 50 }], rows: [['a1b2c3', words]] };
    const grids: string[] = [];
    const Table = createRequire(import.meta.url)('cli-table3') as { prototype: { toString(): string } };
    const original = Table.prototype.toString;
    const spy = vi.spyOn(Table.prototype, 'toString').mockImplementation(function (this: unknown) {
      const grid = original.call(this);
      grids.push(grid);
      return grid;
    });
    try {
      return { grids, table: renderTable(spec, { bidi: 'visual', color: false, width: 80 }) };
    } finally {
      spy.mockRestore();
    }
  }

  // A wrapped cell once cost time quadratic in its size inside cli-table3's debug truncation
  // (10–40 ms a row; a search table of 1,500 rows took a minute). cli-table3 now only draws
  // a template of one-line rows; the cell's lines never reach it, so its cost cannot grow
  // with them. Checked by what cli-table3 is given, not by a clock.
  it('cli-table3 draws the same small template for a cell of 240 lines as for one of 60; the lines are all in the table', () => {
    const small = drawn(60);
    const large = drawn(240);
    expect(small.grids).toHaveLength(1);
    expect(large.grids).toEqual(small.grids);
    expect((large.grids[0] as string).split('\n').length).toBeLessThanOrEqual(7);
    // Every word is drawn (reversed: the visual mode lays RTL text out for display), and four times the words take about four times the lines.
    // (Visual mode also joins the letters into presentation forms: counted as letters.)
    for (const [r, lines] of [[small, 60], [large, 240]] as const) expect(unshape(r.table).split('ةملك').length - 1).toBe(lines * 6);
    const rowsOf = (table: string): number => unshape(table).split('\n').filter((l) => l.includes('ةملك')).length;
    expect(rowsOf(large.table)).toBeGreaterThan(3.9 * rowsOf(small.table));
    expect(rowsOf(large.table)).toBeLessThan(4.1 * rowsOf(small.table));
  });

  it('80 search results on a 100-column terminal: every row is drawn, one grid', () => {
    const r = runCli(['search', COMMON, '--limit', '80', '--index', index], { isTTY: true, columns: 100 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^┌/);
    expect(lines.at(-1)).toMatch(/^└/);
    // One row separator between each of the 80 rows, plus the one under the header.
    expect(lines.filter((l) => /^├/.test(l))).toHaveLength(80);
    expect(lines.every((l) => stringWidth(stripSgr(l)) <= 100)).toBe(true);
  }, 60_000);

  it('80 search results on an 80-column terminal: 80 stacked records, none wider than the screen', () => {
    const r = runCli(['search', COMMON, '--limit', '80', '--index', index], { isTTY: true, columns: 80 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // A rule between records, and each record's id whole.
    expect(lines.filter((l) => /^─+$/.test(stripSgr(l)))).toHaveLength(79);
    expect(lines.filter((l) => /\b[0-9a-f]{12}\b/.test(l))).toHaveLength(80);
    expect(lines.every((l) => stringWidth(stripSgr(l)) <= 80)).toBe(true);
  }, 60_000);
});

describe('--limit values far beyond the archive', () => {
  it(`are capped at ${MAX_LIMIT} results while --count still counts every match`, () => {
    const count = runCli(['search', COMMON, '--count', '--index', index]);
    expect(Number(count.stdout)).toBe(ARTICLES);
    // Its articles come in identical pairs, which a search folds into one result per story
    // unless asked not to; the cap is on results either way.
    for (const cmd of [
      ['search', COMMON, '--no-collapse'],
      ['date', '2014..2017'],
    ]) {
      const r = runCli([...cmd, '--limit', '99999999999999999999999999', '--format', 'tsv', '--index', index]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trimEnd().split('\n'), cmd.join(' ')).toHaveLength(MAX_LIMIT);
    }
  }, 120_000);

  it('an offset past the end prints nothing; tags --top and related --limit beyond everything list what there is', () => {
    const past = runCli(['search', COMMON, '--offset', '99999999999999999999', '--index', index]);
    expect(past.code).toBe(0);
    expect(past.stdout).toBe('');
    const tags = runCli(['tags', '--top', '99999999999999999999', '--format', 'tsv', '--index', index]);
    const all = runCli(['tags', '--format', 'tsv', '--index', index]);
    expect(tags.stdout).toBe(all.stdout);
    const related = runCli(['related', urlIdOf(1), '--similar', '--limit', '99999999999', '--format', 'json', '--index', index]);
    expect([0, 1]).toContain(related.code);
  });

  it.each(['-1', '1.5', '1e9', 'ten', '', ' ', '0x10'])('--limit %j: exit 2 with one line', (value) => {
    const r = runCli(['search', COMMON, '--limit', value, '--index', index]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--limit/);
  });
});
