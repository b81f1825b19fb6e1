// Entry point: runs the program and turns every outcome into an exit code. Results go to
// stdout, messages to stderr; a reader that closes the pipe early (| head) is not an error.

import { CommanderError } from 'commander';
import { enableTrace, mark, traceLines } from '../util/trace';
import { CliError, EXIT, guardMessages, processIo, readerWentAway, systemErrorText, type Io } from './context';
import { buildProgram, type RunState } from './program';
import { hoistGlobalOptions } from './global';
import { pagingStdout } from './pager';
import { messageStream } from '../output/messages';
import { BIDI_SETTINGS, resolveBidi, tmuxOuterTerminal, type BidiSetting } from '../output/terminal';

/** Runs newsq with the given arguments; returns the exit code (also set on the process when `io` is the real one). */
export function run(line: string[], given: Io): number {
  const { argv, commandMissing } = hoistGlobalOptions(line);
  // Quoted text is made harmless first; the bidi layout then adds only newsq's own marks.
  const io = guardMessages(withMessageBidi(withPager(given), argv));
  const state: RunState = { exitCode: EXIT.found };
  if (commandMissing) {
    io.stderr.write('newsq: a command must follow the options, as in: newsq --index DIR search <query>\n(add --help for usage)\n');
    return EXIT.error;
  }
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

/** The io with a stdout that pages long output on a terminal (see pagingStdout). */
function withPager(io: Io): Io {
  const stdout = pagingStdout(io);
  return stdout === io.stdout ? io : (Object.create(io, { stdout: { value: stdout, enumerable: true } }) as Io);
}

/** The io with stderr laid out for its terminal's bidi handling, as tables are (--bidi, NEWSQ_BIDI, detection). */
function withMessageBidi(io: Io, argv: string[]): Io {
  const at = argv.findIndex((a) => a === '--bidi' || a.startsWith('--bidi='));
  const value = at < 0 ? undefined : argv[at]?.startsWith('--bidi=') ? argv[at]?.slice(7) : argv[at + 1];
  const flag = (BIDI_SETTINGS as readonly string[]).includes(value ?? '') ? (value as BidiSetting) : undefined;
  const stderr = messageStream(
    () => io.stderr,
    (isTTY) => resolveBidi(flag, io.env, isTTY, () => tmuxOuterTerminal(io.env)),
  );
  // The other members stay io's own (stderr is created on first use there too).
  return Object.create(io, { stderr: { get: () => stderr, enumerable: true } }) as Io;
}

// A build's analysis worker loads this bundle and starts here (ingest/analysis-thread.ts).
export { serveAnalysis } from '../ingest/analysis-thread';

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
