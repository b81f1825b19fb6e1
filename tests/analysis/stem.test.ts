import { SKELETON_MARK } from '../../src/analysis/foreign';
import { describe, expect, it } from 'vitest';
import { analyzeText, analyzeWord } from '../../src/analysis/analyzer';
import { foldLetters, lightNormalize, normalize } from '../../src/analysis/normalize';
import { stemWord, stripSuffixes } from '../../src/analysis/stem';

/**
 * The index terms of one word. Exact forms and stems live in separate index fields and a
 * query word searches each field with its own terms, so a term carries its field.
 */
function indexTerms(word: string): Set<string> {
  const a = analyzeWord(word);
  if (!a) return new Set();
  return new Set([`exact:${a.exact}`, ...a.stems.map((s) => `stem:${s}`)]);
}

function sharesTerm(a: string, b: string): boolean {
  const ta = indexTerms(a);
  return [...indexTerms(b)].some((t) => ta.has(t));
}

// The light stems, without the skeleton term of a foreign-looking word (tests/analysis/foreign.test.ts).
const stems = (word: string): string[] => (analyzeWord(word)?.stems ?? []).filter((s) => !s.startsWith(SKELETON_MARK));

/** The stem a bare word is indexed under (its first reading). */
const stemOf = (word: string): string => stems(word)[0]!;

describe('stemWord', () => {
  it('returns folded stems of a light-normalized word', () => {
    for (const s of stemWord(lightNormalize('والرسالة'))) expect(s).toBe(normalize(s));
  });

  it('gives the same stems analyzeWord gives for an Arabic word', () => {
    for (const w of ['والحكومة', 'ولبنان', 'رسالته', 'مسؤولين']) expect(stemWord(lightNormalize(w))).toEqual(stems(w));
  });

  it('returns no reading twice', () => {
    for (const w of ['للحكومة', 'وطهران', 'سيؤكد', 'وجدة', 'كتابها']) {
      const out = stemWord(lightNormalize(w));
      expect(new Set(out).size).toBe(out.length);
    }
  });
});

describe('clitic prefixes', () => {
  const bases = ['حكومة', 'مؤتمر', 'مهندس'];
  const articles = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'ولل', 'فلل', 'وبال', 'فبال', 'وكال'];
  const bare = ['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'فب', 'فل'];

  describe.each(bases)('on %s', (base) => {
    it.each(articles)('%s and its combinations are removed', (prefix) => {
      // لل keeps a second reading (ل + a word starting with ل), so only membership is asked.
      expect(stems(prefix + base)).toContain(stemOf(base));
    });

    it.each(bare)('bare %s is removed when enough of the word remains', (prefix) => {
      expect(stems(prefix + base)).toContain(stemOf(base));
    });
  });

  it('reads للـ as ل + the article', () => {
    expect(stems('للرسالة')).toContain(stemOf('رسالة'));
    expect(stems('وللرسالة')).toContain(stemOf('رسالة'));
  });

  it('leaves no article on the stem of a word that had one', () => {
    for (const w of ['والحكومة', 'بالحكومة', 'فالحكومة', 'كالحكومة', 'الحكومة']) {
      for (const s of stems(w)) expect(s.startsWith('ال')).toBe(false);
    }
  });

  it('keeps an article-like start when too little would be left', () => {
    // الم "pain", الف "thousand": ال + one letter is not an article.
    expect(stems('الم')).toEqual([normalize('الم')]);
    expect(stems('الف')).toEqual([normalize('الف')]);
  });

  it.each([
    ['ولد', 'و + لد would leave two letters'],
    ['لحم', 'ل + حم would leave two letters'],
    ['كتب', 'ك + تب would leave two letters'],
    ['كلب', 'ك + لب would leave two letters'],
    ['فيلم', 'bare ف must leave four letters'],
    ['كريم', 'bare ك must leave four letters'],
    ['بنك', 'ب + نك would leave two letters'],
  ])('does not over-stem the short word %s (%s)', (word) => {
    expect(stems(word)).toEqual([normalize(word)]);
  });

  it('keeps the whole word as a reading next to a bare clitic, since the clitic may be its first letter', () => {
    expect(stems('وجدة')).toContain(stemOf('جدة'));
    expect(stems('وجدة')).toContain(stripSuffixes(lightNormalize('وجدة'), false));
  });

  it('does not take the first letter of a listed word for a clitic', () => {
    // وزارة must not join زار "visited".
    expect(sharesTerm('وزارة', 'زار')).toBe(false);
    expect(sharesTerm('وزارة', 'الوزارة')).toBe(true);
  });

  it('takes the future particle س off an imperfect verb but keeps the noun reading', () => {
    expect(sharesTerm('سيؤكد', 'يؤكد')).toBe(true);
    expect(sharesTerm('سياسة', 'السياسة')).toBe(true);
  });
});

