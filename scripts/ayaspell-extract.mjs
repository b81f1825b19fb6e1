// Derives src/analysis/ayaspell.ts from the Ayaspell Arabic dictionary (Debian package
// hunspell-ar 3.2, /usr/share/hunspell/ar.dic), which is available under GPL 2.0, LGPL 2.1
// or MPL 1.1; newsq takes it under MPL 1.1, so the derived file carries that licence.
//   apt-get install hunspell-ar && node scripts/ayaspell-extract.mjs [path/to/ar.dic]
//
// The dictionary's noun part lists the entries of one root together, a singular usually
// next to its broken plurals. Two things are taken from it:
//  - its nouns and adjectives, which the analyzer asks about (is this a word of its own?);
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

const ARABIC = /^[\u0621-\u064A]+$/;
const entries = [];
for (const line of lines.slice(start, end)) {
  const word = line.split(/[/\t]/)[0].trim();
  if (ARABIC.test(word)) entries.push(word);
}

// Consonants here are letters that are not a long vowel or ة (hamza forms count); a word's
// first letter is a consonant even when it is و or ي (وزير → وزراء).
const C = '([^اويىة])';
const F = '([^اىة])';
const templates = [
  [`^${C}${C}$`, ['$1$2و$2', 'أ$1$2ا$2']], // فعّ: فعول أفعال (حق → حقوق, رب → أرباب)
  [`^${C}ا${C}$`, ['$1$2ا$2', '$1$2ان']], // فاعّ: فعال فعلان (شاب → شباب, شبان)
  // singular shape → plural shapes, written with the root letters $1 $2 $3 ($4)
  [`^${F}${C}${C}$`, ['أ$1$2ا$3', '$1$2و$3', '$1$2ا$3', '$1$2$3ان', 'أ$1$2$3ة']], // فعل: أفعال فعول فعال فعلان أفعلة
  [`^${C}${C}${C}ي$`, ['$1$2و$3', 'أ$1$2ا$3', '$1$2ا$3']], // فعلي (جندي → جنود)
  [`^${F}${C}${C}ة$`, ['$1$2$3', 'أ$1$2ا$3']], // فعلة: فعل أفعال
  [`^${F}${C}ي${C}$`, ['$1$2$3اء', 'أ$1$2$3اء', '$1$2ا$3', '$1$2$3ى', 'أ$1$2$3ة', '$1$2ائ$3']], // فعيل: فعلاء أفعلاء فعال فعلى أفعلة فعائل
  [`^${C}${C}ي${C}ة$`, ['$1$2ائ$3', '$1$2$3']], // فعيلة: فعائل فعل
  [`^${C}ا${C}${C}$`, ['$1وا$2$3', '$1$2ا$3', '$1$2$3اء']], // فاعل: فواعل فعال فعلاء
  [`^${C}ا${C}${C}ة$`, ['$1وا$2$3']], // فاعلة: فواعل
  [`^${C}ا${C}[وي]${C}$`, ['$1وا$2ي$3']], // فاعول فاعيل: فواعيل (قانون → قوانين)
  [`^${C}${C}ا${C}$`, ['أ$1$2$3ة', '$1$2$3', '$1$2ائ$3']], // فعال: أفعلة فعل فعائل
  [`^${C}${C}ا${C}ة$`, ['$1$2ائ$3']], // فعالة: فعائل
  [`^${C}${C}و${C}$`, ['$1$2ائ$3']], // فعول: فعائل
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
    if (j === i || p === singular || !shapes.has(bareAlef(p))) continue;
    const list = plurals.get(singular) ?? [];
    if (!list.includes(p)) list.push(p);
    plurals.set(singular, list);
  }
});

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

/** A singular, then its broken plurals, one singular per line. */
export const AYASPELL_PLURALS = \`
${pairLines.join('\n')}
\`;
`,
);
console.log(`${words.length} words, ${plurals.size} singulars with ${pairLines.reduce((n, l) => n + l.split(' ').length - 1, 0)} plurals`);
