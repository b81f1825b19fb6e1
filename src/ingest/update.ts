// Incremental changes to an index: adding articles (an article whose id is already in
// the index replaces it), deleting articles by id, and merging segments. Additions go to
// new segments; deletions are bitmaps beside the old ones; nothing written before is
// modified, so the switch to the new state is one atomic manifest rename, as for a build.
//
// Merging keeps the index fast as it grows: many small segments cost a dictionary lookup
// each, and deleted documents still cost their postings. Segments are merged by
// re-indexing their live articles from the store, which holds every article whole.

import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Article } from '../model/article';
import { emptyMap } from '../util/json-maps';
import { splitArchiveKeywords } from './keyword-split';
import { STDIN_PATH, listInputFiles, type ImportProblem } from './importer';
import { resolveInIndex } from '../features/related/index-resolve';
import { HeadlineMatcher, type Link } from '../features/related/resolve';
import {
  SegmentSink,
  StrictImportError,
  batchArticles,
  keywordDisplay,
  recordingEvents,
  scanBatch,
  writeSidecars,
  type BuildOptions,
  type KeywordSidecar,
  type LinkSidecar,
} from './build';
import { FIELDS } from '../index/fields';
import { dayNumber, dayString, writeFileSynced, type Manifest, type SegmentInfo } from '../index/format';
import { ArchiveIndex, IndexOpenError } from '../index/reader';
import { checkpoint } from '../index/checkpoint';
import { mark } from '../util/trace';
import { acquireLock } from '../index/lock';
import { loadManifest, publishManifest, readSidecarFile } from '../index/manifest-io';

/** What to change. */
export interface UpdateOptions extends BuildOptions {
  /** Files or folders whose articles are added (replacing same-id articles). */
  add?: string[];
  /** Ids of articles to delete. */
  remove?: string[];
  /** Merge every segment into one, whatever the policy says. */
  compact?: boolean;
  /** Apply the merge policy (default true; tests turn it off to keep segments apart). */
  autoMerge?: boolean;
}

/** What an update did. */
export interface UpdateSummary {
  added: number;
  replaced: number;
  removed: number;
  notFound: string[];
  skipped: ImportProblem[];
  warnings: ImportProblem[];
  duplicates: number;
  documentCount: number;
  segments: number;
  merged: number;
  /** Whether a new generation was published (false when there was nothing to change). */
  published: boolean;
}

/** Segments below this share of the archive count as small. */
const SMALL_SHARE = 0.1;
/** More small segments than this are merged into one. */
const MAX_SMALL_SEGMENTS = 6;
/** A segment with more than this share of deleted documents is rewritten. */
const MAX_DELETED_SHARE = 0.3;

// A sidecar the manifest names but that cannot be read stops the update: carrying on with
// the fallback would publish a generation without the old articles' keywords or links.
function readSidecar<T>(dir: string, previous: Manifest, kind: 'keywords' | 'links', fallback: T): T {
  const name = previous.sidecars[kind];
  return name ? readSidecarFile<T>(join(dir, name), previous.sidecarSums[kind]) : fallback;
}

/** Applies additions, deletions and merges to the index in `dir`. */
export function updateIndex(dir: string, opts: UpdateOptions): UpdateSummary {
  mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    return updateLocked(dir, opts);
  } finally {
    release();
  }
}

function updateLocked(dir: string, opts: UpdateOptions): UpdateSummary {
  let previous: Manifest;
  try {
    previous = loadManifest(dir);
  } catch (err) {
    if (err instanceof IndexOpenError && err.kind === 'missing') throw new IndexOpenError('missing', `no index at ${dir} to add to`);
    throw err;
  }
  const index = ArchiveIndex.open(dir);
  try {
    return applyUpdate(dir, index, previous, opts);
  } finally {
    index.close();
  }
}

