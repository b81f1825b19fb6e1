// Related-story chains. An article's related headlines were resolved to articles at index
// time (the links sidecar); a chain follows those links breadth-first to a depth, and
// with backlinks also the articles whose lists name this one. Breadth-first order means
// an article is placed at its shortest distance from the root, and an article met a
// second time becomes an edge to the node already there, so cycles end by themselves.
// Headlines the archive does not hold stay in the chain as nodes of their own.
//
// Where there are no lists (SaudiNewsNet has none), `similar` links articles by content
// instead: an article's most distinctive stems (tf-idf over its headline and body) are
// run as an OR query, and the best-ranked other articles follow.

import { crc32 } from 'node:zlib';
import { emptyMap } from '../../util/json-maps';
import { analyzeText } from '../../analysis/analyzer';
import { FUNCTION_WORDS } from '../../analysis/lexicon';
import { foldLetters, normalizePhrase } from '../../analysis/normalize';
import type { LinkSidecar } from '../../ingest/build';
import { Engine, contains } from '../../search/engine';
import { scoreKey } from '../../search/search';
import type { QueryPlan } from '../../search/query';
import { FIELD_ID } from '../../index/schema';
import type { ArchiveIndex } from '../../index/reader';
import type { Article } from '../../model/article';
import { CLOSE_MATCH_THRESHOLD, dice, headlineProfile, namesSwapped, type Link } from './resolve';

/** How an edge of a chain was made: a related headline resolved exactly, closely or not at all, or content similarity. */
export type EdgeHow = Link['how'] | 'similar';

/** A story in a chain: an article, or a related headline the archive does not hold. */
export interface ChainNode {
  /** Article id; for a story not in the archive `ext:` and a hash of its normalized headline. */
  id: string;
  /** Document number in a local index; null for a story not in the archive, or on a cluster. */
  doc: number | null;
  title: string;
  /** The article's local date-time (ISO), null when unknown or not in the archive. */
  date: string | null;
  inArchive: boolean;
  /** Links followed from the root to reach it. */
  depth: number;
}

/**
 * A link between two stories, always in the direction of the related list: `from` lists
 * `headline`, which names `to`. `direction` says which way it was followed: forward (from
 * the lister) or backward (a backlink, from the story named).
 */
export interface ChainEdge {
  from: string;
  to: string;
  headline: string;
  how: EdgeHow;
  score: number;
  direction: 'forward' | 'backward';
}

/** A chain: nodes in the order they were reached (root first), and every edge followed. */
export interface StoryChain {
  root: string;
  nodes: ChainNode[];
  edges: ChainEdge[];
}

/** How far and which way to follow. */
export interface ChainOptions {
  /** Links to follow from the root (Infinity: everything reachable). */
  depth: number;
  /** Also follow links into an article (articles whose lists name it). */
  backlinks?: boolean;
  /** Link articles by content similarity instead of their related lists. */
  similar?: boolean;
  /** At most this many stories per article (null: every related headline, or DEFAULT_SIMILAR similar articles; Infinity: no limit). */
  limit?: number | null;
  /** Leave out articles this rejects (date limits); the root is always kept. */
  accept?: (doc: number) => boolean;
}

/** An article as a chain needs it. */
export interface ChainArticle {
  id: string;
  /** Document number in a local index, null on a cluster. */
  doc: number | null;
  title: string;
  /** Local date-time (ISO), null when unknown. */
  date: string | null;
  /** Day number, null when undated. */
  day: number | null;
}

/**
 * What following a chain reads of an archive: articles by id, their related links, who lists
 * them, and articles similar in content. The local index and the cluster engine each give one,
 * so that a chain is the same whichever holds the archive.
 */
export interface ChainSource {
  /** The article of an exact id, or null when the archive does not hold it. */
  article(id: string): ChainArticle | null;
  /** An article's related links (resolved at index time); empty when it has no list. */
  links(id: string): Link[];
  /** The articles whose lists name an article, in archive order, each with the link (once per link). */
  listers(id: string): Array<{ from: string; link: Link }>;
  /** Up to `limit` articles most similar in content, best first (SimilarityFinder.similar). */
  similar(id: string, limit: number, accept: (a: ChainArticle) => boolean): Array<{ article: ChainArticle; score: number }>;
  /** Articles whose headline may match a typed one (a superset of those sharing a stem, and every exact match), in archive order. */
  headlineCandidates(headline: string): ChainArticle[];
}

/** How far and which way to follow, with date limits on articles. */
export type SourceChainOptions = Omit<ChainOptions, 'accept'> & { accept?: (a: ChainArticle) => boolean };

