import { lazy } from '../util/lazy';

// Terminal column widths measured per grapheme cluster. cli-table3's own measure
// (string-width 4) counts Arabic harakat, ZWJ/ZWNJ and bidi marks as one column each,
// which makes every diacritised row drift; everything in this layer measures with
// stringWidth below instead.
//
// Lam-alef: in logical text ل + ا are two clusters and two columns. A terminal that shapes
// Arabic may draw the pair as the single ligature ﻻ in one column and pad the second cell;
// we keep the logical count because that is what the terminal's cursor advances by.

// Created on first use: loading ICU's segmentation data costs a cold query ~7 ms, and JSON
// output never measures text.
let segmenterInstance: Intl.Segmenter | undefined;
const segmenter = {
  segment: (text: string): Intl.Segments => (segmenterInstance ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text),
};

/** Split text into grapheme clusters (user-perceived characters). */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) out.push(s.segment);
  return out;
}

// Clusters, widths and cuts are worked out without the segmenter only for the scripts news
// text uses here (Latin, Arabic and their neighbours, general punctuation, Arabic
// presentation forms), and even there not for what has rules of its own: CR, ZWJ and emoji,
// spacing marks, unassigned code points, and prepended concatenation marks (the Arabic
// number signs U+0600–0605, U+06DD, U+070F, U+0890–0891, U+08E2). In such text a cluster is
// a character and the extending ones after it, so its width is the sum of its code points'.
// A test checks every character of those blocks against Intl.Segmenter.
const NEEDS_SEGMENTER = lazy(() => /[^\u0000-\u08ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\ufb50-\ufdff\ufe70-\ufeff]|[\r\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u200d\p{Mc}\p{Cn}\p{Extended_Pictographic}]/u);
// A character that joins the cluster before it (marks, ZWNJ), unless that is a control.
const EXTEND = lazy(() => /\p{Grapheme_Extend}/u);
const CONTROL = lazy(() => /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200c\u200d])\p{Cf}/u);

/** Grapheme clusters with their UTF-16 start offsets. */
export function graphemeSpans(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  if (!NEEDS_SEGMENTER().test(text)) {
    // Without those, a cluster is a character and the extending characters after it; a
    // control stands alone (what Intl.Segmenter gives, without loading its data).
    let start = 0;
    for (let i = 1; i <= text.length; i++) {
      if (i < text.length && EXTEND().test(text[i]!) && !CONTROL().test(text[i - 1]!)) continue;
      out.push({ text: text.slice(start, i), index: start });
      start = i;
    }
    return out;
  }
  for (const s of segmenter.segment(text)) out.push({ text: s.segment, index: s.index });
  return out;
}

// Zero-width: non-spacing and enclosing marks (covers the Arabic harakat, U+0670, the
// Quranic marks U+0610–061A and U+06D6–06ED), format characters (ZWSP/ZWNJ/ZWJ, bidi
// controls, BOM), variation selectors, and C0/C1 controls (they should be sanitized away,
// but must not push a border if one slips through).
const ZERO_WIDTH = lazy(() => /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u{fe00}-\u{fe0f}\u{e0100}-\u{e01ef}\u{1160}-\u{11ff}]$/u);
// Soft hyphen is Cf but terminals draw it.
const SOFT_HYPHEN = 0xad;

// East Asian Wide (W) and Fullwidth (F) ranges, from the EastAsianWidth property,
// coalesced. Emoji with default emoji presentation are handled by the regex below.
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1aff0, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = WIDE_RANGES[mid] as readonly [number, number];
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const EMOJI_PRESENTATION = lazy(() => /\p{Emoji_Presentation}/u);
const EXTENDED_PICTOGRAPHIC = lazy(() => /\p{Extended_Pictographic}/u);
const REGIONAL_INDICATOR = /^[\u{1f1e6}-\u{1f1ff}]/u;

// Widths of BMP code points, filled in as they are met (255 = not computed yet): the
// regex tests behind them are far slower than a table lookup in the per-cell hot path.
// Made on first use: JSON output never measures text.
let bmpWidths: Uint8Array | undefined;

/** Width in columns of one code point taken alone (0, 1 or 2). */
export function codePointWidth(cp: number): number {
  if (cp < 0x10000) {
    const widths = (bmpWidths ??= new Uint8Array(0x10000).fill(255));
    const known = widths[cp] as number;
    if (known !== 255) return known;
    const w = computeCodePointWidth(cp);
    widths[cp] = w;
    return w;
  }
  return computeCodePointWidth(cp);
}

function computeCodePointWidth(cp: number): number {
  if (cp === SOFT_HYPHEN) return 1;
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH().test(ch)) return 0;
  if (isWide(cp) || EMOJI_PRESENTATION().test(ch)) return 2;
  return 1;
}

/** Width in columns of one grapheme cluster. */
export function graphemeWidth(cluster: string): number {
  const first = cluster.codePointAt(0);
  if (first === undefined) return 0;
  if (cluster.length > 1) {
    // A pictograph turned into an emoji by VS16, a ZWJ sequence or a flag pair is drawn
    // two columns wide however many code points it has.
    if (EXTENDED_PICTOGRAPHIC().test(cluster) && (cluster.includes('\ufe0f') || cluster.includes('\u200d'))) return 2;
    if (REGIONAL_INDICATOR.test(cluster)) return 2;
  }
  // The cluster occupies the cells of its first visible code point; the rest (marks,
  // joiners, selectors) ride on it.
  for (const ch of cluster) {
    const w = codePointWidth(ch.codePointAt(0) as number);
    if (w > 0) return w;
  }
  return 0;
}

