// The implicit part of the Unicode Bidirectional Algorithm (UAX #9) for one line of
// sanitized text, used to lay Arabic out in visual order for terminals that show cells
// exactly as received (xterm, kitty, Alacritty, tmux, …).
//
// Scope: rules P2–P3, W1–W7, N0 (bracket pairs), N1–N2, I1–I2, L1, L2 and L4. The input is
// sanitized text, so it carries no embeddings, overrides or isolates; if any do occur they
// are ignored like boundary neutrals (X9) instead of opening a new level. Reordering moves
// whole grapheme clusters, so harakat stay on their letters (this is what L3 asks for).

import { graphemeSpans } from './width';
import { lazy } from '../util/lazy';

/** Bidi_Class values (UAX #9, table 4). */
export type BidiClass =
  | 'L' | 'R' | 'AL'
  | 'EN' | 'ES' | 'ET' | 'AN' | 'CS' | 'NSM' | 'BN'
  | 'B' | 'S' | 'WS' | 'ON'
  | 'LRE' | 'LRO' | 'RLE' | 'RLO' | 'PDF' | 'LRI' | 'RLI' | 'FSI' | 'PDI';

/** Base (paragraph) direction: forced, or 'auto' for the first strong character (P2–P3). */
export type BaseDirection = 'rtl' | 'ltr' | 'auto';

type Range = readonly [number, number, BidiClass];

// Code points whose class does not follow from the general-category defaults below: the
// number-related classes (EN, ES, ET, CS, AN), controls that are B/S/WS, the explicit
// formatting characters, and the neutrals that sit inside right-to-left blocks. Sorted,
// non-overlapping.
const SPECIFIC: readonly Range[] = [
  [0x0009, 0x0009, 'S'], [0x000a, 0x000a, 'B'], [0x000b, 0x000b, 'S'], [0x000c, 0x000c, 'WS'],
  [0x000d, 0x000d, 'B'], [0x001c, 0x001e, 'B'], [0x001f, 0x001f, 'S'],
  [0x0023, 0x0025, 'ET'], [0x002b, 0x002b, 'ES'], [0x002c, 0x002c, 'CS'], [0x002d, 0x002d, 'ES'],
  [0x002e, 0x002f, 'CS'], [0x0030, 0x0039, 'EN'], [0x003a, 0x003a, 'CS'],
  [0x0085, 0x0085, 'B'], [0x00a0, 0x00a0, 'CS'], [0x00a2, 0x00a5, 'ET'], [0x00b0, 0x00b1, 'ET'],
  [0x00b2, 0x00b3, 'EN'], [0x00b9, 0x00b9, 'EN'],
  [0x058f, 0x058f, 'ET'],
  [0x0600, 0x0605, 'AN'], [0x0606, 0x0607, 'ON'], [0x0609, 0x060a, 'ET'], [0x060c, 0x060c, 'CS'],
  [0x060e, 0x060f, 'ON'], [0x061c, 0x061c, 'AL'], [0x0660, 0x0669, 'AN'], [0x066a, 0x066a, 'ET'],
  [0x066b, 0x066c, 'AN'], [0x06dd, 0x06dd, 'AN'], [0x06de, 0x06de, 'ON'], [0x06e9, 0x06e9, 'ON'],
  [0x06f0, 0x06f9, 'EN'], [0x0890, 0x0891, 'AN'], [0x08e2, 0x08e2, 'AN'],
  [0x09f2, 0x09f3, 'ET'], [0x09fb, 0x09fb, 'ET'], [0x0af1, 0x0af1, 'ET'], [0x0bf9, 0x0bf9, 'ET'],
  [0x0e3f, 0x0e3f, 'ET'], [0x17db, 0x17db, 'ET'],
  [0x200e, 0x200e, 'L'], [0x200f, 0x200f, 'R'], [0x2028, 0x2028, 'WS'], [0x2029, 0x2029, 'B'],
  [0x202a, 0x202a, 'LRE'], [0x202b, 0x202b, 'RLE'], [0x202c, 0x202c, 'PDF'], [0x202d, 0x202d, 'LRO'],
  [0x202e, 0x202e, 'RLO'], [0x202f, 0x202f, 'CS'], [0x2030, 0x2034, 'ET'], [0x2044, 0x2044, 'CS'],
  [0x2066, 0x2066, 'LRI'], [0x2067, 0x2067, 'RLI'], [0x2068, 0x2068, 'FSI'], [0x2069, 0x2069, 'PDI'],
  [0x2070, 0x2070, 'EN'], [0x2074, 0x2079, 'EN'], [0x207a, 0x207b, 'ES'], [0x2080, 0x2089, 'EN'],
  [0x208a, 0x208b, 'ES'], [0x212e, 0x212e, 'ET'], [0x2212, 0x2212, 'ES'], [0x2213, 0x2213, 'ET'],
  [0x2488, 0x249b, 'EN'], [0xa838, 0xa839, 'ET'],
  [0xfb29, 0xfb29, 'ES'], [0xfd3e, 0xfd3f, 'ON'], [0xfdd0, 0xfdef, 'BN'], [0xfdfd, 0xfdfd, 'ON'],
  [0xfe50, 0xfe50, 'CS'], [0xfe52, 0xfe52, 'CS'], [0xfe55, 0xfe55, 'CS'], [0xfe5f, 0xfe5f, 'ET'],
  [0xfe62, 0xfe63, 'ES'], [0xfe69, 0xfe6a, 'ET'],
  [0xff03, 0xff05, 'ET'], [0xff0b, 0xff0b, 'ES'], [0xff0c, 0xff0c, 'CS'], [0xff0d, 0xff0d, 'ES'],
  [0xff0e, 0xff0f, 'CS'], [0xff10, 0xff19, 'EN'], [0xff1a, 0xff1a, 'CS'], [0xffe0, 0xffe1, 'ET'],
  [0xffe5, 0xffe6, 'ET'],
  [0x10d30, 0x10d39, 'AN'], [0x10e60, 0x10e7e, 'AN'], [0x1d7ce, 0x1d7ff, 'EN'],
  [0x1eef0, 0x1eef1, 'ON'], [0x1f100, 0x1f10a, 'EN'], [0x1fbf0, 0x1fbf9, 'EN'],
];

