// Builds an index from archive files in two streaming passes. The first reads every
// article for what can only be decided archive-wide — duplicate ids, how each keyword
// line splits, which article each related headline names. The second reads them again
// and writes segments, flushing one whenever its postings grow large, so memory stays
// bounded however big the archive.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { bodyText, type Article } from '../model/article';
import { emptyMap } from '../util/json-maps';
import { ANALYZER_VERSION, analyzerFingerprint, phraseKey } from '../analysis/analyzer';
import { keywordEvidence, splitArchiveKeywords, type KeywordItem, type KeywordStats } from './keyword-split';
import {
  listInputFiles,
  readArticles,
  type ImportEvents,
  type ImportOptions,
  type ImportProblem,
  type InputFile,
  STDIN_PATH,
} from './importer';
import { HeadlineMatcher, type Link, type TitleEntry } from '../features/related/resolve';
import { FIELDS, type IndexDoc } from '../index/fields';
import { FORMAT_NAME, FORMAT_VERSION, dayNumber, dayString, type Manifest, type SegmentInfo } from '../index/format';
import { checkpoint } from '../index/checkpoint';
import { acquireLock } from '../index/lock';
import { highestGeneration, publishManifest, readManifest, writeSidecarFile } from '../index/manifest-io';
import { SegmentBuilder } from '../index/segment-writer';
import { InlineStoreWriter, WorkerStoreWriter, type StoreWriter } from '../index/store-writer';

/** Build settings. */
export interface BuildOptions extends ImportOptions {
  /** Postings triples per segment before it is flushed (bounds memory). */
  segmentTriples?: number;
  /** Import problems and progress. */
  events: ImportEvents & { phase?(name: 'reading' | 'indexing' | 'writing'): void };
  /** Clock for the manifest's timestamps (tests pin it). */
  now?: () => Date;
  /** Refuse to publish the index if any file or record had to be skipped. */
  strict?: boolean;
  /** Compress stored articles in a worker thread (default: for inputs of 16 MB and more on a multi-core machine). */
  storeThread?: boolean;
  /**
   * Called just before a full build publishes, with its article count and that of the index
   * it replaces (null when there is none, or it cannot be read); throwing leaves the
   * previous index in place (the command refuses to shrink an archive by mistake).
   */
  beforePublish?(articles: number, previous: number | null): void;
}

/** Inputs from this size on are worth a compression thread (its start costs tens of milliseconds). */
const STORE_THREAD_MIN_BYTES = 16 << 20;

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

/** Keyword sidecar: display spelling of each normalized keyword, and the splitter's statistics. */
export interface KeywordSidecar {
  display: Record<string, string>;
  stats: KeywordStats;
}

/** Links sidecar: resolved related headlines per article id. */
export type LinkSidecar = Record<string, Link[]>;

const DEFAULT_SEGMENT_TRIPLES = 12_000_000;

/** Digest of the input files' paths and contents, to detect a stale index. */
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
      // The import already reported (and skipped) an input it cannot open; it must not fail the build here.
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

/** The index document of an article. */
export function toIndexDoc(a: Article): { doc: IndexDoc; minute: number | null } {
  const day = a.date ? a.date.slice(0, 10) : '';
  const minute = a.date && /T\d{2}:\d{2}/.test(a.date) ? Number(a.date.slice(11, 13)) * 60 + Number(a.date.slice(14, 16)) : null;
  return {
    doc: {
      id: a.id,
      title: a.title,
      body: bodyText(a),
      tags: a.keywords.join('\n'),
      source: [a.source, ...a.credits].filter(Boolean).join('\n'),
      date: day,
      day: day ? dayNumber(day) : null,
    },
    minute,
  };
}

/** Most frequent spelling of each normalized keyword. */
export function keywordDisplay(lists: Iterable<string[]>, into: Record<string, string> = emptyMap()): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const list of lists) {
    for (const kw of list) {
      const key = phraseKey(kw);
      if (!key) continue;
      let m = counts.get(key);
      if (!m) counts.set(key, (m = new Map()));
      m.set(kw, (m.get(kw) ?? 0) + 1);
    }
  }
  for (const [key, m] of counts) {
    if (into[key]) continue;
    into[key] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  }
  return into;
}

/** Writes segments for a stream of articles; shared by full builds and additions. */
export class SegmentSink {
  readonly segments: SegmentInfo[] = [];
  private current: SegmentBuilder | null = null;
  private n = 0;
  readonly totals = new Array<number>(FIELDS.length).fill(0);
  firstDay: number | null = null;
  lastDay: number | null = null;
  count = 0;

