import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldLetters, lightNormalize, normalize, normalizePhrase } from '../../src/analysis/normalize';

const range = (from: number, to = from): string[] => {
  const out: string[] = [];
  for (let c = from; c <= to; c++) out.push(String.fromCharCode(c));
  return out;
};
const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

// Hamza above/below and madda (U+0653–U+0655) are left out: they are not decorations but
// decomposed letters (ا + U+0654 is أ), and are tested as composition below.
const HARAKAT = range(0x064b, 0x065f).filter((c) => !['\u0653', '\u0654', '\u0655'].includes(c));
const QURANIC = [...range(0x0610, 0x061a), ...range(0x06d6, 0x06dc), ...range(0x06df, 0x06e8), ...range(0x06ea, 0x06ed)];
const SUPERSCRIPT_ALEF = '\u0670';
const TATWEEL = '\u0640';
const INVISIBLES: Array<[string, string]> = [
  ['zero-width non-joiner', '\u200c'],
  ['zero-width joiner', '\u200d'],
  ['zero-width space', '\u200b'],
  ['left-to-right mark', '\u200e'],
  ['right-to-left mark', '\u200f'],
  ['Arabic letter mark', '\u061c'],
  ['left-to-right embedding', '\u202a'],
  ['right-to-left embedding', '\u202b'],
  ['pop directional formatting', '\u202c'],
  ['left-to-right override', '\u202d'],
  ['right-to-left override', '\u202e'],
  ['left-to-right isolate', '\u2066'],
  ['right-to-left isolate', '\u2067'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['word joiner', '\u2060'],
  ['byte order mark', '\ufeff'],
  ['soft hyphen', '\u00ad'],
];
const DECORATIONS = [...HARAKAT, ...QURANIC, SUPERSCRIPT_ALEF, TATWEEL, ...INVISIBLES.map(([, c]) => c)];

/** Everyday and awkward spellings: diacritized, decomposed, presentation forms, Persian, digits, Latin. */
const SAMPLES = [
  'الرسالة',
  'رِسَالَةٌ',
  'مسؤولين',
  'المسئولين',
  'أفغانستان',
  'إيران',
  'آلاف',
  'ٱلْحَمْدُ',
  'مستشفى',
  'لـ«خامنئي»',
  'ﻻ',
  'ﷲ',
  'ﺑﻴﺖ',
  'ﷺ',
  'ا\u0654حمد',
  'ي\u0654ي',
  'کشور ایران',
  'عام ٢٠١٤ و۲۰۱۵',
  'نمو ٣٫٥ بالمئة و١٬٠٠٠',
  'می\u200cخواهم',
  '\u202bنص\u202c',
  'CAFÉ e\u0301',
  'كـــبـــيـــر',
  'قرآنٌ',
  '',
];

describe('lightNormalize', () => {
  it('composes decomposed hamza and madda instead of dropping them as marks', () => {
    expect(lightNormalize('ا\u0654')).toBe('أ');
    expect(lightNormalize('ا\u0655')).toBe('إ');
    expect(lightNormalize('ا\u0653')).toBe('آ');
    expect(lightNormalize('و\u0654')).toBe('ؤ');
    expect(lightNormalize('ي\u0654')).toBe('ئ');
  });

  it('composes other scripts to NFC as well', () => {
    expect(lightNormalize('cafe\u0301')).toBe('café'.normalize('NFC'));
  });

  it('maps Arabic presentation forms back to ordinary letters', () => {
    expect(lightNormalize('ﻻ')).toBe('لا');
    expect(lightNormalize('ﺑﻴﺖ')).toBe('بيت');
    expect(lightNormalize('ﷲ')).toBe('الله');
    // The lam-alef ligature with hamza keeps its hamza at this level.
    expect(lightNormalize('ﻹ')).toBe('لإ');
  });

  it('decomposes every presentation form that has a compatibility mapping', () => {
    // Symbols, ornate parentheses and unassigned code points in these blocks have no
    // letters to map to; everything else must come out as ordinary characters.
    const shapes = [...range(0xfb50, 0xfdff), ...range(0xfe70, 0xfefe)].filter((c) => c.normalize('NFKC') !== c);
    expect(shapes.length).toBeGreaterThan(700);
    for (const c of shapes) expect(lightNormalize(`ب${c}ب`), hex(c)).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFE]/);
  });

  it.each(HARAKAT.map((c) => [hex(c), c]))('removes the haraka %s', (_, mark) => {
    expect(lightNormalize(`ك${mark}تب`)).toBe('كتب');
  });

  it.each(QURANIC.map((c) => [hex(c), c]))('removes the Quranic annotation sign %s', (_, mark) => {
    expect(lightNormalize(`ك${mark}تب`)).toBe('كتب');
  });

  it('removes the superscript alef and tatweel', () => {
    expect(lightNormalize('هٰذا')).toBe('هذا');
    expect(lightNormalize('كـــبـــيـــر')).toBe('كبير');
  });

  it.each(INVISIBLES)('removes the invisible %s', (_, c) => {
    expect(lightNormalize(`خام${c}نئي`)).toBe('خامنئي');
    expect(lightNormalize(`${c}خبر${c}`)).toBe('خبر');
  });

  // Arabic Extended-A (U+08D3–U+08FF) holds more combining marks (open fathatan U+08F0,
  // small high marks); a word carrying one must match its bare form.
  it('removes the combining marks of Arabic Extended-A (U+08D3–U+08FF)', () => {
    for (const c of ['\u08d3', '\u08e4', '\u08f0', '\u08f1', '\u08f2', '\u08fe']) expect(lightNormalize(`ك${c}تب`)).toBe('كتب');
  });

  it('maps Arabic-Indic and Extended Arabic-Indic digits to ASCII', () => {
    expect(lightNormalize('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(lightNormalize('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
  });

  it('maps the Arabic decimal and thousands separators to ASCII', () => {
    expect(lightNormalize('٣٫٥')).toBe('3.5');
    expect(lightNormalize('١٬٠٠٠')).toBe('1,000');
  });

  it('keeps the letter distinctions the stemmer relies on', () => {
    // ة against a pronoun ه, and hamza on an initial alef (ألمانيا is not أل + مانيا).
    expect(lightNormalize('رسالة')).toBe('رسالة');
    expect(lightNormalize('ألمانيا')).toBe('ألمانيا');
    expect(lightNormalize('إيران')).toBe('إيران');
    expect(lightNormalize('مسؤول')).toBe('مسؤول');
  });

  it('already folds alef maqsura to yeh', () => {
    expect(lightNormalize('مستشفى')).toBe('مستشفي');
  });

  it('returns plain text unchanged', () => {
    const plain = 'قال الوزير إن 20 مسؤولا وصلوا';
    expect(lightNormalize(plain)).toBe(plain);
  });
});

describe('foldLetters', () => {
  it.each([
    ['hamza above', 'أحمد', 'احمد'],
    ['hamza below', 'إيران', 'ايران'],
    ['madda', 'آلاف', 'الاف'],
    ['wasla', 'ٱلحمد', 'الحمد'],
  ])('folds alef with %s to a bare alef', (_, input, expected) => {
    expect(foldLetters(input)).toBe(expected);
  });

  it('folds the hamza carriers waw and yeh to a bare hamza', () => {
    expect(foldLetters('مسؤول')).toBe(foldLetters('مسئول'));
    expect(foldLetters('ؤ')).toBe('ء');
    expect(foldLetters('ئ')).toBe('ء');
  });

  it('folds ta marbuta to heh and alef maqsura to yeh', () => {
    expect(foldLetters('رسالة')).toBe('رساله');
    expect(foldLetters('مستشفى')).toBe('مستشفي');
  });

  it('folds Persian keheh and yeh to their Arabic letters', () => {
    expect(foldLetters('کشور')).toBe('كشور');
    expect(foldLetters('ایران')).toBe('ايران');
  });

  it('folds the other heh shapes to heh', () => {
    for (const c of ['ۀ', 'ھ', 'ہ', 'ە']) expect(foldLetters(c)).toBe('ه');
  });

  it('lowercases Latin, including accented letters', () => {
    expect(foldLetters('NATO')).toBe('nato');
    expect(foldLetters('CAFÉ')).toBe('café');
  });

  it('leaves letters that have no variant alone', () => {
    const word = 'بيروت';
    expect(foldLetters(word)).toBe(word);
  });
});

describe('normalize', () => {
  it('is light normalization followed by letter folding', () => {
    for (const s of SAMPLES) expect(normalize(s)).toBe(foldLetters(lightNormalize(s)));
  });

  it.each([
    ['alef variants', 'أفغانستان', 'افغانستان'],
    ['hamza carriers', 'مسؤول', 'مسئول'],
    ['ta marbuta typed as heh', 'رسالة', 'رساله'],
    ['alef maqsura typed as yeh', 'مستشفى', 'مستشفي'],
    ['Persian letters', 'کشور ایران', 'كشور ايران'],
    ['a lam-alef ligature with hamza', 'ﻹعلان', 'لاعلان'],
    ['decomposed hamza', 'ا\u0654حمد', 'احمد'],
    ['Arabic-Indic digits', '٢٠١٤', '2014'],
    ['Extended Arabic-Indic digits', '۲۰۱۴', '2014'],
    ['tatweel', 'كـــبـــيـــر', 'كبير'],
    ['Latin case', 'Reuters', 'REUTERS'],
  ])('gives one form for spellings that differ in %s', (_, a, b) => {
    expect(normalize(a)).toBe(normalize(b));
  });

  it('gives a diacritized word the form of the bare word', () => {
    expect(normalize('رِسَالَةٌ')).toBe(normalize('رسالة'));
    expect(normalize('قُرْآنٌ')).toBe(normalize('قرآن'));
    expect(normalize('هٰذَا')).toBe(normalize('هذا'));
    expect(normalize('ٱلْحَمْدُ')).toBe(normalize('الحمد'));
  });

  it('is idempotent on the sample strings', () => {
    for (const s of SAMPLES) expect(normalize(normalize(s))).toBe(normalize(s));
  });

  it('is idempotent on random mixtures of letters, marks, ligatures and invisibles', () => {
    const alphabet = [
      ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئةى',
      ...'یکۀھ',
      ...'٠٣٩۰۴٫٬09., ',
      ...DECORATIONS,
      '\u0653', '\u0654', '\u0655',
      'ﻻ', 'ﻹ', 'ﷲ', 'ﺑ', 'ﻴ', 'ﺖ',
      'E', 'e', '\u0301',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((a) => a.join('')), (s) => {
        const once = normalize(s);
        expect(normalize(once)).toBe(once);
        expect(lightNormalize(lightNormalize(s))).toBe(lightNormalize(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores diacritics, tatweel and invisibles wherever they are inserted', () => {
    const letters = [...'ابتجحدرسعفقكلمنهويءأإؤئةى٣٤ '];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...letters), fc.array(fc.constantFrom(...DECORATIONS), { maxLength: 3 })), { minLength: 1, maxLength: 12 }),
        (pairs) => {
          const bare = pairs.map(([l]) => l).join('');
          const decorated = pairs.map(([l, marks]) => l + marks.join('')).join('');
          expect(normalize(decorated)).toBe(normalize(bare));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('normalizePhrase', () => {
  it('reduces punctuation, symbols and runs of space to single spaces between folded words', () => {
    expect(normalizePhrase('  «الرسالة»  ،  الأولى! ')).toBe('الرساله الاولي');
    expect(normalizePhrase('مجلس\tالأمن -- الدولي؟')).toBe('مجلس الامن الدولي');
  });

  it('gives a diacritized headline the form of the bare headline', () => {
    expect(normalizePhrase('وَزِيرُ الخَارِجِيَّةِ: «لا تَفَاوُضَ»')).toBe(normalizePhrase('وزير الخارجية لا تفاوض'));
  });
});
