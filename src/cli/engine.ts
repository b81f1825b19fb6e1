// Which engine a command reads: --engine (or NEWSQ_ENGINE) names a searchd cluster,
// otherwise the local index of --index / NEWSQ_INDEX / the demo archive. Engine failures
// become one-line CliErrors here, so that commands stay the same for both.

import type { Command } from 'commander';
import { EngineNodeError, EngineUnsupportedError, type ArchiveEngine } from '../engine/engine';
import { ArticleLookupError } from '../features/article-id';
import { LocalEngine } from '../engine/local';
import { ClusterEngine, parseEngineUrl } from '../engine/cluster';
import { IndexCorruptError } from '../index/reader';
import { CliError, guardIndex, lookupError, openIndex, packageRoot, quoted, type Io } from './context';

/** Options that choose the engine. */
export interface EngineOptions {
  index?: string;
  engine?: string;
  allowPartial?: boolean;
}

/** Adds --index, --engine and --allow-partial to a command. */
export function addEngineOptions(cmd: Command): Command {
  return cmd
    .option('--engine <url>', 'a searchd cluster instead of a local index: sphinxql://host:port/index (env NEWSQ_ENGINE)')
    .option('--allow-partial', 'with --engine: answer from the shards that respond, marking the results partial');
}

/** The engine URL a command was given (--engine, else NEWSQ_ENGINE unless --index names a local index). */
export function engineUrl(opts: EngineOptions, io: Io): string | null {
  if (opts.engine !== undefined && opts.index !== undefined) throw new CliError('--engine and --index name different archives; give one of them');
  if (opts.engine !== undefined) return opts.engine;
  if (opts.index !== undefined) return null;
  return io.env.NEWSQ_ENGINE || null;
}

/** Opens the engine a command reads. */
export function openEngine(opts: EngineOptions, io: Io): ArchiveEngine {
  const url = engineUrl(opts, io);
  if (url === null) return new LocalEngine(openIndex(opts.index, io));
  let target;
  try {
    target = parseEngineUrl(url);
  } catch (err) {
    throw new CliError(`--engine ${quoted(url)}: ${(err as Error).message}`);
  }
  return new ClusterEngine(target, { packageRoot: packageRoot(), allowPartial: opts.allowPartial === true, utcOffset: io.env.NEWSQ_TZ || undefined });
}

/** Runs engine reads, turning every engine failure into a one-line CliError. */
export function guardEngine<T>(engine: ArchiveEngine, fn: () => T): T {
  const run = () => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ArticleLookupError) throw lookupError(err, engine.location);
      if (err instanceof EngineUnsupportedError) throw new CliError(err.message);
      if (err instanceof EngineNodeError) throw new CliError(err.message);
      throw err;
    }
  };
  return engine instanceof LocalEngine ? guardIndex(engine.index, run) : run();
}

/** Reports a partial answer on stderr (the JSON output marks it too). */
export function reportPartial(io: Io, missing: string[]): void {
  if (missing.length > 0) io.stderr.write(`newsq: partial results: no answer from ${missing.join(', ')}\n`);
}

export { IndexCorruptError };
