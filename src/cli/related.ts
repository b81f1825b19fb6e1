// `newsq related <id | headline>`: the chain of related stories around an article.

import type { Command } from 'commander';
import type { ArchiveEngine } from '../engine/engine';
import { DEFAULT_SIMILAR, findHeadlineIn, followSourceChain, type ChainArticle } from '../features/related/chain';
import { CLOSE_MATCH_THRESHOLD } from '../features/related/resolve';
import { dayLabel, type Calendar } from '../output/articles';
import { formatChain } from '../output/related';
import { writeRendered } from '../output/terminal';
import { chainHtml } from '../output/html';
import {
  CliError,
  EXIT,
  addDateLimitOptions,
  addIndexOption,
  addOutputOptions,
  calendarOption,
  intOption,
  limitOption,
  quoted,
  type Io,
  type PageOptions,
  PAGE_FORMATS,
  addOpenOption,
  pageSettings,
  writePage,
} from './context';
import { dayLimits } from './date';
import type { RunState } from './program';
import { addEngineOptions, guardEngine, openEngine, reportPartial } from './engine';

interface RelatedOptions extends PageOptions {
  index?: string;
  engine?: string;
  allowPartial?: boolean;
  depth?: string;
  backlinks?: boolean;
  timeline?: boolean;
  similar?: boolean;
  limit?: string;
  since?: string;
  until?: string;
  calendar?: string;
}

function candidateLines(candidates: Array<{ article: ChainArticle; score: number }>, calendar: Calendar): string {
  return candidates.map(({ article, score }) => `  ${article.id}  ${dayLabel(article.date, calendar) || '—'}  ${score}  ${article.title}`).join('\n');
}

/**
 * The article an argument names: an id, a unique id prefix, or a headline (resolved like
 * a related headline). Also returns a note for stderr when a headline matched only closely.
 */
export function articleFromArgument(engine: ArchiveEngine, text: string, calendar: Calendar): { article: ChainArticle; note: string | null } {
  const source = engine.chainSource();
  const trimmed = text.trim();
  const exact = source.article(trimmed);
  if (exact !== null) return { article: exact, note: null };
  if (/^[0-9a-f]{4,}$/i.test(trimmed)) return { article: source.article(engine.article(trimmed).id)!, note: null };
  const found = findHeadlineIn(source, trimmed);
  switch (found.kind) {
    case 'found':
      return {
        article: found.article,
        note: found.how === 'close' ? `no headline is exactly ${quoted(trimmed)}; using the closest (similarity ${found.score}): ${found.article.title}` : null,
      };
    case 'ambiguous':
      throw new CliError(`the headline ${quoted(trimmed)} matches ${found.candidates.length} articles; give one of their ids:`, EXIT.error, candidateLines(found.candidates, calendar));
    case 'none': {
      const closest = found.closest.length ? `closest headlines:\n${candidateLines(found.closest, calendar)}` : undefined;
      throw new CliError(`no article with the id or headline ${quoted(trimmed)}`, EXIT.none, closest);
    }
  }
}

