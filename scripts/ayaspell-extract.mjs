// Derives src/analysis/ayaspell.ts from the Ayaspell Arabic dictionary (Debian package
// hunspell-ar 3.2, /usr/share/hunspell/ar.dic), which is available under GPL 2.0, LGPL 2.1
// or MPL 1.1; newsq takes it under MPL 1.1, so the derived file carries that licence.
//   apt-get install hunspell-ar && node scripts/ayaspell-extract.mjs [path/to/ar.dic]
//
// The dictionary's noun part lists the entries of one root together, a singular usually
// next to its broken plurals. Three things are taken from it:
//  - its nouns and adjectives, and the stems of its verbs' conjugations, which the analyzer
//    asks about (is this a word of its own?);
//  - the words whose feminine is formed with ة and is no entry of its own (مهندس, not مكتب);
//  - singular / broken-plural pairs: a plural spelling that one of the templates below
//    makes from a singular, listed within a few entries of it (same root block), or, over
//    the whole list, a plural entry and a singular entry of one root that fit the two sides
//    of a classical correspondence (CORRESPONDENCES).
import { readFileSync, writeFileSync } from 'node:fs';

const dic = process.argv[2] ?? '/usr/share/hunspell/ar.dic';
const out = new URL('../src/analysis/ayaspell.ts', import.meta.url);
const lines = readFileSync(dic, 'utf8').split('\n');

// The file concatenates stopwords.dic, tools.dic, names.dic (nouns and adjectives) and
// verb.huns.dic, each announced between lines of colons.
const sections = new Map();
for (let i = 0; i + 2 < lines.length; i++) {
  if (/^:{10,}$/.test(lines[i]) && /^:{10,}$/.test(lines[i + 2])) sections.set(lines[i + 1].trim(), i + 3);
}
const start = sections.get('names.dic');
const end = sections.get('verb.huns.dic') - 3;
if (start === undefined || !(end > start)) throw new Error(`${dic}: no names.dic section`);

// The affix-flag sets, numbered from 1 in the .aff file's AF lines: an entry whose set
// allows a dual (flags CA-CD) is a singular, never a broken plural.
const aff = readFileSync(dic.replace(/\.dic$/, '.aff'), 'utf8').split('\n');
const flagSets = [''];
for (const line of aff) {
  const m = /^AF\s+(\S+)/.exec(line);
  if (m && !/^\d+$/.test(m[1])) flagSets.push(m[1]);
}
const takesDual = (flags) => /C[A-D]/.test((flags.match(/../g) ?? []).join(' '));

const ARABIC = /^[\u0621-\u064A]+$/;
// For the pairing by root below: an entry whose flag set takes no dual and no feminine (only
// the article and the clitics) is a plural's; one that takes a dual (C: nouns, D and E:
// adjectives, G: words in hamza) is a singular's.
const groups = (flags) => new Set((flags.match(/../g) ?? []).map((f) => f[0]));
const pluralEntry = new Set();
const singularEntry = new Set();
const nounEntry = new Set();
const takesFeminine = new Set();
const plainEntry = new Set();
const entries = [];
const singularOnly = new Set();
const pluralable = new Set();
for (const line of lines.slice(start, end)) {
  const [head, rest = ''] = line.split('/');
  const word = head.split('\t')[0].trim();
  if (!ARABIC.test(word)) continue;
  entries.push(word);
  const set = flagSets[Number(rest.split(/\s/)[0])] ?? '';
  if (takesDual(set)) singularOnly.add(word);
  else pluralable.add(word);
  const g = groups(set);
  if (g.has('B')) takesFeminine.add(word);
  else plainEntry.add(word);
  if (['C', 'D', 'E', 'G'].some((x) => g.has(x))) singularEntry.add(word);
  if (g.has('C') || g.has('G')) nounEntry.add(word);
  else if (!g.has('B') && !g.has('H')) pluralEntry.add(word);
}
// The verb part lists the stems of each verb's conjugation (قال, يقول, تقول, …). An
// imperfect stem in ت, ن or أ whose form in ي is listed is left out (the analyzer looks
// those up in ي), which halves the list.
const allVerbs = new Set();
for (const line of lines.slice(sections.get('verb.huns.dic'))) {
  const word = line.split(/[/\t]/)[0].trim();
  if (ARABIC.test(word)) allVerbs.add(word);
}
const verbs = new Set([...allVerbs].filter((w) => !(/^[تنأ]/.test(w) && allVerbs.has(`ي${w.slice(1)}`))));

