// `newsq date <expression>`: the articles of a day, month, year or range, newest first.
// Also the date handling the other listing commands share: --since/--until as a document
// filter, and errors that show where an expression went wrong and what is accepted.

import type { Command } from 'commander';
import { ACCEPTED_DATE_FORMS, parseDateExpression } from '../dates/date-expression';
import type { ArchiveIndex } from '../index/reader';
import { dateRangePlan } from '../search/plan';
import type { QueryPlan } from '../search/query';
import { DateLimitError, dayBounds, type SearchHit, type SearchOutcome } from '../search/search';
import type { ArchiveEngine, Partial } from '../engine/engine';
import { dayFilter } from '../engine/local';
import { addEngineOptions, guardEngine, openEngine, reportPartial, type EngineOptions } from './engine';
import { QuerySyntaxError } from '../search/parse';
import { dayLabel, formatHits, type Calendar, type HitView } from '../output/articles';
import { writeRendered, type OutputSettings } from '../output/terminal';
import {
  CliError,
  EXIT,
  addListingOptions,
  archiveToday,
  calendarOption,
  caret,
  fieldsOption,
  intOption,
  limitOption,
  quoted,
  outputSettings,
  type Io,
  type OutputOptions,
} from './context';
import type { RunState } from './program';

/** Options every article listing (tag, date) takes. */
export interface ListingOptions extends OutputOptions, EngineOptions {
  limit?: string;
  offset?: string;
  since?: string;
  until?: string;
  count?: boolean;
  calendar?: string;
  fields?: string;
}

/** Where the archive's dates come from, for help texts. */
export const TIME_ZONE_NOTE = `Dates are local days of the archive: its times are taken in the UTC offset the index
was built with (newsq index --tz, or NEWSQ_TZ; +03:00, Saudi time, by default), and
relative dates such as today or 7d are counted in that offset too.`;

/**
 * Turns a date-limit or query error into a CliError: the message, a caret under the
 * problem and, for dates, the list of accepted forms.
 */
export function limitError(err: unknown, query?: string): never {
  if (err instanceof DateLimitError) {
    // A position of -1: both limits read, but they contradict each other (no caret, no forms).
    const detail = err.position < 0 ? undefined : `${caret(err.expression, err.position)}\n${ACCEPTED_DATE_FORMS}`;
    throw new CliError(`--${err.option} ${quoted(err.expression)}: ${err.message}`, EXIT.error, detail);
  }
  if (err instanceof QuerySyntaxError && query !== undefined) {
    const forms = err.message.startsWith('date:') ? `\n${ACCEPTED_DATE_FORMS}` : '';
    throw new CliError(`invalid query at column ${err.position + 1}: ${err.message}`, EXIT.error, caret(query, err.position) + forms);
  }
  throw err;
}

/** A document filter for --since/--until (undefined when neither is given); bad expressions become CliErrors. */
export function dateFilter(index: ArchiveIndex, io: Io, since: string | undefined, until: string | undefined): ((doc: number) => boolean) | undefined {
  if (since === undefined && until === undefined) return undefined;
  try {
    const { from, to } = dayBounds(since, until, archiveToday(index, io));
    return dayFilter(index, from, to);
  } catch (err) {
    return limitError(err);
  }
}

/** Day-number bounds for --since/--until on any engine; bad expressions become CliErrors. */
export function dayLimits(engine: ArchiveEngine, io: Io, since: string | undefined, until: string | undefined): { from: number | null; to: number | null } {
  if (since === undefined && until === undefined) return { from: null, to: null };
  try {
    return dayBounds(since, until, engine.today(io.now()));
  } catch (err) {
    return limitError(err);
  }
}

/**
 * Runs a listing (tag, date): the plan's articles newest first, the page asked for, the
 * date limits applied.
 */
export function runListing(engine: ArchiveEngine, plan: QueryPlan, opts: ListingOptions, settings: OutputSettings, today: string): SearchOutcome & Partial {
  try {
    return engine.run({ plan, proximity: null, filterOnly: true, notices: [] }, {
      limit: opts.count ? 0 : limitOption('limit', opts.limit, 20),
      offset: intOption('offset', opts.offset, 0),
      sort: 'newest',
      // A listing names every article of its keyword or period: copies are listed too.
      collapse: false,
      // A listing by keyword or date matched no words: on a terminal the headline says
      // more than an article's opening; scripts still get it.
      snippets: settings.format !== 'table',
      since: opts.since,
      until: opts.until,
      today,
    });
  } catch (err) {
    return limitError(err);
  }
}

/** Search hits as a date-ordered listing shows them: no relevance score. */
export function listingViews(hits: SearchHit[]): HitView[] {
  return hits.map((h) => ({ article: h.article, score: null, title: h.title, snippet: h.snippet }));
}

/** Registers the date command. */
export function registerDate(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('date')
    .description('articles of a day, month, year or range (any date expression), newest first')
    .argument('<expression...>', 'a date expression: 2014-11-07, "نوفمبر 2014", 2015-01..2015-03, "محرم 1436", 7d …');
  addListingOptions(cmd, 'articles');
  addEngineOptions(cmd);
  cmd.addHelpText(
    'after',
    `
${ACCEPTED_DATE_FORMS}

${TIME_ZONE_NOTE}

Examples:
  newsq date 2015-04                  the articles of April 2015
  newsq date "نوفمبر 2014"            the same with an Arabic month name
  newsq date "رمضان 1436" --calendar hijri
  newsq date 2015-01..2015-03 --count
  newsq date 2014 --json | jq '.[].title'`,
  );
  cmd.action((words: string[], opts: ListingOptions) => {
    const expression = words.join(' ');
    const engine = openEngine(opts, io);
    const settings = outputSettings(opts, io);
    const fields = fieldsOption(opts.fields);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const today = engine.today(io.now());
    const parsed = parseDateExpression(expression, { today });
    if (!parsed.ok) {
      throw new CliError(`cannot read the date ${quoted(expression)}: ${parsed.message}`, EXIT.error, `${caret(expression, parsed.position)}\n${ACCEPTED_DATE_FORMS}`);
    }
    const outcome = guardEngine(engine, () => runListing(engine, dateRangePlan(parsed.range.start, parsed.range.end, engine.planContext(today)), opts, settings, today));
    reportPartial(io, outcome.missing);
    const { start, end } = parsed.range;
    const range = `${start ? dayLabel(start, calendar) : '…'} – ${end ? dayLabel(end, calendar) : '…'}`;
    if (opts.count) io.stdout.write(`${outcome.total}\n`);
    // An empty result is still a result to a script: [] in JSON, the CSV header (and the TSV one with --header).
    else if (outcome.hits.length > 0 || settings.format !== 'table') writeRendered(io.stdout, formatHits(listingViews(outcome.hits), settings, calendar, fields, outcome.missing), settings);
    if (settings.format === 'table' && !opts.count) {
      const shown = outcome.hits.length < outcome.total ? ` (showing ${outcome.hits.length}; --limit for more)` : '';
      io.stderr.write(`newsq: ${parsed.label} = ${range}: ${outcome.total} article${outcome.total === 1 ? '' : 's'}${shown}\n`);
    }
    state.exitCode = outcome.total > 0 ? EXIT.found : EXIT.none;
  });
}
