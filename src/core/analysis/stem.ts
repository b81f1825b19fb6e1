// A light Arabic stemmer: it removes clitics and inflectional endings, never derives
// roots. Two kinds of evidence keep it from merging unrelated words:
//  - length: every rule demands a minimum stem, because the errors of Light-10
//    (لبنان→لبن, حسين→حس, مدينة=مدة) come from cutting an ending off a word too short
//    to lose it — a feminine ة only goes when four letters remain (مدينة→مدين, but
//    مدة, قمة, شركة keep it, and their plurals and duals restore it: شركات→شركة);
//  - the lexicon: names of places and people (gazetteer.ts) and listed words are stems
//    as they stand (البصرة is not بصر + ة), and an ending that would leave a name
//    (عمارات → عمار) is not an inflection of that name.
//
// Input is light-normalized text (see normalize.ts): alef forms and ة are still
// distinct there, which two rules need — an article written أل is not an article
// (ألمانيا), and a final ه after stripping is a pronoun while ة is the feminine ending.

import { foldLetters } from './normalize';
import { COUNTRIES_IN_ALEF, DUAL_NOUNS, NAMES, PERSON_NAMES, PROTECTED, ROOT_INITIAL, WORD_ALIASES, isFrozen } from './lexicon';

const TA_MARBUTA = '\u0629';

