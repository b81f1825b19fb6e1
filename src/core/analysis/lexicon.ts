// The analyzer's word lists as sets. Their source text (lexicon-source.ts, with the
// reasons for each list) is folded with the normalizer; the bundle carries the folded
// lists ready-made in a file beside it (scripts/build.mjs), so a cold start neither folds
// thousands of words nor even loads their source text.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldedLexicon } from './lexicon-source';

// A literal `true` in the bundle: the minifier then drops the lists' source text.
declare const __NEWSQ_PREBUILT__: boolean;
// Each list as its words in sorted order, separated by spaces (WORD_ALIASES: pairs in order).
const LEXICON: Record<string, string> = typeof __NEWSQ_PREBUILT__ !== 'undefined' && __NEWSQ_PREBUILT__ ? readPrebuilt() : sortedLists(foldedLexicon());

/** The lists as the bundle's file holds them: sorted words, one space between (aliases as pairs). */
export function sortedLists(lists: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, words] of Object.entries(lists)) out[name] = name === 'WORD_ALIASES' ? words.join(' ') : sortedWords(words);
  return out;
}

// Distinct words in UTF-16 order, one space between: the text a WordList searches.
function sortedWords(words: Iterable<string>): string {
  return [...new Set(words)].sort().join(' ');
}

// The bundle's lists: dist/lexicon.txt, one `NAME<TAB>word word …` line per list, as sortedLists gives them.
function readPrebuilt(): Record<string, string> {
  const lists: Record<string, string> = {};
  let text: string;
  try {
    text = readFileSync(join(__dirname, 'lexicon.txt'), 'utf8');
  } catch {
    throw new Error(`the analyzer's word lists (${join(__dirname, 'lexicon.txt')}) are missing; run \`npm run build\` in the newsq folder`);
  }
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lists[line.slice(0, tab)] = line.slice(tab + 1);
  }
  return lists;
}

/**
 * A word list kept as one string of its words in sorted order, searched in place. A cold
 * query looks up a few dozen words, and thousands of small strings in hash sets would be
 * copied by every garbage collection of its short life; an index build looks up millions,
 * so after a few thousand lookups the list turns itself into a Set.
 */
export class WordList {
  private readonly starts: Int32Array;
  private set: Set<string> | undefined;
  private lookups = 0;

  /** `words`: the distinct words, sorted (UTF-16 order), separated by single spaces. */
  constructor(private readonly words: string) {
    let n = words.length === 0 ? 0 : 1;
    for (let i = words.indexOf(' '); i >= 0; i = words.indexOf(' ', i + 1)) n++;
    // starts[k] is where word k begins; starts[n] is one past the end of the last word and its space.
    this.starts = new Int32Array(n + 1);
    let k = 0;
    if (n > 0) this.starts[k++] = 0;
    for (let i = words.indexOf(' '); i >= 0; i = words.indexOf(' ', i + 1)) this.starts[k++] = i + 1;
    this.starts[n] = words.length + 1;
  }

  /** A list of the given words, in any order and with repeats. */
  static of(words: Iterable<string>): WordList {
    return new WordList(sortedWords(words));
  }

  /** Whether the word is in the list. */
  has(word: string): boolean {
    if (this.set) return this.set.has(word);
    if (++this.lookups > 4096) return (this.set = new Set(this)).has(word);
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(word, this.starts[mid]!, this.starts[mid + 1]! - 1);
      if (c === 0) return true;
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return false;
  }

  // The order of `word` against words[from, to), as the < of strings.
  private compare(word: string, from: number, to: number): number {
    const text = this.words;
    const len = to - from;
    const n = Math.min(word.length, len);
    for (let i = 0; i < n; i++) {
      const d = word.charCodeAt(i) - text.charCodeAt(from + i);
      if (d !== 0) return d;
    }
    return word.length - len;
  }

  /** The words, in sorted order. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let k = 0; k + 1 < this.starts.length; k++) yield this.words.slice(this.starts[k]!, this.starts[k + 1]! - 1);
  }
}

const list = (name: string): WordList => new WordList(LEXICON[name] ?? '');

/** Function words: indexed as they are, never stemmed. */
export const FUNCTION_WORDS = list('FUNCTION_WORDS');
/** Words whose endings only look like affixes: never stripped. */
export const PROTECTED = list('PROTECTED');
/** Words whose first letter looks like a clitic but belongs to the word. */
export const ROOT_INITIAL = list('ROOT_INITIAL');
/** Three-letter nouns whose dual in ين is stripped. */
export const DUAL_NOUNS = list('DUAL_NOUNS');
/** Countries ending in ا whose nisba drops it. */
export const COUNTRIES_IN_ALEF = list('COUNTRIES_IN_ALEF');
/** First names and family names of people (a nisba of one is a family name). */
export const PERSON_NAMES = list('PERSON_NAMES');
/** Names of places, people and organizations: stems as they stand. */
export const NAMES = list('NAMES');

/** Folded spelling of a word → the canonical spelling of its alias group. */
export const WORD_ALIASES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const pairs = (LEXICON.WORD_ALIASES ?? '').split(' ');
  for (let i = 0; i < pairs.length; i += 2) m.set(pairs[i]!, pairs[i + 1]!);
  return m;
})();

/** Function words, protected words and names: their spelling is their stem. */
export function isFrozen(folded: string): boolean {
  return FUNCTION_WORDS.has(folded) || PROTECTED.has(folded) || NAMES.has(folded);
}
