// Splitting the keyword lines of a whole archive in two streaming passes. The first reads
// only the inputs that can hold keyword lines (text, not JSON): each line is split on its
// own article's evidence, and the archive's statistics (which phrases articles confirmed,
// which words stood alone as keywords, and how often a word stood alone in lines that also
// hold a phrase it belongs to) are counted in maps the size of the keyword vocabulary; each
// line's first split waits in a spill file. The second pass, the build itself, gives each
// line its final split (as splitArchiveKeywords would, see keyword-split.ts) as its article
// arrives, so articles keep the order of the archive.

import { join } from 'node:path';
import { phraseKey } from '../analysis/analyzer';
import { cohesiveCount, keywordEvidence, keywordKey as key, keywordWords as words, splitKeywordLine, type KeywordStats } from './keyword-split';
import { SpillFile } from './spill';

const MAX_WORDS = 5;

/** Keyword sidecar: display spelling of each normalized keyword, and the splitter's statistics. */
export interface KeywordSidecar {
  display: Record<string, string>;
  stats: KeywordStats;
}

interface Learnt {
  id: string;
  first: string[];
  /** Cohesive counts of the line's spans in the article's own text. */
  cohesive: Record<string, number>;
}

/** Collects keyword evidence and display spellings while a build reads its articles. */
export class KeywordCollector {
  private support: Map<string, number>;
  private standalone: Map<string, number>;
  // (span, word) → lines whose first split holds the span among its words and the word as a
  // keyword; counted after the first pass, from the spill file, for the spans in `candidates`.
  private spanVotes = new Map<string, number>();
  // The spans the second pass can ask about: those some line's own article confirmed, and the
  // multi-word keywords of first splits. Counting votes for every span of every line would
  // hold a map entry per span of the archive's lines, most of them seen once.
  private candidates: Set<string> | null = new Set<string>();
  private spellings = new Map<string, Map<string, number>>();
  private spill: SpillFile<Learnt> | null = null;

  constructor(
    private readonly spillDir: string,
    private readonly spillName: string,
    prior?: KeywordSidecar,
  ) {
    this.support = new Map(Object.entries(prior?.stats.support ?? {}));
    this.standalone = new Map(Object.entries(prior?.stats.standalone ?? {}));
    this.display = { ...(prior?.display ?? {}) };
  }

  private display: Record<string, string>;

  /** Counts the spellings of an article's final keywords. */
  count(keywords: string[]): void {
    for (const kw of keywords) {
      const k = phraseKey(kw);
      if (!k || this.display[k] !== undefined) continue;
      let m = this.spellings.get(k);
      if (!m) this.spellings.set(k, (m = new Map()));
      m.set(kw, (m.get(kw) ?? 0) + 1);
    }
  }

  /** First pass: learns from an article's keyword line and its text; what the second pass needs waits in the spill file. */
  learn(id: string, keywordLine: string, text: string): void {
    const learnt = this.firstSplit(id, keywordLine, text);
    const firstKeys = new Set(learnt.first.map((k) => key(words(k))));
    for (const kw of firstKeys) {
      const target = kw.includes(' ') ? this.support : this.standalone;
      target.set(kw, (target.get(kw) ?? 0) + 1);
    }
    for (const span of Object.keys(learnt.cohesive)) this.candidates?.add(span);
    for (const kw of firstKeys) if (kw.includes(' ')) this.candidates?.add(kw);
    this.spill ??= new SpillFile<Learnt>(join(this.spillDir, this.spillName));
    this.spill.write(learnt);
  }

  // A line split on its own article's evidence.
  private firstSplit(id: string, keywordLine: string, text: string): Learnt {
    const evidence = keywordEvidence(keywordLine, text);
    const cohesive: Record<string, number> = {};
    for (const span of evidence.keys()) {
      if (!span.includes(' ')) continue;
      const c = cohesiveCount(span, evidence);
      if (c > 0) cohesive[span] = c;
    }
    return { id, first: splitKeywordLine(keywordLine, (p) => cohesive[p] ?? 0, () => false), cohesive };
  }

