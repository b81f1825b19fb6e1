// Reading a terminal's screenshot as a grid of cells: where each text row is, which pixel
// columns hold a vertical border line, and where a word's image appears.
//
// Every session prints three calibration lines first: full blocks (U+2588) in columns 0 and
// 10 of the first line and in column 0 of the third. The blocks' left edges give the grid's
// origin and cell width, and the two rows of blocks the cell height (a block's glyph may be
// shorter than the line pitch), whatever font and size the terminal uses. Pixels are compared in grey, as ink or background: the background is the commonest
// value, ink anything far from it.

import { execFileSync } from 'node:child_process';

/** A greyscale image. */
export interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Read an image file as 8-bit grey (ImageMagick's `convert`). */
export function readGrey(file: string): Grey {
  const size = execFileSync('identify', ['-format', '%w %h', file], { encoding: 'utf8' }).trim().split(' ').map(Number);
  const [width, height] = size as [number, number];
  const pixels = execFileSync('convert', [file, '-colorspace', 'Gray', '-depth', '8', 'gray:-'], { maxBuffer: 64 * 1024 * 1024 });
  return { width, height, pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, width * height) };
}

/** The cell grid found from the calibration line. */
export interface Grid {
  x0: number;
  y0: number;
  cellWidth: number;
  cellHeight: number;
  background: number;
}

/** An image and its grid, with each pixel's ink flag. */
export interface Screen extends Grey, Grid {
  inked: Uint8Array;
  /** The terminal's width in cells: nothing right of it is looked at. */
  columns: number;
}

function background(img: Grey): number {
  const counts = new Uint32Array(256);
  for (const p of img.pixels) counts[p]! += 1;
  let best = 0;
  for (let v = 1; v < 256; v++) if ((counts[v] as number) > (counts[best] as number)) best = v;
  return best;
}

const INK = 96;

/** Whether the pixel is ink (far from the background). */
export function ink(img: Grey & { background: number }, x: number, y: number): boolean {
  return Math.abs((img.pixels[y * img.width + x] as number) - img.background) > INK;
}

/** The calibration lines a session prints before anything else. */
export const CALIBRATION = '\u2588         \u2588\n\n\u2588\n';

/**
 * Find the grid from the calibration lines (see CALIBRATION). Throws when they are not on
 * the screen.
 */
export function findGrid(img: Grey, columns = Infinity): Screen {
  const bg = background(img);
  const probe = { ...img, background: bg };
  // The first row holding a horizontal run of ink at least 4 px wide that is repeated, as
  // a solid block, on the rows below it.
  for (let y = 0; y < img.height; y++) {
    const runs: [number, number][] = [];
    let start = -1;
    for (let x = 0; x <= img.width; x++) {
      const on = x < img.width && ink(probe, x, y);
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        runs.push([start, x]);
        start = -1;
      }
    }
    // Two runs of the same width, ten widths apart: the blocks in columns 0 and 10.
    const pair = runs.flatMap((r1, i) => runs.slice(i + 1).map((r2) => [r1, r2] as const)).find(([r1, r2]) => {
      const w = r1[1] - r1[0];
      return w >= 4 && Math.abs(r2[1] - r2[0] - w) <= 1 && Math.abs((r2[0] - r1[0]) / 10 - w) <= 2;
    });
    if (!pair) continue;
    const [a, b] = pair;
    const cellWidth = (b[0] - a[0]) / 10;
    let bottom = y;
    while (bottom + 1 < img.height && ink(probe, a[0] + 1, bottom + 1) && ink(probe, b[0] + 1, bottom + 1)) bottom++;
    // The block two rows down starts two line pitches lower.
    let third = bottom + 1;
    while (third < img.height && !ink(probe, a[0] + 1, third)) third++;
    const cellHeight = (third - y) / 2;
    if (third >= img.height || cellHeight < 8 || !Number.isInteger(cellHeight)) continue;
    const inked = new Uint8Array(img.pixels.length);
    for (let i = 0; i < inked.length; i++) inked[i] = Math.abs((img.pixels[i] as number) - bg) > INK ? 1 : 0;
    return { ...img, x0: a[0], y0: y, cellWidth, cellHeight, background: bg, inked, columns };
  }
  throw new Error('no calibration line (blocks in columns 0 and 10) on the screen');
}

