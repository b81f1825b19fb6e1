// Runs a query plan against an index in one pass down the plan: each leaf reads its terms'
// postings (after expanding prefixes and fuzzy terms, within bounds) and scores every
// posting with BM25+; combinations merge their children's sorted document lists, as
// MiniSearch's AND, OR and AND_NOT do, adding scores in the same order; a phrase keeps the
// documents of its words where the index's positions show them together. The result is
// every matching document with its score and the query terms it matched.

import type { ArchiveIndex, ExpansionResult } from '../index/reader';
import { FIELDS, LENGTH_COLUMNS, lengthColumn } from '../index/schema';
import { phraseDocs } from './phrase';
import type { Leaf, QueryPlan } from './query';
import { BM25, BOOST_BY_ID, fuzzyDistance, fuzzyWeight, idfOf, prefixWeight } from './scoring';

/** Documents (ascending) with their scores and, per document, the bits of the query terms it matched. */
export interface MatchSet {
  docs: Int32Array;
  scores: Float64Array;
  /** `words` 32-bit words per document. */
  masks: Uint32Array;
}

/** Bounds of term expansion, as mature engines bound it (Lucene's maxExpansions and prefix length). */
export interface ExpansionLimits {
  /** Most dictionary terms one prefix or fuzzy term may expand to. */
  maxExpansions: number;
  /** Most dictionary terms looked at per segment for one expansion. */
  maxScan: number;
  /** Characters of a fuzzy term that must match exactly, after its article if it has one (0: none, article included). */
  fuzzyPrefix: number;
  /** Whether a fuzzy term's edit distance is capped by its length (fuzzyCap). */
  capDistance: boolean;
}

/**
 * Archive-wide statistics a plan is scored with when the index at hand holds only some of
 * the archive (the cluster engine's candidates): the document count, average field
 * lengths, each term's document frequency per field, and term expansion against the
 * whole archive's dictionary. Without it the index's own are used.
 */
export interface CorpusStatistics {
  documentCount: number;
  averageFieldLengths: number[];
  docFreq(term: string, field: number): number;
  expandPrefix(prefix: string, limit: number, scan: number): ExpansionResult;
  expandFuzzy(term: string, maxDistance: number, prefixLength: number, limit: number, scan: number): ExpansionResult;
  /**
   * The documents among `candidates` where a phrase's words stand together, when the index
   * at hand holds term frequencies but no positions (the cluster's ranking); else the
   * index's positions decide.
   */
  phraseDocs?(phrase: Extract<QueryPlan, { kind: 'phrase' }>, candidates: Int32Array): Set<number>;
}

export const DEFAULT_LIMITS: ExpansionLimits = { maxExpansions: 64, maxScan: 20_000, fuzzyPrefix: 1, capDistance: true };

/** No bounds: every expansion MiniSearch itself would make (for comparisons with it). */
export const UNBOUNDED: ExpansionLimits = { maxExpansions: Infinity, maxScan: Infinity, fuzzyPrefix: 0, capDistance: false };

/** The largest edit distance a word of this length may be searched with: one for short words, two from six letters, three from nine. */
export function fuzzyCap(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : length <= 8 ? 2 : 3;
}

const ARTICLE = /^(?:وال|فال|بال|كال|ال)/;

/** Evaluates plans against one index. */
export class Engine {
  /** Remarks for the user: expansions that were cut, distances that were capped. */
  get notices(): string[] {
    return [...this.noticeSet];
  }

  private noticeSet = new Set<string>();
  private bits = new Map<string, number>();
  private words = 1;
  private readonly docCount: number;
  private readonly averages: number[];

  constructor(
    readonly index: ArchiveIndex,
    readonly limits: ExpansionLimits = DEFAULT_LIMITS,
    readonly statistics: CorpusStatistics | null = null,
  ) {
    this.docCount = statistics ? statistics.documentCount : index.documentCount;
    this.averages = statistics ? statistics.averageFieldLengths : index.averageFieldLengths();
  }

