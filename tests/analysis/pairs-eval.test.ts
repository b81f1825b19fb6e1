// The analyzer against the development set of (query word, document word) pairs:
// the brief's bar is recall ≥ 95% and false matches ≤ 5% (Light-10 on the development set: 75% / 67%).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../src/analysis/analyzer';
import { evaluatePairs, formatEvaluation, loadPairs } from '../support/pairs';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A document matches a query word when some token shares its exact form or a stem with it. */
function matches(query: string, document: string): boolean {
  const q = analyzeText(query);
  const d = analyzeText(document);
  if (q.length === 0) return false;
  return q.every((qt) =>
    d.some((dt) => dt.exact === qt.exact || dt.stems.some((s) => qt.stems.includes(s))),
  );
}

// The development set was used while writing the rules; the held-out sets were written
// without looking at the analyzer, to tell whether the rules generalise. The second one was
// only reported until the analyzer met the bar on it (version 2); it now guards against
// regressions, and is still never used to choose rules or words. The third was written
// blind in session 4 and scored 96.2% / 2.7% with version 4; its failures then showed
// general patterns that version 5 fixes (a final ئ written ىء, nouns in ت, the construct
// plural in و), so it is a guard now, no longer a blind measure. Three of its pairs, judged
// wrong on review (a derived adjective, and two words that really are ambiguous), were
// left out.
describe.each([
  ['development set', 'arabic-pairs.tsv'],
  ['held-out set', 'arabic-pairs-holdout.tsv'],
  ['second held-out set', 'arabic-pairs-holdout2.tsv'],
  ['third held-out set', 'arabic-pairs-holdout3.tsv'],
])('analyzer on the word-pair %s', (_, file) => {
  const pairs = loadPairs(fixture(file));
  const result = evaluatePairs(pairs, matches);
  if (process.env.NEWSQ_PAIRS_REPORT) console.log(formatEvaluation(file, result));

  it('finds at least 95% of the pairs that should match', () => {
    if (result.recall < 0.95) console.log(result.missed.map((p) => `${p.query} ${p.document} (${p.kind})`).join('\n'));
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('wrongly matches at most 5% of the traps', () => {
    if (result.falseMatchRate > 0.05) console.log(result.wrongly.map((p) => `${p.query} ${p.document} (${p.kind}: ${p.note})`).join('\n'));
    expect(result.falseMatchRate).toBeLessThanOrEqual(0.05);
  });
});
