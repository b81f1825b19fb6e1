// Query-time variants of a word: terms of the index that are the same word in another form
// the analyzer does not join at index time — a broken plural and its singular (مدينة /
// مدن), a foreign name spelt another way (ترامب / ترمب), a word typed without the hamza on
// its alef (اعلام for إعلام, أعلام). The search engine looks each variant up in the
// archive's term dictionary and adds the ones present to the word's match, weighted below
// the word's own terms. Variants are made from the word alone (pure, no archive), a few
// dozen at most, so the index needs none of these models and a streaming build is
// unaffected.

import { analyzeText, analyzeWord, type WordAnalysis } from './analyzer';
import { SKELETON_MARK, hasForeignShape, isArabicWord, isLongForeignShape, looksForeign } from './foreign';
import { BROKEN_PLURALS, FUNCTION_WORDS, NAMES } from './lexicon';
import { foldLetters, lightNormalize } from './normalize';
import { knowsWord } from './stem';

/** Why a variant stands for the query word. */
export type VariantKind = 'broken-plural' | 'singular' | 'foreign-spelling' | 'hamza-spelling';

/** A term to look up for a query word, besides the word's own exact term and stems. */
export interface Variant {
  /** The term exactly as the index holds it (an analyzed exact term or stem). */
  term: string;
  /** The index field family the term belongs to. */
  field: 'exact' | 'stem';
  kind: VariantKind;
  /** In (0, 1]: how a match through this variant counts against one through the word's own terms. */
  weight: number;
  /** The spelling the variant was made as, and the rule that made it, for `newsq analyze`. */
  spelling: string;
  rule: string;
}

/** A plural or singular the dictionary pairs with the word. */
const LEXICON_WEIGHT = 0.8;
/** A plural or singular made by a template alone, for a word the dictionary does not know. */
const PATTERN_WEIGHT = 0.5;
/** Another spelling of a foreign name (one edit). */
const FOREIGN_WEIGHT = 0.6;
/** The same word with the hamza the query left off its alef: as good as the word's own spelling. */
const HAMZA_WEIGHT = 1;

const cache = new Map<string, Variant[]>();

/** The variants of one query word (a token as typed); none for a word with nothing to vary. */
export function queryVariants(word: string): Variant[] {
  const hit = cache.get(word);
  if (hit) return hit;
  const a = analyzeWord(word);
  const out = a ? variantsOf(a) : [];
  if (cache.size > 10_000) cache.clear();
  cache.set(word, out);
  return out;
}

/** Letters past which a token is no word (the longest Arabic words, clitics and all, have about fifteen): it gets no variants, whose number and cost grow with its length. */
const MAX_VARIANT_LENGTH = 24;

