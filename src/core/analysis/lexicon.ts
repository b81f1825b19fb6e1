// The analyzer's word lists as sets. Their source text (lexicon-source.ts, with the
// reasons for each list) is folded with the normalizer; the bundle carries the folded
// lists ready-made in a file beside it (scripts/build.mjs), so a cold start neither folds
// thousands of words nor even loads their source text.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldedLexicon } from './lexicon-source';

// A literal `true` in the bundle: the minifier then drops the lists' source text.
declare const __NEWSQ_PREBUILT__: boolean;
const LEXICON: Record<string, string[]> = typeof __NEWSQ_PREBUILT__ !== 'undefined' && __NEWSQ_PREBUILT__ ? readPrebuilt() : foldedLexicon();

// The bundle's lists: dist/lexicon.txt, one `NAME<TAB>word word …` line per list.
function readPrebuilt(): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  let text: string;
  try {
    text = readFileSync(join(__dirname, 'lexicon.txt'), 'utf8');
  } catch {
    throw new Error(`the analyzer's word lists (${join(__dirname, 'lexicon.txt')}) are missing; run \`npm run build\` in the newsq folder`);
  }
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lists[line.slice(0, tab)] = line.slice(tab + 1).split(' ');
  }
  return lists;
}

/** Function words: indexed as they are, never stemmed. */
export const FUNCTION_WORDS = new Set(LEXICON.FUNCTION_WORDS);
/** Words whose endings only look like affixes: never stripped. */
export const PROTECTED = new Set(LEXICON.PROTECTED);
/** Words whose first letter looks like a clitic but belongs to the word. */
export const ROOT_INITIAL = new Set(LEXICON.ROOT_INITIAL);
/** Three-letter nouns whose dual in ين is stripped. */
export const DUAL_NOUNS = new Set(LEXICON.DUAL_NOUNS);
/** Countries ending in ا whose nisba drops it. */
export const COUNTRIES_IN_ALEF = new Set(LEXICON.COUNTRIES_IN_ALEF);
/** First names and family names of people (a nisba of one is a family name). */
export const PERSON_NAMES = new Set(LEXICON.PERSON_NAMES);
/** Names of places, people and organizations: stems as they stand. */
export const NAMES = new Set(LEXICON.NAMES);

/** Folded spelling of a word → the canonical spelling of its alias group. */
export const WORD_ALIASES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const pairs = LEXICON.WORD_ALIASES!;
  for (let i = 0; i < pairs.length; i += 2) m.set(pairs[i]!, pairs[i + 1]!);
  return m;
})();

/** Function words, protected words and names: their spelling is their stem. */
export function isFrozen(folded: string): boolean {
  return FUNCTION_WORDS.has(folded) || PROTECTED.has(folded) || NAMES.has(folded);
}
