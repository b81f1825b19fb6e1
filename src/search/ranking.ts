// Runs a query with MiniSearch over only the part of the index the query touches. The
// terms a query can reach (its words, plus every dictionary term its prefixes and fuzzy
// words expand to) are looked up on disk, and a MiniSearch instance is assembled from
// exactly their postings, the archive-wide statistics and the field lengths of the
// documents they mention. MiniSearch then scores and combines as if it held the whole
// archive: BM25 needs nothing else.
//
// Assembling the instance sets MiniSearch's internal maps directly (its loadJS would
// first want everything as plain objects). The dependency is pinned to an exact version,
// and tests compare this engine with a complete in-memory MiniSearch on hundreds of
// queries, so a change in those internals cannot pass unnoticed.

import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { FIELDS, FIELD_BOOST, FIELD_ID, miniSearchOptions, type FieldName, type IndexDoc } from '../index/fields';
import { firstAtOrAfter, type ArchiveIndex, type TermPostings } from '../index/reader';
import { mark } from '../util/trace';
import { boundKernel, type BoundKernel } from './bound-kernel';

/** A query term restricted to some fields, optionally a prefix or fuzzy match. */
export interface Leaf {
  kind: 'leaf';
  term: string;
  fields: FieldName[];
  prefix?: boolean;
  /** MiniSearch's fuzzy option: a fraction of the term length, or an edit distance ≥ 1. */
  fuzzy?: number;
}

/** A combination of sub-queries; `only` restricts it to documents a predicate accepts (phrases). */
export interface Combination {
  kind: 'and' | 'or' | 'not';
  children: QueryPlan[];
  only?: (doc: number) => boolean;
}

/** Every live document (the positive side of a purely negative query). */
export interface All {
  kind: 'all';
}

/** The query plan the engine executes. */
export type QueryPlan = Leaf | Combination | All;

/** Options of one engine run. */
export interface RunOptions {
  /** Keep only documents whose local day number passes. */
  dayFilter?: (day: number | null) => boolean;
  /** Postings from which the ranking pass's bound loop runs in WebAssembly (tests choose both ways). */
  kernelFrom?: number;
  /** Documents per block of the WebAssembly pass (tests choose small blocks; see KERNEL_BLOCK). */
  kernelBlock?: number;
  /** Postings per archive document from which the JavaScript pass sums per document (tests choose both ways; see BY_DOCUMENT_FROM). */
  byDocumentFrom?: number;
}

/**
 * Postings from which the bound loop runs in WebAssembly: below this, setting up the module
 * (about 1.5 ms) costs more than the heap numbers the JavaScript loop makes. Those numbers
 * fill the young generation: at 2,710 postings (النفط) they cost a second scavenge and
 * 3 ms; over ten SaudiNewsNet words of 1,232 to 2,710 postings, the module took 1.3 ms less
 * CPU than the loop (interleaved cold runs).
 */
export const KERNEL_FROM = 1200;

/** One scored document. */
export interface EngineHit {
  doc: number;
  score: number;
  /** Query terms that matched. */
  queryTerms: string[];
  /** Document term → fields it matched in. */
  match: Record<string, string[]>;
}

const MAX_FUZZY = 6;

/** The edit distance MiniSearch allows for a fuzzy term (same formula, so the expansion is a superset). */
export function fuzzyDistance(term: string, fuzzy: number): number {
  return fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
}

function collectTerms(plan: QueryPlan, index: ArchiveIndex, out: Set<string>, flags: { all: boolean }): void {
  switch (plan.kind) {
    case 'all':
      flags.all = true;
      return;
    case 'leaf':
      out.add(plan.term);
      if (plan.prefix) for (const t of index.termsWithPrefix(plan.term)) out.add(t);
      if (plan.fuzzy) {
        const d = fuzzyDistance(plan.term, plan.fuzzy);
        if (d > 0) for (const t of index.termsWithin(plan.term, d)) out.add(t);
      }
      return;
    default:
      for (const c of plan.children) collectTerms(c, index, out, flags);
  }
}

