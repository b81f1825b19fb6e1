// Why two forms meet, in words, for `newsq analyze --match`: the term they share and how
// each token reaches it (a clitic or an ending taken off, a feminine or a ة restored), or
// the query-time variant that joins them (a broken plural, another spelling of a name).

import { analyzeWord } from './analyzer';
import { SKELETON_MARK } from './foreign';
import { WORD_ALIASES } from './lexicon';
import { foldLetters } from './normalize';
import { explainMeeting, type Variant } from './variants';

/** How one query token meets the document. */
export interface MatchExplanation {
  query: string;
  document: string;
  /** The shared term and the index field it is in. */
  term: string;
  field: 'exact' | 'stem';
  /** How the query token reaches the term, and how the document token does. */
  queryReading: string;
  documentReading: string;
  /** The variant of the query token that the document token holds, when they share no term of their own. */
  variant?: Variant;
}

/**
 * How a query (one or more words) meets a document text: one explanation per query token,
 * or null when some query token meets no document token. Every term counts as present in
 * the archive (the document text is in it).
 */
export function explainMatch(query: string, document: string): MatchExplanation[] | null {
  const meetings = explainMeeting(query, document, () => true);
  if (!meetings) return null;
  return meetings.map((m) => ({
    query: m.query,
    document: m.document,
    term: m.term,
    field: m.field,
    queryReading: m.variant ? `${m.variant.kind} ${m.variant.spelling}: ${m.variant.rule} (weight ${m.variant.weight})` : reading(m.query, m.term, m.field),
    documentReading: homographNote(m.query, m.document) ?? reading(m.document, m.term, m.field),
    ...(m.variant ? { variant: m.variant } : {}),
  }));
}

/**
 * When two spellings differ only in what folding joins (hamza on alef, ى / ي, ة / ه), the
 * document's word may be another word (أعلام "flags" beside إعلام "media"): they meet on the
 * folded stem only, so the query's own spelling, which also meets the exact field, ranks
 * first. Null for any other pair.
 */
function homographNote(query: string, document: string): string | null {
  const q = analyzeWord(query)?.exact;
  const d = analyzeWord(document)?.exact;
  if (!q || !d || q === d || foldLetters(q) !== foldLetters(d)) return null;
  const differences = new Set<string>();
  for (let i = 0; i < q.length; i++) {
    const pair = [q[i]!, d[i]!].sort().join('/');
    if (q[i] !== d[i]) differences.add(pair);
  }
  return `spelt ${d}, not ${q} (${[...differences].join(', ')}): one word once folded, maybe another; ranked below ${q} as written`;
}

/** In words, how a token (as written) is indexed under `term`. */
export function reading(token: string, term: string, field: 'exact' | 'stem'): string {
  if (field === 'exact') return 'the same spelling (diacritics, tatweel and hamza seats aside)';
  if (term.startsWith(SKELETON_MARK)) return `a foreign-looking word (no Arabic dictionary reading): its consonant skeleton ${term.slice(1)}, long vowels and h inside left out, the letters for g as one, a final ا ه ة as one`;
  const folded = foldLetters(analyzeWord(token)?.exact ?? token);
  if (folded === term) return 'as written';
  const canonical = WORD_ALIASES.get(folded);
  if (canonical && foldLetters(canonical) === term) return `another spelling of ${canonical}`;
  // Where the stem starts in the word: what comes before it is a clitic.
  const start = folded.indexOf(term.slice(0, Math.min(3, term.length)));
  if (start < 0) return `read as ${term}`;
  const parts: string[] = [];
  if (start > 0) parts.push(`the clitic ${folded.slice(0, start)} off`);
  const rest = folded.slice(start);
  const k = commonPrefix(rest, term);
  const removed = rest.slice(k);
  const restored = term.slice(k);
  if (!restored) {
    if (removed) parts.push(removed === '\u0647' && /\u0629$/.test(token) ? 'the feminine ة off: the masculine' : `the ending ${removed} off`);
  } else if (restored === '\u0647' && removed.startsWith('\u062A')) {
    // رسالته → رساله: the ة of a noun is written ت before an ending.
    parts.push('ت read as the ة of the noun');
    if (removed.length > 1) parts.push(`the ending ${removed.slice(1)} off`);
  } else if (restored === 'ا' || restored === 'يا') {
    parts.push(`the nisba read as the place ${term}`);
  } else {
    parts.push(restored === '\u0647' ? 'the ة put back' : `${restored} put back`);
    if (removed) parts.push(`the ending ${removed} off`);
  }
  return parts.join(', ') || 'as written';
}

function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}
