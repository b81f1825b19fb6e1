// Every `newsq …` example of README.md, run as a shell runs it against the demo archive:
// the command lines of its code blocks and the example column of its tables, in order. Each
// exits 0, or 1 where the text just before it says so (nothing found). The reader's home is
// a folder holding a copy of the demo articles as ~/archive and an article in new/, so the
// indexing examples (~/a.newsq) run too. Lines that cannot run here say why they are left
// out: a placeholder (…, <TAB>, <id>), a file of the reader's they would write, a query of
// the index an `export NEWSQ_INDEX=…` named, or a program that is not installed.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoArticlesDir, projectRoot, tempDir } from '../support/cli';

interface Example {
  /** The line as the README has it. */
  line: string;
  /** The command run (comment dropped, a trailing placeholder pipe cut), or null. */
  command: string | null;
  /** Why it is not run. */
  skip?: string;
  /** Exit statuses that are right: 0, and 1 where the text before it says a command can find nothing. */
  allowed: number[];
  at: number;
}

const have = (program: string): boolean => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;

/** The README's example lines, in order. */
export function readmeExamples(text: string): Example[] {
  const lines = text.split('\n');
  const out: Example[] = [];
  let fenced = false;
  // A block that points newsq at the reader's own index (export NEWSQ_INDEX=~/…): its later lines query that.
  let ownIndex = false;
  /** The paragraph of prose above line `i` (what introduces a code block). */
  const proseBefore = (i: number): string => {
    let j = i - 1;
    while (j >= 0 && (lines[j]!.trim() === '' || /^ {4}/.test(lines[j]!))) j--;
    const para: string[] = [];
    for (; j >= 0 && lines[j]!.trim() !== ''; j--) para.unshift(lines[j]!);
    return para.join(' ');
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^```/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    const inBlock = fenced || /^ {4}\S/.test(raw);
    if (!inBlock && raw.trim() !== '') ownIndex = false;
    if (inBlock && /NEWSQ_INDEX=/.test(raw)) ownIndex = true;
    let candidates: string[] = [];
    if (inBlock) candidates = [raw.trim()];
    else if (/^\|/.test(raw)) {
      // The last cell of a table row when it is one example (the commands table).
      const cells = raw.split(/(?<!\\)\|/).map((c) => c.trim()).filter(Boolean);
      const last = /^`(newsq [^`]+)`$/.exec(cells[cells.length - 1] ?? '');
      if (last && cells.length > 1) candidates = [last[1]!];
    }
    const prose = inBlock ? proseBefore(i) : '';
    for (const candidate of candidates) {
      let line = candidate.replace(/^(npm ci && )/, '');
      if (!/^(newsq|\.\/bin\/newsq\.js) /.test(line)) continue;
      const example: Example = { line: candidate, command: null, allowed: /\bexits? 1\b|\(exit 1\)/.test(prose) ? [0, 1] : [0], at: i + 1 };
      line = line.replace(/\s+#\s.*$/, '').replace(/^\.\/bin\/newsq\.js /, 'newsq ');
      // A pipe into a placeholder (`| jq …`): the newsq part is the example.
      line = line.replace(/\s*\|[^|]*…\s*$/, '');
      if (/…|<TAB>|<[a-z][^>]*>/.test(line)) example.skip = 'holds a placeholder';
      else if (/(^|\s)>>?\s*\S/.test(line.replace(/'[^']*'|"[^"]*"/g, "''"))) example.skip = 'writes a file of the reader\'s (an install step)';
      else if (ownIndex) example.skip = 'queries the index of the reader\'s own archive';
      else if (/\|\s*jq\b/.test(line) && !have('jq')) example.skip = 'jq is not installed';
      else example.command = line;
      out.push(example);
    }
  }
  return out;
}

const examples = readmeExamples(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));
const tmp = tempDir('readme');
const bin = path.join(tmp.dir, 'bin');

beforeAll(() => {
  mkdirSync(bin, { recursive: true });
  const wrapper = path.join(bin, 'newsq');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(projectRoot, 'bin', 'newsq.js'))} "$@"\n`);
  chmodSync(wrapper, 0o755);
  // The reader's archive, and new articles to add to its index.
  cpSync(demoArticlesDir, path.join(tmp.dir, 'archive'), { recursive: true });
  mkdirSync(path.join(tmp.dir, 'new'));
  const first = readdirSync(demoArticlesDir).sort()[0]!;
  cpSync(path.join(demoArticlesDir, first), path.join(tmp.dir, 'new', first));
});
afterAll(() => tmp.remove());

describe('the examples of README.md', () => {
  it('are found: the quick start, the commands table and the blocks of the reference', () => {
    const run = examples.filter((e) => e.command !== null);
    expect(run.length).toBeGreaterThan(10);
    expect(examples.map((e) => e.line)).toEqual(expect.arrayContaining([expect.stringMatching(/^newsq search خامنئي/), expect.stringMatching(/^newsq stats --json$/)]));
    for (const e of examples) if (e.skip) console.info(`README line ${e.at} not run (${e.skip}): ${e.line}`);
  });

  it.each(examples.filter((e) => e.command !== null).map((e) => [`line ${e.at}: ${e.line}`, e] as const))('%s', (_name, e) => {
    // The shipped demo archive: no index of the machine's, no terminal, no pager.
    const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: tmp.dir, LANG: 'C.UTF-8' };
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${e.command}`], { cwd: tmp.dir, env, encoding: 'utf8', input: '', timeout: 60_000 });
    expect(e.allowed, `${e.command} exited ${r.status}\n${r.stderr}`).toContain(r.status);
    // Results on stdout (an index command reports on stderr).
    if (r.status === 0 && !/^newsq index\b/.test(e.command!)) expect(r.stdout.length, e.command!).toBeGreaterThan(0);
  });
});