// Blocks whose letters (and unlisted characters) are right-to-left. Marks inside them are
// still NSM and format characters BN: those categories are checked before these ranges.
const RTL_BLOCKS: readonly Range[] = [
  [0x0590, 0x05ff, 'R'], // Hebrew
  [0x0600, 0x07bf, 'AL'], // Arabic, Syriac, Arabic Supplement, Thaana
  [0x07c0, 0x085f, 'R'], // NKo, Samaritan, Mandaic
  [0x0860, 0x08ff, 'AL'], // Syriac Supplement, Arabic Extended-B/A
  [0xfb1d, 0xfb4f, 'R'], // Hebrew presentation forms
  [0xfb50, 0xfdff, 'AL'], // Arabic presentation forms A
  [0xfe70, 0xfeff, 'AL'], // Arabic presentation forms B
  [0x10800, 0x10cff, 'R'],
  [0x10d00, 0x10d3f, 'AL'], // Hanifi Rohingya
  [0x10d40, 0x10ebf, 'R'],
  [0x10ec0, 0x10eff, 'AL'], // Arabic Extended-C
  [0x10f00, 0x10f2f, 'R'],
  [0x10f30, 0x10f6f, 'AL'], // Sogdian
  [0x10f70, 0x10fff, 'R'],
  [0x1e800, 0x1ec6f, 'R'], // Mende Kikakui, Adlam, …
  [0x1ec70, 0x1ecbf, 'AL'], // Indic Siyaq Numbers
  [0x1ecc0, 0x1ecff, 'R'],
  [0x1ed00, 0x1ed4f, 'AL'], // Ottoman Siyaq Numbers
  [0x1ed50, 0x1edff, 'R'],
  [0x1ee00, 0x1eeff, 'AL'], // Arabic Mathematical Alphabetic Symbols
  [0x1ef00, 0x1efff, 'R'],
];

function lookup(table: readonly Range[], cp: number): BidiClass | undefined {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = table[mid] as Range;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return r[2];
  }
  return undefined;
}

const MARK = lazy(() => /^[\p{Mn}\p{Me}]$/u);
const FORMAT_OR_CONTROL = lazy(() => /^[\p{Cf}\p{Cc}]$/u);
const SPACE_SEPARATOR = lazy(() => /^\p{Zs}$/u);
const CURRENCY = lazy(() => /^\p{Sc}$/u);
const NEUTRAL_SYMBOL = lazy(() => /^[\p{P}\p{S}\p{No}]$/u);
const NONCHARACTER = (cp: number): boolean => (cp & 0xfffe) === 0xfffe;

