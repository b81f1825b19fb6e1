// One result per story: wire copies of an article (near-duplicates by their MinHash
// signatures, see features/near-duplicates.ts) are folded under the best-ranked of them.
// Copies are looked for among the ranked documents the page was cut from, by grouping their
// signatures' band keys in memory; a document is hidden exactly when a copy of it ranks above
// it, so however far the ranking is taken, a page shows the same stories, and a copy is
// never shown on a later page.
//
// A copy is also an article with the same headline, published within a day of a shown story,
// whose text is similar at a lower bar: papers rewrite an agency story's later paragraphs
// (names of officials added, a paragraph cut) under the agency's headline. Routine headlines
// reused for different reports (a daily market close) share little text and stay apart.

import { normalizePhrase } from '../analysis/normalize';
import { COPY_SIMILARITY, bandHashes, isUnsigned, similarity } from '../features/near-duplicates';
import type { ArchiveIndex } from '../index/reader';

/** Similarity at which an article with a shown story's headline, within a day of it, is its copy. */
export const SAME_HEADLINE_SIMILARITY = 0.3;

/** A shown article and the copies folded under it, in rank order. */
export interface Story {
  doc: number;
  copies: number[];
}

/** The stories of ranked documents (best first), at most `want`, copies folded among all of `ranked`. */
export function collapseRanked(index: ArchiveIndex, ranked: ArrayLike<number>, want: number): Story[] {
  // Band key → the stories shown so far with that key (their signatures alongside).
  const byBand = new Map<number, number[]>();
  const stories: Story[] = [];
  const signatures: Uint16Array[] = [];
  // Day → the stories shown so far of that day; each story's normalized headline, when read.
  const byDay = new Map<number, number[]>();
  const headlines: Array<string | undefined> = [];
  const headlineOf = (s: number) => (headlines[s] ??= normalizePhrase(index.title(stories[s]!.doc)));
  for (let i = 0; i < ranked.length; i++) {
    const doc = ranked[i]!;
    const sig = index.signature(doc);
    let home = -1;
    // Band keys as numbers: a shared hash is only a candidate, the similarity decides.
    const keys = isUnsigned(sig) ? [] : bandHashes(sig);
    for (const key of keys) {
      for (const s of byBand.get(key) ?? []) {
        if (similarity(sig, signatures[s]!) >= COPY_SIMILARITY) {
          home = s;
          break;
        }
      }
      if (home >= 0) break;
    }
    const day = keys.length > 0 ? index.day(doc) : null;
    if (home < 0 && day !== null) {
      let headline: string | undefined;
      for (let d = day - 1; d <= day + 1 && home < 0; d++) {
        for (const s of byDay.get(d) ?? []) {
          if (similarity(sig, signatures[s]!) < SAME_HEADLINE_SIMILARITY) continue;
          headline ??= normalizePhrase(index.title(doc));
          if (headline === headlineOf(s)) {
            home = s;
            break;
          }
        }
      }
    }
    if (home >= 0) {
      stories[home]!.copies.push(doc);
      continue;
    }
    // Past the page, a document only matters as a copy of a shown story.
    if (stories.length >= want) continue;
    const s = stories.length;
    stories.push({ doc, copies: [] });
    signatures.push(sig);
    for (const key of keys) {
      const list = byBand.get(key);
      if (list) list.push(s);
      else byBand.set(key, [s]);
    }
    if (day !== null) {
      const list = byDay.get(day);
      if (list) list.push(s);
      else byDay.set(day, [s]);
    }
  }
  return stories;
}