// Consonants here are letters that are not a long vowel or ة (hamza forms count); a word's
// first letter is a consonant even when it is و or ي (وزير → وزراء).
const C = '([^اويىة])';
const F = '([^اىة])';
const templates = [
  [`^${C}${C}$`, ['$1$2و$2', 'أ$1$2ا$2']], // فعّ: فعول أفعال (حق → حقوق, رب → أرباب)
  [`^${C}ا${C}$`, ['$1$2ا$2']], // فاعّ: فعال (شاب → شباب)
  // singular shape → plural shapes, written with the root letters $1 $2 $3 ($4)
  // (Not فعلان: the dictionary lists names of that shape beside the root's nouns, عمران by عمر.)
  [`^${F}${C}${C}$`, ['أ$1$2ا$3', '$1$2و$3', '$1$2ا$3', 'أ$1$2$3ة']], // فعل: أفعال فعول فعال أفعلة
  [`^${C}${C}${C}ي$`, ['$1$2و$3', 'أ$1$2ا$3', '$1$2ا$3']], // فعلي (جندي → جنود)
  // (Not فعلة → فعل: the plural is too often a verb or noun of its own, صفقة / صفق, شرطة / شرط.)
  [`^${F}${C}${C}ة$`, ['أ$1$2ا$3']], // فعلة: أفعال
  [`^${F}${C}ي${C}$`, ['$1$2$3اء', 'أ$1$2$3اء', '$1$2ا$3', '$1$2$3ى', 'أ$1$2$3ة', '$1$2ائ$3']], // فعيل: فعلاء أفعلاء فعال فعلى أفعلة فعائل
  [`^${C}${C}ي${C}ة$`, ['$1$2ائ$3', '$1$2$3']], // فعيلة: فعائل فعل
  [`^${C}ا${C}${C}$`, ['$1وا$2$3', '$1$2ا$3', '$1$2$3اء']], // فاعل: فواعل فعال فعلاء
  [`^${C}ا${C}${C}ة$`, ['$1وا$2$3']], // فاعلة: فواعل
  [`^${C}ا${C}[وي]${C}$`, ['$1وا$2ي$3']], // فاعول فاعيل: فواعيل (قانون → قوانين)
  [`^${C}${C}ا${C}$`, ['أ$1$2$3ة', '$1$2$3', '$1$2ائ$3']], // فعال: أفعلة فعل فعائل
  [`^${C}${C}ا${C}ة$`, ['$1$2ائ$3']], // فعالة: فعائل
  [`^م${C}${C}${C}ة?$`, ['م$1ا$2$3']], // مفعل(ة): مفاعل
  [`^م${C}${C}[اوي]${C}ة?$`, ['م$1ا$2ي$3']], // مفعول مفعال مفعيل: مفاعيل
  [`^ت${C}${C}ي${C}$`, ['ت$1ا$2ي$3']], // تفعيل: تفاعيل
  [`^أ${C}${C}${C}$`, ['أ$1ا$2$3']], // أفعل: أفاعل
  [`^${C}${C}${C}${C}ة?$`, ['$1$2ا$3$4']], // فعلل: فعالل
  [`^${C}${C}${C}[اوي]${C}ة?$`, ['$1$2ا$3ي$4']], // فعلال فعلول فعليل: فعاليل
  [`^${C}${C}ية$`, ['$1$2ايا']], // فعية: فعايا (قضية → قضايا)
  [`^${C}${C}${C}ى$`, ['$1$2ا$3ى', '$1$2ا$3ي']], // فعلى: فعالى (فتوى → فتاوى)
  [`^م${C}${C}ى$`, ['م$1ا$2ي', 'م$1ا$2ى']], // مفعى: مفاعي (مقهى → مقاهي)
].map(([shape, plurals]) => [new RegExp(shape), plurals]);

function pluralShapes(singular) {
  const out = new Set();
  for (const [shape, plurals] of templates) {
    if (shape.test(singular)) for (const p of plurals) out.add(singular.replace(shape, p));
  }
  out.delete(singular);
  return out;
}

