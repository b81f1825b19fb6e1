// The one way an index changes. A writer holds the folder's lock, takes documents into an
// in-memory segment until its memory budget is reached, writes that segment and starts
// another, merges segments as a merge policy says, records deletions, and finally publishes
// a new manifest — or, if anything fails on the way, publishes nothing, so the previous
// index stays as it was (files of an abandoned attempt are collected later).
//
// The merge policy merges adjacent segments of similar size, as Lucene's log merge policy
// does: a segment's level is the base-MERGE_FACTOR logarithm of its live documents over the
// smallest flush, and MERGE_FACTOR adjacent segments of one level become one segment of the
// next. Adjacent, so that documents keep the order they were added in (ranking breaks ties
// by it), and few, so that a query opens few dictionaries; an addition of a few articles
// merges only small segments, whatever the archive's size.

import { mkdirSync } from 'node:fs';
import { checkpoint } from './checkpoint';
import { Directory } from './directory';
import { FORMAT_NAME, FORMAT_VERSION, type Manifest, type SegmentInfo } from './format';
import { acquireLock } from './lock';
import { highestGeneration, publishManifest, readManifest } from './manifest-io';
import { mergeSegments } from './merge';
import { ArchiveIndex } from './reader';
import { FIELDS, LENGTH_COLUMNS, NO_TIME, dayString } from './schema';
import { SegmentBuffer } from './segment-writer';

/** Segments of one level merged together. */
export const MERGE_FACTOR = 10;

/** Segments below this many live documents are all of the lowest level. */
const LEVEL_FLOOR = 1000;

/** What a build's process holds besides its segment's budget: node, the code, the reading of one input file. */
const FIXED_MEMORY = 256 * 1024 * 1024;

/** Default memory budget of a build. */
export const DEFAULT_MEMORY = 512 * 1024 * 1024;

/** What a writer needs to know beyond the folder. */
export interface WriterOptions {
  /** Bytes the in-memory segment may hold before it is written out. */
  memory?: number;
  /** The analyzer's identity, recorded in the manifest (a reader refuses another). */
  analyzer: { version: number; fingerprint: string };
  /** The archive's UTC offset (a new index), e.g. +03:00. */
  utcOffset?: string;
  /** Clock for the manifest's timestamps (tests pin it). */
  now?: () => Date;
  /** Deflate stored articles on the writer's own thread (a small temporary index: no worker to start). */
  inlineStore?: boolean;
  /** A temporary index, deleted after use: its files are not synced to disk. */
  temporary?: boolean;
  /** Called after each segment is written or merged (progress). */
  onSegment?: (info: SegmentInfo, kind: 'flush' | 'merge') => void;
}

/** Extra manifest fields a command supplies at commit. */
export type CommitFields = Pick<Manifest, 'inputs' | 'inputsDigest' | 'sidecars' | 'sidecarSums'>;

interface LiveSegment {
  info: SegmentInfo;
  /** Deletions made by this writer (local numbers), on top of those in info. */
  deleted: Set<number> | null;
}

/** Writes one new generation of an index folder. */
export class IndexWriter {
  readonly directory: Directory;
  readonly generation: number;
  /** The index as it was when the writer started (null for a new index or a replaced one). */
  readonly previous: Manifest | null;
  private base: ArchiveIndex | null;
  private segments: LiveSegment[];
  private buffer: SegmentBuffer;
  private flushed = 0;
  private merges = 0;
  private documentCount: number;
  private totals: number[];
  private minTime: number | null = null;
  private maxTime: number | null = null;
  private timesStale = false;
  private release: () => void;
  private committed = false;

  private constructor(
    readonly dir: string,
    private readonly opts: WriterOptions,
    replace: boolean,
  ) {
    this.buffer = new SegmentBuffer(opts.inlineStore === true);
    mkdirSync(dir, { recursive: true });
    this.directory = new Directory(dir, opts.temporary !== true);
    this.release = acquireLock(dir);
    try {
      this.previous = readManifest(dir);
      // Past a damaged manifest, files of its generations may still lie here: never reuse their names.
      this.generation = Math.max(this.previous?.generation ?? 0, highestGeneration(dir)) + 1;
      const keep = !replace && this.previous;
      this.base = keep ? ArchiveIndex.open(dir) : null;
      this.segments = keep ? this.previous!.segments.map((info) => ({ info, deleted: null })) : [];
      this.documentCount = keep ? this.previous!.documentCount : 0;
      this.totals = keep ? [...this.previous!.totalFieldLength] : LENGTH_COLUMNS.map(() => 0);
      if (keep && this.previous!.firstDay) this.minTime = dayToTime(this.previous!.firstDay);
      if (keep && this.previous!.lastDay) this.maxTime = dayToTime(this.previous!.lastDay) + 1439;
    } catch (err) {
      this.release();
      throw err;
    }
  }

