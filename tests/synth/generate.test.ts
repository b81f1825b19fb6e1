import { describe, expect, it } from 'vitest';
import { Growth, Vocabulary, fitHeaps, mintedWord, synthArticle, synthTitle, type SynthOptions } from '../../src/synth/generate';

const texts = Array.from({ length: 200 }, (_, i) => `خبر ${i % 7} عن السعودية واليمن ${i % 13} النفط إيران ${'و'.repeat(1 + (i % 3))}قال`);
const vocabulary = Vocabulary.fromTexts(texts);
const base: SynthOptions = { count: 50, seed: 3, from: '2015-01-01', to: '2015-12-31', keywords: ['إيران', 'اليمن'], outlets: ['صوت الخليج', 'نشرة الرافدين', 'المرصد'] };
const titles = (j: number) => synthTitle(j, vocabulary, base.seed);

describe('Heaps fit', () => {
  it('recovers k and beta from a curve that follows the law', () => {
    const curve: Array<[number, number]> = [];
    for (let n = 1024; n < 1e8; n *= 2) curve.push([n, Math.round(40 * n ** 0.55)]);
    const fit = fitHeaps(curve);
    expect(fit.beta).toBeCloseTo(0.55, 2);
    expect(fit.k).toBeGreaterThan(38);
    expect(fit.k).toBeLessThan(42);
  });
});

describe('minted words', () => {
  it('are all different, of letters or digits', () => {
    const seen = new Set<string>();
    for (let id = 0; id < 200_000; id++) {
      const w = mintedWord(id);
      expect(seen.has(w)).toBe(false);
      seen.add(w);
    }
    expect(mintedWord(0)).toMatch(/^\d+$/);
    expect(mintedWord(3)).toMatch(/^[\u0621-\u064A]+$/);
  });

  it('keep appearing as the archive grows, as the fit says', () => {
    const growth = new Growth({ k: 60, beta: 0.53 }, vocabulary);
    const counts = [1_000, 100_000, 1_000_000].map((i) => growth.mintedBefore(i));
    expect(counts[0]).toBeLessThan(counts[1]!);
    expect(counts[1]).toBeLessThan(counts[2]!);
    // The sample's own words saturate, so the new words make up the prediction's growth.
    expect(counts[2]! - counts[1]!).toBeGreaterThan(0.9 * (growth.predicted(1e6 * 314) - growth.predicted(1e5 * 314)));
  });

  it('turn up in the articles that mint them, and copies repeat a recent body', () => {
    const growth = new Growth({ k: 60, beta: 0.53 }, vocabulary);
    const opts = { ...base, growth, duplicates: 0.5 };
    const i = 40;
    const text = synthArticle(i, vocabulary, opts, titles);
    const fresh = growth.mintedBefore(i + 1) - growth.mintedBefore(i);
    expect(fresh).toBeGreaterThan(0);
    for (let id = growth.mintedBefore(i); id < growth.mintedBefore(i + 1); id++) expect(text).toContain(mintedWord(id));
    // With half the articles copies, some body is shared word for word with an earlier article's.
    const bodies = Array.from({ length: 50 }, (_, j) => synthArticle(j, vocabulary, opts, titles).split('\n\n').slice(2, 4).join(' '));
    const shared = bodies.filter((b, j) => bodies.slice(0, j).some((c) => c.split(' ').filter((w, k) => w === b.split(' ')[k]).length > 20));
    expect(shared.length).toBeGreaterThan(5);
  });

  it('leave an archive without growth or copies as it was', () => {
    const a = synthArticle(7, vocabulary, base, titles);
    expect(synthArticle(7, vocabulary, { ...base }, titles)).toBe(a);
    expect(a).not.toMatch(/\d{6}/);
  });
});
