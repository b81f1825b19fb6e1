// Picks the passage of an article that best shows why it matched: the window of words
// holding the most matched words, in the original spelling (diacritics and all), with
// the matched words' offsets so a formatter can mark them.

import { SKELETON_MARK, skeletonOf } from '../analysis/foreign';
import { analyzeWord } from '../analysis/analyzer';
import { WORD_ALIASES } from '../analysis/lexicon';
import { foldLetters } from '../analysis/normalize';
import { normalize } from '../analysis/normalize';
import { insideTokenAt, scanTokenSpans, tokenSpans } from '../analysis/tokenize';
import { plainSpelling, spellingProbe } from './spelling-probe';

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
let aliasesFolded: Array<[string, string]> | null = null;

/** Each alias spelling with its canonical word's folded letters, folded once per process. */
function foldedAliases(): Array<[string, string]> {
  return (aliasesFolded ??= [...WORD_ALIASES].map(([alias, canonical]) => [alias, foldLetters(canonical)]));
}

export class Matcher {
  private stemHeads: string[];
  // Answers per spelling: the same words recur in every article of a page.
  private seen = new Map<string, boolean>();

  constructor(private readonly m: MatchedTerms) {
    // A stem is (nearly) a substring of every word it comes from, so only tokens containing
    // the beginning of a matched stem are worth the full analysis.
    const aliases = foldedAliases();
    this.stemHeads = headsOf([...m.stems], aliases);
    // A skeleton's head is a single letter that most words hold: a word reaches the full
    // analysis through it only when its own skeleton, or its skeleton behind a clitic, is one of these.
    this.plainHeads = headsOf(
      [...m.stems].filter((stem) => !stem.startsWith(SKELETON_MARK)),
      aliases,
    );
    for (const stem of m.stems) if (stem.startsWith(SKELETON_MARK)) this.skeletons.add(stem.slice(SKELETON_MARK.length));
  }

  private plainHeads: string[];
  private skeletons = new Set<string>();

  // Whether the folded word, or the word with up to three leading letters off (an article, clitics), has one of the matched skeletons.
  private holdsSkeleton(folded: string): boolean {
    for (let cut = 0; cut <= 3 && folded.length - cut >= 3; cut++) if (this.skeletons.has(skeletonOf(folded.slice(cut)))) return true;
    return false;
  }

  // The letters each matched word must contain, as bit masks (see couldMatch); null when
  // some matched term has no such letter, and every token needs the full check.
  private letterMasks: number[] | null = null;
  private letterBit = new Map<number, number>();
  private lettersPrepared = false;

  private prepareLetters(): void {
    const masks: number[] = [];
    for (const term of [...this.m.exact, ...this.stemHeads]) {
      let mask = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        if (!isSteadyLetter(c)) continue;
        let bit = this.letterBit.get(c);
        if (bit === undefined) {
          if (this.letterBit.size === 31) return;
          this.letterBit.set(c, (bit = this.letterBit.size));
        }
        mask |= 1 << bit;
      }
      if (mask === 0) return;
      masks.push(mask);
    }
    this.letterMasks = masks;
  }

  /**
   * A cheap necessary condition, checked on the token in place: a word that matches holds
   * every steady letter of one matched term (or of a stem's beginning), since normalization
   * and stemming never turn one of those letters into another. Most words of an article
   * fail it and are never cut out, normalized or analyzed.
   */
  couldMatch(text: string, start: number, end: number): boolean {
    if (!this.lettersPrepared) {
      this.lettersPrepared = true;
      this.prepareLetters();
    }
    if (this.letterMasks === null) return true;
    let mask = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      // Letters outside the basic block (Persian forms, presentation forms) may normalize
      // into a steady letter: such a token gets the full check.
      if (c >= 0x0600 && !(c >= 0x0621 && c <= 0x065f) && c !== 0x0670) return true;
      const bit = this.letterBit.get(c);
      if (bit !== undefined) mask |= 1 << bit;
    }
    for (const need of this.letterMasks) if ((mask & need) === need) return true;
    return false;
  }

  private probeBuilt = false;
  private probeRegex: RegExp | null = null;

  /**
   * The spans of the matched words of a plain text (see plainSpelling), found by letting a
   * regular expression look for the places where one could be and checking only the
   * words there; null when the text is not plain.
   */
  matchedSpans(text: string): Array<[number, number]> | null {
    // An empty head (a one-letter stem in ه) would have the probe look everywhere.
    if (!plainSpelling(text) || this.stemHeads.includes('')) return null;
    if (!this.probeBuilt) {
      this.probeBuilt = true;
      // A word matches only if its normalized form is a matched exact term or holds the
      // beginning of a matched stem (see decide).
      this.probeRegex = spellingProbe([...this.m.exact, ...this.stemHeads]);
    }
    const spans: Array<[number, number]> = [];
    const probe = this.probeRegex;
    if (!probe) return spans;
    probe.lastIndex = 0;
    for (let found = probe.exec(text); found; found = probe.exec(text)) {
      findTokenAround(text, found.index);
      const start = around.start;
      const end = around.end;
      if (end > start && this.matches(text.slice(start, end))) spans.push([start, end]);
      probe.lastIndex = Math.max(end, found.index + 1);
    }
    return spans;
  }

  /** Whether text[start, end) is one of the matched words. */
  matchesSpan(text: string, start: number, end: number): boolean {
    return this.couldMatch(text, start, end) && this.matches(text.slice(start, end));
  }

  matches(raw: string): boolean {
    let answer = this.seen.get(raw);
    if (answer === undefined) this.seen.set(raw, (answer = this.decide(raw)));
    return answer;
  }

  private decide(raw: string): boolean {
    const exact = normalize(raw);
    if (this.m.exact.has(exact)) return true;
    if (!this.plainHeads.some((h) => holdsHead(exact, h)) && !(this.skeletons.size > 0 && this.holdsSkeleton(foldLetters(exact)))) return false;
    const a = analyzeWord(raw);
    return !!a && (this.m.exact.has(a.exact) || a.stems.some((s) => this.m.stems.has(s)));
  }
}

