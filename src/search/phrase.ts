// Phrases and proximity from the positions in the index. A word's positions are those of
// its exact spelling in a headline or a body; a phrase's first word may also carry a
// clitic (والدولة الإسلامية holds "الدولة الإسلامية"), and so may every word when only
// closeness is measured. Sentence punctuation leaves a gap in the positions (see
// ingest/document.ts), so no phrase spans a full stop.

import { analyzeWord } from '../analysis/analyzer';
import { foldLetters } from '../analysis/normalize';
import { queryVariants } from '../analysis/variants';
import { firstAtOrAfter, type ArchiveIndex, type TermPositions } from '../index/reader';
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

/**
 * A word's positions in one field, read straight from the index's decoded arrays: every
 * form's postings, and for the document at hand the slice of each form's positions. Nothing
 * is copied per document, so checking thousands of candidates allocates nothing.
 */
class WordPositions {
  private readonly forms: TermPositions[] = [];
  private readonly cursors: Int32Array;
  /** Per form present in the current document: form, first and end index into its values. */
  readonly slices: Int32Array;
  count = 0;

  constructor(index: ArchiveIndex, forms: string[], field: number) {
    for (const f of forms) {
      const p = index.positions(f, field);
      if (p && p.docs.length > 0) this.forms.push(p);
    }
    this.cursors = new Int32Array(this.forms.length);
    this.slices = new Int32Array(this.forms.length * 3);
  }

  /** Finds the document's positions; false when no form is there. `ascending` keeps cursors moving forward between calls. */
  seek(doc: number, ascending: boolean): boolean {
    this.count = 0;
    for (let f = 0; f < this.forms.length; f++) {
      const p = this.forms[f]!;
      const at = firstAtOrAfter(p.docs, ascending ? this.cursors[f]! : 0, doc);
      if (ascending) this.cursors[f] = at;
      if (at < p.docs.length && p.docs[at] === doc) {
        const k = this.count++ * 3;
        this.slices[k] = f;
        this.slices[k + 1] = p.offsets[at]!;
        this.slices[k + 2] = p.offsets[at + 1]!;
      }
    }
    return this.count > 0;
  }

  /** The current document's positions, ascending. */
  list(): ArrayLike<number> {
    const values = (k: number) => this.forms[this.slices[k]!]!.values;
    if (this.count === 1) return values(0).subarray(this.slices[1]!, this.slices[2]!);
    const out: number[] = [];
    for (let k = 0; k < this.count * 3; k += 3) for (let i = this.slices[k + 1]!; i < this.slices[k + 2]!; i++) out.push(values(k)[i]!);
    return out.sort((a, b) => a - b);
  }
}

