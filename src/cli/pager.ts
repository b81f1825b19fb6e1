// A pager for output longer than the screen, as git and gh use one: NEWSQ_PAGER, else
// PAGER, else `less -FRX` (quit at once if it fits, keep colours, leave the text on the
// screen). Only when stdout is a terminal and --no-pager was not given; never when piped.

import { spawnSync } from 'node:child_process';
import type { Io, TextStream } from './context';

/** The pager command for an environment; null when paging is turned off (an empty value, or cat). */
export function pagerCommand(env: Io['env']): string | null {
  const chosen = env.NEWSQ_PAGER ?? env.PAGER ?? 'less -FRX';
  const command = chosen.trim();
  if (command === '' || command === 'cat') return null;
  return command;
}

/** Lines a text takes (its final newline ends the last one). */
function lineCount(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return text.endsWith('\n') || text === '' ? n : n + 1;
}

/**
 * stdout with a `page` method when it is a terminal and the io can run a pager: a text of
 * more lines than the screen has goes to the pager (true), else the caller writes it (false).
 * Explicit bidi mode is switched on around the pager, whose output reaches the terminal as
 * the table would have (less -R would show the switch itself as text).
 */
export function pagingStdout(io: Io): TextStream {
  const stdout = io.stdout;
  const run = io.runPager;
  if (stdout.isTTY !== true || !run) return stdout;
  const command = pagerCommand(io.env);
  if (!command) return stdout;
  const page = (text: string, modes?: { before: string; after: string }): boolean => {
    const rows = stdout.rows ?? 24;
    if (lineCount(text) < rows) return false;
    if (modes) stdout.write(modes.before);
    try {
      return run(command, text);
    } finally {
      if (modes) stdout.write(modes.after);
    }
  };
  // A stream of its own rather than one inheriting from stdout: node's streams keep their
  // state on themselves.
  return {
    write: (chunk: string) => stdout.write(chunk),
    isTTY: true,
    get columns() {
      return stdout.columns;
    },
    get rows() {
      return stdout.rows;
    },
    get destroyed() {
      return (stdout as { destroyed?: boolean }).destroyed;
    },
    get writableEnded() {
      return (stdout as { writableEnded?: boolean }).writableEnded;
    },
    page,
  } as TextStream;
}

/**
 * Runs a pager command through the shell with the text on its standard input and the
 * terminal as its output, waiting for it to end. False when it could not run (not found):
 * the caller then writes the text itself.
 */
export function runPagerCommand(command: string, text: string, env: NodeJS.ProcessEnv = process.env): boolean {
  // Ctrl-C in the pager is the pager's (less stops a search with it): newsq waits on.
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  try {
    const r = spawnSync(command, {
      shell: true,
      input: text,
      stdio: ['pipe', 'inherit', 'inherit'],
      // As git does: less keeps colours and quits when the text fits, unless told otherwise.
      env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' },
    });
    return !r.error && r.status !== 127;
  } finally {
    process.off('SIGINT', ignore);
  }
}