  private learnt: Iterator<Learnt> | null = null;

  /**
   * Second pass: the final keywords of an article's line, with what the archive taught.
   * Articles come in the order the first pass saw them; one the first pass did not see is
   * split on its own evidence and the archive's statistics.
   */
  keywordsOf(id: string, keywordLine: string, text: string): string[] {
    if (this.candidates) this.countVotes();
    this.learnt ??= this.spill ? this.spill.read() : null;
    let found: Learnt | null = null;
    while (this.learnt) {
      const next = this.learnt.next();
      if (next.done) {
        this.learnt = null;
        break;
      }
      if (next.value.id === id) {
        found = next.value;
        break;
      }
    }
    const { first, cohesive } = found ?? this.firstSplit(id, keywordLine, text);
    const own = new Set(first.map((k) => key(words(k))));
    const ownSpans = new Set<string>();
    if (found) for (const [span, w] of spanWords(first)) if (own.has(w)) ownSpans.add(`${span}\u0001${w}`);
    // The article's own votes are in the statistics only when the first pass counted them.
    const mine = found ? own : new Set<string>();
    const elsewhere = (m: Map<string, number>, k: string) => (m.get(k) ?? 0) - (mine.has(k) ? 1 : 0);
    const ownVotes = (phrase: string, w: string) => (this.spanVotes.get(`${phrase}\u0001${w}`) ?? 0) - (ownSpans.has(`${phrase}\u0001${w}`) ? 1 : 0);
    const coincidence = (phrase: string) =>
      elsewhere(this.support, phrase) === 0 && phrase.split(' ').every((w) => elsewhere(this.standalone, w) - ownVotes(phrase, w) > 0);
    const keywords = splitKeywordLine(
      first.join(' '),
      (p) => (coincidence(p) ? 0 : (cohesive[p] ?? 0)),
      (p) => elsewhere(this.support, p) > 0 && !coincidence(p),
    );
    this.count(keywords);
    return keywords;
  }

  // Between the passes: one read of the spill file counts the votes of the candidate spans.
  // An article the first pass did not see can only find votes for spans some seen line confirmed.
  private countVotes(): void {
    const candidates = this.candidates!;
    this.candidates = null;
    if (!this.spill || candidates.size === 0) return;
    for (const learnt of this.spill.read()) {
      const firstKeys = new Set(learnt.first.map((k) => key(words(k))));
      for (const [span, w] of spanWords(learnt.first)) {
        if (!firstKeys.has(w) || !candidates.has(span)) continue;
        const k = `${span}\u0001${w}`;
        this.spanVotes.set(k, (this.spanVotes.get(k) ?? 0) + 1);
      }
    }
  }

  /** Removes the spill file. */
  close(): void {
    this.spill?.remove();
    this.spill = null;
  }

  /** The keyword sidecar of the archive as read. */
  sidecar(): KeywordSidecar {
    const display = { ...this.display };
    for (const [k, m] of this.spellings) {
      if (display[k] !== undefined) continue;
      display[k] = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    }
    return { display, stats: { support: Object.fromEntries(this.support), standalone: Object.fromEntries(this.standalone) } };
  }
}

// Each distinct multi-word span of a split's words (normalized), with each of its words.
function* spanWords(first: string[]): Generator<[string, string]> {
  const ws = first.flatMap((k) => words(key(words(k))));
  const seen = new Set<string>();
  for (let a = 0; a < ws.length; a++) {
    for (let n = 2; n <= MAX_WORDS && a + n <= ws.length; n++) {
      const span = ws.slice(a, a + n).join(' ');
      if (seen.has(span)) continue;
      seen.add(span);
      for (const w of new Set(span.split(' '))) yield [span, w];
    }
  }
}
