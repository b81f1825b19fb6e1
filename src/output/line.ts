// Shared machinery for every renderer: text with highlighted ranges that survives
// sanitizing, wrapping, truncation and bidi reordering, and the one place that turns a
// laid-out line into what is written for each bidi mode.

import type { ChalkInstance } from 'chalk';
import { bidiClass, firstStrongDirection, mirrorOf, visualClusters, type VisualCluster } from './bidi';
import { hasShapeableArabic, lamAlefCount, shapeArabic } from './shape';
import type { BidiMode } from './terminal';
import { sanitizeForTerminal } from './sanitize';
import { graphemeWidth, stringWidth, truncationPoint, wrapRanges } from './width';

/** A piece of cell text; `mark` flags matched words (highlighted, kept through reordering). */
export interface Span {
  text: string;
  mark?: boolean;
}

/** Text plus a per-UTF-16-unit highlight flag. */
export interface StyledText {
  text: string;
  marks: boolean[];
}

/** Isolate and mark characters used in logical mode. */
export const LRM = '\u200e';
export const RLM = '\u200f';
export const LRI = '\u2066';
export const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

/** Build sanitized single-line styled text from a string or spans; whitespace runs collapse to one space. */
export function styledFromCell(cell: string | readonly Span[] | null | undefined): StyledText {
  const spans: readonly Span[] = typeof cell === 'string' ? [{ text: cell }] : Array.isArray(cell) ? cell : [{ text: String(cell ?? '') }];
  let text = '';
  const marks: boolean[] = [];
  let lastWasSpace = true; // also trims leading whitespace
  for (const span of spans) {
    const clean = sanitizeForTerminal(String(span.text ?? ''));
    const mark = span.mark === true;
    for (const ch of clean) {
      if (/\s/u.test(ch)) {
        if (lastWasSpace) continue;
        text += ' ';
        marks.push(false);
        lastWasSpace = true;
        continue;
      }
      text += ch;
      for (let k = 0; k < ch.length; k++) marks.push(mark);
      lastWasSpace = false;
    }
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    marks.pop();
  }
  return { text, marks };
}

/** A sub-range of styled text. */
export function sliceStyled(s: StyledText, start: number, end: number): StyledText {
  return { text: s.text.slice(start, end), marks: s.marks.slice(start, end) };
}

/** A laid-out line of a cell: its text and whether it ends in an ellipsis we added. */
export interface CellLine {
  text: StyledText;
  truncated: boolean;
}

/** Fit styled text into `width` columns: wrapped into lines (logical order) or truncated at the logical end. */
export function layoutText(s: StyledText, width: number, wrapLines: boolean, ellipsis = '…'): CellLine[] {
  const w = Math.max(1, width);
  if (wrapLines) {
    return wrapRanges(s.text, w).map(([a, b]) => ({ text: sliceStyled(s, a, b), truncated: false }));
  }
  const ellipsisWidth = stringWidth(ellipsis);
  const cut = truncationPoint(s.text, w, ellipsisWidth);
  if (cut < 0) return [{ text: s, truncated: false }];
  if (ellipsisWidth > w) return [{ text: { text: '', marks: [] }, truncated: false }];
  const kept = sliceStyled(s, 0, cut);
  return [
    {
      text: { text: kept.text + ellipsis, marks: [...kept.marks, ...new Array<boolean>(ellipsis.length).fill(false)] },
      truncated: true,
    },
  ];
}

/** Direction of a piece of text from its first strong character; `fallback` when it has none. */
export function textDirection(text: string, fallback: 'ltr' | 'rtl' = 'ltr'): 'ltr' | 'rtl' {
  return firstStrongDirection(text) ?? fallback;
}

/** Styles used by the renderers; identity functions when colour is off. */
export interface Palette {
  mark: (s: string) => string;
  header: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  bar: (s: string) => string;
}

const identity = (s: string): string => s;
let colourChalk: ChalkInstance | undefined;

/** The palette for the given colour setting (chalk at 16-colour level, independent of chalk's own detection). */
export function palette(color: boolean): Palette {
  if (!color) return { mark: identity, header: identity, dim: identity, bold: identity, bar: identity };
  // chalk is required here, not imported: it inspects the terminal when loaded, which
  // output without colour (every pipe) need not pay for.
  colourChalk ??= new (require('chalk') as typeof import('chalk')).Chalk({ level: 1 });
  const c = colourChalk;
  return {
    mark: (s) => c.bold.yellow(s),
    header: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
    bar: (s) => c.cyan(s),
  };
}