  /** A writer that builds a new index, replacing whatever the folder holds when it commits. */
  static create(dir: string, opts: WriterOptions): IndexWriter {
    return new IndexWriter(dir, opts, true);
  }

  /** A writer that changes the index in the folder (which must exist). */
  static open(dir: string, opts: WriterOptions): IndexWriter {
    return new IndexWriter(dir, opts, false);
  }

  /** The index as it was, for reading while writing (null for a new index). */
  get reader(): ArchiveIndex | null {
    return this.base;
  }

  /** The in-memory segment documents are added to; call `documentAdded` after each. */
  get segment(): SegmentBuffer {
    return this.buffer;
  }

  /** Live documents the new generation will hold (the buffer's included). */
  get count(): number {
    return this.documentCount + this.buffer.docCount;
  }

  /**
   * Writes the in-memory segment out when it has reached the memory budget. `extra` is what
   * the caller holds for this segment besides it (the indexer's table of spellings). Every
   * few hundred documents the process's own size is looked at too, as a safety valve: the
   * estimate cannot see garbage the collector has not taken yet.
   */
  documentAdded(extra = 0): void {
    const budget = this.opts.memory ?? DEFAULT_MEMORY;
    if (this.buffer.bytesUsed() + extra >= budget) this.flush();
    else if (++this.sinceCheck >= 500) {
      this.sinceCheck = 0;
      if (this.buffer.docCount >= 1000 && process.memoryUsage.rss() > 2 * budget + FIXED_MEMORY) this.flush();
    }
  }

  private sinceCheck = 0;

  /** Writes the in-memory segment (if it holds anything) and applies the merge policy. */
  flush(): void {
    const buf = this.buffer;
    if (buf.docCount === 0) return;
    const info = buf.write(this.directory, `g${this.generation}-s${this.flushed++}`);
    checkpoint('segment:written');
    this.segments.push({ info, deleted: null });
    this.documentCount += buf.docCount;
    buf.totals.forEach((t, c) => (this.totals[c]! += t));
    if (buf.firstTime !== null && (this.minTime === null || buf.firstTime < this.minTime)) this.minTime = buf.firstTime;
    if (buf.lastTime !== null && (this.maxTime === null || buf.lastTime > this.maxTime)) this.maxTime = buf.lastTime;
    this.buffer = new SegmentBuffer(this.opts.inlineStore === true);
    this.opts.onSegment?.(info, 'flush');
    this.mergeByPolicy();
  }

  private live(s: LiveSegment): number {
    return s.info.docCount - s.info.deletedCount - (s.deleted?.size ?? 0);
  }

  // Level 0 below LEVEL_FLOOR live documents, then one level per power of MERGE_FACTOR.
  private level(s: LiveSegment): number {
    const live = this.live(s);
    return live < LEVEL_FLOOR ? 0 : 1 + Math.floor(Math.log(live / LEVEL_FLOOR) / Math.log(MERGE_FACTOR) + 1e-9);
  }

  // Merges MERGE_FACTOR adjacent segments of one level, from the newest end, until no run is left.
  private mergeByPolicy(): void {
    for (;;) {
      let run = 0;
      let at = -1;
      for (let i = this.segments.length - 1; i >= 0; i--) {
        const lv = this.level(this.segments[i]!);
        if (i < this.segments.length - 1 && lv === this.level(this.segments[i + 1]!)) run++;
        else run = 1;
        if (run === MERGE_FACTOR) {
          at = i;
          break;
        }
      }
      if (at < 0) return;
      this.mergeRange(at, at + MERGE_FACTOR);
    }
  }