/** The text row (0 = the first calibration line) whose band contains pixel row y. */
export function rowAt(s: Screen, y: number): number {
  return Math.floor((y - s.y0) / s.cellHeight);
}

/**
 * Pixel x positions of the vertical border lines on text row `row`: columns of ink that run
 * (nearly) the full height of the cell, which a letter never does: it leaves room above or
 * below. Adjacent columns count as one line, at its left edge.
 */
export function verticalLines(s: Screen, row: number): number[] {
  const top = s.y0 + row * s.cellHeight;
  const need = Math.ceil(s.cellHeight * 0.9);
  const out: number[] = [];
  let previous = false;
  const right = Math.min(s.width, Math.floor(s.x0 + s.columns * s.cellWidth));
  for (let x = Math.max(0, Math.floor(s.x0)); x < right; x++) {
    let inked = 0;
    for (let y = top; y < top + s.cellHeight && y < s.height; y++) inked += s.inked[y * s.width + x] as number;
    const full = inked >= need;
    if (full && !previous) out.push(x);
    previous = full;
  }
  return out;
}

/** The grid column a pixel x position falls in. */
export function columnAt(s: Screen, x: number): number {
  return Math.floor((x - s.x0) / s.cellWidth);
}

/** Whether row `row` holds any ink at all. */
export function rowHasInk(s: Screen, row: number): boolean {
  const top = s.y0 + row * s.cellHeight;
  for (let y = top; y < top + s.cellHeight && y < s.height; y++) for (let x = 0; x < s.width; x++) if (ink(s, x, y)) return true;
  return false;
}

/** A cut-out of the ink of a word: its pixels as ink/background flags, its size, and where it starts within a cell. */
export interface Glyphs {
  width: number;
  height: number;
  bits: Uint8Array;
  /** Pixels from the left edge of the cell it starts in to its first ink. */
  phase: number;
}

/** The ink of text row `row` between grid columns [from, to), trimmed to its ink on the left and right. */
export function cutGlyphs(s: Screen, row: number, from: number, to: number): Glyphs {
  const top = s.y0 + row * s.cellHeight;
  let left = Math.round(s.x0 + from * s.cellWidth);
  let right = Math.round(s.x0 + to * s.cellWidth);
  const columnInked = (x: number): boolean => {
    for (let y = top; y < top + s.cellHeight; y++) if (s.inked[y * s.width + x]) return true;
    return false;
  };
  while (left < right && !columnInked(left)) left++;
  while (right > left && !columnInked(right - 1)) right--;
  const width = right - left;
  const bits = new Uint8Array(width * s.cellHeight);
  for (let y = 0; y < s.cellHeight; y++) for (let x = 0; x < width; x++) bits[y * width + x] = s.inked[(top + y) * s.width + left + x] as number;
  const cell = Math.floor((left - s.x0) / s.cellWidth);
  return { width, height: s.cellHeight, bits, phase: left - Math.round(s.x0 + cell * s.cellWidth) };
}

/**
 * Where the word's ink appears on text row `row`: the pixel x of each place, at the same
 * position within a cell as the word was cut from (terminals draw in cells), where the
 * row's ink matches it, give or take a few pixels' worth of antialiasing. A glyph of the
 * neighbouring word may reach into the cells around it, so those are not looked at.
 */
export function findGlyphs(s: Screen, row: number, word: Glyphs): number[] {
  const top = s.y0 + row * s.cellHeight;
  const found: number[] = [];
  if (word.width === 0) return found;
  const ones = word.bits.reduce((n, b) => n + b, 0);
  const tolerance = Math.max(2, Math.floor(ones * 0.04));
  for (let col = 0; col < s.columns && s.x0 + col * s.cellWidth < s.width; col++) {
    const x = Math.round(s.x0 + col * s.cellWidth) + word.phase;
    if (x < 0 || x + word.width > s.width) continue;
    let wrong = 0;
    for (let y = 0; y < word.height && wrong <= tolerance; y++) {
      const at = (top + y) * s.width + x;
      const bitsRow = y * word.width;
      for (let dx = 0; dx < word.width; dx++) {
        if (s.inked[at + dx] !== word.bits[bitsRow + dx]) {
          wrong++;
          if (wrong > tolerance) break;
        }
      }
    }
    if (wrong <= tolerance) found.push(x);
  }
  return found;
}
