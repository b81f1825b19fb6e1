// The built program as users run it: `node bin/newsq.js …` in a child process, against
// the shipped demo index unless a test says otherwise.

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program';
import { ESCAPES, fakeIo, projectRoot, tempDir, type HitJson } from '../support/cli';

const BIN = path.join(projectRoot, 'bin', 'newsq.js');
const tmp = tempDir('e2e');
afterAll(() => tmp.remove());

/** A clean environment: no NEWSQ_* or colour settings leak in from the host. */
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp.dir, LANG: 'C.UTF-8' };

function newsq(args: string[], options: Options = {}) {
  return execa(process.execPath, [BIN, ...args], { cwd: projectRoot, env: ENV, extendEnv: false, reject: false, ...options });
}


describe('the Quick start on the demo archive', () => {
  it('`newsq search خامنئي` finds several articles, all about خامنئي', async () => {
    const r = await newsq(['search', 'خامنئي']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const rows = String(r.stdout).split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const cols of rows) {
      expect(cols).toHaveLength(5);
      // Title (3rd column) or snippet (5th) names him.
      expect(`${cols[2]} ${cols[4]}`).toMatch(/خامنئ/);
    }
  });

  it('prints piped output as TSV without colour or escape sequences', async () => {
    const r = await newsq(['search', 'خامنئي']);
    expect(String(r.stdout)).not.toMatch(ESCAPES);
    expect(String(r.stdout)).not.toMatch(/[\u2066-\u2069\u200e\u200f\u202a-\u202e]/);
    for (const line of String(r.stdout).split('\n')) expect(line.split('\t')[0]).toMatch(/^[0-9a-f]{12}$/);
  });

  it('prints JSON that parses back, in the same order as the TSV', async () => {
    const [json, tsv] = await Promise.all([newsq(['search', 'خامنئي', '--json']), newsq(['search', 'خامنئي'])]);
    expect(json.exitCode).toBe(0);
    const hits = JSON.parse(String(json.stdout)) as HitJson[];
    expect(hits.map((h) => h.id)).toEqual(String(tsv.stdout).split('\n').map((l) => l.split('\t')[0]));
    for (const h of hits) for (const [s, e] of h.snippet.highlights) expect(h.snippet.text.slice(s, e)).toMatch(/خامنئ/);
  });

  it('shows a result in full by its id', async () => {
    const first = JSON.parse(String((await newsq(['search', 'خامنئي', '--json', '--limit', '1'])).stdout)) as HitJson[];
    const r = await newsq(['show', first[0]!.id, '--json']);
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(String(r.stdout)) as HitJson).title).toBe(first[0]!.title);
  });
});

