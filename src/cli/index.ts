// `newsq index <paths…>`: import archive files into an index.

import { groupDigits } from '../util/numbers';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { normalizeUtcOffset } from '../dates/date-line';
import { StrictImportError, buildIndex, type BuildSummary } from '../ingest/build';
import { ArchiveIndex, IndexCorruptError, IndexOpenError } from '../index/reader';
import { IndexLockedError } from '../index/lock';
import { MANIFEST } from '../index/format';
import { DEFAULT_MEMORY } from '../index/writer';
import { NothingToUndoError, discardUnpublished, undo } from '../index/generations';
import { updateIndex } from '../ingest/update';
import { DEFAULT_MAX_FILE_BYTES, STDIN_PATH, detectFormat, type ImportProblem, type InputFormat } from '../ingest/importer';
import { parseFieldMap, type FieldMap } from '../ingest/json-records';
import { ProgressBar } from '../output/progress';
import { sanitizeForTerminal } from '../output/sanitize';
import { CliError, EXIT, guardIndex, intOption, openIndex, packageRoot, permissionProblem, quoted, resolveArticle, systemErrorText, type Io } from './context';
import { parseEngineUrl, type EngineTarget } from '../engine/cluster';
import { deleteFromCluster, writeToCluster } from '../engine/cluster-writer';
import { EngineNodeError } from '../engine/engine';
import { keywordSidecar } from '../features/keywords';
import type { RunState } from './program';

interface IndexOptions {
  index?: string;
  add?: boolean;
  delete?: string[];
  compact?: boolean;
  check?: boolean;
  tz?: string;
  map?: string;
  strict?: boolean;
  maxFileSize?: string;
  memory?: string;
  quiet?: boolean;
  replace?: boolean;
  undo?: boolean;
  inputFormat?: string;
  engine?: string;
}

/** A change the command refuses before anything is written; the index stays as it was. */
class Refused extends Error {}

const INPUT_FORMATS: Record<string, InputFormat> = { jsonl: '.jsonl', ndjson: '.jsonl', json: '.json', text: '.txt', txt: '.txt' };

/** A build keeps at least this share of the articles of the index it replaces, unless --replace. */
const KEEP_SHARE = 0.5;

/** "31,021 articles", "1 article". */
function articles(n: number): string {
  return `${groupDigits(n)} article${n === 1 ? '' : 's'}`;
}

/**
 * The full ids of articles named by id or unique id prefix (4+ characters), as `show` takes
 * them; an unknown or ambiguous one stops the command before anything is written.
 */
function resolveDeletions(dir: string, ids: string[]): string[] {
  const index = ArchiveIndex.open(dir);
  try {
    return ids.map((id) => {
      try {
        return index.id(resolveArticle(index, id));
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        // resolveArticle words the lookup for show (not found is exit 1 there); here it is an error.
        const ambiguous = err.detail !== undefined;
        throw new CliError(
          ambiguous ? err.message.replace(/; it matches:$/, '; nothing was deleted; it matches:') : `${err.message}; nothing was deleted`,
          EXIT.error,
          err.detail,
        );
      }
    });
  } finally {
    index.close();
  }
}

