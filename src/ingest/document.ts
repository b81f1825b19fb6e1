// What an article is indexed under: the analyzer's exact and stem terms of its headline and
// body (with positions for the exact ones), its keywords, source names, date terms, author,
// and the band keys of its near-duplicate signature — handed to the index's in-memory
// segment as term ids. Every token of the archive passes through here, so a spelling is
// analysed once and its term ids are kept per segment, found again without creating a string.

import { bodyText, type Article } from '../model/article';
import { analyzeWord, phraseKey } from '../analysis/analyzer';
import { forEachTokenSpan, tokenizeWords } from '../analysis/tokenize';
import { breaksPhrase } from '../analysis/positions';
import { bandKeys, hashString, signatureOf } from '../features/near-duplicates';
import { FIELD_ID, NO_TIME, dateTerms, dayNumber, timeOf } from '../index/schema';
import type { SegmentBuffer } from '../index/segment-writer';
import { encodeStoredRecord } from '../index/stored-record';
import { TokenTable } from './token-table';
import { sourceAlias } from './sources';

/** The source field's terms of a name: the name whole, each of its words, and a crawler id it stands for. */
export function nameTerms(name: string): string[] {
  const whole = phraseKey(name);
  if (!whole) return [];
  const words = whole.split(' ');
  const alias = sourceAlias(name);
  return [...(words.length > 1 ? [whole, ...words] : [whole]), ...(alias ? [alias] : [])];
}

/** The terms of an article's keyword, source, author and date fields, and its time. */
export function metadataTerms(a: Article): { keywords: Set<string>; keywordLength: number; sources: string[]; authors: string[]; time: number; dates: string[] } {
  // The keyword field's length counts distinct spellings, as for text: MiniSearch counts tokens.
  const keywords = new Set<string>();
  const spellings = new Set<string>();
  for (const k of a.keywords) {
    const key = phraseKey(k);
    if (!key) continue;
    keywords.add(key);
    spellings.add(k);
  }
  const sources = [a.source ?? '', ...a.credits].flatMap((s) => (s ? nameTerms(s) : []));
  const authors = a.author ? nameTerms(a.author) : [];
  const { day, time } = articleTime(a);
  return { keywords, keywordLength: spellings.size, sources, authors, time, dates: dateTerms(day) };
}

/** The day and minute of an article's date (its local time as written). */
export function articleTime(a: Pick<Article, 'date'>): { day: string; time: number } {
  const day = a.date ? a.date.slice(0, 10) : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { day: '', time: NO_TIME };
  const minute = a.date && /T\d{2}:\d{2}/.test(a.date) ? Number(a.date.slice(11, 13)) * 60 + Number(a.date.slice(14, 16)) : null;
  return { day, time: timeOf(dayNumber(day), minute) };
}

/** The terms a token spelling is indexed under in one segment. */
interface TokenTerms {
  exact: number;
  stems: number[];
  /** Hash of the normalized spelling, for shingles. */
  hash: number;
  /** The last text (its stamp) the spelling was counted in, for the text's length. */
  seen: number;
}

/** What an indexer hands an article's terms to: a segment buffer, or a recording of its calls (analysis-thread.ts). */
export type IndexSink = TextSink & Pick<SegmentBuffer, 'endDocument'>;
/** What the indexing of a headline and body needs of a sink. */
export type TextSink = Pick<SegmentBuffer, 'termId' | 'occurrence' | 'term'>;

/** What the end of a document needs of its headline and body. */
export interface TextFacts {
  /** Distinct indexable spellings of the headline and of the body. */
  titleLength: number;
  bodyLength: number;
  /** The body's near-duplicate signature (null: too short to sign). */
  signature: ArrayLike<number> | null;
}

/** Adds articles to a segment buffer; one per writer, as it keeps term ids per buffer. */
export class DocumentIndexer {
  private buffer: TextSink | null = null;
  private tokens = new TokenTable<TokenTerms | null>();
  // Per text: each stem term's frequency (indexed by term id) and the stems met, in order.
  private stemFreq: Int32Array = new Int32Array(1 << 16);
  private stemsMet: Int32Array = new Int32Array(1 << 10);
  private stamp = 0;
  private hashes: Int32Array = new Int32Array(1 << 12);

  private termsOf = (token: string): TokenTerms | null => {
    const a = analyzeWord(token);
    if (!a) return null;
    const buf = this.buffer!;
    return { exact: buf.termId(a.exact), stems: a.stems.map((s) => buf.termId(s)), hash: hashString(a.exact), seen: 0 };
  };

  /** Memory the indexer holds for the current buffer (its table of spellings and their term ids). */
  bytesUsed(): number {
    return this.tokens.size * 160;
  }

