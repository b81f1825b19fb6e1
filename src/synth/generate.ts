// Synthetic archives for scale tests and benchmarks, in the archive's text format. The
// vocabulary is learnt at run time from real text the caller supplies (the demo archive,
// or a corpus on disk), so nothing of any corpus is stored in the project: a unigram
// model with the real word frequencies gives postings lists of realistic lengths, and
// real keywords and a date spread over years give the date and tag indexes real work.

import { formatDayArabic } from './arabic-date';

/** A small deterministic PRNG (mulberry32), so a seed always gives the same archive. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word as the generator and its vocabulary count them: a run of Arabic letters or digits. */
const WORD = /[\u0621-\u064A\u0660-\u0669«»0-9]+/g;

/** Heaps' law: a text of n tokens has about k · n^beta distinct words. */
export interface HeapsFit {
  k: number;
  beta: number;
}

/** Least squares of log(distinct) on log(tokens) over the curve's second half (the law's regime; the first words are all new). */
export function fitHeaps(curve: Array<[number, number]>): HeapsFit {
  const points = curve.filter(([n]) => n >= 100_000);
  const use = points.length >= 2 ? points : curve;
  if (use.length < 2) return { k: 1, beta: 0.5 };
  const xs = use.map(([n]) => Math.log(n));
  const ys = use.map(([, d]) => Math.log(d));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const beta = sxx > 0 ? sxy / sxx : 0.5;
  return { k: Math.exp(my - beta * mx), beta };
}

/** Word frequencies learnt from sample texts, for sampling. */
export class Vocabulary {
  private words: string[] = [];
  private cumulative: Float64Array = new Float64Array(0);

  /** Heaps' law fitted on the sample: distinct words ≈ k · tokens^beta. */
  heaps: HeapsFit = { k: 0, beta: 0 };

  /** Learns from texts: every run of Arabic letters (and digits) is a word. */
  static fromTexts(texts: Iterable<string>, maxWords = 60_000): Vocabulary {
    const counts = new Map<string, number>();
    // (tokens, distinct) at doubling token counts, for the fit.
    const curve: Array<[number, number]> = [];
    let tokens = 0;
    let next = 1024;
    for (const text of texts) {
      for (const w of text.match(WORD) ?? []) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        if (++tokens === next) {
          curve.push([tokens, counts.size]);
          next *= 2;
        }
      }
    }
    curve.push([tokens, counts.size]);
    const v = new Vocabulary();
    v.heaps = fitHeaps(curve);
    const sorted = [...counts].sort((a, b) => b[1] - a[1]).slice(0, maxWords);
    v.words = sorted.map(([w]) => w);
    v.cumulative = new Float64Array(sorted.length);
    let total = 0;
    sorted.forEach(([, c], i) => {
      total += c;
      v.cumulative[i] = total;
    });
    return v;
  }

  get size(): number {
    return this.words.length;
  }

  /** Expected distinct words among n draws from the frequencies: Σ 1 − e^(−n·p). */
  expectedDistinct(n: number): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    let sum = 0;
    let prev = 0;
    for (let i = 0; i < this.cumulative.length; i++) {
      const p = (this.cumulative[i]! - prev) / total;
      prev = this.cumulative[i]!;
      sum += 1 - Math.exp(-n * p);
    }
    return sum;
  }

  /** A word drawn with its real frequency. */
  sample(random: () => number): string {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const x = random() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] ?? '';
  }
}

/** Settings for a synthetic archive. */
export interface SynthOptions {
  count: number;
  seed: number;
  /** First and last day of the date spread. */
  from: string;
  to: string;
  keywords: string[];
  outlets: string[];
  /** New words keep appearing as the archive grows, following this (see Growth); without it the vocabulary is the sample's alone. */
  growth?: Growth;
  /** Share of articles that are copies of a recent one (wire copies), with a few words changed. */
  duplicates?: number;
}

/** Tokens of an average synthetic article (headline, date line, body, source, keywords, related headlines). */
export const TOKENS_PER_ARTICLE = 314;

