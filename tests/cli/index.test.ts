import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, runCli, tempDir } from '../support/cli';
import { SMALL_ARCHIVE } from '../index/small-archive';

const tmp = tempDir('cmd-index');
afterAll(() => tmp.remove());

let n = 0;
function target(): string {
  return path.join(tmp.dir, `index-${++n}`);
}

function manifestOf(dir: string): { generation: number; documentCount: number; utcOffset: string } {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
}

const UNDATED = path.join(SMALL_ARCHIVE, '04_undated-oil-report.txt');

describe('newsq index', () => {
  it('--compact leaves one segment in the index, and its help says why the old files stay', () => {
    const dir = target();
    expect(runCli(['index', SMALL_ARCHIVE, '--index', dir, '--quiet']).code).toBe(0);
    expect(runCli(['index', UNDATED, '--index', dir, '--add', '--quiet']).code).toBe(0);
    const before = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { segments: Array<{ name: string }> };
    expect(before.segments.length).toBeGreaterThan(1);
    const r = runCli(['index', '--index', dir, '--compact']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/in 1 segment\b/);
    const after = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { segments: Array<{ name: string }> };
    expect(after.segments).toHaveLength(1);
    const help = runCli(['index', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--compact merge the segments into one, dropping deleted articles');
    expect(help).toContain('for --undo');
  });

  it('builds an index and prints a summary with the warnings', () => {
    const dir = target();
    const r = runCli(['index', SMALL_ARCHIVE, '--index', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `newsq: warning: ${UNDATED}:3: no date line`,
      expect.stringMatching(new RegExp(`^newsq: indexed 5 articles into ${dir.replace(/[/.]/g, '\\$&')} in \\d+\\.\\d s, 0 skipped, 1 warning$`)),
    ]);
    expect(manifestOf(dir)).toMatchObject({ generation: 1, documentCount: 5, utcOffset: '+03:00' });
    const found = runCli(['search', 'أوبك', '--index', dir, '--json']);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toHaveLength(1);
  });

  it('writes to NEWSQ_INDEX when --index is absent, resolving paths against the working directory', () => {
    const dir = target();
    const r = runCli(['index', path.relative(tmp.dir, SMALL_ARCHIVE)], { cwd: tmp.dir, env: { NEWSQ_INDEX: path.basename(dir) } });
    expect(r.code).toBe(0);
    expect(manifestOf(dir).documentCount).toBe(5);
  });

  it('streams a build through a tiny --memory budget: many segments written, merged, the same answers', () => {
    // The demo archive: a budget of one megabyte holds only a few of its articles at a time.
    const inputs = path.join(projectRoot, 'data', 'articles');
    const small = target();
    const whole = target();
    expect(runCli(['index', inputs, '--index', small, '--memory', '1', '-q']).code).toBe(0);
    expect(runCli(['index', inputs, '--index', whole, '-q']).code).toBe(0);
    const names = (JSON.parse(readFileSync(path.join(small, 'manifest.json'), 'utf8')) as { segments: Array<{ name: string; docCount: number }> }).segments;
    // Flushes are named -s<n> in order and merges -m<n>: at least ten flushes, and a merge of ten of them.
    const flushes = Math.max(...names.map((s) => Number(/-s(\d+)$/.exec(s.name)?.[1] ?? -1)));
    expect(flushes).toBeGreaterThanOrEqual(10);
    expect(names.some((s) => /-m\d+$/.test(s.name))).toBe(true);
    expect(names.reduce((n, s) => n + s.docCount, 0)).toBe(48);
    expect(JSON.parse(readFileSync(path.join(whole, 'manifest.json'), 'utf8')).segments).toHaveLength(1);
    for (const q of ['النفط', 'إيران', '"مجلس الأمن"', 'إيران النفط', 'tag:إيران', 'date:2014..2015', 'اقتصاد*']) {
      const a = runCli(['search', q, '--json', '--limit', '50', '--index', small]);
      const b = runCli(['search', q, '--json', '--limit', '50', '--index', whole]);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    expect(runCli(['index', inputs, '--index', target(), '--memory', '0']).stderr).toContain('--memory must be at least 1');
  });

  it('exits 2 when it does not know where to write', () => {
    const r = runCli(['index', SMALL_ARCHIVE], { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('newsq: where should the index go? pass --index DIR or set NEWSQ_INDEX\n');
  });

  it('prints only errors with --quiet', () => {
    const r = runCli(['index', SMALL_ARCHIVE, '--index', target(), '--quiet']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports skipped inputs with their place, and counts them', () => {
    const dir = target();
    const inputs = path.join(tmp.dir, 'mixed');
    mkdirSync(inputs);
    writeFileSync(path.join(inputs, 'a.txt'), readFileSync(path.join(SMALL_ARCHIVE, '01_opec-keeps-ceiling.txt')));
    writeFileSync(path.join(inputs, 'b.jsonl'), '{"title": "خبر", "body": "نص"}\n{oops\n');
    writeFileSync(path.join(inputs, 'c.txt'), Buffer.from([0x41, 0x0a, 0xff, 0x0a]));
    const r = runCli(['index', inputs, '--index', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`newsq: skipped ${path.join(inputs, 'b.jsonl')}:2: invalid JSON`);
    expect(r.stderr).toContain(`newsq: skipped ${path.join(inputs, 'c.txt')}:2: invalid UTF-8 at byte 2`);
    expect(r.stderr).toMatch(/indexed 2 articles into .* 2 skipped/);
  });

  it('exits 2 when a folder holds nothing to import, and writes no index', () => {
    const empty = path.join(tmp.dir, 'empty-folder');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'README.md'), 'nothing to see');
    const dir = target();
    const r = runCli(['index', empty, '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^newsq: cannot import .*empty-folder: no archive files in it .*; no index was written\n$/);
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 2 for an input that does not exist, naming it', () => {
    const missing = path.join(tmp.dir, 'no-such-archive');
    const r = runCli(['index', missing, '--index', target()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`newsq: cannot import ${missing}: no such file or directory; no index was written\n`);
  });

  it('counts duplicates in the summary', () => {
    const dir = target();
    const twice = path.join(tmp.dir, 'twice');
    mkdirSync(twice);
    const text = readFileSync(path.join(SMALL_ARCHIVE, '02_council-endorses-deal.txt'));
    writeFileSync(path.join(twice, 'a.txt'), text);
    writeFileSync(path.join(twice, 'b.txt'), text);
    const r = runCli(['index', twice, '--index', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${path.join(twice, 'b.txt')}: duplicate of ${path.join(twice, 'a.txt')}`);
    expect(r.stderr).toMatch(/indexed 1 article into .* 0 skipped, 1 duplicate ignored, 1 warning$/m);
  });

  describe('--strict', () => {
    it('builds normally when nothing is skipped', () => {
      const dir = target();
      expect(runCli(['index', SMALL_ARCHIVE, '--index', dir, '--strict', '--quiet']).code).toBe(0);
      expect(manifestOf(dir).documentCount).toBe(5);
    });

    it('exits 2 and leaves the previous index in place when an input is skipped', () => {
      const dir = target();
      expect(runCli(['index', SMALL_ARCHIVE, '--index', dir, '--quiet']).code).toBe(0);
      const before = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
      const bad = path.join(tmp.dir, 'strict-bad.json');
      writeFileSync(bad, '[{"title": "x"},');
      const r = runCli(['index', SMALL_ARCHIVE, bad, '--index', dir, '--strict']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`newsq: skipped ${bad}`);
      expect(r.stderr).toContain('1 input skipped; --strict leaves the previous index in place');
      expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(before);
      expect(runCli(['search', 'أوبك', '--index', dir, '--count']).stdout).toBe('1\n');
    });
  });

  describe('--tz and --map', () => {
    it('writes local times in the given offset', () => {
      const dir = target();
      expect(runCli(['index', SMALL_ARCHIVE, '--index', dir, '--tz', '+04:30', '--quiet']).code).toBe(0);
      expect(manifestOf(dir).utcOffset).toBe('+04:30');
      const hit = JSON.parse(runCli(['search', 'أوبك', '--index', dir, '--json']).stdout)[0];
      expect(hit.date).toBe('2014-11-27T20:05:00+04:30');
    });

    it('honours NEWSQ_TZ', () => {
      const dir = target();
      expect(runCli(['index', SMALL_ARCHIVE, '--index', dir, '--quiet'], { env: { NEWSQ_TZ: '+02:00' } }).code).toBe(0);
      expect(manifestOf(dir).utcOffset).toBe('+02:00');
    });

    it('exits 2 on an offset it cannot read', () => {
      const r = runCli(['index', SMALL_ARCHIVE, '--index', target(), '--tz', 'Riyadh']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('newsq: --tz must be a UTC offset like +03:00, got "Riyadh"\n');
    });

    it('maps JSON field names with --map', () => {
      const dir = target();
      const file = path.join(tmp.dir, 'custom.jsonl');
      writeFileSync(file, JSON.stringify({ hl: 'عنوان مخصص للخبر', txt: 'نص مخصص', when: '2015-03-01 09:30:00' }) + '\n');
      const r = runCli(['index', file, '--index', dir, '--map', 'title=hl,body=txt,date=when', '--quiet']);
      expect(r.code).toBe(0);
      const hit = JSON.parse(runCli(['search', 'مخصص', '--index', dir, '--json']).stdout)[0];
      expect(hit).toMatchObject({ title: 'عنوان مخصص للخبر', date: '2015-03-01T09:30:00+03:00' });
    });

    it('exits 2 on a bad --map', () => {
      const r = runCli(['index', SMALL_ARCHIVE, '--index', target(), '--map', 'headline=hl']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^newsq: --map: bad field mapping "headline=hl"/);
    });
  });

  it('exits 2 when another newsq holds the write lock', () => {
    const dir = target();
    mkdirSync(dir);
    // This test process is alive, so its pid makes a lock that is not stale.
    writeFileSync(path.join(dir, 'lock'), `${process.pid}\n`);
    const r = runCli(['index', SMALL_ARCHIVE, '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`another newsq (pid ${process.pid}) is writing the index at ${dir}`);
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(false);
  });

  it('exits 2 when the index path is a file', () => {
    const file = path.join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    const r = runCli(['index', SMALL_ARCHIVE, '--index', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot use .* as an index directory/);
  });
});