/** The smallest span (last position − first) holding one position of every list, or Infinity. */
export function smallestWindow(lists: ArrayLike<number>[]): number {
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
function inOrder(lists: ArrayLike<number>[]): boolean {
  const rest = lists.slice(1).map((l) => new Set(Array.from(l)));
  return Array.from(lists[0]!).some((p) => rest.every((s, k) => s.has(p + k + 1)));
}

/** Room for a document's positions in an occurrence key (document × SPAN + position), within a double's exact integers. */
const SPAN = 2 ** 26;

/** Every occurrence of a word's forms in one field as ascending keys document × SPAN + position; null past the keys' room. */
function occurrenceKeys(index: ArchiveIndex, forms: string[], field: number): Float64Array | null {
  const lists: TermPositions[] = [];
  let total = 0;
  for (const f of forms) {
    const p = index.positions(f, field);
    if (p && p.values.length > 0) {
      lists.push(p);
      total += p.values.length;
    }
  }
  const keys = new Float64Array(total);
  let k = 0;
  for (const p of lists) {
    for (let i = 0; i < p.docs.length; i++) {
      const base = p.docs[i]! * SPAN;
      const last = p.offsets[i + 1]!;
      if (last > p.offsets[i]! && p.values[last - 1]! >= SPAN) return null;
      for (let j = p.offsets[i]!; j < last; j++) keys[k++] = base + p.values[j]!;
    }
  }
  // Each form's keys are ascending already; several forms need one sort (native, on numbers).
  return lists.length > 1 ? keys.sort() : keys;
}

/**
 * The documents where the words stand one after another: the first word's occurrences kept
 * where the k-th word occurs k positions later, by merging ascending occurrence keys, so a
 * phrase costs a pass over its words' positions and no per-document work.
 */
function exactPhraseDocs(index: ArchiveIndex, forms: string[][], field: number, into: Set<number>): boolean {
  const first = occurrenceKeys(index, forms[0]!, field);
  if (!first) return false;
  let starts: Float64Array = first;
  for (let k = 1; k < forms.length && starts.length > 0; k++) {
    const next = occurrenceKeys(index, forms[k]!, field);
    if (!next) return false;
    const kept = new Float64Array(Math.min(starts.length, next.length));
    let n = 0;
    let j = 0;
    for (let i = 0; i < starts.length && j < next.length; i++) {
      const want = starts[i]! + k;
      while (j < next.length && next[j]! < want) j++;
      if (j < next.length && next[j] === want) kept[n++] = starts[i]!;
    }
    starts = kept.subarray(0, n);
  }
  for (let i = 0; i < starts.length; i++) into.add(Math.floor(starts[i]! / SPAN));
  return true;
}

/** The documents among `candidates` (ascending) where a phrase's words stand together. */
export function phraseDocs(index: ArchiveIndex, phrase: Phrase, candidates: Int32Array): Set<number> {
  const found = new Set<number>();
  if (candidates.length === 0) return found;
  const fields = phrase.where === 'title' ? [FIELD_ID.title] : [FIELD_ID.title, FIELD_ID.body];
  // Every word may carry a clitic in a window; in an exact phrase only the first.
  const forms = phrase.words.map((w, k) => wordForms(index, w, k === 0 || phrase.slop > 0));
  const n = phrase.words.length;
  const anywhere = new Set<number>();
  if (phrase.slop === 0 && fields.every((field) => exactPhraseDocs(index, forms, field, anywhere))) {
    for (let c = 0; c < candidates.length; c++) if (anywhere.has(candidates[c]!)) found.add(candidates[c]!);
    return found;
  }
  // A sloppy phrase, or an article too long for occurrence keys: document by document.
  for (const field of fields) {
    const words = forms.map((f) => new WordPositions(index, f, field));
    for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!;
      if (found.has(doc)) continue;
      let present = true;
      // Every word's cursor moves, present or not, so that the next seek starts past this document.
      for (const w of words) present = w.seek(doc, true) && present;
      if (!present) continue;
      const lists = words.map((w) => w.list());
      if (phrase.slop === 0 ? inOrder(lists) : smallestWindow(lists) <= n - 1 + phrase.slop) found.add(doc);
    }
  }
  return found;
}

/** The first position of the smallest span holding one position of every list, and the span. */
export function bestWindow(lists: ArrayLike<number>[]): { start: number; span: number } | null {
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
  const perWord = words.map((w) => new WordPositions(index, wordForms(index, w, true), FIELD_ID.body));
  for (const doc of docs) {
    // The words found, even if not all are: the passage holding most of them.
    const lists: ArrayLike<number>[] = [];
    for (const w of perWord) if (w.seek(doc, false)) lists.push(w.list());
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
  const forms = words.map((w) => wordForms(index, w, true));
  for (const field of [FIELD_ID.title, FIELD_ID.body]) {
    const perWord = forms.map((f) => new WordPositions(index, f, field));
    for (const doc of candidates) {
      if (!perWord.every((w) => w.seek(doc, false))) continue;
      const c = words.length / (smallestWindow(perWord.map((w) => w.list())) + 1);
      if (c > (out.get(doc) ?? 0)) out.set(doc, c);
    }
  }
  return out;
}
