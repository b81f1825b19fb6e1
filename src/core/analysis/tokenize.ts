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

/** Splits text into tokens with their offsets in the original string. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    out.push({ text: m[0], start, end: start + m[0].length });
  }
  return out;
}

/** Splits text into token strings only (the indexing hot path). */
export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN) ?? [];
}