// Compared with hamza on alef and its seats folded: the dictionary writes رؤساء, a template رئساء.
const bareAlef = (w) => w.replace(/[أإآ]/g, 'ا').replace(/[ؤئ]/g, 'ء');
const WINDOW = 4;
const plurals = new Map();
entries.forEach((singular, i) => {
  const shapes = new Set([...pluralShapes(singular)].map(bareAlef));
  if (shapes.size === 0) return;
  for (let j = Math.max(0, i - WINDOW); j <= Math.min(entries.length - 1, i + WINDOW); j++) {
    const p = entries[j];
    // A broken plural has no dual: an entry that only ever takes one is a singular (ثلاث, حساب).
    if (j === i || p === singular || !shapes.has(bareAlef(p)) || !pluralable.has(p)) continue;
    const list = plurals.get(singular) ?? [];
    if (!list.includes(p)) list.push(p);
    plurals.set(singular, list);
  }
});

// Pairs by root, over the whole list: a plural entry (one that takes no dual) and a
// singular entry whose letters fit the two sides of one classical singular → plural
// correspondence and spell the same root. It reaches what the window and the templates
// above miss: a singular and plural listed apart (درس / دروس), hollow, defective and
// doubled roots and roots with a hamza, where a weak letter or hamza of one form is another
// in the other (ضيف / ضيوف, نائب / نواب, دليل / أدلة, خطأ / أخطاء, غني / أغنياء, مسألة /
// مسائل), and roots of four letters (أستاذ / أساتذة, عنوان / عناوين). In a correspondence,
// ف ع ل ق are the root's letters (ع alone: a doubled root's two last letters); any other
// letter is itself. Two letters of the roots at least, one of them strong, must be the same.
// Left out, as they join too many words that are not plural and singular: فعل → فعال and
// فعال → فعل (ثور / ثوار, سجال / سجل), فعيل → فعال and أفعلة (بليغ / بلاغ, عميد / أعمدة),
// فاعل → فعال, فعول, فعلة and فعلاء (دافع / دفاع, نافس / نفوس, لاعب / لعبة, حاكم / حكماء),
// فعال and فعالة → فعائل (جواز / جوائز), فعلي → فعول (شمسي / شموس), فعيلة → فعل (قذيفة / قذف):
// the window above still pairs them where the dictionary lists them together. A
// correspondence marked n takes a singular that is a noun (its dual is a noun's), not a
// participle (مقلد is not the singular of مقاليد).
const CORRESPONDENCES = [
  ['فعل', 'أفعال فعول'],
  ['فع', 'فعول أفعال'], // حق / حقوق, رب / أرباب
  ['فعيل', 'فعلاء أفعلاء فعلى أفعة'], // دليل / أدلة
  ['فعيلة', 'فعائل'],
  ['فاعل', 'فواعل'],
  ['فاعي', 'فعاة'], // قاضي / قضاة, جاني / جناة
  ['فعي', 'أفعياء'], // a defective فعيل: ذكي / أذكياء
  ['افع', 'أفعاء'], // a noun with a connecting alef and a weak last letter: ابن / أبناء
  ['فاعلة', 'فواعل'],
  ['فاعول', 'فواعيل'],
  ['فاعولة', 'فواعيل'], // فاتورة / فواتير
  ['فاعيل', 'فواعيل'],
  ['فعال', 'أفعلة'],
  ['مفعل', 'مفاعل', 'n'],
  ['مفعلة', 'مفاعل', 'n'],
  ['مفعال', 'مفاعيل', 'n'],
  ['مفعول', 'مفاعيل', 'n'],
  ['مفعيل', 'مفاعيل', 'n'],
  ['تفعيل', 'تفاعيل'],
  ['تفعال', 'تفاعيل'],
  ['أفعول', 'أفاعيل'],
  ['فعلق', 'فعالق'],
  ['فعلقة', 'فعالق'],
  ['فعلاق', 'فعاليق فعالقة'],
  ['فعلوق', 'فعاليق فعالقة'],
  ['فعليق', 'فعاليق'],
];
const HAMZA = 'ءأإآؤئ';
const WEAK = 'اويى';
// Two root letters agree when they are the same, two hamzas, or (not first) two weak letters
// or a hamza and a weak letter: the hamza of نائب is the و of نواب.
const compile = (shape) => {
  const order = [];
  let re = '^';
  for (const ch of shape) {
    if ('فعلق'.includes(ch)) {
      order.push(ch);
      re += '([^ة])';
    } else re += ch === 'أ' ? '[أا]' : ch;
  }
  return [new RegExp(re + '$'), order];
};
// The root a shape reads in a word, as ف ع ل ق (a missing ل is the doubled ع), or null.
const rootIn = ([re, order], word) => {
  const m = re.exec(word);
  if (!m) return null;
  const root = {};
  order.forEach((k, i) => (root[k] = m[i + 1]));
  if (root.ل === undefined) root.ل = root.ع;
  return [root.ف, root.ع, root.ل, root.ق ?? ''];
};
const W = HAMZA + WEAK;
// Where they may differ: the first letter only in the hamza's seat; the middle one of a
// hollow root as ا or a hamza in the singular and و in the plural (مال / أموال, نائب /
// نواب, not عيد / أعواد or زائد / زياد); the last of a defective root as any weak letter
// or hamza (عضو / أعضاء).
const agree = (x, y, i) => {
  if (x === y || (HAMZA.includes(x) && HAMZA.includes(y))) return true;
  if (i === 1) return (x === 'ا' || HAMZA.includes(x)) && y === 'و';
  return i === 2 && W.includes(x) && W.includes(y);
};
const sameRoot = (a, b) => {
  // A root of four letters is written the same in both (ركوب is no root ر ك و ب of ركائب).
  if (a[3] && a.join('') !== b.join('')) return false;
  let strong = 0;
  let same = 0;
  for (let i = 0; i < 4; i++) {
    if (!agree(a[i], b[i], i)) return false;
    if (a[i] === b[i] && a[i]) {
      same++;
      if (!W.includes(a[i])) strong++;
    }
  }
  // Two letters written the same, one of them strong (دواء / أدوية: د and و).
  return same >= 2 && strong >= 1;
};
// Plural entries by the strong letters of their root under each plural shape.
const rootKey = (root) => root.map((c) => (W.includes(c) ? '*' : c)).join('');
const pluralShapesByName = new Map();
for (const [, ps] of CORRESPONDENCES) for (const p of ps.split(' ')) if (!pluralShapesByName.has(p)) pluralShapesByName.set(p, compile(p));
const pluralIndex = new Map();
const entrySet = new Set(entries);
for (const p of new Set(entries)) {
  if (!pluralEntry.has(p)) continue;
  for (const [name, shape] of pluralShapesByName) {
    const root = rootIn(shape, p);
    if (!root) continue;
    const key = `${name}:${rootKey(root)}`;
    const list = pluralIndex.get(key) ?? [];
    list.push([p, root]);
    pluralIndex.set(key, list);
  }
}
for (const singular of singularEntry) {
  for (const [sShape, ps, only] of CORRESPONDENCES) {
    if (only === 'n' && !nounEntry.has(singular)) continue;
    const root = rootIn(compile(sShape), singular);
    if (!root) continue;
    // A singular in ي or و is a nisba or a defective root's: only its own plural shape
    // (حالي is not the singular of حوالي, طبي not of أطباء).
    if (/[يو]$/.test(singular) && sShape !== 'فاعي' && sShape !== 'فعي') continue;
    for (const name of ps.split(' ')) {
      for (const [p, pRoot] of pluralIndex.get(`${name}:${rootKey(root)}`) ?? []) {
        if (p === singular || !sameRoot(root, pRoot)) continue;
        // A plural in أ whose spelling with إ is a verbal noun (أضراب / إضراب) meets that noun
        // once the alef is folded, far more frequent in news.
        if (p.startsWith('أ') && entrySet.has(`إ${p.slice(1)}`)) continue;
        // فعلى is also the feminine of أفعل (أخرى, يسرى).
        if (name === 'فعلى' && /^[أاي]/.test(p)) continue;
        const list = plurals.get(singular) ?? [];
        if (!list.includes(p)) list.push(p);
        plurals.set(singular, list);
      }
    }
  }
}