/** The chain source of a local index. */
export function indexChainSource(index: ArchiveIndex): ChainSource {
  // The date and day are read only when asked for: a headline lookup goes over every title.
  const articleOf = (doc: number): ChainArticle => ({
    id: index.id(doc),
    doc,
    title: index.title(doc),
    get date() {
      return index.stored(doc).date;
    },
    get day() {
      return index.day(doc);
    },
  });
  let back: Map<string, Array<{ from: string; link: Link }>> | null = null;
  let finder: SimilarityFinder | null = null;
  return {
    article(id) {
      const doc = index.docById(id);
      return doc === null ? null : articleOf(doc);
    },
    links: (id) => linksOf(index, id),
    listers(id) {
      back ??= backlinkMap(linkSidecar(index));
      return back.get(id) ?? [];
    },
    similar(id, limit, accept) {
      finder ??= new SimilarityFinder(index);
      const doc = index.docById(id);
      if (doc === null) return [];
      return finder.similar(doc, limit, (d) => accept(articleOf(d))).map((s) => ({ article: articleOf(s.doc), score: s.score }));
    },
    headlineCandidates: () => Array.from(index.liveDocs(), articleOf),
  };
}

/** The links sidecar of an index (empty when it has none); a damaged file is an IndexCorruptError. */
export function linkSidecar(index: ArchiveIndex): LinkSidecar {
  return index.sidecar<LinkSidecar>('links', () => emptyMap(), (v) => !Array.isArray(v));
}

/** The related-story links of an article (resolved at index time); empty when it has no list. */
export function linksOf(index: ArchiveIndex, id: string): Link[] {
  return linkSidecar(index)[id] ?? [];
}

/** The node id of a headline the archive does not hold: stable across runs and equal for equal headlines. */
export function externalId(headline: string): string {
  const key = normalizePhrase(headline) || headline;
  return `ext:${(crc32(Buffer.from(key, 'utf8')) >>> 0).toString(16).padStart(8, '0')}`;
}

/** Who lists each article: target id → the listing article's id and link. */
export function backlinkMap(links: LinkSidecar): Map<string, Array<{ from: string; link: Link }>> {
  const out = new Map<string, Array<{ from: string; link: Link }>>();
  for (const [from, list] of Object.entries(links)) {
    for (const link of list) {
      if (link.target === null) continue;
      let l = out.get(link.target);
      if (!l) out.set(link.target, (l = []));
      l.push({ from, link });
    }
  }
  return out;
}

function articleNode(a: ChainArticle, depth: number): ChainNode {
  return { id: a.id, doc: a.doc, title: a.title, date: a.date, inArchive: true, depth };
}

/** Follows related stories from an article of a local index, breadth-first to `opts.depth`. */
export function followChain(index: ArchiveIndex, rootDoc: number, opts: ChainOptions): StoryChain {
  const { accept, ...rest } = opts;
  return followSourceChain(indexChainSource(index), index.id(rootDoc), { ...rest, ...(accept ? { accept: (a: ChainArticle) => a.doc !== null && accept(a.doc) } : {}) });
}

/** Follows related stories from an article of any archive, breadth-first to `opts.depth`. */
export function followSourceChain(source: ChainSource, rootId: string, opts: SourceChainOptions): StoryChain {
  const rootArticle = source.article(rootId);
  if (!rootArticle) throw new Error(`no article ${rootId}`);
  const root = articleNode(rootArticle, 0);
  const nodes = new Map<string, ChainNode>([[root.id, root]]);
  const edges: ChainEdge[] = [];
  const pairs = new Set<string>();
  const queue: ChainNode[] = [root];
  const accept = opts.accept ?? (() => true);
  const limit = opts.limit ?? Infinity;
  const backlinks = opts.backlinks === true && !opts.similar;

  const addEdge = (edge: ChainEdge): boolean => {
    const pair = `${edge.from}\u0000${edge.to}`;
    if (edge.from === edge.to || pairs.has(pair)) return false;
    pairs.add(pair);
    edges.push(edge);
    return true;
  };
  const reach = (node: ChainNode): void => {
    if (nodes.has(node.id)) return;
    nodes.set(node.id, node);
    if (node.inArchive) queue.push(node);
  };
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (node.depth >= opts.depth || !node.inArchive) continue;
    const depth = node.depth + 1;
    if (opts.similar) {
      for (const s of source.similar(node.id, opts.limit ?? DEFAULT_SIMILAR, accept)) {
        const id = s.article.id;
        if (addEdge({ from: node.id, to: id, headline: s.article.title, how: 'similar', score: s.score, direction: 'forward' })) {
          reach(nodes.get(id) ?? articleNode(s.article, depth));
        }
      }
      continue;
    }
    for (const link of source.links(node.id).slice(0, limit)) {
      const target = link.target === null ? null : source.article(link.target);
      if (target !== null) {
        if (!accept(target)) continue;
        const id = target.id;
        if (addEdge({ from: node.id, to: id, headline: link.headline, how: link.how, score: link.score, direction: 'forward' })) {
          reach(nodes.get(id) ?? articleNode(target, depth));
        }
      } else {
        // Also a target deleted since the links were resolved: no longer in the archive.
        const id = externalId(link.headline);
        if (addEdge({ from: node.id, to: id, headline: link.headline, how: 'none', score: link.score, direction: 'forward' })) {
          reach(nodes.get(id) ?? { id, doc: null, title: link.headline, date: null, inArchive: false, depth });
        }
      }
    }
    if (backlinks) {
      for (const { from, link } of source.listers(node.id).slice(0, limit)) {
        const lister = source.article(from);
        if (lister === null || !accept(lister)) continue;
        if (addEdge({ from, to: node.id, headline: link.headline, how: link.how, score: link.score, direction: 'backward' })) {
          reach(nodes.get(from) ?? articleNode(lister, depth));
        }
      }
    }
  }
  return { root: root.id, nodes: [...nodes.values()], edges };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The chain's stories in date order: dated articles oldest first, then undated ones, then stories not in the archive. */
