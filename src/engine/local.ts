// The local segmented index behind the engine interface: the code the commands called
// directly before, unchanged.

import { keywordCounts, keywordSidecar, matchKeyword } from '../features/keywords';
import { resolveDoc } from '../features/article-id';
import { indexChainSource, type ChainSource } from '../features/related/chain';
import { archiveStats } from '../features/stats';
import { ArchiveIndex } from '../index/reader';
import type { Article } from '../model/article';
import type { PlannedQuery } from '../search/query';
import { localToday, matchingDocs, planContext, runPlanned } from '../search/search';
import type { ArchiveEngine, RunRequest } from './engine';

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

  dayCounts(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>) {
    const perDay = new Map<number | null, number>();
    for (const doc of matchingDocs(this.index, planned, req)) {
      const day = this.index.day(doc);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    return { counts: [...perDay], missing: [] };
  }

  chainSource() {
    return (this.chain ??= indexChainSource(this.index));
  }

  private chain: ChainSource | null = null;

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
