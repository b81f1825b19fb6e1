// The local segmented index behind the engine interface: the code the commands called
// directly before, unchanged.

import { keywordCounts, keywordSidecar, matchKeyword } from '../features/keywords';
import { archiveStats } from '../features/stats';
import { ArchiveIndex } from '../index/reader';
import type { Article } from '../model/article';
import type { PlannedQuery } from '../search/query';
import { localToday, matchingDocs, planContext, runPlanned } from '../search/search';
import type { ArchiveEngine, RunRequest } from './engine';

/** An id the archive does not hold, or a prefix that names several articles. */
export class ArticleLookupError extends Error {
  constructor(
    readonly kind: 'none' | 'ambiguous',
    message: string,
    /** For an ambiguous prefix: the first matches, id and headline. */
    readonly matches: Array<{ id: string; title: string }> = [],
  ) {
    super(message);
  }
}

/** The document of an article id, or of a unique id prefix of 4+ characters. */
export function resolveDoc(index: ArchiveIndex, id: string): number {
  const exact = index.docById(id);
  if (exact !== null) return exact;
  if (id.length >= 4) {
    const matches = index.docsWithIdPrefix(id, 6);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new ArticleLookupError(
        'ambiguous',
        id,
        matches.slice(0, 5).map((d) => ({ id: index.id(d), title: index.title(d) })),
      );
    }
  }
  throw new ArticleLookupError('none', id);
}

/** A document filter for day-number bounds (undefined when there are none). */
export function dayFilter(index: ArchiveIndex, from: number | null, to: number | null): ((doc: number) => boolean) | undefined {
  if (from === null && to === null) return undefined;
  return (doc) => {
    const day = index.day(doc);
    return day !== null && (from === null || day >= from) && (to === null || day <= to);
  };
}

export class LocalEngine implements ArchiveEngine {
  constructor(readonly index: ArchiveIndex) {}

  get location(): string {
    return this.index.dir;
  }

  today(now: Date): string {
    return localToday(this.index.manifest.utcOffset, now);
  }

  planContext(today: string) {
    return planContext(this.index, today);
  }

  run(planned: PlannedQuery, req: RunRequest) {
    return { ...runPlanned(this.index, planned, req), missing: [] };
  }

  matchIds(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>) {
    return Object.assign(
      Array.from(matchingDocs(this.index, planned, req), (doc) => this.index.id(doc)),
      { missing: [] },
    );
  }

  article(id: string): Article {
    return this.index.stored(resolveDoc(this.index, id));
  }

  matchKeyword(input: string) {
    return matchKeyword(this.index, input);
  }

  hasKeywords(): boolean {
    return Object.keys(keywordSidecar(this.index).display).length > 0;
  }

  keywordCounts(from: number | null, to: number | null) {
    return keywordCounts(this.index, dayFilter(this.index, from, to));
  }

  stats(top: number, from: number | null, to: number | null) {
    const accept = dayFilter(this.index, from, to);
    return archiveStats(this.index, { top, ...(accept ? { accept } : {}) });
  }

  missingNodes(): string[] {
    return [];
  }

  close(): void {
    this.index.close();
  }
}