const classCache = new Map<number, BidiClass>();

/** The Bidi_Class of a code point, derived from UAX #9's class definitions and the general category. */
export function bidiClass(cp: number): BidiClass {
  const cached = classCache.get(cp);
  if (cached) return cached;
  const c = computeClass(cp);
  if (classCache.size < 4096) classCache.set(cp, c);
  return c;
}

function computeClass(cp: number): BidiClass {
  // Letters of the Latin blocks are by far the most common: answer them directly.
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return 'L';
  const specific = lookup(SPECIFIC, cp);
  if (specific) return specific;
  const ch = String.fromCodePoint(cp);
  if (MARK().test(ch)) return 'NSM';
  if (FORMAT_OR_CONTROL().test(ch) || NONCHARACTER(cp)) return 'BN';
  if (SPACE_SEPARATOR().test(ch)) return 'WS';
  const block = lookup(RTL_BLOCKS, cp);
  if (block) return block;
  if (CURRENCY().test(ch)) return 'ET';
  if (NEUTRAL_SYMBOL().test(ch)) return 'ON';
  return 'L';
}

// Bidi_Mirroring_Glyph pairs for the characters newsq is likely to meet (ASCII and
// typographic brackets, quotation marks, comparison operators, CJK brackets).
const MIRROR_PAIRS: readonly (readonly [number, number])[] = [
  [0x28, 0x29], [0x3c, 0x3e], [0x5b, 0x5d], [0x7b, 0x7d], [0xab, 0xbb], [0x2039, 0x203a],
  [0x2045, 0x2046], [0x207d, 0x207e], [0x208d, 0x208e], [0x2208, 0x220b], [0x2209, 0x220c],
  [0x220a, 0x220d], [0x2264, 0x2265], [0x2266, 0x2267], [0x226a, 0x226b], [0x226e, 0x226f],
  [0x2282, 0x2283], [0x2286, 0x2287], [0x2308, 0x2309], [0x230a, 0x230b], [0x2329, 0x232a],
  [0x2768, 0x2769], [0x276a, 0x276b], [0x276c, 0x276d], [0x276e, 0x276f], [0x2770, 0x2771],
  [0x2772, 0x2773], [0x2774, 0x2775], [0x27e6, 0x27e7], [0x27e8, 0x27e9], [0x27ea, 0x27eb],
  [0x2983, 0x2984], [0x2985, 0x2986], [0x3008, 0x3009], [0x300a, 0x300b], [0x300c, 0x300d],
  [0x300e, 0x300f], [0x3010, 0x3011], [0x3014, 0x3015], [0x3016, 0x3017], [0x3018, 0x3019],
  [0x301a, 0x301b], [0xfe59, 0xfe5a], [0xfe5b, 0xfe5c], [0xfe5d, 0xfe5e], [0xfe64, 0xfe65],
  [0xff08, 0xff09], [0xff1c, 0xff1e], [0xff3b, 0xff3d], [0xff5b, 0xff5d], [0xff5f, 0xff60],
  [0xff62, 0xff63],
];

const MIRROR = new Map<number, number>();
for (const [a, b] of MIRROR_PAIRS) {
  MIRROR.set(a, b);
  MIRROR.set(b, a);
}

/** The mirrored glyph of a code point (L4), or the code point itself when it has none. */
export function mirrorOf(cp: number): number {
  return MIRROR.get(cp) ?? cp;
}