  /** Runs a plan: every matching document with its final score (times the number of distinct query terms matched). */
  run(plan: QueryPlan): MatchSet {
    this.bits.clear();
    this.collectTerms(plan);
    this.words = Math.max(1, Math.ceil(this.bits.size / 32));
    const m = this.evaluate(plan);
    const W = this.words;
    for (let i = 0; i < m.docs.length; i++) {
      let terms = 0;
      for (let w = 0; w < W; w++) terms += popcount(m.masks[i * W + w]!);
      m.scores[i] = m.scores[i]! * (terms || 1);
    }
    return m;
  }

  /** Number of 32-bit words of a mask. */
  get maskWords(): number {
    return this.words;
  }

  private collectTerms(plan: QueryPlan): void {
    switch (plan.kind) {
      case 'leaf':
        if (!this.bits.has(plan.term)) this.bits.set(plan.term, this.bits.size);
        return;
      case 'all':
        return;
      case 'phrase':
        this.collectTerms(plan.inner);
        return;
      default:
        for (const c of plan.children) this.collectTerms(c);
    }
  }

  private evaluate(plan: QueryPlan): MatchSet {
    switch (plan.kind) {
      case 'leaf':
        return this.leaf(plan);
      case 'all': {
        const docs = this.index.liveDocArray();
        return { docs, scores: new Float64Array(docs.length).fill(1), masks: new Uint32Array(docs.length * this.words) };
      }
      case 'phrase': {
        const inner = this.evaluate(plan.inner);
        const keep = this.statistics?.phraseDocs ? this.statistics.phraseDocs(plan, inner.docs) : phraseDocs(this.index, plan, inner.docs);
        return this.filter(inner, (doc) => keep.has(doc));
      }
      case 'and': {
        let acc: MatchSet | null = null;
        for (const c of plan.children) {
          const m = this.evaluate(c);
          acc = acc ? this.intersect(acc, m) : m;
          if (acc.docs.length === 0) break;
        }
        return acc ?? this.empty();
      }
      case 'or': {
        let acc: MatchSet | null = null;
        for (const c of plan.children) {
          const m = this.evaluate(c);
          acc = acc ? this.union(acc, m) : m;
        }
        return acc ?? this.empty();
      }
      case 'not': {
        let acc = this.evaluate(plan.children[0]!);
        for (const c of plan.children.slice(1)) {
          if (acc.docs.length === 0) break;
          const drop = this.evaluate(c).docs;
          acc = this.filter(acc, (doc) => !contains(drop, doc));
        }
        return acc;
      }
    }
  }

  private empty(): MatchSet {
    return { docs: new Int32Array(0), scores: new Float64Array(0), masks: new Uint32Array(0) };
  }

  /** The document terms a leaf reaches, with their weights: the term, its prefix and fuzzy expansions, its variants. */
  expand(leaf: Leaf): Array<{ term: string; weight: number }> {
    const out: Array<{ term: string; weight: number }> = [{ term: leaf.term, weight: 1 }];
    const seen = new Set([leaf.term]);
    if (leaf.prefix) {
      const r = (this.statistics ?? this.index).expandPrefix(leaf.term, this.limits.maxExpansions, this.limits.maxScan);
      if (r.cut) this.noticeSet.add(`${leaf.term}* matches more words than newsq expands; it searched the ${r.terms.length} most frequent`);
      for (const e of r.terms) {
        seen.add(e.term);
        out.push({ term: e.term, weight: prefixWeight(e.term.length, e.distance) });
      }
    }
    if (leaf.fuzzy) {
      const asked = fuzzyDistance(leaf.term, leaf.fuzzy);
      const cap = this.limits.capDistance ? fuzzyCap(leaf.term.length) : Infinity;
      const distance = Math.min(asked, cap);
      if (asked > cap) this.noticeSet.add(`${leaf.term}~: at most ${cap} edit${cap === 1 ? '' : 's'} for a word of ${leaf.term.length} letters`);
      if (distance > 0) {
        const head = this.limits.fuzzyPrefix > 0 ? (ARTICLE.exec(leaf.term)?.[0].length ?? 0) : 0;
        const prefixLength = Math.min(leaf.term.length, head + this.limits.fuzzyPrefix);
        const r = (this.statistics ?? this.index).expandFuzzy(leaf.term, distance, prefixLength, this.limits.maxExpansions, this.limits.maxScan);
        if (r.cut) this.noticeSet.add(`${leaf.term}~ matches more words than newsq expands; it searched the ${r.terms.length} closest`);
        for (const e of r.terms) {
          if (seen.has(e.term)) continue;
          seen.add(e.term);
          out.push({ term: e.term, weight: fuzzyWeight(e.term.length, e.distance) });
        }
      }
    }
    for (const v of leaf.variants ?? []) {
      if (seen.has(v.term)) continue;
      seen.add(v.term);
      out.push(v);
    }
    return out;
  }

