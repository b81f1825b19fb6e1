// `newsq index <paths…>`: import archive files into an index.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { normalizeUtcOffset } from '../dates/date-line';
import { StrictImportError, buildIndex, type BuildSummary } from '../ingest/build';
import { IndexCorruptError, IndexOpenError } from '../index/reader';
import { IndexLockedError } from '../index/lock';
import { updateIndex } from '../ingest/update';
import { DEFAULT_MAX_FILE_BYTES, type ImportProblem } from '../ingest/importer';
import { parseFieldMap, type FieldMap } from '../ingest/json-records';
import { ProgressBar } from '../output/progress';
import { sanitizeForTerminal } from '../output/sanitize';
import { CliError, EXIT, intOption, type Io } from './context';
import type { RunState } from './program';

interface IndexOptions {
  index?: string;
  add?: boolean;
  delete?: string[];
  compact?: boolean;
  tz?: string;
  map?: string;
  strict?: boolean;
  maxFileSize?: string;
  quiet?: boolean;
}

/** One line naming where a problem is: path, then line or record. */
export function describeProblem(p: ImportProblem): string {
  const where = p.line ? `${p.path}:${p.line}` : p.record ? `${p.path} (record ${p.record})` : p.path;
  return sanitizeForTerminal(`${where}: ${p.reason}`);
}

