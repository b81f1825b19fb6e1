import { describe, expect, it } from 'vitest';
import { analyzeWord } from '../../src/analysis/analyzer';
import { explainMatch, reading } from '../../src/analysis/explain';
import { explainMeeting, looksForeign, meets, queryVariants, spellingEdits, type Variant } from '../../src/analysis/variants';

const everyTerm = () => true;
const terms = (w: string, kind?: Variant['kind']) => queryVariants(w).filter((v) => !kind || v.kind === kind).map((v) => v.term);
const stemsOf = (w: string) => analyzeWord(w)!.stems;

describe('queryVariants', () => {
  it('gives a token far longer than any word no variants (their number grows with its length)', () => {
    expect(queryVariants('ترامب').length).toBeGreaterThan(0);
    expect(queryVariants('ترامب'.repeat(5))).toEqual([]);
    expect(queryVariants('غيرموجود'.repeat(400))).toEqual([]);
  });

  const SAMPLE = ['مدينة', 'مدن', 'قانون', 'سفير', 'جنود', 'ترامب', 'ترمب', 'جنيف', 'يوتيوب', 'اعلام', 'الاعلام', 'لوكسمبورغ', 'فيسبوك', 'الحكومة'];

  it('names terms as the index holds them: an analysis of the spelling they were made as', () => {
    for (const w of SAMPLE) {
      for (const v of queryVariants(w)) {
        const a = analyzeWord(v.spelling)!;
        expect(v.field === 'exact' ? [a.exact] : a.stems, `${w} → ${v.spelling}`).toContain(v.term);
      }
    }
  });

  it('weighs every variant in (0, 1], and the word\'s own terms are never among them', () => {
    for (const w of SAMPLE) {
      const a = analyzeWord(w)!;
      for (const v of queryVariants(w)) {
        expect(v.weight).toBeGreaterThan(0);
        expect(v.weight).toBeLessThanOrEqual(1);
        expect(v.field === 'exact' ? v.term === a.exact : a.stems.includes(v.term), `${w}: ${v.term}`).toBe(false);
      }
    }
  });

  it('makes a few dozen candidates at most, and none twice', () => {
    for (const w of [...SAMPLE, 'ساوثهامبتون', 'كاليفورنيا', 'شفاينشتايغر']) {
      const vs = queryVariants(w);
      expect(vs.length, w).toBeLessThanOrEqual(40);
      expect(new Set(vs.map((v) => `${v.field}:${v.term}`)).size).toBe(vs.length);
    }
  });

  it('gives a singular its broken plurals and a plural its singular, as the dictionary pairs them', () => {
    expect(terms('مدينة', 'broken-plural')).toContain(stemsOf('مدن')[0]);
    expect(terms('المدن', 'singular')).toContain(stemsOf('مدينة')[0]);
    expect(terms('قانون', 'broken-plural')).toContain(stemsOf('قوانين')[0]);
    expect(terms('سفراء', 'singular')).toContain(stemsOf('سفير')[0]);
    expect(terms('جندي', 'broken-plural')).toContain(stemsOf('جنود')[0]);
    expect(terms('يوم', 'broken-plural')).toContain(stemsOf('أيام')[0]);
    for (const v of queryVariants('مدينة')) if (v.kind === 'broken-plural') expect(v.weight).toBeLessThan(1);
  });

  it('pairs no short "plural" the dictionary also lists as a singular noun (a verbal noun, mostly)', () => {
    expect(terms('جمل', 'broken-plural')).not.toContain(stemsOf('جمال')[0]);
    expect(terms('جمال', 'singular')).not.toContain(stemsOf('جمل')[0]);
    expect(terms('نجح', 'broken-plural')).not.toContain(stemsOf('نجاح')[0]);
    expect(terms('مبنى', 'broken-plural').some((t) => stemsOf('مباني').includes(t))).toBe(true);
  });

  it('pairs a defective فعيل with أفعلاء, and a noun with a connecting alef with أفعاء', () => {
    expect(terms('ذكي', 'broken-plural')).toContain(stemsOf('أذكياء')[0]);
    expect(terms('الأبناء', 'singular')).toContain(stemsOf('ابن')[0]);
  });

  it('pairs a plural فعائل with the singular in ة even where the dictionary lists only فعيل', () => {
    expect(terms('وثيقة', 'broken-plural').some((t) => stemsOf('وثائق').includes(t))).toBe(true);
    expect(terms('الوثائق', 'singular')).toContain(stemsOf('وثيقة')[0]);
  });

  it('pairs by root a singular and plural the dictionary lists apart, weak and hamza letters too', () => {
    expect(terms('وظيفة', 'broken-plural')).toContain(stemsOf('وظائف')[0]);
    expect(terms('تكاليف', 'singular')).toContain(stemsOf('تكليف')[0]);
    expect(terms('ضابط', 'broken-plural')).toContain(stemsOf('ضوابط')[0]);
    expect(terms('مفاهيم', 'singular')).toContain(stemsOf('مفهوم')[0]);
    expect(terms('موهبة', 'broken-plural')).toContain(stemsOf('مواهب')[0]);
    expect(terms('معايير', 'singular')).toContain(stemsOf('معيار')[0]);
    expect(terms('قائم', 'broken-plural')).toContain(stemsOf('قوائم')[0]);
  });

  it('does not pair words of one root that are not singular and plural', () => {
    expect(terms('منطق')).not.toContain(stemsOf('مناطق')[0]);
    expect(terms('جامعة')).not.toContain(stemsOf('جوامع')[0]);
    expect(terms('ضرب')).not.toContain(stemsOf('إضراب')[0]);
    expect(terms('لاعب')).not.toContain(stemsOf('لعبة')[0]);
    expect(terms('حالي')).not.toContain(stemsOf('حوالي')[0]);
    expect(terms('أخير')).not.toContain(stemsOf('أخرى')[0]);
  });

  it('joins no word to a plural that is a singular of its own, or to a listed name', () => {
    expect(terms('كتاب')).not.toContain(stemsOf('كاتب')[0]);
    expect(terms('حساب')).not.toContain(stemsOf('حاسب')[0]);
    expect(terms('عمر')).not.toContain(stemsOf('عمران')[0]);
    expect(terms('عمل')).not.toContain(stemsOf('عمال')[0]);
  });

  it('gives a foreign-looking word the spellings one transliteration edit away', () => {
    expect(terms('ترامب', 'foreign-spelling')).toContain('ترمب');
    expect(terms('ترمب', 'foreign-spelling')).toContain('ترامب');
    expect(terms('جينيف', 'foreign-spelling')).toContain('جنيف');
    expect(terms('يوتيوب', 'foreign-spelling')).toContain('يوتوب');
    expect(terms('سامسونج', 'foreign-spelling')).toContain(stemsOf('سامسونغ')[0]);
    expect(terms('وترامب', 'foreign-spelling')).toContain('ترمب');
  });

  it('renders g one way throughout, writes one long vowel for another, leaves an h out', () => {
    expect(spellingEdits('غوغل').map(([w]) => w)).toEqual(expect.arrayContaining(['جوجل', 'قوقل']));
    expect(spellingEdits('ميشيل').map(([w]) => w)).toContain('ميشال');
    expect(spellingEdits('نوتنغهام').map(([w]) => w)).toContain('نوتنغام');
    // Not the ي of a nisba before its ة: الديوانية is not ديوان.
    expect(terms('الديوانية')).not.toContain(stemsOf('ديوان')[0]);
  });

  it('writes a listed name\'s diphthong with ا or without, not another word\'s', () => {
    expect(spellingEdits('فيسبوك', true).map(([w]) => w)).toContain('فايسبوك');
    expect(spellingEdits('فيسبوك').map(([w]) => w)).not.toContain('فايسبوك');
    expect(spellingEdits('يقومون').map(([w]) => w)).not.toContain('يقاومون');
    expect(spellingEdits('مواصفات').map(([w]) => w)).not.toContain('موصفات');
  });

  it('lets a long listed name meet a listed spelling one long vowel away, and not a short one', () => {
    expect(meets('فيرجينيا', 'فرجينيا', everyTerm)).toBe(true);
    expect(meets('حسن', 'حسين', everyTerm)).toBe(false);
    expect(meets('لبنان', 'لابن', everyTerm)).toBe(false);
  });

  it('treats a word the dictionary lists as foreign when its shape is (كونجو, فيديو)', () => {
    expect(looksForeign('كونجو')).toBe(true);
    expect(looksForeign('فيديو')).toBe(true);
    expect(terms('الاستوديو', 'foreign-spelling')).toContain(stemsOf('استديو')[0]);
    expect(looksForeign('نحو')).toBe(false);
  });

  it('gives an Arabic word no spelling edits, and a listed name no other listed name', () => {
    for (const w of ['كبير', 'قبيل', 'سلاح', 'يعمل', 'سياحة', 'وبالتالي', 'الحكومة']) expect(terms(w, 'foreign-spelling'), w).toEqual([]);
    expect(looksForeign('كبير')).toBe(false);
    expect(looksForeign('ترمب')).toBe(true);
    expect(terms('حسين')).not.toContain('حسن');
  });

  it('searches the hamza spellings of a bare first alef as exact terms, at full weight', () => {
    const vs = queryVariants('اعلام').filter((v) => v.kind === 'hamza-spelling');
    expect(vs.map((v) => v.term).sort()).toEqual(['آعلام', 'أعلام', 'إعلام'].sort());
    for (const v of vs) expect([v.field, v.weight]).toEqual(['exact', 1]);
    expect(queryVariants('الاعلام').map((v) => v.term)).toContain('الإعلام');
    // A word with its hamza, or one that only starts with the article, gets none.
    expect(queryVariants('إعلام').filter((v) => v.kind === 'hamza-spelling')).toEqual([]);
    expect(queryVariants('المدن').filter((v) => v.kind === 'hamza-spelling')).toEqual([]);
  });

  it('has nothing for function words, numbers and Latin words', () => {
    for (const w of ['على', 'الذي', '2015', 'Reuters']) expect(queryVariants(w), w).toEqual([]);
  });
});

