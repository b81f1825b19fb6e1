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

import { dictionaryKey, foldLetters } from './normalize';
import { COUNTRIES_IN_ALEF, DUAL_NOUNS, FEMININE_BASES, FUNCTION_WORDS, KNOWN_WORDS, NAMES, PERSON_NAMES, PROTECTED, ROOT_INITIAL, SHORT_ADJECTIVES, TA_NOUNS, WORD_ALIASES, isFrozen } from './lexicon';

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
  orStem?: { has(word: string): boolean };
  /** A plural ending: the stem is treated as the singular would be (see the ان chain). */
  plural?: boolean;
}

const INFLECTION_RULES: InflectionRule[] = [
  // After ا the ي belongs to the word (روايات, نهايات are plurals of رواية, نهاية).
  { suffix: 'يين', min: 3, nisba: true, notAfter: ['ا'] },
  { suffix: 'يون', min: 3, nisba: true, notAfter: ['ا'] },
  { suffix: 'يات', min: 3, nisba: true, notAfter: ['ا'] },
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
  { suffix: 'ية', min: 3, nisba: true, notAfter: ['ا'] },
  { suffix: 'ي', min: 3, nisba: true, notAfter: ['ا'] },
];

/**
 * A masculine noun takes the feminine plural ات too (اجتماعات, تصريحات, مشروعات): a stem of
 * this many letters before ات is read both ways, as the plural of X and of X + ة.
 */
const MASCULINE_AT_MIN = 4;

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

