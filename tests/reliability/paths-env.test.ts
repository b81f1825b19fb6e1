// Paths and environment that are not what newsq expects: NEWSQ_INDEX pointing nowhere or at
// a file, a folder where a file should be, unreadable inputs and index files, an index on a
// read-only folder or file system. Each is one line on stderr and exit 2 (or, for inputs, a
// skip that loses nothing else). The suite runs as root in CI, where permissions do not
// bite: those runs drop the capabilities that let root ignore them (setpriv), and skip with
// a message where that is not possible.

import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli';
import { cleanEnv, demoArticleFiles, manifestOf, newsqSync, permissionPrefix, readOnlyCopyPrefix } from '../support/reliability';

const tmp = tempDir('rel-paths');
afterAll(() => {
  // Restore permissions so the folder can be removed whoever runs the suite.
  spawnSync('chmod', ['-R', 'u+rwX', tmp.dir]);
  tmp.remove();
});

const READERS: string[][] = [
  ['search', 'إيران'],
  ['show', '54172a987771'],
  ['tag', 'إيران'],
  ['tags'],
  ['date', '2015'],
  ['related', '45a73cc51dcd'],
  ['timeline', 'إيران'],
  ['stats'],
];

let index = '';
const demo = demoArticleFiles();

beforeAll(() => {
  index = path.join(tmp.dir, 'index');
  expect(runCli(['index', ...demo.slice(0, 20), '--index', index, '--quiet']).code).toBe(0);
});

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('NEWSQ_INDEX', () => {
  it('pointing nowhere: every reading command exits 2 with one line saying where it looked and how to build it', () => {
    const nowhere = path.join(tmp.dir, 'no', 'such', 'index');
    for (const cmd of READERS) {
      const r = runCli(cmd, { env: { NEWSQ_INDEX: nowhere } });
      expectOneLineError(r, new RegExp(`^newsq: no index at ${nowhere} \\(from NEWSQ_INDEX\\); run \`newsq index <archive files or folders> --index ${nowhere}\` to build it`));
    }
  });

  it('pointing nowhere: an addition says there is nothing to add to', () => {
    const nowhere = path.join(tmp.dir, 'nothing-here');
    const r = runCli(['index', '--add', demo[0]!], { env: { NEWSQ_INDEX: nowhere } });
    expectOneLineError(r, new RegExp(`^newsq: no index at ${nowhere} to add to; build it first`));
  });

  it('pointing at a file: readers say there is no index there, a build refuses to use it', () => {
    const file = path.join(tmp.dir, 'a-file');
    writeFileSync(file, 'not an index');
    for (const cmd of READERS) expectOneLineError(runCli(cmd, { env: { NEWSQ_INDEX: file } }), new RegExp(`^newsq: no index at ${file} \\(from NEWSQ_INDEX\\)`));
    expectOneLineError(runCli(['index', demo[0]!], { env: { NEWSQ_INDEX: file } }), new RegExp(`^newsq: cannot use ${file} as an index directory`));
    expect(readFileSync(file, 'utf8')).toBe('not an index');
  });

  it('empty: readers fall back to the demo archive, `index` asks where to write', () => {
    expect(runCli(['search', 'إيران', '--count'], { env: { NEWSQ_INDEX: '' } }).code).toBe(0);
    expectOneLineError(runCli(['index', demo[0]!], { env: { NEWSQ_INDEX: '' } }), /^newsq: where should the index go\? pass --index DIR or set NEWSQ_INDEX\n$/);
  });
});

