// One result per story: wire copies of an article (near-duplicates by their MinHash
// signatures, see features/near-duplicates.ts) are folded under the best-ranked of them.
// The copies of an article are found through its band keys' postings in the index, so all
// of its copies among the matches are counted, not only those near it in the ranking; a
// copy is hidden wherever it would have ranked, so paging stays consistent.

import { COPY_SIMILARITY, bandKeys, isUnsigned, similarity } from '../features/near-duplicates';
import type { ArchiveIndex } from '../index/reader';
import { FIELD_ID } from '../index/schema';
import { contains } from './engine';

/** A shown article and the copies folded under it (in rank order where ranked, else document order). */
export interface Story {
  doc: number;
  copies: number[];
}

/** Walks ranked documents, folding copies; stops when `want` stories are found. */
export class Collapser {
  private hidden = new Set<number>();
  private shown = new Set<number>();

  constructor(
    private readonly index: ArchiveIndex,
    /** Every matching document, ascending: copies are looked for among them. */
    private readonly matched: Int32Array,
  ) {}

  /** The stories of `ranked` (best first), at most `want`; `next` says where to resume. */
  stories(ranked: ArrayLike<number>, want: number, from = 0): { stories: Story[]; next: number } {
    const out: Story[] = [];
    let i = from;
    for (; i < ranked.length && out.length < want; i++) {
      const doc = ranked[i]!;
      if (this.hidden.has(doc)) continue;
      this.shown.add(doc);
      out.push({ doc, copies: this.copiesOf(doc) });
    }
    return { stories: out, next: i };
  }

  private copiesOf(doc: number): number[] {
    const sig = this.index.signature(doc);
    if (isUnsigned(sig)) return [];
    const seen = new Set<number>([doc]);
    const copies: number[] = [];
    for (const key of bandKeys(sig)) {
      const list = this.index.postings(key, FIELD_ID.dup)?.get(FIELD_ID.dup);
      if (!list) continue;
      for (const c of list.docs) {
        if (seen.has(c)) continue;
        seen.add(c);
        if (this.hidden.has(c) || this.shown.has(c) || !contains(this.matched, c)) continue;
        if (similarity(sig, this.index.signature(c)) < COPY_SIMILARITY) continue;
        this.hidden.add(c);
        copies.push(c);
      }
    }
    return copies;
  }
}