// Pure printable ASCII is by far the most common case (ids, dates, numbers): skip segmentation.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Display width of a string in terminal columns, measured per grapheme cluster. */
export function stringWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = 0;
  if (!NEEDS_SEGMENTER().test(text)) {
    for (let i = 0; i < text.length; i++) w += codePointWidth(text.charCodeAt(i));
    return w;
  }
  for (const s of segmenter.segment(text)) w += graphemeWidth(s.segment);
  return w;
}

/**
 * UTF-16 offset at which to cut `text` so that the kept part plus `reserve` columns fit in
 * `width`; -1 when the whole text already fits in `width`. Cuts on grapheme boundaries.
 */
export function truncationPoint(text: string, width: number, reserve: number): number {
  if (stringWidth(text) <= width) return -1;
  const room = Math.max(0, width - reserve);
  let used = 0;
  let end = 0;
  if (!NEEDS_SEGMENTER().test(text)) {
    // A cluster is a code point of some width followed by zero-width ones (see
    // NEEDS_SEGMENTER), so cutting before a character that takes room is cutting between
    // clusters.
    for (let i = 0; i < text.length; i++) {
      const w = codePointWidth(text.charCodeAt(i));
      if (w > 0 && used + w > room) break;
      used += w;
      end = i + 1;
    }
  } else {
    for (const s of segmenter.segment(text)) {
      const w = graphemeWidth(s.segment);
      if (used + w > room) break;
      used += w;
      end = s.index + s.segment.length;
    }
  }
  // Do not leave the ellipsis dangling after a space.
  while (end > 0 && /\s/u.test(text[end - 1] as string)) end--;
  return end;
}

/**
 * Shorten text to at most `width` columns, cutting at its logical end (the visual left of
 * right-to-left text) on a grapheme boundary and appending the ellipsis.
 */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  const ellipsisWidth = stringWidth(ellipsis);
  if (ellipsisWidth > width) return stringWidth(text) <= width ? text : '';
  const cut = truncationPoint(text, width, ellipsisWidth);
  if (cut < 0) return text;
  return text.slice(0, cut) + ellipsis;
}

/** A wrapped line as a [start, end) range of UTF-16 offsets into the original text. */
export type LineRange = readonly [number, number];

/**
 * Wrap text to `width` columns in logical order and return each line's offsets (leading and
 * trailing spaces excluded); words longer than the width are broken on grapheme boundaries.
 */
export function wrapRanges(text: string, width: number): LineRange[] {
  const limit = Math.max(1, Math.floor(width));
  const lines: LineRange[] = [];
  // Paragraph breaks the caller chose to keep are honoured.
  let paraStart = 0;
  for (const para of text.split('\n')) {
    wrapParagraph(text, paraStart, paraStart + para.length, limit, lines);
    paraStart += para.length + 1;
  }
  return lines;
}

function wrapParagraph(text: string, from: number, to: number, limit: number, lines: LineRange[]): void {
  const words: [number, number][] = [];
  const wordRe = /[^\s]+/gu;
  const para = text.slice(from, to);
  for (let m = wordRe.exec(para); m; m = wordRe.exec(para)) {
    words.push([from + m.index, from + m.index + m[0].length]);
  }
  if (words.length === 0) {
    lines.push([from, from]);
    return;
  }
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  const flush = (): void => {
    if (lineStart >= 0) lines.push([lineStart, lineEnd]);
    lineStart = -1;
    lineWidth = 0;
  };
  for (const [ws, we] of words) {
    const word = text.slice(ws, we);
    const w = stringWidth(word);
    if (lineStart >= 0 && lineWidth + 1 + w <= limit) {
      // The separator is rendered as one space whatever whitespace the source had.
      lineEnd = we;
      lineWidth += 1 + w;
      continue;
    }
    flush();
    if (w <= limit) {
      lineStart = ws;
      lineEnd = we;
      lineWidth = w;
      continue;
    }
    // A word wider than the line: hard-break it, the last piece may share its line.
    let pieceStart = ws;
    let pieceWidth = 0;
    for (const g of graphemeSpans(word)) {
      const gw = graphemeWidth(g.text);
      const at = ws + g.index;
      if (pieceWidth + gw > limit && pieceWidth > 0) {
        lines.push([pieceStart, at]);
        pieceStart = at;
        pieceWidth = 0;
      }
      pieceWidth += gw;
    }
    lineStart = pieceStart;
    lineEnd = we;
    lineWidth = pieceWidth;
  }
  flush();
}

/**
 * Wrap text to `width` columns on word boundaries in logical order; a word longer than the
 * width is hard-broken. Runs of whitespace between words on one line collapse to one space.
 */
export function wrap(text: string, width: number): string[] {
  return wrapRanges(text, width).map(([s, e]) => text.slice(s, e).replace(/\s+/gu, ' '));
}
