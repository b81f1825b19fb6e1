// Resolves the related headlines printed under an article to articles of the archive.
// First by normalized exact match (hamza, ة/ه, diacritics, guillemets and digit style do
// not count as differences), then by similarity: the Dice coefficient of the two
// headlines' sets of stems. Sites reprint a related headline verbatim or with a word
// changed; two different stories on one topic share their topic words but not their
// verbs and objects. See README ("Related stories") for the threshold's justification.

import { analyzeText } from '../../analysis/analyzer';
import { FUNCTION_WORDS, NAMES } from '../../analysis/lexicon';
import { foldLetters, normalizePhrase } from '../../analysis/normalize';

/** Minimum Dice similarity for a close match. */
export const CLOSE_MATCH_THRESHOLD = 0.7;

/** How one related headline was resolved. */
export interface Link {
  headline: string;
  /** Id of the article it names, or null when the archive does not hold it. */
  target: string | null;
  how: 'exact' | 'close' | 'none';
  /** Similarity in [0, 1] (1 for exact). */
  score: number;
}

/** An article's id and headline, as the resolver indexes them. */
export interface TitleEntry {
  id: string;
  title: string;
}

/** The content stems of a headline (function words dropped). */
export function headlineStems(title: string): Set<string> {
  const out = new Set<string>();
  for (const t of analyzeText(title)) {
    if (FUNCTION_WORDS.has(foldLetters(t.exact))) continue;
    out.add(t.stems[0] ?? t.exact);
  }
  return out;
}

/** A headline's content stems, and those of its names (places, people, organizations) and numbers. */
export interface HeadlineProfile {
  stems: Set<string>;
  names: Set<string>;
}

/** The stems and name stems of a headline (function words dropped, as headlineStems does). */
export function headlineProfile(title: string): HeadlineProfile {
  const stems = new Set<string>();
  const names = new Set<string>();
  for (const t of analyzeText(title)) {
    if (FUNCTION_WORDS.has(foldLetters(t.exact))) continue;
    const stem = t.stems[0] ?? t.exact;
    stems.add(stem);
    if (NAMES.has(foldLetters(t.exact)) || NAMES.has(stem) || /\d/.test(t.exact)) names.add(stem);
  }
  return { stems, names };
}

/**
 * Whether two headlines differ by a swapped name or number: each holds one the other
 * lacks. Agencies reuse one template for different events (القوات العراقية تعلن
 * استعادة الرمادي / … الفلوجة …), and those pairs reach a Dice of 0.86 while a reworded
 * reprint of one story keeps its names; a name present on one side only is an
 * elaboration, not a swap.
 */
export function namesSwapped(a: HeadlineProfile, b: HeadlineProfile): boolean {
  let aOnly = false;
  for (const n of a.names) if (!b.stems.has(n)) aOnly = true;
  if (!aOnly) return false;
  for (const n of b.names) if (!a.stems.has(n)) return true;
  return false;
}

/** Dice similarity of two stem sets. */
export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** A headline as the matcher keeps it: its normalized form and content stems. */
export interface AnalyzedHeadline {
  id: string;
  key: string;
  stems: string[];
  /** Stems of the names and numbers in it (see namesSwapped). */
  names?: string[];
}

/** Finds articles by headline: exact normalized match first, then the most similar above the threshold. */
export class HeadlineMatcher {
  private exact = new Map<string, string>();
  private stems: Array<{ id: string; key: string; stems: Set<string>; names: Set<string> }> = [];
  private byStem = new Map<string, number[]>();

  constructor(titles: Iterable<TitleEntry> = []) {
    for (const t of titles) this.add(t);
  }

  /** Every headline held, analyzed, to be stored and reloaded without analyzing again. */
  analyzed(): AnalyzedHeadline[] {
    return this.stems.map(({ id, key, stems, names }) => ({ id, key, stems: [...stems], names: [...names] }));
  }

  /** Adds one article's headline. */
  add(t: TitleEntry): void {
    const p = headlineProfile(t.title);
    this.addAnalyzed({ id: t.id, key: normalizePhrase(t.title), stems: [...p.stems], names: [...p.names] });
  }

  /** Adds a headline already analyzed (from the index's headline sidecar). */
  addAnalyzed(h: AnalyzedHeadline): void {
    const key = h.key;
    if (key && !this.exact.has(key)) this.exact.set(key, h.id);
    const stems = new Set(h.stems);
    const i = this.stems.length;
    this.stems.push({ id: h.id, key, stems, names: new Set(h.names ?? []) });
    for (const s of stems) {
      let list = this.byStem.get(s);
      if (!list) this.byStem.set(s, (list = []));
      list.push(i);
    }
  }

  /** Resolves a headline; `exclude` is the id of the article that lists it (no self-links). */
  resolve(headline: string, exclude?: string): Link {
    const key = normalizePhrase(headline);
    const exact = this.exact.get(key);
    if (exact !== undefined && exact !== exclude) return { headline, target: exact, how: 'exact', score: 1 };
    const wanted = headlineProfile(headline);
    const stems = wanted.stems;
    const n = stems.size;
    // A candidate's Dice score is at most 2c / (n + c) for c shared stems, so reaching the
    // threshold T needs c ≥ Tn / (2 − T). Stems shared by a large part of the archive say
    // nothing about identity and are not followed, but still count in the score: a title
    // must share at least `need` stems less those skipped to be worth scoring. Counting in
    // a reused array and scoring only such titles keeps a large archive's build linear.
    const need = Math.ceil((CLOSE_MATCH_THRESHOLD * n) / (2 - CLOSE_MATCH_THRESHOLD) - 1e-9);
    const common = Math.max(50, this.stems.length / 20);
    let skipped = 0;
    const counts = this.scratch();
    const touched: number[] = [];
    for (const s of stems) {
      const list = this.byStem.get(s);
      if (!list) continue;
      if (list.length > common) {
        skipped++;
        continue;
      }
      for (const i of list) if ((counts[i] = counts[i]! + 1) === 1) touched.push(i);
    }
    const candidates: Array<[number, number]> = [];
    for (const i of touched) {
      if (counts[i]! + skipped >= need) candidates.push([i, counts[i]!]);
      counts[i] = 0;
    }
    let best: { id: string; score: number } | null = null;
    for (const [i, c] of candidates.sort((x, y) => y[1] - x[1] || x[0] - y[0])) {
      if (best && (2 * (c + skipped)) / (n + c + skipped) <= best.score) break;
      const cand = this.stems[i]!;
      if (cand.id === exclude || namesSwapped(wanted, cand)) continue;
      const score = dice(stems, cand.stems);
      if (!best || score > best.score) best = { id: cand.id, score };
    }
    if (best && best.score >= CLOSE_MATCH_THRESHOLD) {
      return { headline, target: best.id, how: 'close', score: Math.round(best.score * 1000) / 1000 };
    }
    return { headline, target: null, how: 'none', score: 0 };
  }

  private counts = new Uint16Array(0);

  /** A zeroed counter per headline held, reused by every resolution. */
  private scratch(): Uint16Array {
    if (this.counts.length < this.stems.length) this.counts = new Uint16Array(Math.max(this.stems.length, this.counts.length * 2));
    return this.counts;
  }
}