function applyUpdate(dir: string, index: ArchiveIndex, previous: Manifest, opts: UpdateOptions): UpdateSummary {
  const { events } = opts;
  const { recording, skipped, warnings } = recordingEvents(events);
  const generation = previous.generation + 1;
  // Newly deleted documents, per segment index (local numbers).
  const deleted = new Map<number, Set<number>>();
  const deleteDoc = (doc: number): boolean => {
    const s = index.segments.findLastIndex((seg) => doc >= seg.base);
    const set = deleted.get(s) ?? new Set<number>();
    const local = doc - index.segments[s]!.base;
    if (set.has(local)) return false;
    set.add(local);
    deleted.set(s, set);
    return true;
  };

  const notFound: string[] = [];
  let removed = 0;
  for (const id of opts.remove ?? []) {
    const doc = index.docById(id);
    if (doc === null) notFound.push(id);
    else if (deleteDoc(doc)) removed++;
  }

  const keywordsSidecar = readSidecar<KeywordSidecar>(dir, previous, 'keywords', { display: emptyMap(), stats: { support: emptyMap(), standalone: emptyMap() } });
  const links = readSidecar<LinkSidecar>(dir, previous, 'links', emptyMap());
  const sink = new SegmentSink(dir, generation, opts.segmentTriples ?? 12_000_000);
  let replaced = 0;
  let duplicates = 0;

  if (opts.add?.length) {
    events.phase?.('reading');
    const files = listInputFiles(opts.add, recording, opts);
    const scan = scanBatch(files, opts, recording);
    mark('new articles read');
    duplicates = scan.duplicates;
    for (const id of scan.ids) {
      if (id === null) continue;
      const doc = index.docById(id);
      if (doc !== null && deleteDoc(doc)) replaced++;
    }
    const { keywords: splitLines, stats } = splitArchiveKeywords(scan.kwItems, keywordsSidecar.stats);
    keywordsSidecar.stats = stats;
    keywordDisplay([...scan.explicitKeywords, ...splitLines], keywordsSidecar.display);
    const replacedIds = new Set(scan.ids.filter((id): id is string => id !== null));
    resolveLinks(index, scan.titles, scan.relatedOf, links, (id) => replacedIds.has(id) || (opts.remove ?? []).includes(id));

    mark('related resolved');
    events.phase?.('indexing');
    for (const a of batchArticles(files, opts, scan, splitLines, events.progress)) sink.add(a);
    if (opts.strict && skipped.length > 0) {
      throw new StrictImportError(`${skipped.length} input${skipped.length === 1 ? '' : 's'} skipped; --strict leaves the index unchanged`);
    }
  }
  mark('new articles indexed');
  for (const id of opts.remove ?? []) delete links[id];

  events.phase?.('writing');
  // Old segments, with their new deletions; then the new ones.
  let segments: SegmentInfo[] = index.segments.map((seg, s) => {
    const extra = deleted.get(s);
    if (!extra || extra.size === 0) return seg.info;
    const bits = new Uint8Array(Math.ceil(seg.info.docCount / 8));
    for (let local = 0; local < seg.info.docCount; local++) {
      if (seg.isDeleted(local) || extra.has(local)) bits[local >> 3]! |= 1 << (local & 7);
    }
    const name = `${seg.info.name}.del${generation}`;
    writeFileSynced(join(dir, name), bits);
    return { ...seg.info, deletions: name, deletedCount: seg.info.deletedCount + extra.size };
  });
  checkpoint('update:deletions-written');
  segments = [...segments, ...sink.finish()];
  mark('segment written');

  // Merge policy, then the statistics of the resulting live documents.
  const merged = mergeSegments(dir, generation, segments, opts);
  segments = merged.segments;
  // Only added documents: the previous statistics plus the new segments' (reading every
  // document's row again would cost an add of a few articles a noticeable share of its time).
  const stats = deleted.size === 0 ? addedStatistics(previous, sink) : liveStatistics(dir, segments);
  mark('merged, counted');
  const summary = (published: boolean): UpdateSummary => ({
    added: sink.count,
    replaced,
    removed,
    notFound,
    skipped,
    warnings,
    duplicates,
    documentCount: stats.count,
    segments: segments.length,
    merged: merged.count,
    published,
  });
  // Nothing added, deleted or merged (an id not found, an index already compact): no new
  // generation, so that the previous one, and --undo, stay as they were.
  if (sink.count === 0 && deleted.size === 0 && merged.count === 0) return summary(false);

  const written = writeSidecars(dir, generation, keywordsSidecar, links);
  checkpoint('update:before-publish');
  const now = (opts.now ?? (() => new Date()))().toISOString();
  const manifest: Manifest = {
    ...previous,
    generation,
    updated: now,
    segments,
    documentCount: stats.count,
    totalFieldLength: stats.totals,
    firstDay: stats.firstDay,
    lastDay: stats.lastDay,
    inputs: [...previous.inputs, ...(opts.add ?? []).map((p) => (p === STDIN_PATH ? p : relative(resolve(dir), resolve(p))))],
    ...written,
  };
  publishManifest(dir, manifest, previous);
  return summary(true);
}

/**
 * Resolves the related headlines of new articles against the whole archive — the new
 * articles in memory, the indexed ones through the index (see index-resolve.ts, which
 * reads only the candidates' titles) — and gives the unresolved headlines of existing
 * articles a chance to resolve to the new ones.
 */