describe('a folder where a file is expected', () => {
  it('manifest.json is a folder: readers exit 2 naming it; a build fails in one line and leaves the folder alone', () => {
    const dir = path.join(tmp.dir, 'manifest-folder');
    cpSync(index, dir, { recursive: true });
    unlinkSync(path.join(dir, 'manifest.json'));
    mkdirSync(path.join(dir, 'manifest.json'));
    for (const cmd of READERS) expectOneLineError(runCli([...cmd, '--index', dir]), /manifest\.json \(EISDIR\); run `newsq index .* --index .*` to rebuild it/);
    const r = runCli(['index', demo[0]!, '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('manifest.json');
  });

  it('a segment file is a folder: exit 2 naming the file and the rebuild command', () => {
    const dir = path.join(tmp.dir, 'segment-folder');
    cpSync(index, dir, { recursive: true });
    const seg = manifestOf(dir).segments[0]!.name;
    unlinkSync(path.join(dir, `${seg}.pst`));
    mkdirSync(path.join(dir, `${seg}.pst`));
    expectOneLineError(runCli(['search', 'إيران', '--index', dir]), new RegExp(`${seg}\\.pst: [^;]+; rebuild it with`));
  });

  it('the lock is a folder: a writer gives up at once with one line instead of waiting forever', () => {
    const dir = path.join(tmp.dir, 'lock-folder');
    cpSync(index, dir, { recursive: true });
    mkdirSync(path.join(dir, 'lock'));
    const r = newsqSync(['index', '--add', demo[30]!, '--index', dir], { timeoutMs: 15_000 });
    expect(r.signal).toBeNull();
    expectOneLineError(r, /^newsq: cannot read the lock file .*lock \(EISDIR\)/);
  });

  it('inputs named on the command line that are not regular files (a FIFO, a device) are refused by name; nothing is written', () => {
    const dir = path.join(tmp.dir, 'odd-inputs');
    mkdirSync(dir);
    const fifo = path.join(dir, 'pipe.txt');
    mkfifoSync(fifo);
    writeFileSync(path.join(dir, 'good.txt'), readFileSync(demo[0]!));
    for (const odd of [fifo, '/dev/null']) {
      const r = runCli(['index', odd, path.join(dir, 'good.txt'), '--index', path.join(tmp.dir, 'odd-index')]);
      expectOneLineError(r, new RegExp(`^newsq: cannot import ${odd}: not a regular file; no index was written\n$`));
    }
    expect(existsSync(path.join(tmp.dir, 'odd-index'))).toBe(false);
    // Inside a folder such a file is not an archive file, and is passed over.
    const r = runCli(['index', dir, '--index', path.join(tmp.dir, 'odd-index')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/indexed 1 article into .*, 0 skipped$/m);
  });
});

/** Makes a named pipe (Node has no call for it). */
function mkfifoSync(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${String(r.stderr)}`);
}

const prefix = permissionPrefix();
if (prefix === null) console.warn('paths-env: running as root and `setpriv` cannot drop CAP_DAC_OVERRIDE here; permission tests skipped');

describe.skipIf(prefix === null)('permissions (as root: without CAP_DAC_OVERRIDE)', () => {
  const run = (args: string[]) => newsqSync(args, { prefix: prefix!, env: cleanEnv() });

  it('an unreadable input file and an unlistable folder are skipped by name; everything else is indexed', () => {
    const dir = path.join(tmp.dir, 'unreadable-inputs');
    mkdirSync(path.join(dir, 'locked'), { recursive: true });
    demo.slice(0, 3).forEach((f) => writeFileSync(path.join(dir, path.basename(f)), readFileSync(f)));
    writeFileSync(path.join(dir, 'locked', 'inside.txt'), readFileSync(demo[3]!));
    const secret = path.join(dir, path.basename(demo[1]!));
    chmodSync(secret, 0o000);
    chmodSync(path.join(dir, 'locked'), 0o000);
    const out = path.join(tmp.dir, 'unreadable-inputs-index');
    mkdirSync(out);
    const r = run(['index', dir, '--index', out]);
    chmodSync(secret, 0o644);
    chmodSync(path.join(dir, 'locked'), 0o755);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`newsq: skipped ${secret}: cannot read (EACCES)\n`);
    expect(r.stderr).toContain(`newsq: skipped ${path.join(dir, 'locked')}: cannot list directory (EACCES)\n`);
    expect(r.stderr).toMatch(/indexed 2 articles into .*, 2 skipped/);
  });

  it('an unreadable manifest or segment file: readers exit 2 with one line naming it', () => {
    const dir = path.join(tmp.dir, 'unreadable-index');
    cpSync(index, dir, { recursive: true });
    chmodSync(path.join(dir, 'manifest.json'), 0o000);
    expectOneLineError(run(['search', 'إيران', '--index', dir]), /^newsq: cannot read .*manifest\.json: permission denied \(EACCES\)\n$/);
    chmodSync(path.join(dir, 'manifest.json'), 0o644);
    const seg = manifestOf(dir).segments[0]!.name;
    chmodSync(path.join(dir, `${seg}.sto`), 0o000);
    expectOneLineError(run(['show', '54172a987771', '--index', dir]), new RegExp(`^newsq: cannot read .*${seg}\\.sto: permission denied \\(EACCES\\)\n$`));
    chmodSync(path.join(dir, `${seg}.sto`), 0o644);
  });

  it('a read-only index folder: readers work, writers exit 2 with one line and leave it as it was', () => {
    const dir = path.join(tmp.dir, 'read-only-index');
    cpSync(index, dir, { recursive: true });
    const before = manifestOf(dir);
    const expected = runCli(['search', 'إيران', '--index', dir]).stdout;
    chmodSync(dir, 0o555);
    try {
      const read = run(['search', 'إيران', '--index', dir]);
      expect(read.code, read.stderr).toBe(0);
      expect(read.stdout).toBe(expected);
      for (const args of [['index', '--add', demo[30]!], ['index', '--delete', '54172a987771'], ['index', demo[30]!]]) {
        expectOneLineError(run([...args, '--index', dir]), new RegExp(`^newsq: cannot write the index at ${dir} \\(permission denied\\)\n$`));
      }
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(manifestOf(dir)).toEqual(before);
  });
});

describe('an index on a read-only file system', () => {
  const mountPoint = path.join(tmp.dir, 'ro-mount');
  const ro = readOnlyCopyPrefix(tmp.dir, mountPoint);
  if (ro === null) console.warn('paths-env: cannot mount a read-only tmpfs here (needs root with CAP_SYS_ADMIN and unshare); read-only file system tests skipped');

  it.skipIf(ro === null)('readers work; writers exit 2 saying the file system is read-only', () => {
    const prefixFor = readOnlyCopyPrefix(index, mountPoint)!;
    const read = newsqSync(['search', 'إيران', '--index', mountPoint], { prefix: prefixFor });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(runCli(['search', 'إيران', '--index', index]).stdout.replaceAll(index, mountPoint));
    const write = newsqSync(['index', '--add', demo[30]!, '--index', mountPoint], { prefix: prefixFor });
    expectOneLineError(write, new RegExp(`^newsq: cannot write the index at ${mountPoint} \\(read-only file system\\)\n$`));
  });
});