/** Registers the related command. */
export function registerRelated(program: Command, io: Io, state: RunState): void {
  const cmd = program
    .command('related')
    .description('the chain of related stories around an article (its related headlines, followed)')
    .argument('<article...>', 'an article id, a unique id prefix (4+ characters), or a headline')
    .option('--depth <n>', 'how many links to follow from the article (default 2; with --timeline and no --backlinks, all)')
    .option('--backlinks', 'also follow links into each article (stories whose lists name it)')
    .option('--timeline', 'print every story reached in date order instead of a tree')
    .option('--similar', `link articles by content instead of their related lists (for archives without them)`)
    .option('-n, --limit <n>', `at most N related stories per article (0: no limit; default: all, ${DEFAULT_SIMILAR} with --similar)`);
  addIndexOption(cmd);
  addEngineOptions(cmd);
  addDateLimitOptions(cmd);
  addOutputOptions(cmd, PAGE_FORMATS);
  addOpenOption(cmd);
  calendarOption(cmd);
  cmd.addHelpText(
    'after',
    `
Related headlines were matched to articles when the index was built: the same headline
up to spelling (hamza, guillemets, digits), else the most similar headline at Dice
similarity ${CLOSE_MATCH_THRESHOLD} or more (marked ≈ in the tree). A headline given as the argument is
found the same way, except that a headline naming another place, person or number is
not taken for it. Headlines the archive does not hold
are shown dimmed as "not in archive". A story reached twice is shown once in full and
elsewhere as "↑ above" or "↓ below" (where its full entry is), so cycles end; two stories
that list each other are one entry, "↔ lists each other". --since/--until leave out articles of other dates
(the starting article always stays).

Examples:
  newsq related 45a73cc51dcd
  newsq related 45a7 --depth 1 --backlinks
  newsq related "خامنئي يوجه رسالة إلى الشباب في أوروبا وأمريكا الشمالية"
  newsq related 54172a987771 --timeline
  newsq related 54172a987771 --similar --limit 3
  newsq related 45a73cc51dcd --json | jq '.edges[] | select(.how == "none") | .headline'`,
  );
  cmd.action((words: string[], opts: RelatedOptions) => {
    const engine = openEngine(opts, io);
    const { settings, html } = pageSettings(opts, io);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const explicitDepth = opts.depth !== undefined;
    // Backlinks in both directions reach much of an archive when followed to the end: a
    // timeline follows every link only without them, unless --depth says otherwise.
    const depth = explicitDepth ? intOption('depth', opts.depth, 2) : opts.timeline && !opts.similar && !opts.backlinks ? Infinity : 2;
    // --limit 0 means no limit, as everywhere: with --similar, every article similar enough.
    const limit = opts.limit !== undefined ? limitOption('limit', opts.limit, 0) : opts.similar ? DEFAULT_SIMILAR : null;
    const { from, to } = dayLimits(engine, io, opts.since, opts.until);
    const limited = from !== null || to !== null;
    const accept = (a: ChainArticle) => a.day !== null && (from === null || a.day >= from) && (to === null || a.day <= to);
    const chain = guardEngine(engine, () => {
      const { article, note } = articleFromArgument(engine, words.join(' '), calendar);
      if (note) io.stderr.write(`newsq: ${note}\n`);
      const follow = (depth: number) =>
        followSourceChain(engine.chainSource(), article.id, {
          depth,
          backlinks: opts.backlinks === true,
          similar: opts.similar === true,
          limit,
          ...(limited ? { accept } : {}),
        });
      const chain = follow(depth);
      if (!explicitDepth && opts.timeline && opts.backlinks && !opts.similar && follow(depth + 1).nodes.length > chain.nodes.length) {
        io.stderr.write(`newsq: with --backlinks the timeline stops ${depth} links from the article; --depth N follows further\n`);
      }
      return chain;
    });
    reportPartial(io, engine.missingNodes());
    const view = opts.timeline ? 'timeline' : 'tree';
    if (html) writePage(io, chainHtml(chain, calendar, settings.lang, view), opts.open, 'related');
    else if (chain.edges.length > 0 || settings.format !== 'table') {
      writeRendered(io.stdout, formatChain(chain, settings, calendar, view), settings);
    }
    if (chain.edges.length === 0) {
      const listless = !opts.similar && guardEngine(engine, () => engine.chainSource().links(chain.root).length === 0);
      const why = opts.similar
        ? 'no article of the archive is similar enough'
        : listless
          ? `it has no related-story list${opts.backlinks ? ' and no article lists it' : ''}; --similar finds related stories by content`
          : depth === 0
            ? '--depth 0 follows no links'
            : 'its related stories are all outside the date limits';
      io.stderr.write(`newsq: no related stories for ${chain.root}: ${why}\n`);
    }
    state.exitCode = chain.edges.length > 0 ? EXIT.found : EXIT.none;
  });
}