// A "plural" that the dictionary also lists as a singular with plurals of its own is most
// often that singular (كتاب "book", whose plural is كتب, beside كاتب "writer"): not a pair.
for (const [singular, list] of plurals) {
  const kept = list.filter((p) => (plurals.get(p) ?? []).every((q) => q === singular));
  if (kept.length) plurals.set(singular, kept);
  else plurals.delete(singular);
}

// A short plural (فعول, فعال, فعل, فعلة, فعاة: no prefix, four letters at most) that the
// dictionary also lists as a singular noun, one taking a dual, is far more often that
// singular, mostly a verbal noun of the verb the "singular" spells (ركوب "riding" beside
// ركب, جمال "beauty" beside جمل, خروج, نجاح, حساب): not a pair. Longer plural shapes (أفعال,
// مفاعل, تفاعيل) are seldom a singular, and keep their pairs even so (أحكام, مباني).
for (const [singular, list] of plurals) {
  const kept = list.filter((p) => !(singularOnly.has(p) && p.length <= 4 && !/^[أإآمت]/.test(p)));
  if (kept.length) plurals.set(singular, kept);
  else plurals.delete(singular);
}

// فعائل is the plural of فعيلة: where the dictionary pairs it with فعيل alone (وثيق / وثائق,
// with no entry وثيقة), the form in ة is its singular too.
for (const [singular, list] of [...plurals]) {
  if (!/^[^اىة][^اويىة]ي[^اويىة]$/.test(singular) || plurals.has(`${singular}ة`)) continue;
  const faail = list.filter((p) => p === `${singular.slice(0, 2)}ائ${singular[3]}`);
  if (faail.length) plurals.set(`${singular}ة`, faail);
}

