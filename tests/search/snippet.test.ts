import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../src/analysis/analyzer';
import { tokenSpans } from '../../src/analysis/tokenize';
import { Matcher, bestSnippet, highlightAll, snippetByScan, type MatchedTerms } from '../../src/search/snippet';
import { demoArticlesDir, sharedDir } from '../support/cli';
import { readZip } from '../../src/ingest/zip';
import { existsSync } from 'node:fs';

/** The terms a query of these words matches, as the engine would report them. */
function termsOf(...words: string[]): MatchedTerms {
  const exact = new Set<string>();
  const stems = new Set<string>();
  for (const w of words) {
    const a = analyzeWord(w);
    if (!a) continue;
    exact.add(a.exact);
    for (const s of a.stems) stems.add(s);
  }
  return { exact, stems };
}

const demoTexts = readdirSync(demoArticlesDir).map((f) => readFileSync(path.join(demoArticlesDir, f), 'utf8'));

/** Every distinct spelling of a word in the demo archive. */
function demoSpellings(): string[] {
  const spellings = new Set<string>();
  for (const text of demoTexts) {
    const { starts, ends } = tokenSpans(text);
    starts.forEach((s, i) => spellings.add(text.slice(s, ends[i])));
  }
  return [...spellings];
}

const snnDay = path.join(sharedDir, 'corpora', 'saudinewsnet', '2015-08-01.zip');
const haveSnn = existsSync(snnDay);
if (!haveSnn) console.warn(`snippet.test: ${snnDay} is absent (../shared not mounted); the real-article matcher and snippet checks are skipped`);

/** The articles (headline and body) of one SaudiNewsNet day. */
function snnTexts(): string[] {
  const [entry] = readZip(readFileSync(snnDay));
  const records = JSON.parse(entry!.read().toString('utf8')) as Array<{ title?: string; content: string }>;
  return records.flatMap((r) => [r.title ?? '', r.content]).filter((t) => t.length > 0);
}

describe('Matcher', () => {
  it('never rejects in its cheap letter check a word that matches (every word of the demo archive, 60 queries)', () => {
    const words = demoSpellings();
    // Queries: every 40th spelling of the archive, plus words whose forms change letters.
    words.push('مدته', 'رسالتي', 'حكومتي', 'مباراتين', 'مؤتمر', 'موتمر', 'المسوولين', 'رييس', 'الرئيس');
    const queries = [...words.filter((_, i) => i % 40 === 0).slice(0, 50), 'رسالة', 'مسؤول', 'سوريا', 'أمريكي', 'الله', 'مباراة', 'مدينة', 'إيران', '2014', 'ليبيا', 'مدة', 'حكومة', 'وزير', 'شركة', 'موتمر', 'مؤتمر', 'رييس', 'المسؤولين'];
    let matched = 0;
    let skipped = 0;
    const analyses = words.map((w) => analyzeWord(w));
    for (const q of queries) {
      const terms = termsOf(q);
      const matcher = new Matcher(terms);
      for (const [i, w] of words.entries()) {
        const full = matcher.matches(w);
        // The matcher's own shortcut (a stem's beginning must be in the word) loses nothing.
        const a = analyses[i];
        const want = !!a && (terms.exact.has(a.exact) || a.stems.some((s) => terms.stems.has(s)));
        // (expect() only on a mismatch: hundreds of thousands of passing calls cost seconds.)
        if (full !== want) expect(full, `${q} / ${w}`).toBe(want);
        const cheap = matcher.couldMatch(w, 0, w.length);
        if (full) {
          matched++;
          if (!cheap) expect(cheap, `${q} / ${w}`).toBe(true);
        } else if (!cheap) skipped++;
      }
    }
    expect(matched).toBeGreaterThan(180);
    // The check is worth having only if it turns most words away.
    expect(skipped / (queries.length * words.length)).toBeGreaterThan(0.8);
  });

  it.skipIf(!haveSnn)('finds every spelling of a SaudiNewsNet day under each of its stems, by letters, by probe and by analysis', () => {
    // The matcher looks only at words holding a stem's head (all of the stem but its last
    // letter): a word whose stem it is must hold it, however the analyzer changed the word.
    const byStem = new Map<string, Set<string>>();
    const seen = new Set<string>();
    for (const text of snnTexts()) {
      const { starts, ends } = tokenSpans(text);
      for (let i = 0; i < starts.length; i++) {
        const w = text.slice(starts[i], ends[i]);
        if (seen.has(w)) continue;
        seen.add(w);
        for (const s of analyzeWord(w)?.stems ?? []) {
          let words = byStem.get(s);
          if (!words) byStem.set(s, (words = new Set()));
          words.add(w);
        }
      }
    }
    let pairs = 0;
    const missed: string[] = [];
    for (const [stem, words] of byStem) {
      const matcher = new Matcher({ exact: new Set(), stems: new Set([stem]) });
      for (const w of words) {
        pairs++;
        const spans = matcher.matchedSpans(w);
        const found = matcher.couldMatch(w, 0, w.length) && matcher.matches(w) && (spans === null || (spans.length === 1 && spans[0]![0] === 0 && spans[0]![1] === w.length));
        if (!found) missed.push(`${stem} <- ${w}`);
      }
    }
    expect(pairs).toBeGreaterThan(50_000);
    expect(missed).toEqual([]);
    // A stem before ء dropped by the analyzer from a run of ي and ى: the probe must find it.
    const matcher = new Matcher({ exact: new Set(), stems: new Set(analyzeWord('السيىء')!.stems) });
    expect(matcher.matchedSpans('عن الوضع السيىء اليوم')).toEqual([[9, 15]]);
  });

  it('marks forms written with diacritics, tatweel, Persian letters and presentation forms', () => {
    const matcher = new Matcher(termsOf('كتاب'));
    for (const w of ['الكِتَابُ', 'الكتـــاب', 'الکتاب', '\uFEDB\uFE98\uFE8E\uFE8F']) {
      expect(highlightAll(`في ${w} اليوم`, matcher).highlights, w).toEqual([[3, 3 + w.length]]);
    }
  });

  it('marks a final hamza written ىء or يء, which the analyzer reads as ئ, as the full scan does', () => {
    const text = 'أعلنت الحكومة حالة الطوارىء في المدن، وقالت إن الشاطىء مغلق ولا شيء يدعو إلى القلق ولا شئ آخر.';
    for (const [query, words] of [
      ['طوارئ', ['الطوارىء']],
      ['الشاطئ', ['الشاطىء']],
      ['شيء', ['شيء', 'شئ']],
    ] as const) {
      const s = bestSnippet(text, new Matcher(termsOf(query)));
      expect(s.highlights.map(([a, b]) => s.text.slice(a, b)), query).toEqual(words);
      expect(s).toEqual(snippetByScan(text, new Matcher(termsOf(query))));
    }
  });

  it('marks a word that matched by its stem alone where the stem ends in ء and the word writes يئ (شيئا for شيء)', () => {
    const text = 'لم يقل المتحدث شيئا عن الموعد، ولم يضف أشياء أخرى.';
    const terms: MatchedTerms = { exact: new Set(), stems: new Set(analyzeWord('شيء')!.stems) };
    const s = bestSnippet(text, new Matcher(terms));
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['شيئا']);
    expect(highlightAll(text, terms).highlights.map(([a, b]) => text.slice(a, b))).toEqual(['شيئا']);
  });

  it('marks the words a query matched in the snippet, in their original spelling', () => {
    const text = 'قال مسؤول إنّ الرسالة وصلت. ثم أكد أن رسالتين أخريين في الطريق إلى الوزارة.';
    const s = bestSnippet(text, termsOf('رسالة'));
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['الرسالة', 'رسالتين']);
  });
});