/** Translates a plan into MiniSearch's query expression tree. */
export function toMiniSearchQuery(plan: QueryPlan): Query {
  switch (plan.kind) {
    case 'all':
      return MiniSearch.wildcard as unknown as Query;
    case 'leaf':
      return {
        queries: [plan.term],
        fields: plan.fields,
        prefix: plan.prefix ?? false,
        fuzzy: plan.fuzzy ?? false,
        combineWith: 'OR',
      };
    default: {
      const q: Query = {
        combineWith: plan.kind === 'and' ? 'AND' : plan.kind === 'or' ? 'OR' : 'AND_NOT',
        queries: plan.children.map(toMiniSearchQuery),
      };
      const only = plan.only;
      if (only) (q as SearchOptions).boostDocument = (id) => (only(Number(id)) ? 1 : 0);
      return q;
    }
  }
}

// The fields of MiniSearch that an assembled instance must fill in, and the internal
// method that scores a query tree (MiniSearch#search is that plus result objects for every
// match, which a command printing twenty lines does not need).
interface MiniSearchInternals {
  _documentCount: number;
  _avgFieldLength: number[];
  _nextId: number;
  _documentIds: unknown;
  _fieldLength: unknown;
  _storedFields: unknown;
  _index: { set(term: string, data: unknown): void };
  executeQuery(query: Query, options: SearchOptions): Map<number, { score: number; terms: string[]; match: Record<string, string[]> }>;
}

/**
 * The ranking key of a score: scores are compared rounded to 1e-9, so that documents
 * that tie in exact arithmetic are ordered by archive order, not by the last bit of a
 * floating-point sum (which depends on MiniSearch's internal iteration order).
 */
export function scoreKey(score: number): number {
  return Math.round(score * 1e9);
}

/** Whether hit a ranks before hit b: higher score, then earlier in the archive. */
export function ranksBefore(a: { key: number; doc: number }, b: { key: number; doc: number }): boolean {
  return a.key > b.key || (a.key === b.key && a.doc < b.doc);
}

/** Orders hits by score, then by archive order. */
export function sortByScoreThenDoc<T extends { score: number; doc: number }>(hits: T[]): T[] {
  const keyed = hits.map((h) => ({ h, key: scoreKey(h.score), doc: h.doc }));
  keyed.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  return keyed.map((x) => x.h);
}

/**
 * The best `k` items under `before`, in order, without sorting all of them: a page of
 * twenty results out of thousands of matches is the common case.
 */