  constructor(
    private dir: string,
    private generation: number,
    private limit: number,
    /** Distinguishes the segments of several sinks of one generation (merges). */
    private prefix = 's',
    /** Compresses the stored articles (in a worker thread for large builds). */
    private store: StoreWriter = new InlineStoreWriter(),
  ) {}

  /** Adds an article (keywords already final). */
  add(a: Article): void {
    if (!this.current) this.current = new SegmentBuilder(this.dir, `g${this.generation}-${this.prefix}${this.n++}`, this.store);
    const { doc, minute } = toIndexDoc(a);
    this.current.add(doc, a, minute);
    this.count++;
    if (this.current.size >= this.limit) this.flush();
  }

  private flush(): void {
    const seg = this.current;
    if (!seg) return;
    this.segments.push(seg.finish());
    checkpoint('segment:written');
    seg.fieldTotals.forEach((t, i) => (this.totals[i]! += t));
    if (seg.firstDay !== null && (this.firstDay === null || seg.firstDay < this.firstDay)) this.firstDay = seg.firstDay;
    if (seg.lastDay !== null && (this.lastDay === null || seg.lastDay > this.lastDay)) this.lastDay = seg.lastDay;
    this.current = null;
  }

  /** Flushes the last segment and returns all written segments. */
  finish(): SegmentInfo[] {
    try {
      this.flush();
    } finally {
      this.store.close();
    }
    return this.segments;
  }
}

/** Builds a new index of `inputs` in `dir`, replacing any index there atomically. */
export function buildIndex(inputs: string[], dir: string, opts: BuildOptions): BuildSummary {
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    return buildLocked(inputs, dir, opts);
  } finally {
    release();
  }
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

/** What the first pass over a batch of inputs learns. */
export interface BatchScan {
  /** Id of each article in input order, null for a duplicate that is skipped. */
  ids: Array<string | null>;
  kwItems: KeywordItem[];
  kwItemOf: Map<number, number>;
  titles: TitleEntry[];
  relatedOf: Array<{ id: string; related: string[] }>;
  explicitKeywords: string[][];
  duplicates: number;
  /** The parsed articles themselves when they fit the memory budget (else pass 2 re-reads). */
  cached: Article[] | null;
}

/**
 * Characters of article text kept in memory between the passes before re-reading instead.
 * Arabic strings take two bytes a character in V8, so this bounds the cache near 200 MB;
 * SaudiNewsNet (about 65 M characters) still fits, larger archives are read twice.
 */
const CACHE_CHARS = 100_000_000;

/** Pass 1: ids and duplicates, keyword evidence, headlines and related lists. */
export function scanBatch(files: InputFile[], opts: ImportOptions, events: ImportEvents): BatchScan {
  const scan: BatchScan = { ids: [], kwItems: [], kwItemOf: new Map(), titles: [], relatedOf: [], explicitKeywords: [], duplicates: 0, cached: [] };
  const seen = new Map<string, string>();
  let chars = 0;
  for (const { article: a, keywordLine } of readArticles(files, opts, events)) {
    const where = describe(a);
    const first = seen.get(a.id);
    if (first !== undefined) {
      scan.duplicates++;
      scan.ids.push(null);
      events.warn({ ...a.origin, reason: `duplicate of ${first} (same id ${a.id}); kept the first` });
      continue;
    }
    seen.set(a.id, where);
    scan.ids.push(a.id);
    if (keywordLine) {
      scan.kwItemOf.set(scan.ids.length - 1, scan.kwItems.length);
      scan.kwItems.push({ keywordLine, evidence: keywordEvidence(keywordLine, `${a.title}\n${bodyText(a)}`) });
    } else if (a.keywords.length) scan.explicitKeywords.push(a.keywords);
    scan.titles.push({ id: a.id, title: a.title });
    if (a.related.length) scan.relatedOf.push({ id: a.id, related: a.related });
    if (scan.cached) {
      // Counted, not joined: most articles have no keyword line needing the text whole.
      chars += a.title.length;
      for (const b of a.body) chars += b.text.length;
      if (chars > CACHE_CHARS) scan.cached = null;
      else scan.cached.push(a);
    }
  }
  return scan;
}

