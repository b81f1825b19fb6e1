// `newsq tag <keyword…>`: the articles carrying keywords, newest first.

import type { Command } from 'commander';
import type { KeywordMatch } from '../features/keywords';
import { addEngineOptions, guardEngine, openEngine, reportPartial } from './engine';
import type { QueryPlan } from '../search/query';
import { FIELD_ID } from '../index/schema';
import { formatHits, type Calendar } from '../output/articles';
import { formatSuggestions } from '../output/keywords';
import { writeRendered } from '../output/terminal';
import {
  CliError,
  EXIT,
  addListingOptions,
  calendarOption,
  fieldsOption,
  quoted,
  outputSettings,
  type Io,
} from './context';
import { listingViews, runListing, type ListingOptions } from './date';
import type { RunState } from './program';

interface TagOptions extends ListingOptions {
  any?: boolean;
}

type UnknownKeyword = Extract<KeywordMatch, { keyword: null }>;

function isUnknown(m: KeywordMatch): m is UnknownKeyword {
  return m.keyword === null;
}

function unknownMessage(m: UnknownKeyword): string {
  return `no keyword ${quoted(m.input)} in the archive`;
}

/** Registers the tag command. */
export function registerTag(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('tag')
    .description('articles carrying keywords, newest first (all of them; --any for either)')
    .argument('<keyword...>', 'keywords; each argument is one keyword, quote multi-word ones')
    .option('--any', 'articles carrying any of the keywords, not all');
  addListingOptions(cmd, 'articles');
  addEngineOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Keywords match whatever their spelling of hamza, alef, ta marbuta or diacritics (ايران
finds إيران). An unknown keyword exits with status 1 and suggests the closest known
ones; \`newsq tags\` lists them all. \`tag:\` in a search query matches the same way.

Examples:
  newsq tag إيران
  newsq tag "الدولة الإسلامية" العراق       articles carrying both
  newsq tag اليمن السعودية --any --since 2015
  newsq tag خامنئي --count`,
  );
  cmd.action((keywords: string[], opts: TagOptions) => {
    const engine = openEngine(opts, io);
    const settings = outputSettings(opts, io);
    const fields = fieldsOption(opts.fields);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const today = engine.today(io.now());
    // Nothing to list: a script still gets [] or the header, as from an empty listing.
    const none = (): void => {
      if (!opts.count && settings.format !== 'table') writeRendered(io.stdout, formatHits([], settings, calendar, fields), settings);
    };
    const outcome = guardEngine(engine, () => {
      if (!engine.hasKeywords()) {
        none();
        throw new CliError('the archive has no keywords; search its text instead (newsq search …)', EXIT.none);
      }
      const matches = keywords.map((k) => engine.matchKeyword(k));
      const known = matches.filter((m) => m.keyword !== null);
      const unknown = matches.filter(isUnknown);
      if (unknown.length > 0 && (!opts.any || known.length === 0)) {
        // One unknown keyword settles an AND query: report each with its suggestions.
        const last = unknown.pop()!;
        for (const m of unknown) io.stderr.write(`newsq: ${unknownMessage(m)}\n${formatSuggestions(m.suggestions)}\n`);
        none();
        throw new CliError(unknownMessage(last), EXIT.none, formatSuggestions(last.suggestions));
      }
      for (const m of unknown) io.stderr.write(`newsq: ${unknownMessage(m)} (ignored with --any)\n`);
      const leaves: QueryPlan[] = known.map((m) => ({ kind: 'leaf', term: m.key, fields: [FIELD_ID.tags] }));
      const plan: QueryPlan = leaves.length === 1 ? leaves[0]! : { kind: opts.any ? 'or' : 'and', children: leaves };
      return runListing(engine, plan, opts, settings, today);
    });
    reportPartial(io, outcome.missing);
    if (opts.count) io.stdout.write(`${outcome.total}\n`);
    // An empty result is still a result to a script: [] in JSON, the CSV header (and the TSV one with --header).
    else if (outcome.hits.length > 0 || settings.format !== 'table') writeRendered(io.stdout, formatHits(listingViews(outcome.hits), settings, calendar, fields, outcome.missing), settings);
    if (outcome.total === 0 && !opts.count && settings.format === 'table') {
      io.stderr.write(`newsq: no article carries ${keywords.length > 1 ? (opts.any ? 'any of ' : 'all of ') : ''}${keywords.map(quoted).join(', ')}${opts.since || opts.until ? ' in that date range' : ''}\n`);
    }
    state.exitCode = outcome.total > 0 ? EXIT.found : EXIT.none;
  });
}