export function chronological(chain: StoryChain): ChainNode[] {
  const rank = (n: ChainNode): number => (n.date ? 0 : n.inArchive ? 1 : 2);
  return chain.nodes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => rank(a.n) - rank(b.n) || compare(a.n.date ?? '', b.n.date ?? '') || a.i - b.i)
    .map((x) => x.n);
}

/** One story of a tree view: its node, the edge that led to it, and whether it was already shown elsewhere. */
export interface ChainTreeNode {
  node: ChainNode;
  /** The edge from the parent (null for the root). */
  edge: ChainEdge | null;
  /** Reached again: its own links are under its place in full elsewhere in the tree. */
  repeated: boolean;
  /** For a repeated story: whether its full entry comes before it (above) or after it (below), top to bottom. */
  fullEntry: 'above' | 'below' | null;
  /** The parent and this story list each other (one child stands for both links). */
  mutual: boolean;
  children: ChainTreeNode[];
}

/**
 * The chain as a tree: each article's children are the stories its links (and backlinks)
 * led to, in list order; a story reached a second time is a leaf marked `repeated`, and
 * two stories that list each other are one child, marked `mutual`.
 */
export function chainTree(chain: StoryChain): ChainTreeNode {
  const byId = new Map(chain.nodes.map((n) => [n.id, n]));
  const out = new Map<string, ChainEdge[]>();
  for (const e of chain.edges) {
    const expanded = e.direction === 'forward' ? e.from : e.to;
    let l = out.get(expanded);
    if (!l) out.set(expanded, (l = []));
    l.push(e);
  }
  const placed = new Set<string>([chain.root]);
  const build = (node: ChainNode, edge: ChainEdge | null, repeated: boolean): ChainTreeNode => ({ node, edge, repeated, fullEntry: null, mutual: false, children: [] });
  const root = build(byId.get(chain.root)!, null, false);
  // Breadth-first, like the traversal, so each story is expanded at its shortest distance.
  const queue: ChainTreeNode[] = [root];
  for (let t = queue.shift(); t; t = queue.shift()) {
    for (const e of out.get(t.node.id) ?? []) {
      const otherId = e.direction === 'forward' ? e.to : e.from;
      const other = byId.get(otherId);
      if (!other) continue;
      // A link each way between the same two stories (a forward link and the backlink of its reverse).
      const twin = t.children.find((c) => c.node.id === otherId);
      if (twin) {
        twin.mutual = true;
        continue;
      }
      const first = !placed.has(otherId);
      placed.add(otherId);
      const child = build(other, e, !first);
      t.children.push(child);
      if (first) queue.push(child);
    }
  }
  // The tree is read top to bottom (depth first): a repeated story says which way its full entry is.
  const shown = new Set<string>();
  const walk = (t: ChainTreeNode): void => {
    if (t.repeated) t.fullEntry = shown.has(t.node.id) ? 'above' : 'below';
    else shown.add(t.node.id);
    for (const c of t.children) walk(c);
  };
  walk(root);
  return root;
}

