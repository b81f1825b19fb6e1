// What an archive holds: its size, date span, sources, keywords, and the articles that
// lack a date or keywords. Everything comes from the doc table, the postings and the
// sidecars; stored articles are read only to learn source names (one per source, plus
// articles whose source field holds more than one name), so the numbers stay quick on
// an archive of tens of thousands of articles.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { docsWithKeywords, keywordCounts, type KeywordCount } from './keywords';
import { linkSidecar } from './related/chain';
import { FIELD_ID, lengthColumn } from '../index/schema';
import { nameTerms } from '../ingest/document';
import { dayString } from '../index/format';
import type { ArchiveIndex } from '../index/reader';
import { phraseKey } from '../analysis/analyzer';

const SOURCE = FIELD_ID.source;
const SOURCE_COLUMN = lengthColumn(SOURCE);

/** Articles of one source (null: articles without a source line). */
export interface SourceCount {
  source: string | null;
  count: number;
}

/** Resolved related headlines, by how they were resolved. */
export interface LinkStats {
  /** Articles with a related-story list. */
  articles: number;
  headlines: number;
  exact: number;
  close: number;
  none: number;
}

/** The numbers `newsq stats` prints. */
export interface ArchiveStats {
  /** Live articles (within the date limits, when given). */
  documents: number;
  firstDay: string | null;
  lastDay: string | null;
  utcOffset: string;
  undated: number;
  withoutKeywords: number;
  keywords: { distinct: number; top: KeywordCount[] };
  sources: SourceCount[];
  links: LinkStats;
  index: { dir: string; generation: number; segments: number; bytes: number; updated: string };
}

/**
 * Articles per source, most first. Source names are learned from the stored article of
 * one document per source; the source field's postings then claim every document whose
 * field holds exactly that name (its field length says nothing else is there). Documents
 * whose field holds more (credits, a second name) are settled from their stored article.
 */
export function sourceCounts(index: ArchiveIndex, docs: Iterable<number>): SourceCount[] {
  const counts = new Map<string | null, number>();
  const add = (name: string | null): void => void counts.set(name, (counts.get(name) ?? 0) + 1);
  const pending = new Set<number>();
  for (const doc of docs) {
    if (index.lengthOf(doc, SOURCE_COLUMN) === 0) add(null);
    else pending.add(doc);
  }
  const claimed = new Set<string>();
  for (const seed of pending) {
    if (!pending.has(seed)) continue;
    const name = index.stored(seed).source;
    pending.delete(seed);
    add(name);
    if (!name) continue;
    const key = phraseKey(name);
    if (!key || claimed.has(key)) continue;
    claimed.add(key);
    const only = new Set(nameTerms(name)).size;
    const holders = index.postings(key)?.get(SOURCE);
    if (!holders) continue;
    for (const doc of holders.docs) {
      if (!pending.has(doc)) continue;
      pending.delete(doc);
      add(index.lengthOf(doc, SOURCE_COLUMN) === only ? name : index.stored(doc).source);
    }
  }
  return [...counts]
    .map(([source, count]) => ({ source, count }))
    .sort((a, b) => b.count - a.count || (a.source ?? '\uffff').localeCompare(b.source ?? '\uffff'));
}

/** Counts of the links sidecar over the lists of the given documents. */
export function linkStats(index: ArchiveIndex, docs: number[]): LinkStats {
  const out: LinkStats = { articles: 0, headlines: 0, exact: 0, close: 0, none: 0 };
  const sidecar = linkSidecar(index);
  const entries = Object.entries(sidecar);
  if (entries.length === 0) return out;
  const ids = new Set(docs.map((d) => index.id(d)));
  for (const [id, links] of entries) {
    if (!ids.has(id) || links.length === 0) continue;
    out.articles++;
    for (const l of links) {
      out.headlines++;
      const live = l.target !== null && index.docById(l.target) !== null;
      out[live ? l.how : 'none']++;
    }
  }
  return out;
}

function indexBytes(index: ArchiveIndex): number {
  let bytes = 0;
  for (const seg of index.manifest.segments) for (const size of Object.values(seg.sizes)) bytes += size;
  for (const name of [index.manifest.sidecars?.keywords, index.manifest.sidecars?.links]) {
    if (!name) continue;
    try {
      bytes += statSync(join(index.dir, name)).size;
    } catch {
      // A missing sidecar is reported by the commands that read it.
    }
  }
  return bytes;
}

/** Options of archiveStats. */
export interface StatsOptions {
  /** How many keywords to list. */
  top: number;
  /** Keep only some documents (date limits); undated documents then drop out. */
  accept?: (doc: number) => boolean;
}

/** The archive's numbers, optionally restricted to documents `accept` keeps. */
export function archiveStats(index: ArchiveIndex, opts: StatsOptions): ArchiveStats {
  const docs: number[] = [];
  let undated = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const doc of index.liveDocs()) {
    if (opts.accept && !opts.accept(doc)) continue;
    docs.push(doc);
    const day = index.day(doc);
    if (day === null) {
      undated++;
      continue;
    }
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const tagged = docsWithKeywords(index);
  let withoutKeywords = 0;
  for (const doc of docs) if (!tagged.has(doc)) withoutKeywords++;
  const keywords = keywordCounts(index, opts.accept);
  const links = linkStats(index, docs);
  const m = index.manifest;
  return {
    documents: docs.length,
    firstDay: Number.isFinite(first) ? dayString(first) : null,
    lastDay: Number.isFinite(last) ? dayString(last) : null,
    utcOffset: m.utcOffset,
    undated,
    withoutKeywords,
    keywords: { distinct: keywords.length, top: keywords.slice(0, opts.top) },
    sources: sourceCounts(index, docs),
    links,
    index: { dir: index.dir, generation: m.generation, segments: m.segments.length, bytes: indexBytes(index), updated: m.updated },
  };
}