/**
 * The beginnings a word must hold to come from one of the stems: each stem's head, and the
 * first letters of an alias spelling whose canonical word holds one (أميركي is stemmed as
 * أمريكي, whose letters it does not share).
 */
function headsOf(stems: string[], aliases: Array<[string, string]>): string[] {
  const own = stems.map(headOf);
  const heads = new Set(own);
  for (const [alias, c] of aliases) if (own.some((h) => c.includes(h))) heads.add(alias.slice(0, 3));
  return [...heads];
}

/**
 * The beginning of a stem that every word it comes from contains: all of it but its last
 * letter, and at least its first three letters, though not a final ه, which stands for a ة
 * the word may write as ت (مدته → مده). A stem's end is where the analyzer changes letters
 * (بريطانيا → البريطاني, مستوي → مستواه); before its last letter, each of the 539,428 pairs
 * of a spelling and one of its stems in SaudiNewsNet holds its head (hamza seats read as
 * in holdsHead). The longer the head, the fewer words are analyzed only to be turned down:
 * إيران's head was اير, which دائرة, طائرة and الجزائر also hold.
 */
function headOf(stem: string): string {
  // A foreign word's skeleton is no substring of the words it stands for: one of its letters
  // that every such word holds as it is (not the letter for g, nor a final ه for ا ة ه).
  if (stem.startsWith(SKELETON_MARK)) {
    const letters = stem.slice(1);
    for (let i = 0; i < letters.length; i++) if (letters[i] !== 'ج' && !(i === letters.length - 1 && letters[i] === 'ه')) return letters[i]!;
    return '';
  }
  const short = stem.endsWith('\u0647') ? Math.min(3, stem.length - 1) : 3;
  return stem.slice(0, Math.max(stem.length - 1, short));
}

/**
 * Whether a normalized word holds a stem's head, a ء of the word standing for a و or ي of
 * the head (a stem may be the bare form of a seated hamza: مؤتمر has the stem موتمر).
 */
function holdsHead(word: string, head: string): boolean {
  if (word.includes(head)) return true;
  // A stem may end in ء where the word writes يء or يئ before an ending (شيئا has the stem
  // of شيء, شء): the word with those ي taken out holds the head too.
  if (word.includes('\u064A\u0621') && holdsHead(word.replace(/\u064A+\u0621/g, '\u0621'), head)) return true;
  if (!word.includes('\u0621')) return false;
  for (let at = 0; at + head.length <= word.length; at++) {
    let k = 0;
    for (; k < head.length; k++) {
      const w = word[at + k];
      const h = head[k];
      if (w !== h && !(w === '\u0621' && (h === '\u0648' || h === '\u064a'))) break;
    }
    if (k === head.length) return true;
  }
  return false;
}

