// Inside tmux, `--bidi auto` asks tmux which terminal its client runs in. Here a real tmux
// server runs newsq in a pane (through `script`, so its stdout is a terminal and the bytes
// are kept): the session environment, which tmux refreshes from each attaching client
// (update-environment), decides over the environment the pane was started with.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/cli';

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
const haveScript = spawnSync('script', ['--version']).status === 0;
if (!haveTmux || !haveScript) console.warn('tmux-detect.test: tmux or util-linux script is missing; skipped');

describe.skipIf(!haveTmux || !haveScript)('bidi detection inside a real tmux', () => {
  let dir = '';
  const socket = `newsq-detect-${process.pid}`;
  const tmux = (env: NodeJS.ProcessEnv, ...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', path.join(dir, 'tmux.conf'), ...args], { env, encoding: 'utf8' });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsq-tmux-detect-'));
    writeFileSync(path.join(dir, 'tmux.conf'), "set -g update-environment 'VTE_VERSION MLTERM KONSOLE_VERSION'\n");
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Start a session from a client with `clientEnv` (its pane inherits that environment),
   * then change the session environment as an attach from another terminal would (`set` and
   * `remove` for the variables update-environment lists), and only then run a search in the
   * pane: the bytes newsq wrote.
   */
  async function searchAfterAttach(name: string, clientEnv: Record<string, string>, attach: { set?: Record<string, string>; remove?: string[] }): Promise<string> {
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', TERM: 'xterm-256color' };
    const out = path.join(dir, `${name}.out`);
    const go = path.join(dir, `${name}.go`);
    const node = `${JSON.stringify(process.execPath)} bin/newsq.js search إيران -n 1 --color never --no-pager`;
    const r = tmux({ ...base, ...clientEnv }, 'new-session', '-d', '-s', name, '-x', '150', '-y', '40', '-c', projectRoot,
      `while [ ! -e ${JSON.stringify(go)} ]; do sleep 0.05; done; script -q -c ${JSON.stringify(node)} ${JSON.stringify(out)}; touch ${JSON.stringify(out)}.done; sleep 30`);
    expect(r.status, r.stderr).toBe(0);
    for (const [k, v] of Object.entries(attach.set ?? {})) expect(tmux(base, 'set-environment', '-t', name, k, v).status).toBe(0);
    for (const k of attach.remove ?? []) expect(tmux(base, 'set-environment', '-t', name, '-r', k).status).toBe(0);
    writeFileSync(go, '');
    for (let i = 0; i < 200 && !existsSync(`${out}.done`); i++) await new Promise((res) => setTimeout(res, 50));
    return readFileSync(out, 'utf8');
  }

  const implicit = (s: string): boolean => /[\u200e\u200f]/u.test(s) && !/[\ufe70-\ufefe]/u.test(s);
  const visual = (s: string): boolean => /[\ufe70-\ufefe]/u.test(s);

  it('attached now from VTE: implicit, though the pane was started from xterm', async () => {
    const bytes = await searchAfterAttach('vte', { XTERM_VERSION: 'XTerm(379)' }, { set: { VTE_VERSION: '7006' }, remove: ['MLTERM', 'KONSOLE_VERSION'] });
    expect(implicit(bytes)).toBe(true);
    expect(bytes).toContain('مجلس');
  });

  it('attached now from a terminal that sets none of them: visual, though the pane was started from VTE', async () => {
    const bytes = await searchAfterAttach('plain', { VTE_VERSION: '7006' }, { remove: ['VTE_VERSION', 'MLTERM', 'KONSOLE_VERSION'] });
    expect(visual(bytes)).toBe(true);
  });
});