describe('spellingEdits', () => {
  it('drops or adds a long vowel, swaps letters of one sound, and a final ا for ه', () => {
    const edits = new Map(spellingEdits('ترامب'));
    expect(edits.get('ترمب')).toBe(true);
    expect(edits.get('طرامب')).toBe(false);
    expect(new Map(spellingEdits('جنيف')).get('جينيف')).toBe(true);
    expect(new Map(spellingEdits('اوتاوا')).has('اوتاوه')).toBe(true);
    // Never a consonant dropped: تراب is not ترامب.
    expect(new Map(spellingEdits('ترامب')).has('تراب')).toBe(false);
  });
});

describe('meets', () => {
  it('is a shared exact term or stem, or a variant the archive holds among the document word\'s terms', () => {
    expect(meets('رسالة', 'والرسالة', everyTerm)).toBe(true);
    expect(meets('مدينة', 'المدن', everyTerm)).toBe(true);
    expect(meets('مدينة', 'المدن', (t) => t !== stemsOf('مدن')[0])).toBe(false);
    expect(meets('ترامب', 'لترمب', everyTerm)).toBe(true);
    expect(meets('مكتب', 'مكتبة', everyTerm)).toBe(false);
  });

  it('wants every query token to meet some document token', () => {
    expect(meets('مدينة الرياض', 'مدن الرياض', everyTerm)).toBe(true);
    expect(meets('مدينة جدة', 'مدن الرياض', everyTerm)).toBe(false);
    expect(meets('', 'مدن', everyTerm)).toBe(false);
  });

  it('says which term and which variant made the match', () => {
    const [m] = explainMeeting('قانون', 'بالقوانين', everyTerm)!;
    expect(m!.variant?.kind).toBe('broken-plural');
    expect(m!.document).toBe('بالقوانين');
    expect(explainMeeting('مهندس', 'مهندسة', everyTerm)![0]!.variant).toBeUndefined();
  });
});

