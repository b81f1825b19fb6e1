// Picks the passage of an article that best shows why it matched: the window of words
// holding the most matched words, in the original spelling (diacritics and all), with
// the matched words' offsets so a formatter can mark them.

import { analyzeText, type AnalyzedToken } from './analysis/analyzer';

/** A passage with the offsets ([start, end), UTF-16 units) of the words that matched. */
export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

/** Terms that matched, split by the field family they matched in. */
export interface MatchedTerms {
  exact: Set<string>;
  stems: Set<string>;
}

/** Collects matched terms from MiniSearch's `match` map (term → fields). */
export function matchedTerms(match: Record<string, string[]>): MatchedTerms {
  const exact = new Set<string>();
  const stems = new Set<string>();
  for (const [term, fields] of Object.entries(match)) {
    for (const f of fields) {
      if (f === 'title' || f === 'body') exact.add(term);
      else if (f === 'title_stem' || f === 'body_stem') stems.add(term);
    }
  }
  return { exact, stems };
}

function isMatch(t: AnalyzedToken, m: MatchedTerms): boolean {
  return m.exact.has(t.exact) || t.stems.some((s) => m.stems.has(s));
}

/** Highlights for a whole short text (a headline). */
export function highlightAll(text: string, m: MatchedTerms): Snippet {
  const highlights: Array<[number, number]> = [];
  for (const t of analyzeText(text)) if (isMatch(t, m)) highlights.push([t.start, t.end]);
  return { text, highlights };
}

/** The best window of about `words` words of `text` for the matched terms. */
export function bestSnippet(text: string, m: MatchedTerms, words = 24): Snippet {
  const tokens = analyzeText(text);
  if (tokens.length === 0) return { text: '', highlights: [] };
  const hits = tokens.map((t) => (isMatch(t, m) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    count += hits[i]!;
    if (i >= words) count -= hits[i - words]!;
    const start = Math.max(0, i - words + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Centre the window on its first hit, so the match is not at the very edge.
  const firstHit = hits.indexOf(1, best);
  if (firstHit >= 0) best = Math.max(0, Math.min(firstHit - Math.floor(words / 4), tokens.length - words));
  const last = Math.min(tokens.length, best + words) - 1;
  const from = best === 0 ? 0 : tokens[best]!.start;
  // Run on to the end of the sentence's punctuation but not into the next word.
  const to = last === tokens.length - 1 ? text.length : tokens[last]!.end;
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const body = text.slice(from, to).replace(/\s+/g, ' ');
  // Offsets must survive the whitespace collapse: recompute them on the final text.
  const out = prefix + body + suffix;
  const highlights: Array<[number, number]> = [];
  for (const t of analyzeText(out)) if (isMatch(t, m)) highlights.push([t.start, t.end]);
  return { text: out, highlights };
}
