/** A token of the original text with its position, for snippets and phrase checks. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// A token is a run of letters, marks, digits and format characters (ZWNJ inside a word,
// tatweel is a letter). Everything else separates, including « » ، ؛ ؟ and quotes.
// A decimal or thousands separator between two digits stays inside the token, so ٣٫٥
// and 1,000 are one number each.
const TOKEN = /(?:[\p{L}\p{M}\p{Nd}\p{Cf}]|(?<=\p{Nd})[.,\u066B\u066C](?=\p{Nd}))+/gu;

// Digits glued to Arabic letters are two words: ٢٠١٥م is 2015 + م (the era), الـ20 is ال + 20.
const DIGIT_LETTER = /(?<=\p{Nd})(?=[\u0600-\u06FF])(?![\u0660-\u0669\u06F0-\u06F9\u066B\u066C])|(?<=[\u0600-\u06FF])(?<![\u0660-\u0669\u06F0-\u06F9\u066B\u066C])(?=\p{Nd})/u;
const HAS_DIGIT = /\p{Nd}/u;

/** Splits text into tokens with their offsets in the original string. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let start = m.index ?? 0;
    const word = m[0];
    if (!HAS_DIGIT.test(word)) {
      out.push({ text: word, start, end: start + word.length });
      continue;
    }
    for (const part of word.split(DIGIT_LETTER)) {
      out.push({ text: part, start, end: start + part.length });
      start += part.length;
    }
  }
  return out;
}

/** Splits text into token strings only (the indexing hot path). */
export function tokenizeWords(text: string): string[] {
  const words = text.match(TOKEN) ?? [];
  if (!HAS_DIGIT.test(text)) return words;
  return words.flatMap((w) => (HAS_DIGIT.test(w) ? w.split(DIGIT_LETTER) : [w]));
}