/** Matches for a headline typed by a user. */
export type HeadlineLookup =
  | { kind: 'found'; doc: number; how: 'exact' | 'close'; score: number }
  | { kind: 'ambiguous'; candidates: Array<{ doc: number; score: number }> }
  | { kind: 'none'; closest: Array<{ doc: number; score: number }> };

/** Close matches whose scores differ by less than this are a tie the user must settle. */
export const AMBIGUITY_MARGIN = 0.1;


/**
 * Finds an article by headline the way a related headline is resolved: the normalized
 * headline exactly, else the most similar headline at or above CLOSE_MATCH_THRESHOLD,
 * skipping headlines that swap a name or number (namesSwapped). Several exact matches,
 * or close matches too near each other, are ambiguous.
 */
export function findByHeadline(index: ArchiveIndex, headline: string): HeadlineLookup {
  const found = findHeadlineIn(indexChainSource(index), headline);
  const doc = (x: { article: ChainArticle; score: number }) => ({ doc: x.article.doc!, score: x.score });
  switch (found.kind) {
    case 'found':
      return { kind: 'found', doc: found.article.doc!, how: found.how, score: found.score };
    case 'ambiguous':
      return { kind: 'ambiguous', candidates: found.candidates.map(doc) };
    case 'none':
      return { kind: 'none', closest: found.closest.map(doc) };
  }
}

/** Matches for a headline typed by a user, in any archive. */
export type SourceHeadlineLookup =
  | { kind: 'found'; article: ChainArticle; how: 'exact' | 'close'; score: number }
  | { kind: 'ambiguous'; candidates: Array<{ article: ChainArticle; score: number }> }
  | { kind: 'none'; closest: Array<{ article: ChainArticle; score: number }> };

/** findByHeadline over a chain source's candidates (ties fall to archive order). */
export function findHeadlineIn(source: ChainSource, headline: string): SourceHeadlineLookup {
  const key = normalizePhrase(headline);
  const wanted = headlineProfile(headline);
  // Cheap prefilter: a title can only share a stem if it holds the stem's first letters.
  const heads = [...wanted.stems].map((s) => s.slice(0, 3));
  const exact: ChainArticle[] = [];
  const scored: Array<{ article: ChainArticle; at: number; score: number; swapped: boolean }> = [];
  let at = 0;
  for (const article of source.headlineCandidates(headline)) {
    at++;
    const title = article.title;
    const norm = normalizePhrase(title);
    if (norm === key && key !== '') {
      exact.push(article);
      continue;
    }
    if (exact.length > 0 || !heads.some((h) => norm.includes(h))) continue;
    const profile = headlineProfile(title);
    const score = dice(wanted.stems, profile.stems);
    if (score > 0) scored.push({ article, at, score: Math.round(score * 1000) / 1000, swapped: namesSwapped(wanted, profile) });
  }
  if (exact.length === 1) return { kind: 'found', article: exact[0]!, how: 'exact', score: 1 };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.map((article) => ({ article, score: 1 })) };
  scored.sort((a, b) => b.score - a.score || a.at - b.at);
  const close = scored.filter((s) => s.score >= CLOSE_MATCH_THRESHOLD && !s.swapped);
  const strip = ({ article, score }: { article: ChainArticle; score: number }) => ({ article, score });
  if (close.length === 0) return { kind: 'none', closest: scored.slice(0, 3).map(strip) };
  const best = close[0]!;
  const rivals = close.filter((s) => best.score - s.score < AMBIGUITY_MARGIN);
  if (rivals.length === 1) return { kind: 'found', article: best.article, how: 'close', score: best.score };
  return { kind: 'ambiguous', candidates: rivals.slice(0, 10).map(strip) };
}

/** Related stories per article with --similar when no --limit is given. */
export const DEFAULT_SIMILAR = 5;

/** Distinctive terms an article is matched on. */
export const SIMILAR_TERMS = 12;

/**
 * Least similarity for a related story: its ranking score for the distinctive-term query
 * as a fraction of the article's own. On 1,000 pairs from SaudiNewsNet (the 5 best for
 * 200 random articles), pairs from 0.4 up were reprints or follow-ups of one story, from
 * 0.1 articles on one subject, while half of those between 0.05 and 0.1 and nearly all
 * below 0.05 shared no more than a word or two. 174 of the 200 articles keep at least one.
 */
export const SIMILAR_THRESHOLD = 0.1;

/** An article similar to another. */
export interface SimilarArticle {
  doc: number;
  /** Its score for the other's distinctive terms relative to the other's own score (1: as similar as itself). */
  score: number;
  /** The distinctive terms it holds. */
  terms: string[];
}

