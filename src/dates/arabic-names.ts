/**
 * Arabic calendar vocabulary (month and day names with the spellings seen in real news text) and the
 * tolerant folding that makes those spellings comparable.
 *
 * Matching always happens on *folded* text (see `foldArabic`): hamza/madda alef forms become bare alef,
 * ة becomes ه, ى becomes ي, harakat, tatweel and invisible marks disappear, Arabic-Indic digits become
 * ASCII. Variant tables below are folded once when the module loads (a few dozen short strings).
 */

/** Which calendar a month name belongs to. */
export type CalendarKind = 'gregory' | 'hijri';

/** The naming tradition a month name comes from. */
export type MonthFamily = 'standard' | 'levantine' | 'maghrebi' | 'hijri';

/** Gregorian month names as written in Egypt and the Gulf (index 0 = January); used for output. */
export const GREGORIAN_MONTH_NAMES: readonly string[] = [
  'يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو',
  'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
];

/** Gregorian month names of the Levant and Iraq (index 0 = January). */
export const LEVANTINE_MONTH_NAMES: readonly string[] = [
  'كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران',
  'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول',
];

/** Hijri month names in their usual Saudi spelling (index 0 = Muharram); used for output. */
export const HIJRI_MONTH_NAMES: readonly string[] = [
  'محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة',
  'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة',
];

/** Day names indexed like `Date.prototype.getDay()` (0 = Sunday = الأحد). */
export const WEEKDAY_NAMES: readonly string[] = [
  'الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
];

/** Every accepted spelling of each Gregorian month, by family (index 0 = January). */
export const GREGORIAN_MONTH_VARIANTS: readonly { standard: string[]; levantine: string[]; maghrebi: string[] }[] = [
  { standard: ['يناير'], levantine: ['كانون الثاني', 'كانون ثاني'], maghrebi: ['جانفي'] },
  { standard: ['فبراير', 'فبرير'], levantine: ['شباط'], maghrebi: ['فيفري'] },
  { standard: ['مارس'], levantine: ['آذار'], maghrebi: [] },
  { standard: ['أبريل', 'إبريل', 'ابريل'], levantine: ['نيسان'], maghrebi: ['أفريل'] },
  { standard: ['مايو', 'ماي'], levantine: ['أيار'], maghrebi: [] },
  { standard: ['يونيو', 'يونيه', 'يونية'], levantine: ['حزيران'], maghrebi: ['جوان'] },
  { standard: ['يوليو', 'يوليه', 'يولية'], levantine: ['تموز'], maghrebi: ['يوليوز', 'جويلية'] },
  { standard: ['أغسطس', 'اغسطس', 'أغسطوس'], levantine: ['آب'], maghrebi: ['أوت', 'غشت'] },
  { standard: ['سبتمبر', 'سيبتمبر'], levantine: ['أيلول'], maghrebi: ['شتنبر'] },
  { standard: ['أكتوبر', 'اكتوبر', 'أكتوبير'], levantine: ['تشرين الأول', 'تشرين أول'], maghrebi: [] },
  { standard: ['نوفمبر'], levantine: ['تشرين الثاني', 'تشرين ثاني'], maghrebi: ['نونبر'] },
  { standard: ['ديسمبر'], levantine: ['كانون الأول', 'كانون أول'], maghrebi: ['دجنبر'] },
];

/** Every accepted spelling of each Hijri month (index 0 = Muharram). */
export const HIJRI_MONTH_VARIANTS: readonly string[][] = [
  ['محرم', 'المحرم'],
  ['صفر'],
  ['ربيع الأول', 'ربيع أول'],
  ['ربيع الآخر', 'ربيع الثاني', 'ربيع آخر', 'ربيع ثاني'],
  ['جمادى الأولى', 'جمادى الأول', 'جمادى أولى'],
  ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر', 'جمادى الثاني', 'جمادى آخرة', 'جمادى ثانية'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة', 'ذا القعدة'],
  ['ذو الحجة', 'ذي الحجة', 'ذا الحجة'],
];

/** Every accepted spelling of each day name, indexed like `getDay()`. */
export const WEEKDAY_VARIANTS: readonly string[][] = [
  ['الأحد'],
  ['الاثنين', 'الإثنين', 'الأثنين', 'الاتنين'],
  ['الثلاثاء', 'الثلاثا'],
  ['الأربعاء', 'الأربعا'],
  ['الخميس'],
  ['الجمعة'],
  ['السبت'],
];

/** Text after folding, with a map back to the original: `map[i]` is the source index of `text[i]`. */
export interface FoldedText {
  text: string;
  /** One entry per folded UTF-16 unit, plus a final entry equal to the source length. */
  map: number[];
}

const ALEF = 'ا';

/** Replace Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9) digits with ASCII digits. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

/** The folded form of one UTF-16 unit: '' to drop it, otherwise its replacement. */
function foldUnit(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) {
    if (c >= 0x41 && c <= 0x5a) return String.fromCharCode(c + 32);
    return c >= 0x09 && c <= 0x0d ? ' ' : ch;
  }
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(0x30 + c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(0x30 + c - 0x06f0);
  // Harakat, Quranic marks, superscript alef and tatweel carry no spelling difference for our purposes.
  if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || (c >= 0x0610 && c <= 0x061a) || (c >= 0x06d6 && c <= 0x06ed) || c === 0x0640) return '';
  // Invisible format characters (bidi marks, joiners, BOM, soft hyphen) survive copy-paste from web pages.
  if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x061c || c === 0xfeff || c === 0x00ad) return '';
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
      return ALEF;
    case 0x0629: return 'ه';
    case 0x0649: case 0x06cc: return 'ي';
    case 0x06a9: return 'ك';
    default: break;
  }
  if (c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) return ' ';
  // Presentation forms only appear in text produced by old shaping software; NFKC maps them back to letters.
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) {
    const nfkc = ch.normalize('NFKC');
    // Some of the block has no compatibility mapping (the ornate parentheses ﴾﴿ of Quran
    // quotations): folding those again would never end.
    if (nfkc === ch) return ch;
    let out = '';
    for (const u of nfkc) out += foldUnit(u);
    return out;
  }
  return ch;
}