// Share of an archive's tokens that are fresh draws from the learnt frequencies: not the
// date lines, keywords and sources, nor the bodies of wire copies.
const SAMPLED_SHARE = 0.83;

// Letters of the minted words' stems: none of the prefix letters (ا ب ف ل و) nor the
// letters that only end or carry hamza, so that a prefix, an inserted alef or a suffix can
// be told apart from the stem and every minted spelling is different from every other.
const STEM_LETTERS = 'تثجحخدذرزسشصضطظعغقكمنهي';
const PREFIXES = ['و', 'وب', 'فل', 'بال'];

/** The spelling of the id-th new word: a name, a number or a rare (prefixed) form; distinct for distinct ids. */
export function mintedWord(id: number): string {
  const kind = id % 10;
  if (kind < 2) return String(100_003 + id * 7);
  // Bijective base-23 of an offset id: at least three letters, one spelling per id.
  let n = id + 1 + 23 + 23 * 23;
  let stem = '';
  while (n > 0) {
    const d = (n - 1) % 23;
    stem = STEM_LETTERS[d]! + stem;
    n = Math.floor((n - 1) / 23);
  }
  if (kind < 7) return `${stem[0]}ا${stem.slice(1)}`;
  return `${PREFIXES[Math.floor(id / 10) % PREFIXES.length]}${stem}${id % 3 === 0 ? 'ات' : ''}`;
}

/**
 * How many new words the archive has minted before an article: the Heaps fit's distinct
 * words at that many tokens, less what sampling the learnt frequencies is expected to give
 * on its own (which saturates at the vocabulary's size). Articles' token counts vary, so
 * the i-th article is placed at i · TOKENS_PER_ARTICLE tokens.
 */
export class Growth {
  private grid: Float64Array;
  private expected: Float64Array;

  constructor(
    readonly fit: HeapsFit,
    vocabulary: Vocabulary,
  ) {
    // Expected distinct sampled words on a logarithmic grid of token counts, interpolated.
    const points = 160;
    this.grid = new Float64Array(points);
    this.expected = new Float64Array(points);
    for (let g = 0; g < points; g++) {
      const n = Math.exp((g / (points - 1)) * Math.log(1e11));
      this.grid[g] = n;
      this.expected[g] = vocabulary.expectedDistinct(n);
    }
  }

  private sampled(n: number): number {
    if (n <= 1) return n;
    const g = (Math.log(n) / Math.log(1e11)) * (this.grid.length - 1);
    const lo = Math.min(this.grid.length - 2, Math.floor(g));
    const t = g - lo;
    return this.expected[lo]! * (1 - t) + this.expected[lo + 1]! * t;
  }

  /** New words minted before the i-th article. */
  mintedBefore(i: number): number {
    const n = i * TOKENS_PER_ARTICLE;
    if (n === 0) return 0;
    return Math.max(0, Math.floor(this.fit.k * n ** this.fit.beta - this.sampled(n * SAMPLED_SHARE)));
  }

  /** What the fit predicts for n tokens. */
  predicted(n: number): number {
    return Math.round(this.fit.k * n ** this.fit.beta);
  }
}

function words(v: Vocabulary, random: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(v.sample(random));
  return out.join(' ');
}

/** The i-th article's date and body, from its own random stream (a copy of it redraws them). */
function draft(i: number, v: Vocabulary, opts: SynthOptions): { random: () => number; when: Date; hour: number; minute: number; paragraphs: string[] } {
  const random = rng(opts.seed * 1_000_003 + i);
  const start = Date.parse(`${opts.from}T00:00:00Z`);
  const span = Date.parse(`${opts.to}T00:00:00Z`) - start;
  const when = new Date(start + Math.floor(random() * (span / 86_400_000 + 1)) * 86_400_000);
  const hour = 1 + Math.floor(random() * 12);
  const minute = Math.floor(random() * 60);
  const paragraphs: string[] = [];
  const target = 150 + Math.floor(random() * 250);
  let written = 0;
  while (written < target) {
    const n = Math.min(target - written, 25 + Math.floor(random() * 40));
    paragraphs.push(`${words(v, random, n)}.`);
    written += n;
    if (random() < 0.15) paragraphs.push(words(v, random, 2));
  }
  return { random, when, hour, minute, paragraphs };
}

