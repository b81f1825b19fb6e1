// Picks the passage of an article that best shows why it matched: the window of words
// holding the most matched words, in the original spelling (diacritics and all), with
// the matched words' offsets so a formatter can mark them.

import { analyzeWord } from './analysis/analyzer';
import { WORD_ALIASES } from './analysis/lexicon';
import { foldLetters } from './analysis/normalize';
import { normalize } from './analysis/normalize';
import { tokenSpans } from './analysis/tokenize';

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

/** Collects matched terms from MiniSearch's `match` maps (term → fields) of one or more hits. */
export function matchedTerms(...matches: Array<Record<string, string[]>>): MatchedTerms {
  const exact = new Set<string>();
  const stems = new Set<string>();
  for (const [term, fields] of matches.flatMap((m) => Object.entries(m))) {
    for (const f of fields) {
      if (f === 'title' || f === 'body') exact.add(term);
      else if (f === 'title_stem' || f === 'body_stem') stems.add(term);
    }
  }
  return { exact, stems };
}

/** Decides, cheaply first, whether a token of a text is one of the matched words. */
export class Matcher {
  private stemHeads: string[];
  // Answers per spelling: the same words recur in every article of a page.
  private seen = new Map<string, boolean>();

  constructor(private readonly m: MatchedTerms) {
    // A stem is (nearly) a substring of every word it comes from, so only tokens containing
    // the beginning of a matched stem are worth the full analysis.
    const heads = new Set<string>();
    for (const stem of m.stems) heads.add(stem.slice(0, 3));
    // An alias spelling (أميركي for أمريكي) is stemmed as its canonical word, whose letters
    // it does not share: its own beginning must count too.
    for (const [alias, canonical] of WORD_ALIASES) {
      const c = foldLetters(canonical);
      if ([...m.stems].some((s) => c.includes(s.slice(0, 3)))) heads.add(alias.slice(0, 3));
    }
    this.stemHeads = [...heads];
  }

  matches(raw: string): boolean {
    let answer = this.seen.get(raw);
    if (answer === undefined) this.seen.set(raw, (answer = this.decide(raw)));
    return answer;
  }

  private decide(raw: string): boolean {
    const exact = normalize(raw);
    if (this.m.exact.has(exact)) return true;
    if (!this.stemHeads.some((h) => exact.includes(h))) return false;
    const a = analyzeWord(raw);
    return !!a && (this.m.exact.has(a.exact) || a.stems.some((s) => this.m.stems.has(s)));
  }
}

/** Highlights for a whole short text (a headline). */
export function highlightAll(text: string, m: MatchedTerms | Matcher): Snippet {
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const { starts, ends } = tokenSpans(text);
  const highlights: Array<[number, number]> = [];
  for (let i = 0; i < starts.length; i++) if (matcher.matches(text.slice(starts[i], ends[i]))) highlights.push([starts[i]!, ends[i]!]);
  return { text, highlights };
}

/** The best window of about `words` words of `text` for the matched terms, whitespace collapsed. */
export function bestSnippet(text: string, m: MatchedTerms | Matcher, words = 24): Snippet {
  const { starts, ends } = tokenSpans(text);
  const n = starts.length;
  if (n === 0) return { text: '', highlights: [] };
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const hits = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (matcher.matches(text.slice(starts[i], ends[i]))) hits[i] = 1;
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    count += hits[i]!;
    if (i >= words) count -= hits[i - words]!;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - words + 1);
    }
  }
  // Start a little before the window's first match, so the match is not at the very edge.
  const firstHit = hits.indexOf(1, best);
  if (firstHit >= 0) best = Math.max(0, Math.min(firstHit - Math.floor(words / 4), n - words));
  const last = Math.min(n, best + words) - 1;

  let out = best > 0 ? '… ' : '';
  const highlights: Array<[number, number]> = [];
  let pos = best > 0 ? starts[best]! : 0;
  for (let i = best; i <= last; i++) {
    out += text.slice(pos, starts[i]).replace(/\s+/g, ' ');
    if (hits[i]) highlights.push([out.length, out.length + ends[i]! - starts[i]!]);
    out += text.slice(starts[i], ends[i]);
    pos = ends[i]!;
  }
  // Keep the punctuation that closes the last word (« », a full stop), then mark the cut.
  if (last === n - 1) out += text.slice(pos).replace(/\s+/g, ' ').trimEnd();
  else out += text.slice(pos, starts[last + 1]).replace(/\s+/g, ' ').trimEnd() + ' …';
  return { text: out, highlights };
}
