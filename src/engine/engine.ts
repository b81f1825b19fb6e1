// The one interface newsq's commands reach an archive through. Two engines implement it:
// the local segmented index (src/engine/local.ts, today's code behind an adapter) and a
// searchd cluster spoken to in SphinxQL (src/engine/cluster.ts). A command plans its query,
// hands the plan to the engine and formats what comes back; it never knows which engine
// answered. Every engine computes newsq's own matching and ranking, so both give the same
// answers (see docs/cluster.md).

import type { Article } from '../model/article';
import type { KeywordCount, KeywordMatch } from '../features/keywords';
import type { ChainSource } from '../features/related/chain';
import type { ArchiveStats } from '../features/stats';
import type { PlanContext } from '../search/plan';
import type { PlannedQuery } from '../search/query';
import type { SearchOutcome, SearchRequest } from '../search/search';

/** What a listing or search asks of an engine besides its plan. */
export type RunRequest = Omit<SearchRequest, 'query' | 'statistics'>;

/** A feature one engine does not offer: the command exits 2 with this message. */
export class EngineUnsupportedError extends Error {}

/** A cluster node that did not answer: the command exits 2 naming it (or, when partial results are allowed, warns). */
export class EngineNodeError extends Error {
  constructor(
    readonly node: string,
    message: string,
  ) {
    super(message);
  }
}

/** An engine's answer may come from only some of its shards. */
export interface Partial {
  /** Nodes whose part of the archive is missing from the answer (empty: the answer is whole). */
  missing: string[];
}

/** Matching articles per day (day numbers; null for articles without a date). */
export interface DayCounts extends Partial {
  counts: Array<[number | null, number]>;
}

export interface ArchiveEngine {
  /** Where the archive is, for messages: an index folder or an engine URL. */
  readonly location: string;
  /** The archive's local day today (its UTC offset), for relative dates. */
  today(now: Date): string;
  /** What the planner needs of the archive (its first and last day). */
  planContext(today: string): PlanContext;
  /** Runs a planned query: matching, ranking, the page with stored articles and snippets. */
  run(planned: PlannedQuery, req: RunRequest): SearchOutcome & Partial;
  /** The ids of every article a plan matches, in no particular order (no ranking, no stored articles). */
  matchIds(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>): string[] & Partial;
  /** How many articles a plan matches on each day (null: undated), date limits applied, in no particular order. */
  dayCounts(planned: PlannedQuery, req: Pick<RunRequest, 'since' | 'until' | 'today'>): DayCounts;
  /** What following related stories reads of the archive (links, who lists an article, similar articles). */
  chainSource(): ChainSource;
  /** The stored article of an id, or of a unique id prefix of 4+ characters. */
  article(id: string): Article;
  /** A keyword typed by a user, matched through newsq's normalization. */
  matchKeyword(input: string): KeywordMatch;
  /** Whether any article of the archive carries a keyword (SaudiNewsNet's carry none). */
  hasKeywords(): boolean;
  /** Every keyword with its article count, most used first; date limits as day numbers. */
  keywordCounts(from: number | null, to: number | null): KeywordCount[];
  /** The archive's numbers. */
  stats(top: number, from: number | null, to: number | null): ArchiveStats;
  /** Nodes that have not answered so far (only with partial answers allowed; empty for a local index). */
  missingNodes(): string[];
  close(): void;
}