  /** Merges every segment into at most `max` (for `--compact`); returns whether anything changed. */
  forceMerge(max = 1): boolean {
    this.flush();
    const needsPurge = this.segments.some((s) => s.info.deletedCount > 0 || (s.deleted?.size ?? 0) > 0);
    if (this.segments.length <= max && !needsPurge) return false;
    if (this.segments.length === 0) return false;
    // Equal shares of documents, adjacent.
    const total = this.segments.reduce((n, s) => n + this.live(s), 0);
    const per = Math.ceil(total / max);
    let start = 0;
    const groups: Array<[number, number]> = [];
    let acc = 0;
    for (let i = 0; i < this.segments.length; i++) {
      acc += this.live(this.segments[i]!);
      if (acc >= per || i === this.segments.length - 1) {
        groups.push([start, i + 1]);
        start = i + 1;
        acc = 0;
      }
    }
    for (let g = groups.length - 1; g >= 0; g--) this.mergeRange(groups[g]![0], groups[g]![1]);
    return true;
  }

  // Merges segments [from, to) into one, in place.
  private mergeRange(from: number, to: number): void {
    const group = this.segments.slice(from, to);
    const dels = new Map<string, Set<number>>();
    for (const s of group) if (s.deleted) dels.set(s.info.name, s.deleted);
    const readers = this.readerOf(group.map((s) => s.info), dels);
    try {
      const merged = mergeSegments(this.directory, readers.segments, `g${this.generation}-m${this.merges++}`);
      checkpoint('segment:merged');
      this.segments.splice(from, to - from, ...(merged ? [{ info: merged.info, deleted: null }] : []));
      if (merged) this.opts.onSegment?.(merged.info, 'merge');
    } finally {
      readers.close();
    }
  }

  // A reader over segments, with this writer's deletions applied on top of their own.
  private readerOf(infos: SegmentInfo[], dels: Map<string, Set<number>>): ArchiveIndex {
    const view = infos.map((info) => {
      const extra = dels.get(info.name);
      if (!extra || extra.size === 0) return info;
      const name = this.writeDeletions(info, extra);
      return { ...info, deletions: name, deletedCount: info.deletedCount + extra.size };
    });
    return ArchiveIndex.fromSegments(this.dir, view);
  }

  private writeDeletions(info: SegmentInfo, extra: Set<number>): string {
    const bits = new Uint8Array(Math.ceil(info.docCount / 8));
    if (info.deletions && info.deletedCount > 0) {
      const old = ArchiveIndex.fromSegments(this.dir, [info]).segments[0]!.deletionBits();
      if (old) bits.set(old);
    }
    for (const local of extra) bits[local >> 3]! |= 1 << (local & 7);
    const name = `${info.name}.del${this.generation}`;
    this.directory.writeFile(name, bits);
    return name;
  }

  /**
   * Deletes a live document of the index as it was (a global number of `reader`); false
   * when it was deleted already. Documents added by this writer cannot be deleted by it.
   */
  delete(doc: number): boolean {
    const base = this.base;
    if (!base) return false;
    const [seg, local] = base.locate(doc);
    if (seg.isDeleted(local)) return false;
    const live = this.segments.find((s) => s.info.name === seg.info.name);
    if (!live) return false;
    live.deleted ??= new Set();
    if (live.deleted.has(local)) return false;
    live.deleted.add(local);
    this.documentCount--;
    LENGTH_COLUMNS.forEach((_, c) => (this.totals[c]! -= seg.column(c)[local]!));
    const t = seg.time(local);
    if (t !== NO_TIME && (t === this.minTime || Math.floor(t / 1440) === Math.floor((this.maxTime ?? 0) / 1440))) this.timesStale = true;
    return true;
  }

  /**
   * A reader over the segments as they stand (this writer's deletions applied), for work
   * that needs the new documents on disk before the commit (resolving related headlines);
   * with `onlyNew`, the segments this writer wrote alone.
   */
  view(onlyNew = false): ArchiveIndex {
    const mine = `g${this.generation}-`;
    const group = this.segments.filter((s) => !onlyNew || s.info.name.startsWith(mine));
    const dels = new Map<string, Set<number>>();
    for (const s of group) if (s.deleted) dels.set(s.info.name, s.deleted);
    return this.readerOf(
      group.map((s) => s.info),
      dels,
    );
  }

  /** Whether this writer has added a document with this id (in memory or in a segment it wrote). */
  addedId(id: string): boolean {
    if (this.buffer.hasId(id)) return true;
    const mine = `g${this.generation}-`;
    for (const s of this.segments) {
      if (!s.info.name.startsWith(mine)) continue;
      let seg = this.ownReaders.get(s.info.name);
      if (!seg) this.ownReaders.set(s.info.name, (seg = ArchiveIndex.fromSegments(this.dir, [s.info])));
      if (seg.docById(id) !== null) return true;
    }
    return false;
  }

  private ownReaders = new Map<string, ArchiveIndex>();

