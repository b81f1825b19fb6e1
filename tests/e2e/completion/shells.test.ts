// The completion scripts in real shells, against the demo archive built in a temporary
// folder: what bash's completion function returns (and that bash reads the completed
// line back as intended), what zsh inserts and lists after a Tab, and what fish's
// `complete -C` offers. Each shell is skipped, with a message, when it is not installed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefixKey } from '../../../src/features/complete';
import { ArchiveIndex } from '../../../src/index/reader';
import { buildDemoIndexIn, runCli, tempDir } from '../../support/cli';
import {
  bashComplete,
  fishComplete,
  haveShell,
  makeBinDir,
  readlineWord,
  shellEnv,
  zshComplete,
  type BashAnswer,
  type ZshAnswer,
} from './harness';

const shells = { bash: haveShell('bash'), zsh: haveShell('zsh'), fish: haveShell('fish') };
for (const [name, ok] of Object.entries(shells)) {
  if (!ok) console.warn(`completion shells.test: ${name} is not installed (apt-get install ${name}); its real-shell tests are skipped`);
}

const tmp = tempDir('completion-shells');
const demoIndex = path.join(tmp.dir, 'demo');
const dirs = path.join(tmp.dir, 'paths');
let env: Record<string, string> = {};
/** Ids starting with the prefix the tests type, with their headlines. */
let idsWith99: Array<{ id: string; title: string }> = [];
let keywords: string[] = [];

beforeAll(() => {
  buildDemoIndexIn(demoIndex);
  env = shellEnv(makeBinDir(tmp.dir), tmp.dir, { NEWSQ_INDEX: demoIndex });
  mkdirSync(path.join(dirs, 'alpha'), { recursive: true });
  mkdirSync(path.join(dirs, 'beta'));
  writeFileSync(path.join(dirs, 'afile.json'), '[]');
  const index = ArchiveIndex.open(demoIndex);
  idsWith99 = [...index.liveDocs()].map((d) => ({ id: index.id(d), title: index.title(d) })).filter((x) => x.id.startsWith('99'));
  index.close();
  keywords = (JSON.parse(runCli(['tags', '--json', '--index', demoIndex]).stdout) as Array<{ keyword: string }>).map((k) => k.keyword);
});

afterAll(() => tmp.remove());

/** The demo's keywords that a folded prefix selects. */
const keywordsFrom = (typed: string): string[] => keywords.filter((k) => prefixKey(k).startsWith(prefixKey(typed)));

