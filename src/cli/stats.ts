// `newsq stats`: what the archive holds.

import type { Command } from 'commander';
import type { Calendar } from '../output/articles';
import { formatStats } from '../output/stats';
import { writeRendered } from '../output/terminal';
import { statsHtml } from '../output/html';
import {
  EXIT,
  addDateLimitOptions,
  addIndexOption,
  addOutputOptions,
  calendarOption,
  limitOption,
  type Io,
  type PageOptions,
  PAGE_FORMATS,
  addOpenOption,
  pageSettings,
  writePage,
} from './context';
import { dayLimits } from './date';
import { addEngineOptions, guardEngine, openEngine, reportPartial, type EngineOptions } from './engine';
import type { RunState } from './program';

interface StatsOptions extends PageOptions, EngineOptions {
  top?: string;
  since?: string;
  until?: string;
  calendar?: string;
}

/** Registers the stats command. */
export function registerStats(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('stats')
    .description('size, date span, sources, top keywords, and articles without dates or keywords')
    .option('-n, --top <n>', 'how many keywords to list (0: all)', '10');
  addIndexOption(cmd);
  addEngineOptions(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd, PAGE_FORMATS);
  addOpenOption(cmd);
  calendarOption(cmd);
  cmd.addHelpText(
    'after',
    `
With --since/--until the numbers are of the articles of those dates (undated articles
then drop out).

Examples:
  newsq stats
  newsq stats --since 2016 --top 5
  newsq stats --json | jq .sources`,
  );
  cmd.action((opts: StatsOptions) => {
    const engine = openEngine(opts, io);
    const { settings, html } = pageSettings(opts, io);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const top = limitOption('top', opts.top, 10);
    const { from, to } = dayLimits(engine, io, opts.since, opts.until);
    const stats = guardEngine(engine, () => engine.stats(top, from, to));
    reportPartial(io, engine.missingNodes());
    if (html) writePage(io, statsHtml(stats, calendar, settings.lang), opts.open, 'stats');
    else writeRendered(io.stdout, formatStats(stats, settings, calendar), settings);
    state.exitCode = stats.documents > 0 ? EXIT.found : EXIT.none;
  });
}
