// Character-level normalization shared by indexing, querying, keyword matching and
// headline matching. Two levels exist because the stemmer needs to see letters that
// full folding erases (ة versus a pronoun ه, hamza on an initial alef).

/** Combining marks, Quranic annotation signs and tatweel: removed everywhere. */
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF\u0640\u0300-\u036F]/g;

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

/** Other Arabic-script letters standing for an Arabic letter, folded by light normalization already. */
const ARABIC_SCRIPT_VARIANTS: Array<[number, number]> = [
  [0x06cc, 0x064a], // ی Farsi yeh
  [0x06d0, 0x064a], // ې
  [0x06a9, 0x0643], // ک keheh
  [0x06aa, 0x0643], // ڪ swash kaf
  [0x06be, 0x0647], // ھ heh doachashmee
  [0x06c1, 0x0647], // ہ heh goal
  [0x06d5, 0x0647], // ە ae
  [0x06c0, 0x0647], // ۀ heh with yeh above
  [0x06c3, 0x0629], // ۃ teh marbuta goal
  [0x0671, 0x0627], // ٱ alef wasla
  [0x0672, 0x0623], // ٲ alef with wavy hamza above
  [0x0673, 0x0625], // ٳ alef with wavy hamza below
];

// Per-code-unit actions for the fast path, built once: 0 keep, 1 drop, 2 replace with
// REPLACE[c], 3 needs the slow path (composition, presentation forms).
const ACTION = new Uint8Array(0x10000);
const REPLACE = new Uint16Array(0x10000);
(() => {
  const drop = (from: number, to = from) => ACTION.fill(1, from, to + 1);
  drop(0x0610, 0x061a);
  drop(0x064b, 0x065f);
  drop(0x0670);
  drop(0x06d6, 0x06dc);
  drop(0x06df, 0x06e8);
  drop(0x06ea, 0x06ed);
  // Extended Arabic marks (Quranic annotation, small high letters).
  drop(0x08d3, 0x08e1);
  drop(0x08e3, 0x08ff);
  drop(0x0640);
  drop(0x0300, 0x036f);
  for (const c of [0x00ad, 0x061c, 0x180e, 0xfeff]) drop(c);
  drop(0x200b, 0x200f);
  drop(0x202a, 0x202e);
  drop(0x2060, 0x2064);
  drop(0x2066, 0x2069);
  for (let i = 0; i < 10; i++) {
    ACTION[0x0660 + i] = ACTION[0x06f0 + i] = 2;
    REPLACE[0x0660 + i] = REPLACE[0x06f0 + i] = 0x30 + i;
  }
  ACTION[0x066b] = 2;
  REPLACE[0x066b] = 0x2e;
  ACTION[0x066c] = 2;
  REPLACE[0x066c] = 0x2c;
  ACTION[0x0649] = 2;
  REPLACE[0x0649] = 0x064a;
  // Letters of other Arabic-script alphabets typed for Arabic ones (a Persian keyboard's ی
  // and ک, Urdu's ہ and ھ, the wasla): folded here, before the stemmer reads endings, or a
  // plural typed with ی would keep its ending (الإیرانیین).
  for (const [from, to] of ARABIC_SCRIPT_VARIANTS) {
    ACTION[from] = 2;
    REPLACE[from] = to;
  }
  // Hamza above/below and madda as separate marks mean decomposed text: compose first.
  for (const c of [0x0653, 0x0654, 0x0655]) ACTION[c] = 3;
  ACTION.fill(3, 0xfb50, 0xfdff + 1);
  ACTION.fill(3, 0xfe70, 0xfefe + 1);
})();

/** Light normalization: Unicode composition, presentation forms, marks, invisibles and digits — letters untouched. */
export function lightNormalize(text: string): string {
  return light(text, false);
}

/**
 * Light normalization that also keeps alef maqsura ى apart from ي: the spelling an exact
 * term keeps (رأى is not رأي, على is not علي), while the stemmer reads both as ي.
 */
export function spellingNormalize(text: string): string {
  return light(text, true);
}

function light(text: string, keepAlefMaqsura: boolean): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const action = c < 0x80 || (c === 0x0649 && keepAlefMaqsura) ? 0 : ACTION[c]!;
    if (action === 0) {
      if (changed) out += text[i];
      continue;
    }
    if (action === 3 || (c >= 0x80 && c < 0x600 && text.normalize('NFC') !== text)) return slowLightNormalize(text, keepAlefMaqsura);
    if (!changed) {
      out = text.slice(0, i);
      changed = true;
    }
    if (action === 2) out += String.fromCharCode(REPLACE[c]!);
  }
  return changed ? out : text;
}

function slowLightNormalize(text: string, keepAlefMaqsura: boolean): string {
  // NFC first: NFD text splits أ into ا + U+0654, which the mark removal would then drop.
  let s = text.normalize('NFC');
  s = s.replace(PRESENTATION, (m) => m.normalize('NFKC'));
  s = s.replace(MARKS, '').replace(INVISIBLE, '');
  s = s.replace(NON_ASCII_DIGITS, (d) => DIGIT_FOLD[d] ?? d);
  s = s.replace(SCRIPT_VARIANT, (c) => String.fromCharCode(REPLACE[c.charCodeAt(0)]!));
  return keepAlefMaqsura ? s : s.replace(/\u0649/g, '\u064A');
}

