// The user's own command as the fault: a mistyped path, a folder with nothing in it, a
// file that is not an archive, a forgotten --add with NEWSQ_INDEX exported, a short id,
// a full disk, a query that starts with "-", options that contradict each other. None
// may lose the archive, and each is one line with exit 2 (exit 1 stays "nothing found",
// for queries). Every change of the index can be undone (`newsq index --undo`).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIOUS_MANIFEST } from '../../src/index/generations';
import { projectRoot, runCli, tempDir } from '../support/cli';
import {
  answers,
  cleanEnv,
  demoArticleFiles,
  manifestOf,
  newsqSync,
  permissionPrefix,
  readOnlyCopyPrefix,
  smallDiskPrefix,
  unreferencedFiles,
} from '../support/reliability';

const tmp = tempDir('rel-user');
afterAll(() => {
  spawnSync('chmod', ['-R', 'u+rwX', tmp.dir]);
  tmp.remove();
});

const demo = demoArticleFiles();
let base = '';
let baseAnswers = '';
let copies = 0;

beforeAll(() => {
  base = path.join(tmp.dir, 'base');
  expect(runCli(['index', ...demo, '--index', base, '--quiet']).code).toBe(0);
  baseAnswers = answers(base);
});

/** A fresh copy of the 48-article index. */
function copyBase(): string {
  const dir = path.join(tmp.dir, `copy-${++copies}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

/** A path for an index that does not exist yet. */
function fresh(): string {
  return path.join(tmp.dir, `new-${++copies}`);
}

/** Everything in an index folder, byte for byte. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(path.join(dir, f)).toString('base64');
  return out;
}

function expectOneLine(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('an input that is not there or is not an archive', () => {
  it('a mistyped path over an existing index: exit 2, one line naming it, the index untouched', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const r = runCli(['index', 'data/artciles', '--index', dir]);
    expectOneLine(r, new RegExp(`^newsq: cannot import ${esc(path.join(projectRoot, 'data/artciles'))}: no such file or directory; the index at ${esc(dir)} is unchanged\n$`));
    expect(snapshot(dir)).toEqual(before);
    expect(answers(dir)).toBe(baseAnswers);
  });

  it('an empty folder, with or without --strict: exit 2, the index untouched', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const empty = path.join(tmp.dir, 'empty-folder');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'README.md'), 'not an article');
    for (const extra of [[], ['--strict']]) {
      const r = runCli(['index', empty, '--index', dir, ...extra]);
      expectOneLine(r, new RegExp(`^newsq: cannot import ${esc(empty)}: no archive files in it \\(.*\\); the index at ${esc(dir)} is unchanged\n$`));
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('a missing path, a binary file, a fake .zip, a FIFO, a device: exit 2 naming it, and no index folder is created', () => {
    const odd = path.join(tmp.dir, 'odd');
    mkdirSync(odd);
    const binary = path.join(odd, 'random.bin');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const zip = path.join(odd, 'fake.zip');
    writeFileSync(zip, 'this is not a zip archive\n');
    const fifo = path.join(odd, 'pipe.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const cases: Array<[string, RegExp]> = [
      [path.join(odd, 'nonexistent'), /no such file or directory/],
      [binary, /binary data \(NUL byte\), not text/],
      [zip, /not a zip archive/],
      [fifo, /not a regular file/],
      ['/dev/null', /not a regular file/],
    ];
    for (const [input, reason] of cases) {
      const dir = fresh();
      const r = runCli(['index', input, demo[0]!, '--index', dir]);
      expectOneLine(r, new RegExp(`^newsq: cannot import ${esc(input)}: ${reason.source}.*; no index was written\n$`));
      expect(existsSync(dir), input).toBe(false);
    }
  });

  it('inputs that hold no article at all: exit 2, no index written', () => {
    const dir = fresh();
    const file = path.join(tmp.dir, 'no-records.json');
    writeFileSync(file, '[]');
    const r = runCli(['index', file, '--index', dir]);
    expectOneLine(r, /^newsq: no articles found in the inputs; no index was written\n$/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a damaged .gz is named; a gzip bomb is refused at the size limit, the files beside it indexed', () => {
    const dir = fresh();
    const damaged = path.join(tmp.dir, 'damaged.jsonl.gz');
    writeFileSync(damaged, Buffer.concat([gzipSync('{"title":"x","body":"y"}\n').subarray(0, 12), Buffer.from('garbage')]));
    expectOneLine(runCli(['index', damaged, '--index', dir]), new RegExp(`^newsq: cannot import ${esc(damaged)}: not a readable gzip file`));
    const folder = path.join(tmp.dir, 'bomb');
    mkdirSync(folder);
    // 8 MB of newlines compress to a few KB.
    writeFileSync(path.join(folder, 'bomb.jsonl.gz'), gzipSync(Buffer.alloc(8 << 20, 10)));
    writeFileSync(path.join(folder, 'good.txt'), readFileSync(demo[0]!));
    const r = runCli(['index', folder, '--index', dir, '--max-file-size', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`newsq: skipped ${path.join(folder, 'bomb.jsonl.gz')}: decompresses to more than the 2 MB limit`);
    expect(manifestOf(dir).documentCount).toBe(1);
  });
});

describe('replacing an index with far fewer articles', () => {
  it('NEWSQ_INDEX exported and --add forgotten: refused with what would happen and what to do, the index untouched', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const r = runCli(['index', demo[0]!], { env: { NEWSQ_INDEX: dir } });
    expectOneLine(r, new RegExp(`^newsq: would replace 48 articles with 1: use --add to add them, or --replace to replace the archive; the index at ${esc(dir)} is unchanged\n$`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('an empty build over an index is refused too', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const file = path.join(tmp.dir, 'bad-lines.jsonl');
    writeFileSync(file, '{oops\n[1,2]\n');
    const r = runCli(['index', file, '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^newsq: would replace 48 articles with 0: use --add/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('goes ahead with --replace, and with any rebuild keeping at least half', () => {
    const dir = copyBase();
    expect(runCli(['index', demo[0]!, '--index', dir, '--replace', '--quiet']).code).toBe(0);
    expect(manifestOf(dir).documentCount).toBe(1);
    const other = copyBase();
    expect(runCli(['index', ...demo.slice(0, 24), '--index', other, '--quiet']).code).toBe(0);
    expect(manifestOf(other).documentCount).toBe(24);
  });
});

describe('newsq index --undo', () => {
  it('brings back the index before an addition; a second --undo brings the addition back', () => {
    const dir = path.join(tmp.dir, 'undo-add');
    expect(runCli(['index', ...demo.slice(0, 40), '--index', dir, '--quiet']).code).toBe(0);
    const forty = answers(dir);
    expect(runCli(['index', '--add', ...demo.slice(40), '--index', dir, '--quiet']).code).toBe(0);
    const all = answers(dir);
    expect(all).not.toBe(forty);
    const r = runCli(['index', '--undo', '--index', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^newsq: restored the previous index at ${esc(dir)} \\(40 articles\\); --undo again brings back the one undone \\(48 articles\\)\n$`));
    expect(answers(dir)).toBe(forty);
    expect(runCli(['index', '--undo', '--index', dir, '--quiet']).code).toBe(0);
    expect(answers(dir)).toBe(all);
  });

  it.each([
    ['a rebuild with --replace', (dir: string) => ['index', demo[0]!, '--replace', '--index', dir]],
    ['a deletion', (dir: string) => ['index', '--delete', '9910a795592f', '--index', dir]],
    ['a compaction', (dir: string) => ['index', '--compact', '--index', dir]],
  ])('undoes %s', (_, command) => {
    const dir = copyBase();
    // A deletion first, so that --compact has something to do.
    expect(runCli(['index', '--delete', '54172a987771', '--index', dir, '--quiet']).code).toBe(0);
    const before = answers(dir);
    const r = runCli(command(dir));
    expect(r.code, r.stderr).toBe(0);
    expect(runCli(['index', '--undo', '--index', dir, '--quiet']).code).toBe(0);
    expect(answers(dir)).toBe(before);
  });

  it('keeps the files of the current and the previous index only; the next change collects the undone one', () => {
    const dir = copyBase();
    expect(runCli(['index', '--delete', '9910a795592f', '--index', dir, '--quiet']).code).toBe(0);
    expect(runCli(['index', '--compact', '--index', dir, '--quiet']).code).toBe(0);
    const compacted = manifestOf(dir);
    expect(runCli(['index', '--undo', '--index', dir, '--quiet']).code).toBe(0);
    const restored = manifestOf(dir);
    expect(unreferencedFiles(dir, [restored, compacted])).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, PREVIOUS_MANIFEST), 'utf8'))).toEqual(compacted);
    expect(runCli(['index', '--delete', '54172a987771', '--index', dir, '--quiet']).code).toBe(0);
    const after = manifestOf(dir);
    expect(unreferencedFiles(dir, [after, restored])).toEqual([]);
    // The undone compaction's segment is gone; the restored generation's files stay.
    expect(readdirSync(dir).some((f) => f.startsWith(`${compacted.segments[0]!.name}.`))).toBe(false);
  });

  it('with nothing to undo, or with the previous index damaged: exit 2 in one line, nothing changed', () => {
    const dir = fresh();
    expect(runCli(['index', ...demo, '--index', dir, '--quiet']).code).toBe(0);
    const before = snapshot(dir);
    expectOneLine(runCli(['index', '--undo', '--index', dir]), new RegExp(`^newsq: nothing to undo: no previous index is kept at ${esc(dir)}\n$`));
    expect(snapshot(dir)).toEqual(before);
    expect(runCli(['index', '--delete', '9910a795592f', '--index', dir, '--quiet']).code).toBe(0);
    writeFileSync(path.join(dir, PREVIOUS_MANIFEST), '{"format": "newsq-index", "cut');
    const damaged = snapshot(dir);
    expectOneLine(runCli(['index', '--undo', '--index', dir]), new RegExp(`^newsq: cannot undo: ${esc(path.join(dir, PREVIOUS_MANIFEST))} is damaged`));
    expect(snapshot(dir)).toEqual(damaged);
  });

  it('refuses to be combined with inputs or other changes', () => {
    expectOneLine(runCli(['index', '--undo', demo[0]!, '--index', copyBase()]), /^newsq: --undo takes no files and no other change/);
  });
});

