/**
 * Loading and scoring the (query word, document word) evaluation pairs in
 * tests/fixtures/arabic-pairs.tsv. A pair whose `expect` is `match` should be found by a search
 * for the query; a `trap` pair must not be. Scoring is independent of any analyzer: the caller
 * passes the matching predicate.
 */
import { readFileSync } from 'node:fs';

/** What a pair asks of the analyzer. */
export type Expectation = 'match' | 'trap';

/** One line of the pairs file. */
export interface Pair {
  query: string;
  document: string;
  expect: Expectation;
  /** The phenomenon the pair tests (clitic, suffix, overstem-name, …). */
  kind: string;
  /** Why the pair should or should not match. */
  note: string;
  /** 1-based line number in the source file, for messages. */
  line: number;
}

/** Scores for a set of pairs; a rate is NaN when the set has no pair of that expectation. */
export interface Score {
  /** Share of `match` pairs that matched. */
  recall: number;
  /** Share of `trap` pairs that matched, at any rank. */
  falseMatchRate: number;
  /** Share of `trap` pairs that matched at the rank of the query's own forms (not only below its spelling as typed). */
  falseMatchAtRankRate: number;
  matchPairs: number;
  trapPairs: number;
  /** `match` pairs that did not match. */
  missed: Pair[];
  /** `trap` pairs that matched. */
  wrongly: Pair[];
  /** `trap` pairs that matched only below the query's spelling as typed (a subset of `wrongly`). */
  rankedBelow: Pair[];
}

/** Scores for the whole set and for each kind. */
export interface Evaluation extends Score {
  byKind: Record<string, Score>;
}

/** The exact header line the pairs file must start with. */
export const PAIRS_HEADER = ['query', 'document', 'expect', 'kind', 'note'] as const;

/** Parses the text of a pairs file; throws with the line number on any malformed line. */
export function parsePairs(text: string, source = 'pairs'): Pair[] {
  // Only \n separates lines: \r, U+2028 and the like could legitimately sit inside test strings.
  const lines = text.replace(/\n$/, '').split('\n');
  const header = lines[0]?.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (header !== PAIRS_HEADER.join('\t')) {
    throw new Error(`${source}:1: header must be "${PAIRS_HEADER.join('\\t')}", got ${JSON.stringify(header)}`);
  }
  const pairs: Pair[] = [];
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    const text = raw.replace(/\r$/, '');
    if (text === '') return;
    const fields = text.split('\t');
    if (fields.length !== PAIRS_HEADER.length) {
      throw new Error(`${source}:${line}: expected ${PAIRS_HEADER.length} tab-separated fields, got ${fields.length}`);
    }
    const [query, document, expect, kind, note] = fields as [string, string, string, string, string];
    if (expect !== 'match' && expect !== 'trap') {
      throw new Error(`${source}:${line}: expect must be "match" or "trap", got ${JSON.stringify(expect)}`);
    }
    if (!query || !document || !kind) {
      throw new Error(`${source}:${line}: query, document and kind must not be empty`);
    }
    pairs.push({ query, document, expect, kind, note, line });
  });
  return pairs;
}

/** Reads and parses a pairs file (UTF-8, tab-separated, header line first). */
export function loadPairs(path: string): Pair[] {
  return parsePairs(readFileSync(path, 'utf8'), path);
}

/**
 * Whether a document word meets a query word: `'below'` when it does only below the query's
 * spelling as typed (a homograph that folding joins, which the search ranks under it).
 */
export type Meeting = boolean | 'below';

/** Runs `matches(query, document)` on every pair and scores the answers overall and per kind. */
export function evaluatePairs(pairs: readonly Pair[], matches: (query: string, document: string) => Meeting): Evaluation {
  const matched = new Map<Pair, Meeting>();
  for (const pair of pairs) matched.set(pair, matches(pair.query, pair.document));
  const kinds = [...new Set(pairs.map((pair) => pair.kind))];
  const byKind: Record<string, Score> = {};
  for (const kind of kinds) byKind[kind] = score(pairs.filter((pair) => pair.kind === kind), matched);
  return { ...score(pairs, matched), byKind };
}

function score(pairs: readonly Pair[], matched: Map<Pair, Meeting>): Score {
  const shouldMatch = pairs.filter((pair) => pair.expect === 'match');
  const traps = pairs.filter((pair) => pair.expect === 'trap');
  const missed = shouldMatch.filter((pair) => !matched.get(pair));
  const wrongly = traps.filter((pair) => matched.get(pair));
  const rankedBelow = wrongly.filter((pair) => matched.get(pair) === 'below');
  return {
    recall: shouldMatch.length ? (shouldMatch.length - missed.length) / shouldMatch.length : Number.NaN,
    falseMatchRate: traps.length ? wrongly.length / traps.length : Number.NaN,
    falseMatchAtRankRate: traps.length ? (wrongly.length - rankedBelow.length) / traps.length : Number.NaN,
    matchPairs: shouldMatch.length,
    trapPairs: traps.length,
    missed,
    wrongly,
    rankedBelow,
  };
}

/** A plain-text table of an evaluation (overall row first, then one row per kind). */
export function formatEvaluation(name: string, evaluation: Evaluation): string {
  const percent = (value: number) => (Number.isNaN(value) ? '     -' : `${(value * 100).toFixed(1).padStart(5)}%`);
  const row = (label: string, s: Score) =>
    `${label.padEnd(16)} ${percent(s.recall)} of ${String(s.matchPairs).padStart(3)}   ${percent(s.falseMatchRate)} of ${String(s.trapPairs).padStart(3)}`;
  const lines = [`${name}`, `${'kind'.padEnd(16)} recall            false matches`, row('all', evaluation)];
  for (const kind of Object.keys(evaluation.byKind).sort()) lines.push(row(kind, evaluation.byKind[kind]!));
  return lines.join('\n');
}
