// `newsq __complete` and `newsq completion` in-process: the answer each shell gets, read
// from real indexes (the demo archive and a small JSON archive built here), and the
// quoting bash is given, checked by handing it back to bash.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashQuote, splitShellLine, type ShellWord } from '../../../src/cli/complete';
import { COMPLETION_FILES } from '../../../src/cli/completion';
import { MAX_ID_OFFERS, indexValues, prefixKey } from '../../../src/features/complete';
import { ArchiveIndex } from '../../../src/index/reader';
import { buildDemoIndexIn, projectRoot, runCli, tempDir } from '../../support/cli';
import { shq } from './harness';

const tmp = tempDir('completion-cli');
const demoIndex = path.join(tmp.dir, 'demo');
const smallIndex = path.join(tmp.dir, 'small');

beforeAll(() => {
  buildDemoIndexIn(demoIndex);
  const archive = path.join(tmp.dir, 'small.json');
  writeFileSync(
    archive,
    JSON.stringify([
      { id: 'aa01', title: 'الخبر الأول', body: 'نص أول.', keywords: ['أبوظبي', 'الأمم المتحدة'], source: 'صحيفة الوطن', date: '2015-01-01' },
      { id: 'aa02', title: 'الخبر الثاني', body: 'نص ثان.', keywords: ['أبوظبي'], source: 'صحيفة الوطن', date: '2015-01-02' },
      { id: 'ab03', title: 'الخبر الثالث', body: 'نص ثالث.', keywords: ['مسؤول'], source: 'Reuters', date: '2015-01-03' },
      { id: 'b004', title: 'خبر بلا مصدر', body: 'نص رابع.', keywords: ['إيران'], date: '2015-01-04' },
    ]),
  );
  const built = runCli(['index', archive, '--index', smallIndex, '--quiet']);
  if (built.code !== 0) throw new Error(built.stderr);
});

afterAll(() => tmp.remove());

interface Answer {
  code: number;
  stderr: string;
  flags: string[];
  keep: string;
  path: string;
  lines: string[];
}

/** Runs `newsq __complete <shell> …` with the words marked as the scripts mark them. */
function ask(shell: string, words: string[], env: Record<string, string | undefined> = { NEWSQ_INDEX: demoIndex }): Answer {
  const r = runCli(['__complete', shell, ...words.map((w) => `:${w}`)], { env });
  const [head = '', ...lines] = r.stdout.split('\n');
  const [flags = '', keep = '', pathText = ''] = head.split('\t');
  return { code: r.code, stderr: r.stderr, flags: flags.split(' ').filter(Boolean), keep, path: pathText, lines: lines.filter((l) => l !== '') };
}

const words = (a: Answer): string[] => a.lines.map((l) => l.split('\t')[0]!);

/** Keywords of an index as `newsq tags` lists them (a separate code path from completion). */
function keywordsOf(index: string): string[] {
  return (JSON.parse(runCli(['tags', '--json', '--index', index]).stdout) as Array<{ keyword: string }>).map((k) => k.keyword);
}

/** Sources of an index as `newsq stats` counts them. */
function sourcesOf(index: string): string[] {
  const stats = JSON.parse(runCli(['stats', '--json', '--index', index]).stdout) as { sources: Array<{ source: string | null }> };
  return stats.sources.map((s) => s.source).filter((s): s is string => s !== null);
}