function finish(light: string): string {
  return foldLetters(alias(light));
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** Strips pronoun and inflectional endings from a word whose prefixes are already removed; its likeliest stem. */
export function stripSuffixes(base: string, hadArticle: boolean): string {
  return suffixReadings(base, hadArticle)[0]!;
}

/**
 * Every stem the endings of a word allow (its prefixes already removed), the likeliest
 * first: an ending that is two things at once (a final ه, pronoun or undotted ة) gives
 * a reading for each.
 */
export function suffixReadings(base: string, hadArticle: boolean): string[] {
  let b = alias(base);
  if (isFrozen(foldLetters(b))) return [foldLetters(b)];
  // Names joined to الله (عبدالله, عطالله, وعبدالله): the final ه belongs to the divine name,
  // never a pronoun; no ordinary word ends in الله (خلاله, احتلاله end in لاله).
  if (b.length > 4 && b.endsWith('الله')) return [foldLetters(b)];
  const extra: string[] = [];
  for (const [suffix, min] of PRONOUN_SUFFIXES) {
    if (b.endsWith(suffix) && b.length - suffix.length >= min && !isName(b.slice(0, -suffix.length))) {
      // A final ه is also a ة typed without its dots (الحكومه, رساله): the ة reading must
      // meet the word's other forms, which keep their ة (الحكومة, حكومتها).
      if (suffix === 'ه') extra.push(...inflectionReadings(b.slice(0, -1) + TA_MARBUTA, hadArticle));
      b = b.slice(0, -suffix.length);
      // رسالته: the ة of رسالة is written ت before a pronoun (but علاقاتها keeps its plural ات).
      if (b.endsWith('ت') && !b.endsWith('ات')) {
        // استهدفته, أكدته: a past verb of a derived form (أفعل, افتعل, انفعل, استفعل, all
        // with an initial alef) keeps its feminine ت before an object pronoun; a noun in ة
        // with such a start is that verb's own noun (إدارته, إصابته), so the verb reading
        // joins nothing foreign.
        if (!hadArticle && b.length - 1 >= 4 && /^[اأإ]/.test(b)) extra.push(...inflectionReadings(b, false));
        // Three letters and ت: the verb reading only where no noun in ة is spelt so (أثبتها,
        // أكدته are verbs; أسرته, أزمته are أسرة, أزمة + ه).
        else if (!hadArticle && isAfalVerb(b)) extra.push(...inflectionReadings(b, false));
        if (b.length - 1 >= 3) b = b.slice(0, -1) + TA_MARBUTA;
        // Two letters before the ت: a noun in ة (مدته, قمته) or one in ت (صوته, بيته) — both
        // readings; the ة one only meets forms of a noun in ة, which two letters and ت are not.
        else if (b.length - 1 === 2) extra.push(...inflectionReadings(b.slice(0, -1) + TA_MARBUTA, hadArticle));
      }
      break;
    }
  }
  return unique([...inflectionReadings(b, hadArticle), ...extra]);
}

/** The stems of a word whose prefixes and pronoun are already removed. */
function inflectionReadings(word: string, hadArticle: boolean): string[] {
  let b = word;
  if (isFrozen(foldLetters(b))) return [foldLetters(b)];
  // آت is the hamza of a noun in أة and the plural's ات (منشآت of منشأة, مكافآت): not a verb's
  // ت after a madda, nor a masculine noun's plural (a noun in أ has a broken one: منشأ /
  // مناشئ, مبدأ / مبادئ), so only the reading in ة.
  if (b.length >= 5 && b.endsWith('\u0622\u062A')) return inflectionReadings(`${b.slice(0, -2)}\u0623${TA_MARBUTA}`, hadArticle);
  if (!hadArticle) {
    // Past-tense verb endings (verbs take no article): هاجموا, and the feminine ت of
    // أكدت, أوضحت — not after و, ي or ا, where ت usually ends a noun (بيروت, كبريت, قوات).
    if (b.endsWith('وا') && b.length - 2 >= 3) return [finish(b.slice(0, -2))];
    // From five letters the word as written is a reading too: nouns end in ت after a
    // consonant as well (إنترنت, which keeps it after the article). Not below: a verb of a
    // three-letter root (زارت, عادت, حالت) would meet the nouns its letters also spell
    // (وزارتي, كعادتي, حالتي).
    if (b.endsWith('ت') && b.length >= 4 && !/[اوي]ت$/.test(b)) {
      if (b.length >= 5) return unique([finish(b.slice(0, -1)), finish(b)]);
      // A four-letter noun in ت the dictionary knows (ثابت, تثبت, مؤقت) is read whole too,
      // and only whole when the verb reading would be a noun of its own (ملفت is not ملف + ت).
      if (KNOWN_WORDS.has(dictionaryKey(b))) return KNOWN_WORDS.has(dictionaryKey(b.slice(0, -1))) ? [finish(b)] : [finish(b.slice(0, -1)), finish(b)];
      // أفعل of a root ending in ت (أثبت, أسكت) is spelt like the feminine of a verb of
      // three letters (أكدت): both readings, so that أثبت meets أثبتت and أثبتوا.
      if (isAfalVerb(b)) return [finish(b.slice(0, -1)), finish(b)];
      return [finish(b.slice(0, -1))];
    }
    // The construct of a sound masculine plural drops its ن (مستثمرو المنطقة, موظفو الوزارة):
    // taken only from what can be a participle (م, then no ا or ي: مستثمر, موظف, مسؤول),
    // since names and loanwords also end in و (ماركو, مارسيلو, بيانو, فرانكو).
    if (/^م[^اي].+[^اوي]و$/.test(b) && !isFrozen(foldLetters(b))) return unique([...inflectionReadings(b.slice(0, -1), false), finish(b)]);
  }
  // The alef of accusative tanween (كبيراً, طرفاً once diacritics are gone) or of a
  // construct dual (طرفا النزاع) — but not the final alef of a country (أمريكا, سوريا).
  if (b.endsWith('ا') && b.length - 1 >= 3 && !COUNTRIES_IN_ALEF.has(foldLetters(b))) {
    b = b.slice(0, -1);
    if (isFrozen(foldLetters(b))) return [foldLetters(b)];
  }
  // اة ends nouns whose alef is ي in the plural (مباراة, مباريات): the stem is the one the
  // plural's يات leaves.
  if (b.endsWith('ا' + TA_MARBUTA) && b.length - 2 >= 3 && !isName(b.slice(0, -2))) return [finish(b.slice(0, -2) + 'ي')];
  for (const rule of INFLECTION_RULES) {
    if (!b.endsWith(rule.suffix)) continue;
    let stem = b.slice(0, -rule.suffix.length);
    const min = hadArticle && rule.withArticle !== undefined ? rule.withArticle : rule.min;
    if (stem.length < min && !rule.orStem?.has(foldLetters(stem))) continue;
    if (rule.notAfter?.some((e) => stem.endsWith(e))) continue;
    // قوانين, ميادين, براكين: the ين of a broken plural of the shape فواعيل or فعاليل (the
    // stem would be فواع or فعال, no word the dictionary knows), not a sound plural's
    // (فنانين, طيارين keep فنان, طيار).
    if ((rule.suffix === 'ين' || rule.suffix === 'ون') && stem.length === 4 && stem[2] === 'ا' && !knowsWord(stem) && !isName(stem)) continue;
    // A foreign name or loanword keeps its ون or ين (جاكسون, كوربين, فيتامين).
    if ((rule.suffix === 'ين' || rule.suffix === 'ون') && looksForeignBeforeEnding(stem)) continue;
    if (rule.nisba) return nisbaReadings(stem, rule.suffix === 'ي');
    // Names are not inflected: عمارات is not عمار + ات.
    if (isName(stem)) {
      if (rule.feminine) return [finish(stem + TA_MARBUTA)];
      continue;
    }
    // The duals and plurals of a noun in ة keep its ة, so that all its forms agree (شركة,
    // شركات, شركتين) without the singular losing it (مدينة is not مدين, كنيسة not كنيس).
    const feminine = rule.feminine ? inflectionReadings(stem + TA_MARBUTA, hadArticle) : [];
    if (rule.feminine && !(rule.suffix === 'ات' && stem.length >= MASCULINE_AT_MIN)) return feminine;
    // A plural of a noun in ان loses the ان its singular loses (مهرجانات, مهرجان).
    if (rule.plural && stem.endsWith('ان') && stem.length - 2 >= 4 && !isFrozen(foldLetters(stem))) stem = stem.slice(0, -2);
    // A stem only the article lets the rule leave (التعيين, الاثنين, التعاون: verbal nouns
    // and words in ين/ون of their own) keeps the word whole as a reading too, the reading it
    // has without the article: a word and its article form always share a term.
    if (stem.length < rule.min && !rule.orStem?.has(foldLetters(stem))) return unique([finish(stem), ...feminine, finish(b)]);
    return unique([finish(stem), ...feminine]);
  }
  if (b.endsWith(TA_MARBUTA) && isFeminineInflection(b.slice(0, -1), b)) return unique([finish(b), finish(b.slice(0, -1))]);
  return [finish(b)];
}

/**
 * Whether a word of four letters, an alef with hamza then two letters then ت, can be a past
 * verb as written (أثبت, or أكدت): not when a noun in ة is spelt with the same letters
 * (أسرة, أزمة), whose forms before a pronoun (أسرتي, أسرته) keep that ت. A bare alef is
 * left out: it also starts the article (المتهم is not المت + هم) and what a clitic leaves
 * of a verb فاعل (باشرت).
 */
function isAfalVerb(b: string): boolean {
  return b.length === 4 && /^[أإ]/.test(b) && b.endsWith('ت') && !/[اوي]ت$/.test(b) && !KNOWN_WORDS.has(dictionaryKey(b.slice(0, -1) + TA_MARBUTA));
}

/**
 * Whether `word` (ending in ة) is the feminine of `masculine`, so that the two meet: a word
 * the dictionary gives a feminine in ة that is no word of its own (FEMININE_BASES: فنان,
 * بطل, صحي), a participle or adjective of a shape that inflects for gender (مهندس, مدير,
 * متحدث; فاعل: سابق, كاتب; فعيل: جديد, كبير, وزير) or a listed short adjective (خاص). Not a
 * noun in ة that is a word of its own (TA_NOUNS: مكتبة, جامعة, طائرة, طريقة), a name, or a
 * verbal noun of the shape مفاعلة (مشاركة "participation", not مشارك "participant" + ة).
 */
function isFeminineInflection(masculine: string, word: string): boolean {
  const n = masculine.length;
  if (n < 3 || TA_NOUNS.has(foldLetters(word)) || isName(masculine) || isName(word)) return false;
  if (FEMININE_BASES.has(dictionaryKey(masculine))) return true;
  if (n === 3) return SHORT_ADJECTIVES.has(foldLetters(masculine));
  if (masculine.startsWith('م')) return !(n === 5 && masculine[2] === 'ا');
  return n === 4 && (masculine[1] === 'ا' || masculine[2] === 'ي');
}

/**
 * The stems of a nisba (ي, ية and their plurals). A nisba of a place is an ordinary
 * adjective of that place (العراقي, المصرية) and goes back to it; any other nisba is a word
 * of its own, derived rather than inflected (ميزانية "budget" from ميزان "scale", عملية
 * "operation" from عمل "work"), so all its forms share the stem X + ي and not the stem X.
 */
function nisbaReadings(stem: string, bare: boolean): string[] {
  // A nisba after و is a defective root's (نووي, دعوي): its ي is never "my" and the word
  // without it is no word (دعو), and دعوية must not meet دعوة.
  if (stem.endsWith('و')) return [finish(stem + 'ي')];
  const folded = foldLetters(stem);
  const place = afterNisba(stem);
  if (place !== stem || (isName(stem) && !PERSON_NAMES.has(folded))) return [finish(place)];
  const nisba = finish(stem + 'ي');
  // A nisba of a first name is a family name (المالكي is not مالك + ي).
  if (!bare || PERSON_NAMES.has(folded)) return [nisba];
  // A bare ي is also the pronoun "my" or the construct of a plural or dual (مسؤولي
  // الحكومة, مجلسي النواب): the word without it is a reading too.
  const readings = [finish(stem), nisba];
  // رسالتي: the ة of a noun is written ت before the pronoun ي as before any other.
  if (stem.endsWith('ت') && !stem.endsWith('ات') && stem.length - 1 >= 2) {
    readings.push(...inflectionReadings(stem.slice(0, -1) + TA_MARBUTA, false));
  }
  return unique(readings);
}

/**
 * Stems of one light-normalized Arabic word. A word with a bare proclitic is ambiguous
 * (وطن is a word, وطهران is و + طهران): unless the lexicon settles it, both readings
 * are returned, so that either spelling of the query finds the other.
 */
export function stemWord(light: string): string[] {
  return withBareSeats(light, stemReadings(light));
}

const SEATED_HAMZA = /[\u0624\u0626]/;

/**
 * Adds the stems of the word as written without the hamza on its seat (مؤتمر → موتمر,
 * رئيس → رييس), a common shortcut in typed text, so either spelling finds the other. Only
 * the bare forms of the word's own stems count (the bare spelling may read differently:
 * وسايل would also give و + سايل), and none under four letters: short bare forms are often
 * other words (فئة → فيه "in it", سئل → سيل "flood").
 */
function withBareSeats(light: string, stems: string[]): string[] {
  if (!SEATED_HAMZA.test(light)) return stems;
  const bareWord = light.replace(/\u0624/g, '\u0648').replace(/\u0626/g, '\u064A');
  const bare = stemReadings(bareWord);
  // The bare spelling may also keep an ending the stemmer leaves on it (الفايزين stays
  // فايزين: ين after ي is not cut): its reading as the whole word, article aside, counts too.
  const article = ARTICLE_PREFIXES.find((p) => bareWord.startsWith(p) && bareWord.length - p.length >= 3);
  const whole = foldLetters(article ? bareWord.slice(article.length) : bareWord);
  const out = [...stems];
  for (const b of bare) {
    if (b.length >= 4 && !out.includes(b) && (b === whole || stems.some((s) => isBareFormOf(b, s)))) out.push(b);
  }
  return out;
}

// Whether `bare` is `stem` with some of its hamzas (ء, folded from a seat) written as و or ي.
function isBareFormOf(bare: string, stem: string): boolean {
  if (bare.length !== stem.length || bare === stem) return false;
  for (let i = 0; i < bare.length; i++) {
    const b = bare[i];
    const s = stem[i];
    if (b !== s && !(s === '\u0621' && (b === '\u0648' || b === '\u064A'))) return false;
  }
  return true;
}

// The readings of a word as spelt.
function stemReadings(light: string): string[] {
  const folded = foldLetters(light);
  if (isFrozen(folded)) return [foldLetters(alias(light))];
  // والد, وزارة: what looks like a clitic is the word's own first letter — and stays so
  // under a pronoun (فريقه is فريق + ه, never ف + ريق "saliva"; لجنته is not ل + جنة).
  // Under a pronoun, a word that starts like the article keeps both readings below
  // (والدهم: والد + هم, or و + ال + دهم).
  if (isRootInitial(light) && (ROOT_INITIAL.has(folded) || !ARTICLE_PREFIXES.some((p) => light.startsWith(p)))) return suffixReadings(light, false);

  for (const prefix of ARTICLE_PREFIXES) {
    if (light.startsWith(prefix) && light.length - prefix.length >= 2) {
      // والتي, بالذي: و ب ف before a function word that starts with ال (كالتي is left to the
      // كال rule below, which reads it whole).
      const functionWord = foldLetters(light.slice(1));
      if (prefix.length > 2 && 'وبف'.includes(light[0]!) && FUNCTION_WORDS.has(functionWord) && !light.endsWith(TA_MARBUTA)) return [functionWord];
      // وبالتيمور, وكاليفورنيا: a clitic before a name that only starts like بال or كال.
      for (let k = 1; k < prefix.length - 2; k++) {
        if (isKnown(light.slice(k))) return suffixReadings(light.slice(k), false);
      }
      // A word the dictionary knows whose first letters only look like the article (التزام,
      // بالغة, بالون): read whole, and whole only unless what follows the article is a word
      // too (الهام is إلهام and ال + هام, والدين is الوالدين and و + الدين).
      // A word known only once a hamza is put on its first alef (العاب for ألعاب) keeps both readings.
      const wholeKnown = knowsWord(light);
      const rest = light.slice(prefix.length);
      if (wholeKnown && !knowsWord(rest) && !knowsWordWithHamza(rest)) return futureReadings(light);
      if (wholeKnown || (prefix === 'ال' && knowsWordWithHamza(light))) return unique([...articleReadings(light, prefix), ...futureReadings(light)]);
      return articleReadings(light, prefix);
    }
  }

  const readings: string[] = [];
  const candidates = BARE_PREFIXES.filter(([p, min]) => light.startsWith(p) && light.length - p.length >= min && !rootLetterBeforePronoun(light, p, min)).map(([p]) => p);
  if (candidates.length > 0) {
    // Prefer the split whose remainder is a word the lexicon knows (ولبنان = و + لبنان,
    // not ول + بنان); otherwise the longest clitic. The whole word stays a reading too:
    // وجدة may be و + جدة or the city وجدة.
    const known = candidates.find((p) => isKnownAfterClitic(light.slice(p.length)));
    // A whole word the dictionary knows, where no clitic leaves one (فرحين, بالية): no clitic.
    if (known === undefined && knowsWord(light) && !candidates.some((p) => knowsWord(light.slice(p.length)) || knowsWordWithHamza(light.slice(p.length)))) return futureReadings(light);
    readings.push(...futureReadings(light.slice((known ?? candidates[0]!).length)));
    // With a known word behind the clitic, the whole word stays a reading only as written:
    // stemmed, ولبنان would give ولبن ("and milk"), while وجدة (the city, or و + جدة) keeps
    // وجده — unless the dictionary knows the whole word (كبيرات is not ك + بيرات).
    if (known !== undefined && !isKnown(light)) return unique([...readings, ...(knowsWord(light) ? futureReadings(light) : [folded])]);
  }
  readings.push(...futureReadings(light));
  return unique(readings);
}

/**
 * Whether what a ون or ين would leave looks like part of a foreign word rather than the stem
 * of a sound plural: written with a letter Arabic does not use, or unknown to the dictionary
 * with a long vowel inside, and not shaped like an Arabic verb or participle (no prefix
 * ي ت ن س م or alef, no final ت of a feminine dual or ي of a nisba).
 */
function looksForeignBeforeEnding(stem: string): boolean {
  if (/[پچژگڤڨڭ]/.test(stem)) return true;
  if (stem.length < 4 || /^[يتنسمأإا]/.test(stem) || /[تي]$/.test(stem) || !/[اوي]/.test(stem.slice(1))) return false;
  return !knowsWord(stem) && !isName(stem);
}

/** The readings of a word that starts with an article combination (`prefix`). */
function articleReadings(light: string, prefix: string): string[] {
  const withArticle = suffixReadings(light.slice(prefix.length), true);
  // لل is ل + ال (للرسالة) or ل + a word starting with ل (للجنة, لليبيا).
  if (prefix.endsWith('لل')) {
    const rest = light.slice(prefix.length - 1);
    if (isKnownAfterClitic(rest)) return suffixReadings(rest, false);
    return unique([...withArticle, ...suffixReadings(rest, false)]);
  }
  // ك + ال ("like the") is rare next to words that start with كال or وكال: before a short
  // remainder the whole word is a reading too, and a remainder that is only the ت of a
  // ة and a pronoun (وكالته, وكالتها: وكالة + ه, ها) is no word at all.
  if (prefix.includes('كال') && light.length - prefix.length < 4) {
    const whole = suffixReadings(light, false);
    return /^ت(?:ه|ها|هم|هما|هن|نا|ي|ك|كم)?$/.test(light.slice(prefix.length)) ? whole : unique([...withArticle, ...whole]);
  }
  return withArticle;
}

function isKnown(word: string): boolean {
  const f = foldLetters(word);
  return PROTECTED.has(f) || ROOT_INITIAL.has(f) || NAMES.has(f) || WORD_ALIASES.has(f);
}

/** What a clitic may leave: a word the lexicon knows, or a listed word with a pronoun (ولجنته is و + لجنته). */
function isKnownAfterClitic(word: string): boolean {
  return isKnown(word) || isRootInitial(word);
}

/**
 * Whether a light-normalized word is one whose first letter only looks like a clitic
 * (ROOT_INITIAL), as written or with a pronoun after it (its ة written ت there).
 */
function isRootInitial(word: string): boolean {
  // A hamza on the alef after the first letter is the start of a word behind a clitic
  // (وأصل is و + أصل, while واصل "continued" is one word).
  if (/^.[أإآ]/.test(word)) return false;
  if (ROOT_INITIAL.has(foldLetters(word))) return true;
  for (const p of LOOKUP_PRONOUNS) {
    const bare = word.slice(0, -p.length);
    if (!word.endsWith(p) || bare.length < 3) continue;
    const stem = bare.endsWith('ت') && !bare.endsWith('ات') ? bare.slice(0, -1) + TA_MARBUTA : bare;
    const listed = [stem, bare].map(foldLetters).find((f) => ROOT_INITIAL.has(f));
    // Not a name (بانه is بأنه, not بان + ه), nor where a clitic leaves a function word or a
    // listed word (فعليها is ف + عليها, ولينا may be و + لينا).
    if (listed !== undefined) return !NAMES.has(listed) && !BARE_PREFIXES.some(([c]) => word.startsWith(c) && isKnownExactly(word.slice(c.length)));
  }
  return false;
}

/**
 * Whether a bare ف or ك (which must leave four letters) is the first letter of a known word
 * with a pronoun: فصلها is فصل + ها as فصل is فصل, not ف + صلها (صلة), and فوزنا is not
 * ف + وزن. Not where a hamza (فأعلى) or a function word (فعليها is ف + عليها) follows it.
 * و ب ل are left alone: far more common as clitics, they often leave a short word with a
 * pronoun (وجده "and his grandfather", بلغته "in its language").
 */
function rootLetterBeforePronoun(light: string, clitic: string, min: number): boolean {
  if ((clitic !== 'ف' && clitic !== 'ك') || /^.[أإآ]/.test(light)) return false;
  const rest = light.slice(clitic.length);
  const pronoun = PRONOUN_SUFFIXES.find(([e]) => rest.endsWith(e) && rest.length - e.length >= 2)?.[0];
  if (pronoun === undefined || rest.length - pronoun.length >= min || FUNCTION_WORDS.has(foldLetters(rest))) return false;
  return knowsWord(light);
}

function isKnownExactly(word: string): boolean {
  const f = foldLetters(word);
  return PROTECTED.has(f) || NAMES.has(f) || ROOT_INITIAL.has(f) || WORD_ALIASES.has(f) || FUNCTION_WORDS.has(f);
}

// Endings taken off a word to find it in the dictionary, which lists stems: a pronoun, then
// an inflection (a ت before a pronoun is the ة of the noun).
const LOOKUP_PRONOUNS = ['هما', 'هم', 'هن', 'ها', 'نا', 'كم', 'ه', 'ي'];
const LOOKUP_INFLECTIONS = ['تين', 'تان', 'ات', 'ين', 'ون', 'ان', 'ية', 'ة', 'ي', 'ا'];

/** Whether the lexicon knows a light-normalized word, as written or once one pronoun and one inflection are off. */
export function knowsWord(light: string): boolean {
  if (FUNCTION_WORDS.has(foldLetters(light))) return true;
  return lexicalForms(light).some((f) => KNOWN_WORDS.has(dictionaryKey(f)) || isKnown(f));
}

/**
 * Whether the dictionary's word list (not the gazetteer) knows a word, as written, once a
 * pronoun and an inflection are off, or with a hamza put back on its first alef.
 */
export function inDictionary(light: string): boolean {
  return lexicalForms(light).some((f) => KNOWN_WORDS.has(dictionaryKey(f))) || knowsWordWithHamza(light);
}

/** Whether the lexicon knows the word once a hamza left off its first alef is put back (العاب is ألعاب). */
export function knowsWordWithHamza(light: string): boolean {
  if (!light.startsWith('ا')) return false;
  return lexicalForms(light).some((f) => ['أ', 'إ', 'آ'].some((a) => KNOWN_WORDS.has(dictionaryKey(a + f.slice(1)))));
}

/** The word, and its forms once a pronoun and an inflection are taken off: the forms a dictionary of stems may list. */
function lexicalForms(light: string): string[] {
  if (light.length < 2) return [];
  const forms = [light];
  for (const p of LOOKUP_PRONOUNS) {
    const bare = light.slice(0, -p.length);
    if (light.endsWith(p) && bare.length >= 3) forms.push(bare.endsWith('ت') ? bare.slice(0, -1) + TA_MARBUTA : bare);
  }
  for (const f of [...forms]) {
    for (const e of LOOKUP_INFLECTIONS) {
      const stem = f.slice(0, -e.length);
      if (f.endsWith(e) && stem.length >= 3) forms.push(stem, stem + TA_MARBUTA);
    }
  }
  return forms;
}

/**
 * The future particle س before an imperfect verb (سيؤكد, ستعقد): both readings, since
 * many nouns also start with سي or ست (سياسة, ستار).
 */
function futureReadings(word: string): string[] {
  const whole = suffixReadings(word, false);
  if (word.length >= 4 && word.startsWith('س') && 'يتنأ'.includes(word[1]!)) return unique([...suffixReadings(word.slice(1), false), ...whole]);
  return whole;
}
