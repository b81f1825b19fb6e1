/**
 * Word tokenization for the reference baselines.
 *
 * Lucene's StandardTokenizer implements the word boundaries of Unicode UAX #29; Node's
 * Intl.Segmenter (ICU) implements the same rules, so its word-like segments stand in for it.
 * That is what makes `لـ«خامنئي»` two tokens (« » are separators) while tatweel, combining
 * marks, ZWNJ and bidi marks stay inside a token, and `٣٫٥` or `3.5` stay whole numbers.
 */

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });

/** Splits text into UAX #29 word tokens (letters/digits runs), dropping spaces and punctuation. */
export function tokenizeStandard(text: string): string[] {
  const tokens: string[] = [];
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) tokens.push(segment.segment);
  }
  return tokens;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/** Folds every Unicode decimal digit (Nd) to its ASCII digit, as Lucene's DecimalDigitFilter does. */
export function foldDecimalDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const codePoint = digit.codePointAt(0)!;
    // Unicode allocates Nd characters in runs of whole 0–9 sets, each starting at zero, so the
    // value is the distance to the start of the run, modulo ten.
    let start = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    return String((codePoint - start) % 10);
  });
}