// Bidi_Paired_Bracket pairs (opening → closing) for N0. « » and ‹ › are mirrored but are
// not paired brackets, so they are deliberately absent.
const BRACKET_PAIRS: readonly (readonly [number, number])[] = [
  [0x28, 0x29], [0x5b, 0x5d], [0x7b, 0x7d], [0x0f3a, 0x0f3b], [0x0f3c, 0x0f3d], [0x169b, 0x169c],
  [0x2045, 0x2046], [0x207d, 0x207e], [0x208d, 0x208e], [0x2308, 0x2309], [0x230a, 0x230b],
  [0x2329, 0x232a], [0x2768, 0x2769], [0x276a, 0x276b], [0x276c, 0x276d], [0x276e, 0x276f],
  [0x2770, 0x2771], [0x2772, 0x2773], [0x2774, 0x2775], [0x27e6, 0x27e7], [0x27e8, 0x27e9],
  [0x27ea, 0x27eb], [0x2983, 0x2984], [0x2985, 0x2986], [0x3008, 0x3009], [0x300a, 0x300b],
  [0x300c, 0x300d], [0x300e, 0x300f], [0x3010, 0x3011], [0x3014, 0x3015], [0x3016, 0x3017],
  [0x3018, 0x3019], [0x301a, 0x301b], [0xfe59, 0xfe5a], [0xfe5b, 0xfe5c], [0xfe5d, 0xfe5e],
  [0xff08, 0xff09], [0xff3b, 0xff3d], [0xff5b, 0xff5d], [0xff5f, 0xff60], [0xff62, 0xff63],
];
const OPENING = new Map<number, number>();
const CLOSING = new Set<number>();
for (const [o, c] of BRACKET_PAIRS) {
  OPENING.set(o, c);
  CLOSING.add(c);
}
// U+2329/232A are canonically equivalent to U+3008/3009, and BD16 compares brackets
// under canonical equivalence.
const canonicalBracket = (cp: number): number => (cp === 0x2329 ? 0x3008 : cp === 0x232a ? 0x3009 : cp);

const IGNORED: ReadonlySet<BidiClass> = new Set<BidiClass>([
  'BN', 'LRE', 'RLE', 'LRO', 'RLO', 'PDF', 'LRI', 'RLI', 'FSI', 'PDI',
]);
const NEUTRAL_OR_ISOLATE: ReadonlySet<BidiClass> = new Set<BidiClass>(['B', 'S', 'WS', 'ON']);

/** Direction of the first strong character (L, R or AL), or null when the text has none (P2). */
export function firstStrongDirection(text: string): 'ltr' | 'rtl' | null {
  for (const ch of text) {
    const c = bidiClass(ch.codePointAt(0) as number);
    if (c === 'L') return 'ltr';
    if (c === 'R' || c === 'AL') return 'rtl';
  }
  return null;
}

/** Resolved embedding levels for each code point of one line, plus the paragraph level. */
export interface ResolvedLevels {
  codePoints: number[];
  levels: number[];
  paragraphLevel: number;
}

