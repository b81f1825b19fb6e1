// A candidate holding `!` must not trigger bash's history expansion when the line is
// entered. Inside an open double quote bash still expands `!!` to the previous command,
// so a keyword such as «تحذير!!» inserted as "تحذير!!" ran something else on Enter.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { bashComplete, haveShell, makeBinDir, readlineWord, shellEnv, shq } from './harness';

const work = mkdtempSync(path.join(tmpdir(), 'newsq-history-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const index = path.join(work, 'index');
let env: Record<string, string> = {};

beforeAll(() => {
  const file = path.join(work, 'a.jsonl');
  writeFileSync(file, JSON.stringify({ id: 'bang0001', title: 'خبر فيه تحذير', body: 'نص الخبر', keywords: ['تحذير!!'] }) + '\n');
  expect(runCli(['index', file, '--index', index, '--quiet']).code).toBe(0);
  env = shellEnv(makeBinDir(work), work, { NEWSQ_INDEX: index });
});

/** The line as readline leaves it after inserting the only candidate (an open quote closed). */
function completedLine(line: string, reply: string[]): string {
  expect(reply).toHaveLength(1);
  const word = readlineWord(line);
  const before = line.slice(0, line.length - word.length);
  const open = before.endsWith('"') || before.endsWith("'") ? before.at(-1)! : '';
  return `${before}${reply[0]}${open}`;
}

/** The line after bash's history expansion (with a previous command to expand to), then the words it makes. */
function enter(line: string): { expanded: string; argv: string[] } {
  const script = [
    'set -o history -H',
    "history -s 'echo PREVIOUS COMMAND'",
    `expanded=$(history -p ${shq(line)})`,
    `printf '%s\\x1e' "$expanded"`,
    `eval "set -- \${expanded#newsq }"; printf '%s\\x1f' "$@"`,
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { env, encoding: 'utf8' });
  const [expanded = '', args = ''] = r.stdout.split('\x1e');
  return { expanded, argv: args.split('\x1f').slice(0, -1) };
}

describe.skipIf(!haveShell('bash'))('bash: a candidate holding "!"', () => {
  it.each([['newsq tag "تح'], ['newsq tag تح'], ["newsq tag 'تح"]])('%s completes to a line that history expansion leaves alone', (line) => {
    const [answer] = bashComplete([line], env);
    const done = completedLine(line, answer!.reply);
    const entered = enter(done);
    expect(entered.expanded).not.toContain('PREVIOUS');
    expect(entered.argv).toEqual(['tag', 'تحذير!!']);
  });
});
