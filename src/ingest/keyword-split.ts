// The keyword line is written with single spaces between keywords and inside them
// (`إيران أمريكا طهران الدولة الإسلامية أوباما خامنئي`), so where one keyword ends is
// not written down. We recover it from evidence: a run of words is one keyword when the
// article itself uses that run as a phrase (in its headline or body, with nothing but
// spaces between the words), or when other articles of the archive confirmed it as a
// phrase that way. Adjacent keywords are proper nouns or topic labels, which Arabic
// prose never juxtaposes without و or punctuation, so a false join needs a coincidence
// in running text; a missed join needs an article that never spells its own keyword.
// A quotation mark after a name's head noun does not break it (مجموعة «العشرين»), and a
// run of words that is a known name of several words (gazetteer.ts) is one keyword
// without evidence.

import { MULTIWORD_NAMES } from '../analysis/gazetteer';
import { normalize } from '../analysis/normalize';

/** Longest keyword, in words, that the splitter will consider. */
const MAX_WORDS = 5;

/** Clitics a keyword may carry in running text without ceasing to be that keyword (والدولة الإسلامية). */
const CLITICS = ['', 'و', 'ب', 'ل', 'ف', 'ك', 'وب', 'ول', 'فب', 'فل', 'لل', 'ولل', 'فلل'];

/** The words of a keyword line as written (a quotation mark standing alone is no word). */
export function keywordWords(line: string): string[] {
  return line.split(/[\s\u00A0]+/).filter((w) => w && !ONLY_QUOTES.test(w));
}
const words = keywordWords;

/** The key a phrase of a keyword line is looked up under: normalized, quotation marks dropped (مجموعة «السبع»). */
export function keywordKey(wordsOfPhrase: string[]): string {
  return wordsOfPhrase.map((w) => normalize(w.replace(QUOTES, ''))).join(' ');
}
const key = keywordKey;