describe('suffixes', () => {
  it.each(['ه', 'ها', 'هم', 'هما', 'هن', 'نا'])('removes the pronoun %s', (pronoun) => {
    expect(stems(`مسؤول${pronoun}`)).toContain(stemOf('مسؤول'));
    expect(stems(`مهندس${pronoun}`)).toContain(stemOf('مهندس'));
  });

  it('removes a final ي of the first person', () => {
    expect(sharesTerm('مسؤولي', 'مسؤول')).toBe(true);
    expect(sharesTerm('مهندسي', 'مهندس')).toBe(true);
  });

  it('removes the pronoun كم, but not the كم that ends محاكم or تراكم', () => {
    expect(sharesTerm('مسؤولكم', 'مسؤول')).toBe(true);
    expect(sharesTerm('مهندسكم', 'مهندس')).toBe(true);
    expect(sharesTerm('محاكم', 'محا')).toBe(false);
    expect(sharesTerm('تراكم', 'ترا')).toBe(false);
  });

  it('restores the ة of a noun written ت before a pronoun', () => {
    for (const w of ['رسالته', 'رسالتها', 'رسالتهم', 'رسالتنا']) expect(sharesTerm(w, 'رسالة')).toBe(true);
    expect(sharesTerm('حكومته', 'حكومة')).toBe(true);
    // Without the ة, شركت would lose its ت as a past verb and meet شرك.
    expect(sharesTerm('شركته', 'شركة')).toBe(true);
    expect(sharesTerm('شركته', 'شرك')).toBe(false);
  });

  it('keeps the ت of a three-letter noun before a pronoun', () => {
    expect(sharesTerm('صوته', 'صوت')).toBe(true);
    expect(sharesTerm('موته', 'موت')).toBe(true);
    expect(sharesTerm('بيته', 'بيت')).toBe(true);
  });

  // With two letters before the ت, the word may be a noun in ة (مدته) or in ت (صوته):
  // both readings are kept, and the ة one meets only the forms of a noun in ة.
  it('restores the ة of a three-letter noun written ت before a pronoun', () => {
    expect(sharesTerm('مدته', 'مدة')).toBe(true);
    expect(sharesTerm('قمته', 'قمة')).toBe(true);
    expect(sharesTerm('مدته', 'مد')).toBe(false);
    expect(sharesTerm('صوته', 'صوت')).toBe(true);
  });

  // Before ي the ة reading is added to the nisba and pronoun readings (رسالتي is "my
  // letter"; كويتي is the nisba of a listed place and stays with it).
  it('restores the ة of a noun written ت before the pronoun ي', () => {
    expect(sharesTerm('رسالتي', 'رسالة')).toBe(true);
    expect(sharesTerm('حكومتي', 'حكومة')).toBe(true);
    expect(sharesTerm('الكويتي', 'الكويت')).toBe(true);
  });

  it('reads a past verb of a derived form before an object pronoun', () => {
    expect(sharesTerm('استهدفته', 'استهدف')).toBe(true);
    expect(sharesTerm('أعلنته', 'أعلن')).toBe(true);
    // A three-letter start stays a noun in ة: شركته is not the verb شركت.
    expect(sharesTerm('شركته', 'شرك')).toBe(false);
  });

  it('gives a nisba other than of a place the stem X + ي, and keeps the ي after و', () => {
    expect(stems('الميزانية')).toEqual(stems('ميزانيات'));
    expect(sharesTerm('شخصية', 'شخص')).toBe(false);
    expect(sharesTerm('السياسية', 'السياسيين')).toBe(true);
    expect(sharesTerm('النووية', 'نووي')).toBe(true);
    expect(sharesTerm('دعوية', 'دعوة')).toBe(false);
    expect(sharesTerm('العراقية', 'العراق')).toBe(true);
  });

  it('keeps a final ة: a noun in ة is not the word without it', () => {
    expect(sharesTerm('مكتبة', 'مكتب')).toBe(false);
    expect(sharesTerm('الطائرة', 'طائر')).toBe(false);
    expect(sharesTerm('مكتبة', 'مكتبات')).toBe(true);
    expect(sharesTerm('اجتماع', 'اجتماعات')).toBe(true);
  });

  it('reads a final ه as a pronoun and as a ة typed without its dots', () => {
    expect(sharesTerm('الحكومه', 'حكومة')).toBe(true);
    expect(sharesTerm('والحكومه', 'حكوماتها')).toBe(true);
    expect(sharesTerm('كتابه', 'كتاب')).toBe(true);
  });

  it('keeps the plural ات before a pronoun', () => {
    expect(sharesTerm('علاقاتها', 'علاقات')).toBe(true);
    expect(stems('علاقاتها')).toEqual(stems('علاقات'));
  });

  it('reads the rial sign as the word ريال', () => {
    expect(analyzeWord('﷼')).toEqual(analyzeWord('ريال'));
  });

  it('takes the accusative alef off a short word when its tanween is written', () => {
    expect(stems('طناً')).toContain(stemOf('طن'));
    expect(stems('طنا')).not.toContain(stemOf('طن'));
  });

  it('reads a plural in آت as the plural of a noun in أة, never a masculine in أ or a verb', () => {
    expect(stems('منشآت')).toEqual(stems('منشأة'));
    expect(stems('والمكافآت')).toEqual(stems('مكافأة'));
    expect(sharesTerm('منشآت', 'منشأ')).toBe(false);
  });

  it.each([
    ['the nominative dual ان', 'مسؤولان', 'مسؤول'],
    ['the oblique dual ين', 'مسؤولين', 'مسؤول'],
    ['the sound plural ون', 'مسؤولون', 'مسؤول'],
    ['the sound plural ين', 'المهندسين', 'مهندس'],
    ['the feminine plural ات', 'مهندسات', 'مهندس'],
    ['the feminine plural ات of a noun in ة', 'شركات', 'شركة'],
    ['the feminine dual تين', 'رسالتين', 'رسالة'],
    ['the feminine dual تان', 'رسالتان', 'رسالة'],
    ['the listed three-letter dual ين', 'يومين', 'يوم'],
  ])('removes %s', (_, inflected, base) => {
    expect(sharesTerm(inflected, base)).toBe(true);
  });

  it('removes the alef of accusative tanween', () => {
    expect(sharesTerm('طرفاً', 'طرف')).toBe(true);
    expect(sharesTerm('كبيراً', 'كبير')).toBe(true);
    expect(sharesTerm('مسؤولاً', 'مسؤول')).toBe(true);
  });

  it('keeps the final alef of a country', () => {
    expect(stems('سوريا')).toEqual([normalize('سوريا')]);
    expect(sharesTerm('سوريا', 'سور')).toBe(false);
  });

  it('does not cut the dual ان from a word that would keep only three letters', () => {
    expect(sharesTerm('ميزان', 'ميز')).toBe(false);
    expect(sharesTerm('طوفان', 'طوف')).toBe(false);
    expect(sharesTerm('سرطان', 'سرط')).toBe(false);
  });

  it('does not cut ة from a word too short to lose it', () => {
    // قمة is not قم (Qom), شركة is not شرك, مدة is not مد.
    expect(sharesTerm('قمة', 'قم')).toBe(false);
    expect(sharesTerm('شركة', 'شرك')).toBe(false);
    expect(sharesTerm('مدة', 'مد')).toBe(false);
  });

  it('gives a noun and its plural and dual one stem even when its ة stays', () => {
    expect(stems('شركات')).toEqual(stems('شركة'));
    expect(stems('شركتين')).toEqual(stems('شركة'));
  });

  it('stripSuffixes with an article lets a three-letter sound plural go', () => {
    expect(stripSuffixes(lightNormalize('طرفين'), true)).toBe(stemOf('طرف'));
  });
});