/** Run rules P2–P3, W1–W7, N0–N2, I1–I2 and L1 on one line and return the resolved levels. */
export function resolveLevels(text: string, base: BaseDirection = 'auto'): ResolvedLevels {
  const cps = Array.from(text, (ch) => ch.codePointAt(0) as number);
  const original = cps.map(bidiClass);
  const n = cps.length;

  let paragraphLevel: number;
  if (base === 'rtl') paragraphLevel = 1;
  else if (base === 'ltr') paragraphLevel = 0;
  else paragraphLevel = firstStrongDirection(text) === 'rtl' ? 1 : 0;
  const e: BidiClass = paragraphLevel % 2 === 0 ? 'L' : 'R';
  const sos = e;
  const eos = e;

  // X9: work on the characters that take part in resolution; BN and explicit codes are
  // skipped and get a level afterwards.
  const seq: number[] = [];
  for (let i = 0; i < n; i++) if (!IGNORED.has(original[i] as BidiClass)) seq.push(i);
  const m = seq.length;
  const t: BidiClass[] = seq.map((i) => original[i] as BidiClass);

  // W1: a mark takes the type of what it sits on.
  for (let k = 0; k < m; k++) if (t[k] === 'NSM') t[k] = k === 0 ? sos : (t[k - 1] as BidiClass);

  // W2: European digits after Arabic letters are Arabic numbers.
  let lastStrong: BidiClass = sos;
  for (let k = 0; k < m; k++) {
    const c = t[k];
    if (c === 'L' || c === 'R' || c === 'AL') lastStrong = c;
    else if (c === 'EN' && lastStrong === 'AL') t[k] = 'AN';
  }
  // W3
  for (let k = 0; k < m; k++) if (t[k] === 'AL') t[k] = 'R';
  // W4: one separator between two numbers of the same kind joins them.
  for (let k = 1; k < m - 1; k++) {
    const prev = t[k - 1];
    const next = t[k + 1];
    if (t[k] === 'ES' && prev === 'EN' && next === 'EN') t[k] = 'EN';
    else if (t[k] === 'CS' && prev === 'EN' && next === 'EN') t[k] = 'EN';
    else if (t[k] === 'CS' && prev === 'AN' && next === 'AN') t[k] = 'AN';
  }
  // W5: terminators next to European numbers belong to them.
  for (let k = 0; k < m; k++) {
    if (t[k] !== 'ET') continue;
    let end = k;
    while (end < m && t[end] === 'ET') end++;
    const touchesEN = (k > 0 && t[k - 1] === 'EN') || (end < m && t[end] === 'EN');
    if (touchesEN) for (let j = k; j < end; j++) t[j] = 'EN';
    k = end - 1;
  }
  // W6
  for (let k = 0; k < m; k++) if (t[k] === 'ES' || t[k] === 'ET' || t[k] === 'CS') t[k] = 'ON';
  // W7: European numbers in a left-to-right context are left-to-right.
  lastStrong = sos;
  for (let k = 0; k < m; k++) {
    const c = t[k];
    if (c === 'L' || c === 'R') lastStrong = c;
    else if (c === 'EN' && lastStrong === 'L') t[k] = 'L';
  }

  resolveBracketPairs(cps, seq, original, t, e, sos);

  // N1/N2: neutrals take the direction around them when both sides agree, else the
  // embedding direction. Numbers count as R here.
  const strongOf = (c: BidiClass): BidiClass => (c === 'EN' || c === 'AN' ? 'R' : c);
  for (let k = 0; k < m; k++) {
    if (!NEUTRAL_OR_ISOLATE.has(t[k] as BidiClass)) continue;
    let end = k;
    while (end < m && NEUTRAL_OR_ISOLATE.has(t[end] as BidiClass)) end++;
    const before = k === 0 ? sos : strongOf(t[k - 1] as BidiClass);
    const after = end === m ? eos : strongOf(t[end] as BidiClass);
    const dir = before === after ? before : e;
    for (let j = k; j < end; j++) t[j] = dir;
    k = end - 1;
  }

  // I1/I2
  const levels = new Array<number>(n).fill(paragraphLevel);
  for (let k = 0; k < m; k++) {
    const c = t[k];
    let level = paragraphLevel;
    if (paragraphLevel % 2 === 0) {
      if (c === 'R') level += 1;
      else if (c === 'AN' || c === 'EN') level += 2;
    } else if (c === 'L' || c === 'EN' || c === 'AN') {
      level += 1;
    }
    levels[seq[k] as number] = level;
  }
  // Characters removed by X9 take the level of the character before them so that they
  // travel with it (they are invisible either way).
  for (let i = 0; i < n; i++) {
    if (IGNORED.has(original[i] as BidiClass)) levels[i] = i === 0 ? paragraphLevel : (levels[i - 1] as number);
  }

  // L1: separators, and whitespace before them or at the end of the line, go back to the
  // paragraph level (judged by original classes).
  let trailing = true;
  for (let i = n - 1; i >= 0; i--) {
    const c = original[i] as BidiClass;
    if (c === 'S' || c === 'B') {
      levels[i] = paragraphLevel;
      trailing = true;
    } else if (c === 'WS' || IGNORED.has(c)) {
      if (trailing) levels[i] = paragraphLevel;
    } else {
      trailing = false;
    }
  }
  return { codePoints: cps, levels, paragraphLevel };
}