// Quotation marks and guillemets. A news text quotes the distinctive part of a name after
// its head noun (مجموعة «العشرين», تنظيم "داعش"), but also an alias after a complete name
// (الدولة الإسلامية «داعش») and a quotation after a speaker (قال خامنئي «إيران …»).
const QUOTE = /[«»‹›“”„‟"'‘’‚‛〝〞〟「」『』]/u;
const QUOTES = new RegExp(QUOTE.source, 'gu');
const ONLY_QUOTES = new RegExp(`^(?:${QUOTE.source})+$`, 'u');
/** Longest quoted part, in words, that can finish a name begun by the word before it. */
const MAX_QUOTED = MAX_WORDS - 1;

/**
 * A run that only bridges a quotation mark: its first word (a head noun) and the words
 * quoted after it. Only phrases that start at that first word and cross the mark count.
 */
export type BridgeRun = string[] & { bridge: true };

function isBridge(run: string[]): run is BridgeRun {
  return (run as Partial<BridgeRun>).bridge === true;
}

// A head noun before a quoted name is in the construct state, which never takes the
// article: الإسلامية «داعش» (an alias after the name) gets no bridge; مجموعة «السبع» does.
const DEFINITE = /^(?:[وفبك]?ال|[وف]?لل)/;

/**
 * Normalized runs of words of a text, split wherever anything but whitespace separates two
 * words: a candidate keyword must occur inside one run. A quotation mark splits too, but a
 * short quoted part (at most MAX_QUOTED words, its closing mark present) also forms a
 * bridge run with the single word before it when that word is no definite noun: the
 * phrase مجموعة السبع of مجموعة «السبع», and no word counted twice.
 */
export function phraseRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const chunk of text.split(/[^\p{L}\p{M}\p{N}\p{Cf}\s\u00A0+«»‹›“”„‟"'‘’‚‛〝〞〟「」『』]+/u)) {
    // Pieces between quotation marks; odd pieces are quoted (marks pair up in order, so a
    // text that writes »…« or "…" reads the same as «…»).
    const pieces = chunk.split(QUOTES).map((p) => words(p).map((w) => normalize(w)).filter(Boolean));
    pieces.forEach((ws, i) => {
      if (ws.length > 0) runs.push(ws);
      const quoted = i % 2 === 1 && i + 1 < pieces.length;
      const before = pieces[i - 1];
      if (!quoted || ws.length === 0 || ws.length > MAX_QUOTED || !before?.length) return;
      const head = before[before.length - 1]!;
      if (DEFINITE.test(head)) return;
      runs.push(Object.assign([head, ...ws], { bridge: true as const }));
    });
  }
  return runs;
}

/** Counts, in the given runs, the occurrences of every word and word sequence up to MAX_WORDS words. */
export function phraseCounts(runs: string[][], wanted?: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  // Only positions whose word (without a clitic) starts some wanted phrase are worth a look.
  const firstWords = wanted ? new Set([...wanted].map((p) => p.split(' ')[0]!)) : null;
  for (const run of runs) {
    const bridge = isBridge(run);
    for (let i = 0; i < (bridge ? 1 : run.length); i++) {
      const first = run[i]!;
      const bares: string[] = [];
      for (const c of CLITICS) {
        if (c && !first.startsWith(c)) continue;
        // لل is ل + ال with the alef dropped: للدولة is ل + الدولة.
        const bare = c.endsWith('لل') ? `ال${first.slice(c.length)}` : first.slice(c.length);
        if (!firstWords || firstWords.has(bare)) bares.push(bare);
      }
      if (bares.length === 0) continue;
      for (let n = bridge ? 2 : 1; n <= MAX_WORDS && i + n <= run.length; n++) {
        const rest = run.slice(i + 1, i + n).join(' ');
        for (const bare of bares) {
          const phrase = rest ? `${bare} ${rest}` : bare;
          if (wanted && !wanted.has(phrase)) continue;
          counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

/** The words and multi-word spans of a keyword line (normalized), for evidence lookups. */
export function candidateSpans(line: string): Set<string> {
  const ws = words(line);
  const out = new Set<string>();
  for (let i = 0; i < ws.length; i++) {
    for (let n = 1; n <= MAX_WORDS && i + n <= ws.length; n++) out.add(key(ws.slice(i, i + n)));
  }
  return out;
}

let knownNames: Set<string> | undefined;

/** Whether a normalized phrase is a name of several words the gazetteer lists. */
export function isKnownName(phrase: string): boolean {
  knownNames ??= new Set(MULTIWORD_NAMES.split('\n').map((l) => words(l)).filter((ws) => ws.length > 1).map(key));
  return knownNames.has(phrase);
}

/**
 * Splits one keyword line into keywords. `inArticle` tells how often a normalized
 * phrase occurs in the article's own text; `inArchive` whether other articles confirmed
 * it; a name of several words the gazetteer lists needs neither. Among all splits, the
 * one that joins the most words into evidenced phrases wins;
 * ties go to fewer, longer keywords.
 */
export function splitKeywordLine(
  line: string,
  inArticle: (phrase: string) => number,
  inArchive: (phrase: string) => boolean,
): string[] {
  const ws = words(line);
  const n = ws.length;
  // best[i] = [joined words, -keyword count] for the suffix starting at i.
  const best: Array<{ joined: number; pieces: number; next: number }> = new Array(n + 1);
  best[n] = { joined: 0, pieces: 0, next: n };
  for (let i = n - 1; i >= 0; i--) {
    let choice = { joined: best[i + 1]!.joined, pieces: best[i + 1]!.pieces + 1, next: i + 1 };
    for (let len = 2; len <= MAX_WORDS && i + len <= n; len++) {
      const phrase = key(ws.slice(i, i + len));
      if (inArticle(phrase) === 0 && !inArchive(phrase) && !isKnownName(phrase)) continue;
      const rest = best[i + len]!;
      const cand = { joined: rest.joined + len, pieces: rest.pieces + 1, next: i + len };
      if (cand.joined > choice.joined || (cand.joined === choice.joined && cand.pieces < choice.pieces)) choice = cand;
    }
    best[i] = choice;
  }
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    const next = best[i]!.next;
    out.push(ws.slice(i, next).join(' '));
    i = next;
  }
  return out;
}

/**
 * How often the article uses a phrase as a unit: its count, or 0 when its rarest word
 * occurs outside it more than twice as often as inside. A keyword's words cling together (حسن روحاني: حسن never
 * comes alone); two keywords that meet by chance in a sentence (وزارة الحج السعودية)
 * also occur apart far more often than together.
 */
export function cohesiveCount(phrase: string, counts: Map<string, number>): number {
  const together = counts.get(phrase) ?? 0;
  if (together === 0) return 0;
  let rarest = Infinity;
  for (const w of phrase.split(' ')) rarest = Math.min(rarest, counts.get(w) ?? 0);
  return together * 3 >= rarest ? together : 0;
}

/** Evidence one article gives about its keyword line: counts of the line's words and spans in its text. */
export function keywordEvidence(keywordLine: string, text: string): Map<string, number> {
  const spans = candidateSpans(keywordLine);
  return spans.size ? phraseCounts(phraseRuns(text), spans) : new Map();
}

/** One keyword line with its article's evidence. */
export interface KeywordItem {
  keywordLine: string;
  evidence: Map<string, number>;
}

/**
 * What the archive has learnt about keywords: how many articles confirmed each phrase,
 * and how many lines used each word as a keyword on its own. Kept in the index so that
 * articles added later are split with the same knowledge.
 */
export interface KeywordStats {
  support: Record<string, number>;
  standalone: Record<string, number>;
}

/**
 * Splits the keyword lines of a whole archive. First each line is split on its own
 * article's evidence. The archive then arbitrates: a phrase confirmed that way becomes
 * vocabulary that settles lines whose articles never spell a keyword out, unless it is a
 * coincidence — every one of its words stands alone as a keyword in other lines while
 * no other article confirms the phrase (`الحج السعودية` from «وزارة الحج السعودية»).
 * `prior` carries the statistics of articles already in the index.
 */
export function splitArchiveKeywords(items: KeywordItem[], prior?: KeywordStats): { keywords: string[][]; stats: KeywordStats } {
  const local = items.map((item) => {
    const cohesive = (p: string) => cohesiveCount(p, item.evidence);
    const first = splitKeywordLine(item.keywordLine, cohesive, () => false);
    return { cohesive, first };
  });

  const standalone = new Map<string, number>(Object.entries(prior?.standalone ?? {}));
  const support = new Map<string, number>(Object.entries(prior?.support ?? {}));
  for (const { first } of local) {
    for (const kw of new Set(first.map((k) => key(words(k))))) {
      const target = kw.includes(' ') ? support : standalone;
      target.set(kw, (target.get(kw) ?? 0) + 1);
    }
  }
  // A line that holds the phrase itself (unsplit for lack of evidence) is no vote for its
  // words standing alone: count, per phrase, the standalone votes of such lines. The lines
  // holding each multi-word span are indexed once, so the count costs the phrase's own
  // lines rather than a scan of the whole archive per question.
  const firstKeys = local.map(({ first }) => new Set(first.map((k) => key(words(k)))));
  const linesWithSpan = new Map<string, number[]>();
  local.forEach(({ first }, i) => {
    const ws = first.flatMap((k) => words(key(words(k))));
    const seen = new Set<string>();
    for (let a = 0; a < ws.length; a++) {
      for (let n = 2; n <= MAX_WORDS && a + n <= ws.length; n++) {
        const span = ws.slice(a, a + n).join(' ');
        if (seen.has(span)) continue;
        seen.add(span);
        const list = linesWithSpan.get(span);
        if (list) list.push(i);
        else linesWithSpan.set(span, [i]);
      }
    }
  });
  const ownVotes = (phrase: string, w: string, self: number) => {
    let votes = 0;
    for (const i of linesWithSpan.get(phrase) ?? []) if (i !== self && firstKeys[i]!.has(w)) votes++;
    return votes;
  };

  const keywords = local.map(({ cohesive, first }, self) => {
    const own = firstKeys[self]!;
    const elsewhere = (m: Map<string, number>, k: string) => (m.get(k) ?? 0) - (own.has(k) ? 1 : 0);
    const coincidence = (phrase: string) =>
      elsewhere(support, phrase) === 0 && phrase.split(' ').every((w) => elsewhere(standalone, w) - ownVotes(phrase, w, self) > 0);
    return splitKeywordLine(
      first.join(' '),
      (p) => (coincidence(p) ? 0 : cohesive(p)),
      (p) => elsewhere(support, p) > 0 && !coincidence(p),
    );
  });
  return { keywords, stats: { support: Object.fromEntries(support), standalone: Object.fromEntries(standalone) } };
}
