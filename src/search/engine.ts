// Runs a query plan against an index in one pass down the plan: each leaf reads its terms'
// postings (after expanding prefixes and fuzzy terms, within bounds) and scores every
// posting with BM25+; combinations merge their children's sorted document lists, as
// MiniSearch's AND, OR and AND_NOT do, adding scores in the same order; a phrase keeps the
// documents of its words where the index's positions show them together. The result is
// every matching document with its score and the query terms it matched.

import type { ArchiveIndex, ExpansionResult } from '../index/reader';
import { FIELDS, LENGTH_COLUMNS, lengthColumn } from '../index/schema';
import { mark } from '../util/trace';
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

/** One posting list a leaf reaches, with what its BM25 needs. */
interface LeafList {
  docs: Int32Array;
  freqs: Int32Array;
  field: number;
  /** Its length column, or a negative number when the field has none. */
  column: number;
  /** The term's weight times the field's boost; 0 for a field that only filters. */
  scale: number;
  idf: number;
}

/** A word of a conjunction: its leaves, each with its lists. */
type LeafGroup = Array<{ leaf: Leaf; lists: LeafList[] }>;

function hasLength(column: number): boolean {
  return column >= 0 && column < LENGTH_COLUMNS.length;
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

export const DEFAULT_LIMITS: ExpansionLimits = { maxExpansions: 64, maxScan: 20_000, fuzzyPrefix: 2, capDistance: true };

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
        const words = this.wordGroups(plan.inner.kind === 'and' ? plan.inner.children : [plan.inner]);
        if (words) {
          // Positions first, on the documents holding every word; then only those are scored.
          const candidates = this.commonDocs(words);
          mark('phrase: words matched');
          const keep = this.phraseDocs(plan, candidates);
          mark('phrase: positions checked');
          return this.scoreWithin(
            words,
            candidates.filter((doc) => keep.has(doc)),
          );
        }
        const inner = this.evaluate(plan.inner);
        const keep = this.phraseDocs(plan, inner.docs);
        return this.filter(inner, (doc) => keep.has(doc));
      }
      case 'and': {
        const words = this.wordGroups(plan.children);
        if (words) return this.scoreWithin(words, this.commonDocs(words));
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

  // The candidates where the phrase's words stand together: by the index's positions, or by the statistics' own check where the index has none.
  private phraseDocs(plan: Extract<QueryPlan, { kind: 'phrase' }>, candidates: Int32Array): Set<number> {
    return this.statistics?.phraseDocs ? this.statistics.phraseDocs(plan, candidates) : phraseDocs(this.index, plan, candidates);
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

  // BM25's length normalisation of a field for each of the documents: bm25()'s own
  // expression, k · (1 − b + b · length / average), computed once per document and field.
  private norms(field: number, column: number, docs: Int32Array): Float64Array {
    const lengths = hasLength(column) ? this.lengths(column, docs) : null;
    const avg = this.averages[field]!;
    const out = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) out[i] = BM25.k * (1 - BM25.b + (BM25.b * (lengths ? lengths[i]! : 0)) / avg);
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

  /** The posting lists a leaf reaches, in the order their scores are added. */
  private leafLists(leaf: Leaf): LeafList[] {
    const out: LeafList[] = [];
    for (const { term, weight } of this.expand(leaf)) {
      const postings = this.index.postings(term);
      if (!postings) continue;
      for (const field of leaf.fields) {
        const list = postings.get(field);
        if (!list || list.size === 0) continue;
        this.reached.push({ term, field, docs: list.docs });
        const boost = BOOST_BY_ID[field] ?? 0;
        out.push({
          docs: list.docs,
          freqs: list.freqs,
          field,
          column: lengthColumn(field),
          // bm25() with what does not change along the list taken out of the loop: the same
          // arithmetic in the same order, so the same scores to the last bit.
          scale: weight * boost,
          idf: idfOf(this.statistics ? this.statistics.docFreq(term, field) : list.docs.length, this.docCount),
        });
      }
    }
    return out;
  }

  private leaf(leaf: Leaf): MatchSet {
    const bit = this.bits.get(leaf.term)!;
    const W = this.words;
    const lists: Array<{ docs: Int32Array; scores: Float64Array }> = [];
    for (const l of this.leafLists(leaf)) {
      const { docs, freqs, scale, idf } = l;
      const scores = new Float64Array(docs.length);
      // A field that weighs nothing still matches, with no score (a filter).
      if (scale !== 0) {
        const norms = this.norms(l.field, l.column, docs);
        for (let i = 0; i < docs.length; i++) {
          const tf = freqs[i]!;
          scores[i] = scale * (idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + norms[i]!)));
        }
      }
      lists.push({ docs, scores });
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

  /**
   * The words of a conjunction as groups of leaves (a word is a leaf or an OR of leaves, as
   * the planner makes them), each leaf with its posting lists; null when some child is
   * anything else (a phrase, a negation, a nested combination), which takes the general path.
   */
  private wordGroups(children: QueryPlan[]): LeafGroup[] | null {
    if (children.length > 250) return null;
    const simple = (c: QueryPlan): c is Leaf => c.kind === 'leaf';
    for (const c of children) if (!simple(c) && !(c.kind === 'or' && c.children.length > 0 && c.children.every(simple))) return null;
    return children.map((c) => (c.kind === 'leaf' ? [c] : (c as { children: Leaf[] }).children).map((leaf) => ({ leaf, lists: this.leafLists(leaf) })));
  }

  /**
   * The documents (ascending) every group reaches through some list: one pass over the
   * postings that counts, per document, the groups seen so far, without merging lists.
   */
  private commonDocs(groups: LeafGroup[]): Int32Array {
    const seen = new Uint8Array(this.index.docSpan);
    const n = groups.length;
    for (let g = 0; g < n; g++) {
      let any = false;
      for (const { lists } of groups[g]!) {
        for (const l of lists) {
          any = true;
          const docs = l.docs;
          for (let i = 0; i < docs.length; i++) if (seen[docs[i]!] === g) seen[docs[i]!] = g + 1;
        }
      }
      if (!any) return new Int32Array(0);
    }
    const found: number[] = [];
    for (const { lists } of groups[n - 1]!) {
      for (const l of lists) {
        const docs = l.docs;
        for (let i = 0; i < docs.length; i++) {
          if (seen[docs[i]!] === n) {
            seen[docs[i]!] = n + 1;
            found.push(docs[i]!);
          }
        }
      }
    }
    return Int32Array.from(found).sort();
  }

  /**
   * Scores the given documents (ascending), all of which every group reaches: the sums a
   * word's leaves and the conjunction of words make, in the same order as the general
   * path's unions and intersections add them, so the same scores to the last bit, but each
   * list is only walked for these documents and nothing is merged.
   */
  private scoreWithin(groups: LeafGroup[], docs: Int32Array): MatchSet {
    const W = this.words;
    const m = docs.length;
    const total = new Float64Array(m);
    const masks = new Uint32Array(m * W);
    if (m === 0) return { docs, scores: total, masks };
    const word = new Float64Array(m);
    const leafSum = new Float64Array(m);
    // Each field's length normalisation, per document, made once for all the lists of that field.
    const normsBy = new Map<number, Float64Array>();
    const { k: K, d: D } = BM25;
    for (const group of groups) {
      word.fill(0);
      for (const { leaf, lists } of group) {
        const bit = this.bits.get(leaf.term)!;
        const slot = bit >> 5;
        const flag = 1 << (bit & 31);
        leafSum.fill(0);
        for (const l of lists) {
          const { docs: ld, freqs, scale, idf } = l;
          let norms = normsBy.get(l.field);
          if (!norms && scale !== 0) normsBy.set(l.field, (norms = this.norms(l.field, l.column, docs)));
          // A list much longer than the documents is skipped through; otherwise walked along.
          const skip = ld.length > 8 * m;
          let i = 0;
          for (let j = 0; j < m; j++) {
            const d = docs[j]!;
            if (skip) i = gallop(ld, i, d);
            else while (i < ld.length && ld[i]! < d) i++;
            if (i >= ld.length) break;
            if (ld[i] !== d) continue;
            masks[j * W + slot] = masks[j * W + slot]! | flag;
            if (scale === 0) continue;
            const tf = freqs[i]!;
            leafSum[j] = leafSum[j]! + scale * (idf * (D + (tf * (K + 1)) / (tf + norms![j]!)));
          }
        }
        for (let j = 0; j < m; j++) word[j] = word[j]! + leafSum[j]!;
      }
      for (let j = 0; j < m; j++) total[j] = total[j]! + word[j]!;
    }
    return { docs, scores: total, masks };
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