describe('bestSnippet from the probed matches', () => {
  /** Compares the probed snippet with the word-by-word scan for each query over each text. */
  function compare(texts: string[], queries: string[][], windows = [24]): { compared: number; withMatches: number } {
    let compared = 0;
    let withMatches = 0;
    for (const q of queries) {
      const terms = termsOf(...q);
      for (const text of texts) {
        for (const words of windows) {
          const fast = bestSnippet(text, new Matcher(terms), words);
          const scan = snippetByScan(text, new Matcher(terms), words);
          expect(fast, `${q.join(' ')} / ${words} words / ${text.slice(0, 60)}`).toEqual(scan);
          compared++;
          if (scan.highlights.length > 0) withMatches++;
        }
      }
    }
    return { compared, withMatches };
  }

  it('gives exactly the window the full scan gives, on every demo article for 30 queries and several window sizes', () => {
    const words = demoSpellings();
    const queries = [...words.filter((_, i) => i % 90 === 0).slice(0, 20).map((w) => [w]), ['رسالة'], ['مسؤول'], ['إيران'], ['2014'], ['الله'], ['مدينة'], ['أمريكي'], ['في'], ['إيران', 'طهران'], ['سوريا', 'روسيا']];
    const { compared, withMatches } = compare(demoTexts, queries, [24, 1, 4, 7, 60]);
    expect(compared).toBe(queries.length * demoTexts.length * 5);
    expect(withMatches).toBeGreaterThan(500);
  });

  it('handles the edges: matches at the start and end, short texts, numbers, glued clitics and no match', () => {
    const texts = [
      'إيران',
      'إيران وطهران',
      '  «إيران» ',
      'قال المتحدث إن إيران',
      'في عام ٢٠١٤م وصل الـ20 وفدا إلى إيران بعد 3.5 سنوات، ثم عاد.',
      Array.from({ length: 80 }, (_, i) => (i % 37 === 5 ? 'الإيرانيين' : `كلمة${i % 7}`)).join(' '),
      Array.from({ length: 80 }, (_, i) => (i === 77 ? 'لإيران.' : 'نص')).join(' '),
      Array.from({ length: 80 }, (_, i) => (i === 2 ? 'إيرانُ' : 'نص')).join('، '),
      Array.from({ length: 30 }, (_, i) => (i === 6 || i === 29 ? 'إيـران' : 'نص')).join(' '),
      'لا شيء هنا يطابق',
      '',
    ];
    compare(texts, [['إيران'], ['2014'], ['20'], ['3.5'], ['نص']], [24, 1, 2, 4, 30]);
  });

  it.skipIf(!haveSnn)('gives exactly the window the full scan gives on a day of SaudiNewsNet articles', () => {
    const texts = snnTexts();
    const { compared, withMatches } = compare(texts, [['السعودية'], ['إيران'], ['اليمن'], ['النفط'], ['مسؤول'], ['2015'], ['الهلال', 'النصر']]);
    expect(compared).toBeGreaterThan(1000);
    expect(withMatches).toBeGreaterThan(300);
  });
});