describe('names', () => {
  it.each([
    ['لبنان', 'لبن'],
    ['عدنان', 'عدن'],
    ['سليمان', 'سليم'],
    ['حسين', 'حس'],
    ['طهران', 'طهر'],
  ])('%s is not stemmed into %s', (name, word) => {
    expect(sharesTerm(name, word)).toBe(false);
    expect(stems(name)).toEqual([normalize(name)]);
  });

  it('مدينة does not share a term with مدة', () => {
    expect(sharesTerm('مدينة', 'مدة')).toBe(false);
  });

  it('a name behind a clitic still reads as the name', () => {
    expect(sharesTerm('ولبنان', 'لبنان')).toBe(true);
    expect(sharesTerm('بلبنان', 'لبنان')).toBe(true);
    expect(sharesTerm('للبنان', 'لبنان')).toBe(true);
    expect(sharesTerm('وطهران', 'طهران')).toBe(true);
  });

  // A word with a bare clitic keeps its whole spelling as a second reading, unless a known
  // name follows the clitic: stemmed whole, ولبنان would get ولبن, the whole-word reading of
  // ولبن "and milk" (likewise وطهران / وطهر, وعدنان / وعدن, وسليمان / وسليم).
  it('a name behind a clitic shares no term with the common word behind the same clitic', () => {
    expect(sharesTerm('ولبنان', 'ولبن')).toBe(false);
    expect(sharesTerm('وطهران', 'وطهر')).toBe(false);
    expect(sharesTerm('وعدنان', 'وعدن')).toBe(false);
    expect(sharesTerm('وسليمان', 'وسليم')).toBe(false);
  });

  it.each(['عبدالله', 'عطالله', 'نصرالله'])('%s keeps the ه of الله', (name) => {
    expect(stems(name)).toEqual([normalize(name)]);
    expect(stems(name).some((s) => s.endsWith('الل'))).toBe(false);
  });

  it('a clitic before a name joined to الله leaves the name whole', () => {
    for (const w of ['وعبدالله', 'لعبدالله', 'بعبدالله']) {
      expect(stems(w)).toContain(normalize('عبدالله'));
      expect(stems(w).some((s) => s.endsWith('الل'))).toBe(false);
    }
  });

  // The second reading of a final ه (an undotted ة) is the word as written, never الل.
  it('an ordinary word ending in لاله still loses its pronoun', () => {
    expect(stems('خلاله')).toEqual([normalize('خلال'), normalize('خلاله')]);
    expect(stems('احتلاله')).toEqual([normalize('احتلال'), normalize('احتلاله')]);
    expect(sharesTerm('ظلاله', 'ظلال')).toBe(true);
  });
});

