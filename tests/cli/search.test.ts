import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { ESCAPES, buildDemoIndexIn, fakeIo, runCli, tempDir, withIndex, type FakeIoOptions, type HitJson } from '../support/cli';
import { buildSmall, copyIndex } from '../index/small-archive';

const tmp = tempDir('cmd-search');
const demoIndex = path.join(tmp.dir, 'demo');
const smallIndex = path.join(tmp.dir, 'small');

beforeAll(() => {
  buildDemoIndexIn(demoIndex);
  buildSmall(smallIndex);
});
afterAll(() => tmp.remove());

/** Options of a run against the demo archive's index (through NEWSQ_INDEX). */
function demo(extra: FakeIoOptions = {}): FakeIoOptions {
  return withIndex(demoIndex, extra);
}


function searchJson(args: string[], options: FakeIoOptions = demo()): { code: number; hits: HitJson[]; stderr: string } {
  const r = runCli(['search', ...args, '--json'], options);
  return { code: r.code, hits: JSON.parse(r.stdout) as HitJson[], stderr: r.stderr };
}

describe('newsq search: output formats', () => {
  it('prints TSV when stdout is not a terminal: id, date, title, source, snippet; no header, no escapes', () => {
    const r = runCli(['search', 'خامنئي'], demo());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ESCAPES);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const { hits } = searchJson(['خامنئي']);
    lines.forEach((line, i) => {
      const cols = line.split('\t');
      expect(cols).toHaveLength(5);
      expect(cols[0]).toBe(hits[i]!.id);
      expect(cols[1]).toBe(hits[i]!.date!.slice(0, 10));
      expect(cols[2]).toBe(hits[i]!.title);
      expect(cols[3]).toBe(hits[i]!.source ?? '');
      expect(cols[4]).toBe(hits[i]!.snippet.text);
    });
  });

  it('keeps TSV free of escapes even when colour is forced', () => {
    const r = runCli(['search', 'خامنئي'], demo({ env: { FORCE_COLOR: '1' } }));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPES);
  });

  it('prints a table on a terminal, holding every result id', () => {
    const r = runCli(['search', 'خامنئي', '--limit', '5'], demo({ isTTY: true, columns: 120 }));
    expect(r.code).toBe(0);
    const total = searchJson(['خامنئي', '--limit', '0']).hits.length;
    expect(total).toBeGreaterThan(5);
    expect(r.stderr).toBe(`newsq: 1–5 of ${total} results (--offset 5 for more)\n`);
    expect(r.stdout).toMatch(/[┌│└]/);
    for (const hit of searchJson(['خامنئي', '--limit', '5']).hits) expect(r.stdout).toContain(hit.id);
    // Columns: code points less combining marks and invisible format characters (no wide characters here).
    const columns = (line: string) => [...line.replace(/\x1b\[[0-9;]*m/g, '').replace(/[\p{M}\p{Cf}]/gu, '')].length;
    const widest = Math.max(...r.stdout.split('\n').map(columns));
    expect(widest).toBeLessThanOrEqual(120);
  });

  it('says on a terminal which results a page shows of how many, as date does; never when piped or counting', () => {
    const total = Number(runCli(['search', 'إيران', '--count'], demo()).stdout);
    const tty = (args: string[]) => runCli(['search', 'إيران', ...args], demo({ isTTY: true, columns: 120 }));
    expect(tty(['-n', '3', '--offset', '3']).stderr).toBe(`newsq: 4–6 of ${total} results (--offset 6 for more)\n`);
    expect(tty(['-n', '0']).stderr).toBe(`newsq: 1–${total} of ${total} results\n`);
    expect(tty(['--offset', String(total)]).stderr).toBe(`newsq: none of ${total} results after --offset ${total}\n`);
    expect(tty(['--count']).stderr).toBe('');
    expect(tty(['--count']).stdout).toBe(`${total}\n`);
    expect(runCli(['search', 'إيران'], demo()).stderr).toBe('');
  });

  it('marks matched words with colour on a terminal, and not with NO_COLOR', () => {
    const coloured = runCli(['search', 'خامنئي', '--limit', '2'], demo({ isTTY: true }));
    expect(coloured.stdout).toMatch(/\x1b\[[0-9;]*m/);
    const plain = runCli(['search', 'خامنئي', '--limit', '2'], demo({ isTTY: true, env: { NO_COLOR: '1', NEWSQ_BIDI: 'off' } }));
    expect(plain.stdout).not.toMatch(ESCAPES);
    // Logical order (bidi off): the headline is printed as stored.
    expect(plain.stdout).toContain('«خامنئي»');
  });

  it('prints the documented JSON fields', () => {
    const { code, hits } = searchJson(['خامنئي']);
    expect(code).toBe(0);
    expect(hits.length).toBeGreaterThan(3);
    for (const h of hits) {
      expect(Object.keys(h).sort()).toEqual(['copies', 'credits', 'date', 'id', 'keywords', 'score', 'snippet', 'source', 'title', 'url'].sort());
      // The wire copies folded under the result: their ids and sources.
      expect(Array.isArray(h.copies)).toBe(true);
      for (const c of h.copies ?? []) expect(Object.keys(c).sort()).toEqual(['id', 'source']);
      expect(h.id).toMatch(/^[0-9a-f]{12}$/);
      expect(h.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+03:00$/);
      expect(Array.isArray(h.credits) && Array.isArray(h.keywords)).toBe(true);
      expect(typeof h.score).toBe('number');
      expect(Object.keys(h.snippet).sort()).toEqual(['highlights', 'text']);
    }
    const scores = hits.map((h) => h.score ?? Number.NaN);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds the query word in the title or snippet of every result', () => {
    for (const h of searchJson(['خامنئي']).hits) expect(`${h.title} ${h.snippet.text}`).toMatch(/خامنئ/);
  });

  it.each<[string, RegExp]>([
    ['خامنئي', /خامنئ/],
    ['الرسالة', /رسال/],
    ['العقوبات', /عقوب/],
  ])('points snippet highlights at words matching %s', (query, word) => {
    const { hits } = searchJson([query]);
    expect(hits.length).toBeGreaterThan(0);
    let marked = 0;
    for (const h of hits) {
      const { text, highlights } = h.snippet;
      let previous = -1;
      for (const [start, end] of highlights) {
        expect(start).toBeGreaterThan(previous);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(text.length);
        expect(text.slice(start, end)).toMatch(word);
        // Whole words: not cut inside a word.
        expect(text.slice(start - 1, start)).not.toMatch(/\p{L}/u);
        expect(text.slice(end, end + 1)).not.toMatch(/\p{L}/u);
        previous = end;
        marked++;
      }
    }
    expect(marked).toBeGreaterThan(0);
  });

  it('prints one JSON object a line with --ndjson, and CSV with a header with --format csv', () => {
    const nd = runCli(['search', 'خامنئي', '--ndjson'], demo());
    const objects = nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as HitJson);
    expect(objects.map((o) => o.id)).toEqual(searchJson(['خامنئي']).hits.map((h) => h.id));
    const csv = runCli(['search', 'خامنئي', '--format', 'csv'], demo());
    expect(csv.stdout.split('\r\n')[0]).toBe('id,date,time,title,source,author,url,snippet');
  });
});