export function selectTop<T>(items: readonly T[], k: number, before: (a: T, b: T) => boolean): T[] {
  if (k <= 0) return [];
  if (items.length <= k) return [...items].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  // A heap of the k best so far, worst at the root.
  const heap: T[] = [];
  const worse = (i: number, j: number) => before(heap[j]!, heap[i]!);
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && worse(l, m)) m = l;
        if (r < k && worse(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/** A hit with its ranking key. */
export interface KeyedHit extends EngineHit {
  key: number;
}

/** Runs a plan and returns every matching document, unordered (for counts and timelines). */
export function matchPlan(index: ArchiveIndex, plan: QueryPlan, run: RunOptions = {}): KeyedHit[] {
  const terms = new Set<string>();
  const flags = { all: false };
  collectTerms(plan, index, terms, flags);
  const postings = new Map<string, ScoredPostings>();
  for (const term of terms) {
    const p = index.postings(term);
    if (p) postings.set(term, p);
  }
  mark('postings loaded');
  return execute(index, plan, postings, run.dayFilter);
}

/** Postings of one term as MiniSearch's index holds them: field id → documents with their frequencies. */
type ScoredPostings = Map<number, PostingSource>;

/** The part of a posting list MiniSearch's scoring reads. */
interface PostingSource {
  readonly size: number;
  keys(): Iterable<number>;
  get(doc: number): number | undefined;
}

// Assembles a MiniSearch instance over the given postings and lets it score the plan.
function execute(index: ArchiveIndex, plan: QueryPlan, postings: Map<string, ScoredPostings>, dayFilter: RunOptions['dayFilter']): KeyedHit[] {
  const ms = new MiniSearch<IndexDoc>(miniSearchOptions());
  const internals = ms as unknown as MiniSearchInternals;
  internals._documentCount = index.documentCount;
  internals._avgFieldLength = index.averageFieldLengths();
  internals._nextId = index.docSpan;
  for (const [term, data] of postings) internals._index.set(term, data);
  // Postings hold live documents only, so every document MiniSearch meets is known; its
  // field lengths come straight from the doc table, through one reused array (MiniSearch
  // reads the value at once), instead of a map of arrays built for every candidate.
  const scratch = new Array<number>(FIELDS.length);
  internals._documentIds = {
    has: () => true,
    get: (doc: number) => doc,
    *[Symbol.iterator]() {
      for (const doc of index.liveDocs()) yield [doc, doc];
    },
  };
  internals._fieldLength = { get: (doc: number) => index.fieldLengths(doc, scratch) };
  internals._storedFields = { get: () => undefined };

  const raw = internals.executeQuery(toMiniSearchQuery(plan), { boost: { ...FIELD_BOOST } });
  const hits: KeyedHit[] = [];
  for (const [doc, r] of raw) {
    if (dayFilter && !dayFilter(index.day(doc))) continue;
    // As MiniSearch#search does: the score grows with the number of query terms matched.
    const score = r.score * (r.terms.length || 1);
    hits.push({ doc, score, key: scoreKey(score), queryTerms: r.terms, match: r.match });
  }
  return hits;
}

/** Runs a plan: how many documents match, and the best `top` of them in order. */
export function rankPlan(index: ArchiveIndex, plan: QueryPlan, top: number, run: RunOptions = {}): { total: number; hits: EngineHit[] } {
  // A page beyond the archive (--offset 1e20) needs no more room than the archive has.
  const k = Math.min(top, index.docSpan);
  const pruned = rankByBound(index, plan, k, run.dayFilter, run.kernelFrom, run.kernelBlock, run.byDocumentFrom);
  if (pruned) return { total: pruned.total, hits: selectTop(pruned.hits, top, ranksBefore) };
  const all = matchPlan(index, plan, run);
  return { total: all.length, hits: selectTop(all, top, ranksBefore) };
}

// MiniSearch's default BM25 parameters (newsq does not change them), for the pre-scoring below.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** The plain terms of an OR of leaves (nested ORs flattened), or null when the plan is anything else. */
function orLeaves(plan: QueryPlan): Leaf[] | null {
  if (plan.kind === 'leaf') return plan.prefix || plan.fuzzy ? null : [plan];
  if (plan.kind !== 'or' || plan.only || plan.children.length === 0) return null;
  const out: Leaf[] = [];
  for (const child of plan.children) {
    const leaves = orLeaves(child);
    if (!leaves) return null;
    out.push(...leaves);
  }
  return out;
}

/** An AND (possibly of one) of ORs of plain terms, as groups of leaves; null for any other plan. */
function plainGroups(plan: QueryPlan): Leaf[][] | null {
  const groupPlans = plan.kind === 'and' && !plan.only ? plan.children : [plan];
  const groups: Leaf[][] = [];
  for (const g of groupPlans) {
    const leaves = orLeaves(g);
    if (!leaves) return null;
    groups.push(leaves);
  }
  return groups.length > 0 && groups.length <= 32 ? groups : null;
}

/**
 * The documents a plan matches, ascending, straight from the postings without scoring (for
 * listings by date, where a month can hold most of an archive): AND-of-OR plans of plain
 * terms only, null for the others.
 */
export function matchDocs(index: ArchiveIndex, plan: QueryPlan, dayFilter: RunOptions['dayFilter']): Int32Array | null {
  const groups = plainGroups(plan);
  if (!groups) return null;
  const span = index.docSpan;
  const groupsOf = new Uint32Array(span);
  const dayState = dayFilter ? new Uint8Array(span) : null;
  const cache = new Map<string, TermPostings | null>();
  groups.forEach((leaves, g) => {
    const groupBit = 1 << g;
    for (const leaf of leaves) {
      if (!cache.has(leaf.term)) cache.set(leaf.term, index.postings(leaf.term));
      const data = cache.get(leaf.term);
      if (!data) continue;
      for (const field of leaf.fields) {
        const docs = data.get(FIELD_ID[field])?.docs;
        if (!docs) continue;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (dayState) {
            if (dayState[doc] === 0) dayState[doc] = dayFilter!(index.day(doc)) ? 1 : 2;
            if (dayState[doc] === 2) continue;
          }
          groupsOf[doc]! |= groupBit;
        }
      }
    }
  });
  mark('postings loaded');
  const all = groups.length === 32 ? 0xffffffff : (1 << groups.length) - 1;
  let n = 0;
  for (let doc = 0; doc < span; doc++) if (groupsOf[doc] === all) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let doc = 0; doc < span; doc++) if (groupsOf[doc] === all) out[n++] = doc;
  return out;
}

