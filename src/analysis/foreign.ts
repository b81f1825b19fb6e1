// Which words look foreign, and the consonant skeleton under which the spellings of one
// foreign name meet at index time (ترامب / ترمب, ميونيخ / ميونخ, انجليزي / انكليزي). A word
// looks foreign when the Arabic dictionary data the analyzer has (Ayaspell's nouns and verbs,
// the function words) knows neither it nor any reading of it with a clitic or an ending off,
// and it has no Arabic shape (a participle in م). Only such words get a skeleton: a letter
// or a long vowel apart, Arabic words are other Arabic words far more often than other
// spellings (يقومون / يقاومون), and a word the dictionary does not know has nothing to
// protect it by.

import { FUNCTION_WORDS, KNOWN_VERBS, KNOWN_WORDS, NAMES } from './lexicon';
import { dictionaryKey } from './normalize';
import { inDictionary } from './stem';

const LONG_VOWELS = 'اوي';
const NON_ARABIC_LETTER = /[پچژگڤڨڭۋ]/;

/** Marks a skeleton among a word's stems: no stem starts with it, so a skeleton meets only skeletons. */
export const SKELETON_MARK = '~';

/**
 * Whether the dictionary lists a (folded) verb stem; an imperfect in ت ن ا is looked up in ي.
 * A stem of five letters or more starts with a prefix (ي ت ن ا س) or is no verb: the verb
 * list is not read for one that does not.
 */
function isVerb(w: string): boolean {
  if (w.length > 4 && !/^[يتناس]/.test(w)) return false;
  return KNOWN_VERBS.has(w) || (/^[تنا]/.test(w) && KNOWN_VERBS.has(`ي${w.slice(1)}`));
}

export const CLITIC_LETTERS = 'وفبلكس';
export const ENDINGS = ['كما', 'هما', 'كم', 'هم', 'هن', 'ها', 'نا', 'ك', 'ه', 'ي', 'ات', 'ان', 'ين', 'ون', 'وا', 'ة', 'ا', 'ت'];

/**
 * Whether the dictionary knows a (folded) spelling as a noun, a verb or a function word,
 * written as it is or with the hamza on its first alef, once a clitic letter or an ending
 * is off, or with a ة (حظير of حظيرة).
 */
export function isArabicWord(spelling: string, clitics = CLITIC_LETTERS, endings = ENDINGS): boolean {
  const known = (w: string) => w.length >= 2 && (FUNCTION_WORDS.has(w) || inDictionary(w) || inDictionary(w + '\u0629') || isVerb(w));
  const bases = [spelling];
  // A clitic letter; the future س only before an imperfect verb's prefix.
  if (clitics.includes(spelling[0]!) && (spelling[0] !== 'س' || 'يتنا'.includes(spelling[1] ?? ''))) bases.push(spelling.slice(1));
  if (bases.some(known)) return true;
  // An ending off: the word as written only (a clitic and an ending off leave too little to tell).
  for (const e of endings) if (spelling.endsWith(e) && known(spelling.slice(0, -e.length))) return true;
  return false;
}

/** Seven letters or more with at least two long vowels inside: a shape Arabic's templates rarely make. */
export function isLongForeignShape(word: string): boolean {
  if (word.length < 7) return false;
  let vowels = 0;
  for (let i = 1; i < word.length - 1; i++) if (LONG_VOWELS.includes(word[i]!)) vowels++;
  return vowels >= 2;
}

/**
 * A shape no Arabic template makes, even where the dictionary lists the word (it lists many
 * loanwords and foreign places: كونجو, فيديو, هنغاريا): a letter Arabic does not use, four
 * letters or more ending in و after a consonant or ي (a participle's construct plural, م and
 * a consonant, aside), or (`long`) seven letters or more with two long vowels inside, which
 * clitics before an article can also make (وبالتالي).
 */
export function hasForeignShape(word: string, long = true): boolean {
  // The long shape only without a final ة: ميزانية, مسؤولية are nisbas.
  if (NON_ARABIC_LETTER.test(word) || (long && isLongForeignShape(word) && !/[ةه]$/.test(word))) return true;
  return word.length >= 4 && /[^او]و$/.test(word) && !/^م[^اوي]/.test(word);
}

/**
 * Whether a (folded) word looks foreign: listed in the gazetteer, written with a letter Arabic
 * does not use, or of four letters or more, unknown to the dictionary however its clitics and
 * endings are read, and not shaped like a participle (م and a consonant).
 */
export function looksForeign(stem: string): boolean {
  if (stem.length < 4) return false;
  if (NAMES.has(stem) || hasForeignShape(stem)) return true;
  if (/^م[^اوي]/.test(stem)) return false;
  return !isArabicWord(stem);
}

/**
 * The consonant skeleton of a (folded) word: the letters for g (ج غ ق ك گ) as one, the long
 * vowels ا و ي and an h inside the word left out, a final ه ة ا as one, a doubled letter
 * once. Spellings of one name in different transliterations share it: ترامب ترمب → ترمب,
 * مورينيو مورينهو → مرنو, انجليزي انكليزي → انجلزي.
 */