/** Fold text for tolerant matching and keep a map from each folded unit back to the source index. */
export function foldArabicWithMap(source: string): FoldedText {
  // No NFC step, so that indices stay exact: a decomposed أ (ا + U+0654) loses its hamza as a mark,
  // which is what alef folding would have produced anyway.
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const out = foldUnit(source[i] as string);
    for (let k = 0; k < out.length; k++) {
      text += out[k];
      map.push(i);
    }
  }
  map.push(source.length);
  return { text, map };
}

/** Fold text for tolerant matching: alef forms → ا, ة → ه, ى → ي, no harakat/tatweel/marks, ASCII digits, lower-case ASCII. */
export function foldArabic(source: string): string {
  return foldArabicWithMap(source).text;
}

/** True for characters that continue a word (letters and combining marks), so a name cannot end there. */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{M}]/u.test(ch);
}

interface NameEntry<T> {
  /** Folded spelling, words separated by single spaces. */
  key: string;
  value: T;
}

/**
 * Folded entries, longest first. The word-boundary check already keeps `ماي` from matching inside
 * `مايو`; the order only makes the preference explicit should two spellings ever both fit.
 */
function buildEntries<T>(pairs: [string, T][]): NameEntry<T>[] {
  return pairs
    .map(([name, value]) => ({ key: foldArabic(name).replace(/\s+/g, ' ').trim(), value }))
    .sort((a, b) => b.key.length - a.key.length);
}

/** A month name found in folded text. */
export interface MonthNameMatch {
  calendar: CalendarKind;
  /** 1–12. */
  month: number;
  family: MonthFamily;
  /** Index in the folded text just past the name. */
  end: number;
}

// Built on first use: most commands never read a date name.
let monthEntries: NameEntry<Omit<MonthNameMatch, 'end'>>[] | undefined;
let weekdayEntries: NameEntry<number>[] | undefined;

const monthEntriesOf = (): NameEntry<Omit<MonthNameMatch, 'end'>>[] => (monthEntries ??= buildEntries([
  ...GREGORIAN_MONTH_VARIANTS.flatMap((v, i) => [
    ...v.standard.map((n): [string, Omit<MonthNameMatch, 'end'>] => [n, { calendar: 'gregory', month: i + 1, family: 'standard' }]),
    ...v.levantine.map((n): [string, Omit<MonthNameMatch, 'end'>] => [n, { calendar: 'gregory', month: i + 1, family: 'levantine' }]),
    ...v.maghrebi.map((n): [string, Omit<MonthNameMatch, 'end'>] => [n, { calendar: 'gregory', month: i + 1, family: 'maghrebi' }]),
  ]),
  ...HIJRI_MONTH_VARIANTS.flatMap((v, i) =>
    v.map((n): [string, Omit<MonthNameMatch, 'end'>] => [n, { calendar: 'hijri', month: i + 1, family: 'hijri' }]),
  ),
]));

const weekdayEntriesOf = (): NameEntry<number>[] =>
  (weekdayEntries ??= buildEntries(WEEKDAY_VARIANTS.flatMap((v, i) => v.map((n): [string, number] => [n, i]))));

/**
 * Try `key` at `pos` of folded `text`; a space in the key matches any run of spaces, or none at all
 * (`ذوالحجة` is a common typing), and the name must not run on into another letter.
 */
function matchKeyAt(text: string, pos: number, key: string): number {
  let i = pos;
  for (let k = 0; k < key.length; k++) {
    if (key[k] === ' ') {
      while (text[i] === ' ') i++;
      continue;
    }
    if (text[i] !== key[k]) return -1;
    i++;
  }
  return isWordChar(text[i]) ? -1 : i;
}

function matchEntryAt<T>(entries: NameEntry<T>[], text: string, pos: number): { value: T; end: number } | null {
  if (isWordChar(text[pos - 1])) return null;
  for (const e of entries) {
    const end = matchKeyAt(text, pos, e.key);
    if (end >= 0) return { value: e.value, end };
  }
  return null;
}

/** The Gregorian or Hijri month name starting at `pos` of already folded text, or null. */
export function matchMonthNameAt(folded: string, pos: number): MonthNameMatch | null {
  const m = matchEntryAt(monthEntriesOf(), folded, pos);
  return m ? { ...m.value, end: m.end } : null;
}

/** The day name starting at `pos` of already folded text (weekday as in `getDay()`), or null. */
export function matchWeekdayAt(folded: string, pos: number): { weekday: number; end: number } | null {
  const m = matchEntryAt(weekdayEntriesOf(), folded, pos);
  return m ? { weekday: m.value, end: m.end } : null;
}

/** Look up a whole string (any spelling, unfolded) as a month name. */
export function lookupMonthName(name: string): Omit<MonthNameMatch, 'end'> | null {
  const folded = foldArabic(name).trim();
  const m = matchMonthNameAt(folded, 0);
  return m && m.end === folded.length ? { calendar: m.calendar, month: m.month, family: m.family } : null;
}

/** Look up a whole string (any spelling, unfolded) as a day name; returns the `getDay()` index. */
export function lookupWeekday(name: string): number | null {
  const folded = foldArabic(name).trim();
  const m = matchWeekdayAt(folded, 0);
  return m && m.end === folded.length ? m.weekday : null;
}
