// A regular expression that finds, in raw article text, every place where a normalized
// word could be written: each letter may appear as any spelling that normalizes to it
// (أ إ آ for ا, ى for ي, ٣ for 3, a capital for a small Latin letter) and diacritics,
// tatweel or invisible characters may sit between the letters. Snippets use it to find
// candidate words with the regular-expression engine's native code instead of normalizing
// every word of every article on the page.

import { normalize } from '../analysis/normalize';

// Raw characters with a per-character normalization: the only ones whose mapping the
// probe describes. Everything else is either left alone by normalization (and stands for
// itself) or rules the probe out for the text (see plainSpelling).
const MAPPED_RANGES: Array<[number, number]> = [
  [0x0000, 0x007f],
  [0x0600, 0x06ff],
];
// Where normalization removes characters (marks, tatweel, invisible format characters).
const DROPPED_RANGES: Array<[number, number]> = [
  [0x00ad, 0x00ad],
  [0x0300, 0x036f],
  [0x0600, 0x06ff],
  [0x0800, 0x08ff],
  [0x180e, 0x180e],
  [0x2000, 0x206f],
  [0xfeff, 0xfeff],
];

/**
 * Characters for which normalization depends on their neighbours or yields several
 * letters: decomposed hamza and madda, presentation forms, and (through NFC and Latin
 * case folding) letters and marks between U+0080 and U+05FF; surrogates, whose words the
 * tokenizer's fast path does not scan. A text holding one is not probed.
 */
const UNPLAIN = /[\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u05ff\u0653-\u0655\ufb50-\ufdff\ufe70-\ufefe\ud800-\udfff]/;

/** Regular-expression class text of each normalized letter's raw spellings, and of the characters normalization removes. */
export interface SpellingTables {
  spellings: Record<string, string>;
  dropped: string;
}

// Computed by scripts/build.mjs for the bundle: a cold query should not normalize a
// thousand characters one by one to learn them.
declare const __NEWSQ_SPELLINGS__: SpellingTables;
let tables: SpellingTables | undefined;

function classChar(code: number): string {
  if (code < 0x20 || code > 0x7e) return `\\u${code.toString(16).padStart(4, '0')}`;
  const c = String.fromCharCode(code);
  return '\\]^-['.includes(c) ? `\\${c}` : c;
}

/** Works out the spelling tables from the normalizer (for the build, and for tests). */
export function computeSpellingTables(): SpellingTables {
  const spellings: Record<string, string> = {};
  for (const [a, b] of MAPPED_RANGES) {
    for (let c = a; c <= b; c++) {
      const n = normalize(String.fromCharCode(c));
      if (n.length !== 1 || UNPLAIN.test(String.fromCharCode(c))) continue;
      spellings[n] = (spellings[n] ?? '') + classChar(c);
    }
  }
  let dropped = '';
  for (const [a, b] of DROPPED_RANGES) {
    for (let c = a; c <= b; c++) if (normalize(String.fromCharCode(c)) === '') dropped += classChar(c);
  }
  return { spellings, dropped };
}

function spellingTables(): SpellingTables {
  return (tables ??= typeof __NEWSQ_SPELLINGS__ !== 'undefined' ? __NEWSQ_SPELLINGS__ : computeSpellingTables());
}

/** Whether every character of `text` normalizes on its own, so that `spellingProbe` finds all its spellings of a word. */
export function plainSpelling(text: string): boolean {
  return !UNPLAIN.test(text);
}

/**
 * A global expression matching, in a plain text, every raw spelling whose normalization
 * contains one of the normalized `needles` (a ء standing for a needle's و or ي); null when
 * there are none.
 */
export function spellingProbe(needles: Iterable<string>): RegExp | null {
  const { spellings: spell, dropped: gap } = spellingTables();
  const between = gap ? `[${gap}]*` : '';
  // A needle holding a shorter one adds nothing: the shorter one finds its places too.
  const list = [...new Set(needles)].filter((n) => n.length > 0).sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const n of list) if (!kept.some((k) => n.includes(k))) kept.push(n);
  if (kept.length === 0) return null;
  const alternatives = kept.map((needle) =>
    [...needle]
      .map((ch) => {
        // و and ي may also be a seated hamza written out (the analyzer gives مؤتمر the stem
        // موتمر too), so a needle's و or ي also finds the spellings of ء.
        const forms = ch === '\u0648' || ch === '\u064a' ? `${spell[ch] ?? ch}${spell['\u0621'] ?? ''}` : spell[ch];
        // A final ئ may be written ىء (طوارىء), and the analyzer drops any run of ي before a
        // ء (السيىء has the stem سء): a ء may follow one or more ي or ى.
        if (ch === '\u0621' && forms) return `(?:[${spell['\u064a'] ?? ''}]${between})*[${forms}]`;
        if (forms) return `[${forms}]`;
        return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
      })
      .join(between),
  );
  return new RegExp(alternatives.join('|'), 'g');
}