describe('required matches', () => {
  it.each(['والرسالة', 'بالرسالة', 'للرسالة', 'الرسالة', 'رساله', 'رسالتين'])('%s shares a term with رسالة', (form) => {
    expect(sharesTerm(form, 'رسالة')).toBe(true);
  });

  it('خامنئي is found in لـ«خامنئي» and in لخامنئي', () => {
    const query = indexTerms('خامنئي');
    const tokens = analyzeText('لـ«خامنئي»');
    expect(tokens.some((t) => query.has(`exact:${t.exact}`) || t.stems.some((s) => query.has(`stem:${s}`)))).toBe(true);
    expect(sharesTerm('لخامنئي', 'خامنئي')).toBe(true);
  });

  it.each([
    ['أفغانستان', 'افغانستان'],
    ['مسؤول', 'مسئول'],
    ['مسؤول', 'المسؤولين'],
    ['مسئول', 'المسؤولين'],
    ['2014', '٢٠١٤'],
    ['2014', '۲۰۱۴'],
  ])('%s shares a term with %s', (a, b) => {
    expect(sharesTerm(a, b)).toBe(true);
  });

  it('spelling variants that only normalization tells apart share a stem, and hamza seats the exact term', () => {
    expect(analyzeWord('أفغانستان')!.stems).toEqual(analyzeWord('افغانستان')!.stems);
    expect(analyzeWord('مسؤول')!.exact).toBe(analyzeWord('مسئول')!.exact);
    expect(analyzeWord('۲۰۱۴')!.exact).toBe('2014');
    expect(analyzeWord('٢٠١٤')!.exact).toBe('2014');
  });
});