/** A weighted term of an article. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

const TITLE_STEM = FIELD_ID.title_stem;
const BODY_STEM = FIELD_ID.body_stem;
// The title counts as much more than a body mention as the ranking's field boosts say (1.5 vs 0.5).
const TITLE_WEIGHT = 3;

/** Finds articles similar in content, caching document frequencies across calls (one chain). */
export class SimilarityFinder {
  private df = new Map<string, number>();

  constructor(private readonly index: ArchiveIndex) {}

  /** Articles holding a stem in headline or body. */
  documentFrequency(stem: string): number {
    const hit = this.df.get(stem);
    if (hit !== undefined) return hit;
    const p = this.index.postings(stem);
    let n = 0;
    if (p) {
      const a = p.get(TITLE_STEM);
      const b = p.get(BODY_STEM);
      n = b?.size ?? 0;
      if (a) for (const doc of a.docs) if (!b || !contains(b.docs, doc)) n++;
    }
    this.df.set(stem, n);
    return n;
  }

  /** The article's most distinctive stems: sublinear term frequency (headline weighted up) times BM25's idf. */
  distinctiveTerms(doc: number, k = SIMILAR_TERMS): WeightedTerm[] {
    return distinctiveTermsOf(this.index.stored(doc), (stem) => this.documentFrequency(stem), this.index.documentCount, k);
  }

  /**
   * Up to `limit` articles most similar to `doc`, best first: the distinctive terms run as
   * an OR query (BM25 ranks them, weighing term frequency and length), each score taken
   * relative to the article's own. `accept` filters candidates.
   */
  similar(doc: number, limit: number, accept: (doc: number) => boolean = () => true): SimilarArticle[] {
    const terms = this.distinctiveTerms(doc);
    if (terms.length === 0 || limit <= 0) return [];
    const engine = new Engine(this.index);
    const m = engine.run(similarityPlan(terms));
    const hits = Array.from(m.docs.keys(), (i) => ({ doc: m.docs[i]!, score: m.scores[i]!, queryTerms: engine.termsOf(m, i) }));
    hits.sort((a, b) => scoreKey(b.score) - scoreKey(a.score) || a.doc - b.doc);
    return pickSimilar(hits, (h) => h.doc === doc, limit, (h) => accept(h.doc)).map((h) => ({ doc: h.doc, score: h.similarity, terms: h.queryTerms }));
  }
}

/** The stems of an article (headline and body) that the similarity query is run with: see SimilarityFinder.distinctiveTerms. */
export function distinctiveTermsOf(a: Article, documentFrequency: (stem: string) => number, documentCount: number, k = SIMILAR_TERMS): WeightedTerm[] {
  const tf = new Map<string, number>();
  const count = (text: string, weight: number): void => {
    for (const t of analyzeText(text)) {
      if (FUNCTION_WORDS.has(foldLetters(t.exact)) || /^\d+$/.test(t.exact)) continue;
      const stem = t.stems[0] ?? t.exact;
      tf.set(stem, (tf.get(stem) ?? 0) + weight);
    }
  };
  count(a.title, TITLE_WEIGHT);
  for (const b of a.body) count(b.text, 1);
  const out: WeightedTerm[] = [];
  for (const [term, f] of tf) {
    const df = documentFrequency(term);
    // A stem only this article has finds nothing else.
    if (df < 2) continue;
    const idf = Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
    out.push({ term, weight: (1 + Math.log(f)) * idf });
  }
  out.sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : 1));
  return out.slice(0, k);
}

/** The query plan of an article's distinctive terms: their stems in headline or body, any of them. */
export function similarityPlan(terms: WeightedTerm[]): QueryPlan {
  return { kind: 'or', children: terms.map((t) => ({ kind: 'leaf', term: t.term, fields: [FIELD_ID.title_stem, FIELD_ID.body_stem] })) };
}

/**
 * The similar articles among ranked hits (best first, ties in archive order): each score
 * relative to the article's own (`isOwn`), down to SIMILAR_THRESHOLD, at most `limit`.
 */
export function pickSimilar<T extends { score: number }>(hits: T[], isOwn: (h: T) => boolean, limit: number, accept: (h: T) => boolean): Array<T & { similarity: number }> {
  const own = hits.find(isOwn)?.score ?? hits[0]?.score ?? 0;
  const out: Array<T & { similarity: number }> = [];
  if (own <= 0) return out;
  for (const hit of hits) {
    if (isOwn(hit) || !accept(hit)) continue;
    const score = Math.min(1, hit.score / own);
    if (score < SIMILAR_THRESHOLD || out.length >= limit) break;
    out.push({ ...hit, similarity: Math.round(score * 1000) / 1000 });
  }
  return out;
}
