// The analyzer's word lists as sets. Their source text (lexicon-source.ts, with the
// reasons for each list) is folded with the normalizer; the bundle carries the folded
// lists ready-made in a file beside it (scripts/build.mjs), so a cold start neither folds
// thousands of words nor even loads their source text.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldedLexicon } from './lexicon-source';

// A literal `true` in the bundle: the minifier then drops the lists' source text.
declare const __NEWSQ_PREBUILT__: boolean;

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

function listsOf(texts: Record<string, string>): Record<string, WordList> {
  const out: Record<string, WordList> = {};
  for (const [name, text] of Object.entries(texts)) out[name] = WordList.fromText(text);
  return out;
}

const LEXICON_MAGIC = 'NQLEX002';
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// A list of Arabic letters only (and the < > of the plural pairs) is stored one byte a letter,
// in an order-preserving code: the dictionary's long lists are half the size, so a cold start
// reads and touches half the pages.
const BYTE_CODE = new Uint8Array(0x10000);
const CODE_CHAR = new Uint16Array(256);
(() => {
  const alphabet = [0x3c, 0x3e];
  for (let c = 0x0621; c <= 0x064a; c++) alphabet.push(c);
  alphabet.forEach((c, i) => {
    BYTE_CODE[c] = i + 1;
    CODE_CHAR[i + 1] = c;
  });
})();

function byteEncodable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && BYTE_CODE[c] === 0) return false;
  }
  return true;
}

/** Lists stored one byte a letter when they can be (the rest as UTF-16). */
const BYTE_LISTS = new Set(['KNOWN_WORDS', 'KNOWN_VERBS', 'BROKEN_PLURALS', 'FEMININE_BASES']);
/** Lists only query-time variants need, each in a file of its own beside the bundle, read on first use. */
export const QUERY_LISTS: Record<string, string> = { BROKEN_PLURALS: 'lexicon-plurals.bin', KNOWN_VERBS: 'lexicon-verbs.bin' };

/**
 * The bundle's word-list file (dist/lexicon.bin), from sortedLists' texts: a magic, the
 * length of a JSON table of contents, the table, then per list its letters as UTF-16 code
 * units and the start of each word as 32-bit integers, little-endian and 4-byte aligned. A
 * cold start maps both straight into typed arrays: decoding the words as UTF-8 text and
 * finding where each begins took it about 2 ms.
 */
export function lexiconFile(texts: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const toc: Record<string, [number, number, number, number, number]> = {};
  let at = 0;
  for (const [name, text] of Object.entries(texts)) {
    const list = WordList.fromText(text);
    const bytes = BYTE_LISTS.has(name) && byteEncodable(text);
    const chars = bytes ? Buffer.from(Uint8Array.from(text, (ch) => BYTE_CODE[ch.charCodeAt(0)]!)) : Buffer.from(text, 'utf16le');
    const pad = Buffer.alloc((4 - (chars.length % 4)) % 4);
    const starts = Buffer.alloc(list.starts.length * 4);
    list.starts.forEach((v, i) => starts.writeInt32LE(v, i * 4));
    toc[name] = [at, text.length, at + chars.length + pad.length, list.starts.length, bytes ? 1 : 2];
    parts.push(chars, pad, starts);
    at += chars.length + pad.length + starts.length;
  }
  let head = Buffer.from(JSON.stringify(toc), 'latin1');
  head = Buffer.concat([head, Buffer.alloc((4 - ((LEXICON_MAGIC.length + 4 + head.length) % 4)) % 4, ' ')]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(head.length);
  return Buffer.concat([Buffer.from(LEXICON_MAGIC, 'latin1'), size, head, ...parts]);
}

/** The lists of a lexicon file (an Error saying what is wrong with a damaged one). */
export function readLexiconFile(file: Buffer): Record<string, WordList> {
  if (file.length < LEXICON_MAGIC.length + 4 || file.toString('latin1', 0, LEXICON_MAGIC.length) !== LEXICON_MAGIC) throw new Error('not a newsq word-list file');
  const headLength = file.readUInt32LE(LEXICON_MAGIC.length);
  const bodyStart = LEXICON_MAGIC.length + 4 + headLength;
  if (bodyStart > file.length) throw new Error('cut short');
  let toc: Record<string, [number, number, number, number, number]>;
  try {
    toc = JSON.parse(file.toString('latin1', LEXICON_MAGIC.length + 4, bodyStart)) as typeof toc;
  } catch {
    throw new Error('damaged table of contents');
  }
  for (const [charsAt, charCount, startsAt, startCount, width] of Object.values(toc)) {
    if (bodyStart + charsAt + width * charCount > file.length || bodyStart + startsAt + 4 * startCount > file.length) throw new Error('cut short');
  }
  // Typed arrays need their element alignment: a buffer from node's pool may sit anywhere.
  const bytes = (file.byteOffset + bodyStart) % 4 === 0 ? file : Buffer.from(file);
  const base = bytes.byteOffset + bodyStart;
  const out: Record<string, WordList> = {};
  for (const [name, [charsAt, charCount, startsAt, startCount, width]] of Object.entries(toc)) {
    if (width === 1) {
      const chars = new Uint8Array(bytes.buffer, base + charsAt, charCount);
      out[name] = littleEndian ? new WordList(chars, new Int32Array(bytes.buffer, base + startsAt, startCount)) : WordList.fromText(String.fromCharCode(...Array.from(chars, (b) => (b ? CODE_CHAR[b]! : 0x20))));
      continue;
    }
    const chars = new Uint16Array(bytes.buffer, base + charsAt, charCount);
    out[name] = littleEndian
      ? new WordList(chars, new Int32Array(bytes.buffer, base + startsAt, startCount))
      : WordList.fromText(bytes.toString('utf16le', bodyStart + charsAt, bodyStart + charsAt + 2 * charCount));
  }
  return out;
}

// The bundle's lists, from dist/lexicon.bin (those the index needs) or dist/lexicon-query.bin
// (those only query-time variants need, read the first time one is asked for).
function readPrebuilt(fileName = 'lexicon.bin'): Record<string, WordList> {
  const path = join(__dirname, fileName);
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    throw new Error(`the analyzer's word lists (${path}) are missing; run \`npm run build\` in the newsq folder`);
  }
  try {
    return readLexiconFile(file);
  } catch (err) {
    throw new Error(`the analyzer's word lists (${path}) are damaged (${(err as Error).message}); run \`npm run build\` in the newsq folder`);
  }
}

