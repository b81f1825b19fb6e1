// `newsq timeline <query…>`: how many matching articles each day, week or month.

import { groupDigits } from '../util/numbers';
import type { Command } from 'commander';
import { GRANULARITIES, engineTimeline, type Granularity } from '../features/timeline';
import { formatTimeline } from '../output/timeline';
import { writeRendered } from '../output/terminal';
import { timelineHtml } from '../output/html';
import { dayLabel } from '../output/articles';
import {
  CliError,
  EXIT,
  addDateLimitOptions,
  addIndexOption,
  addOutputOptions,
  calendarOption,
  quoted,
  type Io,
  type PageOptions,
  PAGE_FORMATS,
  addOpenOption,
  pageSettings,
  writePage,
} from './context';
import { limitError } from './date';
import type { RunState } from './program';
import { addEngineOptions, guardEngine, openEngine, reportPartial } from './engine';

interface TimelineOptions extends PageOptions {
  index?: string;
  engine?: string;
  allowPartial?: boolean;
  by?: string;
  since?: string;
  until?: string;
  calendar?: string;
}

/** Registers the timeline command. */
export function registerTimeline(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('timeline')
    .description('attention over time: matching articles per day, week or month, as bars')
    .argument('<query...>', 'a search query (same language as newsq search)')
    .option('--by <period>', 'day, week (from Sunday) or month (default: by the length of the range)');
  addIndexOption(cmd);
  addEngineOptions(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd, PAGE_FORMATS);
  addOpenOption(cmd);
  calendarOption(cmd);
  cmd.addHelpText(
    'after',
    `
The range is --since/--until, else the whole archive, and every period in it is shown,
zero or not. Without --by: days up to two months, weeks up to seven, months beyond.
With --calendar hijri, months are Umm al-Qura months and labels Hijri dates. Articles
without a date are in no period (the JSON's "undated" counts them).

Examples:
  newsq timeline خامنئي
  newsq timeline 'tag:"الدولة الإسلامية"' --by month --since 2014-06 --until 2015-12
  newsq timeline أوبك --calendar hijri
  newsq timeline إيران --format csv > iran.csv`,
  );
  cmd.action((words: string[], opts: TimelineOptions) => {
    const query = words.join(' ');
    const engine = openEngine(opts, io);
    const { settings, html } = pageSettings(opts, io);
    const calendar = calendarOption.read(opts.calendar);
    if (opts.by !== undefined && !GRANULARITIES.includes(opts.by as Granularity)) {
      throw new CliError(`--by must be day, week or month, got ${quoted(opts.by)}`);
    }
    const timeline = guardEngine(engine, () => {
      try {
        return engineTimeline(engine, {
          query,
          since: opts.since,
          until: opts.until,
          today: engine.today(io.now()),
          calendar,
          ...(opts.by ? { by: opts.by as Granularity } : {}),
        });
      } catch (err) {
        if (err instanceof RangeError) throw new CliError(err.message);
        return limitError(err, query);
      }
    });
    reportPartial(io, timeline.missing);
    if (html) {
      const span = timeline.from && timeline.to ? `, ${dayLabel(timeline.from, calendar)} – ${dayLabel(timeline.to, calendar)}` : '';
      writePage(io, timelineHtml(timeline, settings.lang, query, `${groupDigits(timeline.total)} article${timeline.total === 1 ? '' : 's'}${span}`), opts.open, 'timeline');
    } else if (timeline.total > 0 || settings.format !== 'table') writeRendered(io.stdout, formatTimeline(timeline, settings, timeline.missing), settings);
    if (settings.format === 'table') {
      if (timeline.total === 0) io.stderr.write(`newsq: no articles match ${quoted(query)}${timeline.periods.length ? ' in that range' : ''}\n`);
      else if (timeline.undated > 0) io.stderr.write(`newsq: ${timeline.undated} matching article${timeline.undated === 1 ? ' has' : 's have'} no date\n`);
    }
    state.exitCode = timeline.total > 0 ? EXIT.found : EXIT.none;
  });
}