describe('a reader that closes the pipe early', () => {
  it('`newsq search إيران | head -1` exits 0 with no error output', async () => {
    const r = await execa('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" search إيران --limit 1000 | head -1`], {
      cwd: projectRoot,
      env: ENV,
      extendEnv: false,
      reject: false,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(String(r.stdout).split('\n')).toHaveLength(1);
  });

  it('exits 0 quietly when stdout is closed before anything is written (EPIPE)', async () => {
    const sub = newsq(['search', 'إيران OR السعودية OR العراق', '--json', '--limit', '1000'], { buffer: { stdout: false } });
    sub.stdout!.destroy();
    const r = await sub;
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });
});

describe('errors', () => {
  it('exits 1 for an unknown article id', async () => {
    const r = await newsq(['show', '000000000000']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^newsq: no article with id "000000000000" in .*data\/index\n?$/);
  });

  it('exits 2 for an unknown option', async () => {
    const r = await newsq(['search', 'إيران', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("newsq: error: unknown option '--bogus'");
  });

  it('exits 2 for an unknown command', async () => {
    const r = await newsq(['serch', 'إيران']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown command 'serch'");
  });

  it('exits 2 for a missing index, saying how to build it', async () => {
    const missing = path.join(tmp.dir, 'no-index');
    const r = await newsq(['search', 'إيران'], { env: { ...ENV, NEWSQ_INDEX: missing } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`no index at ${missing} (from NEWSQ_INDEX)`);
    expect(r.stderr).toContain(`newsq index <archive files or folders> --index ${missing}`);
  });

  it('exits 2 for a bad query, pointing at the problem', async () => {
    const r = await newsq(['search', 'إيران', 'OR']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr).split('\n')).toEqual(['newsq: invalid query at column 7: OR needs a term after it', '  إيران OR', '        ^']);
  });
});

describe('version and help', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await newsq([flag]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(pkg.version);
    }
  });

  // The registry in program.ts is the list of commands; the built help must name each
  // (the hidden __complete entry point for shell completion excepted).
  const program = buildProgram(fakeIo().io, { exitCode: 0 });
  const commands = program.createHelp().visibleCommands(program).map((c) => c.name());
  const hidden = program.commands.map((c) => c.name()).filter((n) => !commands.includes(n));

  it('--help names every registered command', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    const r = await newsq(['--help']);
    expect(r.exitCode).toBe(0);
    for (const name of commands) expect(String(r.stdout)).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(hidden).toEqual(['__complete']);
    expect(String(r.stdout)).not.toMatch(/__complete/);
  });

  it('a run naming a subcommand sets up that one alone, with the same options and help as in the whole program', () => {
    for (const full of program.commands) {
      const name = full.name();
      const alone = buildProgram(fakeIo().io, { exitCode: 0 }, [name, 'x']);
      const expected = name === '__complete' ? program.commands.map((c) => c.name()) : [name];
      expect(alone.commands.map((c) => c.name())).toEqual(expected);
      const cmd = alone.commands.find((c) => c.name() === name)!;
      expect(cmd.helpInformation()).toBe(full.helpInformation());
      expect(cmd.options.map((o) => o.flags)).toEqual(full.options.map((o) => o.flags));
    }
    // Anything else (help, a misspelt command, an option first) gets every command.
    for (const argv of [['help', 'search'], ['serch'], ['--help'], []]) {
      expect(buildProgram(fakeIo().io, { exitCode: 0 }, argv).commands.map((c) => c.name())).toEqual(program.commands.map((c) => c.name()));
    }
  });

  it('a misspelt command is still answered with the command it resembles', async () => {
    const r = await newsq(['serch', 'x']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/Did you mean search\?/);
  });

  it.each(buildProgram(fakeIo().io, { exitCode: 0 }).commands.map((c) => [c.name()]))('`%s --help` prints its usage', async (name) => {
    const r = await newsq([name, '--help']);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toMatch(new RegExp(`^Usage: newsq ${name} `));
    expect(String(r.stdout)).toContain('Examples:');
  });
});

describe('starting', () => {
  // bin/newsq.js sets a V8 flag before compiling the bundle; V8 accepts a code cache only
  // under the flags that wrote it, so a misplaced flag would have every run reject the cache,
  // compile the whole program again and rewrite the cache.
  it('compiles the program from the code cache the previous run left', async () => {
    const traced = { ...ENV, NEWSQ_TRACE: '1' };
    await newsq(['search', 'خامنئي', '--json'], { env: traced });
    const r = await newsq(['search', 'خامنئي', '--json'], { env: traced });
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toMatch(/^start \(code cache accepted\) +\+/m);
  });
});

describe('an incomplete build', () => {
  it('without the word lists beside the bundle: one line saying what to run, exit 2', async () => {
    // A copy of the built program with dist/lexicon.bin left out.
    const root = path.join(tmp.dir, 'incomplete');
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    mkdirSync(path.join(root, 'dist'), { recursive: true });
    copyFileSync(BIN, path.join(root, 'bin', 'newsq.js'));
    copyFileSync(path.join(projectRoot, 'dist', 'newsq.cjs'), path.join(root, 'dist', 'newsq.cjs'));
    const r = await execa(process.execPath, [path.join(root, 'bin', 'newsq.js'), 'search', 'خامنئي'], { env: ENV, extendEnv: false, reject: false });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/^newsq: cannot start: .*lexicon\.bin.* are missing; run `npm run build`/);
    expect(String(r.stderr).trim().split('\n')).toHaveLength(1);
  });
});