describe('a hamza left off its seat', () => {
  const stems = (w: string) => stemWord(lightNormalize(w));
  it('gives a word with ؤ or ئ the stems of its bare spelling too', () => {
    expect(stems('مؤتمر')).toEqual(expect.arrayContaining(stems('موتمر')));
    expect(stems('المسؤولين')).toEqual(expect.arrayContaining(stems('المسوولين')));
    expect(stems('رئيس')).toEqual(expect.arrayContaining(stems('رييس')));
    // The bare spelling keeps an ending the stemmer leaves on it: its whole-word reading counts.
    expect(stems('الفائزين')).toEqual(expect.arrayContaining(stems('الفايزين')));
  });

  it('not when the bare stem is short or only a reading of the bare spelling', () => {
    expect(stems('فئة')).not.toEqual(expect.arrayContaining(stems('فيه')));
    expect(stems('سئل').some((s) => stems('سيل').includes(s))).toBe(false);
    expect(stems('وسائل').some((s) => stems('سايل').includes(s))).toBe(false);
  });
});

/** Checks that each pair of words shares an index term, or that none does. */
function expectPairs(pairs: Array<[string, string]>, shared: boolean): void {
  for (const [a, b] of pairs) expect(sharesTerm(a, b), `${a} / ${b}`).toBe(shared);
}

describe('analyzer version 5', () => {
  it('reads a word-final ىء or يء as ئ, and a stem left in يئ the same way', () => {
    expectPairs([
      ['طوارئ', 'الطوارىء'],
      ['شاطئ', 'شاطىء'],
      ['مبادئ', 'مبادىء'],
      ['شيء', 'شئ'],
      ['شيء', 'شيئا'],
      ['بريء', 'برئ'],
    ], true);
    // Inside a word ئ stays as it is written.
    expect(foldLetters(analyzeWord('بيئة')!.exact)).toBe(normalize('بيئة'));
    expect(normalize('هيئة')).toBe('هيءه');
    // Normalizing twice changes nothing, however many ي come before the hamza.
    for (const w of ['شيء', 'شييء', 'مهييء', 'طوارىء', 'شيئا']) expect(normalize(normalize(w)), w).toBe(normalize(w));
  });

  it('keeps a word of five letters or more in ت whole besides the past-verb reading', () => {
    expectPairs([
      ['إنترنت', 'الإنترنت'],
      ['أكد', 'أكدت'],
      ['أعلن', 'أعلنت'],
    ], true);
    // A verb of a three-letter root does not meet the nouns its letters also spell.
    expectPairs([
      ['زارت', 'وزارتي'],
      ['عادت', 'كعادتي'],
      ['حالت', 'حالتي'],
      ['رحلت', 'رحلتي'],
    ], false);
  });

  it('reads وكالته and وكالتها as forms of وكالة, not as ك + ال + a two-letter word', () => {
    for (const w of ['وكالته', 'وكالتها', 'ووكالتها']) {
      expect(sharesTerm('وكالة', w), w).toBe(true);
      expect(stems(w)).toContain(normalize('وكالة'));
      for (const s of stems(w)) expect(s.length, `${w}: ${s}`).toBeGreaterThan(3);
    }
    // A long remainder keeps the article reading alone; a short one gets the whole word
    // besides, and nothing that starts with the article.
    expect(stems('كالعادة')).toEqual([normalize('عادة')]);
    expect(stems('كالنار')).toContain('نار');
    for (const w of ['كالآتي', 'كالتي']) for (const s of stems(w)) expect(s.startsWith('ال'), `${w}: ${s}`).toBe(false);
    expect(sharesTerm('آلات', 'كالآتي')).toBe(false);
    expect(sharesTerm('التي', 'كالتي')).toBe(false);
  });

  it('takes the construct plural in و back to the participle, and leaves names in و alone', () => {
    expectPairs([
      ['مستثمر', 'مستثمرو'],
      ['موظف', 'موظفو'],
      ['المسؤولين', 'مسؤولو'],
      ['مواطن', 'مواطنو'],
    ], true);
    expectPairs([
      ['مارك', 'ماركو'],
      ['مارسيل', 'مارسيلو'],
      ['بيان', 'بيانو'],
      ['فرانك', 'فرانكو'],
    ], false);
  });
});

