// Resolving a headline against an index on disk, without loading every headline of the
// archive: the candidates are the articles whose titles share the headline's stems
// (the title_stem postings), and only the titles that could still reach the threshold are
// analyzed, most promising first.

import { normalizePhrase } from '../../analysis/normalize';
import { FIELD_ID } from '../../index/schema';
import type { ArchiveIndex } from '../../index/reader';
import { CLOSE_MATCH_THRESHOLD, dice, headlineProfile, namesSwapped, type HeadlineProfile, type Link } from './resolve';

/** Resolves a headline to an article of the index: exact normalized match, else the closest above the threshold. */
export function resolveInIndex(index: ArchiveIndex, headline: string, exclude?: string): Link {
  const key = normalizePhrase(headline);
  const profile = headlineProfile(headline);
  const wanted = profile.stems;
  const n = wanted.size;
  if (n === 0) return { headline, target: null, how: 'none', score: 0 };
  // How many of the headline's stems each article's title holds: an upper bound of the
  // Dice score (reached if the title had no other stems) rules most articles out before
  // their titles are analyzed. 2c / (n + c) ≥ T needs c ≥ Tn / (2 − T): only titles with
  // that many shared stems are candidates, so frequent stems cost a count, not a sort.
  const need = Math.max(1, Math.ceil((CLOSE_MATCH_THRESHOLD * n) / (2 - CLOSE_MATCH_THRESHOLD) - 1e-9));
  const counts = scratchCounts(index);
  const touched: number[] = [];
  for (const s of wanted) {
    const list = index.postings(s, FIELD_ID.title_stem)?.get(FIELD_ID.title_stem);
    if (!list) continue;
    for (const d of list.docs) if ((counts[d] = counts[d]! + 1) === 1) touched.push(d);
  }
  const shared: Array<[number, number]> = [];
  for (const d of touched) {
    if (counts[d]! >= need) shared.push([d, counts[d]!]);
    counts[d] = 0;
  }
  const profiles = new Map<number, HeadlineProfile>();
  let best: { id: string; score: number } | null = null;
  for (const [doc, c] of shared.sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    const bound = (2 * c) / (n + c);
    // A title holding every stem may still be the headline itself, even after a perfect
    // close match (the same words in another order): those are not cut off.
    if (bound < CLOSE_MATCH_THRESHOLD || (best && bound <= best.score && c < n)) break;
    const id = index.id(doc);
    if (id === exclude) continue;
    const title = index.title(doc);
    if (c === n && normalizePhrase(title) === key) return { headline, target: id, how: 'exact', score: 1 };
    let cand = profiles.get(doc);
    if (!cand) profiles.set(doc, (cand = headlineProfile(title)));
    // Two headlines that each name a place, person or number the other lacks are two stories.
    if (namesSwapped(profile, cand)) continue;
    const score = dice(wanted, cand.stems);
    if (!best || score > best.score) best = { id, score };
  }
  if (best && best.score >= CLOSE_MATCH_THRESHOLD) return { headline, target: best.id, how: 'close', score: Math.round(best.score * 1000) / 1000 };
  return { headline, target: null, how: 'none', score: 0 };
}

// One zeroed counter per document of an index, reused by every headline resolved against it.
const scratch = new WeakMap<ArchiveIndex, Uint16Array>();

function scratchCounts(index: ArchiveIndex): Uint16Array {
  let counts = scratch.get(index);
  if (!counts || counts.length < index.docSpan) scratch.set(index, (counts = new Uint16Array(index.docSpan)));
  return counts;
}
