import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COPY_SIMILARITY, SIGNATURE_SIZE, hashString, signatureOf, similarity } from '../../src/features/near-duplicates';
import type { ArchiveIndex } from '../../src/index/reader';
import { SAME_HEADLINE_SIMILARITY, collapseRanked } from '../../src/search/collapse';

// collapseRanked reads nothing of the index but signatures: documents here are stories
// (word runs) given as signatures; story k's copies are story k with a different start.
const words = (n: number, from: number): number[] => Array.from({ length: n }, (_, i) => hashString(`w${from + i}`));
function storySignature(story: number, copy: number): Uint16Array {
  const w = [...words(4, 100_000 + story * 100 + copy), ...words(80, story * 1000)];
  return signatureOf(w, w.length)!;
}
const UNSIGNED = new Uint16Array(SIGNATURE_SIZE);

/** An index whose document d is `docs[d]`: [story, copy] or null for an article too short to sign. */
function indexOf(docs: Array<[number, number] | null>): ArchiveIndex {
  const sigs = docs.map((d) => (d ? storySignature(d[0], d[1]) : UNSIGNED));
  return { signature: (doc: number) => sigs[doc]!, day: () => null, title: () => '' } as unknown as ArchiveIndex;
}

/** Articles given by their words, headline and day. */
function articlesIndex(docs: Array<{ words: number[]; title: string; day: number }>): ArchiveIndex {
  const sigs = docs.map((d) => signatureOf(d.words, d.words.length)!);
  return { signature: (doc: number) => sigs[doc]!, day: (doc: number) => docs[doc]!.day, title: (doc: number) => docs[doc]!.title } as unknown as ArchiveIndex;
}

describe('collapseRanked', () => {
  it('folds copies under the best-ranked article of their story, in rank order', () => {
    const index = indexOf([[1, 0], [2, 0], [1, 1], [3, 0], [1, 2], [2, 1]]);
    expect(collapseRanked(index, [4, 1, 0, 3, 2, 5], 10)).toEqual([
      { doc: 4, copies: [0, 2] },
      { doc: 1, copies: [5] },
      { doc: 3, copies: [] },
    ]);
  });

  it('never folds articles too short to sign', () => {
    const index = indexOf([null, null, [1, 0]]);
    expect(collapseRanked(index, [0, 1, 2], 10)).toEqual([
      { doc: 0, copies: [] },
      { doc: 1, copies: [] },
      { doc: 2, copies: [] },
    ]);
  });

  it('stops showing at `want` stories but still folds later copies of those shown', () => {
    const index = indexOf([[1, 0], [2, 0], [3, 0], [1, 1]]);
    expect(collapseRanked(index, [0, 1, 2, 3], 2)).toEqual([
      { doc: 0, copies: [3] },
      { doc: 1, copies: [] },
    ]);
  });

  it('shows each story once, at its best-ranked article, and loses no document of a shown story', () => {
    const doc = fc.option(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 })), { nil: null });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 14 }), fc.integer({ min: 1, max: 6 }), (docs, want) => {
        const index = indexOf(docs);
        const order = docs.map((_, i) => i);
        const stories = collapseRanked(index, order, want);
        expect(stories.length).toBeLessThanOrEqual(want);
        const storyOf = (d: number) => (docs[d] ? `s${docs[d]![0]}` : `d${d}`);
        const shown = stories.map((s) => storyOf(s.doc));
        expect(new Set(shown).size).toBe(shown.length);
        for (const s of stories) {
          // the shown article is the first of its story in the ranking
          expect(order.find((d) => storyOf(d) === storyOf(s.doc))).toBe(s.doc);
          expect(s.copies).toEqual(order.filter((d) => d !== s.doc && storyOf(d) === storyOf(s.doc)));
        }
      }),
      { numRuns: 60 },
    );
  });

  describe('an article with a shown story\'s headline, within a day of it', () => {
    // A reworded copy: its first 55 words the story's, the rest its own.
    const story = words(80, 0);
    const reworded = [...words(55, 0), ...words(25, 5000)];
    const other = words(80, 9000);
    const headline = 'ولي ولي العهد يغادر القاهرة';

    it('is set up with a similarity between the two bars', () => {
      const sim = similarity(signatureOf(story, story.length)!, signatureOf(reworded, reworded.length)!);
      expect(sim).toBeGreaterThanOrEqual(SAME_HEADLINE_SIMILARITY);
      expect(sim).toBeLessThan(COPY_SIMILARITY);
    });

    it('is folded as a copy at the lower bar, the headline compared as normalized', () => {
      const index = articlesIndex([
        { words: story, title: headline, day: 100 },
        { words: reworded, title: '«ولي ولي العهد» يغادر القاهره', day: 101 },
      ]);
      expect(collapseRanked(index, [0, 1], 10)).toEqual([{ doc: 0, copies: [1] }]);
    });

    it('stays apart with another headline, more than a day away, or little text in common', () => {
      const apart = (b: { words: number[]; title: string; day: number }) => collapseRanked(articlesIndex([{ words: story, title: headline, day: 100 }, b]), [0, 1], 10);
      expect(apart({ words: reworded, title: 'ولي ولي العهد يصل إلى القاهرة', day: 100 })).toHaveLength(2);
      expect(apart({ words: reworded, title: headline, day: 102 })).toHaveLength(2);
      expect(apart({ words: other, title: headline, day: 100 })).toHaveLength(2);
    });
  });
});