/** Apply `style` to the highlighted runs of a sequence of (text, marked) pieces. */
function joinMarked(pieces: readonly { text: string; mark: boolean }[], style: (s: string) => string): string {
  let out = '';
  let run = '';
  let runMarked = false;
  for (const p of pieces) {
    if (p.mark !== runMarked && run) {
      out += runMarked ? style(run) : run;
      run = '';
    }
    runMarked = p.mark;
    run += p.text;
  }
  if (run) out += runMarked ? style(run) : run;
  return out;
}

/** How one piece of text is rendered in a line. */
export interface RenderPieceOptions {
  mode: BidiMode;
  direction: 'ltr' | 'rtl';
  /** The piece ends in an ellipsis added by truncation (logical mode then adds an RLM after RTL text). */
  truncated?: boolean;
  markStyle?: (s: string) => string;
  style?: (s: string) => string;
  /** The terminal draws lam + alef as one cell (mlterm): the piece is that much narrower on screen. */
  lamAlefOneCell?: boolean;
}

/** A rendered piece and the columns it takes on screen. */
export interface RenderedPiece {
  text: string;
  width: number;
}

/**
 * Render a piece of text for the bidi mode: reordered to visual order and joined, laid out
 * for a terminal that reorders by itself, isolated in logical order (RLI/LRI … PDI), or left
 * as is.
 */
export function renderPiece(s: StyledText, options: RenderPieceOptions): string {
  return renderSizedPiece(s, options).text;
}

/** {@link renderPiece} with the width the piece takes on screen (joined lam-alef takes one cell). */
export function renderSizedPiece(s: StyledText, options: RenderPieceOptions): RenderedPiece {
  const markStyle = options.markStyle ?? identity;
  const style = options.style ?? identity;
  if (s.text === '') return { text: '', width: 0 };
  const mode = options.mode;
  let body: string;
  let width: number;
  if (mode === 'visual') {
    const pieces = visualPieces(s, options.direction);
    body = joinMarked(pieces, markStyle);
    width = pieces.reduce((w, p) => w + graphemeWidth(p.text), 0);
    return { text: style(body), width };
  }
  width = stringWidth(s.text) - (options.lamAlefOneCell ? lamAlefCount(s.text) : 0);
  if (mode === 'implicit') return { text: style(implicitBody(s, options.direction, markStyle)), width };
  const pieces: { text: string; mark: boolean }[] = [];
  let i = 0;
  for (const ch of s.text) {
    pieces.push({ text: ch, mark: s.marks[i] === true });
    i += ch.length;
  }
  body = style(joinMarked(pieces, markStyle));
  if (mode !== 'logical') return { text: body, width };
  if (options.direction === 'ltr') return { text: LRI + body + PDI, width };
  // Neutrals at the edges of an isolate take their direction from its sos/eos, which
  // implementations get wrong (FriBidi 1.0.8 resolves a trailing » inside RLI…PDI as L).
  // An RLM there — after an ellipsis that ends RTL text in particular — pins them to RTL.
  const head = isStrongRtl(s.text, 'first') ? '' : RLM;
  const tail = options.truncated || !isStrongRtl(s.text, 'last') ? RLM : '';
  return { text: RLI + head + body + tail + PDI, width };
}

// Right-to-left characters: text without any is the same in every order.
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Visual-order clusters with Arabic joined into presentation forms, each with its highlight flag. */
function visualPieces(s: StyledText, direction: 'ltr' | 'rtl'): { text: string; mark: boolean }[] {
  const clusters = visualClusters(s.text, direction);
  const shaped = hasShapeableArabic(s.text) ? shapeArabic(s.text) : undefined;
  const pieces: { text: string; mark: boolean }[] = [];
  // The harakat of an alef drawn inside a lam-alef ligature, for the ligature to carry.
  let carried = '';
  for (const c of clusters) {
    let text = c.text;
    if (shaped) {
      let out = '';
      let absorbed = false;
      let at = c.index;
      for (const ch of c.source) {
        const form = shaped.get(at);
        if (form === '') absorbed = true;
        out += form ?? (c.level % 2 === 1 ? String.fromCodePoint(mirrorOf(ch.codePointAt(0) as number)) : ch);
        at += ch.length;
      }
      // An alef drawn inside the lam-alef ligature takes no cell of its own; in visual
      // order it comes just before its lam, whose ligature takes its marks.
      if (absorbed) {
        carried += out;
        continue;
      }
      text = out;
    }
    if (carried) {
      text = text.slice(0, String.fromCodePoint(text.codePointAt(0) as number).length) + carried + text.slice(String.fromCodePoint(text.codePointAt(0) as number).length);
      carried = '';
    }
    pieces.push({ text, mark: s.marks[c.index] === true });
  }
  return pieces;
}

