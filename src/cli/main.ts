// Entry point: runs the program and turns every outcome into an exit code. Results go to
// stdout, messages to stderr; a reader that closes the pipe early (| head) is not an error.

import { CommanderError } from 'commander';
import { enableTrace, mark, traceLines } from '../util/trace';
import { CliError, EXIT, guardMessages, processIo, readerWentAway, systemErrorText, type Io } from './context';
import { buildProgram, type RunState } from './program';

/** Runs newsq with the given arguments; returns the exit code (also set on the process when `io` is the real one). */
export function run(argv: string[], given: Io): number {
  const io = guardMessages(given);
  const state: RunState = { exitCode: EXIT.found };
  const program = buildProgram(io, state, argv);
  mark('program built');
  try {
    program.parse(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with code 0; every usage error is a 2, as in grep.
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.found;
      if (err.code === 'commander.help') return EXIT.found;
      return EXIT.error;
    }
    if (err instanceof CliError) {
      io.stderr.write(`newsq: ${err.message}\n`);
      if (err.detail) io.stderr.write(`${err.detail}\n`);
      return err.exitCode;
    }
    const e = err as NodeJS.ErrnoException;
    if (readerWentAway(e)) return EXIT.found;
    // A system error that reached this far: its cause in words and the file, not node's phrasing.
    const message = typeof e?.code === 'string' && e.syscall ? `${e.path ? `${e.syscall} ${e.path}` : e.syscall} failed: ${systemErrorText(e.code)}` : (e?.message ?? String(err));
    io.stderr.write(`newsq: ${message}\n`);
    if (io.env.NEWSQ_DEBUG) io.stderr.write(`${e?.stack ?? ''}\n`);
    return EXIT.error;
  }
}

/** How bin/newsq.js started the bundle. */
export interface StartInfo {
  /** Whether V8's code cache was there and accepted (see bin/newsq.js). */
  codeCache?: 'none' | 'rejected' | 'accepted';
}

/** Process entry: wires the real streams and exit code. */
export function main(argv: string[], start: StartInfo = {}): void {
  if (process.env.NEWSQ_TRACE) {
    enableTrace();
    mark(start.codeCache ? `start (code cache ${start.codeCache})` : 'start');
    process.on('exit', () => process.stderr.write(`${traceLines().join('\n')}\n`));
  }
  const io = processIo();
  const code = (process.exitCode = run(argv, io));
  mark('done');
  // Every command has finished by now (actions are synchronous). When all output has been
  // written, ending here spares the cold process Node's teardown of the heap (2–3 ms of a
  // query); 'exit' listeners still run. Output to a terminal is left to end by itself: a
  // signal that arrived while a table was printing is dispatched on the next turn of the
  // event loop, and must still end newsq as interrupted.
  if (io.written()) process.exit(code);
}
