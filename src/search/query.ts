// The query plan: what the planner hands the engine. A leaf is one query term as MiniSearch
// sees one (a term, the fields it is searched in, and whether it expands to prefixes or
// near spellings); combinations are MiniSearch's AND, OR and AND_NOT; a phrase is the AND of
// its words kept to the documents where they stand in order (or within a window), which the
// engine checks with the positions in the index.

/** A document term reached from a query term by another route (a broken plural, a foreign spelling), with its weight. */
export interface Variant {
  term: string;
  weight: number;
}

/** One query term, searched in some fields. */
export interface Leaf {
  kind: 'leaf';
  term: string;
  /** Field ids. */
  fields: number[];
  prefix?: boolean;
  /** A fraction of the term's length, or a number of edits (MiniSearch's fuzzy option). */
  fuzzy?: number;
  variants?: Variant[];
}

export interface Combination {
  kind: 'and' | 'or';
  children: QueryPlan[];
}

/** The first child's documents without those of the others. */
export interface Negation {
  kind: 'not';
  children: QueryPlan[];
}

/** Every live document (the positive side of a purely negative query). */
export interface All {
  kind: 'all';
}

/** One word of a phrase: its exact term and its stems. */
export interface PhraseWord {
  exact: string;
  stems: string[];
}

/** Words in order (slop 0) or within a window of slop extra positions, in a headline or a body. */
export interface Phrase {
  kind: 'phrase';
  words: PhraseWord[];
  slop: number;
  /** 'title' or 'any' (headline or body). */
  where: 'any' | 'title';
  /** The AND of its words, which scores it. */
  inner: QueryPlan;
}

export type QueryPlan = Leaf | Combination | Negation | All | Phrase;

/** A planned query: the plan, and the words of an unquoted multi-word query (ranked by how close they stand). */
export interface PlannedQuery {
  plan: QueryPlan;
  proximity: PhraseWord[] | null;
  /** Whether the query has only filters (keywords, sources, dates, authors): listed newest first by default. */
  filterOnly: boolean;
  /** Remarks on how the query was read, for stderr. */
  notices: string[];
}
