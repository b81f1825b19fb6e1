// `newsq analyze <text…>`: how newsq reads a text — each token and the terms it is indexed
// under (like Elasticsearch's _analyze), to understand why something matched or did not.

import type { Command } from 'commander';
import { analyzeText } from '../analysis/analyzer';
import { formatAnalysis } from '../output/analysis';
import { EXIT, addOutputOptions, outputSettings, type Io, type OutputOptions } from './context';
import type { RunState } from './program';

/** Registers the analyze command. */
export function registerAnalyze(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('analyze')
    .description('show each token of a text and the terms it is indexed and searched under')
    .argument('<text...>', 'Arabic (or any) text');
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Each token is indexed under its exact form (diacritics, tatweel and invisible characters
removed; alef, hamza seats, ة/ه, ى/ي and digits folded) and its stems (clitics and
inflections removed). A search matches a token when it shares the exact form or a stem.

Examples:
  newsq analyze 'والرسالة لـ«خامنئي» ٢٠١٤'
  newsq analyze لبنان اللبنانيين --json`,
  );
  cmd.action((words: string[], opts: OutputOptions) => {
    const settings = outputSettings(opts, io);
    const tokens = analyzeText(words.join(' '));
    io.stdout.write(formatAnalysis(tokens, settings));
    state.exitCode = tokens.length > 0 ? EXIT.found : EXIT.none;
  });
}