function resolveLinks(
  index: ArchiveIndex,
  newTitles: Array<{ id: string; title: string }>,
  newRelated: Array<{ id: string; related: string[] }>,
  links: LinkSidecar,
  gone: (id: string) => boolean,
): void {
  const fresh = new HeadlineMatcher(newTitles);
  for (const [id, list] of Object.entries(links)) {
    if (!list.some((l) => l.how === 'none')) continue;
    links[id] = list.map((l): Link => (l.how === 'none' ? pickBetter(l, fresh.resolve(l.headline, id)) : l));
  }
  for (const { id, related } of newRelated) {
    links[id] = related.map((h) => {
      const indexed = resolveInIndex(index, h, id);
      // A replaced or deleted article's old version is still in the index: not a target.
      const usable = indexed.target !== null && !gone(indexed.target) ? indexed : { ...indexed, target: null, how: 'none' as const };
      return pickBetter(usable, fresh.resolve(h, id));
    });
  }
}

/** The better of two resolutions: exact over close, then the higher similarity. */
function pickBetter(a: Link, b: Link): Link {
  const rank = (l: Link) => (l.how === 'exact' ? 2 : l.how === 'close' ? 1 : 0);
  if (rank(b) !== rank(a)) return rank(b) > rank(a) ? b : a;
  return b.score > a.score ? b : a;
}

/**
 * Merges segments when the policy says so: a run of small segments at the end (where
 * additions accumulate) becomes one, and a segment with many deleted documents is
 * rewritten without them. `compact` merges everything into one segment.
 */
function mergeSegments(dir: string, generation: number, segments: SegmentInfo[], opts: UpdateOptions): { segments: SegmentInfo[]; count: number } {
  const live = (s: SegmentInfo) => s.docCount - s.deletedCount;
  const total = segments.reduce((n, s) => n + live(s), 0);
  let runs: Array<[number, number]> = [];
  if (opts.compact) {
    if (segments.length > 1 || segments.some((s) => s.deletedCount > 0)) runs = [[0, segments.length]];
  } else if (opts.autoMerge !== false) {
    let start = segments.length;
    while (start > 0 && live(segments[start - 1]!) < Math.max(1000, total * SMALL_SHARE)) start--;
    if (segments.length - start > MAX_SMALL_SEGMENTS) runs.push([start, segments.length]);
    segments.forEach((s, i) => {
      if (i < start && s.docCount > 0 && s.deletedCount / s.docCount > MAX_DELETED_SHARE) runs.push([i, i + 1]);
    });
  }
  if (runs.length === 0) return { segments, count: 0 };
  const reader = ArchiveIndex.fromSegments(dir, segments);
  const out: SegmentInfo[] = [];
  let next = 0;
  let merged = 0;
  runs.sort((a, b) => a[0] - b[0]);
  for (const [from, to] of runs) {
    out.push(...segments.slice(next, from));
    const sink = new SegmentSink(dir, generation, opts.segmentTriples ?? 12_000_000, `m${from}`);
    for (let s = from; s < to; s++) {
      const seg = reader.segments[s]!;
      for (let local = 0; local < seg.info.docCount; local++) if (!seg.isDeleted(local)) sink.add(seg.stored(local) as Article);
    }
    out.push(...sink.finish());
    merged += to - from;
    next = to;
  }
  out.push(...segments.slice(next));
  reader.close();
  return { segments: out, count: merged };
}

/** The statistics of the previous generation with a sink's new documents counted in. */
function addedStatistics(previous: Manifest, sink: SegmentSink): ReturnType<typeof liveStatistics> {
  const days = (old: string | null, added: number | null) => [old === null ? null : dayNumber(old), added].filter((d): d is number => d !== null);
  const first = days(previous.firstDay, sink.firstDay);
  const last = days(previous.lastDay, sink.lastDay);
  return {
    count: previous.documentCount + sink.count,
    totals: FIELDS.map((_, f) => (previous.totalFieldLength[f] ?? 0) + (sink.totals[f] ?? 0)),
    firstDay: first.length ? dayString(Math.min(...first)) : null,
    lastDay: last.length ? dayString(Math.max(...last)) : null,
  };
}

/** Count, field length totals and date span of the live documents of a segment list. */
export function liveStatistics(dir: string, segments: SegmentInfo[]): { count: number; totals: number[]; firstDay: string | null; lastDay: string | null } {
  const reader = ArchiveIndex.fromSegments(dir, segments);
  const totals = new Array<number>(FIELDS.length).fill(0);
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  const lengths = new Array<number>(FIELDS.length);
  for (const doc of reader.liveDocs()) {
    count++;
    reader.fieldLengths(doc, lengths).forEach((l, f) => (totals[f]! += l));
    const day = reader.day(doc);
    if (day !== null) {
      if (first === null || day < first) first = day;
      if (last === null || day > last) last = day;
    }
  }
  reader.close();
  return { count, totals, firstDay: first === null ? null : dayString(first), lastDay: last === null ? null : dayString(last) };
}

