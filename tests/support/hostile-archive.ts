// An archive whose every field carries terminal escapes, C1 controls and bidi overrides,
// and the check that what newsq wrote from it is inert. Each payload sits between the
// markers ZQ and QZ, so a check can tell a payload that got through from newsq's own
// escapes (colour, the bidi mode switches, isolates around a run): newsq never writes
// anything between two Latin letters of one word, so after sanitising the pair reads ZQQZ.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A title-setting OSC's payload: seen on screen or in a terminal title only if it got through. */
export const TITLE_MARKER = 'PWNED';

/** Every kind of control the archive may hold, each to be neutralised. */
export const PAYLOADS: readonly string[] = [
  `\x1b]0;${TITLE_MARKER}\x07`, // OSC 0 (title), BEL-terminated
  `\x1b]2;${TITLE_MARKER}\x1b\\`, // OSC 2 (title), ST-terminated
  '\x1b]52;c;UFdORUQ=\x07', // OSC 52: writes the clipboard
  '\x1b[2J', // CSI: clear the screen
  '\x1b[5;41m', // CSI SGR: blink on red (newsq's own colours are single-parameter SGRs)
  '\x1b[H', // CSI: cursor home
  '\x1bP1$r0m\x1b\\', // DCS
  '\u009b31m', // C1 CSI
  `\u009d0;${TITLE_MARKER}\u009c`, // C1 OSC, C1 ST
  '\u0085', // C1 NEL
  '\u0090q\u009c', // C1 DCS
  '\u0096\u0099', // other C1
  '\x07\x08', // BEL, BS
  '\u202a', // LRE
  '\u202b', // RLE
  '\u202c', // PDF
  '\u202d', // LRO
  '\u202e', // RLO
  '\u2066', // LRI
  '\u2067', // RLI
  '\u2068', // FSI
  '\u2069', // PDI
];

/** Text carrying every payload, each between the markers. */
export function hostile(text: string): string {
  return `${text} ${PAYLOADS.map((p) => `ZQ${p}QZ`).join(' ')}`;
}

/** The word every hostile article holds (for searches, timelines, tags). */
export const WORD = 'مفخخ';
/** Ids sharing the prefix "abcd", so that the prefix is ambiguous. */
export const IDS = ['abcd1111aaaa', 'abcd2222bbbb'] as const;
/** A keyword of the hostile articles (as given: it still carries its payloads). */
export const KEYWORD = hostile('كلمة مفخخة');
/** The headline of the first article, without payloads (the markers are kept). */
export const DATE = '2015-03-01';

/**
 * Writes the hostile archive into `dir`: JSON records (title, body, keywords, source,
 * url, author, related headlines; one with an id holding controls, which the import
 * refuses with a warning that echoes it), a text export (its credits), and a text file
 * with controls in its name and no date line (a warning that names it).
 */
export function writeHostileArchive(dir: string): { files: string[] } {
  mkdirSync(dir, { recursive: true });
  const title1 = hostile(`عنوان ${WORD} أول`);
  const title2 = hostile(`عنوان ${WORD} ثان`);
  const records = [
    {
      id: IDS[0],
      title: title1,
      date: `${DATE}T10:00:00+03:00`,
      body: [hostile(`فقرة أولى عن ${WORD}`), hostile(`فقرة ثانية عن ${WORD}`)].join('\n\n'),
      keywords: [KEYWORD, hostile('وسم آخر'), 'تحذير!!'],
      source: hostile('مصدر'),
      url: `https://example.test/${PAYLOADS.map((p) => `ZQ${p}QZ`).join('')}`,
      author: hostile('كاتب'),
      related: [title2, hostile('عنوان غير موجود في الأرشيف')],
    },
    {
      id: IDS[1],
      title: title2,
      date: `${DATE}T12:00:00+03:00`,
      body: hostile(`نص ${WORD} الثاني`),
      keywords: [KEYWORD],
      source: hostile('مصدر'),
      url: null,
      author: hostile('كاتب'),
      related: [title1],
    },
    {
      id: `bad\x1b]0;${TITLE_MARKER}\x07id`,
      title: hostile(`خبر ${WORD} ثالث`),
      date: '2015-03-02T09:00:00+03:00',
      body: hostile(`نص ${WORD} الثالث`),
      keywords: [KEYWORD],
      source: hostile('مصدر آخر'),
    },
  ];
  const json = path.join(dir, 'records.jsonl');
  writeFileSync(json, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const text = path.join(dir, 'export.txt');
  writeFileSync(
    text,
    [
      hostile(`خبر ${WORD} من التصدير`),
      '',
      'الأحد 1 مارس 2015 09:30 ص',
      '',
      hostile(`فقرة عن ${WORD} في ملف نصي`),
      '',
      `المصدر | ${hostile('صحيفة')} + ${hostile('وكالة')}`,
      '',
      '  كلمات مفتاحية',
      '',
      `${WORD} ${hostile('وسم')}`,
      '',
      title1,
      '',
    ].join('\n'),
  );
  const named = path.join(dir, `ZQ\x1b]0;${TITLE_MARKER}\x07QZ \u202e.txt`);
  writeFileSync(named, [hostile(`خبر ${WORD} بلا تاريخ`), '', hostile(`فقرة ${WORD} أخرى في ملف بلا تاريخ`), ''].join('\n'));
  return { files: [json, text, named] };
}

// Sequences newsq itself writes: colour (one-parameter SGRs), the bidi mode switches, the
// progress bar's erase. The payloads' SGR has two parameters, so this cannot hide it.
const OWN_ESCAPES = /\x1b\[\d{1,2}m|\x1b\[8[lh]|\x1b\[2K/g;
const CONTROL_OR_BIDI = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;
// Outside the markers newsq's own isolates may appear (logical mode wraps runs in them).
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/u;

/**
 * What is wrong with bytes newsq wrote from the hostile archive, or null when they are
 * inert: newsq's own escapes set aside, no control or bidi character between two markers,
 * and no escape, C1 or other control anywhere (line ends and, in TSV, tabs are fine; a
 * terminal's CR LF too; bidi isolates only outside the markers, where newsq's logical mode
 * puts its own); and no title-setting sequence in the raw bytes.
 */
export function inertProblem(bytes: Buffer | string): string | null {
  const raw = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  // CSV ends lines with CR LF, and a terminal's line discipline turns each LF into CR LF.
  const text = raw.replace(/\r+\n/g, '\n').replace(OWN_ESCAPES, '');
  for (let at = text.indexOf('ZQ'); at >= 0; at = text.indexOf('ZQ', at + 2)) {
    const end = text.indexOf('QZ', at + 2);
    if (end < 0) continue;
    const between = text.slice(at + 2, end);
    // A cell cut short ("ZQ…") or a token of its own: the next QZ belongs to another payload.
    if (/[…│\n\t,"]/.test(between)) continue;
    if (CONTROL_OR_BIDI.test(between)) return `a payload got through: ${JSON.stringify(text.slice(Math.max(0, at - 20), end + 22))}`;
  }
  const rest = text.replace(/\t/g, '');
  const bad = CONTROL.exec(rest);
  if (bad) {
    const at = bad.index;
    return `a control character U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')} got through: ${JSON.stringify(rest.slice(Math.max(0, at - 30), at + 30))}`;
  }
  if (new RegExp(`[\\x1b\\u009d][^\\n]{0,8}${TITLE_MARKER}`).test(raw)) return 'a title-setting OSC got through';
  return null;
}
