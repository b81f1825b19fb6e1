// The model of foreign-looking words: which words get a consonant skeleton term, and that
// the spellings of one foreign name share it while Arabic words never get one.
import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../src/analysis/analyzer';
import { explainMatch } from '../../src/analysis/explain';
import { SKELETON_MARK, skeletonOf } from '../../src/analysis/foreign';

const skeleton = (word: string) => analyzeWord(word)?.stems.find((s) => s.startsWith(SKELETON_MARK)) ?? null;

describe('consonant skeleton', () => {
  it('leaves out inner long vowels and h, folds g, a final ه ة ا and a doubled letter', () => {
    expect(skeletonOf('ترامب')).toBe('ترمب');
    expect(skeletonOf('مورينهو')).toBe(skeletonOf('مورينيو'));
    expect(skeletonOf('انكليزي')).toBe(skeletonOf('انجليزي'));
    expect(skeletonOf('بيلسا')).toBe(skeletonOf('بيلسة'));
    expect(skeletonOf('ستاندرد')).toBe(skeletonOf('ستاندارد'));
    expect(skeletonOf('مارسيلليا')).toBe(skeletonOf('مارسيليا'));
    expect(skeletonOf('فايننشال')).toBe(skeletonOf('فاينانشيال'));
  });
});

describe('foreign-looking words', () => {
  it('gives spellings of one foreign name outside the gazetteer the same skeleton term', () => {
    for (const [a, b] of [
      ['شفاينشتايغر', 'شفاينشتايجر'],
      ['غوارديولا', 'جوارديولا'],
      ['ستاندرد', 'ستاندارد'],
      ['فولفسبورغ', 'فولفسبورج'],
      ['اسكوتلندا', 'اسكتلندا'],
    ] as Array<[string, string]>) {
      expect(skeleton(a), `${a} / ${b}`).not.toBeNull();
      expect(skeleton(a), `${a} / ${b}`).toBe(skeleton(b));
    }
  });

  it('gives no skeleton to a word the dictionary knows, or to its forms with clitics and endings', () => {
    for (const w of ['يقومون', 'يقاومون', 'كبير', 'جبير', 'سلاح', 'صلاح', 'مناخ', 'الوزارة', 'والمسؤولين', 'مستشفى', 'بالتالي', 'الشك', 'اليد']) expect(skeleton(w), w).toBeNull();
  });

  it('gives none where one reading is Arabic: a clitic and a verb, the article\'s letters in the word, a participle', () => {
    for (const w of ['سيقضيها', 'بالتزاماتها', 'ومفخخات']) expect(skeleton(w), w).toBeNull();
  });

  it('gives none to a word of three radicals with the article (Arabic family names and nouns)', () => {
    for (const w of ['السويلم', 'السلوم', 'الخازم', 'الخزيم']) expect(skeleton(w), w).toBeNull();
  });

  it('gives none to a participle in م or a skeleton of two letters', () => {
    for (const w of ['مستكشف', 'عايض', 'عواض']) expect(skeleton(w), w).toBeNull();
  });
});

describe('explaining a meeting on the skeleton', () => {
  it('says that two spellings meet on the consonant skeleton of a foreign-looking word', () => {
    const [m] = explainMatch('ميونيخ', 'ميونخ')!;
    expect(m!.term).toBe(`${SKELETON_MARK}${skeletonOf('ميونخ')}`);
    expect(m!.field).toBe('stem');
    expect(m!.documentReading).toMatch(/consonant skeleton/);
  });
});
