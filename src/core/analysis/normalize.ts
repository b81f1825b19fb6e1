// Character-level normalization shared by indexing, querying, keyword matching and
// headline matching. Two levels exist because the stemmer needs to see letters that
// full folding erases (ة versus a pronoun ه, hamza on an initial alef).

/** Combining marks, Quranic annotation signs and tatweel: removed everywhere. */
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u0300-\u036F]/g;

/** Invisible format characters that survive a split on spaces and punctuation. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Arabic presentation forms (ligatures and contextual shapes) that NFKC maps back to letters. */
const PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/g;

const DIGIT_FOLD: Record<string, string> = {};
for (let i = 0; i < 10; i++) {
  DIGIT_FOLD[String.fromCharCode(0x0660 + i)] = String(i);
  DIGIT_FOLD[String.fromCharCode(0x06f0 + i)] = String(i);
}
// Decimal and thousands separators inside numbers (٣٫٥, ١٬٠٠٠).
DIGIT_FOLD['\u066B'] = '.';
DIGIT_FOLD['\u066C'] = ',';
const NON_ASCII_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/g;

/**
 * Letter variants folded for matching. Alef forms and hamza carriers are written
 * inconsistently in news text (افغانستان / أفغانستان, مسئول / مسؤول), Persian
 * keyboards produce ی and ک, and ة / ى are routinely typed as ه / ي.
 */
const LETTER_FOLD: Record<string, string> = {
  '\u0622': '\u0627', // آ
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0671': '\u0627', // ٱ
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  '\u0649': '\u064A', // ى → ي
  '\u06CC': '\u064A', // Farsi yeh
  '\u06D0': '\u064A',
  '\u0626': '\u0621', // ئ → ء
  '\u0624': '\u0621', // ؤ → ء
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ
  '\u06C1': '\u0647', // ہ
  '\u06C3': '\u0647', // ۃ
  '\u06BE': '\u0647', // ھ
  '\u06D5': '\u0647', // ە
  '\u06A9': '\u0643', // ک → ك
  '\u06AA': '\u0643',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLD).join('')}]`, 'g');

/** Light normalization: Unicode composition, presentation forms, marks, invisibles and digits — letters untouched. */
export function lightNormalize(text: string): string {
  let s = text;
  // NFC first: NFD text splits أ into ا + U+0654, which the mark removal would then drop.
  if (/[^\u0000-\u007F\u0600-\u065F\u066A-\u06FF]/.test(s) || /[\u0653-\u0655]/.test(s)) {
    s = s.normalize('NFC');
  }
  if (PRESENTATION.test(s)) {
    PRESENTATION.lastIndex = 0;
    s = s.replace(PRESENTATION, (m) => m.normalize('NFKC'));
  }
  s = s.replace(MARKS, '').replace(INVISIBLE, '');
  s = s.replace(NON_ASCII_DIGITS, (d) => DIGIT_FOLD[d] ?? d);
  s = s.replace(/\u0649/g, '\u064A');
  return s;
}

/** Folds letter variants of an already light-normalized string and lowercases Latin. */
export function foldLetters(light: string): string {
  return light.replace(FOLDABLE, (c) => LETTER_FOLD[c] ?? c).toLowerCase();
}

/** Full normalization used for exact-form matching: light normalization plus letter folding. */
export function normalize(text: string): string {
  return foldLetters(lightNormalize(text));
}

/** Normalizes a multi-word phrase (keyword, headline) to single-spaced folded words. */
export function normalizePhrase(text: string): string {
  return normalize(text)
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .trim();
}
