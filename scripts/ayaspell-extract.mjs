// Derives src/analysis/ayaspell.ts from the Ayaspell Arabic dictionary (Debian package
// hunspell-ar 3.2, /usr/share/hunspell/ar.dic), which is available under GPL 2.0, LGPL 2.1
// or MPL 1.1; newsq takes it under MPL 1.1, so the derived file carries that licence.
//   apt-get install hunspell-ar && node scripts/ayaspell-extract.mjs [path/to/ar.dic]
//
// The dictionary's noun part lists the entries of one root together, a singular usually
// next to its broken plurals. Two things are taken from it:
//  - its nouns and adjectives, and the stems of its verbs' conjugations, which the analyzer
//    asks about (is this a word of its own?);
//  - singular / broken-plural pairs: a plural spelling that one of the templates below
//    makes from a singular, listed within a few entries of it (same root block).
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

// A "plural" that the dictionary also lists as a singular with plurals of its own is most
// often that singular (كتاب "book", whose plural is كتب, beside كاتب "writer"): not a pair.
for (const [singular, list] of plurals) {
  const kept = list.filter((p) => (plurals.get(p) ?? []).every((q) => q === singular));
  if (kept.length) plurals.set(singular, kept);
  else plurals.delete(singular);
}

const words = [...new Set(entries)].sort();

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
// and the singular / broken-plural pairs its noun list places together. Generated; do not edit.
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

/** A singular, then its broken plurals, one singular per line. */
export const AYASPELL_PLURALS = \`
${pairLines.join('\n')}
\`;
`,
);
console.log(`${words.length} words, ${verbs.size} verb stems, ${plurals.size} singulars with ${pairLines.reduce((n, l) => n + l.split(' ').length - 1, 0)} plurals`);