/** Pass 2: the batch's articles with their final keywords, from memory or read again. */
export function* batchArticles(files: InputFile[], opts: ImportOptions, scan: BatchScan, splitLines: string[][], progress?: (done: number, total: number) => void): Generator<Article> {
  const source: Iterable<Article | { article: Article }> = scan.cached ?? readArticles(files, opts, { skip: () => {}, warn: () => {}, ...(progress ? { progress } : {}) });
  const live = scan.cached ? scan.ids.filter((id) => id !== null).length : scan.ids.length;
  let seq = 0;
  let k = 0;
  for (const item of source) {
    const a = 'article' in item ? item.article : item;
    // The cache holds only kept articles; a re-read sees duplicates too.
    if (scan.cached) {
      while (scan.ids[seq] === null) seq++;
    }
    const expected = scan.ids[seq];
    if (expected === undefined || (expected !== null && expected !== a.id)) {
      throw new Error('the input files changed while they were being indexed; run the command again');
    }
    const here = seq++;
    if (expected === null) continue;
    const line = scan.kwItemOf.get(here);
    if (line !== undefined) a.keywords = splitLines[line]!;
    if (scan.cached && progress && ++k % 500 === 0) progress(k, live);
    yield a;
  }
  if (!scan.cached && seq !== scan.ids.length) throw new Error('the input files changed while they were being indexed; run the command again');
}

function buildLocked(inputs: string[], dir: string, opts: BuildOptions): BuildSummary {
  const { events } = opts;
  const { recording, skipped, warnings } = recordingEvents(events);
  const previous = readManifest(dir);
  // Past a damaged manifest, files of its generations may still lie here: never reuse their names.
  const generation = Math.max(previous?.generation ?? 0, highestGeneration(dir)) + 1;
  const files = listInputFiles(inputs, recording, opts);

  events.phase?.('reading');
  const scan = scanBatch(files, opts, recording);
  const { keywords: splitLines, stats } = splitArchiveKeywords(scan.kwItems);
  const display = keywordDisplay([...scan.explicitKeywords, ...splitLines]);
  const links: LinkSidecar = emptyMap();
  if (scan.relatedOf.length) {
    const matcher = new HeadlineMatcher(scan.titles);
    for (const { id, related } of scan.relatedOf) links[id] = related.map((h) => matcher.resolve(h, id));
  }

  checkpoint('build:read');
  events.phase?.('indexing');
  const inputBytes = files.reduce((sum, f) => sum + f.size, 0);
  const parallel = opts.storeThread ?? (inputBytes >= STORE_THREAD_MIN_BYTES && availableParallelism() > 1);
  const sink = new SegmentSink(dir, generation, opts.segmentTriples ?? DEFAULT_SEGMENT_TRIPLES, 's', parallel ? new WorkerStoreWriter() : new InlineStoreWriter());
  for (const a of batchArticles(files, opts, scan, splitLines, events.progress)) sink.add(a);

  events.phase?.('writing');
  const segments = sink.finish();
  if (opts.strict && skipped.length > 0) {
    throw new StrictImportError(`${skipped.length} input${skipped.length === 1 ? '' : 's'} skipped; --strict leaves the previous index in place`);
  }
  opts.beforePublish?.(sink.count, previous?.documentCount ?? null);
  const written = writeSidecars(dir, generation, { display, stats }, links);
  checkpoint('build:before-publish');
  const now = (opts.now ?? (() => new Date()))().toISOString();
  const manifest: Manifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    analyzerFingerprint: analyzerFingerprint(),
    utcOffset: opts.utcOffset,
    generation,
    created: now,
    updated: now,
    fields: [...FIELDS],
    segments,
    documentCount: sink.count,
    totalFieldLength: sink.totals,
    firstDay: sink.firstDay === null ? null : dayString(sink.firstDay),
    lastDay: sink.lastDay === null ? null : dayString(sink.lastDay),
    // The arguments as given, not every file under them: the manifest is read by every query,
    // and a listing of 300,000 files made it 10 MB. The digest still covers each file.
    inputs: inputs.map((p) => (p === STDIN_PATH ? p : relative(resolve(dir), resolve(p)))),
    inputsDigest: inputsDigest(files, dir),
    ...written,
  };
  publishManifest(dir, manifest, previous);
  return { imported: sink.count, skipped, warnings, duplicates: scan.duplicates, documentCount: sink.count, segments: segments.length };
}

/** Writes the keyword and links sidecars of a generation; returns their names and checksums. */
export function writeSidecars(dir: string, generation: number, keywords: KeywordSidecar, links: LinkSidecar): Pick<Manifest, 'sidecars' | 'sidecarSums'> {
  const kwName = `keywords-${generation}.json`;
  const linkName = `links-${generation}.json`;
  return {
    sidecars: { keywords: kwName, links: linkName },
    sidecarSums: { keywords: writeSidecarFile(join(dir, kwName), keywords), links: writeSidecarFile(join(dir, linkName), links) },
  };
}

function describe(a: Article): string {
  const o = a.origin;
  return o.line ? `${o.path}:${o.line}` : o.record ? `${o.path} record ${o.record}` : o.path;
}
