// `newsq analyze <text…>`: how newsq reads a text — each token and the terms it is indexed
// under (like Elasticsearch's _analyze), to understand why something matched or did not;
// with --variants the extra terms a search for the word also looks up, and with --match the
// terms and rules that make the text's words find another text's.

import type { Command } from 'commander';
import { analyzeText } from '../analysis/analyzer';
import { explainMatch } from '../analysis/explain';
import { queryVariants } from '../analysis/variants';
import { formatAnalysis, formatMatch } from '../output/analysis';
import { EXIT, addOutputOptions, outputSettings, type Io, type OutputOptions } from './context';
import type { RunState } from './program';

interface AnalyzeOptions extends OutputOptions {
  variants?: boolean;
  match?: string;
}

/** Registers the analyze command. */
export function registerAnalyze(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('analyze')
    .description('show each token of a text and the terms it is indexed and searched under')
    .argument('<text...>', 'Arabic (or any) text')
    .option('--variants', 'also list the variants a search for each word looks up (broken plurals, other spellings of a name)')
    .option('--match <document>', 'explain whether and how the text\'s words find the words of <document>');
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Each token is indexed under its exact form (diacritics, tatweel and invisible characters
removed, hamza seats and digits folded; hamza on alef, ى and ة kept) and its stems (clitics
and inflections removed, every letter variant folded). A search matches a token when it
shares the exact form or a stem, or when the token holds one of the searched word's
variants (ranked below the word's own forms).

Examples:
  newsq analyze 'والرسالة لـ«خامنئي» ٢٠١٤'
  newsq analyze مدينة ترامب --variants
  newsq analyze مهندس --match 'المهندسة والمدن'
  newsq analyze لبنان اللبنانيين --json`,
  );
  cmd.action((words: string[], opts: AnalyzeOptions) => {
    const settings = outputSettings(opts, io);
    const text = words.join(' ');
    if (opts.match !== undefined) {
      const explained = explainMatch(text, opts.match);
      io.stdout.write(formatMatch(explained ?? [], settings));
      if (!explained) io.stderr.write(`newsq: "${text}" does not find "${opts.match}"\n`);
      state.exitCode = explained ? EXIT.found : EXIT.none;
      return;
    }
    const tokens = analyzeText(text);
    const variants = opts.variants ? tokens.map((t) => queryVariants(t.text)) : undefined;
    io.stdout.write(formatAnalysis(tokens, settings, variants));
    state.exitCode = tokens.length > 0 ? EXIT.found : EXIT.none;
  });
}