/** Standard input for `-`, read whole within the size limit. */
function readStdin(io: Io, maxBytes: number, format: string | undefined): { bytes: Buffer; format: InputFormat } {
  if (!io.readStdin) throw new CliError('cannot import standard input here');
  let bytes: Buffer;
  try {
    bytes = io.readStdin(maxBytes);
  } catch (err) {
    if (err instanceof RangeError) {
      throw new CliError(`cannot import standard input: more than the ${Math.round(maxBytes / 1048576)} MB limit (raise --max-file-size, or save it as a .jsonl file, which is streamed)`);
    }
    throw new CliError(`cannot import standard input: ${systemErrorText((err as NodeJS.ErrnoException).code)}`);
  }
  return { bytes, format: format ? INPUT_FORMATS[format]! : detectFormat(bytes) };
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
    .argument('[paths...]', 'files or folders to import (folders are read recursively; - is standard input)')
    .option('--index <dir>', 'index directory to write (default: $NEWSQ_INDEX)')
    .option('--add', 'add the articles to the existing index instead of rebuilding it (same id replaces)')
    .option('--delete <ids...>', 'delete articles by id or unique id prefix from the existing index')
    .option('--compact', 'merge the segments into one, dropping deleted articles (the previous version\'s files stay until the next change, for --undo)')
    .option('--check', 'read every file of the index and verify its checksum')
    .option('--replace', 'let a rebuild replace an index of more than twice as many articles')
    .option('--undo', 'bring back the index as it was before the last change (again: redo it)')
    .option('--input-format <format>', 'format of standard input (-): jsonl, json or text (default: detected)')
    .option('--tz <offset>', "UTC offset of the archive's local times, e.g. +03:00 (default: $NEWSQ_TZ or +03:00)")
    .option('--map <fields>', 'JSON field names, e.g. title=headline,body=text,date=published')
    .option('--strict', 'fail (exit 2, index unchanged) if any file or record has to be skipped')
    .option('--max-file-size <mb>', 'largest file read whole, in MB (JSON Lines are streamed, each line up to this size or 64 MB)', String(DEFAULT_MAX_FILE_BYTES / 1048576))
    .option('--memory <mb>', 'memory budget of the segment being built, in MB: when full it is written out and merged with others', String(DEFAULT_MEMORY / 1048576))
    .option('-q, --quiet', 'print only errors')
    .option('--engine <url>', 'write to a searchd cluster instead: sphinxql://host:port/index?shards=host:port,… (env NEWSQ_ENGINE)')
    .addHelpText(
      'after',
      `
Examples:
  newsq index ~/archive --index ~/archive.newsq
  NEWSQ_INDEX=~/saudi.newsq newsq index ../shared/corpora/saudinewsnet
  newsq index export.jsonl.gz --map title=headline,body=text --index ~/export.newsq
  newsq index --add new-articles/ --index ~/archive.newsq
  exporter | newsq index --add - --index ~/archive.newsq
  newsq index --delete 9910 --index ~/archive.newsq
  newsq index --undo --index ~/archive.newsq

A full build replaces the index atomically: until it finishes, readers see the old one.
A rebuild that would leave fewer than half the articles is refused unless --replace is
given (--add adds to the index instead). Every change keeps the index as it was before,
and --undo brings that back (a second --undo redoes the change).`,
    )
    .action((paths: string[], opts: IndexOptions) => {
      const url = opts.engine ?? (opts.index === undefined ? io.env.NEWSQ_ENGINE || undefined : undefined);
      if (url === undefined) return indexAction(paths, opts, null);
      if (opts.index !== undefined) throw new CliError('--engine and --index name different archives; give one of them');
      let target: EngineTarget;
      try {
        target = parseEngineUrl(url);
      } catch (err) {
        throw new CliError(`--engine ${quoted(url)}: ${(err as Error).message}`);
      }
      if (opts.check || opts.undo || opts.compact || opts.replace) throw new CliError('--check, --undo, --compact and --replace are for a local index; a cluster is changed with --delete or by importing (the same id replaces)');
      if (opts.delete?.length) {
        if (paths.length) throw new CliError('with --engine, --delete takes no files');
        const n = guardEngineWrite(() => deleteFromCluster(target, opts.delete!, packageRoot()));
        if (!opts.quiet) io.stderr.write(`newsq: deleted ${n} of ${opts.delete.length} article${opts.delete.length === 1 ? '' : 's'} from ${target.url}\n`);
        state.exitCode = n > 0 ? EXIT.found : EXIT.none;
        return;
      }
      // The inputs are read into a local index first, as for any archive: ids, duplicates and
      // keywords settled the same way; its articles are then written to the shards.
      const staging = mkdtempSync(join(tmpdir(), 'newsq-staging-'));
      try {
        indexAction(paths, { ...opts, index: staging, add: false }, { target, started: Date.now() });
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    });

  function guardEngineWrite<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof EngineNodeError) throw new CliError(err.message);
      throw err;
    }
  }

  function indexAction(paths: string[], opts: IndexOptions, cluster: { target: EngineTarget; started: number } | null): void {
      const target = opts.index ?? io.env.NEWSQ_INDEX;
      if (!target) throw new CliError('where should the index go? pass --index DIR or set NEWSQ_INDEX');
      const dir = resolve(io.cwd, target);
      const started = Date.now();
      const say = (line: string) => {
        bar.clear();
        io.stderr.write(`${line}\n`);
      };
      // The bar's own erase sequences go to the stream behind the message guard.
      const bar = new ProgressBar(io.stderr.raw ?? io.stderr);

      if (opts.check) {
        if (paths.length || opts.add || opts.delete || opts.compact || opts.replace || opts.undo) throw new CliError('--check only reads the index: give it alone');
        const index = openIndex(dir, io);
        const files = guardIndex(index, () => {
          index.verify();
          return index.segments.reduce((n, s) => n + Object.keys(s.info.sizes).length + (s.info.deletions ? 1 : 0), 0);
        });
        index.close();
        if (!opts.quiet) io.stderr.write(`newsq: ${dir}: ${files} files of ${index.segments.length} segment${index.segments.length === 1 ? '' : 's'} verified, ${index.documentCount} articles\n`);
        state.exitCode = EXIT.found;
        return;
      }

      if (opts.undo) {
        if (paths.length || opts.add || opts.delete || opts.compact || opts.replace) throw new CliError('--undo takes no files and no other change');
        state.exitCode = runUndo(dir, opts, io);
        return;
      }

      const tzSetting = opts.tz ?? io.env.NEWSQ_TZ ?? '+03:00';
      const utcOffset = normalizeUtcOffset(tzSetting);
      if (!utcOffset) throw new CliError(`${opts.tz === undefined ? 'NEWSQ_TZ' : '--tz'} must be a UTC offset like +03:00, got ${quoted(tzSetting)}`);
      let fieldMap: FieldMap = {};
      if (opts.map) {
        try {
          fieldMap = parseFieldMap(opts.map);
        } catch (err) {
          throw new CliError(`--map: ${(err as Error).message}`);
        }
      }
      if (opts.inputFormat !== undefined && !INPUT_FORMATS[opts.inputFormat]) throw new CliError(`--input-format must be jsonl, json or text, got ${quoted(opts.inputFormat)}`);
      if (opts.inputFormat !== undefined && !paths.includes('-')) throw new CliError('--input-format is for standard input: give - among the inputs');
      const maxFileBytes = intOption('max-file-size', opts.maxFileSize, DEFAULT_MAX_FILE_BYTES / 1048576) * 1048576;
      const memory = intOption('memory', opts.memory, DEFAULT_MEMORY / 1048576) * 1048576;
      if (memory === 0) throw new CliError('--memory must be at least 1 (MB)');
      const incremental = opts.add || opts.delete?.length || opts.compact;
      if (!incremental && paths.length === 0) throw new CliError('nothing to index: give files or folders (or --delete/--compact)');
      if (opts.add && paths.length === 0) throw new CliError('--add needs files or folders to add');
      if (!opts.add && paths.length > 0 && incremental) throw new CliError('with --delete or --compact, give --add to add files as well');
      if (opts.replace && incremental) throw new CliError('--replace is for a rebuild; --add, --delete and --compact keep the other articles');

      // What the failure messages say happened to the index: nothing, in every case.
      const hadIndex = existsSync(join(dir, MANIFEST));
      const hadFolder = existsSync(dir);
      const unchanged = hadIndex ? `the index at ${dir} is unchanged` : 'no index was written';
      const named = new Set<string>();
      const resolved = paths.map((p) => {
        const path = p === '-' ? STDIN_PATH : resolve(io.cwd, p);
        named.add(path);
        return path;
      });
      const stdin = paths.includes('-') ? readStdin(io, maxFileBytes, opts.inputFormat) : undefined;
      if (stdin && stdin.bytes.length === 0) throw new CliError(`cannot import standard input: it is empty; ${unchanged}`);
      // A named input that is not there is known before anything is created or locked.
      for (const path of resolved) {
        if (path !== STDIN_PATH && !existsSync(path)) throw new CliError(`cannot import ${path}: no such file or directory; ${unchanged}`);
      }
      const buildOptions = {
        utcOffset,
        fieldMap,
        maxFileBytes,
        memory,
        strict: opts.strict === true,
        exclude: [dir],
        ...(memory !== undefined ? { memory } : {}),
        ...(stdin ? { stdin } : {}),
        events: {
          skip: (p: ImportProblem) => {
            // An input named on the command line that cannot be read at all is a mistake in
            // the command, not a damaged file among many: stop before anything is written.
            if (p.unreadable && named.has(p.path)) {
              const where = p.line ? ` (line ${p.line})` : '';
              throw new Refused(`cannot import ${p.path === STDIN_PATH ? 'standard input' : p.path}: ${p.reason}${where}; ${unchanged}`);
            }
            say(`newsq: skipped ${describeProblem(p)}`);
          },
          warn: (p: ImportProblem) => {
            if (!opts.quiet) say(`newsq: warning: ${describeProblem(p)}`);
          },
          progress: (done: number, total: number, articles?: number) => bar.update(done, total, articles),
          phase: (name: string) => bar.setPhase(name),
        },
        beforePublish: (count: number, previous: number | null) => {
          if (previous !== null && previous > 0 && count < previous * KEEP_SHARE && !opts.replace) {
            throw new Refused(`would replace ${articles(previous)} with ${groupDigits(count)}: use --add to add them, or --replace to replace the archive; ${unchanged}`);
          }
          if (count === 0 && !(opts.replace && previous)) throw new Refused(`no articles found in the inputs; ${unchanged}`);
        },
      };
      let line: string;
      try {
        if (incremental) {
          const remove = opts.delete?.length ? resolveDeletions(dir, opts.delete) : undefined;
          const u = updateIndex(dir, { ...buildOptions, ...(opts.add ? { add: resolved } : {}), ...(remove ? { remove } : {}), compact: opts.compact === true });
          for (const id of u.notFound) say(`newsq: no article with id ${quoted(id)} to delete`);
          if (!u.published) {
            if (opts.add) throw new Refused(`no articles found in the inputs; ${unchanged}`);
            if (u.notFound.length) throw new Refused(`nothing was deleted; ${unchanged}`);
          }
          line = u.published
            ? `updated ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${u.added} added (${u.replaced} replacing), ${u.removed} deleted, ${u.skipped.length} skipped; ${u.documentCount} articles in ${u.segments} segment${u.segments === 1 ? '' : 's'}`
            : `nothing to compact: ${dir} is one segment without deleted articles; nothing was written`;
        } else {
          const summary = buildIndex(resolved, dir, buildOptions);
          line = summaryLine(summary, dir, (Date.now() - started) / 1000);
        }
      } catch (err) {
        bar.clear();
        // The files of a write that failed or was refused go, and the folder if this run made it.
        if (!(err instanceof IndexLockedError) && !(err instanceof CliError)) discardUnpublished(dir, !hadFolder);
        throw indexError(err, dir);
      }
      if (cluster) {
        const staged = ArchiveIndex.open(dir);
        try {
          bar.setPhase('writing to the cluster');
          const w = guardEngineWrite(() =>
            writeToCluster(cluster.target, staged, {
              packageRoot: packageRoot(),
              keywordLabels: keywordSidecar(staged).display,
              progress: (done, total) => bar.update(done, total),
            }),
          );
          line = `wrote ${articles(w.written)} to ${cluster.target.url} (${w.replaced} replacing) in ${((Date.now() - cluster.started) / 1000).toFixed(1)} s`;
        } finally {
          staged.close();
        }
      }
      bar.clear();
      if (!opts.quiet) io.stderr.write(`newsq: ${line}\n`);
      state.exitCode = EXIT.found;
  }
}

