// Where each indexable word of a text stands, as the index numbers positions: one a word,
// and one more wherever sentence punctuation or a line break comes between two words, so
// that no phrase spans it. Indexing (ingest/document.ts) and snippets, which turn a
// position found in the index back into a place in the text, both count this way.

import { isIndexable } from './analyzer';
import { tokenize } from './tokenize';

/** Whether the characters between two words end a phrase: sentence punctuation or a line break. */
export function breaksPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 0x2e: // .
      case 0x21: // !
      case 0x3f: // ?
      case 0x61f: // ؟
      case 0x60c: // ،
      case 0x2c: // ,
      case 0x3b: // ;
      case 0x61b: // ؛
      case 0x3a: // :
      case 0x0a: // line break
        return true;
    }
  }
  return false;
}

/** The offset in `text` of the word at index position `position`, or -1 past the end. */
export function offsetOfPosition(text: string, position: number): number {
  let p = 0;
  let prevEnd = 0;
  let first = true;
  for (const t of tokenize(text)) {
    if (!isIndexable(t.text)) continue;
    if (!first && breaksPhrase(text, prevEnd, t.start)) p++;
    first = false;
    if (p === position) return t.start;
    if (p > position) return -1;
    prevEnd = t.end;
    p++;
  }
  return -1;
}