/**
 * Letters of the basic Arabic block that normalization leaves alone and produces from no
 * other letter: not the hamza and alef family, ة, ه, و, ى, ي, nor tatweel.
 */
function isSteadyLetter(c: number): boolean {
  return c >= 0x0628 && c <= 0x064a && c !== 0x0629 && c !== 0x0640 && c !== 0x0647 && c !== 0x0648 && c !== 0x0649 && c !== 0x064a;
}

/** Highlights for a whole short text (a headline). */
export function highlightAll(text: string, m: MatchedTerms | Matcher): Snippet {
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const { starts, ends } = tokenSpans(text);
  const highlights: Array<[number, number]> = [];
  for (let i = 0; i < starts.length; i++) if (matcher.matchesSpan(text, starts[i]!, ends[i]!)) highlights.push([starts[i]!, ends[i]!]);
  return { text, highlights };
}

// A snippet visits hundreds of tokens, and a cold process runs this code in V8's
// interpreter, where a closure or a small array made per token is a heap object each time:
// the scans below report through these module-level slots and reuse one visitor apiece,
// which keeps a page of results from filling the young generation a second time (a
// scavenge costs a cold query about three milliseconds).
const around = { pos: 0, start: 0, end: 0 };
const visitAround = (s: number, e: number): boolean => {
  if (e <= around.pos) return false;
  if (s <= around.pos) {
    around.start = s;
    around.end = e;
  }
  return true;
};

// Sets around.start and around.end to the token holding text[pos] (pos is inside a word):
// scanned from the last place before it where no token can continue.
function findTokenAround(text: string, pos: number): void {
  let from = pos;
  while (from > 0 && insideTokenAt(text, from - 1)) from--;
  around.pos = pos;
  around.start = pos;
  around.end = pos;
  scanTokenSpans(text, from, text.length, visitAround);
}

// The starts of the (at most) `count` tokens that come last before `pos`, a token boundary.
function startsBefore(text: string, pos: number, count: number): number[] {
  for (let reach = 64 * count; ; reach *= 4) {
    let from = Math.max(0, pos - reach);
    while (from > 0 && insideTokenAt(text, from - 1)) from--;
    const starts: number[] = [];
    scanTokenSpans(text, from, pos, (s) => {
      starts.push(s);
      if (starts.length > count) starts.shift();
      return false;
    });
    if (starts.length >= count || from === 0) return starts;
  }
}

// The spans of up to `count` tokens from `pos`, a token boundary.
function spansFrom(text: string, pos: number, count: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  if (count > 0) {
    scanTokenSpans(text, pos, text.length, (s, e) => {
      starts.push(s);
      ends.push(e);
      return starts.length >= count;
    });
  }
  return { starts, ends };
}

const counting = { n: 0, cap: 0 };
const visitCount = (): boolean => ++counting.n >= counting.cap;

// How many tokens lie in text[from, to) (two token boundaries), counting no further than cap.
function tokensBetween(text: string, from: number, to: number, cap: number): number {
  counting.n = 0;
  counting.cap = cap;
  scanTokenSpans(text, from, to, visitCount);
  return counting.n;
}

/** The best window of about `words` words of `text` for the matched terms, whitespace collapsed. */
export function bestSnippet(text: string, m: MatchedTerms | Matcher, words = 24): Snippet {
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const spans = matcher.matchedSpans(text);
  return spans ? snippetFromSpans(text, spans, words) : snippetByScan(text, matcher, words);
}

// The matched words of a text, by the probe or, where it cannot read the text, by a scan.
function allSpans(text: string, matcher: Matcher): Array<[number, number]> {
  const spans = matcher.matchedSpans(text);
  if (spans) return spans;
  const { starts, ends } = tokenSpans(text);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < starts.length; i++) if (matcher.matchesSpan(text, starts[i]!, ends[i]!)) out.push([starts[i]!, ends[i]!]);
  return out;
}

/**
 * A window of about `words` words starting a little before the word at `offset` (where a
 * phrase or the query's words stand closest), its matched words marked; with offset 0, the
 * text's opening (for an article that matched by its headline alone).
 */
