import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMES, PERSON_NAMES, WordList, sortedLists } from '../../../../src/core/analysis/lexicon';
import { foldedLexicon } from '../../../../src/core/analysis/lexicon-source';
import { projectRoot } from '../../../support/cli';

describe('WordList', () => {
  it('answers has() as a Set of the same words does, before and after it turns into a Set', () => {
    const letters = ['ا', 'ب', 'ت', 'ء', 'ي', 'ى', 'a', 'z', 'é', '\u{1F600}'];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 60 }), (words, probes) => {
        const list = WordList.of(words);
        const set = new Set(words);
        for (const p of [...probes, ...words, '']) expect(list.has(p), JSON.stringify([p, words])).toBe(set.has(p));
        expect([...list]).toEqual([...set].sort());
      }),
      { numRuns: 500 },
    );
    const big = WordList.of(['ب', 'ا', 'ت']);
    for (let i = 0; i < 5000; i++) expect(big.has(['ا', 'ب', 'ت', 'ث'][i % 4]!)).toBe(i % 4 !== 3);
  });

  it('handles the empty list and a list of one word', () => {
    expect(new WordList('').has('')).toBe(false);
    expect(new WordList('').has('ا')).toBe(false);
    expect([...new WordList('')]).toEqual([]);
    expect(new WordList('كتاب').has('كتاب')).toBe(true);
    expect(new WordList('كتاب').has('كتا')).toBe(false);
  });

  it('holds every word of the lexicon, and the built lexicon file is sorted the same way', () => {
    const source = foldedLexicon();
    for (const w of source.NAMES!) expect(NAMES.has(w), w).toBe(true);
    for (const w of source.PERSON_NAMES!) expect(PERSON_NAMES.has(w), w).toBe(true);
    const built = readFileSync(path.join(projectRoot, 'dist', 'lexicon.txt'), 'utf8');
    const expected = Object.entries(sortedLists(source)).map(([name, words]) => `${name}\t${words}\n`).join('');
    expect(built).toBe(expected);
  });
});
