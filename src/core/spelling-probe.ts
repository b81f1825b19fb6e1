// A regular expression that finds, in raw article text, every place where a normalized
// word could be written: each letter may appear as any spelling that normalizes to it
// (أ إ آ for ا, ى for ي, ٣ for 3, a capital for a small Latin letter) and diacritics,
// tatweel or invisible characters may sit between the letters. Snippets use it to find
// candidate words with the regular-expression engine's native code instead of normalizing
// every word of every article on the page.

import { normalize } from './analysis/normalize';

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

let spellings: Map<string, string[]> | undefined;
let dropped: string | undefined;

function escapeChar(c: string): string {
  return /[\\\]^\-[]/.test(c) ? `\\${c}` : c;
}

function classChar(code: number): string {
  return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : escapeChar(String.fromCharCode(code));
}

function tables(): { spellings: Map<string, string[]>; dropped: string } {
  if (spellings && dropped !== undefined) return { spellings, dropped };
  spellings = new Map();
  for (const [a, b] of MAPPED_RANGES) {
    for (let c = a; c <= b; c++) {
      const n = normalize(String.fromCharCode(c));
      if (n.length !== 1 || UNPLAIN.test(String.fromCharCode(c))) continue;
      let list = spellings.get(n);
      if (!list) spellings.set(n, (list = []));
      list.push(classChar(c));
    }
  }
  let d = '';
  for (const [a, b] of DROPPED_RANGES) {
    for (let c = a; c <= b; c++) if (normalize(String.fromCharCode(c)) === '') d += classChar(c);
  }
  dropped = d;
  return { spellings, dropped };
}

/** Whether every character of `text` normalizes on its own, so that `spellingProbe` finds all its spellings of a word. */
export function plainSpelling(text: string): boolean {
  return !UNPLAIN.test(text);
}

/**
 * A global expression matching, in a plain text, every raw spelling whose normalization
 * contains one of the normalized `needles`; null when there are none.
 */
export function spellingProbe(needles: Iterable<string>): RegExp | null {
  const { spellings: spell, dropped: gap } = tables();
  const between = gap ? `[${gap}]*` : '';
  // A needle holding a shorter one adds nothing: the shorter one finds its places too.
  const list = [...new Set(needles)].filter((n) => n.length > 0).sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const n of list) if (!kept.some((k) => n.includes(k))) kept.push(n);
  if (kept.length === 0) return null;
  const alternatives = kept.map((needle) =>
    [...needle]
      .map((ch) => {
        const forms = spell.get(ch);
        if (forms) return `[${forms.join('')}]`;
        return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
      })
      .join(between),
  );
  return new RegExp(alternatives.join('|'), 'g');
}
