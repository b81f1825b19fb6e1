// `newsq tags`: the archive's keywords with their article counts, most used first.

import type { Command } from 'commander';
import { formatKeywordCounts } from '../output/keywords';
import { writeRendered } from '../output/terminal';
import {
  EXIT,
  addDateLimitOptions,
  addIndexOption,
  addOutputOptions,
  intOption,
  outputSettings,
  type Io,
  type OutputOptions,
} from './context';
import { dayLimits } from './date';
import { addEngineOptions, guardEngine, openEngine, reportPartial, type EngineOptions } from './engine';
import type { RunState } from './program';

interface TagsOptions extends OutputOptions, EngineOptions {
  top?: string;
  limit?: string;
  since?: string;
  until?: string;
}

/** Registers the tags command. */
export function registerTags(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('tags')
    .description('keywords with the number of articles carrying each, most used first')
    .option('-n, --top <n>', 'show the N most used keywords (default and 0: all)')
    .option('--limit <n>', 'same as --top');
  addIndexOption(cmd);
  addEngineOptions(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Counts are of articles, each keyword once per article; spellings that differ only in
hamza, alef, ta marbuta or diacritics are one keyword, shown in its most used spelling.
With --since/--until only articles of those dates count.

Examples:
  newsq tags --top 10
  newsq tags --since 2016 --until 2016
  newsq tags --json | jq '.[] | select(.count > 5) | .keyword'`,
  );
  cmd.action((opts: TagsOptions) => {
    const engine = openEngine(opts, io);
    const settings = outputSettings(opts, io);
    const top = intOption(opts.top !== undefined ? 'top' : 'limit', opts.top ?? opts.limit, 0);
    const { from, to } = dayLimits(engine, io, opts.since, opts.until);
    const accept = from !== null || to !== null;
    const counts = guardEngine(engine, () => engine.keywordCounts(from, to));
    reportPartial(io, engine.missingNodes());
    const shown = top > 0 ? counts.slice(0, top) : counts;
    if (shown.length > 0 || settings.format !== 'table') writeRendered(io.stdout, formatKeywordCounts(shown, settings), settings);
    if (counts.length === 0) {
      io.stderr.write(`newsq: ${accept ? 'no article of those dates carries keywords' : 'the archive has no keywords'}\n`);
    }
    state.exitCode = counts.length > 0 ? EXIT.found : EXIT.none;
  });
}