function summaryLine(s: BuildSummary, dir: string, seconds: number): string {
  const parts = [`indexed ${s.imported} article${s.imported === 1 ? '' : 's'} into ${dir} in ${seconds.toFixed(1)} s`];
  parts.push(`${s.skipped.length} skipped`);
  if (s.duplicates) parts.push(`${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'} ignored`);
  if (s.warnings.length) parts.push(`${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** Registers the index command. */
export function registerIndex(program: Command, io: Io, state: RunState): void {
  program
    .command('index')
    .description('import archive files (text export, JSON, JSON Lines, SaudiNewsNet .json/.zip) into an index')
    .argument('[paths...]', 'files or folders to import (folders are read recursively)')
    .option('--index <dir>', 'index directory to write (default: $NEWSQ_INDEX)')
    .option('--add', 'add the articles to the existing index instead of rebuilding it (same id replaces)')
    .option('--delete <ids...>', 'delete articles by id from the existing index')
    .option('--compact', 'merge all segments into one (drops deleted articles for good)')
    .option('--tz <offset>', "UTC offset of the archive's local times, e.g. +03:00 (default: $NEWSQ_TZ or +03:00)")
    .option('--map <fields>', 'JSON field names, e.g. title=headline,body=text,date=published')
    .option('--strict', 'fail (exit 2, index unchanged) if any file or record has to be skipped')
    .option('--max-file-size <mb>', 'largest file read whole, in MB (JSON Lines are streamed, each line up to this size or 64 MB)', String(DEFAULT_MAX_FILE_BYTES / 1048576))
    .option('-q, --quiet', 'print only errors')
    .addHelpText(
      'after',
      `
Examples:
  newsq index ~/archive --index ~/archive.newsq
  NEWSQ_INDEX=~/saudi.newsq newsq index ../shared/corpora/saudinewsnet
  newsq index export.jsonl --map title=headline,body=text --index ~/export.newsq
  newsq index --add new-articles/ --index ~/archive.newsq
  newsq index --delete 9910a795592f --index ~/archive.newsq

A full build replaces the index atomically: until it finishes, readers see the old one.`,
    )
    .action((paths: string[], opts: IndexOptions) => {
      const target = opts.index ?? io.env.NEWSQ_INDEX;
      if (!target) throw new CliError('where should the index go? pass --index DIR or set NEWSQ_INDEX');
      const dir = resolve(io.cwd, target);
      const tzSetting = opts.tz ?? io.env.NEWSQ_TZ ?? '+03:00';
      const utcOffset = normalizeUtcOffset(tzSetting);
      if (!utcOffset) throw new CliError(`--tz must be a UTC offset like +03:00, got "${tzSetting}"`);
      let fieldMap: FieldMap = {};
      if (opts.map) {
        try {
          fieldMap = parseFieldMap(opts.map);
        } catch (err) {
          throw new CliError(`--map: ${(err as Error).message}`);
        }
      }
      const maxFileBytes = intOption('max-file-size', opts.maxFileSize, DEFAULT_MAX_FILE_BYTES / 1048576) * 1048576;
      // The bar's own erase sequences go to the stream behind the message guard.
      const bar = new ProgressBar(io.stderr.raw ?? io.stderr);
      const say = (line: string) => {
        bar.clear();
        io.stderr.write(`${line}\n`);
      };
      const started = Date.now();
      const incremental = opts.add || opts.delete?.length || opts.compact;
      if (!incremental && paths.length === 0) throw new CliError('nothing to index: give files or folders (or --delete/--compact)');
      if (opts.add && paths.length === 0) throw new CliError('--add needs files or folders to add');
      if (!opts.add && paths.length > 0 && incremental) throw new CliError('with --delete or --compact, give --add to add files as well');
      const buildOptions = {
        utcOffset,
        fieldMap,
        maxFileBytes,
        strict: opts.strict === true,
        events: {
          skip: (p: ImportProblem) => say(`newsq: skipped ${describeProblem(p)}`),
          warn: (p: ImportProblem) => {
            if (!opts.quiet) say(`newsq: warning: ${describeProblem(p)}`);
          },
          progress: (done: number, total: number) => bar.update(done, total),
          phase: (name: string) => bar.setPhase(name),
        },
      };
      const resolved = paths.map((p) => resolve(io.cwd, p));
      let line: string;
      let found: boolean;
      try {
        if (incremental) {
          const u = updateIndex(dir, { ...buildOptions, ...(opts.add ? { add: resolved } : {}), ...(opts.delete ? { remove: opts.delete } : {}), compact: opts.compact === true });
          for (const id of u.notFound) say(`newsq: no article with id "${id}" to delete`);
          line = `updated ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${u.added} added (${u.replaced} replacing), ${u.removed} deleted, ${u.skipped.length} skipped; ${u.documentCount} articles in ${u.segments} segment${u.segments === 1 ? '' : 's'}${u.merged ? ` (merged ${u.merged})` : ''}`;
          found = u.added + u.removed > 0 || (opts.compact === true && u.notFound.length === 0);
        } else {
          const summary = buildIndex(resolved, dir, buildOptions);
          line = summaryLine(summary, dir, (Date.now() - started) / 1000);
          found = summary.imported > 0;
        }
      } catch (err) {
        bar.clear();
        if (err instanceof StrictImportError || err instanceof IndexLockedError) throw new CliError(err.message);
        if (err instanceof IndexOpenError) {
          // Only an index that exists can be added to; any other problem needs a full rebuild.
          const fix = err.kind === 'missing' ? 'build it first with' : 'rebuild it with';
          throw new CliError(`${err.message}; ${fix} \`newsq index <archive files or folders> --index ${dir}\``);
        }
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM') {
          throw new CliError(`cannot write the index at ${dir} (${e.code === 'EROFS' ? 'read-only file system' : 'permission denied'})`);
        }
        if (e.code === 'ENOTDIR' || e.code === 'EEXIST') throw new CliError(`cannot use ${dir} as an index directory (${e.code})`);
        if (err instanceof IndexCorruptError) {
          throw new CliError(`damaged index: ${err.message}; rebuild it with \`newsq index <archive files or folders> --index ${dir}\``);
        }
        // Any other file-system failure: name the file and the call instead of Node's raw message.
        if (typeof e.code === 'string' && e.syscall) throw new CliError(`cannot write the index at ${dir}: ${e.syscall} ${(e as { dest?: string }).dest ?? e.path ?? ''} failed (${e.code})`);
        throw err;
      }
      bar.clear();
      if (!opts.quiet) io.stderr.write(`newsq: ${line}\n`);
      state.exitCode = found ? EXIT.found : EXIT.none;
    });
}