export function snippetAt(text: string, offset: number, m: MatchedTerms | Matcher, words = 24): Snippet {
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const spans = allSpans(text, matcher);
  if (offset <= 0) return snippetFromSpans(text, spans, words, 0);
  const near = spans.filter(([s]) => s >= offset && tokensBetween(text, offset, s, words) < words);
  return snippetFromSpans(text, near.length ? [...spans.filter(([s]) => s < offset), ...near] : spans, words, offset);
}

/**
 * The same window as snippetByScan, found from the matched words alone: only the words
 * between nearby matches, around the chosen one and in the window itself are tokenized,
 * so the cost follows the matches rather than the length of the article.
 */
function snippetFromSpans(text: string, spans: Array<[number, number]>, words: number, placeAt?: number): Snippet {
  let first: number;
  if (placeAt !== undefined) {
    // A window placed by the caller: at the opening, or around the first match at or after `placeAt`.
    first = placeAt <= 0 ? -1 : spans.findIndex(([s]) => s >= placeAt);
  } else if (spans.length === 0) {
    first = -1;
  } else {
    // pos[j]: the token index of match j, counted from match 0, with gaps of a window or
    // more shortened to a window (no window can hold matches that far apart anyway).
    const pos = [0];
    for (let j = 1; j < spans.length; j++) pos.push(pos[j - 1]! + 1 + tokensBetween(text, spans[j - 1]![1], spans[j]![0], words));
    // The first window (ending at a match) holding the most matches, and its first match.
    let bestCount = 0;
    first = 0;
    let k = 0;
    for (let j = 0; j < spans.length; j++) {
      while (pos[j]! - pos[k]! >= words) k++;
      if (j - k + 1 > bestCount) {
        bestCount = j - k + 1;
        first = k;
      }
    }
  }
  // start: the first token shown (as an offset); lead: whether words precede it.
  let start = 0;
  let lead = false;
  if (first >= 0) {
    // Start a quarter window before the first match, but not so late that the window
    // runs short at the end of the text.
    const back = Math.floor(words / 4);
    const hitStart = spans[first]![0];
    const before = back > 0 ? startsBefore(text, hitStart, back) : [];
    if (before.length === back) {
      start = back > 0 ? before[0]! : hitStart;
      lead = start > 0 && tokensBetween(text, 0, start, 1) > 0;
    }
    if (lead && tokensBetween(text, start, text.length, words) < words) {
      const tail = startsBefore(text, text.length, words);
      start = tail.length === words ? tail[0]! : 0;
      lead = start > 0 && tokensBetween(text, 0, start, 1) > 0;
    }
  }
  const { starts, ends } = spansFrom(text, start, words + 1);
  if (starts.length === 0) return { text: '', highlights: [] };
  const shown = Math.min(words, starts.length);
  let out = lead ? '… ' : '';
  const highlights: Array<[number, number]> = [];
  let at = lead ? starts[0]! : 0;
  // The matches, like the window's tokens, in ascending order: one pointer walks them.
  let next = 0;
  for (let i = 0; i < shown; i++) {
    out += collapsedGap(text, at, starts[i]!);
    while (next < spans.length && spans[next]![0] < starts[i]!) next++;
    if (next < spans.length && spans[next]![0] === starts[i]) highlights.push([out.length, out.length + ends[i]! - starts[i]!]);
    out += text.slice(starts[i], ends[i]);
    at = ends[i]!;
  }
  if (starts.length <= words) out += text.slice(at).replace(/\s+/g, ' ').trimEnd();
  else out += text.slice(at, starts[words]).replace(/\s+/g, ' ').trimEnd() + ' …';
  return { text: out, highlights };
}

// text[from, to) with each run of white space made one space; the usual gap, a single
// space, without a new string.
function collapsedGap(text: string, from: number, to: number): string {
  if (to === from + 1 && text.charCodeAt(from) === 0x20) return ' ';
  return text.slice(from, to).replace(/\s+/g, ' ');
}

/** The best window found by checking every word of the text: for texts the probe cannot read, and as the reference in tests. */
export function snippetByScan(text: string, m: MatchedTerms | Matcher, words = 24): Snippet {
  const { starts, ends } = tokenSpans(text);
  const n = starts.length;
  if (n === 0) return { text: '', highlights: [] };
  const matcher = m instanceof Matcher ? m : new Matcher(m);
  const hits = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (matcher.matchesSpan(text, starts[i]!, ends[i]!)) hits[i] = 1;
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