describe('__complete answers', () => {
  it('gives each shell its own form of the same candidates', () => {
    const zsh = ask('zsh', ['newsq', 'tag', 'اير']);
    const fish = ask('fish', ['newsq', 'tag', 'اير']);
    const bash = ask('bash', ['newsq tag اير', 'اير']);
    const expected = keywordsOf(demoIndex).filter((k) => prefixKey(k).startsWith(prefixKey('اير')));
    expect(expected).toContain('إيران');
    expect(words(zsh).sort()).toEqual([...expected].sort());
    // fish keeps the typed spelling and shows the archive's as the description.
    expect(fish.lines).toContain('ايران\tإيران');
    expect(bash.lines.length).toBe(expected.length);
    for (const a of [zsh, fish, bash]) {
      expect(a.code).toBe(0);
      expect(a.stderr).toBe('');
    }
  });

  it('completes every keyword after `tag` and `tag:` from the folded prefix', () => {
    const all = keywordsOf(demoIndex);
    for (const typed of ['ال', 'الا', 'اسع', 'خامن']) {
      const expected = all.filter((k) => prefixKey(k).startsWith(prefixKey(typed))).sort();
      expect(words(ask('zsh', ['newsq', 'tag', typed])).sort()).toEqual(expected);
      const inQuery = words(ask('zsh', ['newsq', 'search', `tag:${typed}`])).sort();
      expect(inQuery).toEqual(expected.map((k) => (k.includes(' ') ? `tag:"${k}"` : `tag:${k}`)).sort());
    }
  });

  it('reads the index named by --index on the line before NEWSQ_INDEX, and expands ~', () => {
    expect(words(ask('zsh', ['newsq', 'tag', '--index', smallIndex, 'اب'])).sort()).toEqual(['أبوظبي']);
    expect(words(ask('zsh', ['newsq', 'tag', `--index=${smallIndex}`, 'مسئ']))).toEqual(['مسؤول']);
    const home = ask('zsh', ['newsq', 'tag', '--index', '~/small', 'اب'], { NEWSQ_INDEX: demoIndex, HOME: tmp.dir });
    expect(words(home)).toEqual(['أبوظبي']);
  });

  it('offers html for --format on the commands that make pages only', () => {
    for (const command of ['search', 'show', 'related', 'timeline', 'stats']) expect(words(ask('zsh', ['newsq', command, '--format', '']))).toContain('html');
    for (const command of ['tag', 'tags', 'date', 'analyze']) expect(words(ask('zsh', ['newsq', command, '--format', '']))).not.toContain('html');
  });

  it('completes after global options given before the command, from the index they name', () => {
    const commands = words(ask('zsh', ['newsq', '--index', smallIndex, '']));
    expect(commands).toEqual(expect.arrayContaining(['search', 'show', 'tag', 'stats']));
    expect(words(ask('zsh', ['newsq', '--json', '--ind']))).toEqual(['--index']);
    expect(words(ask('zsh', ['newsq', '--index', smallIndex, 'tag', 'اب']))).toEqual(['أبوظبي']);
    expect(words(ask('fish', ['newsq', `--index=${smallIndex}`, '--calendar', 'hijri', 'show', 'aa']))).toEqual(['aa01', 'aa02']);
    expect(ask('bash', [`newsq --no-color --index ${smallIndex} show ab`, 'ab']).lines).toEqual(['ab03']);
    const options = words(ask('zsh', ['newsq', '--index', smallIndex, 'search', '--']));
    expect(options).toContain('--calendar');
    expect(options).not.toContain('--index');
  });

  it('lists the sources that `newsq stats` counts, quoted when they have spaces', () => {
    for (const index of [demoIndex, smallIndex]) {
      const expected = sourcesOf(index).map((s) => (/\s/.test(s) ? `source:"${s}"` : `source:${s}`)).sort();
      expect(expected.length).toBeGreaterThan(1);
      expect(words(ask('zsh', ['newsq', 'search', '--index', index, 'source:'])).sort()).toEqual(expected);
    }
  });

  it('offers article ids with their headlines, at most MAX_ID_OFFERS', () => {
    const index = ArchiveIndex.open(demoIndex);
    const all = [...index.liveDocs()].map((d) => ({ id: index.id(d), title: index.title(d) })).sort((a, b) => (a.id < b.id ? -1 : 1));
    index.close();
    const prefix = all[0]!.id.slice(0, 1);
    const expected = all.filter((x) => x.id.startsWith(prefix)).map((x) => `${x.id}\t${x.title}`);
    expect(ask('zsh', ['newsq', 'show', prefix]).lines).toEqual(expected);
    expect(ask('fish', ['newsq', 'related', prefix]).lines).toEqual(expected);
    expect(ask('zsh', ['newsq', 'show', '']).lines.length).toBe(Math.min(MAX_ID_OFFERS, all.length));
    expect(ask('zsh', ['newsq', 'show', 'zzzz']).lines).toEqual([]);
  });

  it('takes the first ids across segments, not the first segment\'s', () => {
    const more = path.join(tmp.dir, 'more.json');
    writeFileSync(more, JSON.stringify([{ id: 'a000', title: 'خبر مضاف', body: 'نص.', source: 'Reuters' }]));
    const added = runCli(['index', more, '--index', smallIndex, '--add', '--quiet']);
    expect(added.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(smallIndex, 'manifest.json'), 'utf8')) as { segments: unknown[] };
    expect(manifest.segments.length).toBe(2);
    const env = { NEWSQ_INDEX: smallIndex };
    expect(ask('zsh', ['newsq', 'show', 'a'], env).lines).toEqual(['a000\tخبر مضاف', 'aa01\tالخبر الأول', 'aa02\tالخبر الثاني', 'ab03\tالخبر الثالث']);
    expect(words(ask('zsh', ['newsq', 'search', 'source:'], env)).sort()).toEqual(['source:"صحيفة الوطن"', 'source:Reuters']);
    const index = ArchiveIndex.open(smallIndex);
    expect(indexValues(index, () => ({})).ids('a', 2).map((x) => x.id)).toEqual(['a000', 'aa01']);
    index.close();
  });

  it('asks the shell for paths where a command takes them', () => {
    const dir = ask('bash', ['newsq search --index /tm', '/tm']);
    expect(dir.flags).toEqual(['dirs']);
    const file = ask('zsh', ['newsq', 'index', 'data/']);
    expect(file.flags).toEqual(['files']);
    expect(file.path).toBe('data/');
    const eq = ask('fish', ['newsq', 'search', '--index=/tm']);
    expect([eq.flags, eq.keep, eq.path]).toEqual([['dirs'], '--index=', '/tm']);
  });

  it('marks query field names so that no space follows them, and asks zsh to keep typing it cannot extend', () => {
    expect(ask('zsh', ['newsq', 'search', 'ta']).flags).toEqual(['nospace']);
    expect(ask('zsh', ['newsq', 'tag', 'ا']).flags).toContain('keep');
    expect(ask('zsh', ['newsq', 'tag', 'الدول']).flags).not.toContain('keep');
  });

  it('never runs what the user typed as options of its own', () => {
    const help = ask('zsh', ['newsq', 'search', '--help']);
    expect(words(help)).toEqual(['--help']);
    expect(ask('zsh', ['newsq', '--version', '']).lines.length).toBeGreaterThan(5);
  });

  it('answers nothing, quietly, for a missing or damaged index or an unknown shell', () => {
    const missing = ask('zsh', ['newsq', 'tag', ''], { NEWSQ_INDEX: path.join(tmp.dir, 'none') });
    expect([missing.code, missing.stderr, missing.lines]).toEqual([0, '', []]);
    const broken = path.join(tmp.dir, 'broken');
    runCli(['index', path.join(projectRoot, 'data', 'articles'), '--index', broken, '--quiet']);
    const manifest = JSON.parse(readFileSync(path.join(broken, 'manifest.json'), 'utf8')) as { sidecars: { keywords: string } };
    writeFileSync(path.join(broken, manifest.sidecars.keywords), '{not json');
    const damaged = ask('zsh', ['newsq', 'tag', ''], { NEWSQ_INDEX: broken });
    expect([damaged.code, damaged.stderr, damaged.lines]).toEqual([0, '', []]);
    const r = runCli(['__complete', 'tcsh', ':newsq', ':']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
});

describe('bash answers: the text that replaces readline’s word', () => {
  const cases: Array<{ line: string; word: string; want: string[]; flags?: string[] }> = [
    { line: 'newsq tag اير', word: 'اير', want: ['إيران'] },
    { line: 'newsq tag الدول', word: 'الدول', want: ['الدولة\\ الإسلامية'] },
    { line: 'newsq tag "الدول', word: 'الدول', want: ['الدولة الإسلامية'] },
    { line: "newsq tag 'الدول", word: 'الدول', want: ['الدولة الإسلامية'] },
    { line: 'newsq tag الدولة\\ الإس', word: 'الدولة\\ الإس', want: ['الدولة\\ الإسلامية'] },
    { line: 'newsq search tag:اير', word: 'اير', want: ['إيران'] },
    { line: 'newsq search tag:الدول', word: 'الدول', want: ['\\"الدولة\\ الإسلامية\\"'] },
    { line: `newsq search 'tag:"الدول`, word: 'tag:"الدول', want: ['tag:"الدولة الإسلامية"'] },
    { line: 'newsq search "tag:\\"الدول', word: 'tag:\\"الدول', want: ['tag:\\"الدولة الإسلامية\\"'] },
    { line: 'newsq search --format=n', word: 'n', want: ['ndjson'] },
    { line: 'newsq search ta', word: 'ta', want: ['tag:'], flags: ['nospace'] },
    { line: 'newsq sh', word: 'sh', want: ['show'] },
  ];
  it.each(cases)('$line', ({ line, word, want, flags = [] }) => {
    const a = ask('bash', [line, word]);
    expect(a.lines).toEqual(want);
    expect(a.flags).toEqual(flags);
  });

  it('keeps the typed spelling when several candidates share no longer start', () => {
    const a = ask('bash', ['newsq tag ا', 'ا']);
    expect(a.lines.length).toBeGreaterThan(5);
    for (const l of a.lines) expect(l.startsWith('ا')).toBe(true);
  });
});

describe('reading a bash command line', () => {
  const cases: Array<[string, Array<Partial<ShellWord>>]> = [
    ['newsq tag ', [{ value: 'newsq' }, { value: 'tag' }, { value: '', raw: '', quote: '' }]],
    ['a "b c" d\\ e', [{ value: 'a' }, { value: 'b c', raw: '"b c"' }, { value: 'd e', raw: 'd\\ e' }]],
    [`x 'tag:"الدو`, [{ value: 'x' }, { value: 'tag:"الدو', quote: "'" }]],
    ['x "a\\"b', [{ value: 'x' }, { value: 'a"b', quote: '"' }]],
    ['x tag:\\"ال', [{ value: 'x' }, { value: 'tag:"ال', quote: '' }]],
  ];
  it.each(cases)('%s', (line, want) => {
    const got = splitShellLine(line);
    expect(got.length).toBe(want.length);
    want.forEach((w, i) => expect(got[i]).toMatchObject(w));
  });
});

describe('bash quoting', () => {
  it('reads back as the same text, unquoted or inside either quote', () => {
    const chars = [...'اأإآبةهىي ءئؤ الدولة', ...' \t!"#$&\'()*;<>?[\\]`{|}~=:%,^@-_./', ...'abcXYZ019'];
    const texts = fc.sample(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }).map((a) => a.join('')), 150);
    const script = texts
      .flatMap((t) => [`printf '%s\\x1f' ${bashQuote(t, '')}`, `printf '%s\\x1f' "${bashQuote(t, '"')}"`, `printf '%s\\x1f' '${bashQuote(t, "'")}'`])
      .join('\n');
    const r = spawnSync('bash', ['--norc', '--noprofile', '+H', '-c', script], { encoding: 'utf8', env: { LC_ALL: 'C.UTF-8' } });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\x1f').slice(0, -1)).toEqual(texts.flatMap((t) => [t, t, t]));
  });

  it('leaves Arabic letters alone', () => {
    expect(bashQuote('الدولة الإسلامية', '')).toBe('الدولة\\ الإسلامية');
    expect(shq("it's")).toBe(`'it'\\''s'`);
  });
});

describe('newsq completion <shell>', () => {
  it.each(Object.entries(COMPLETION_FILES))('%s prints completions/%s', (shell, file) => {
    const r = runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(projectRoot, 'completions', file), 'utf8'));
    expect(r.stdout).toContain('__complete');
  });

  it('rejects an unknown shell with a usage error', () => {
    const r = runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh, fish/);
  });
});