/**
 * A word list kept as the letters of its words in sorted order, searched in place. A cold
 * query looks up a few dozen words, and thousands of small strings in hash sets would be
 * copied by every garbage collection of its short life; an index build looks up millions,
 * so after a few thousand lookups the list turns itself into a Set.
 */
export class WordList {
  private set: Set<string> | undefined;
  private lookups = 0;

  /**
   * `chars`: the words' UTF-16 code units, one space between, in sorted order; `starts[k]`:
   * where word k begins, and a last entry one past the end of the last word and its space.
   */
  // One byte a letter (the order-preserving code of lexiconFile) or UTF-16 code units.
  private readonly bytes: boolean;

  constructor(
    private readonly chars: Uint16Array | Uint8Array,
    readonly starts: Int32Array,
  ) {
    this.bytes = chars instanceof Uint8Array;
  }

  // The code unit at chars[i], as UTF-16.
  private unit(i: number): number {
    const c = this.chars[i]!;
    return this.bytes ? (c === 0 ? 0x20 : CODE_CHAR[c]!) : c;
  }

  /** A list of the words of a text, one space between (distinct and sorted in UTF-16 order, for has() to answer right). */
  static fromText(words: string): WordList {
    let n = words.length === 0 ? 0 : 1;
    for (let i = words.indexOf(' '); i >= 0; i = words.indexOf(' ', i + 1)) n++;
    const starts = new Int32Array(n + 1);
    let k = 0;
    if (n > 0) starts[k++] = 0;
    for (let i = words.indexOf(' '); i >= 0; i = words.indexOf(' ', i + 1)) starts[k++] = i + 1;
    starts[n] = words.length + 1;
    const chars = new Uint16Array(words.length);
    for (let i = 0; i < words.length; i++) chars[i] = words.charCodeAt(i);
    return new WordList(chars, starts);
  }

  /** A list of the given words, in any order and with repeats. */
  static of(words: Iterable<string>): WordList {
    return WordList.fromText(sortedWords(words));
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

  // The order of `word` against chars[from, to), as the < of strings.
  private compare(word: string, from: number, to: number): number {
    const len = to - from;
    const n = Math.min(word.length, len);
    if (this.bytes) {
      for (let i = 0; i < n; i++) {
        const d = word.charCodeAt(i) - CODE_CHAR[this.chars[from + i]!]!;
        if (d !== 0) return d;
      }
      return word.length - len;
    }
    const chars = this.chars;
    for (let i = 0; i < n; i++) {
      const d = word.charCodeAt(i) - chars[from + i]!;
      if (d !== 0) return d;
    }
    return word.length - len;
  }

  /** The words starting with `prefix`, in their stored order. */
  withPrefix(prefix: string): string[] {
    // The first word not below the prefix, by binary search; the matches follow it.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(prefix, this.starts[mid]!, this.starts[mid + 1]! - 1) > 0) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let k = lo; k < this.length; k++) {
      const from = this.starts[k]!;
      const to = this.starts[k + 1]! - 1;
      if (to - from < prefix.length) break;
      let same = true;
      for (let i = 0; i < prefix.length && same; i++) same = this.unit(from + i) === prefix.charCodeAt(i);
      if (!same) break;
      out.push(this.word(k));
    }
    return out;
  }