  /** Whether this writer changed anything yet. */
  get changed(): boolean {
    return this.flushed > 0 || this.buffer.docCount > 0 || this.merges > 0 || this.segments.some((s) => (s.deleted?.size ?? 0) > 0) || this.base === null;
  }

  /** The manifest the new generation would be published with. */
  private manifest(extra: CommitFields): Manifest {
    const segments = this.segments.map((s) => {
      if (!s.deleted || s.deleted.size === 0) return s.info;
      const name = this.writeDeletions(s.info, s.deleted);
      return { ...s.info, deletions: name, deletedCount: s.info.deletedCount + s.deleted.size };
    });
    checkpoint('update:deletions-written');
    if (this.timesStale) this.recomputeTimes(segments);
    const now = (this.opts.now ?? (() => new Date()))().toISOString();
    const prev = this.base ? this.previous : null;
    return {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      analyzerVersion: this.opts.analyzer.version,
      analyzerFingerprint: this.opts.analyzer.fingerprint,
      utcOffset: prev?.utcOffset ?? this.opts.utcOffset ?? '+00:00',
      generation: this.generation,
      created: prev?.created ?? now,
      updated: now,
      fields: [...FIELDS],
      segments,
      documentCount: this.documentCount,
      totalFieldLength: this.totals,
      firstDay: this.minTime === null ? null : dayString(Math.floor(this.minTime / 1440)),
      lastDay: this.maxTime === null ? null : dayString(Math.floor(this.maxTime / 1440)),
      ...extra,
    };
  }

  private recomputeTimes(segments: SegmentInfo[]): void {
    const view = ArchiveIndex.fromSegments(this.dir, segments);
    this.minTime = null;
    this.maxTime = null;
    try {
      for (const seg of view.segments) {
        const col = seg.column(LENGTH_COLUMNS.length);
        for (let local = 0; local < col.length; local++) {
          const t = col[local]!;
          if (t === NO_TIME || seg.isDeleted(local)) continue;
          if (this.minTime === null || t < this.minTime) this.minTime = t;
          if (this.maxTime === null || t > this.maxTime) this.maxTime = t;
        }
      }
    } finally {
      view.close();
    }
  }

  /** The live documents' count and statistics as the new generation will record them. */
  get statistics(): Pick<Manifest, 'documentCount' | 'totalFieldLength'> {
    return { documentCount: this.count, totalFieldLength: [...this.totals] };
  }

  /**
   * Writes what is buffered, and publishes the new generation. `beforePublish` sees the
   * manifest about to be published and may refuse it by throwing (nothing is published).
   */
  commit(extra: CommitFields, beforePublish?: (next: Manifest, previous: Manifest | null) => void): Manifest {
    this.flush();
    const next = this.manifest(extra);
    beforePublish?.(next, this.previous);
    checkpoint('build:before-publish');
    publishManifest(this.dir, next, this.previous);
    this.committed = true;
    return next;
  }

  /**
   * Releases the lock. Files written by a writer that did not commit are referenced by no
   * manifest; the next publish collects them.
   */
  close(): void {
    try {
      this.base?.close();
      for (const r of this.ownReaders.values()) r.close();
    } finally {
      this.release();
    }
  }

  /** Whether commit() has published. */
  get published(): boolean {
    return this.committed;
  }
}

function dayToTime(day: string): number {
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000) * 1440;
}


/** Count, length totals and date span of the live documents of a segment list, read from their doc tables. */
export function liveStatistics(dir: string, segments: SegmentInfo[]): { count: number; totals: number[]; firstDay: string | null; lastDay: string | null } {
  const view = ArchiveIndex.fromSegments(dir, segments);
  const totals = LENGTH_COLUMNS.map(() => 0);
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  try {
    for (const seg of view.segments) {
      const cols = LENGTH_COLUMNS.map((_, c) => seg.column(c));
      const times = seg.column(LENGTH_COLUMNS.length);
      for (let local = 0; local < seg.info.docCount; local++) {
        if (seg.isDeleted(local)) continue;
        count++;
        cols.forEach((col, c) => (totals[c]! += col[local]!));
        const t = times[local]!;
        if (t === NO_TIME) continue;
        if (first === null || t < first) first = t;
        if (last === null || t > last) last = t;
      }
    }
  } finally {
    view.close();
  }
  const day = (t: number | null) => (t === null ? null : dayString(Math.floor(t / 1440)));
  return { count, totals, firstDay: day(first), lastDay: day(last) };
}
