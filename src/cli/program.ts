// The program registry: every subcommand is registered here, from its own file.

import { Command } from 'commander';
import type { Io } from './context';
import { GLOBAL_OPTIONS } from './global';
import { registerAnalyze } from './analyze';
import { registerComplete } from './complete';
import { registerCompletion } from './completion';
import { registerDate } from './date';
import { registerIndex } from './index';
import { registerRelated } from './related';
import { registerSearch } from './search';
import { registerShow } from './show';
import { registerStats } from './stats';
import { registerTag } from './tag';
import { registerTags } from './tags';
import { registerTimeline } from './timeline';

/** Mutable outcome of a run: the exit code the action chose. */
export interface RunState {
  exitCode: number;
}

declare const __NEWSQ_VERSION__: string;

/** The version string, injected by the bundler (the test runner reads package.json). */
export function version(): string {
  return typeof __NEWSQ_VERSION__ === 'string' ? __NEWSQ_VERSION__ : 'dev';
}

// Every subcommand by name, in the order help lists them.
const REGISTRY: ReadonlyArray<readonly [string, (program: Command, io: Io, state: RunState) => void]> = [
  ['search', registerSearch],
  ['show', registerShow],
  ['tag', registerTag],
  ['tags', registerTags],
  ['date', registerDate],
  ['related', registerRelated],
  ['timeline', registerTimeline],
  ['stats', registerStats],
  ['index', registerIndex],
  ['analyze', registerAnalyze],
  ['completion', registerCompletion],
  ['__complete', registerComplete],
];

/** Commands whose arguments are free text (a query, a keyword, a headline, a date). */
const TAKES_TEXT = new Set(['search', 'timeline', 'tag', 'date', 'related', 'analyze', 'show']);

/**
 * Builds the commander program, writing to the given streams. With the arguments of a run
 * whose first word names a subcommand, only that subcommand is set up: every call is a
 * cold start, and setting up the other eleven (their options, choices and help texts) is
 * time a query waits for. Help, errors and completion (which lists every command) get them all.
 */
export function buildProgram(io: Io, state: RunState, argv?: readonly string[]): Command {
  const named = argv?.[0];
  const program = new Command('newsq');
  program
    .description('Query archives of Arabic news articles: search, keywords, dates and related-story chains.')
    .version(version(), '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => {
        write(s.startsWith('error:') ? `newsq: ${s}` : s);
        // A query word that starts with "-" reads as an option: say how to pass it.
        const word = /^error: unknown option '(-[^-'][^']*)'/.exec(s)?.[1];
        if (word && named && TAKES_TEXT.has(named)) write(`(a word that starts with "-" goes after --: newsq ${named} -- ${word})\n`);
      },
    })
    .exitOverride();
  const only = named !== undefined && named !== '__complete' ? REGISTRY.find(([name]) => name === named) : undefined;
  for (const [, register] of only ? [only] : REGISTRY) register(program, io, state);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.showHelpAfterError('(add --help for usage)');
    cmd.configureOutput(program.configureOutput());
  }
  program.addHelpText('after', () => programHelpEnd(program));
  return program;
}

/** One example per command, for `newsq --help` and the man page. */
export const COMMAND_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ['newsq search خامنئي', 'ranked full-text search'],
  ['newsq show 9910a795592f', 'one article in full'],
  ['newsq tag إيران', 'articles carrying a keyword'],
  ['newsq tags --top 10', 'the most used keywords'],
  ['newsq date 2015-04', 'the articles of April 2015'],
  ['newsq related 45a73cc51dcd', 'the chain of related stories'],
  ['newsq timeline خامنئي --by month', 'matches per month, as bars'],
  ['newsq stats', 'size, dates, sources, keywords'],
  ['newsq index ~/archive --index ~/a.newsq', 'build an index'],
  ['newsq analyze والرسالة', 'how a word is indexed'],
  ['source <(newsq completion bash)', 'tab completion'],
];

/** The global options as the commands define them: flags and description. */
export function globalOptionHelp(program: Command): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const name of Object.keys(GLOBAL_OPTIONS)) {
    // Where commands word an option differently (--format html on some), the plainest wording.
    const option = program.commands
      .flatMap((cmd) => cmd.options)
      .filter((o) => o.long === name)
      .sort((a, b) => a.description.length - b.description.length)[0];
    if (option) rows.push([option.flags, option.description]);
  }
  return rows;
}

function programHelpEnd(program: Command): string {
  const column = (rows: ReadonlyArray<readonly [string, string]>): string => {
    const width = Math.max(...rows.map(([left]) => left.length)) + 2;
    return rows.map(([left, right]) => `  ${left}${' '.repeat(width - left.length)}${right}`).join('\n');
  };
  return `
Global options (before the command as after it: newsq --index DIR search …):
${column(globalOptionHelp(program))}

Examples:
${column([...COMMAND_EXAMPLES, ['newsq search إيران --json | jq …', 'JSON for scripts']])}

Exit status: 0 when something was found, 1 when nothing was, 2 on a usage or runtime error.`;
}