  /** Number of words. */
  get length(): number {
    return this.starts.length - 1;
  }

  /** Word k (in the stored order). */
  word(k: number): string {
    // apply reads the typed array as an array-like, in native code; a spread would step an
    // iterator and make a result object per letter in a cold process's interpreter.
    const run = this.chars.subarray(this.starts[k]!, this.starts[k + 1]! - 1);
    if (this.bytes) return String.fromCharCode.apply(null, Array.from(run, (b) => CODE_CHAR[b]!));
    return String.fromCharCode.apply(null, run as unknown as number[]);
  }

  /** The words, in their stored order. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let k = 0; k < this.length; k++) yield this.word(k);
  }
}

/**
 * The bundle's word-list files by name: lexicon.bin with the lists the analyzer needs, and
 * one file for each list only query-time variants need (QUERY_LISTS).
 */
export function lexiconFiles(texts: Record<string, string>): Record<string, Buffer> {
  const main: Record<string, string> = {};
  const out: Record<string, Buffer> = {};
  for (const [name, text] of Object.entries(texts)) {
    const file = QUERY_LISTS[name];
    if (file) out[file] = lexiconFile({ [name]: text });
    else main[name] = text;
  }
  return { 'lexicon.bin': lexiconFile(main), ...out };
}

const PREBUILT = typeof __NEWSQ_PREBUILT__ !== 'undefined' && __NEWSQ_PREBUILT__;
// Each list ready to search: the bundle's file (see lexiconFile), or the source folded here.
const LEXICON: Record<string, WordList> = PREBUILT ? readPrebuilt() : listsOf(sortedLists(foldedLexicon()));

const list = (name: string): WordList => LEXICON[name] ?? WordList.fromText('');

/** The searches a list of the query file answers, its file read on first use. */
export interface LazyWordList {
  has(word: string): boolean;
  withPrefix(prefix: string): string[];
}

/** A list of the query file, read on first use (in the bundle; from the source otherwise). */
function queryList(name: string): LazyWordList {
  let loaded: WordList | undefined;
  const get = () => (loaded ??= (PREBUILT ? readPrebuilt(QUERY_LISTS[name]) : LEXICON)[name] ?? WordList.fromText(''));
  return { has: (word) => get().has(word), withPrefix: (prefix) => get().withPrefix(prefix) };
}

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

/** Nouns and adjectives a dictionary knows (a selection, see lexicon-source.ts): evidence that a word is whole. */
export const KNOWN_WORDS = list('KNOWN_WORDS');
/**
 * Words whose feminine is the word and ة, by the dictionary (its entry takes the ending and
 * the form in ة is no word of its own): مهندس, فنان; keyed like KNOWN_WORDS.
 */
export const FEMININE_BASES = list('FEMININE_BASES');
/** Stems of verb conjugations a dictionary knows (قال, يقول), folded: evidence that a word is Arabic. */
export const KNOWN_VERBS = queryList('KNOWN_VERBS');
/**
 * Singulars and their broken plurals, folded, each pair twice: `singular>plural` and
 * `plural<singular` (look up with withPrefix).
 */
export const BROKEN_PLURALS = queryList('BROKEN_PLURALS');
/** Nouns in ة that are words of their own, not the feminine of the word without ة (مكتبة, شرطة). */
export const TA_NOUNS = list('TA_NOUNS');
/** Three-letter adjectives whose form in ة is their feminine (خاص, خاصة). */
export const SHORT_ADJECTIVES = list('SHORT_ADJECTIVES');

/** Folded spelling of a word → the canonical spelling of its alias group. */
export const WORD_ALIASES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  // Built at every start: word by word, without the generator's per-word objects.
  const pairs = list('WORD_ALIASES');
  for (let i = 0; i + 1 < pairs.length; i += 2) m.set(pairs.word(i), pairs.word(i + 1));
  return m;
})();

/** Function words, protected words and names: their spelling is their stem. */
export function isFrozen(folded: string): boolean {
  return FUNCTION_WORDS.has(folded) || PROTECTED.has(folded) || NAMES.has(folded);
}