  /** Indexes one article (its keywords final) into `buffer`. */
  add(buffer: IndexSink, a: Article): void {
    this.finish(buffer, a, this.addText(buffer, a.title, bodyText(a)));
  }

  /** Indexes an article's headline and body (its blocks joined, see bodyText); returns what the document's end needs of them. */
  addText(buffer: TextSink, title: string, body: string): TextFacts {
    if (buffer !== this.buffer) {
      // Term ids belong to one buffer: a new one starts a new table.
      this.buffer = buffer;
      this.tokens = new TokenTable<TokenTerms | null>();
    }
    const titleLength = this.text(buffer, title, FIELD_ID.title, FIELD_ID.title_stem, false);
    const bodyLength = this.text(buffer, body, FIELD_ID.body, FIELD_ID.body_stem, true);
    return { titleLength, bodyLength, signature: signatureOf(this.hashes, this.hashCount) };
  }

  /** Indexes the rest of an article (its metadata fields and copy bands) and ends its document. */
  finish(buffer: IndexSink, a: Article, facts: TextFacts): void {
    const { signature } = facts;
    const { keywords, keywordLength, sources, authors, time, dates } = metadataTerms(a);
    for (const key of keywords) buffer.term(FIELD_ID.tags, buffer.termId(key), 1);
    this.terms(buffer, FIELD_ID.source, sources);
    this.terms(buffer, FIELD_ID.author, authors);
    this.terms(buffer, FIELD_ID.date, dates);
    if (signature) this.terms(buffer, FIELD_ID.dup, bandKeys(signature));

    buffer.endDocument({
      id: a.id,
      title: a.title,
      source: a.source ?? '',
      time,
      lengths: [facts.titleLength, facts.bodyLength, keywordLength, new Set(sources).size, new Set(authors).size, dates.length],
      stored: Buffer.from(encodeStoredRecord(a), 'utf8'),
      signature,
    });
  }

  private hashCount = 0;

  // Indexes a headline or body under its exact field (with positions) and its stem field;
  // returns its length (distinct indexable spellings). The body's word hashes are kept for
  // its signature.
  private text(buffer: TextSink, text: string, exactField: number, stemField: number, keepHashes: boolean): number {
    // Counting stems in an array by term id and marking spellings with the text's stamp
    // keeps the per-token work free of Map and Set operations.
    const stamp = ++this.stamp;
    let spellings = 0;
    let met = 0;
    let position = 0;
    let prevEnd = 0;
    if (keepHashes) this.hashCount = 0;
    const visit = (terms: TokenTerms | null, start: number, end: number) => {
      if (!terms) return;
      // Sentence punctuation between two words leaves a gap, so that no phrase spans it.
      if (position > 0 && breaksPhrase(text, prevEnd, start)) position++;
      prevEnd = end;
      buffer.occurrence(exactField, terms.exact, position++);
      const stems = terms.stems;
      for (let i = 0; i < stems.length; i++) {
        const s = stems[i]!;
        if (s >= this.stemFreq.length) this.stemFreq = grown(this.stemFreq, s + 1);
        const f = this.stemFreq[s]!;
        this.stemFreq[s] = f + 1;
        if (f === 0) {
          if (met === this.stemsMet.length) this.stemsMet = grown(this.stemsMet, met + 1);
          this.stemsMet[met++] = s;
        }
      }
      if (terms.seen !== stamp) {
        terms.seen = stamp;
        spellings++;
      }
      if (keepHashes) {
        if (this.hashCount === this.hashes.length) this.hashes = grown(this.hashes, this.hashCount + 1);
        this.hashes[this.hashCount++] = terms.hash;
      }
    };
    const fast = forEachTokenSpan(text, (start, end) => visit(this.tokens.get(text, start, end, this.termsOf), start, end));
    if (!fast) {
      let at = 0;
      for (const token of tokenizeWords(text)) {
        const start = text.indexOf(token, at);
        at = start + token.length;
        visit(this.tokens.get(token, 0, token.length, this.termsOf), start, at);
      }
    }
    for (let i = 0; i < met; i++) {
      const s = this.stemsMet[i]!;
      buffer.term(stemField, s, this.stemFreq[s]!);
      this.stemFreq[s] = 0;
    }
    // The length counts distinct spellings, as MiniSearch counts a field's tokens: the
    // table gives each raw spelling one entry, so its entries stand for spellings.
    return spellings;
  }

  private terms(buffer: TextSink, field: number, terms: string[]): void {
    if (terms.length === 0) return;
    const freq = new Map<string, number>();
    for (const t of terms) freq.set(t, (freq.get(t) ?? 0) + 1);
    for (const [t, f] of freq) buffer.term(field, buffer.termId(t), f);
  }
}

/** A copy of `a` at least `size` long (doubling). */
function grown(a: Int32Array, size: number): Int32Array {
  let n = a.length * 2;
  while (n < size) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
