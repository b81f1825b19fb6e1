// `newsq show <id>`: one article in full.

import type { Command } from 'commander';
import { formatArticle, formatArticleText, type Calendar } from '../output/articles';
import { writeRendered } from '../output/terminal';
import { PAGE_FORMATS, addIndexOption, addOpenOption, addOutputOptions, calendarOption, pageSettings, writePage, type Io, type PageOptions } from './context';
import { articleHtml } from '../output/html';
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
  addOutputOptions(cmd, PAGE_FORMATS);
  addOpenOption(cmd);
  calendarOption(cmd);
  cmd.addHelpText(
    'after',
    `
On a terminal the article is laid out for reading. Piped or redirected it is plain text:
the headline, its id, date, source, author and url, the paragraphs (one a line), keywords
and related headlines. --format tsv, csv, json or ndjson give one record.

Examples:
  newsq show 9910a795592f
  newsq show 9910 > article.txt
  newsq show 9910 --json
  newsq show 9910 --open              in the browser`,
  );
  cmd.action((id: string, opts: PageOptions & EngineOptions & { calendar?: string }) => {
    const engine = openEngine(opts, io);
    const { settings, html } = pageSettings(opts, io);
    const calendar: Calendar = calendarOption.read(opts.calendar);
    const article = guardEngine(engine, () => engine.article(id));
    if (html) writePage(io, articleHtml(article, calendar, settings.lang), opts.open, article.id.replace(/[^\w-]+/g, '_'));
    else {
      // Piped without a format asked for: readable text; TSV only with --format tsv.
      const asked = opts.format !== undefined || opts.json === true || opts.ndjson === true;
      if (!asked && io.stdout.isTTY !== true) io.stdout.write(formatArticleText(article, calendar, settings.lang));
      else writeRendered(io.stdout, formatArticle(article, settings, calendar), settings);
    }
    state.exitCode = 0;
  });
}
