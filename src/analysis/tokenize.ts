import { lazy } from '../util/lazy';

/** A token of the original text with its position, for snippets and phrase checks. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// A token is a run of letters, marks, digits and format characters (ZWNJ inside a word,
// tatweel is a letter), and the rial sign ﷼, a ligature of the word ريال that
// normalization spells out. Everything else separates, including « » ، ؛ ؟ and quotes.
// A decimal or thousands separator between two digits stays inside the token, so ٣٫٥
// and 1,000 are one number each.
const TOKEN = lazy(() => /(?:[\p{L}\p{M}\p{Nd}\p{Cf}\uFDFC]|(?<=\p{Nd})[.,\u066B\u066C](?=\p{Nd}))+/gu);

// Digits glued to Arabic letters are two words: ٢٠١٥م is 2015 + م (the era), الـ20 is ال + 20.
const DIGIT_LETTER = lazy(() => /(?<=\p{Nd})(?=[\u0600-\u06FF\uFDFC])(?![\u0660-\u0669\u06F0-\u06F9\u066B\u066C])|(?<=[\u0600-\u06FF\uFDFC])(?<![\u0660-\u0669\u06F0-\u06F9\u066B\u066C])(?=\p{Nd})/u);
const HAS_DIGIT = lazy(() => /\p{Nd}/u);

/** Splits text into tokens with their offsets in the original string. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // The table-driven scanner gives the same tokens, and spares a short text (a query) the
  // few milliseconds it takes to compile the expression's Unicode classes on first use.
  if (forEachTokenSpan(text, (start, end) => out.push({ text: text.slice(start, end), start, end }))) return out;
  return tokenizeByPattern(text);
}

/** The definition of a token, as a regular expression: `tokenize` falls back to it, tests compare against it. */
export function tokenizeByPattern(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN())) {
    let start = m.index ?? 0;
    const word = m[0];
    if (!HAS_DIGIT().test(word)) {
      out.push({ text: word, start, end: start + word.length });
      continue;
    }
    for (const part of word.split(DIGIT_LETTER())) {
      out.push({ text: part, start, end: start + part.length });
      start += part.length;
    }
  }
  return out;
}

/** Splits text into token strings only. */
export function tokenizeWords(text: string): string[] {
  const words: string[] = [];
  if (forEachTokenSpan(text, (start, end) => words.push(text.slice(start, end)))) return words;
  return tokenizeWordsByPattern(text);
}

/** `tokenizeWords` by the regular expression alone (the fallback, and the tests' reference). */
export function tokenizeWordsByPattern(text: string): string[] {
  const words = text.match(TOKEN()) ?? [];
  if (!HAS_DIGIT().test(text)) return words;
  return words.flatMap((w) => (HAS_DIGIT().test(w) ? w.split(DIGIT_LETTER()) : [w]));
}

// The indexing hot path scans text with character-class tables instead of a regular
// expression, and reports token boundaries without creating strings, so a caller can look
// tokens up in a hash table directly. The tables are built from the same Unicode classes
// the TOKEN expression uses, once, on first use.
const WORD = 1;
const DIGIT = 2;
const SEPARATOR = 4;
const ARABIC = 8;
let classes: Uint8Array | undefined;

// The bundle carries the class table as ranges (scripts/build.mjs computes them with the
// same expressions), so a query that prints snippets need not scan the whole BMP first.
declare const __NEWSQ_CHAR_CLASSES__: string;

/**
 * The WORD/DIGIT classes of every BMP code point as ranges, each three UTF-16 code units:
 * first code point, last code point, class (for the build; read back without parsing).
 */
