// `newsq search <query…>`: ranked full-text search.

import { groupDigits } from '../util/numbers';
import type { Command } from 'commander';
import { mark } from '../util/trace';
import { type SortOrder } from '../search/search';
import { compileQuery } from '../search/plan';
import { addEngineOptions, guardEngine, openEngine, reportPartial, type EngineOptions } from './engine';
import { formatHits, type Calendar } from '../output/articles';
import { writeRendered } from '../output/terminal';
import { hitsHtml } from '../output/html';
import {
  EXIT,
  addListingOptions,
  calendarOption,
  fieldsOption,
  intOption,
  limitOption,
  quoted,
  CliError,
  type Io,
  type PageOptions,
  PAGE_FORMATS,
  addOpenOption,
  pageSettings,
  writePage,
} from './context';
import { limitError } from './date';
import type { RunState } from './program';

interface SearchOptions extends PageOptions, EngineOptions {
  limit?: string;
  offset?: string;
  fields?: string;
  since?: string;
  until?: string;
  count?: boolean;
  calendar?: string;
  sort?: string;
  collapse?: boolean;
}

const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

/** Registers the search command. */
export function registerSearch(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('search')
    .description('ranked full-text search, Arabic-aware (clitics, spelling variants, suffixes)')
    .argument('<query...>', 'words and operators (see "Query language" below)');
  addListingOptions(cmd, 'results', 'matching articles', PAGE_FORMATS);
  addOpenOption(cmd);
  addEngineOptions(cmd);
  cmd
    .option('--sort <order>', 'relevance, newest or oldest (default: relevance; newest for a query of filters only)')
    .option('--no-collapse', 'list every wire copy of a story, not one result per story');
  cmd.addHelpText(
    'after',
    `
Query language:
  خامنئي رسالة            both words (AND is implied)
  إيران OR طهران          either word
  إيران -العراق           without a word (also NOT)
  "الدولة الإسلامية"      an exact phrase (a clitic allowed on its first word)
  "وزير الخارجية"~3       the words within three more positions, in any order
  مفاوض*                 words starting with a prefix
  خامنئى~                a fuzzy match (~2 for two edits)
  title:خامنئي  tag:"الدولة الإسلامية"  source:الخليج  author:"…"  date:2014-11..2015-01
  (إيران OR طهران) -نووي   parentheses group; OR binds looser than AND

Examples:
  newsq search خامنئي
  newsq search 'رسالة "الدولة الإسلامية"' --since 2014-11
  newsq search إيران --json | jq '.[].title'
  newsq search 'tag:إيران date:2015' --count
  newsq search خامنئي --open                    the results as a page in the browser`,
  );
  cmd.action((words: string[], opts: SearchOptions) => {
    const query = words.join(' ');
    mark('parsed');
    const engine = openEngine(opts, io);
    mark('index opened');
    const { settings, html } = pageSettings(opts, io);
    const fields = fieldsOption(opts.fields);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const limit = limitOption('limit', opts.limit, 20);
    const offset = intOption('offset', opts.offset, 0);
    if (opts.sort !== undefined && !SORTS.includes(opts.sort as SortOrder)) throw new CliError(`--sort must be one of ${SORTS.join(', ')}, got ${quoted(opts.sort)}`);
    const outcome = guardEngine(engine, () => {
      try {
        const today = engine.today(io.now());
        return engine.run(compileQuery(query, engine.planContext(today)), {
          limit: opts.count ? 0 : limit,
          offset,
          ...(opts.sort !== undefined ? { sort: opts.sort as SortOrder } : {}),
          collapse: opts.collapse !== false,
          ...(opts.since !== undefined ? { since: opts.since } : {}),
          ...(opts.until !== undefined ? { until: opts.until } : {}),
          today,
        });
      } catch (err) {
        return limitError(err, query);
      }
    });
    mark('searched');
    for (const notice of outcome.notices) io.stderr.write(`newsq: ${notice}\n`);
    reportPartial(io, outcome.missing);
    if (html && !opts.count) {
      writePage(io, hitsHtml(outcome.hits, calendar, settings.lang, query, outcome.total ? pageLine(offset, outcome.hits.length, outcome.total) : `no articles match ${quoted(query)}`), opts.open, 'search');
      state.exitCode = outcome.total > 0 ? EXIT.found : EXIT.none;
      return;
    }
    if (opts.count) io.stdout.write(`${outcome.total}\n`);
    // An empty result is still a result to a script: [] in JSON, the CSV header (and the TSV one with --header).
    else if (outcome.hits.length > 0 || settings.format !== 'table') writeRendered(io.stdout, formatHits(outcome.hits, settings, calendar, fields, outcome.missing), settings);
    if (outcome.total === 0 && !opts.count && settings.format === 'table') io.stderr.write(`newsq: no articles match ${quoted(query)}\n`);
    // On a terminal, which results of how many (as date says); not for a table sent elsewhere.
    else if (!opts.count && settings.format === 'table' && io.stdout.isTTY === true) io.stderr.write(`newsq: ${pageLine(offset, outcome.hits.length, outcome.total)}\n`);
    state.exitCode = outcome.total > 0 ? EXIT.found : EXIT.none;
  });
}

/** Which results a page shows of how many: "1–20 of 2,112 results (--offset 20 for more)". */
export function pageLine(offset: number, shown: number, total: number): string {
  const all = `${groupDigits(total)} result${total === 1 ? '' : 's'}`;
  if (shown === 0) return `none of ${all} after --offset ${offset}`;
  const first = offset + 1;
  const last = offset + shown;
  const more = last < total ? ` (--offset ${last} for more)` : '';
  return `${first === last ? first : `${first}–${last}`} of ${all}${more}`;
}