describe('the demo archive has what these tests type', () => {
  it('has إيران, الدولة الإسلامية and ids starting with 99', () => {
    expect(keywordsFrom('اير')).toEqual(['إيران']);
    expect(keywordsFrom('الدول')).toEqual(['الدولة الإسلامية']);
    expect(idsWith99.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!shells.bash)('bash', () => {
  const lines = [
    'newsq tag اير',
    'newsq tag الدول',
    'newsq tag "الدول',
    'newsq search tag:اير',
    `newsq search 'tag:"الدول`,
    'newsq search tag:الدول',
    'newsq show 99',
    'newsq search --format ',
    'newsq timeline x --by w',
    'newsq search ta',
    `newsq search --index ${dirs}/`,
    `newsq index ${dirs}/a`,
    'newsq se',
  ];
  let answers: BashAnswer[] = [];
  const answer = (line: string): BashAnswer => answers[lines.indexOf(line)]!;
  beforeAll(() => {
    answers = bashComplete(lines, env);
  });

  /** The line readline leaves after inserting the only candidate (it closes an open quote and adds a space). */
  function completedLine(line: string, reply: string[]): string {
    expect(reply.length).toBe(1);
    const word = readlineWord(line);
    const before = line.slice(0, line.length - word.length);
    const open = before.endsWith('"') || before.endsWith("'") ? before.at(-1)! : '';
    return `${before}${reply[0]}${open} `;
  }

  /** The arguments bash gives newsq for a command line. */
  function argvOf(line: string): string[] {
    const r = spawnSync('bash', ['--norc', '-c', `set -- ${line.replace(/^newsq /, '')}; printf '%s\\x1f' "$@"`], { encoding: 'utf8', env });
    return r.stdout.split('\x1f').slice(0, -1);
  }

  it.each([
    ['newsq tag اير', ['tag', 'إيران']],
    ['newsq tag الدول', ['tag', 'الدولة الإسلامية']],
    ['newsq tag "الدول', ['tag', 'الدولة الإسلامية']],
    ['newsq search tag:اير', ['search', 'tag:إيران']],
    [`newsq search 'tag:"الدول`, ['search', 'tag:"الدولة الإسلامية"']],
    ['newsq search tag:الدول', ['search', 'tag:"الدولة الإسلامية"']],
  ])('%s completes to a line bash reads as %j', (line, argv) => {
    const done = completedLine(line, answer(line).reply);
    expect(argvOf(done)).toEqual(argv);
  });

  it('writes a multi-word keyword with escaped spaces, and an Arabic one as it is spelled', () => {
    expect(answer('newsq tag الدول').reply).toEqual(['الدولة\\ الإسلامية']);
    expect(answer('newsq tag اير').reply).toEqual(['إيران']);
  });

  it('completes ids, option values and subcommands', () => {
    expect(answer('newsq show 99').reply.sort()).toEqual(idsWith99.map((x) => x.id).sort());
    expect(answer('newsq search --format ').reply).toEqual(['table', 'tsv', 'csv', 'json', 'ndjson', 'html']);
    expect(answer('newsq timeline x --by w').reply).toEqual(['week']);
    expect(answer('newsq se').reply).toEqual(['search']);
  });

  it('adds no space after a query field name', () => {
    expect(answer('newsq search ta')).toEqual({ reply: ['tag:'], compopt: ['-o nospace'] });
  });

  it('completes directories for --index and files and directories for index', () => {
    const dirsOnly = answer(`newsq search --index ${dirs}/`);
    expect(dirsOnly.reply.sort()).toEqual([`${dirs}/alpha`, `${dirs}/beta`]);
    expect(dirsOnly.compopt).toEqual(['-o filenames']);
    expect(answer(`newsq index ${dirs}/a`).reply.sort()).toEqual([`${dirs}/afile.json`, `${dirs}/alpha`]);
  });
});

describe.skipIf(!shells.zsh)('zsh', () => {
  const lines = [
    'newsq tag اير',
    'newsq tag الدول',
    'newsq tag "الدول',
    'newsq search tag:اير',
    `newsq search 'tag:"الدول`,
    'newsq show 99',
    'newsq tag ا',
    'newsq search --color ',
    'newsq search ta',
    `newsq search --index=${dirs}/b`,
    'newsq hel',
  ];
  let answers: ZshAnswer[] = [];
  const answer = (line: string): ZshAnswer => answers[lines.indexOf(line)]!;
  beforeAll(() => {
    answers = zshComplete(lines, env, tmp.dir);
  }, 120_000);

  it.each([
    ['newsq tag اير', 'newsq tag إيران '],
    ['newsq tag الدول', 'newsq tag الدولة\\ الإسلامية '],
    ['newsq tag "الدول', 'newsq tag "الدولة الإسلامية" '],
    ['newsq search tag:اير', 'newsq search tag:إيران '],
    [`newsq search 'tag:"الدول`, `newsq search 'tag:"الدولة الإسلامية"' `],
    ['newsq search ta', 'newsq search tag:'],
    [`newsq search --index=${dirs}/b`, `newsq search --index=${dirs}/beta/`],
    ['newsq hel', 'newsq help '],
  ])('%s ⇥ gives %s', (line, buffer) => {
    expect(answer(line).buffer).toBe(buffer);
  });

  it('lists article ids with their headlines', () => {
    const { matches, buffer } = answer('newsq show 99');
    expect(matches.map((m) => m.word).sort()).toEqual(idsWith99.map((x) => x.id).sort());
    for (const { id, title } of idsWith99) {
      const shown = matches.find((m) => m.word === id)!;
      expect(shown.display).toContain(title);
    }
    if (idsWith99.length > 1) expect(buffer).toBe('newsq show 99');
  });

  it('lists keywords in their own spelling without erasing a prefix they do not share', () => {
    const { matches, buffer } = answer('newsq tag ا');
    expect(matches.map((m) => m.word).sort()).toEqual(keywordsFrom('ا').sort());
    expect(buffer).toBe('newsq tag ا');
  });

  it('lists option values', () => {
    expect(answer('newsq search --color ').matches.map((m) => m.word)).toEqual(['auto', 'always', 'never']);
  });
});

describe.skipIf(!shells.fish)('fish', () => {
  const lines = [
    'newsq tag اير',
    'newsq tag إير',
    'newsq tag الدول',
    "newsq tag 'الدول",
    'newsq search tag:اير',
    `newsq search 'tag:"الدول`,
    'newsq show 99',
    'newsq search --calendar ',
    'newsq search ta',
    `newsq search --index ${dirs}/`,
    `newsq search --index=${dirs}/a`,
    'newsq st',
  ];
  let answers: Array<Array<{ word: string; description: string }>> = [];
  const answer = (line: string) => answers[lines.indexOf(line)]!;
  beforeAll(() => {
    answers = fishComplete(lines, env);
  });

  it('offers a hamza-less prefix the keyword in the typed spelling, described in the archive spelling', () => {
    expect(answer('newsq tag اير')).toEqual([{ word: 'ايران', description: 'إيران' }]);
    expect(answer('newsq tag إير')).toEqual([{ word: 'إيران', description: '' }]);
    expect(answer('newsq search tag:اير')).toEqual([{ word: 'tag:ايران', description: 'tag:إيران' }]);
  });

  it('offers multi-word keywords whole (fish quotes them)', () => {
    expect(answer('newsq tag الدول').map((c) => c.word)).toEqual(['الدولة الإسلامية']);
    expect(answer("newsq tag 'الدول").map((c) => c.word)).toEqual(['الدولة الإسلامية']);
    expect(answer(`newsq search 'tag:"الدول`).map((c) => c.word)).toEqual(['tag:"الدولة الإسلامية"']);
  });

  it('describes article ids with their headlines', () => {
    expect(answer('newsq show 99').sort((a, b) => (a.word < b.word ? -1 : 1))).toEqual(
      idsWith99.map((x) => ({ word: x.id, description: x.title })).sort((a, b) => (a.word < b.word ? -1 : 1)),
    );
  });

  it('completes option values, field names, directories and subcommands', () => {
    expect(answer('newsq search --calendar ').map((c) => c.word)).toEqual(['gregory', 'hijri']);
    expect(answer('newsq search ta').map((c) => c.word)).toEqual(['tag:']);
    expect(answer(`newsq search --index ${dirs}/`).map((c) => c.word)).toEqual([`${dirs}/alpha/`, `${dirs}/beta/`]);
    expect(answer(`newsq search --index=${dirs}/a`).map((c) => c.word)).toEqual([`--index=${dirs}/alpha/`]);
    expect(answer('newsq st').map((c) => c.word)).toEqual(['stats']);
  });
});

describe('the scripts as `newsq completion <shell>` prints them, installed as the help says', () => {
  it.skipIf(!shells.bash)('bash: source <(newsq completion bash)', () => {
    const r = spawnSync('bash', ['--norc', '-c', 'source <(newsq completion bash) && complete -p newsq'], { encoding: 'utf8', env });
    expect(r.stdout.trim()).toBe('complete -F _newsq_complete newsq');
  });

  it.skipIf(!shells.zsh)('zsh: source <(newsq completion zsh) after compinit', () => {
    const r = spawnSync('zsh', ['-f', '-c', 'autoload -Uz compinit; compinit -u -D; source <(newsq completion zsh); print -r -- $_comps[newsq]'], { encoding: 'utf8', env });
    expect(r.stdout.trim()).toBe('_newsq');
  });

  it.skipIf(!shells.fish)('fish: newsq completion fish | source', () => {
    const r = spawnSync('fish', ['--no-config', '-c', 'newsq completion fish | source; complete -C"newsq sta"'], { encoding: 'utf8', env });
    expect(r.stdout.split('\n')[0]).toMatch(/^stats\t/);
  });
});