/**
 * The postings as MiniSearch should see them when only `docs` (ascending) may be scored:
 * each list holds just those documents but reports its full size, so IDF, and with it every
 * score, is what the whole archive gives.
 */
function narrowTo(postings: Map<string, TermPostings>, docs: readonly number[]): Map<string, ScoredPostings> {
  const narrowed = new Map<string, ScoredPostings>();
  for (const [term, data] of postings) {
    const view: ScoredPostings = new Map();
    for (const [fieldId, list] of data) {
      const held = docs.filter((doc) => list.get(doc) !== undefined);
      view.set(fieldId, { size: list.size, keys: () => held, get: (doc) => list.get(doc) });
    }
    narrowed.set(term, view);
  }
  return narrowed;
}

/** MiniSearch's hits (scores, matched terms) for chosen documents of a plan's matches, scored as over the whole archive; in the order of `docs`. */
export function hitsFor(index: ArchiveIndex, plan: QueryPlan, docs: readonly number[], dayFilter: RunOptions['dayFilter']): KeyedHit[] {
  const terms = new Set<string>();
  collectTerms(plan, index, terms, { all: false });
  const postings = new Map<string, TermPostings>();
  for (const term of terms) {
    const data = index.postings(term);
    if (data) postings.set(term, data);
  }
  const narrowed = narrowTo(postings, [...docs].sort((x, y) => x - y));
  const byDoc = new Map(execute(index, plan, narrowed, dayFilter).map((h) => [h.doc, h]));
  return docs.flatMap((doc) => byDoc.get(doc) ?? []);
}

/**
 * Ranking a frequent word means scoring every document that holds it, and MiniSearch does
 * that with an object per document: a word in half of 300,000 articles costs a second. For
 * the plans most searches are — an AND of ORs of plain terms — the same BM25 sums are first
 * computed here over typed arrays, only the documents that can reach the requested page are
 * kept (with a margin for rounding), and MiniSearch then scores exactly those. The posting
 * lists it sees keep their full sizes, so its IDF and therefore its scores are unchanged.
 * Returns null for plans of another shape (prefix, fuzzy, NOT, phrases), which go the full way.
 */
