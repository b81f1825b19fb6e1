/**
 * Small scanning helpers shared by the date-line and date-expression parsers. They work on folded text
 * (see `foldArabic`), so digits are ASCII and spaces are plain U+0020.
 */
import { isWordChar } from './arabic-names';

/** Index of the first character at or after `pos` that is not in `chars`. */
export function skipChars(text: string, pos: number, chars: string): number {
  let i = pos;
  while (i < text.length && chars.includes(text[i] as string)) i++;
  return i;
}

/** Index past the spaces at `pos`. */
export function skipSpaces(text: string, pos: number): number {
  return skipChars(text, pos, ' ');
}

/** A run of ASCII digits. */
export interface DigitRun {
  value: number;
  start: number;
  end: number;
  /** Number of digits as written (leading zeros count). */
  length: number;
}

/** The run of ASCII digits starting exactly at `pos`, or null. */
export function readDigits(text: string, pos: number): DigitRun | null {
  let i = pos;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  if (i === pos) return null;
  return { value: Number(text.slice(pos, i)), start: pos, end: i, length: i - pos };
}

/** Index past the word at `pos` (letters only), or `pos` when no word starts there. */
export function wordEnd(text: string, pos: number): number {
  let i = pos;
  while (isWordChar(text[i])) i++;
  return i;
}

/**
 * Index past whichever of `words` (folded, longest first is not required) stands at `pos` as a whole
 * word, or -1.
 */
export function matchWordAt(text: string, pos: number, words: readonly string[]): number {
  let best = -1;
  for (const w of words) {
    if (text.startsWith(w, pos) && !isWordChar(text[pos + w.length]) && pos + w.length > best) best = pos + w.length;
  }
  return best;
}