describe('--delete and no-op changes', () => {
  it('takes a unique id prefix of 4 or more characters, like show', () => {
    const dir = copyBase();
    const r = runCli(['index', '--delete', '9910', '--index', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 deleted/);
    expect(runCli(['show', '9910a795592f', '--index', dir]).code).toBe(1);
  });

  it('an ambiguous prefix: exit 2 listing the candidates, nothing written', () => {
    const dir = path.join(tmp.dir, 'ambiguous');
    const file = path.join(tmp.dir, 'twins.jsonl');
    writeFileSync(file, ['abcd1111aaaa', 'abcd2222bbbb'].map((id, i) => JSON.stringify({ id, title: `خبر رقم ${i}`, body: 'نص' })).join('\n') + '\n');
    expect(runCli(['index', file, '--index', dir, '--quiet']).code).toBe(0);
    const before = snapshot(dir);
    const r = runCli(['index', '--delete', 'abcd', '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^newsq: article id prefix "abcd" is ambiguous; nothing was deleted; it matches:\n {2}abcd1111aaaa {2}خبر رقم 0\n {2}abcd2222bbbb {2}خبر رقم 1\n$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an id that is not there: exit 2, nothing written (no new generation)', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    expectOneLine(runCli(['index', '--delete', 'ffffffffffff', '--index', dir]), new RegExp(`^newsq: no article with id "ffffffffffff" in ${esc(dir)}; nothing was deleted\n$`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('--compact of an index that is one segment without deletions publishes nothing', () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const r = runCli(['index', '--compact', '--index', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/nothing to compact/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('what a build reads', () => {
  it('never reads an index folder inside the input folder back as input', () => {
    const archive = path.join(tmp.dir, 'archive-with-index');
    mkdirSync(archive);
    for (const f of demo.slice(0, 10)) writeFileSync(path.join(archive, path.basename(f)), readFileSync(f));
    // Another index put beside the articles earlier is not read either.
    cpSync(base, path.join(archive, 'old-index'), { recursive: true });
    const dir = path.join(archive, 'index');
    for (let i = 0; i < 2; i++) {
      const r = runCli(['index', archive, '--index', dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^newsq: indexed 10 articles into .*, 0 skipped$/)]);
    }
  });

  it('a binary .jsonl among the inputs is one skip line', () => {
    const folder = path.join(tmp.dir, 'binary-jsonl');
    mkdirSync(folder);
    const lines = Array.from({ length: 500 }, (_, i) => Buffer.from([0, 1, 2, i % 256, 10]));
    writeFileSync(path.join(folder, 'data.jsonl'), Buffer.concat(lines));
    writeFileSync(path.join(folder, 'good.txt'), readFileSync(demo[0]!));
    const r = runCli(['index', folder, '--index', fresh()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('data.jsonl'))).toEqual([`newsq: skipped ${path.join(folder, 'data.jsonl')}:1: binary data (NUL byte), not text`]);
  });

  it('reads .json.gz, .jsonl.gz and .txt.gz through zlib: the same articles as uncompressed', () => {
    const plain = path.join(tmp.dir, 'plain');
    const packed = path.join(tmp.dir, 'packed');
    mkdirSync(plain);
    mkdirSync(packed);
    const records = demo.slice(0, 3).map((f, i) => ({ id: `rec${i}`, title: readFileSync(f, 'utf8').split('\n')[0], body: 'نص الخبر', date: '2015-01-0' + (i + 1) }));
    const files: Record<string, string> = {
      'a.json': JSON.stringify(records.slice(0, 2)),
      'b.jsonl': JSON.stringify(records[2]) + '\n',
      'c.txt': readFileSync(demo[5]!, 'utf8'),
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(plain, name), text);
      writeFileSync(path.join(packed, `${name}.gz`), gzipSync(text));
    }
    const ids = (dir: string) => JSON.parse(runCli(['search', 'الخبر OR في', '--index', dir, '--json', '--limit', '100']).stdout).map((h: { id: string }) => h.id).sort();
    const a = fresh();
    const b = fresh();
    expect(runCli(['index', plain, '--index', a, '--quiet']).code).toBe(0);
    expect(runCli(['index', packed, '--index', b, '--quiet']).code).toBe(0);
    expect(manifestOf(b).documentCount).toBe(4);
    expect(ids(b)).toEqual(ids(a));
  });
});

describe('standard input (-)', () => {
  const jsonl = [0, 1].map((i) => JSON.stringify({ id: `stdin${i}`, title: `خبر من المدخل ${i}`, body: 'نص', date: '2015-05-05' })).join('\n') + '\n';

  it('reads JSON Lines, a JSON array or text, detected or named with --input-format', () => {
    const cases: Array<[string, string[], number]> = [
      [jsonl, [], 2],
      [JSON.stringify(jsonl.trim().split('\n').map((l) => JSON.parse(l))), [], 2],
      [readFileSync(demo[0]!, 'utf8'), [], 1],
      [readFileSync(demo[0]!, 'utf8'), ['--input-format', 'text'], 1],
      [jsonl, ['--input-format', 'jsonl'], 2],
    ];
    for (const [input, extra, count] of cases) {
      const dir = fresh();
      const r = newsqSync(['index', '-', '--index', dir, ...extra], { input });
      expect(r.code, r.stderr).toBe(0);
      expect(manifestOf(dir).documentCount).toBe(count);
    }
  });

  it('adds from standard input with --add, and names it in messages', () => {
    const dir = copyBase();
    const r = newsqSync(['index', '--add', '-', '--index', dir], { input: `${jsonl}{oops\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('newsq: skipped <stdin>:3: invalid JSON');
    expect(manifestOf(dir).documentCount).toBe(50);
  });

  it('refuses an empty input, one above --max-file-size, and an unknown --input-format', () => {
    expectOneLine(newsqSync(['index', '-', '--index', fresh()], { input: '' }), /^newsq: cannot import standard input: it is empty; no index was written\n$/);
    expectOneLine(newsqSync(['index', '-', '--index', fresh(), '--max-file-size', '1'], { input: 'x'.repeat(1_100_000) }), /^newsq: cannot import standard input: more than the 1 MB limit/);
    expectOneLine(newsqSync(['index', '-', '--index', fresh(), '--input-format', 'xml'], { input: jsonl }), /^newsq: --input-format must be jsonl, json or text, got "xml"\n$/);
  });
});

describe('the lock', () => {
  it('temporary lock files of a killed writer are collected; those of a live one are left', () => {
    const dir = copyBase();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, `lock.tmp-${dead}-abc`), `${dead} 1 x\n`);
    writeFileSync(path.join(dir, `lock.stale-${dead}-def`), `${dead} 1 x\n`);
    writeFileSync(path.join(dir, `lock.tmp-${process.pid}-live`), `${process.pid} 1 x\n`);
    expect(runCli(['index', '--delete', '9910a795592f', '--index', dir, '--quiet']).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('lock'))).toEqual([`lock.tmp-${process.pid}-live`]);
  });
});

describe('error wording', () => {
  it('results written to a full device: one line, exit 2', () => {
    const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(projectRoot, 'bin/newsq.js'))} search إيران > /dev/full`], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('newsq: cannot write the output: disk full (ENOSPC)\n');
  });

  const disk = path.join(tmp.dir, 'small-disk');
  const small = smallDiskPrefix(disk, 64);
  if (small === null) console.warn('user-command: cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN); the full-disk index test is skipped');
  it.skipIf(small === null)('an index that does not fit on the disk: one line saying the disk is full, its space given back', () => {
    // The listing runs on the same small disk, after newsq has ended.
    const target = path.join(disk, 'index');
    const script = `"$@"; echo "exit $?" >&2; ls -A ${JSON.stringify(disk)} >&2`;
    const r = newsqSync(['index', ...demo, '--index', target], { prefix: [...small!, 'sh', '-c', script, 'sh'] });
    const [message, exit, ...listing] = r.stderr.trimEnd().split('\n');
    expect(message).toBe(`newsq: cannot write the index at ${target} (disk full)`);
    expect(exit).toBe('exit 2');
    expect(listing).toEqual([]);
  });

  const mount = path.join(tmp.dir, 'ro-mount');
  const ro = readOnlyCopyPrefix(tmp.dir, mount);
  if (ro === null) console.warn('user-command: cannot mount a read-only tmpfs here; read-only file system tests skipped');
  it.skipIf(ro === null)('on a read-only file system a rebuild, a deletion and an undo say so', () => {
    const prefix = readOnlyCopyPrefix(base, mount)!;
    for (const args of [['index', ...demo], ['index', '--delete', '9910'], ['index', '--undo']]) {
      const r = newsqSync([...args, '--index', mount], { prefix });
      expectOneLine(r, new RegExp(`^newsq: (cannot write the index at ${esc(mount)} \\(read-only file system\\)|nothing to undo)`));
    }
  });

  const perm = permissionPrefix();
  it.skipIf(perm === null)('a permission problem is named as one, without advice to rebuild', () => {
    const dir = copyBase();
    const seg = manifestOf(dir).segments[0]!.name;
    execFileSync('chmod', ['000', path.join(dir, `${seg}.sto`)]);
    const r = newsqSync(['show', '54172a987771', '--index', dir], { prefix: perm! });
    expectOneLine(r, new RegExp(`^newsq: cannot read ${esc(path.join(dir, `${seg}.sto`))}: permission denied \\(EACCES\\)\n$`));
    execFileSync('chmod', ['644', path.join(dir, `${seg}.sto`)]);
    execFileSync('chmod', ['000', path.join(dir, 'manifest.json')]);
    const m = newsqSync(['search', 'إيران', '--index', dir], { prefix: perm! });
    expectOneLine(m, new RegExp(`^newsq: cannot read ${esc(path.join(dir, 'manifest.json'))}: permission denied \\(EACCES\\)\n$`));
    execFileSync('chmod', ['644', path.join(dir, 'manifest.json')]);
    // A writer meets it too: an addition needs the links sidecar.
    const links = path.join(dir, manifestOf(dir).sidecars.links!);
    execFileSync('chmod', ['000', links]);
    const before = snapshot(dir);
    const add = newsqSync(['index', '--add', demo[0]!, '--index', dir], { prefix: perm! });
    execFileSync('chmod', ['644', links]);
    expectOneLine(add, new RegExp(`^newsq: cannot read ${esc(links)}: permission denied \\(EACCES\\)\n$`));
    expect(snapshot(dir)).toEqual(before);
  });

  it('a 100,000-character query is not echoed whole', () => {
    const q = `(${'خامنئي '.repeat(15_000)}`;
    const r = runCli(['search', q, '--index', base]);
    expect(r.code).toBe(2);
    expect(Buffer.byteLength(r.stderr)).toBeLessThan(1000);
    expect(r.stderr).toContain('…');
    // Within the parser's 4,096 characters, so that it is searched and found nowhere.
    const none = runCli(['search', 'غيرموجود'.repeat(400), '--index', base], { isTTY: true });
    expect(none.code).toBe(1);
    expect(Buffer.byteLength(none.stderr)).toBeLessThan(400);
  });

  it('an invalid NEWSQ_* value names the variable', () => {
    expectOneLine(runCli(['search', 'إيران', '--index', base], { env: { NEWSQ_BIDI: 'sideways' } }), /^newsq: NEWSQ_BIDI: unknown bidi mode "sideways"/);
    expectOneLine(runCli(['index', demo[0]!, '--index', fresh()], { env: { NEWSQ_TZ: 'Riyadh' } }), /^newsq: NEWSQ_TZ must be a UTC offset like \+03:00, got "Riyadh"\n$/);
  });

  it.each([
    [['search', 'إيران']],
    [['tag', 'إيران']],
    [['date', '2010..2020']],
    [['tags']],
    [['timeline', 'إيران']],
    [['stats']],
    [['related', '45a73cc51dcd']],
  ])('%j with --since after --until is an error, as in the date command', (args) => {
    const r = runCli([...args, '--since', '2016', '--until', '2014', '--index', base]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^newsq: --until "2014": the range ends \(2014-12-31\) before --since "2016" starts \(2016-01-01\)\n$/);
  });

  it('a query beginning with "-" gets a hint to put -- before it', () => {
    const r = runCli(['search', '-العراق', '--index', base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown option '-العراق'`);
    expect(r.stderr).toContain('newsq search -- -العراق');
  });

  it('--json with another --format is an error', () => {
    expectOneLine(runCli(['search', 'إيران', '--json', '--format', 'csv', '--index', base]), /^newsq: --json and --format csv disagree; give one of them\n$/);
    expectOneLine(runCli(['tags', '--ndjson', '--json', '--index', base]), /^newsq: --json and --ndjson disagree; give one of them\n$/);
    expect(runCli(['search', 'إيران', '--json', '--format', 'json', '--index', base]).code).toBe(0);
  });
});
