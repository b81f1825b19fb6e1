import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../../src/core/analysis/analyzer';
import { tokenSpans } from '../../../src/core/analysis/tokenize';
import { Matcher, bestSnippet, highlightAll, type MatchedTerms } from '../../../src/core/snippet';
import { demoArticlesDir } from '../../support/cli';

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

describe('Matcher', () => {
  it('never rejects in its cheap letter check a word that matches (every word of the demo archive, 60 queries)', () => {
    const spellings = new Set<string>();
    for (const text of demoTexts) {
      const { starts, ends } = tokenSpans(text);
      starts.forEach((s, i) => spellings.add(text.slice(s, ends[i])));
    }
    const words = [...spellings];
    // Queries: every 40th spelling of the archive, plus words whose forms change letters.
    const queries = [...words.filter((_, i) => i % 40 === 0).slice(0, 50), 'رسالة', 'مسؤول', 'سوريا', 'أمريكي', 'الله', 'مباراة', 'مدينة', 'إيران', '2014', 'ليبيا'];
    let matched = 0;
    let skipped = 0;
    for (const q of queries) {
      const matcher = new Matcher(termsOf(q));
      for (const w of words) {
        const full = matcher.matches(w);
        const cheap = matcher.couldMatch(w, 0, w.length);
        if (full) {
          matched++;
          expect(cheap, `${q} / ${w}`).toBe(true);
        } else if (!cheap) skipped++;
      }
    }
    expect(matched).toBeGreaterThan(200);
    // The check is worth having only if it turns most words away.
    expect(skipped / (queries.length * words.length)).toBeGreaterThan(0.8);
  });

  it('marks forms written with diacritics, tatweel, Persian letters and presentation forms', () => {
    const matcher = new Matcher(termsOf('كتاب'));
    for (const w of ['الكِتَابُ', 'الكتـــاب', 'الکتاب', '\uFEDB\uFE98\uFE8E\uFE8F']) {
      expect(highlightAll(`في ${w} اليوم`, matcher).highlights, w).toEqual([[3, 3 + w.length]]);
    }
  });

  it('marks the words a query matched in the snippet, in their original spelling', () => {
    const text = 'قال مسؤول إنّ الرسالة وصلت. ثم أكد أن رسالتين أخريين في الطريق إلى الوزارة.';
    const s = bestSnippet(text, termsOf('رسالة'));
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['الرسالة', 'رسالتين']);
  });
});
