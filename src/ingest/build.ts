// Building and changing an index from archive files, streaming: each article is read,
// checked against the ids seen so far, analysed and added to the index writer's in-memory
// segment, which is written out whenever it reaches the memory budget. What needs the whole
// archive is kept out of memory: keyword lines, whose splitting needs archive-wide evidence,
// are learnt in a first pass over the inputs that can hold them (text, not JSON), into a
// spill file (keyword-lines.ts); related headlines are resolved at the end against the
// segments just written, through their headline postings (features/related/index-resolve.ts).

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { bodyText, type Article } from '../model/article';
import { ANALYZER_VERSION, analyzerFingerprint } from '../analysis/analyzer';
import { STDIN_PATH, listInputFiles, readArticles, type ImportEvents, type ImportOptions, type ImportProblem, type InputFile } from './importer';
import { KeywordCollector, type KeywordSidecar } from './keyword-lines';
import { IdSet } from './id-set';
import { ArticleIndexer } from './analysis-thread';
import { SpillFile } from './spill';
import { resolveInIndex } from '../features/related/index-resolve';
import type { Link } from '../features/related/resolve';
import { checkpoint } from '../index/checkpoint';
import { originForIndex } from '../index/stored-record';
import type { Manifest } from '../index/format';
import { writeSidecarFile } from '../index/manifest-io';
import type { ArchiveIndex } from '../index/reader';
import { IndexWriter, type CommitFields } from '../index/writer';
import { parseJsonMaps } from '../util/json-maps';

/** Build settings. */
export interface BuildOptions extends ImportOptions {
  /** Import problems and progress. */
  events: ImportEvents & { phase?(name: 'reading' | 'indexing' | 'writing' | 'linking'): void };
  /** Clock for the manifest's timestamps (tests pin it). */
  now?: () => Date;
  /** Refuse to publish the index if any file or record had to be skipped. */
  strict?: boolean;
  /** Memory budget of the in-memory segment, in bytes. */
  memory?: number;
  /**
   * Called just before a build publishes, with its article count and that of the index it
   * replaces (null when there is none, or it cannot be read); throwing leaves the previous
   * index in place (the command refuses to shrink an archive by mistake).
   */
  beforePublish?(articles: number, previous: number | null): void;
}

/** A strict build found inputs it had to skip; the previous index was left in place. */
export class StrictImportError extends Error {}

/** What a build did. */
export interface BuildSummary {
  imported: number;
  skipped: ImportProblem[];
  warnings: ImportProblem[];
  duplicates: number;
  documentCount: number;
  segments: number;
}

/** Links sidecar: resolved related headlines per article id. */
export type LinkSidecar = Record<string, Link[]>;
export type { KeywordSidecar };

/** Digest of the input files' paths and contents, to tell whether an index is stale. */
export function inputsDigest(files: InputFile[], base: string): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (f.bytes) {
      h.update(`${f.path}\0${f.size}\0`).update(f.bytes);
      continue;
    }
    h.update(`${relative(base, resolve(f.path))}\0${f.size}\0`);
    let fd: number;
    try {
      fd = openSync(f.path, 'r');
    } catch (err) {
      // The import already reported (and skipped) an input it cannot open.
      h.update(`unreadable ${(err as NodeJS.ErrnoException).code ?? ''}\0`);
      continue;
    }
    try {
      for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  }
  return h.digest('hex').slice(0, 32);
}

/** Import problems recorded and forwarded to the caller's events. */
export function recordingEvents(events: BuildOptions['events']): { recording: ImportEvents; skipped: ImportProblem[]; warnings: ImportProblem[] } {
  const skipped: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const recording: ImportEvents = {
    skip: (p) => {
      skipped.push(p);
      events.skip(p);
    },
    warn: (p) => {
      warnings.push(p);
      events.warn(p);
    },
    progress: events.progress,
  };
  return { recording, skipped, warnings };
}

function describe(a: Article): string {
  const o = a.origin;
  return o.line ? `${o.path}:${o.line}` : o.record ? `${o.path} record ${o.record}` : o.path;
}

/** The analyzer's identity, as the index records it. */
export function analyzerIdentity(): { version: number; fingerprint: string } {
  return { version: ANALYZER_VERSION, fingerprint: analyzerFingerprint() };
}

/** Reads archive files into an index writer: ids checked, keywords split, related headlines noted. */
export class ArchiveImport {
  private indexer: ArticleIndexer;
  readonly keywords: KeywordCollector;
  private ids = new IdSet();
  // Where recent articles came from, for the duplicate warning.
  private recent = new Map<string, string>();
  private related: SpillFile<{ id: string; related: string[] }> | null = null;
  imported = 0;
  duplicates = 0;
  /** Ids of articles this import added. */
  readonly added: string[] = [];

  constructor(
    private readonly writer: IndexWriter,
    prior: KeywordSidecar | undefined,
    /** An article already in the index with the same id: replace it (true) or keep it and skip the new one (false). */
    private readonly onExisting: ((id: string) => boolean) | null,
  ) {
    this.keywords = new KeywordCollector(writer.dir, `g${writer.generation}-keywords.spill`, prior);
    this.indexer = new ArticleIndexer(writer);
  }