describe('analyzer version 6', () => {
  it('gives a word and its article form a term in common where only the article let an ending go', () => {
    expectPairs([
      ['تعيين', 'التعيين'],
      ['اثنين', 'الاثنين'],
      ['تأمين', 'للتأمين'],
      ['تعاون', 'بالتعاون'],
      ['آخرين', 'الآخرين'],
      ['التزام', 'الالتزام'],
      ['ثابت', 'الثابت'],
      ['مؤقت', 'المؤقت'],
      ['قمة', 'للقمة'],
      ['حي', 'للحي'],
      ['والدين', 'الوالدين'],
    ], true);
    // A real dual still loses its ending with the article, as without it.
    expect(stems('الطرفين')).toContain(stemOf('طرفين'));
  });

  it('reads a word the dictionary knows whole, not as a clitic and a fragment', () => {
    expect(stems('بالغة')).not.toContain(normalize('غة'));
    expect(stems('فرحين')).toEqual([normalize('فرحين')]);
    expect(stems('التزام')).toEqual([normalize('التزام')]);
    // Both readings stay where what follows the clitic is a word too.
    expect(stems('الهام')).toEqual(expect.arrayContaining([normalize('هام'), normalize('الهام')]));
    expect(stems('كبيرات')).toContain(normalize('كبير'));
    // و ب ف before a function word in ال is that word.
    expect(stems('والتي')).toEqual([normalize('التي')]);
  });

  it('reads a four-letter noun in ت whole, and only whole when the verb reading is another noun', () => {
    expect(stems('ثابت')).toEqual(expect.arrayContaining([normalize('ثابت')]));
    expect(stems('ملفت')).toEqual([normalize('ملفت')]);
    expectPairs([['ملفت', 'ملف']], false);
    // A verb the dictionary does not list as a noun keeps the past-verb reading alone.
    expect(stems('زارت')).toEqual([normalize('زار')]);
  });

  it('lets the feminine of an adjective, participle or profession meet the masculine', () => {
    expectPairs([
      ['مهندس', 'مهندسة'],
      ['جديد', 'الجديدة'],
      ['وزير', 'وزيرة'],
      ['متحدث', 'المتحدثة'],
      ['سابق', 'سابقة'],
      ['خاص', 'خاصة'],
      ['مهندس', 'مهندستين'],
    ], true);
  });

  it('lets a word meet its feminine when the dictionary gives it one, whatever its shape', () => {
    expectPairs([
      ['شاب', 'الشابة'],
      ['سيد', 'السيدة'],
      ['ذكي', 'الذكية'],
      ['جاف', 'جافة'],
      ['ضخم', 'الضخمة'],
    ], true);
    // Not where the dictionary lists the form in ة as a word of its own (حلاقة "shaving",
    // سباحة "swimming"), nor a short word that is also a plain noun (بلد / بلدة "town").
    expectPairs([
      ['حلاق', 'حلاقة'],
      ['سباح', 'السباحة'],
      ['بلد', 'بلدة'],
      ['طلق', 'طلقة'],
      ['ماس', 'ماسة'],
    ], false);
  });

  it('keeps apart a noun in ة that is a word of its own, a verbal noun مفاعلة and a name', () => {
    expectPairs([
      ['مكتب', 'مكتبة'],
      ['شرط', 'شرطة'],
      ['جامع', 'جامعة'],
      ['طائر', 'طائرة'],
      ['مدين', 'مدينة'],
      ['طريق', 'طريقة'],
      ['مشارك', 'مشاركة'],
      ['محافظ', 'محافظة'],
      ['حديد', 'الحديدة'],
    ], false);
  });

  it('keeps the ين of a broken plural فواعيل and the ون or ين of a foreign word', () => {
    expect(stems('قوانين')).toEqual([normalize('قوانين')]);
    expect(stems('القوانين')).toEqual([normalize('قوانين')]);
    expect(stems('جاكسون')).toEqual([normalize('جاكسون')]);
    expect(stems('فيتامين')).toEqual([normalize('فيتامين')]);
    // Sound plurals of known words and verbs still lose it.
    expect(stems('المستوطنين')).toEqual([normalize('مستوطن')]);
    expect(stems('يتعاونون')).toEqual([normalize('يتعاون')]);
    expect(stems('فنانين')).toEqual([normalize('فنان')]);
  });

  it('folds Persian and Urdu letters before it reads endings', () => {
    expect(stems('الإیرانیین')).toEqual(stems('الإيرانيين'));
    expect(stems('اللبنانیین')).toEqual(stems('اللبنانيين'));
    expect(stems('الحکومة')).toEqual(stems('الحكومة'));
    expect(stems('ٱلحكومة')).toEqual(stems('الحكومة'));
  });
});

