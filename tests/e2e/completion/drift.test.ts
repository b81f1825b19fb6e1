// Completion must follow the program: every subcommand `newsq --help` lists and every
// long option each command's --help lists is offered — by `newsq __complete` and by each
// shell's script — and nothing else is. The help texts are parsed here independently of
// how completion reads the commander program. Option values offered from a fixed list
// must be ones the command accepts.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_VALUES } from '../../../src/cli/complete';
import { QUERY_FIELDS } from '../../../src/features/complete';
import { parseQuery } from '../../../src/search/parse';
import { buildDemoIndexIn, runCli, tempDir } from '../../support/cli';
import { bashComplete, fishComplete, haveShell, helpCommands, helpGlobalOptions, helpOptions, makeBinDir, shellEnv, zshComplete } from './harness';

const tmp = tempDir('completion-drift');
const demoIndex = path.join(tmp.dir, 'demo');
const shells = { bash: haveShell('bash'), zsh: haveShell('zsh'), fish: haveShell('fish') };
for (const [name, ok] of Object.entries(shells)) {
  if (!ok) console.warn(`completion drift.test: ${name} is not installed; its script is not checked against the program`);
}

/** Commands and their long options as the help texts list them. */
const commands = helpCommands(runCli(['--help']).stdout);
// Before a command: the program's own options, then the global ones (src/cli/global.ts).
const programOptions = [...helpOptions(runCli(['--help']).stdout), ...helpGlobalOptions(runCli(['--help']).stdout)];
const optionsOf = new Map(commands.filter((c) => c !== 'help').map((c) => [c, helpOptions(runCli([c, '--help']).stdout)]));

/** The lines each shell is asked about, and what it must offer for each. */
const probes: Array<{ line: string; words: string[]; current: string; want: string[] }> = [
  { line: 'newsq ', words: ['newsq'], current: '', want: commands },
  { line: 'newsq -', words: ['newsq'], current: '-', want: programOptions },
  ...[...optionsOf].map(([c, opts]) => ({ line: `newsq ${c} --`, words: ['newsq', c], current: '--', want: opts })),
];

let env: Record<string, string> = {};
beforeAll(() => {
  buildDemoIndexIn(demoIndex);
  env = shellEnv(makeBinDir(tmp.dir), tmp.dir, { NEWSQ_INDEX: demoIndex });
});
afterAll(() => tmp.remove());

describe('the help texts this test reads', () => {
  it('list the commands and options completion is checked against', () => {
    expect(commands).toEqual(expect.arrayContaining(['search', 'show', 'tag', 'index', 'completion', 'help']));
    expect(commands).not.toContain('__complete');
    expect(optionsOf.get('search')).toEqual(expect.arrayContaining(['--limit', '--index', '--format', '--help']));
    expect(programOptions).toEqual(expect.arrayContaining(['--version', '--help', '--index', '--json', '--no-color', '--calendar']));
  });
});

describe('newsq __complete offers exactly what the program has', () => {
  it.each(probes)('$line', ({ words, current, want }) => {
    const r = runCli(['__complete', 'zsh', ...[...words, current].map((w) => `:${w}`)], { env: { NEWSQ_INDEX: demoIndex } });
    const offered = r.stdout.split('\n').slice(1, -1).map((l) => l.split('\t')[0]);
    expect(offered).toEqual(want);
  });

  it('offers the subcommands after `newsq help`', () => {
    const r = runCli(['__complete', 'fish', ':newsq', ':help', ':']);
    expect(r.stdout.split('\n').slice(1, -1).map((l) => l.split('\t')[0])).toEqual(commands);
  });
});

describe.skipIf(!shells.bash)('the bash script offers exactly what the program has', () => {
  it('for every command and option', () => {
    const answers = bashComplete(probes.map((p) => p.line), env);
    probes.forEach((p, i) => expect([p.line, answers[i]!.reply]).toEqual([p.line, p.want]));
  });
});

describe.skipIf(!shells.zsh)('the zsh script offers exactly what the program has', () => {
  it('for every command and option', () => {
    const answers = zshComplete(probes.map((p) => p.line), env, tmp.dir);
    probes.forEach((p, i) => expect([p.line, answers[i]!.matches.map((m) => m.word).sort()]).toEqual([p.line, [...p.want].sort()]));
  }, 120_000);
});

describe.skipIf(!shells.fish)('the fish script offers exactly what the program has', () => {
  it('for every command and option', () => {
    const answers = fishComplete(probes.map((p) => p.line), env);
    probes.forEach((p, i) => expect([p.line, answers[i]!.map((c) => c.word).sort()]).toEqual([p.line, [...p.want].sort()]));
  });
});

describe('option values completed from a fixed list', () => {
  // A command that takes each option, with the arguments it needs.
  const commandFor: Record<string, string[]> = {
    '--by': ['timeline', 'إيران'],
    '--input-format': ['index', '-', '--index', path.join(tmp.dir, 'from-stdin'), '--replace', '--quiet'],
  };
  // What standard input holds for a value, where the command reads it.
  const record = { title: 'خبر من المدخل', body: 'نص الخبر.', date: '2015-01-01' };
  const stdinFor: Record<string, Record<string, string>> = {
    '--input-format': {
      jsonl: `${JSON.stringify(record)}\n`,
      json: JSON.stringify([record]),
      text: 'خبر من المدخل\n\nالخميس 1 يناير 2015 10:00 ص\n\nنص الخبر.\n',
    },
  };
  const entries = Object.entries(OPTION_VALUES);

  it.each(entries)('%s is an option of some command', (option) => {
    expect([...optionsOf.values()].some((opts) => opts.includes(option))).toBe(true);
  });

  it.each(entries)('every value offered for %s is accepted, and a wrong one is not', (option, kind) => {
    if (kind.kind !== 'choices') throw new Error(`${option}: not a list of choices`);
    const base = commandFor[option] ?? ['search', 'إيران'];
    expect(optionsOf.get(base[0]!)).toContain(option);
    for (const value of kind.values) {
      const stdin = stdinFor[option]?.[value];
      const r = runCli([...base, option, value], { env: { NEWSQ_INDEX: demoIndex }, ...(stdin !== undefined ? { stdin } : {}) });
      expect([value, r.code, r.stderr]).toEqual([value, 0, '']);
    }
    expect(runCli([...base, option, 'no-such-value'], { env: { NEWSQ_INDEX: demoIndex }, stdin: '' }).code).toBe(2);
  });
});

describe('query fields offered after `newsq search`', () => {
  it.each(QUERY_FIELDS.map((f) => f.name))('%s: is a field the query parser reads', (name) => {
    const node = parseQuery(`${name}:2015`);
    // A field the parser does not know is read as a plain word containing the colon.
    expect(node.type === 'word' && node.field === 'any').toBe(false);
  });
});