// Puts the article's new words (each at least once) and some earlier ones (names recur,
// the recent more often) in place of sampled words. A stream of its own leaves the
// article's other draws as they are without growth.
function mint(i: number, growth: Growth, seed: number, paragraphs: string[]): void {
  const random = rng(seed * 1_000_033 + i);
  const first = growth.mintedBefore(i);
  const fresh = growth.mintedBefore(i + 1) - first;
  const split = paragraphs.map((p) => p.split(' '));
  const taken = new Set<string>();
  const place = (word: string) => {
    // A new word never takes the place of another new word, which would then be lost.
    for (let tries = 0; tries < 8; tries++) {
      const p = Math.floor(random() * split.length);
      const w = Math.floor(random() * split[p]!.length);
      if (taken.has(`${p} ${w}`)) continue;
      taken.add(`${p} ${w}`);
      split[p]![w] = word;
      return;
    }
    split[split.length - 1]!.push(word);
  };
  for (let k = 0; k < fresh; k++) place(mintedWord(first + k));
  const recurring = first > 0 ? Math.floor(random() * 6) : 0;
  for (let k = 0; k < recurring; k++) place(mintedWord(Math.floor(first * (1 - random() ** 3))));
  split.forEach((p, k) => (paragraphs[k] = p.join(' ')));
}

/** The text of the i-th synthetic article, in the archive's export format. */
export function synthArticle(i: number, v: Vocabulary, opts: SynthOptions, titles: (j: number) => string): string {
  const { random, when, hour, minute, paragraphs: own } = draft(i, v, opts);
  const day = when.toISOString().slice(0, 10);
  let paragraphs = own;
  let outletOffset = 0;
  if (opts.duplicates && i > 0) {
    // A wire copy: a recent article's body under another outlet, a few words changed.
    const dup = rng(opts.seed * 1_000_037 + i);
    if (dup() < opts.duplicates) {
      const j = i - 1 - Math.floor(dup() * Math.min(i, 30));
      const source = draft(j, v, opts).paragraphs;
      if (opts.growth) mint(j, opts.growth, opts.seed, source);
      paragraphs = source.map((p) => p.split(' ').map((w) => (dup() < 0.03 ? v.sample(dup) : w)).join(' '));
      outletOffset = 1 + Math.floor(dup() * Math.max(1, opts.outlets.length - 1));
    }
  }
  if (opts.growth) mint(i, opts.growth, opts.seed, paragraphs);
  const kw = new Set<string>();
  const kwCount = 3 + Math.floor(random() * 4);
  while (kw.size < Math.min(kwCount, opts.keywords.length)) kw.add(opts.keywords[Math.floor(random() * opts.keywords.length)]!);
  // Related stories: a few earlier articles of the archive (chains), sometimes none.
  const related: string[] = [];
  if (i > 0 && random() < 0.7) {
    const n = 1 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) related.push(titles(Math.floor(random() * i)));
  }
  const outletAt = Math.floor(random() * opts.outlets.length);
  const outlet = opts.outlets[(outletAt + outletOffset) % Math.max(1, opts.outlets.length)] ?? 'أرشيف تجريبي';
  const parts = [
    titles(i),
    `${formatDayArabic(day, random() < 0.3)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} ${random() < 0.5 ? 'ص' : 'م'}`,
    ...paragraphs,
    `المصدر | ${outlet}`,
    '  كلمات مفتاحية',
    [...kw].join(' '),
    ...related,
  ];
  return parts.join('\n\n') + '\n';
}

/** Headline of the i-th article: drawn from the vocabulary, stable for a seed. */
export function synthTitle(i: number, v: Vocabulary, seed: number): string {
  const random = rng(seed * 7919 + i * 31 + 17);
  return words(v, random, 5 + Math.floor(random() * 7));
}