/** `newsq index --undo`: the previous generation published again. */
function runUndo(dir: string, opts: IndexOptions, io: Io): number {
  let result;
  try {
    result = undo(dir);
  } catch (err) {
    if (err instanceof NothingToUndoError) throw new CliError(`nothing to undo: ${err.message}`);
    if (err instanceof IndexOpenError && err.kind !== 'missing' && err.message.includes('previous')) throw new CliError(`cannot undo: ${err.message}`);
    throw indexError(err, dir);
  }
  if (!opts.quiet) {
    io.stderr.write(`newsq: restored the previous index at ${dir} (${articles(result.restored.documentCount)}); --undo again brings back the one undone (${articles(result.undone.documentCount)})\n`);
  }
  return EXIT.found;
}

/** The one-line error for a failed write of the index. */
function indexError(err: unknown, dir: string): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof Refused || err instanceof StrictImportError || err instanceof IndexLockedError) return new CliError(err.message);
  // A file of the index newsq may not read: not damage, and a rebuild would not help.
  const denied = err instanceof IndexOpenError || err instanceof IndexCorruptError ? permissionProblem(err) : null;
  if (denied) return new CliError(denied);
  if (err instanceof IndexOpenError) {
    // Only an index that exists can be added to; any other problem needs a full rebuild.
    const fix = err.kind === 'missing' ? 'build it first with' : 'rebuild it with';
    return new CliError(`${err.message}; ${fix} \`newsq index <archive files or folders> --index ${dir}\``);
  }
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EROFS' || e.code === 'EPERM' || e.code === 'ENOSPC' || e.code === 'EDQUOT') {
    const why = { EROFS: 'read-only file system', ENOSPC: 'disk full', EDQUOT: 'disk quota exceeded' }[e.code as string] ?? 'permission denied';
    return new CliError(`cannot write the index at ${dir} (${why})`);
  }
  if (e.code === 'ENOTDIR' || e.code === 'EEXIST') return new CliError(`cannot use ${dir} as an index directory (${e.code})`);
  if (err instanceof IndexCorruptError) {
    return new CliError(`damaged index: ${err.message}; rebuild it with \`newsq index <archive files or folders> --index ${dir}\``);
  }
  // Any other file-system failure: name the file and the call instead of Node's raw message.
  if (typeof e.code === 'string' && e.syscall) {
    return new CliError(`cannot write the index at ${dir}: ${e.syscall} ${(e as { dest?: string }).dest ?? e.path ?? ''} failed: ${systemErrorText(e.code)}`);
  }
  throw err;
}