  /** Reads every article of `files`, adding it to the writer. */
  read(files: InputFile[], opts: ImportOptions, events: ImportEvents): void {
    this.learnKeywordLines(files, opts);
    const counted: ImportEvents = { ...events, progress: (done, total) => events.progress?.(done, total, this.imported) };
    for (const { article: a, keywordLine } of readArticles(files, opts, counted)) {
      // The hash table says "maybe seen before"; the articles added say for sure.
      if (!this.ids.add(a.id) && (this.recent.has(a.id) || this.writer.addedId(a.id))) {
        this.duplicates++;
        const first = this.recent.get(a.id);
        events.warn({ ...a.origin, reason: `duplicate of ${first ?? 'an earlier article'} (same id ${a.id}); kept the first` });
        continue;
      }
      if (this.recent.size >= 100_000) {
        // Articles still being analysed are in no segment yet: only `recent` knows their ids.
        this.indexer.drain();
        this.recent.clear();
      }
      this.recent.set(a.id, describe(a));
      if (this.onExisting && !this.onExisting(a.id)) continue;
      if (a.related.length) {
        this.related ??= new SpillFile(this.writer.directory.file(`g${this.writer.generation}-related.spill`));
        this.related.write({ id: a.id, related: a.related });
      }
      if (keywordLine) a.keywords = this.keywords.keywordsOf(a.id, keywordLine, `${a.title}\n${bodyText(a)}`);
      else this.keywords.count(a.keywords);
      this.add(a);
    }
    this.indexer.drain();
    this.keywords.close();
  }

  // The first pass over the inputs that can hold keyword lines, whose splitting needs the whole archive.
  private learnKeywordLines(files: InputFile[], opts: ImportOptions): void {
    const quiet: ImportEvents = { skip: () => {}, warn: () => {} };
    const seen = new IdSet();
    for (const { article: a, keywordLine } of readArticles(files, { ...opts, textOnly: true }, quiet)) {
      if (!keywordLine || !seen.add(a.id)) continue;
      this.keywords.learn(a.id, keywordLine, `${a.title}\n${bodyText(a)}`);
    }
  }

  private add(a: Article): void {
    this.indexer.add({ ...a, origin: originForIndex(a.origin, this.writer.dir) });
    this.imported++;
    this.added.push(a.id);
  }

  /**
   * Resolves the related headlines read against `target` (the index as it will be), and
   * gives `links`' unresolved headlines a chance against `fresh` (the new articles alone).
   */
  link(links: LinkSidecar, target: ArchiveIndex, fresh: ArchiveIndex | null, gone: (id: string) => boolean): void {
    if (fresh) {
      for (const [id, list] of Object.entries(links)) {
        if (!list.some((l) => l.how === 'none')) continue;
        links[id] = list.map((l): Link => (l.how === 'none' ? usable(resolveInIndex(fresh, l.headline, id), gone) : l));
      }
    }
    if (!this.related) return;
    for (const { id, related } of this.related.read()) links[id] = related.map((h) => usable(resolveInIndex(target, h, id), gone));
    this.related.remove();
    this.related = null;
  }

  close(): void {
    this.indexer.close();
    this.keywords.close();
    this.related?.remove();
  }
}

function usable(link: Link, gone: (id: string) => boolean): Link {
  return link.target !== null && gone(link.target) ? { ...link, target: null, how: 'none', score: 0 } : link;
}

/** Writes the keyword and links sidecars of a generation; returns their names and checksums. */
export function writeSidecars(writer: IndexWriter, keywords: KeywordSidecar, links: LinkSidecar): Pick<Manifest, 'sidecars' | 'sidecarSums'> {
  const kwName = `keywords-${writer.generation}.json`;
  const linkName = `links-${writer.generation}.json`;
  return {
    sidecars: { keywords: kwName, links: linkName },
    sidecarSums: { keywords: writeSidecarFile(writer.directory.file(kwName), keywords), links: writeSidecarFile(writer.directory.file(linkName), links) },
  };
}

/** Builds a new index of `inputs` in `dir`, replacing any index there atomically. */
export function buildIndex(inputs: string[], dir: string, opts: BuildOptions): BuildSummary {
  const { events } = opts;
  const { recording, skipped, warnings } = recordingEvents(events);
  const writer = IndexWriter.create(dir, { memory: opts.memory, analyzer: analyzerIdentity(), utcOffset: opts.utcOffset, now: opts.now });
  const run = new ArchiveImport(writer, undefined, null);
  try {
    const files = listInputFiles(inputs, recording, opts);
    events.phase?.('reading');
    run.read(files, opts, recording);
    checkpoint('build:read');
    events.phase?.('writing');
    writer.flush();
    if (opts.strict && skipped.length > 0) {
      throw new StrictImportError(`${skipped.length} input${skipped.length === 1 ? '' : 's'} skipped; --strict leaves the previous index in place`);
    }
    events.phase?.('linking');
    const links: LinkSidecar = Object.create(null) as LinkSidecar;
    const view = writer.view();
    try {
      run.link(links, view, null, () => false);
    } finally {
      view.close();
    }
    const extra: CommitFields = {
      // The arguments as given, relative to the index: the manifest is read by every query.
      inputs: inputs.map((p) => (p === STDIN_PATH ? p : relative(resolve(dir), resolve(p)))),
      inputsDigest: inputsDigest(files, dir),
      ...writeSidecars(writer, run.keywords.sidecar(), links),
    };
    const m = writer.commit(extra, opts.beforePublish ? (next, previous) => opts.beforePublish!(next.documentCount, previous?.documentCount ?? null) : undefined);
    return { imported: run.imported, skipped, warnings, duplicates: run.duplicates, documentCount: m.documentCount, segments: m.segments.length };
  } finally {
    run.close();
    writer.close();
  }
}

/** Reads a sidecar of the index as it stands (its empty value when the index has none). */
export function readSidecar<T>(reader: ArchiveIndex, kind: 'keywords' | 'links', empty: T): T {
  return reader.sidecar(kind, () => empty, () => true);
}

export { parseJsonMaps };
