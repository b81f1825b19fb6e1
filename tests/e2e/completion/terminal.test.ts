// Completion through a real line editor in a terminal (tmux): what readline and fish put
// on the command line from the scripts' answers — the archive's spelling, escaped spaces,
// a closed quote, a trailing space. (zsh's line editor is driven in shells.test.ts.)

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoIndexIn, tempDir } from '../../support/cli';
import { haveShell, haveTmux, makeBinDir, scripts, shellEnv, typeInTerminal } from './harness';

const tmux = haveTmux();
const bash = tmux && haveShell('bash');
const fish = tmux && haveShell('fish');
if (!tmux) console.warn('completion terminal.test: tmux is not installed (apt-get install tmux); real-terminal tests skipped');
else if (!fish) console.warn('completion terminal.test: fish is not installed; its real-terminal test is skipped');

const tmp = tempDir('completion-terminal');
let env: Record<string, string> = {};

beforeAll(() => {
  const index = buildDemoIndexIn(path.join(tmp.dir, 'demo'));
  env = shellEnv(makeBinDir(tmp.dir), tmp.dir, { NEWSQ_INDEX: index });
});
afterAll(() => tmp.remove());

describe.skipIf(!bash)('bash with readline', () => {
  it('puts the completed word on the line, quoted for bash', async () => {
    const rc = path.join(tmp.dir, 'bashrc');
    writeFileSync(rc, `PS1='$ '\nbind 'set bell-style none'\nsource '${scripts.bash}'\n`);
    const got = await typeInTerminal(`bash --noprofile --rcfile ${rc} -i`, '$ ', ['newsq tag اير', 'newsq tag الدول', 'newsq tag "الدول', `newsq search 'tag:"الدول`, 'newsq search tag:اير'], env);
    expect(got).toEqual([
      '$ newsq tag إيران ',
      '$ newsq tag الدولة\\ الإسلامية ',
      '$ newsq tag "الدولة الإسلامية" ',
      `$ newsq search 'tag:"الدولة الإسلامية"' `,
      '$ newsq search tag:إيران ',
    ]);
  }, 60_000);
});

describe.skipIf(!fish)('fish', () => {
  it('puts the completed word on the line, keeping a hamza-less spelling the user typed', async () => {
    const conf = path.join(tmp.dir, 'fishhome', '.config', 'fish');
    mkdirSync(path.join(conf, 'completions'), { recursive: true });
    writeFileSync(path.join(conf, 'config.fish'), "function fish_prompt; echo -n '> '; end\nset -g fish_greeting ''\nset -g fish_autosuggestion_enabled 0\n");
    writeFileSync(path.join(conf, 'completions', 'newsq.fish'), `source '${scripts.fish}'\n`);
    const got = await typeInTerminal('fish -i', '> ', ['newsq tag إير', 'newsq tag اير', 'newsq tag الدول', `newsq search 'tag:"الدول`], { ...env, HOME: path.join(tmp.dir, 'fishhome') });
    expect(got).toEqual(['> newsq tag إيران ', '> newsq tag ايران ', '> newsq tag الدولة\\ الإسلامية ', `> newsq search 'tag:"الدولة الإسلامية"' `]);
  }, 60_000);
});
