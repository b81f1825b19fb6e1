// Phrases and proximity from the positions in the index. A word's positions are those of
// its exact spelling in a headline or a body; a phrase's first word may also carry a
// clitic (والدولة الإسلامية holds "الدولة الإسلامية"), and so may every word when only
// closeness is measured. Sentence punctuation leaves a gap in the positions (see
// ingest/document.ts), so no phrase spans a full stop.

import { analyzeWord } from '../analysis/analyzer';
import { foldLetters } from '../analysis/normalize';
import { queryVariants } from '../analysis/variants';
import type { ArchiveIndex } from '../index/reader';
import { FIELD_ID } from '../index/schema';
import type { Phrase, PhraseWord } from './query';

/** Clitics a word may carry in front and still be that word, for phrases' first words and for closeness. */
const CLITICS = ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'];

/**
 * The spellings of a word as the index holds them (exact terms keep a hamza on alef, ى
 * and ة that the stems fold; a phrase is the same words however those are written), and
 * with `clitics`, each behind a clitic where that spelling is a form of the word.
 */
export function wordForms(index: ArchiveIndex, word: PhraseWord, clitics: boolean): string[] {
  const spellings = new Set<string>([word.exact]);
  const bare = foldLetters(word.exact);
  for (const s of [bare, ...queryVariants(bare).filter((v) => v.kind === 'hamza-spelling').map((v) => v.term)]) {
    if (s !== word.exact && index.hasTerm(s)) spellings.add(s);
  }
  const forms = [...spellings];
  if (!clitics) return forms;
  for (const spelling of spellings) {
    for (const c of CLITICS) {
      const form = c + spelling;
      if (!index.hasTerm(form)) continue;
      const a = analyzeWord(form);
      if (a && a.stems.some((s) => word.stems.includes(s))) forms.push(form);
    }
  }
  return forms;
}

/** Positions of each form of a word in one field, for the given documents: document → ascending positions. */
function positionsIn(index: ArchiveIndex, forms: string[], field: number, docs: Set<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const form of forms) {
    const p = index.positions(form, field);
    if (!p) continue;
    for (let i = 0; i < p.docs.length; i++) {
      const doc = p.docs[i]!;
      if (!docs.has(doc)) continue;
      let list = out.get(doc);
      if (!list) out.set(doc, (list = []));
      for (let k = p.offsets[i]!; k < p.offsets[i + 1]!; k++) list.push(p.values[k]!);
    }
  }
  if (forms.length > 1) for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The smallest span (last position − first) holding one position of every list, or Infinity. */
export function smallestWindow(lists: number[][]): number {
  const n = lists.length;
  if (lists.some((l) => l.length === 0)) return Infinity;
  const at = new Array<number>(n).fill(0);
  let best = Infinity;
  for (;;) {
    let min = Infinity;
    let max = -Infinity;
    let which = -1;
    for (let k = 0; k < n; k++) {
      const v = lists[k]![at[k]!]!;
      if (v < min) {
        min = v;
        which = k;
      }
      if (v > max) max = v;
    }
    best = Math.min(best, max - min);
    if (++at[which]! >= lists[which]!.length) return best;
  }
}

/** Whether positions hold the words in order, one after another (each list ascending). */
function inOrder(lists: number[][]): boolean {
  const rest = lists.slice(1).map((l) => new Set(l));
  return lists[0]!.some((p) => rest.every((s, k) => s.has(p + k + 1)));
}

/** The documents among `candidates` (ascending) where a phrase's words stand together. */
export function phraseDocs(index: ArchiveIndex, phrase: Phrase, candidates: Int32Array): Set<number> {
  const docs = new Set<number>(candidates);
  const found = new Set<number>();
  if (docs.size === 0) return found;
  const fields = phrase.where === 'title' ? [FIELD_ID.title] : [FIELD_ID.title, FIELD_ID.body];
  // Every word may carry a clitic in a window; in an exact phrase only the first.
  const forms = phrase.words.map((w, k) => wordForms(index, w, k === 0 || phrase.slop > 0));
  const n = phrase.words.length;
  for (const field of fields) {
    const perWord = forms.map((f) => positionsIn(index, f, field, docs));
    for (const [doc, first] of perWord[0]!) {
      if (found.has(doc)) continue;
      const lists = [first];
      for (let k = 1; k < n; k++) {
        const l = perWord[k]!.get(doc);
        if (!l) break;
        lists.push(l);
      }
      if (lists.length < n) continue;
      if (phrase.slop === 0 ? inOrder(lists) : smallestWindow(lists) <= n - 1 + phrase.slop) found.add(doc);
    }
  }
  return found;
}

/** The first position of the smallest span holding one position of every list, and the span. */
export function bestWindow(lists: number[][]): { start: number; span: number } | null {
  const n = lists.length;
  if (lists.some((l) => l.length === 0)) return null;
  const at = new Array<number>(n).fill(0);
  let best: { start: number; span: number } | null = null;
  for (;;) {
    let min = Infinity;
    let max = -Infinity;
    let which = -1;
    for (let k = 0; k < n; k++) {
      const v = lists[k]![at[k]!]!;
      if (v < min) {
        min = v;
        which = k;
      }
      if (v > max) max = v;
    }
    if (!best || max - min < best.span) best = { start: min, span: max - min };
    if (++at[which]! >= lists[which]!.length) return best;
  }
}

/**
 * Where in each document's body the words stand closest (a snippet is centred there), for
 * the given documents; absent where some word is not in the body in a spelling of its own.
 */
export function bodyFocus(index: ArchiveIndex, words: PhraseWord[], docs: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const perWord = words.map((w) => positionsIn(index, wordForms(index, w, true), FIELD_ID.body, new Set(docs)));
  for (const doc of docs) {
    const lists: number[][] = [];
    for (const p of perWord) {
      const l = p.get(doc);
      if (l) lists.push(l);
    }
    // The words found, even if not all are: the passage holding most of them.
    if (lists.length === 0) continue;
    const w = bestWindow(lists);
    if (w) out.set(doc, w.start);
  }
  return out;
}

/**
 * How closely the words stand in each document: n / (span + 1), 1 when they are side by
 * side, smaller the farther apart (the best of headline and body); 0 where some word does
 * not occur in its own spelling (only through a stem).
 */
export function closeness(index: ArchiveIndex, words: PhraseWord[], candidates: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const docs = new Set(candidates);
  const forms = words.map((w) => wordForms(index, w, true));
  for (const field of [FIELD_ID.title, FIELD_ID.body]) {
    const perWord = forms.map((f) => positionsIn(index, f, field, docs));
    for (const doc of candidates) {
      const lists: number[][] = [];
      for (const p of perWord) {
        const l = p.get(doc);
        if (!l) break;
        lists.push(l);
      }
      if (lists.length < words.length) continue;
      const c = words.length / (smallestWindow(lists) + 1);
      if (c > (out.get(doc) ?? 0)) out.set(doc, c);
    }
  }
  return out;
}