export function rankByBound(
  index: ArchiveIndex,
  plan: QueryPlan,
  top: number,
  dayFilter: RunOptions['dayFilter'],
  kernelFrom = KERNEL_FROM,
  kernelBlock = KERNEL_BLOCK,
  byDocumentFrom = BY_DOCUMENT_FROM,
): { total: number; hits: KeyedHit[] } | null {
  const pageSize = Math.min(top, index.docSpan);
  // A page of 0 (a count) is answered by the bounds alone.
  if (!(pageSize >= 0)) return null;
  const groups = plainGroups(plan);
  if (!groups) return null;
  const termBit = new Map<string, number>();
  for (const leaf of groups.flat()) if (!termBit.has(leaf.term)) termBit.set(leaf.term, termBit.size);
  if (groups.length > 30 || termBit.size > 30) return null;

  const postings = new Map<string, TermPostings>();
  for (const term of termBit.keys()) {
    const p = index.postings(term);
    if (p) postings.set(term, p);
  }
  mark('postings loaded');

  const span = index.docSpan;
  // The documents some posting reached, in the order first reached: the passes below visit
  // these rather than every document of the archive.
  let capacity = 0;
  let longest = 0;
  for (const data of postings.values()) {
    for (const list of data.values()) {
      capacity += list.size;
      longest = Math.max(longest, list.size);
    }
  }
  capacity = Math.min(span, capacity);
  const n = index.documentCount;
  const avg = index.averageFieldLengths();
  // Each list's BM25 term, with the formula's constant parts taken out of the per-posting
  // work: weight·(d + tf·(k+1) / (tf + k(1−b) + k·b·length/avg)).
  const lists: BoundList[] = [];
  groups.forEach((leaves, g) => {
    for (const leaf of leaves) {
      const data = postings.get(leaf.term);
      if (!data) continue;
      for (const field of leaf.fields) {
        const fieldId = FIELD_ID[field];
        const list = data.get(fieldId);
        if (!list) continue;
        const df = list.size;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const weight = (FIELD_BOOST[field] ?? 1) * idf;
        const { k, b, d } = BM25;
        lists.push({
          docs: list.docs,
          freqs: list.freqs,
          fieldId,
          bit: 1 << termBit.get(leaf.term)!,
          groupBit: 1 << g,
          base: weight * d,
          scale: weight * (k + 1),
          lengthFree: k * (1 - b),
          perLength: (k * b) / avg[fieldId]!,
        });
      }
    }
  });

  // Long lists go to the WebAssembly loops (see bound-kernel.ts), when no date limit applies
  // and the bit sets fit in a byte.
  const layout = kernelLayout(span, capacity, longest, pageSize, Math.max(1, Math.min(span, kernelBlock)));
  const kernel =
    !dayFilter && capacity >= kernelFrom && termBit.size <= 8 && groups.length <= 8 && layout.bytes < 2 ** 31 ? boundKernel(layout.bytes) : null;
  // Every group matched; the score times the number of distinct query terms, as MiniSearch#search.
  const allGroups = groups.length === 32 ? 0xffffffff : (1 << groups.length) - 1;
  const found = kernel ? boundsInKernel(kernel, layout, index, lists, span, allGroups, pageSize) : boundsInScript(index, lists, span, capacity, termBit.size, groups.length, allGroups, pageSize, dayFilter, byDocumentFrom);
  if (pageSize === 0) return { total: found.total, hits: [] };
  return { total: found.total, hits: execute(index, plan, narrowTo(postings, found.candidates), dayFilter) };
}

/** One posting list of a ranking pass, with its BM25 constants (see rankByBound). */
interface BoundList {
  docs: Int32Array;
  freqs: Int32Array;
  fieldId: number;
  bit: number;
  groupBit: number;
  base: number;
  scale: number;
  lengthFree: number;
  perLength: number;
}

/** What the bound pass finds: how many documents match, and those that can reach the page (ascending). */
interface Bounds {
  total: number;
  candidates: number[];
}

// The threshold below which no document can reach a page of `pageSize`, given the k-th best
// bound (null when fewer documents matched): ties and a rounding margin are kept.
function thresholdOf(kth: number | null): number {
  return kth === null ? -Infinity : kth * (1 - 1e-9) - 1e-8;
}

/**
 * Documents per block of the WebAssembly pass. Its per-document arrays (a score and two bit
 * sets, 10 bytes a document) cover one block at a time, reused, rather than the archive: at
 * 300,000 articles they were 3 MB of fresh pages for every frequent word.
 */
export const KERNEL_BLOCK = 8192;

/** Byte offsets of the kernel's arrays, for blocks of `block` documents (see boundsInKernel). */
interface KernelLayout {
  block: number;
  termsAt: number;
  groupsAt: number;
  reachedAt: number;
  docsAt: number;
  freqsAt: number;
  lengthsAt: number;
  heapAt: number;
  outAt: number;
  bytes: number;
}

const alignUp = (offset: number, to: number) => Math.ceil(offset / to) * to;