/** Article combinations, longest first: conjunction + preposition + ال, or لل (ل + ال). */
const ARTICLE_PREFIXES = ['وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/**
 * Bare proclitics without the article, with the shortest remainder each may leave. Bare
 * ف and ك are rarer proclitics and start many words and names (فيصل, فكرة, كمال, كتاب,
 * كريم), nearly all of which leave three letters or fewer: they are only taken off a word
 * that keeps four (كلاعب, فأوضح).
 */
const BARE_PREFIXES: Array<[string, number]> = [
  ['وب', 3],
  ['ول', 3],
  ['فب', 3],
  ['فل', 3],
  ['و', 3],
  ['ب', 3],
  ['ل', 3],
  ['ف', 4],
  ['ك', 4],
];

/** Pronoun endings, tried longest first, with the shortest stem each may leave. */
const PRONOUN_SUFFIXES: Array<[string, number]> = [
  ['هما', 3],
  ['هم', 3],
  ['هن', 3],
  ['ها', 3],
  ['نا', 3],
  // Four letters at least: محاكم, تراكم end in كم without a pronoun.
  ['كم', 4],
  ['ه', 3],
];

interface InflectionRule {
  suffix: string;
  /** Shortest stem the rule may leave; `withArticle` applies when an article was removed. */
  min: number;
  withArticle?: number;
  /** A nisba ending: the stem may be a country name that lost its final ا / يا. */
  nisba?: boolean;
  /** The ending replaced a ة (duals and plurals of feminine nouns): put it back, then apply the ة rule. */
  feminine?: boolean;
  /** Stem endings before which the suffix belongs to the word (بداية, باكستان). */
  notAfter?: string[];
  /** Shorter stems the rule still applies to. */
  orStem?: Set<string>;
  /** A plural ending: the stem is treated as the singular would be (see the ان chain). */
  plural?: boolean;
}

/** A feminine ة is cut only when this many letters remain. */
const TA_MARBUTA_MIN = 4;

const INFLECTION_RULES: InflectionRule[] = [
  // A nisba after و is a defective root's (نووي, دعوي) and keeps its ي: دعوى is not دعوة;
  // after ا the ي belongs to the word (روايات, نهايات are plurals of رواية, نهاية).
  { suffix: 'يين', min: 3, nisba: true, notAfter: ['و', 'ا'] },
  { suffix: 'يون', min: 3, nisba: true, notAfter: ['و', 'ا'] },
  { suffix: 'يات', min: 3, nisba: true, notAfter: ['و', 'ا'] },
  { suffix: 'تين', min: 3, feminine: true },
  { suffix: 'تان', min: 3, feminine: true, notAfter: ['س'] },
  { suffix: 'ات', min: 3, feminine: true, plural: true },
  // Sound plurals come almost only from stems of four letters and more (مسؤولين,
  // لاعبون); a three-letter stem is let through only after an article (الطرفين).
  { suffix: 'ون', min: 4, withArticle: 3, plural: true },
  // The oblique dual of a three-letter noun (يومين, عامين) is stripped only for the
  // nouns listed: names end in ين just as often (حسنين, حمدين, ياسين, نسرين, دارين).
  { suffix: 'ين', min: 4, withArticle: 3, orStem: DUAL_NOUNS, plural: true },
  // Dual ان on three-letter stems is rare next to the many names and nouns ending in
  // ان (لبنان, طهران, عدنان, إعلان, طيران): only stems of four letters lose it.
  { suffix: 'ان', min: 4 },
  { suffix: 'ية', min: 3, nisba: true, notAfter: ['ا', 'و'] },
  { suffix: TA_MARBUTA, min: TA_MARBUTA_MIN },
  { suffix: 'ي', min: 3, nisba: true, notAfter: ['ا', 'و'] },
];

function alias(light: string): string {
  return WORD_ALIASES.get(foldLetters(light)) ?? light;
}

function isName(light: string): boolean {
  return NAMES.has(foldLetters(light));
}

function afterNisba(stem: string): string {
  const f = foldLetters(stem);
  if (COUNTRIES_IN_ALEF.has(f + 'يا')) return stem + 'يا';
  if (COUNTRIES_IN_ALEF.has(f + 'ا')) return stem + 'ا';
  return stem;
}

/** A word ending in ة: cut it when enough remains, else keep it (folded to ه). */
function feminine(word: string): string {
  if (word.endsWith(TA_MARBUTA) && word.length - 1 >= TA_MARBUTA_MIN && !isName(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

function finish(light: string): string {
  return foldLetters(alias(light));
}

/** Strips pronoun and inflectional endings from a word whose prefixes are already removed. */
export function stripSuffixes(base: string, hadArticle: boolean): string {
  let b = alias(base);
  if (isFrozen(foldLetters(b))) return foldLetters(b);
  // Names joined to الله (عبدالله, عطالله, وعبدالله): the final ه belongs to the divine name,
  // never a pronoun; no ordinary word ends in الله (خلاله, احتلاله end in لاله).
  if (b.length > 4 && b.endsWith('الله')) return foldLetters(b);
  for (const [suffix, min] of PRONOUN_SUFFIXES) {
    if (b.endsWith(suffix) && b.length - suffix.length >= min && !isName(b.slice(0, -suffix.length))) {
      b = b.slice(0, -suffix.length);
      // رسالته: the ة of رسالة is written ت before a pronoun (but علاقاتها keeps its plural ات).
      if (b.endsWith('ت') && !b.endsWith('ات') && b.length - 1 >= 3) b = b.slice(0, -1) + TA_MARBUTA;
      break;
    }
  }
  if (isFrozen(foldLetters(b))) return foldLetters(b);
  if (!hadArticle) {
    // Past-tense verb endings (verbs take no article): هاجموا, and the feminine ت of
    // أكدت, أوضحت — not after و, ي or ا, where ت usually ends a noun (بيروت, كبريت, قوات).
    if (b.endsWith('وا') && b.length - 2 >= 3) return finish(b.slice(0, -2));
    if (b.endsWith('ت') && b.length >= 4 && !/[اوي]ت$/.test(b)) return finish(b.slice(0, -1));
  }
  // The alef of accusative tanween (كبيراً, طرفاً once diacritics are gone) or of a
  // construct dual (طرفا النزاع) — but not the final alef of a country (أمريكا, سوريا).
  if (b.endsWith('ا') && b.length - 1 >= 3 && !COUNTRIES_IN_ALEF.has(foldLetters(b))) {
    b = b.slice(0, -1);
    if (isFrozen(foldLetters(b))) return foldLetters(b);
  }
  // اة ends nouns whose alef turns to ي in the plural (مباراة, مباريات): the stem drops both.
  if (b.endsWith('ا' + TA_MARBUTA) && b.length - 2 >= 3 && !isName(b.slice(0, -2))) return finish(b.slice(0, -2));
  for (const rule of INFLECTION_RULES) {
    if (!b.endsWith(rule.suffix)) continue;
    let stem = b.slice(0, -rule.suffix.length);
    const min = hadArticle && rule.withArticle !== undefined ? rule.withArticle : rule.min;
    if (stem.length < min && !rule.orStem?.has(foldLetters(stem))) continue;
    if (rule.notAfter?.some((e) => stem.endsWith(e))) continue;
    if (rule.nisba) {
      // A nisba of a first name is a family name (المالكي is not مالك + ي); a nisba of a
      // place is an ordinary adjective (العراقي, المصري) and goes back to the place.
      if (PERSON_NAMES.has(foldLetters(stem))) continue;
      return finish(afterNisba(stem));
    }
    // Names are not inflected: عمارات is not عمار + ات.
    if (isName(stem) && rule.suffix !== TA_MARBUTA) {
      if (rule.feminine) return finish(feminine(stem + TA_MARBUTA));
      continue;
    }
    if (rule.suffix === TA_MARBUTA) return finish(feminine(b));
    // A plural of a noun in ان loses the ان its singular loses (مهرجانات, مهرجان).
    if (rule.plural && stem.endsWith('ان') && stem.length - 2 >= 4 && !isFrozen(foldLetters(stem))) stem = stem.slice(0, -2);
    else if (rule.plural && stem.endsWith('اة')) stem = stem.slice(0, -2);
    return finish(rule.feminine ? feminine(stem + TA_MARBUTA) : stem);
  }
  return finish(b);
}

/**
 * Stems of one light-normalized Arabic word. A word with a bare proclitic is ambiguous
 * (وطن is a word, وطهران is و + طهران): unless the lexicon settles it, both readings
 * are returned, so that either spelling of the query finds the other.
 */
export function stemWord(light: string): string[] {
  const folded = foldLetters(light);
  if (isFrozen(folded)) return [foldLetters(alias(light))];
  // والد, وزارة: what looks like a clitic is the word's own first letter.
  if (ROOT_INITIAL.has(folded)) return [stripSuffixes(light, false)];

  for (const prefix of ARTICLE_PREFIXES) {
    if (light.startsWith(prefix) && light.length - prefix.length >= 2) {
      // وبالتيمور, وكاليفورنيا: a clitic before a name that only starts like بال or كال.
      for (let k = 1; k < prefix.length - 2; k++) {
        if (isKnown(light.slice(k))) return [stripSuffixes(light.slice(k), false)];
      }
      const withArticle = stripSuffixes(light.slice(prefix.length), true);
      // لل is ل + ال (للرسالة) or ل + a word starting with ل (للجنة, لليبيا).
      if (prefix.endsWith('لل')) {
        const rest = light.slice(prefix.length - 1);
        if (isKnown(rest)) return [stripSuffixes(rest, false)];
        const other = stripSuffixes(rest, false);
        return other === withArticle ? [withArticle] : [withArticle, other];
      }
      return [withArticle];
    }
  }

  const readings: string[] = [];
  const candidates = BARE_PREFIXES.filter(([p, min]) => light.startsWith(p) && light.length - p.length >= min).map(([p]) => p);
  if (candidates.length > 0) {
    // Prefer the split whose remainder is a word the lexicon knows (ولبنان = و + لبنان,
    // not ول + بنان); otherwise the longest clitic. The whole word stays a reading too:
    // وجدة may be و + جدة or the city وجدة.
    const known = candidates.find((p) => isKnown(light.slice(p.length)));
    readings.push(...futureReadings(light.slice((known ?? candidates[0]!).length)));
    // With a known word behind the clitic, the whole word stays a reading only as written:
    // stemmed, ولبنان would give ولبن ("and milk"), while وجدة (the city, or و + جدة) keeps وجده.
    if (known !== undefined && !isKnown(light)) return unique([...readings, folded]);
  }
  readings.push(...futureReadings(light));
  return unique(readings);
}

function isKnown(word: string): boolean {
  const f = foldLetters(word);
  return PROTECTED.has(f) || ROOT_INITIAL.has(f) || NAMES.has(f) || WORD_ALIASES.has(f);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/**
 * The future particle س before an imperfect verb (سيؤكد, ستعقد): both readings, since
 * many nouns also start with سي or ست (سياسة, ستار).
 */
function futureReadings(word: string): string[] {
  const whole = stripSuffixes(word, false);
  if (word.length >= 4 && word.startsWith('س') && 'يتنأ'.includes(word[1]!)) {
    const verb = stripSuffixes(word.slice(1), false);
    return verb === whole ? [whole] : [verb, whole];
  }
  return [whole];
}