const SCRIPT_VARIANT = new RegExp(`[${ARABIC_SCRIPT_VARIANTS.map(([c]) => String.fromCharCode(c)).join('')}]`, 'g');

const FOLD = new Uint16Array(0x0700);
for (const [from, to] of Object.entries(LETTER_FOLD)) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);

// A word-final ئ is also written ىء or يء (طوارىء, شاطىء, مبادىء), a final يء as ئ
// (شيء / شئ, بريء / برئ), and a stem may end in يئ once an ending is gone (شيئا → شيئ):
// one spelling for all three. Not inside a word, where ئ (هيئة, بيئة) is the spelling in use.
const BEFORE_NO_LETTER = '(?![\\u0621-\\u064A\\u066E-\\u06D3\\u06FA-\\u06FF])';
const FINAL_YEH_HAMZA = new RegExp(`[\\u064A\\u0649]+[\\u0621\\u0626]${BEFORE_NO_LETTER}`, 'g');

/** A light-normalized text with every word-final يء or يئ written as the ئ it stands for. */
export function seatFinalHamza(light: string): string {
  return light.replace(FINAL_YEH_HAMZA, '\u0626');
}

// After folding (ئ and ؤ are ء; ى and Persian ی are ي), a word-final يء is that ئ.
const FOLDED_FINAL_YEH_HAMZA = new RegExp(`\\u064A+\\u0621${BEFORE_NO_LETTER}`, 'g');

/** Folds letter variants of an already light-normalized string and lowercases Latin. */
export function foldLetters(light: string): string {
  const folded = foldLetterVariants(light);
  return folded.includes('\u064A\u0621') ? folded.replace(FOLDED_FINAL_YEH_HAMZA, '\u0621') : folded;
}

/** Folds each letter variant on its own (no rule that looks at a letter's neighbours), and lowercases Latin. */
export function foldLetterVariants(light: string): string {
  return foldWith(light, FOLD);
}

// Only the hamza seats: ؤ and ئ are one letter written two ways (مسؤول / مسئول), while
// hamza on alef, ى and ة tell words apart (أعلام / إعلام, رأى / رأي, عامة / عامه).
const SEAT_FOLD = new Uint16Array(0x0700);
SEAT_FOLD[0x0624] = SEAT_FOLD[0x0626] = 0x0621;
const SEAT_OR_LATIN = /[\u0624\u0626A-Z\u0080-\u05FF]/;

/**
 * The exact term of a word from its spelling (see spellingNormalize, then seatFinalHamza):
 * hamza seats folded and Latin lowercased, while hamza on alef, ى and ة are kept. Folding
 * it with foldLetters gives the fully folded form.
 */
export function exactSpelling(spelling: string): string {
  if (!SEAT_OR_LATIN.test(spelling)) return spelling;
  const folded = foldWith(spelling, SEAT_FOLD);
  return folded.includes('\u0621') ? folded.replace(FOLDED_FINAL_YEH_HAMZA_OR_MAQSURA, '\u0621') : folded;
}

const FOLDED_FINAL_YEH_HAMZA_OR_MAQSURA = new RegExp(`[\\u064A\\u0649]+\\u0621${BEFORE_NO_LETTER}`, 'g');

function foldWith(light: string, table: Uint16Array): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < light.length; i++) {
    const c = light.charCodeAt(i);
    let r = 0;
    if (c >= 0x41 && c <= 0x5a) r = c + 32;
    else if (c >= 0x0600 && c < 0x0700) r = table[c]!;
    else if (c >= 0x80 && c < 0x0600) return table === FOLD ? light.replace(FOLDABLE, (x) => LETTER_FOLD[x] ?? x).toLowerCase() : light.replace(/[\u0624\u0626]/g, '\u0621').toLowerCase();
    if (r === 0) {
      if (changed) out += light[i];
      continue;
    }
    if (!changed) {
      out = light.slice(0, i);
      changed = true;
    }
    out += String.fromCharCode(r);
  }
  return changed ? out : light;
}

/**
 * How a light-normalized word is looked up in the dictionary's word list: folded, except a
 * hamza on the first alef, which tells a word such as ألب or إلهام from the article + بي
 * or هام (a bare ال at the start of a word is the article far more often than a hamza left out).
 */
export function dictionaryKey(light: string): string {
  const c = light.charCodeAt(0);
  return c === 0x0623 || c === 0x0625 || c === 0x0622 ? light[0] + foldLetters(light.slice(1)) : foldLetters(light);
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

/**
 * The text an article's content id is computed from: light normalization and the folding
 * of each letter on its own, spaces and punctuation collapsed. Ids must never change, so
 * this stays as it is when the analyzer's rules change (a test pins ids of sample texts).
 */
export function normalizeForId(text: string): string {
  return foldLetterVariants(lightNormalize(text))
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .trim();
}