function kernelLayout(span: number, capacity: number, longest: number, pageSize: number, block: number): KernelLayout {
  // A list holds a document once, so a block holds at most `block` of its postings.
  const chunk = Math.min(longest, block);
  const termsAt = block * 8;
  const groupsAt = termsAt + block;
  const reachedAt = alignUp(groupsAt + block, 4);
  const docsAt = reachedAt + Math.min(block, capacity) * 4;
  const freqsAt = docsAt + chunk * 4;
  const lengthsAt = freqsAt + chunk * 4;
  const heapAt = alignUp(lengthsAt + chunk * 4, 8);
  const outAt = heapAt + pageSize * 8;
  return { block, termsAt, groupsAt, reachedAt, docsAt, freqsAt, lengthsAt, heapAt, outAt, bytes: outAt + Math.min(capacity, span) * 4 + 16 };
}

/**
 * The pass in WebAssembly: the same arithmetic, in the kernel's memory, one block of
 * documents at a time. A first sweep counts the matches and keeps the page's best bounds in
 * the heap across blocks; a second recomputes each block's bounds to collect the documents
 * that reach the threshold (with a single block, the first sweep's are still in place).
 * Within a document the lists are added in the same order either way, so the bounds are the
 * same to the last bit.
 */
function boundsInKernel(kernel: BoundKernel, layout: KernelLayout, index: ArchiveIndex, lists: BoundList[], span: number, allGroups: number, pageSize: number): Bounds {
  const { block, termsAt, groupsAt, reachedAt, docsAt, freqsAt, lengthsAt, heapAt, outAt } = layout;
  const buffer = kernel.memory.buffer;
  const lengths = lists.map((l) => {
    const out = new Int32Array(l.docs.length);
    index.fieldLengthOfEach(l.docs, l.fieldId, out);
    return out;
  });
  const blocks = Math.ceil(span / block);
  const cursor = new Int32Array(lists.length);
  // Scores one block's postings into the block's arrays (zeroed first); returns how many documents they reached.
  const scoreBlock = (b: number): number => {
    const from = b * block;
    if (blocks > 1) new Uint8Array(buffer, 0, groupsAt + block).fill(0);
    let reached = 0;
    lists.forEach((l, li) => {
      const start = cursor[li]!;
      const end = firstAtOrAfter(l.docs, start, from + block);
      cursor[li] = end;
      const count = end - start;
      if (count === 0) return;
      new Int32Array(buffer, docsAt, count).set(l.docs.subarray(start, end));
      new Int32Array(buffer, freqsAt, count).set(l.freqs.subarray(start, end));
      new Int32Array(buffer, lengthsAt, count).set(lengths[li]!.subarray(start, end));
      // The arrays are addressed by document number, shifted so that the block's first
      // document lands at the start (the kernel's address arithmetic wraps, so a negative
      // base is fine).
      reached = kernel.score(docsAt, freqsAt, lengthsAt, count, -from * 8, termsAt - from, groupsAt - from, reachedAt, reached, l.base, l.scale, l.lengthFree, l.perLength, l.bit, l.groupBit);
    });
    return reached;
  };

  let total = 0;
  let filled = 0;
  let reached = 0;
  for (let b = 0; b < blocks; b++) {
    reached = scoreBlock(b);
    const from = b * block;
    const matched = kernel.finish(reachedAt, reached, -from * 8, termsAt - from, groupsAt - from, allGroups, heapAt, pageSize, filled);
    total += matched;
    filled = Math.min(pageSize, filled + matched);
  }
  if (pageSize === 0) return { total, candidates: [] };
  const threshold = thresholdOf(total >= pageSize ? new Float64Array(buffer, heapAt, 1)[0]! : null);
  let n = 0;
  if (blocks === 1) {
    n = kernel.collect(reachedAt, reached, 0, groupsAt, allGroups, threshold, outAt);
  } else {
    cursor.fill(0);
    for (let b = 0; b < blocks; b++) {
      const blockReached = scoreBlock(b);
      const from = b * block;
      // k = 0: the final bounds only, the heap left as it is.
      kernel.finish(reachedAt, blockReached, -from * 8, termsAt - from, groupsAt - from, allGroups, heapAt, 0, 0);
      n += kernel.collect(reachedAt, blockReached, -from * 8, groupsAt - from, allGroups, threshold, outAt + n * 4);
    }
  }
  // Ascending, as posting lists are read (a typed array sorts numerically, natively).
  return { total, candidates: Array.from(new Int32Array(buffer, outAt, n).sort()) };
}