describe('newsq search: exit codes and messages', () => {
  it('exits 1 with no output when nothing matches (piped)', () => {
    expect(runCli(['search', 'زرافة'], demo())).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('says so on a terminal when nothing matches', () => {
    const r = runCli(['search', 'زرافة'], demo({ isTTY: true }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // On a terminal without bidi (an unknown one) the quoted word is in visual order, joined.
    expect(r.stderr).toBe('newsq: no articles match "ﺔﻓﺍﺭﺯ"\n');
    const piped = runCli(['search', 'زرافة', '--format', 'table'], demo({ isTTY: true, stderrIsTTY: false }));
    expect(piped.stderr).toBe('newsq: no articles match "زرافة"\n');
  });

  it('prints an empty JSON array when nothing matches', () => {
    const r = runCli(['search', 'زرافة', '--json'], demo());
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('exits 2 on an unknown option, naming it', () => {
    const r = runCli(['search', 'إيران', '--frobnicate'], demo());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    expect(r.stderr).toContain('--help');
  });

  it('exits 2 without a query', () => {
    const r = runCli(['search'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/);
  });

  it.each<[string[], number, RegExp]>([
    [['(إيران'], 0, /missing "\)"/],
    [['إيران', 'OR'], 6, /OR needs a term after it/],
    [['إيران', '"الدولة'], 6, /unterminated phrase/],
    [['خامنئي~9'], 6, /fuzzy distance/],
    [['إيران', 'date:2015-13'], 16, /month 13/],
  ])('exits 2 on the bad query %j with a caret under the problem', (words, position, message) => {
    const r = runCli(['search', ...words], demo());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    // A bad date: value is followed by the list of accepted date forms; others stop at the caret.
    const isDate = words.some((w) => w.startsWith('date:'));
    if (isDate) expect(lines[3]).toMatch(/^Accepted date expressions/);
    else expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^newsq: invalid query at column ${position + 1}: `));
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe(`  ${words.join(' ')}`);
    expect(lines[2]).toBe(`  ${' '.repeat(position)}^`);
  });

  it('exits 2 on a bad --since with a caret', () => {
    const r = runCli(['search', 'إيران', '--since', '2015-13'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^newsq: --since "2015-13": /);
    expect(r.stderr.split('\n')[1]).toBe('  2015-13');
  });

  it.each([
    ['--limit', 'abc'],
    ['--offset', '1.5'],
  ])('exits 2 on %s %s', (option, value) => {
    const r = runCli(['search', 'إيران', option, value], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${option} must be a whole number, got "${value}"`);
  });

  it('exits 2 on an unknown format', () => {
    const r = runCli(['search', 'إيران', '--format', 'xml'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown output format "xml"/);
  });
});

describe('newsq search: a reader that went away', () => {
  // A closed pipe gives EPIPE; a socket its peer reset (a network client that hung up) gives
  // ECONNRESET. Neither is newsq's error: it stops quietly, as `| head` expects.
  it.each(['EPIPE', 'ECONNRESET'])('stops quietly with exit 0 when writing fails with %s', (code) => {
    const { io, stderr } = fakeIo(demo());
    io.stdout.write = () => {
      throw Object.assign(new Error(`write ${code}`), { code });
    };
    expect(run(['search', 'خامنئي', '--json'], io)).toBe(0);
    expect(stderr.text).toBe('');
  });

  it('still reports any other write error, with exit 2', () => {
    const { io, stderr } = fakeIo(demo());
    io.stdout.write = () => {
      throw Object.assign(new Error('write EIO'), { code: 'EIO' });
    };
    expect(run(['search', 'خامنئي', '--json'], io)).toBe(2);
    expect(stderr.text).toMatch(/^newsq: write EIO\n$/);
  });
});

describe('newsq search: counting and paging', () => {
  const all = () => searchJson(['إيران', '--limit', '10000']).hits;

  it('--count prints the number of matching articles', () => {
    const r = runCli(['search', 'إيران', '--count'], demo());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${all().length}\n`);
    expect(all().length).toBeGreaterThan(20);
  });

  it('--count prints 0 and exits 1 when nothing matches', () => {
    expect(runCli(['search', 'زرافة', '--count'], demo())).toEqual({ code: 1, stdout: '0\n', stderr: '' });
  });

  it('shows 20 results by default', () => {
    expect(searchJson(['إيران']).hits.map((h) => h.id)).toEqual(all().slice(0, 20).map((h) => h.id));
  });

  it.each([
    [['--limit', '3'], 0, 3],
    [['-n', '5'], 0, 5],
    [['--limit', '3', '--offset', '2'], 2, 5],
    [['--offset', '25', '--limit', '4'], 25, 29],
  ])('pages with %j', (args, from, to) => {
    expect(searchJson(['إيران', ...args]).hits.map((h) => h.id)).toEqual(all().slice(from, to).map((h) => h.id));
  });

  it('still exits 0 when the page is past the end but there are matches', () => {
    const r = runCli(['search', 'إيران', '--offset', '10000'], demo());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('newsq search: filters', () => {
  it('keeps --since and --until (inclusive)', () => {
    const { hits } = searchJson(['إيران', '--since', '2015-07', '--until', '2015-12', '--limit', '1000']);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.date!.slice(0, 10) >= '2015-07-01' && h.date!.slice(0, 10) <= '2015-12-31').toBe(true);
    expect(hits.length).toBeLessThan(searchJson(['إيران', '--limit', '1000']).hits.length);
  });

  it('reads relative dates against the clock it is given', () => {
    const since = (now: string) =>
      searchJson(['date:2015', '--since', '7d', '--limit', '100'], demo({ now: new Date(now) })).hits.map((h) => h.date!.slice(0, 10));
    // The clock is UTC; the archive's local day (+03:00) is already 2015-07-22, so 7d starts on the 16th.
    const july = since('2015-07-21T22:30:00Z');
    expect(july).toContain('2015-07-17');
    expect(july).not.toContain('2015-07-14');
    for (const day of july) expect(day >= '2015-07-16').toBe(true);
    const october = since('2015-10-25T09:00:00Z');
    expect(october).toContain('2015-10-21');
    for (const day of october) expect(day >= '2015-10-19').toBe(true);
    expect(october.length).toBeLessThan(july.length);
  });

  it('keeps date: inside the query', () => {
    const { hits } = searchJson(['خامنئي date:2015', '--limit', '100']);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.date!.startsWith('2015-')).toBe(true);
  });

  it('finds an exact phrase only where the words stand together', () => {
    const { hits } = searchJson(['"الدولة الإسلامية"', '--limit', '100']);
    expect(hits.length).toBeGreaterThan(3);
    for (const h of hits) {
      const shown = runCli(['show', h.id, '--json'], demo());
      const a = JSON.parse(shown.stdout) as { title: string; body: Array<{ text: string }> };
      const text = [a.title, ...a.body.map((b) => b.text)].join('\n').replace(/[إأآ]/g, 'ا');
      expect(text).toMatch(/الدولة «?الاسلامية/);
    }
  });

  it('filters by keyword with tag:', () => {
    const { hits } = searchJson(['tag:"الدولة الإسلامية"', '--limit', '100']);
    expect(hits.length).toBeGreaterThan(3);
    for (const h of hits) expect(h.keywords).toContain('الدولة الإسلامية');
  });
});

describe('newsq search: which index', () => {
  it('reads the index named by NEWSQ_INDEX', () => {
    const { code, hits } = searchJson(['أوبك'], { env: { NEWSQ_INDEX: smallIndex } });
    expect(code).toBe(0);
    expect(hits.map((h) => h.title)).toEqual(['أوبك تبقي سقف الإنتاج دون تغيير']);
  });

  it('prefers --index over NEWSQ_INDEX, relative to the working directory', () => {
    const r = runCli(['search', 'أوبك', '--json', '--index', path.basename(smallIndex)], { cwd: tmp.dir, env: { NEWSQ_INDEX: demoIndex } });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as HitJson[]).map((h) => h.title)).toEqual(['أوبك تبقي سقف الإنتاج دون تغيير']);
  });

  it('exits 2 for a missing index, with the command that builds it', () => {
    const missing = path.join(tmp.dir, 'no-index-here');
    const r = runCli(['search', 'إيران', '--index', missing], demo());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `newsq: no index at ${missing}; run \`newsq index <archive files or folders> --index ${missing}\` to build it, or point --index/NEWSQ_INDEX at an index\n`,
    );
  });

  it('says when the missing index came from NEWSQ_INDEX', () => {
    const missing = path.join(tmp.dir, 'env-index-missing');
    const r = runCli(['search', 'إيران'], { env: { NEWSQ_INDEX: missing } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no index at ${missing} (from NEWSQ_INDEX)`);
  });

  it('exits 2 for a damaged index, naming the file and the rebuild command', () => {
    const damaged = copyIndex(smallIndex, path.join(tmp.dir, 'damaged'));
    const manifest = JSON.parse(readFileSync(path.join(damaged, 'manifest.json'), 'utf8')) as { segments: Array<{ name: string }> };
    const post = path.join(damaged, `${manifest.segments[0]!.name}.pst`);
    truncateSync(post, 10);
    const r = runCli(['search', 'أوبك', '--index', damaged]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`damaged index: ${post}`);
    expect(r.stderr).toContain(`newsq index <archive files or folders> --index ${damaged}`);
  });

  it('refuses an index built by another analyzer, with the rebuild command', () => {
    const stale = copyIndex(smallIndex, path.join(tmp.dir, 'stale'));
    const file = path.join(stale, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    manifest.analyzerFingerprint = '000000000000';
    writeFileSync(file, JSON.stringify(manifest));
    const r = runCli(['search', 'أوبك', '--index', stale]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/another version of the Arabic analyzer/);
    expect(r.stderr).toContain(`--index ${stale}\` to rebuild it`);
  });
});
