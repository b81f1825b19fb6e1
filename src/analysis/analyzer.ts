// The one analyzer newsq uses, at index time and at query time alike. A word yields an
// exact term (its normalized surface form) and one or more stem terms; the index keeps
// them in separate fields so that an exact match can outrank a stem-only match.

import { crc32 } from 'node:zlib';
import { exactSpelling, foldLetters, normalizePhrase, seatFinalHamza, spellingNormalize } from './normalize';
import { foreignSkeletons } from './foreign';
import { stemWord } from './stem';
import { tokenize, tokenizeWords, type Token } from './tokenize';
import { COUNTRIES_IN_ALEF, DUAL_NOUNS, FEMININE_BASES, FUNCTION_WORDS, KNOWN_VERBS, KNOWN_WORDS, NAMES, PROTECTED, ROOT_INITIAL, SHORT_ADJECTIVES, TA_NOUNS, WORD_ALIASES } from './lexicon';

/** Bumped by hand whenever the analysis rules change; the index records it. */
export const ANALYZER_VERSION = 10;

/** The terms one word is indexed under. */
export interface WordAnalysis {
  /**
   * The word as spelt: diacritics, tatweel and invisibles removed, hamza seats folded, but
   * hamza on alef, ى and ة kept, so that a query ranks its own spelling above a homograph
   * that folding joins (إعلام over أعلام). `foldLetters(exact)` is the fully folded form.
   */
  exact: string;
  /** Light stems (clitics and inflections removed); usually one, two when a clitic is ambiguous. */
  stems: string[];
}

const TANWEEN_ALEF = /(?:\u064B\u0627|\u0627\u064B)$/;
const ARABIC_LETTER = /[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]/;

const cache = new Map<string, WordAnalysis | null>();
/** Spellings whose analysis is kept: a build meets each of an archive's spellings many times, and a cap keeps the cache to tens of megabytes. */
export const CACHE_WORDS = 200_000;

/** Analyzes one token; null when nothing indexable is left (a lone detached clitic, an invisible character). */
export function analyzeWord(raw: string): WordAnalysis | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const result = computeAnalysis(raw);
  if (cache.size > CACHE_WORDS) cache.clear();
  cache.set(raw, result);
  return result;
}

/** Whether a token is indexed at all (analyzeWord gives terms for it), without analysing it. */
export function isIndexable(raw: string): boolean {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit !== null;
  const spelling = seatFinalHamza(spellingNormalize(raw));
  if (spelling.length === 0) return false;
  const exact = exactSpelling(spelling);
  return !ARABIC_LETTER.test(exact) || exact.length >= 2;
}

function computeAnalysis(raw: string): WordAnalysis | null {
  const spelling = seatFinalHamza(spellingNormalize(raw));
  if (spelling.length === 0) return null;
  const exact = exactSpelling(spelling);
  if (!ARABIC_LETTER.test(exact)) return { exact, stems: [exact] };
  const light = spelling.includes('\u0649') ? spelling.replace(/\u0649/g, '\u064A') : spelling;
  // A single Arabic letter is a detached clitic (لـ«خامنئي» gives لـ) or an initial.
  if (exact.length < 2) return null;
  const stems = stemWord(light);
  // A written tanween on a final alef says the alef is the accusative's (طناً, حقاً), even
  // where too little would be left for the stemmer to take it off unmarked.
  if (TANWEEN_ALEF.test(raw) && light.length >= 3 && light.endsWith('\u0627')) {
    for (const s of stemWord(light.slice(0, -1))) if (!stems.includes(s)) stems.push(s);
  }
  // A word that looks foreign is also indexed under its consonant skeleton, last, so that
  // another transliteration of it meets it (ترامب, ترمب) on a stem term, below its own spelling.
  for (const skeleton of foreignSkeletons(foldLetters(exact), stems)) if (!stems.includes(skeleton)) stems.push(skeleton);
  return { exact, stems };
}


/** A token of a text with the terms it is indexed under. */
export interface AnalyzedToken extends Token, WordAnalysis {}

/** Tokenizes and analyzes a text, keeping offsets into the original (for `analyze`, snippets and phrases). */
export function analyzeText(text: string): AnalyzedToken[] {
  const out: AnalyzedToken[] = [];
  for (const token of tokenize(text)) {
    const a = analyzeWord(token.text);
    if (a) out.push({ ...token, ...a });
  }
  return out;
}

/** The indexable tokens of a text (raw spellings), in order. */
export function indexableTokens(text: string): string[] {
  return tokenizeWords(text).filter((t) => analyzeWord(t) !== null);
}

/** Normalized form of a whole keyword, source name or headline, used as a single term. */
export function phraseKey(text: string): string {
  return normalizePhrase(text);
}

let fingerprint: string | undefined;
// Computed by scripts/build.mjs for the bundle, where computing it at every start-up
// would analyze the probe with a cold analyzer.
declare const __NEWSQ_FINGERPRINT__: string;

/**
 * A digest of the analyzer's behaviour: the version, every lexicon entry and the analysis
 * of a fixed probe list. An index built by an analyzer with another fingerprint is stale
 * even if someone forgot to bump ANALYZER_VERSION.
 */
export function analyzerFingerprint(): string {
  if (typeof __NEWSQ_FINGERPRINT__ !== 'undefined') return __NEWSQ_FINGERPRINT__;
  return (fingerprint ??= computeFingerprint());
}

/** Computes the fingerprint from the lexicon and the analysis of the probe text. */
export function computeFingerprint(): string {
  const parts: string[] = [`v${ANALYZER_VERSION}`];
  // The broken-plural pairs are left out: they make query variants, not index terms.
  for (const set of [FUNCTION_WORDS, PROTECTED, ROOT_INITIAL, COUNTRIES_IN_ALEF, DUAL_NOUNS, NAMES, KNOWN_WORDS, TA_NOUNS, SHORT_ADJECTIVES, FEMININE_BASES]) parts.push([...set].join(' '));
  parts.push([...WORD_ALIASES].map(([a, b]) => `${a}=${b}`).join(' '));
  // The verbs decide which words look foreign, and so which get a skeleton term.
  parts.push(KNOWN_VERBS.withPrefix('').join(' '));
  const probe =
    'والرسالة بالرسالة للرسالة رسالتين رسالته لـ«خامنئي» الإيرانيين مسؤوليها المسؤولين مسئول ٢٠١٤ ٣٫٥ ' +
    'لبنان اللبنانية السوريين الأمريكية وطهران بريطانيا ألمانيا بداية مدينة مدة عدنان حسين وزارة ﻻ ' +
    'للجنة سيؤكد يومين قالت طرفاً دعوى 2014م علاقاتها فريقه أثبت ترامب وترمب يقومون فايننشال مورينهو الخازم سيقضيها';
  for (const t of analyzeText(probe)) parts.push(`${t.text}:${t.exact}:${t.stems.join(',')}`);
  // A CRC is enough: the fingerprint detects change, it does not resist forgery.
  const data = Buffer.from(parts.join('\n'), 'utf8');
  return `${(crc32(data) >>> 0).toString(16).padStart(8, '0')}${data.length.toString(16)}`;
}
