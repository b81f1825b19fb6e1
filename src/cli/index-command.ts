// `newsq index <paths…>`: import archive files into an index.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { normalizeUtcOffset } from '../core/dates/date-line';
import { StrictImportError, buildIndex, type BuildSummary } from '../core/index/builder';
import { IndexLockedError } from '../core/index/lock';
import { DEFAULT_MAX_FILE_BYTES, type ImportProblem } from '../core/import/importer';
import { parseFieldMap, type FieldMap } from '../core/import/json-records';
import { ProgressBar } from '../output/progress';
import { sanitizeForTerminal } from '../output/sanitize';
import { CliError, EXIT, intOption, type Io } from './context';
import type { RunState } from './program';

interface IndexOptions {
  index?: string;
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
    .argument('<paths...>', 'files or folders to import (folders are read recursively)')
    .option('--index <dir>', 'index directory to write (default: $NEWSQ_INDEX)')
    .option('--tz <offset>', "UTC offset of the archive's local times, e.g. +03:00 (default: $NEWSQ_TZ or +03:00)")
    .option('--map <fields>', 'JSON field names, e.g. title=headline,body=text,date=published')
    .option('--strict', 'fail (exit 2, index unchanged) if any file or record has to be skipped')
    .option('--max-file-size <mb>', 'largest file read whole, in MB (JSON Lines are streamed)', String(DEFAULT_MAX_FILE_BYTES / 1048576))
    .option('-q, --quiet', 'print only errors')
    .addHelpText(
      'after',
      `
Examples:
  newsq index ~/archive --index ~/archive.newsq
  NEWSQ_INDEX=~/saudi.newsq newsq index ../shared/corpora/saudinewsnet
  newsq index export.jsonl --map title=headline,body=text --index ~/export.newsq`,
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
      const bar = new ProgressBar(io.stderr);
      const say = (line: string) => {
        bar.clear();
        io.stderr.write(`${line}\n`);
      };
      const started = Date.now();
      let summary: BuildSummary;
      try {
        summary = buildIndex(
          paths.map((p) => resolve(io.cwd, p)),
          dir,
          {
            utcOffset,
            fieldMap,
            maxFileBytes,
            strict: opts.strict === true,
            events: {
              skip: (p) => say(`newsq: skipped ${describeProblem(p)}`),
              warn: (p) => {
                if (!opts.quiet) say(`newsq: warning: ${describeProblem(p)}`);
              },
              progress: (done, total) => bar.update(done, total),
              phase: (name) => bar.setPhase(name),
            },
          },
        );
      } catch (err) {
        bar.clear();
        if (err instanceof StrictImportError || err instanceof IndexLockedError) throw new CliError(err.message);
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM') {
          throw new CliError(`cannot write the index at ${dir} (${e.code === 'EROFS' ? 'read-only file system' : 'permission denied'})`);
        }
        if (e.code === 'ENOTDIR' || e.code === 'EEXIST') throw new CliError(`cannot use ${dir} as an index directory (${e.code})`);
        throw err;
      }
      bar.clear();
      if (!opts.quiet) io.stderr.write(`newsq: ${summaryLine(summary, dir, (Date.now() - started) / 1000)}\n`);
      state.exitCode = summary.imported > 0 ? EXIT.found : EXIT.none;
    });
}
