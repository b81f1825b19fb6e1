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

/** Word frequencies learnt from sample texts, for sampling. */
export class Vocabulary {
  private words: string[] = [];
  private cumulative: Float64Array = new Float64Array(0);

  /** Learns from texts: every run of Arabic letters (and digits) is a word. */
  static fromTexts(texts: Iterable<string>, maxWords = 60_000): Vocabulary {
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const w of text.match(/[\u0621-\u064A\u0660-\u0669«»0-9]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const v = new Vocabulary();
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
}

function words(v: Vocabulary, random: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(v.sample(random));
  return out.join(' ');
}

/** The text of the i-th synthetic article, in the archive's export format. */
export function synthArticle(i: number, v: Vocabulary, opts: SynthOptions, titles: (j: number) => string): string {
  const random = rng(opts.seed * 1_000_003 + i);
  const start = Date.parse(`${opts.from}T00:00:00Z`);
  const span = Date.parse(`${opts.to}T00:00:00Z`) - start;
  const when = new Date(start + Math.floor(random() * (span / 86_400_000 + 1)) * 86_400_000);
  const day = when.toISOString().slice(0, 10);
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
  const kw = new Set<string>();
  const kwCount = 3 + Math.floor(random() * 4);
  while (kw.size < Math.min(kwCount, opts.keywords.length)) kw.add(opts.keywords[Math.floor(random() * opts.keywords.length)]!);
  // Related stories: a few earlier articles of the archive (chains), sometimes none.
  const related: string[] = [];
  if (i > 0 && random() < 0.7) {
    const n = 1 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) related.push(titles(Math.floor(random() * i)));
  }
  const outlet = opts.outlets[Math.floor(random() * opts.outlets.length)] ?? 'أرشيف تجريبي';
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