export function skeletonOf(word: string): string {
  const n = word.length;
  let out = '';
  for (let i = 0; i < n; i++) {
    let c = word[i]!;
    if (i > 0 && i < n - 1 && (LONG_VOWELS.includes(c) || c === 'ه')) continue;
    if (i === n - 1 && (c === 'ة' || c === 'ا')) c = 'ه';
    if ('جغقكگ'.includes(c)) c = 'ج';
    // A doubled letter once, whether written twice or with a vowel between (فايننشال,
    // فاينانشيال).
    if (out[out.length - 1] !== c) out += c;
  }
  return out;
}

// Letters a word of this model may hold: Arabic letters and the extra ones of transliteration.
const LETTERS = /^[\u0621-\u064A\u0698\u067E\u0686\u06A4\u06A8\u06AD\u06AF\u06CB]+$/;

/**
 * The skeleton term of a word (its exact spelling folded and its stems) when it looks foreign:
 * the word with the article or a clitic off as a stem reading takes it (ترامب of وترامب), no
 * ending taken off (a name in ون or ين keeps it). None when the word, or a reading of it, is
 * Arabic to the dictionary, or it is a listed name that the dictionary knows.
 */
export function foreignSkeletons(folded: string, stems: readonly string[]): string[] {
  if (!LETTERS.test(folded) || folded.includes('الله')) return [];
  const article = /^(?:وال|بال|فال|كال|ال|لل)(?=..)/.exec(folded);
  const whole = article ? folded.slice(article[0].length) : folded;
  // The word as written when a stem reading keeps it whole, else each reading with a clitic
  // off the front (its ending kept: the stem of لغوارديولا is غوارديول, its base غوارديولا).
  const bases = new Set<string>();
  if (NAMES.has(whole) || stems.includes(whole)) bases.add(whole);
  else {
    for (const s of stems) {
      for (let k = 0; k <= 2 && s.length >= 4; k++) if (whole.startsWith(s.slice(0, 4), k)) bases.add(whole.slice(k));
    }
    if (bases.size === 0) bases.add(whole);
  }
  // A reading that is Arabic (a participle, a dictionary word) makes the word Arabic, whichever
  // other reading looks foreign (ومفخخات: و + a participle).
  const out: string[] = [];
  for (const base of bases) {
    const skeleton = skeletonOf(base);
    const verdict = judgeBase(base, skeleton, !!article, stems);
    if (verdict === 'arabic') return [];
    if (verdict === 'foreign') out.push(SKELETON_MARK + skeleton);
  }
  // Letters read as the article may begin an Arabic word (بالتزاماتها: التزامات).
  if (out.length > 0 && article && isArabicWord(`ال${whole}`)) return [];
  return out;
}

/** Whether a reading of a word is foreign, Arabic, or too short to tell. */
function judgeBase(base: string, skeleton: string, article: boolean, stems: readonly string[]): 'foreign' | 'arabic' | 'unknown' {
  if (FUNCTION_WORDS.has(base)) return 'arabic';
  if (base.length < 4) return 'unknown';
  const foreignShape = hasForeignShape(base);
  if (/^م[^اوي]/.test(base) && !foreignShape) return 'arabic';
  // Three consonants at least; with the article, four besides a nisba's ي: a word of three
  // radicals with the article is an Arabic family name or noun (السويلم, الخازم, الجهني) far
  // more often than a foreign one.
  if (skeleton.length < 3) return 'unknown';
  if (article && !foreignShape && skeleton.replace(/ي$/, '').length < 4) return 'unknown';
  // Most words are dictionary entries as written or as stemmed: the cheap look-up first.
  const entry = (w: string) => KNOWN_WORDS.has(dictionaryKey(w));
  if (entry(base) || (!hasForeignShape(base, false) && stems.some((s) => s.length >= 3 && entry(s)))) return 'arabic';
  // A stem reading that the dictionary knows makes the word Arabic, unless a letter or a final
  // و says it is foreign (مورينهو, whose reading مورينه with a pronoun off is no evidence); a
  // long word with long vowels inside is no such sign (سيقضيها is س + a verb + a pronoun).
  const foreignLetters = hasForeignShape(base, false);
  if (isArabicWord(base) || (!foreignLetters && stems.some((s) => s.length >= 3 && isArabicWord(s)))) return 'arabic';
  // A short skeleton whose letters, as written, are an Arabic word is the root of an Arabic
  // template (جبير of جبر, دونيس of دنس) more often than a foreign name.
  if (skeleton.length <= 4) {
    let letters = base[0]!;
    for (let i = 1; i < base.length; i++) if (!(i < base.length - 1 && (LONG_VOWELS.includes(base[i]!) || base[i] === 'ه'))) letters += base[i];
    if (KNOWN_WORDS.has(dictionaryKey(letters)) || KNOWN_VERBS.has(letters)) return 'arabic';
  }
  return 'foreign';
}