/** N0: paired brackets take the direction of their content or context (UAX #9 BD16, N0). */
function resolveBracketPairs(
  cps: number[],
  seq: number[],
  original: BidiClass[],
  t: BidiClass[],
  e: BidiClass,
  sos: BidiClass,
): void {
  const m = seq.length;
  const pairs: [number, number][] = [];
  const stack: { closing: number; at: number }[] = [];
  for (let k = 0; k < m; k++) {
    if (t[k] !== 'ON') continue;
    const cp = cps[seq[k] as number] as number;
    const closing = OPENING.get(cp);
    if (closing !== undefined) {
      if (stack.length === 63) break; // BD16: stop looking for pairs on overflow
      stack.push({ closing: canonicalBracket(closing), at: k });
    } else if (CLOSING.has(cp)) {
      const want = canonicalBracket(cp);
      for (let s = stack.length - 1; s >= 0; s--) {
        if ((stack[s] as { closing: number }).closing === want) {
          pairs.push([(stack[s] as { at: number }).at, k]);
          stack.length = s;
          break;
        }
      }
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const opposite: BidiClass = e === 'L' ? 'R' : 'L';
  const strongOf = (c: BidiClass): BidiClass | null => (c === 'L' ? 'L' : c === 'R' || c === 'EN' || c === 'AN' ? 'R' : null);
  for (const [open, close] of pairs) {
    let foundE = false;
    let foundOpposite = false;
    for (let k = open + 1; k < close; k++) {
      const s = strongOf(t[k] as BidiClass);
      if (s === e) {
        foundE = true;
        break;
      }
      if (s === opposite) foundOpposite = true;
    }
    let dir: BidiClass | null = null;
    if (foundE) dir = e;
    else if (foundOpposite) {
      let context: BidiClass = sos;
      for (let k = open - 1; k >= 0; k--) {
        const s = strongOf(t[k] as BidiClass);
        if (s) {
          context = s;
          break;
        }
      }
      dir = context === opposite ? opposite : e;
    }
    if (!dir) continue;
    for (const at of [open, close]) {
      t[at] = dir;
      // Marks that were on the bracket follow it.
      for (let k = at + 1; k < m && original[seq[k] as number] === 'NSM'; k++) t[k] = dir;
    }
  }
}

/** One grapheme cluster in visual position: its (mirrored) text, logical UTF-16 offset and level. */
export interface VisualCluster {
  text: string;
  index: number;
  level: number;
  /** The cluster as it stands in the logical text (not mirrored), bidi formatting removed. */
  source: string;
}

const BIDI_FORMATTING = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Reorder one line into visual order (L2) as whole grapheme clusters, mirroring characters
 * at odd levels (L4); bidi marks and formatting characters are dropped from the result.
 */
export function visualClusters(text: string, base: BaseDirection = 'auto'): VisualCluster[] {
  const { codePoints, levels } = resolveLevels(text, base);
  // UTF-16 offset → code point index, so each cluster can find its level.
  const cpIndexAt = new Int32Array(text.length + 1);
  let offset = 0;
  codePoints.forEach((cp, i) => {
    cpIndexAt[offset] = i;
    offset += cp > 0xffff ? 2 : 1;
  });
  const clusters: VisualCluster[] = [];
  for (const g of graphemeSpans(text)) {
    const first = cpIndexAt[g.index] ?? 0;
    const level = levels[first] ?? 0;
    let out = '';
    let cpi = first;
    for (const ch of g.text) {
      const cp = ch.codePointAt(0) as number;
      const l = levels[cpi] ?? level;
      out += l % 2 === 1 ? String.fromCodePoint(mirrorOf(cp)) : ch;
      cpi++;
    }
    out = out.replace(BIDI_FORMATTING, '');
    if (out === '') continue;
    clusters.push({ text: out, index: g.index, level, source: g.text.replace(BIDI_FORMATTING, '') });
  }
  // L2: from the highest level down to the lowest odd one, reverse every run at that
  // level or above.
  let highest = 0;
  let lowestOdd = Infinity;
  for (const c of clusters) {
    if (c.level > highest) highest = c.level;
    if (c.level % 2 === 1 && c.level < lowestOdd) lowestOdd = c.level;
  }
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < clusters.length) {
      if ((clusters[i] as VisualCluster).level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < clusters.length && (clusters[j] as VisualCluster).level >= level) j++;
      reverseRange(clusters, i, j);
      i = j;
    }
  }
  return clusters;
}

function reverseRange<T>(items: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const tmp = items[a] as T;
    items[a] = items[b] as T;
    items[b] = tmp;
  }
}

/**
 * The visual-order string of one line of text (UAX #9 implicit algorithm); several lines
 * are reordered one by one.
 */
export function toVisual(text: string, baseDirection: BaseDirection = 'auto'): string {
  if (text.includes('\n')) return text.split('\n').map((line) => toVisual(line, baseDirection)).join('\n');
  // Nothing to reorder in text without right-to-left characters when the base is LTR.
  if (baseDirection !== 'rtl' && !/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(text)) {
    return text.replace(BIDI_FORMATTING, '');
  }
  return visualClusters(text, baseDirection).map((c) => c.text).join('');
}