function variantsOf(a: WordAnalysis): Variant[] {
  if (a.exact.length > MAX_VARIANT_LENGTH || !/[\u0621-\u064A]/.test(a.exact) || FUNCTION_WORDS.has(foldLetters(a.exact))) return [];
  const out: Variant[] = [];
  const seen = new Set<string>([`exact:${a.exact}`, ...a.stems.map((s) => `stem:${s}`)]);
  const add = (v: Variant) => {
    const key = `${v.field}:${v.term}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(v);
  };
  for (const v of hamzaVariants(a.exact)) add(v);
  const templated: Variant[] = [];
  for (const stem of a.stems) {
    if (stem.startsWith(SKELETON_MARK)) continue;
    for (const v of pluralVariants(stem)) {
      if (v.weight === PATTERN_WEIGHT) templated.push(v);
      else add(v);
    }
  }
  for (const v of foreignVariants(a)) add(v);
  // A template's plural that is also a spelling edit (ترمب → ترامب) is the spelling.
  for (const v of templated) add(v);
  return out;
}

// --- Hamza on alef -------------------------------------------------------------------

/**
 * A query typed without the hamza on a word's first alef (اعلام, الاعلام) searches the
 * exact terms written with it (إعلام, أعلام) as its own: the exact term keeps the hamza so
 * that a query that has one ranks its own spelling first, and one that has none should not
 * rank the rarer bare spelling first.
 */
function hamzaVariants(exact: string): Variant[] {
  const article = /^(?:وال|بال|فال|كال|ال|لل)(?=ا)/.exec(exact);
  const at = article ? article[0].length : exact.startsWith('ا') && !exact.startsWith('ال') ? 0 : -1;
  if (at < 0 || exact.length - at < 3) return [];
  const out: Variant[] = [];
  for (const alef of ['أ', 'إ', 'آ']) {
    const spelling = exact.slice(0, at) + alef + exact.slice(at + 1);
    const v = analyzeWord(spelling);
    if (v) out.push({ term: v.exact, field: 'exact', kind: 'hamza-spelling', weight: HAMZA_WEIGHT, spelling, rule: `${alef} on the first alef` });
  }
  return out;
}

// --- Broken plurals ------------------------------------------------------------------

/** The index stem of a word given as a dictionary spelling: its reading as a whole word. */
function stemOf(spelling: string): string | null {
  const a = analyzeWord(spelling);
  if (!a) return null;
  const whole = foldLetters(lightNormalize(spelling));
  if (a.stems.includes(whole)) return whole;
  // Another reading takes a clitic off (كالينتون → ينتون): not the word made.
  return a.stems.find((s) => s[0] === whole[0] && s.length >= 3) ?? null;
}

function pluralVariants(stem: string): Variant[] {
  const out: Variant[] = [];
  const push = (spelling: string, kind: VariantKind, weight: number, rule: string) => {
    // A listed name is no plural or singular of a word that is not one (عمران, مرجان).
    if (NAMES.has(foldLetters(lightNormalize(spelling))) && !NAMES.has(stem)) return;
    const term = stemOf(spelling);
    if (term && term !== stem) out.push({ term, field: 'stem', kind, weight, spelling, rule });
  };
  const plurals = BROKEN_PLURALS.withPrefix(`${stem}>`);
  const singulars = BROKEN_PLURALS.withPrefix(`${stem}<`);
  for (const entry of plurals) push(entry.slice(stem.length + 1), 'broken-plural', LEXICON_WEIGHT, 'its broken plural in the dictionary');
  for (const entry of singulars) push(entry.slice(stem.length + 1), 'singular', LEXICON_WEIGHT, 'its singular in the dictionary');
  // A word the dictionary does not know gets the plurals and singulars that the most regular
  // templates make; the archive's vocabulary decides which exist.
  if (plurals.length === 0 && singulars.length === 0 && !knowsWord(stem)) {
    for (const [spelling, rule] of templatePlurals(stem)) push(spelling, 'broken-plural', PATTERN_WEIGHT, rule);
    for (const [spelling, rule] of templateSingulars(stem)) push(spelling, 'singular', PATTERN_WEIGHT, rule);
  }
  return out;
}

// Templates that rarely make another word's form: quadriliteral plurals (مفاعل, مفاعيل,
// فواعل, فعالل, تفاعيل) and فعلاء from فعيل. A consonant is any letter but a long vowel or ة.
const K = '([^اويىةه])';
const PLURAL_TEMPLATES: Array<[RegExp, string, string]> = [
  [new RegExp(`^م${K}${K}${K}ه?$`), 'م$1ا$2$3', 'مفعل → مفاعل'],
  [new RegExp(`^م${K}${K}[اوي]${K}ه?$`), 'م$1ا$2ي$3', 'مفعول → مفاعيل'],
  [new RegExp(`^${K}ا${K}${K}ه?$`), '$1وا$2$3', 'فاعل → فواعل'],
  [new RegExp(`^${K}${K}ي${K}$`), '$1$2$3اء', 'فعيل → فعلاء'],
  [new RegExp(`^ت${K}${K}ي${K}$`), 'ت$1ا$2ي$3', 'تفعيل → تفاعيل'],
  [new RegExp(`^${K}${K}${K}${K}ه?$`), '$1$2ا$3$4', 'فعلل → فعالل'],
];
const SINGULAR_TEMPLATES: Array<[RegExp, string[], string]> = [
  [new RegExp(`^م${K}ا${K}${K}$`), ['م$1$2$3', 'م$1$2$3ة'], 'مفاعل → مفعل, مفعلة'],
  [new RegExp(`^م${K}ا${K}ي${K}$`), ['م$1$2و$3', 'م$1$2ا$3'], 'مفاعيل → مفعول, مفعال'],
  [new RegExp(`^${K}وا${K}${K}$`), ['$1ا$2$3', '$1ا$2$3ة'], 'فواعل → فاعل, فاعلة'],
  [new RegExp(`^${K}${K}${K}اء$`), ['$1$2ي$3'], 'فعلاء → فعيل'],
  [new RegExp(`^ت${K}ا${K}ي${K}$`), ['ت$1$2ي$3'], 'تفاعيل → تفعيل'],
];

function templatePlurals(stem: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [shape, plural, rule] of PLURAL_TEMPLATES) if (shape.test(stem)) out.push([stem.replace(shape, plural), rule]);
  return out;
}

function templateSingulars(stem: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [shape, singulars, rule] of SINGULAR_TEMPLATES) {
    if (shape.test(stem)) for (const s of singulars) out.push([stem.replace(shape, s), rule]);
  }
  return out;
}

// --- Foreign names -------------------------------------------------------------------

// Letters that stand for one foreign sound in different transliterations: g (ج غ ق ك گ),
// t (ت ط), s (س ص ث), d (د ض), z (ز ذ ظ), v (ف ڤ), p (ب پ).
const SOUND_CLASSES = ['جغقكگ', 'تط', 'سصث', 'دض', 'زذظ', 'فڤ', 'بپ'];
const CLASS_OF = new Map<string, string>();
for (const c of SOUND_CLASSES) for (const letter of c) CLASS_OF.set(letter, c);
const LONG_VOWELS = 'اوي';

export { hasForeignShape, looksForeign };

/**
 * Spellings one transliteration edit away, each with whether the edit was a long vowel
 * written or left out: a long vowel dropped or added, a letter of the same sound, a final
 * ا / ه.
 */
export function spellingEdits(word: string, listed = false): Array<[string, boolean]> {
  const out = new Map<string, boolean>();
  const add = (w: string, vowel: boolean) => {
    if (w !== word && !out.has(w)) out.set(w, vowel);
  };
  const n = word.length;
  const isVowel = (c: string | undefined) => c !== undefined && LONG_VOWELS.includes(c);
  for (let i = 1; i < n - 1; i++) {
    // ترامب → ترمب, يوتيوب → يوتوب
    if (isVowel(word[i]) && !isVowel(word[i - 1])) add(word.slice(0, i) + word.slice(i + 1), true);
  }
  // The diphthong ai written اي or ي (فيسبوك → فايسبوك), for a listed name only: on other
  // words it makes Arabic forms as often as spellings (يقومون → يقاومون), and au (الموصل,
  // حولي) or a shape فعايل (بشير → بشاير) would do the same to an Arabic name.
  for (let i = 1; listed && i < n - 1; i++) {
    if (word[i] === 'ي' && !isVowel(word[i - 1]) && !isVowel(word[i + 1]) && !(i === 2 && n === 4)) add(`${word.slice(0, i)}ا${word.slice(i)}`, true);
  }
  for (let i = 1; i < n; i++) {
    // ترمب → ترامب, جنيف → جينيف: a long vowel between two consonants
    if (isVowel(word[i - 1]) || isVowel(word[i])) continue;
    for (const v of LONG_VOWELS) add(word.slice(0, i) + v + word.slice(i), true);
  }
  for (let i = 1; i < n - 1; i++) {
    // ديفيد → دافيد: one long vowel written for another; بيكهام → بيكام: an h not written.
    // Not the vowel before a final ه (a nisba's ي: الديوانية is not ديوان + اه).
    if (isVowel(word[i]) && !isVowel(word[i - 1]) && !isVowel(word[i + 1]) && !(i === n - 2 && word[n - 1] === 'ه')) for (const v of LONG_VOWELS) add(word.slice(0, i) + v + word.slice(i + 1), true);
    if (word[i] === 'ه' && !isVowel(word[i - 1])) add(word.slice(0, i) + word.slice(i + 1), true);
  }
  for (let i = 0; i < n; i++) {
    const cls = CLASS_OF.get(word[i]!);
    if (cls) for (const c of cls) add(word.slice(0, i) + c + word.slice(i + 1), false);
  }
  // A writer who renders g one way renders it so throughout (جوجل, غوغل, قوقل): every letter
  // for g at once, ك aside (it is mostly k: كونغو).
  if ((word.match(/[جغقگ]/g) ?? []).length >= 2) {
    for (const g of 'جغق') add(word.replace(/[جغقگ]/g, g), false);
  }
  if (word.endsWith('ا')) add(word.slice(0, -1) + 'ه', false);
  else if (word.endsWith('ه') && !isVowel(word[n - 2])) add(word.slice(0, -1) + 'ا', false);
  return [...out];
}

/** Whether two spellings of one length differ only in the letter written for g (ج غ ق ك گ). */
function isGEdit(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(CLASS_OF.get(a[i]!) === SOUND_CLASSES[0] && CLASS_OF.get(b[i]!) === SOUND_CLASSES[0])) return false;
  return true;
}

function foreignVariants(a: WordAnalysis): Variant[] {
  // The word as written, its article off (with a clitic, the reading that takes it off: ترامب
  // of وترامب). A listed name is varied by a long vowel or the letter for g only; any other
  // word only when it looks foreign and none of its readings is Arabic (سياحة, whose
  // future-tense reading ياحة is no word; وبالتالي, ولهذا) — nor one built on the divine name.
  const whole = foldLetters(a.exact).replace(/^(?:وال|بال|فال|كال|ال|لل)(?=..)/, '');
  if (whole.includes('الله') || /[^\u0621-\u064A\u0698\u067E\u0686\u06A4\u06A8\u06AD\u06AF\u06CB]/.test(whole)) return [];
  const named = [whole, ...a.stems].filter((s) => s.length >= 4 && whole.endsWith(s) && NAMES.has(s));
  let bases: string[];
  if (named.length > 0) bases = [...new Set(named)];
  else if (hasForeignShape(whole, !/^(?:[وف]?[بكل]?ال|[وف]?لل)/.test(whole)) || (looksForeign(whole) && !a.stems.some((s) => s.length >= 3 && isArabicWord(s)))) bases = [whole, ...a.stems.filter((s) => s !== whole && s.length >= 4 && whole.endsWith(s))];
  else return [];
  const out: Variant[] = [];
  for (const base of bases) {
    const listed = NAMES.has(base);
    for (const [spelling, vowelOnly] of spellingEdits(base, listed)) {
      if (spelling.length < 4) continue;
      const gEdit = isGEdit(base, spelling);
      if (listed && !vowelOnly && !gEdit) continue;
      // Another spelling is no Arabic word (a long one with long vowels inside, which the
      // dictionary may list, is a foreign name: لوكسمبورج), and a listed name only when the
      // word is not one itself and only a long vowel or the letter for g differs (جينيف meets
      // جنيف, سامسونج سامسونغ; عياد does not meet عياض).
      const name = NAMES.has(spelling);
      // Two listed names a long vowel apart are one name when long (الدنمارك, الدانمارك;
      // فيرجينيا, فرجينيا): short ones are often two (حسن, حسين).
      const sameName = name && listed && vowelOnly && base.length >= 6 && spelling.length >= 6 && !spelling.includes('الله');
      // For a listed name, a long vowel or the letter for g makes a word of Arabic only when
      // the spelling is one as written (بوتن is no word, though ب + وتن might be read; جينيا
      // no word, though جيني + ا might), or with the future س (سيعود of سعود).
      // (The shapes first: the dictionary's checks may read the verb list.)
      if (name ? (listed && !sameName) || !(vowelOnly || gEdit) : !hasForeignShape(spelling) && !isLongForeignShape(spelling) && (listed ? isArabicWord(spelling, 'س', []) : isArabicWord(spelling))) continue;
      const term = stemOf(spelling);
      if (term && term.length >= 4 && !a.stems.includes(term)) out.push({ term, field: 'stem', kind: 'foreign-spelling', weight: FOREIGN_WEIGHT, spelling, rule: name ? 'a long vowel or the letter for g: a listed name' : listed ? 'a long vowel or the letter for g of a listed name' : 'one transliteration edit' });
    }
  }
  return out;
}

/**
 * Whether a search for `queryWord` finds a document holding `docWord`, as the search engine
 * decides it: the two share an analyzed term (the exact term, or a stem), or a variant of the
 * query word that the archive holds (`vocabulary`) is one of the document word's terms. Both
 * may be several tokens: every query token must meet some document token.
 */
export function meets(queryWord: string, docWord: string, vocabulary: (term: string) => boolean): boolean {
  return explainMeeting(queryWord, docWord, vocabulary) !== null;
}

/** How a query token meets a document token: the shared term, or the variant. */
export interface Meeting {
  query: string;
  document: string;
  /** The shared term, and its field. */
  term: string;
  field: 'exact' | 'stem';
  /** The variant that made the match; absent when the two share a term of their own analyses. */
  variant?: Variant;
}

/** The meetings that make `queryWord` find `docWord` (one per query token), or null when it does not. */
export function explainMeeting(queryWord: string, docWord: string, vocabulary: (term: string) => boolean): Meeting[] | null {
  const q = tokensOf(queryWord);
  const d = tokensOf(docWord);
  if (q.length === 0 || d.length === 0) return null;
  const out: Meeting[] = [];
  for (const [qText, qa] of q) {
    const m = meetToken(qText, qa, d, vocabulary);
    if (!m) return null;
    out.push(m);
  }
  return out;
}

function tokensOf(text: string): Array<[string, WordAnalysis]> {
  return analyzeText(text).map((t) => [t.text, { exact: t.exact, stems: t.stems }]);
}

function meetToken(qText: string, qa: WordAnalysis, docs: Array<[string, WordAnalysis]>, vocabulary: (term: string) => boolean): Meeting | null {
  for (const [dText, da] of docs) {
    if (da.exact === qa.exact) return { query: qText, document: dText, term: qa.exact, field: 'exact' };
    const s = da.stems.find((x) => qa.stems.includes(x));
    if (s !== undefined) return { query: qText, document: dText, term: s, field: 'stem' };
  }
  for (const v of queryVariants(qText)) {
    if (!vocabulary(v.term)) continue;
    for (const [dText, da] of docs) {
      if (v.field === 'exact' ? da.exact === v.term : da.stems.includes(v.term)) return { query: qText, document: dText, term: v.term, field: v.field, variant: v };
    }
  }
  return null;
}