/**
 * Postings per document of the archive from which the JavaScript pass keeps per-document
 * arrays (see boundsInScript).
 */
export const BY_DOCUMENT_FROM = 0.25;

// The pass in JavaScript, for short lists and date limits (which the WebAssembly pass does
// not take), in one of two ways with the same arithmetic in the same order, so the same
// bounds to the last bit. Few postings for the archive's size are sorted by document: arrays
// spanning 300,000 articles were 3 MB of fresh pages for a word in a few hundred (about 10 ms
// on a virtual machine). Many postings (a frequent word under a date limit) are summed into
// per-document arrays: sorting half a million postings took longer than the arrays cost.
function boundsInScript(
  index: ArchiveIndex,
  lists: BoundList[],
  span: number,
  capacity: number,
  termCount: number,
  groupCount: number,
  allGroups: number,
  pageSize: number,
  dayFilter: RunOptions['dayFilter'],
  byDocumentFrom: number,
): Bounds {
  let count = 0;
  for (const l of lists) count += l.docs.length;
  return count >= span * byDocumentFrom
    ? boundsByDocument(index, lists, span, capacity, termCount, groupCount, allGroups, pageSize, dayFilter)
    : boundsBySorting(index, lists, allGroups, pageSize, dayFilter);
}

// A zeroed array of `count` bit sets of `bits` bits each, in the narrowest element type.
function bitsPerDoc(count: number, bits: number): Uint8Array | Uint16Array | Uint32Array {
  return bits <= 8 ? new Uint8Array(count) : bits <= 16 ? new Uint16Array(count) : new Uint32Array(count);
}

function boundsByDocument(
  index: ArchiveIndex,
  lists: BoundList[],
  span: number,
  capacity: number,
  termCount: number,
  groupCount: number,
  allGroups: number,
  pageSize: number,
  dayFilter: RunOptions['dayFilter'],
): Bounds {
  const score = new Float64Array(span);
  // Bit sets per document, as narrow as the query allows: each array spans the archive, and
  // on a virtual machine every page of fresh memory a cold query touches costs time.
  const termsOf = bitsPerDoc(span, termCount);
  const groupsOf = bitsPerDoc(span, groupCount);
  const reached = new Int32Array(capacity);
  let reachedCount = 0;
  // 0: not looked at, 1: inside the date limits, 2: outside.
  const dayState = dayFilter ? new Uint8Array(span) : null;
  for (const { docs, freqs, fieldId, bit, groupBit, base, scale, lengthFree, perLength } of lists) {
    // Plain loops over typed arrays: a cold process runs this in the interpreter, where a
    // call per posting costs more than the arithmetic, and where every arithmetic result
    // that is not a small integer is a new heap object (so the lengths are integers).
    const lengths = new Int32Array(docs.length);
    index.fieldLengthOfEach(docs, fieldId, lengths);
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (dayState) {
        if (dayState[doc] === 0) dayState[doc] = dayFilter!(index.day(doc)) ? 1 : 2;
        if (dayState[doc] === 2) continue;
      }
      const tf = freqs[i]!;
      score[doc]! += base + (scale * tf) / (tf + lengthFree + perLength * lengths[i]!);
      termsOf[doc]! |= bit;
      if (groupsOf[doc] === 0) reached[reachedCount++] = doc;
      groupsOf[doc]! |= groupBit;
    }
  }

  // The matching documents, kept in place at the front of `reached`, with their final bounds.
  let matched = 0;
  for (let r = 0; r < reachedCount; r++) {
    const doc = reached[r]!;
    if (groupsOf[doc] !== allGroups) continue;
    score[doc] = score[doc]! * popcount(termsOf[doc]!);
    reached[matched++] = doc;
  }
  const found = pageCandidates(reached, matched, score, true, pageSize);
  // Ascending, as posting lists are read.
  found.candidates.sort((x, y) => x - y);
  return found;
}