describe('analyzer version 8: a clitic that is really a letter', () => {
  it('keeps the first letter of a listed word under a pronoun, as it does on the bare word', () => {
    expectPairs([
      ['فريقه', 'الفريق'],
      ['فريقها', 'فريق'],
      ['فكرته', 'الفكرة'],
      ['لجنته', 'اللجنة'],
      ['ولجنته', 'لجنة'],
      ['للجنته', 'اللجنة'],
      ['كلمته', 'كلمة'],
      ['بطله', 'البطل'],
      ['فرقته', 'الفرقة'],
      ['بيتي', 'البيت'],
    ], true);
    // The clitic reading would join other words: ريق "saliva", كره "hatred", جنة
    // "paradise", طلة "appearance", رقة "delicacy", لمة "gathering".
    expectPairs([
      ['فريقه', 'ريق'],
      ['فكرته', 'كره'],
      ['لجنته', 'جنة'],
      ['بطله', 'طلة'],
      ['فرقته', 'رقة'],
      ['كلمته', 'لمة'],
    ], false);
    for (const w of ['فريقه', 'فريقنا', 'فكرتها', 'لجنتها', 'كلمته']) {
      expect(stems(w), w).toHaveLength(new Set(stems(w)).size);
      expect(stems(w).some((s) => s.length < 4), w).toBe(false);
    }
  });

  it('keeps the و of a verb whose remainder is a noun (وافق is not و + أفق)', () => {
    expectPairs([
      ['وافق', 'أفق'],
      ['وافقت', 'الأفق'],
      ['واصل', 'أصل'],
      ['واصلوا', 'الأصل'],
    ], false);
    expectPairs([
      ['وافق', 'ووافق'],
      ['وافقت', 'وافق'],
      ['وافقه', 'وافق'],
      // Written with its hamza, what follows the و is a word behind a clitic.
      ['وأصل', 'أصل'],
      ['وأفق', 'أفق'],
    ], true);
  });

  it('keeps a ف or ك that starts a known word with a pronoun, as on the bare word', () => {
    // فصل and فوز keep their ف bare (ف must leave four letters); so with a pronoun.
    expectPairs([
      ['فصلها', 'صلة'],
      ['فوزنا', 'وزن'],
      ['فهمها', 'همة'],
      ['فعلها', 'علة'],
      ['فكرها', 'كره'],
    ], false);
    expectPairs([
      ['فصلها', 'الفصل'],
      ['فوزنا', 'فوز'],
      ['كسبها', 'كسب'],
    ], true);
    // A clitic before a function word or a hamza, or before a word the dictionary does not
    // know whole, is still a clitic.
    expectPairs([
      ['فعليها', 'عليها'],
      ['فأعلى', 'أعلى'],
      ['فقتله', 'قتل'],
    ], true);
  });

  it('still takes a real clitic off a listed word with a pronoun', () => {
    expectPairs([
      ['بوطنه', 'وطن'],
      ['وفريقه', 'فريق'],
      ['لفريقها', 'الفريق'],
    ], true);
    // Not where the clitic leaves a function word, nor before a listed name: فعليها is ف +
    // عليها, بانه is بأنه written without its hamza (not بان + ه).
    expect(stems('فعليها')).toContain(normalize('عليها'));
    expect(stems('بانه')).toContain(normalize('انه'));
    // A listed word under a pronoun is no evidence that a longer word is whole: والديون is
    // و + الديون, not "my father".
    expectPairs([['والديون', 'والدي']], false);
    // A word that starts like the article keeps both readings (والد + هم, و + ال + دهم).
    expectPairs([
      ['والدهم', 'والد'],
      ['والدهم', 'دهم'],
    ], true);
  });

  it('reads a four-letter verb أفعل ending in ت whole as well, so its forms meet', () => {
    expectPairs([
      ['أثبت', 'أثبتت'],
      ['أثبت', 'أثبتوا'],
      ['أثبتها', 'أثبت'],
      ['أسكت', 'أسكتت'],
      ['أكدته', 'أكد'],
    ], true);
    expect(stems('أثبت')).toContain(normalize('أثبت'));
    // With a bare alef the letters also start the article: المتهم is not المت + هم.
    expectPairs([['المتهم', 'ألم']], false);
    // Not where a noun in ة has the same letters: أسرته is أسرة + ه, not the verb أسر.
    expectPairs([
      ['أسرته', 'أسرة'],
      ['أزمته', 'أزمة'],
    ], true);
    expectPairs([
      ['أسرته', 'أسر'],
      ['أسرتي', 'أسرت'],
      ['أزمته', 'أزم'],
    ], false);
  });
});
