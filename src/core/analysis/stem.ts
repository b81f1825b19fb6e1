// A light Arabic stemmer: it removes clitics and inflectional endings, never derives
// roots. Each rule demands a minimum stem length, because the errors of Light-10
// (لبنان→لبن, حسين→حس, مدينة=مدة) all come from stripping an ending off a word
// that is too short to lose it; the lexicon covers the longer words whose letters only
// look like an affix.
//
// Input is light-normalized text (see normalize.ts): alef forms and ة are still
// distinct there, which two rules need — an article written أل is not an article
// (ألمانيا), and a final ه after stripping is a pronoun while ة is the feminine ending.

import { foldLetters } from './normalize';
import { COUNTRIES_IN_ALEF, FUNCTION_WORDS, PROTECTED, ROOT_INITIAL, STEM_ALIASES, isFrozen } from './lexicon';

const TA_MARBUTA = '\u0629';

/** Article combinations, longest first: conjunction + preposition + ال, or لل (ل + ال). */
const ARTICLE_PREFIXES = ['وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/**
 * Bare proclitics without the article. Bare ف and ك are not stripped: as proclitics they
 * are rare in nouns, while many names and words start with them (فيصل, فراس, كمال, كريم).
 */
const BARE_PREFIXES = ['وب', 'ول', 'فب', 'فل', 'و', 'ب', 'ل'];

/** Pronoun endings, tried longest first, with the shortest stem each may leave. */
const PRONOUN_SUFFIXES: Array<[string, number]> = [
  ['هما', 3],
  ['هم', 3],
  ['هن', 3],
  ['ها', 3],
  ['نا', 4],
  ['ه', 3],
];

interface InflectionRule {
  suffix: string;
  /** Shortest stem the rule may leave; `withArticle` applies when an article was removed. */
  min: number;
  withArticle?: number;
  /** A nisba ending: the stem may be a country name that lost its final ا / يا. */
  nisba?: boolean;
  /** Stem endings before which the suffix belongs to the word (بداية, باكستان). */
  notAfter?: string[];
}

const INFLECTION_RULES: InflectionRule[] = [
  { suffix: 'يين', min: 3, nisba: true },
  { suffix: 'يون', min: 3, nisba: true },
  { suffix: 'يات', min: 3, nisba: true },
  { suffix: 'تين', min: 3 },
  { suffix: 'تان', min: 3, notAfter: ['س'] },
  { suffix: 'ات', min: 3 },
  // Sound plurals come almost only from stems of four letters and more (مسؤولين,
  // لاعبون); a three-letter stem is let through only after an article (الطرفين).
  { suffix: 'ون', min: 4, withArticle: 3 },
  { suffix: 'ين', min: 4, withArticle: 3 },
  // Dual ان on three-letter stems is rare next to the many names and nouns ending in
  // ان (لبنان, طهران, عدنان, إعلان, طيران): only stems of four letters lose it.
  { suffix: 'ان', min: 4 },
  { suffix: 'ية', min: 3, nisba: true, notAfter: ['ا'] },
  { suffix: TA_MARBUTA, min: 3 },
  { suffix: 'ي', min: 3, nisba: true, notAfter: ['ا'] },
];

function letters(s: string): number {
  return s.length;
}

function canonical(folded: string): string {
  return STEM_ALIASES.get(folded) ?? folded;
}

function afterNisba(stem: string): string {
  const f = foldLetters(stem);
  if (COUNTRIES_IN_ALEF.has(f + 'يا')) return stem + 'يا';
  if (COUNTRIES_IN_ALEF.has(f + 'ا')) return stem + 'ا';
  return stem;
}

/** Strips pronoun and inflectional endings from a word whose prefixes are already removed. */
export function stripSuffixes(base: string, hadArticle: boolean): string {
  if (isFrozen(foldLetters(base))) return canonical(foldLetters(base));
  let b = base;
  for (const [suffix, min] of PRONOUN_SUFFIXES) {
    if (b.endsWith(suffix) && letters(b) - suffix.length >= min) {
      b = b.slice(0, -suffix.length);
      // رسالته: the ة of رسالة is written ت before a pronoun.
      if (b.endsWith('ت') && letters(b) - 1 >= 3) b = b.slice(0, -1) + TA_MARBUTA;
      break;
    }
  }
  if (isFrozen(foldLetters(b))) return canonical(foldLetters(b));
  for (const rule of INFLECTION_RULES) {
    if (!b.endsWith(rule.suffix)) continue;
    const stem = b.slice(0, -rule.suffix.length);
    const min = hadArticle && rule.withArticle !== undefined ? rule.withArticle : rule.min;
    if (letters(stem) < min) continue;
    if (rule.notAfter?.some((e) => stem.endsWith(e))) continue;
    b = rule.nisba ? afterNisba(stem) : stem;
    break;
  }
  return canonical(foldLetters(b));
}

/**
 * Stems of one light-normalized Arabic word. A word with a bare proclitic is ambiguous
 * (وطن is a word, وطهران is و + طهران): unless the lexicon settles it, both readings
 * are returned, so that either spelling of the query finds the other.
 */
export function stemWord(light: string): string[] {
  const folded = foldLetters(light);
  if (FUNCTION_WORDS.has(folded) || PROTECTED.has(folded)) return [canonical(folded)];
  // والد, وزارة: what looks like a clitic is the word's own first letter.
  if (ROOT_INITIAL.has(folded)) return [stripSuffixes(light, false)];

  for (const prefix of ARTICLE_PREFIXES) {
    if (light.startsWith(prefix) && letters(light) - prefix.length >= 2) {
      return [stripSuffixes(light.slice(prefix.length), true)];
    }
  }

  {
    const candidates = BARE_PREFIXES.filter((p) => light.startsWith(p) && letters(light) - p.length >= 3);
    if (candidates.length > 0) {
      // Prefer the split whose remainder is a word the lexicon knows (ولبنان = و + لبنان,
      // not ول + بنان); otherwise the longest clitic.
      const known = candidates.find((p) => {
        const rest = foldLetters(light.slice(p.length));
        return PROTECTED.has(rest) || ROOT_INITIAL.has(rest);
      });
      const prefix = known ?? candidates[0]!;
      const rest = light.slice(prefix.length);
      const stripped = stripSuffixes(rest, false);
      if (known) return [stripped];
      const whole = stripSuffixes(light, false);
      return whole === stripped ? [stripped] : [stripped, whole];
    }
  }
  return [stripSuffixes(light, false)];
}
