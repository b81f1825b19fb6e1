import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMES, PERSON_NAMES, WordList, lexiconFile, lexiconFiles, readLexiconFile, sortedLists } from '../../src/analysis/lexicon';
import { foldedLexicon } from '../../src/analysis/lexicon-source';
import { projectRoot } from '../support/cli';

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
    expect(WordList.fromText('').has('')).toBe(false);
    expect(WordList.fromText('').has('ا')).toBe(false);
    expect([...WordList.fromText('')]).toEqual([]);
    expect(WordList.fromText('كتاب').has('كتاب')).toBe(true);
    expect(WordList.fromText('كتاب').has('كتا')).toBe(false);
  });

  it('holds every word of the lexicon, and the built lexicon file is sorted the same way', () => {
    const source = foldedLexicon();
    for (const w of source.NAMES!) expect(NAMES.has(w), w).toBe(true);
    for (const w of source.PERSON_NAMES!) expect(PERSON_NAMES.has(w), w).toBe(true);
    // The lists the analyzer needs in one file; each list only query-time variants need in its own.
    const files = lexiconFiles(sortedLists(source));
    expect(Object.keys(files).sort()).toEqual(['lexicon-plurals.bin', 'lexicon-verbs.bin', 'lexicon.bin']);
    for (const [file, bytes] of Object.entries(files)) expect(readFileSync(path.join(projectRoot, 'dist', file)).equals(bytes), file).toBe(true);
    expect(Object.keys(readLexiconFile(files['lexicon-verbs.bin']!))).toEqual(['KNOWN_VERBS']);
  });

  it('reads back from its file every list as written, wherever the bytes sit in memory', () => {
    const letters = ['ا', 'ب', 'ء', 'ي', 'a', '\u{1F600}'];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('A', 'BB', 'CCC', 'WORD_ALIASES'), fc.array(word, { maxLength: 30 })), fc.nat(7), (lists, shift) => {
        const texts = sortedLists(lists);
        const file = lexiconFile(texts);
        // The same bytes at an offset that breaks the typed arrays' alignment.
        const moved = Buffer.alloc(file.length + shift);
        file.copy(moved, shift);
        for (const read of [readLexiconFile(file), readLexiconFile(moved.subarray(shift))]) {
          expect(Object.keys(read).sort()).toEqual(Object.keys(texts).sort());
          for (const [name, text] of Object.entries(texts)) {
            expect([...read[name]!].join(' ')).toBe(text);
            if (name !== 'WORD_ALIASES') for (const w of [...lists[name]!, 'ت']) expect(read[name]!.has(w)).toBe(lists[name]!.includes(w));
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(() => readLexiconFile(Buffer.from('not a lexicon'))).toThrow(/not a newsq word-list file/);
  });

  it('reads back a list stored one byte a letter, searched and listed as written', () => {
    const letters = ['ا', 'ب', 'ء', 'ي', 'ه', '<', '>'];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (words, probes) => {
        const texts = sortedLists({ KNOWN_WORDS: words });
        const read = readLexiconFile(lexiconFile(texts)).KNOWN_WORDS!;
        expect([...read].join(' ')).toBe(texts.KNOWN_WORDS);
        for (const p of [...probes, ...words]) {
          expect(read.has(p)).toBe(words.includes(p));
          expect(read.withPrefix(p)).toEqual([...new Set(words)].sort().filter((w) => w.startsWith(p)));
        }
      }),
      { numRuns: 200 },
    );
    // One byte a letter: about half the size of the same list in UTF-16.
    const many = Array.from({ length: 500 }, (_, i) => 'كتاب' + 'ابتث'[i % 4]!.repeat(1 + (i % 7)));
    expect(lexiconFile(sortedLists({ KNOWN_WORDS: many })).length).toBeLessThan(0.7 * lexiconFile(sortedLists({ OTHER: many })).length);
  });

  it('says a cut-short or damaged file is one, rather than failing inside a typed array', () => {
    const file = lexiconFile(sortedLists({ NAMES: ['بغداد', 'دمشق', 'عمان'], WORD_ALIASES: ['امريكي', 'اميركي'] }));
    for (let length = 0; length < file.length; length += 3) {
      expect(() => readLexiconFile(Buffer.from(file.subarray(0, length))), `${length} bytes`).toThrow(/^(not a newsq word-list file|cut short|damaged table of contents)$/);
    }
    const damaged = Buffer.from(file);
    damaged[12] = 0x78; // the table of contents no longer opens with {
    expect(() => readLexiconFile(damaged)).toThrow(/^(damaged table of contents|cut short)$/);
  });
});
