/**
 * A re-implementation of Lucene's ArabicAnalyzer (ArabicNormalizer + the Light-10 ArabicStemmer),
 * used only as a reference baseline for the evaluation pairs. It deliberately keeps Lucene's
 * weaknesses (over-stemmed names, no bare ب/ل prefixes, no pronoun suffixes, no NFKC) because
 * the point is to measure them.
 *
 * Chain, as in Lucene: StandardTokenizer → lower case → decimal digits to ASCII → stop words
 * (matched before normalization) → ArabicNormalizer → ArabicStemmer.
 */
import { foldDecimalDigits, tokenizeStandard } from './tokenize';

// Lucene's default Arabic stop set (Jacques Savoy's list, BSD). It is matched before
// normalization, which is why it carries forms both with and without hamza.
const STOP_WORDS = `
من ومن منها منه في وفي فيها فيه و ف ثم او أو ب بها به ا أ اى اي أي أى لا ولا الا ألا إلا
لكن ما وما كما فما عن مع اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان فأن وان
وأن وإن التى التي الذى الذي الذين الى الي إلى إلي على عليها عليه اما أما إما ايضا أيضا
كل وكل لم ولم لن ولن هى هي هو وهى وهي وهو فهى فهي فهو انت أنت لك لها له هذه هذا تلك ذلك
هناك كانت كان يكون تكون وكانت وكان غير بعض قد نحو بين بينما منذ ضمن حيث الان الآن خلال
بعد قبل حتى عند عندما لدى جميع`;

/** Lucene's default Arabic stop words (compared with the lower-cased, not yet normalized token). */
export const LUCENE_ARABIC_STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS.split(/\s+/).filter(Boolean));

const FOLD_TO_ALEF = new Set(['\u0622', '\u0623', '\u0625']); // آ أ إ — but not ٱ (wasla)
// Tatweel plus the eight harakat U+064B–U+0652; other marks (U+0653–065F, U+0670) are kept.
const REMOVED = /[\u0640\u064B-\u0652]/gu;

/** Lucene's ArabicNormalizer: آأإ→ا, ى→ي, ة→ه, and removal of tatweel and the harakat. */
export function normalizeArabic(token: string): string {
  let out = '';
  for (const ch of token.replace(REMOVED, '')) {
    if (FOLD_TO_ALEF.has(ch)) out += '\u0627';
    else if (ch === '\u0649') out += '\u064A';
    else if (ch === '\u0629') out += '\u0647';
    else out += ch;
  }
  return out;
}

// Order matters: only the first prefix that fits is removed, so وال wins over و.
const PREFIXES = ['ال', 'وال', 'بال', 'كال', 'فال', 'لل', 'و'];
// Order matters too: every suffix that fits is removed, in this sequence, one pass only.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/** Lucene's Light-10 ArabicStemmer on one (normally already normalized) token. */
export function stemLight10(token: string): string {
  // Lengths are counted in UTF-16 units, like Lucene's char buffers.
  let word = token;
  const prefix = PREFIXES.find((candidate) => word.startsWith(candidate) && word.length >= minimumForPrefix(candidate));
  if (prefix) word = word.slice(prefix.length);
  for (const suffix of SUFFIXES) {
    if (word.length >= suffix.length + 2 && word.endsWith(suffix)) word = word.slice(0, -suffix.length);
  }
  return word;
}

function minimumForPrefix(prefix: string): number {
  // A lone و must leave three letters; the longer prefixes only need to leave two.
  return prefix.length === 1 ? 4 : prefix.length + 2;
}

/** Options that switch parts of the chain, for the reference vectors that test them in isolation. */
export interface Light10Options {
  /** Drop Lucene's stop words (default true, as ArabicAnalyzer does). */
  stopWords?: boolean;
  /** Apply NFKC before tokenizing (default false: Lucene's analyzer does not). */
  nfkc?: boolean;
}

/** Runs the whole ArabicAnalyzer chain over a text and returns its terms in order. */
export function analyzeLight10(text: string, options: Light10Options = {}): string[] {
  const { stopWords = true, nfkc = false } = options;
  const source = nfkc ? text.normalize('NFKC') : text;
  const terms: string[] = [];
  for (const raw of tokenizeStandard(source)) {
    const token = foldDecimalDigits(raw.toLowerCase());
    if (stopWords && LUCENE_ARABIC_STOP_WORDS.has(token)) continue;
    const term = stemLight10(normalizeArabic(token));
    if (term) terms.push(term);
  }
  return terms;
}

/** True when some Light-10 term of the document equals some Light-10 term of the query. */
export function light10Matches(query: string, document: string): boolean {
  const queryTerms = new Set(analyzeLight10(query));
  return analyzeLight10(document).some((term) => queryTerms.has(term));
}