describe('explainMatch', () => {
  it('tells how each form reaches the shared term', () => {
    const [m] = explainMatch('مهندس', 'المهندسة')!;
    expect(m!.term).toBe('مهندس');
    expect(m!.queryReading).toBe('as written');
    expect(m!.documentReading).toMatch(/clitic ال off.*feminine ة/);
    expect(reading('رسالته', 'رساله', 'stem')).toMatch(/ت read as the ة/);
    expect(reading('السوريين', 'سوريا', 'stem')).toMatch(/nisba read as the place/);
  });

  it('names the variant, and is null when the words do not meet', () => {
    expect(explainMatch('مدن', 'مدينة')![0]!.queryReading).toMatch(/^singular/);
    expect(explainMatch('كتاب', 'كاتب')).toBeNull();
  });

  it('says when folding alone joins two spellings, and that the query\'s own ranks first', () => {
    const [m] = explainMatch('إعلام', 'أعلام')!;
    expect(m!.field).toBe('stem');
    expect(m!.documentReading).toMatch(/أ\/إ.*ranked below إعلام/);
    expect(explainMatch('رأي', 'رأى')![0]!.documentReading).toMatch(/ى\/ي/);
    expect(explainMatch('إعلام', 'إعلام')![0]!.documentReading).not.toMatch(/ranked below/);
  });
});
