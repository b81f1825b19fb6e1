// `newsq show <id>`: one article in full.

import type { Command } from 'commander';
import { formatArticle, type Calendar } from '../output/articles';
import { writeRendered } from '../output/terminal';
import { addIndexOption, addOutputOptions, calendarOption, outputSettings, type Io, type OutputOptions } from './context';
import { addEngineOptions, guardEngine, openEngine, type EngineOptions } from './engine';
import type { RunState } from './program';

/** Registers the show command. */
export function registerShow(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('show')
    .description('print one article in full')
    .argument('<id>', 'article id (a unique prefix of at least 4 characters is enough)');
  addIndexOption(cmd);
  addEngineOptions(cmd);
  addOutputOptions(cmd);
  calendarOption(cmd);
  cmd.addHelpText('after', '\nExamples:\n  newsq show 9910a795592f\n  newsq show 9910 --json');
  cmd.action((id: string, opts: OutputOptions & EngineOptions & { calendar?: string }) => {
    const engine = openEngine(opts, io);
    const settings = outputSettings(opts, io);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const article = guardEngine(engine, () => engine.article(id));
    writeRendered(io.stdout, formatArticle(article, settings, calendar), settings);
    state.exitCode = 0;
  });
}