// Each posting's term goes into a list keyed by (document, posting order); sorted, the list
// gives each document's terms in the order the per-document sums add them.
function boundsBySorting(index: ArchiveIndex, lists: BoundList[], allGroups: number, pageSize: number, dayFilter: RunOptions['dayFilter']): Bounds {
  let count = 0;
  for (const l of lists) count += l.docs.length;
  const term = new Float64Array(count);
  const listOf = new Int32Array(count);
  // document · count + position: exact in a double far beyond any archive's postings.
  const keys = new Float64Array(count);
  let at = 0;
  lists.forEach(({ docs, freqs, fieldId, base, scale, lengthFree, perLength }, li) => {
    // Plain loops over typed arrays: a cold process runs this in the interpreter, where a
    // call per posting costs more than the arithmetic, and where every arithmetic result
    // that is not a small integer is a new heap object (so the lengths are integers).
    const lengths = new Int32Array(docs.length);
    index.fieldLengthOfEach(docs, fieldId, lengths);
    for (let i = 0; i < docs.length; i++) {
      const tf = freqs[i]!;
      term[at] = base + (scale * tf) / (tf + lengthFree + perLength * lengths[i]!);
      listOf[at] = li;
      keys[at] = docs[i]! * count + at;
      at++;
    }
  });
  // A typed array sorts numerically, natively.
  keys.sort();

  // The matching documents' final bounds, in document order.
  const finalDoc = new Int32Array(Math.min(count, index.docSpan));
  const finalScore = new Float64Array(finalDoc.length);
  let finals = 0;
  for (let q = 0; q < count; ) {
    const doc = Math.floor(keys[q]! / count);
    const end = (doc + 1) * count;
    if (dayFilter && !dayFilter(index.day(doc))) {
      while (q < count && keys[q]! < end) q++;
      continue;
    }
    let score = 0;
    let terms = 0;
    let groups = 0;
    for (; q < count && keys[q]! < end; q++) {
      const p = keys[q]! - doc * count;
      const l = lists[listOf[p]!]!;
      score += term[p]!;
      terms |= l.bit;
      groups |= l.groupBit;
    }
    if (groups !== allGroups) continue;
    finalDoc[finals] = doc;
    finalScore[finals++] = score * popcount(terms);
  }
  // Ascending, as posting lists are read: the documents came in order.
  return pageCandidates(finalDoc, finals, finalScore, false, pageSize);
}

/**
 * The page's threshold and the documents at or above it (in the order given), from `count`
 * matching documents and their final bounds: bounds[docs[r]] when `byDocument`, else
 * bounds[r]. The k best bounds are kept in a min-heap, offered in the order given.
 */
function pageCandidates(docs: Int32Array, count: number, bounds: Float64Array, byDocument: boolean, pageSize: number): Bounds {
  if (pageSize === 0) return { total: count, candidates: [] };
  const heap = new Float64Array(pageSize);
  let filled = 0;
  for (let r = 0; r < count; r++) {
    const bound = bounds[byDocument ? docs[r]! : r]!;
    if (filled < pageSize) {
      heap[filled++] = bound;
      if (filled === pageSize) heapify(heap);
    } else if (bound > heap[0]!) {
      heap[0] = bound;
      siftDown(heap, 0);
    }
  }
  const threshold = thresholdOf(filled < pageSize ? null : heap[0]!);
  const candidates: number[] = [];
  for (let r = 0; r < count; r++) if (bounds[byDocument ? docs[r]! : r]! >= threshold) candidates.push(docs[r]!);
  return { total: count, candidates };
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// A min-heap of scores in a typed array: the root is the worst of the best k.
function heapify(h: Float64Array): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i);
}

function siftDown(h: Float64Array, start: number): void {
  for (let i = start; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && h[l]! < h[m]!) m = l;
    if (r < h.length && h[r]! < h[m]!) m = r;
    if (m === i) return;
    const t = h[i]!;
    h[i] = h[m]!;
    h[m] = t;
    i = m;
  }
}

/** Runs a plan against the index and returns every matching document, best first. */
export function runPlan(index: ArchiveIndex, plan: QueryPlan, run: RunOptions = {}): EngineHit[] {
  const all = matchPlan(index, plan, run);
  return all.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
}

export { FIELDS, FIELD_ID };