  // A length column for a posting list's documents (the lists of one query share them).
  private lengths(column: number, docs: Int32Array): Int32Array {
    const out = new Int32Array(docs.length);
    this.index.lengthsOf(docs, column, out);
    return out;
  }

  // Every (document term, field) a leaf reached, for telling which words of a shown article matched.
  private reached: Array<{ term: string; field: number; docs: Int32Array }> = [];

  /** The document terms of `doc` that matched, with the fields they matched in (for snippets). */
  matchedTerms(doc: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const r of this.reached) if (contains(r.docs, doc)) (out[r.term] ??= []).push(FIELDS[r.field]!);
    return out;
  }

  private leaf(leaf: Leaf): MatchSet {
    const bit = this.bits.get(leaf.term)!;
    const W = this.words;
    const lists: Array<{ docs: Int32Array; scores: Float64Array }> = [];
    for (const { term, weight } of this.expand(leaf)) {
      const postings = this.index.postings(term);
      if (!postings) continue;
      for (const field of leaf.fields) {
        const list = postings.get(field);
        if (!list || list.size === 0) continue;
        this.reached.push({ term, field, docs: list.docs });
        const docs = list.docs;
        const freqs = list.freqs;
        const scores = new Float64Array(docs.length);
        const boost = BOOST_BY_ID[field] ?? 0;
        // A field that weighs nothing still matches, with no score (a filter).
        if (boost !== 0) {
          const column = lengthColumn(field);
          const lengths = column >= 0 && column < LENGTH_COLUMNS.length ? this.lengths(column, docs) : null;
          // bm25() with what does not change along the list taken out of the loop: the same
          // arithmetic in the same order, so the same scores to the last bit.
          const avg = this.averages[field]!;
          const idf = idfOf(this.statistics ? this.statistics.docFreq(term, field) : docs.length, this.docCount);
          const scale = weight * boost;
          for (let i = 0; i < docs.length; i++) {
            const tf = freqs[i]!;
            const length = lengths ? lengths[i]! : 0;
            scores[i] = scale * (idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avg))));
          }
        }
        lists.push({ docs, scores });
      }
    }
    const maskOf = (n: number) => {
      const masks = new Uint32Array(n * W);
      for (let i = 0; i < n; i++) masks[i * W + (bit >> 5)] = 1 << (bit & 31);
      return masks;
    };
    if (lists.length === 0) return this.empty();
    if (lists.length === 1) return { docs: lists[0]!.docs, scores: lists[0]!.scores, masks: maskOf(lists[0]!.docs.length) };
    // Many lists (a prefix or fuzzy term's expansions): summed in one array over the
    // archive, list by list, which adds each document's scores in the same order as
    // merging them pairwise would, without a pass over the whole union for each list.
    if (lists.length > 4) {
      const span = this.index.docSpan;
      const sum = new Float64Array(span);
      const seen = new Uint8Array(span);
      let n = 0;
      for (const l of lists) {
        for (let i = 0; i < l.docs.length; i++) {
          const d = l.docs[i]!;
          if (seen[d] === 0) {
            seen[d] = 1;
            n++;
            sum[d] = l.scores[i]!;
          } else sum[d] = sum[d]! + l.scores[i]!;
        }
      }
      const docs = new Int32Array(n);
      const scores = new Float64Array(n);
      let k = 0;
      for (let d = 0; d < span; d++) {
        if (seen[d] === 0) continue;
        docs[k] = d;
        scores[k++] = sum[d]!;
      }
      return { docs, scores, masks: maskOf(n) };
    }
    let acc: MatchSet | null = null;
    for (const l of lists) {
      const m: MatchSet = { docs: l.docs, scores: l.scores, masks: maskOf(l.docs.length) };
      acc = acc ? this.union(acc, m) : m;
    }
    return acc!;
  }

  /** Documents in either, scores added (a's first), terms joined. */
  union(a: MatchSet, b: MatchSet): MatchSet {
    const W = this.words;
    const n = a.docs.length + b.docs.length;
    const docs = new Int32Array(n);
    const scores = new Float64Array(n);
    const masks = new Uint32Array(n * W);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.docs.length || j < b.docs.length) {
      const da = i < a.docs.length ? a.docs[i]! : Infinity;
      const db = j < b.docs.length ? b.docs[j]! : Infinity;
      if (da < db) {
        docs[k] = da;
        scores[k] = a.scores[i]!;
        for (let w = 0; w < W; w++) masks[k * W + w] = a.masks[i * W + w]!;
        i++;
      } else if (db < da) {
        docs[k] = db;
        scores[k] = b.scores[j]!;
        for (let w = 0; w < W; w++) masks[k * W + w] = b.masks[j * W + w]!;
        j++;
      } else {
        docs[k] = da;
        scores[k] = a.scores[i]! + b.scores[j]!;
        for (let w = 0; w < W; w++) masks[k * W + w] = a.masks[i * W + w]! | b.masks[j * W + w]!;
        i++;
        j++;
      }
      k++;
    }
    return { docs: docs.subarray(0, k), scores: scores.subarray(0, k), masks: masks.subarray(0, k * W) };
  }

  /** Documents in both, scores added (a's first), terms joined. */
  intersect(a: MatchSet, b: MatchSet): MatchSet {
    const W = this.words;
    const n = Math.min(a.docs.length, b.docs.length);
    const docs = new Int32Array(n);
    const scores = new Float64Array(n);
    const masks = new Uint32Array(n * W);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.docs.length && j < b.docs.length) {
      const da = a.docs[i]!;
      const db = b.docs[j]!;
      if (da < db) i = gallop(a.docs, i + 1, db);
      else if (db < da) j = gallop(b.docs, j + 1, da);
      else {
        docs[k] = da;
        scores[k] = a.scores[i]! + b.scores[j]!;
        for (let w = 0; w < W; w++) masks[k * W + w] = a.masks[i * W + w]! | b.masks[j * W + w]!;
        i++;
        j++;
        k++;
      }
    }
    return { docs: docs.subarray(0, k), scores: scores.subarray(0, k), masks: masks.subarray(0, k * W) };
  }

  /** The documents a predicate keeps. */
  filter(m: MatchSet, keep: (doc: number) => boolean): MatchSet {
    const W = this.words;
    const docs = new Int32Array(m.docs.length);
    const scores = new Float64Array(m.docs.length);
    const masks = new Uint32Array(m.docs.length * W);
    let k = 0;
    for (let i = 0; i < m.docs.length; i++) {
      if (!keep(m.docs[i]!)) continue;
      docs[k] = m.docs[i]!;
      scores[k] = m.scores[i]!;
      for (let w = 0; w < W; w++) masks[k * W + w] = m.masks[i * W + w]!;
      k++;
    }
    return { docs: docs.subarray(0, k), scores: scores.subarray(0, k), masks: masks.subarray(0, k * W) };
  }

  /** The query terms (by bit) a document's mask holds. */
  termsOf(m: MatchSet, i: number): string[] {
    const W = this.words;
    const out: string[] = [];
    for (const [term, bit] of this.bits) if (m.masks[i * W + (bit >> 5)]! & (1 << (bit & 31))) out.push(term);
    return out;
  }
}

// The first index from `from` whose value is at least `target`: exponential then binary search.
function gallop(docs: Int32Array, from: number, target: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < docs.length && docs[hi]! < target) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > docs.length) hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether ascending `docs` holds `doc`. */
export function contains(docs: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid]!;
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