const words = [...new Set(entries)].sort();
// Adjectives, participles and nouns of people whose feminine is formed with ة (the flag set
// of one of their entries takes it: مهندس, فنان), where the form in ة is not listed as a word
// of its own (مكتبة, طائرة, جامعة are; مهندسة, فنانة are not). A word of three letters or
// fewer must take it in every entry: such a word is also a noun far more often (بلد / بلدة,
// طلق / طلقة, ماس / ماسة).
const feminineBases = [...takesFeminine].filter((w) => !entrySet.has(`${w}ة`) && (w.length > 3 || !plainEntry.has(w))).sort();

const wrap = (items, width = 100) => {
  const rows = [];
  let row = '';
  for (const item of items) {
    if (row && row.length + 1 + item.length > width) {
      rows.push(row);
      row = '';
    }
    row = row ? `${row} ${item}` : item;
  }
  if (row) rows.push(row);
  return rows.join('\n');
};

const header = `// Derived from the Arabic dictionary of the Ayaspell project (hunspell-ar 3.2, ar.dic), by
// scripts/ayaspell-extract.mjs, which documents how: a selection of its nouns and adjectives,
// the words whose feminine is formed with ة, and singular / broken-plural pairs of one root
// (listed together, or fitting a classical correspondence). Generated; do not edit.
//
// The contents of this file are subject to the Mozilla Public License Version 1.1 (the
// "License"); you may not use this file except in compliance with the License. You may obtain
// a copy of the License at http://www.mozilla.org/MPL/ (a copy is in ayaspell.MPL-1.1.txt
// beside this file).
//
// Software distributed under the License is distributed on an "AS IS" basis, WITHOUT WARRANTY
// OF ANY KIND, either express or implied. See the License for the specific language governing
// rights and limitations under the License.
//
// The Original Code is the Ayaspell Arabic dictionary. The Initial Developer of the Original
// Code is Mohamed Kebdani. Portions created by the Initial Developer are Copyright (C)
// 2006-2008 Mohamed Kebdani. All Rights Reserved.
//
// Contributor(s): the newsq authors (the selection and the pairing described above).
//
// The Original Code is also available under the GNU GPL 2.0 or later and the GNU LGPL 2.1 or
// later; this derived file is offered under the MPL 1.1 only, which newsq chose.
`;

const pairLines = [...plurals].map(([s, ps]) => `${s} ${ps.join(' ')}`);
writeFileSync(
  out,
  `${header}
/** The nouns and adjectives of the dictionary. */
export const AYASPELL_WORDS = \`
${wrap(words)}
\`;

/** The stems of the dictionary's verb conjugations (an imperfect in ت ن أ only when its form in ي is not listed). */
export const AYASPELL_VERBS = \`
${wrap([...verbs].sort())}
\`;

/** Words whose feminine is the word and ة, the form in ة being no entry of its own. */
export const AYASPELL_FEMININE = \`
${wrap(feminineBases)}
\`;

/** A singular, then its broken plurals, one singular per line. */
export const AYASPELL_PLURALS = \`
${pairLines.join('\n')}
\`;
`,
);
console.log(`${words.length} words, ${feminineBases.length} feminine bases, ${verbs.size} verb stems, ${plurals.size} singulars with ${pairLines.reduce((n, l) => n + l.split(' ').length - 1, 0)} plurals`);