/**
 * Text for a terminal that runs the bidi algorithm itself on a left-to-right line (mlterm,
 * VTE, Konsole): the runs of the visual layout, left to right, each right-to-left run in
 * logical order between RLMs and each left-to-right run between LRMs. The terminal then
 * reverses each right-to-left run in place and nothing else, so the line shows exactly the
 * visual layout, while keeping the letters for the terminal to join and to copy.
 */
function implicitBody(s: StyledText, direction: 'ltr' | 'rtl', markStyle: (s: string) => string): string {
  if (!RTL_CHAR.test(s.text) && direction === 'ltr') {
    const plain: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const ch of s.text) {
      plain.push({ text: ch, mark: s.marks[at] === true });
      at += ch.length;
    }
    return joinMarked(plain, markStyle);
  }
  const clusters = visualClusters(s.text, direction);
  const pieces: { text: string; mark: boolean; bidiMark?: true }[] = [];
  for (let i = 0; i < clusters.length; ) {
    const odd = (clusters[i] as VisualCluster).level % 2 === 1;
    let j = i;
    while (j < clusters.length && ((clusters[j] as VisualCluster).level % 2 === 1) === odd) j++;
    const run = clusters.slice(i, j);
    const guard = odd ? RLM : LRM;
    pieces.push({ text: guard, mark: false, bidiMark: true });
    if (odd) {
      for (let k = run.length - 1; k >= 0; k--) {
        const c = run[k] as VisualCluster;
        pieces.push({ text: c.source, mark: s.marks[c.index] === true });
      }
    } else {
      for (const c of run) pieces.push({ text: c.source, mark: s.marks[c.index] === true });
    }
    pieces.push({ text: guard, mark: false, bidiMark: true });
    i = j;
  }
  // Keep only the marks the terminal needs to reproduce the layout: mlterm counts each one
  // as a cell of the line's length (though it draws nothing), and most need none at all.
  const expected = clusters.map((c) => c.text).join('');
  const shows = (parts: readonly { text: string }[]): string =>
    visualClusters(parts.map((p) => p.text).join(''), 'ltr')
      .map((c) => c.text)
      .join('');
  let kept = pieces;
  for (let k = kept.length - 1; k >= 0; k--) {
    if (!(kept[k] as { bidiMark?: true }).bidiMark) continue;
    const without = [...kept.slice(0, k), ...kept.slice(k + 1)];
    if (shows(without) === expected) kept = without;
  }
  return joinMarked(kept, markStyle);
}

function isStrongRtl(text: string, which: 'first' | 'last'): boolean {
  const chars = Array.from(text);
  const ch = which === 'first' ? chars[0] : chars[chars.length - 1];
  if (ch === undefined) return false;
  const c = bidiClass(ch.codePointAt(0) as number);
  return c === 'R' || c === 'AL';
}

/** Pad a rendered piece of known display width to `width` columns on the given side. */
export function pad(rendered: string, renderedWidth: number, width: number, align: 'left' | 'right'): string {
  const room = Math.max(0, width - renderedWidth);
  return align === 'right' ? ' '.repeat(room) + rendered : rendered + ' '.repeat(room);
}

// The bidi marks newsq writes (LRM, RLM, ALM, isolates).
const BIDI_MARKS = /[\u200e\u200f\u061c\u2066-\u2069]/gu;

/**
 * Lay lines out for the terminal: `render` lays them out (and pads them) for a width. A
 * terminal that counts each bidi mark as a cell of the line's length (mlterm) would wrap a
 * full line that holds marks, so there the width is narrowed by the most marks a line holds
 * (until none is too long): every line then still ends at the same column.
 */
export function fittingLines(width: number, marksTakeCells: boolean | undefined, render: (width: number) => string[]): string[] {
  let lines = render(width);
  if (!marksTakeCells) return lines;
  let room = width;
  for (let tries = 0; tries < 4; tries++) {
    const over = Math.max(0, ...lines.map((l) => stringWidth(l) + (l.match(BIDI_MARKS)?.length ?? 0) - width));
    if (over <= 0) break;
    room -= over;
    lines = render(room);
  }
  return lines;
}