export function charClassRanges(): string {
  const t = new Uint8Array(0x10000);
  // One pass of each class's expression over a string of every BMP code point (without
  // surrogates), rather than 65,536 separate tests.
  let all = '';
  for (let c = 0; c < 0x10000; c += 0x1000) {
    const chunk: number[] = [];
    for (let k = c; k < c + 0x1000; k++) chunk.push(k >= 0xd800 && k < 0xe000 ? 0x20 : k);
    all += String.fromCharCode(...chunk);
  }
  for (const m of all.matchAll(/[\p{L}\p{M}\p{Cf}\uFDFC]/gu)) t[m.index!] = WORD;
  for (const m of all.matchAll(/\p{Nd}/gu)) t[m.index!] = DIGIT;
  const ranges: string[] = [];
  for (let c = 0; c < 0x10000; ) {
    let e = c;
    while (e + 1 < 0x10000 && t[e + 1] === t[c]) e++;
    // Surrogates were blanked above, so no range starts or ends on a lone one.
    if (t[c]) ranges.push(String.fromCharCode(c, e, t[c]!));
    c = e + 1;
  }
  return ranges.join('');
}

function charClasses(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(0x10000);
  const ranges = typeof __NEWSQ_CHAR_CLASSES__ === 'string' ? __NEWSQ_CHAR_CLASSES__ : charClassRanges();
  for (let i = 0; i + 2 < ranges.length; i += 3) t.fill(ranges.charCodeAt(i + 2), ranges.charCodeAt(i), ranges.charCodeAt(i + 1) + 1);
  for (const c of [0x2e, 0x2c, 0x066b, 0x066c]) t[c] = t[c]! | SEPARATOR;
  for (let c = 0x0600; c <= 0x06ff; c++) {
    const digitOrSeparator = (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9) || c === 0x066b || c === 0x066c;
    if (!digitOrSeparator) t[c] = t[c]! | ARABIC;
  }
  t[0xfdfc] = t[0xfdfc]! | ARABIC;
  classes = t;
  return t;
}

/**
 * Calls `visit(start, end)` for every token of `text`, exactly as `tokenizeWords` splits
 * it; returns false (having visited nothing) for text with characters outside the Basic
 * Multilingual Plane, which the caller then tokenizes with the regular expression.
 */
export function forEachTokenSpan(text: string, visit: (start: number, end: number) => void): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) return false;
  }
  scanTokenSpans(text, 0, n, (s, e) => {
    visit(s, e);
    return false;
  });
  return true;
}

/**
 * Visits the tokens of text[from, to) until `visit` returns true. The caller vouches that
 * the range holds no surrogates and that `from` and `to` fall on token boundaries (the
 * ends of the text, a token's edges, or next to a character that is neither part of a
 * word nor a separator inside a number); the spans are then those of the whole text.
 */
export function scanTokenSpans(text: string, from: number, to: number, visit: (start: number, end: number) => boolean): void {
  const t = charClasses();
  let i = from;
  while (i < to) {
    const k = t[text.charCodeAt(i)]!;
    if (!(k & (WORD | DIGIT))) {
      i++;
      continue;
    }
    let start = i;
    let prev = k;
    i++;
    while (i < to) {
      const c = t[text.charCodeAt(i)]!;
      if (c & (WORD | DIGIT)) {
        // Digits glued to Arabic letters are two words (٢٠١٥م, الـ20).
        if ((prev & DIGIT && c & ARABIC) || (prev & ARABIC && c & DIGIT)) {
          if (visit(start, i)) return;
          start = i;
        }
        prev = c;
        i++;
      } else if (c & SEPARATOR && prev & DIGIT && i + 1 < to && t[text.charCodeAt(i + 1)]! & DIGIT) {
        prev = c;
        i++;
      } else break;
    }
    if (visit(start, i)) return;
  }
}

/** Whether text[i] can be inside a token (a word character, a digit or a separator within a number): not a safe place to start scanning. */
export function insideTokenAt(text: string, i: number): boolean {
  return (charClasses()[text.charCodeAt(i)]! & (WORD | DIGIT | SEPARATOR)) !== 0;
}

/** Token boundaries of a text as two arrays of offsets (no token strings are made). */
export function tokenSpans(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const fast = forEachTokenSpan(text, (s, e) => {
    starts.push(s);
    ends.push(e);
  });
  if (!fast) {
    for (const t of tokenize(text)) {
      starts.push(t.start);
      ends.push(t.end);
    }
  }
  return { starts, ends };
}
