// Tables of Arabic headlines. cli-table3 draws the grid (the design card asks for it), but
// it never sees real text: its width measure (string-width 4) counts harakat, ZWJ/ZWNJ and
// bidi controls as columns, and its padding/truncation would cut through reordered text.
// So every cell is laid out here — measured, wrapped or truncated, reordered or isolated —
// and cli-table3 gets placeholder lines of exactly the right width made of a private-use
// character (string-width 4 counts it as one column). The real cell lines are then put in
// place of the placeholder runs of the drawn grid, in drawing order.

import type TableType from 'cli-table3';
import { firstStrongDirection } from './bidi';
import {
  LRM,
  layoutText,
  palette,
  pad,
  renderSizedPiece,
  sliceStyled,
  styledFromCell,
  textDirection,
  type CellLine,
  type Span,
  type StyledText,
} from './line';
import type { BidiMode } from './terminal';
import { stringWidth, wrapRanges } from './width';

export type { Span } from './line';

/** One column of a table. */
export interface ColumnSpec {
  header: string;
  /** 'text': natural-language text (may be RTL); 'ltr': ids, dates, numbers, URLs — never reordered. */
  kind: 'text' | 'ltr';
  maxWidth?: number;
  minWidth?: number;
  /** Wrap long content onto several lines; otherwise it is truncated with an ellipsis. */
  wrap?: boolean;
  /** With wrap: at most this many lines, the last one ending in an ellipsis when text was left out. */
  maxLines?: number;
  /** Share of the spare width when text columns must shrink (default 1). */
  flex?: number;
}

/** A cell: plain text, or spans where `mark` flags highlighted words. */
export type Cell = string | Span[];

/** A table to render. */
export interface TableSpec {
  columns: ColumnSpec[];
  rows: Cell[][];
  /** Column order: 'rtl' puts the first column on the right; 'auto' follows the content. */
  direction?: 'rtl' | 'ltr' | 'auto';
  /** Lines between rows; 'auto' draws them only when some row spans several lines. */
  rowSeparators?: boolean | 'auto';
  /**
   * When the columns do not fit: 'stack' (the default) prints each row as a record of lines,
   * as gh does on narrow terminals, so ids and dates are never cut; 'shrink' narrows every
   * column, ids and dates last.
   */
  narrow?: 'stack' | 'shrink';
}

/** The settings renderTable reads (OutputSettings fits). */
export interface TableSettings {
  bidi: BidiMode;
  color: boolean;
  width: number;
  /** The terminal draws lam + alef in one cell (mlterm). */
  lamAlefOneCell?: boolean;
  /** The terminal counts bidi marks as cells and reorders between box-drawing characters by itself (mlterm). */
  marksTakeCells?: boolean;
}

// U+E000 (private use) is measured as one column by string-width 4. Only placeholders go
// through cli-table3, so the drawn grid holds no other U+E000 that could be mistaken for one.
const PLACEHOLDER = '\ue000';
const PLACEHOLDER_RUN = /\ue000+/g;

const ELLIPSIS = '…';

/** Column widths (content only, without padding) shrunk to fit `available` columns. */
export function fitColumnWidths(
  columns: readonly { natural: number; min: number; flex: number; fixed: boolean }[],
  available: number,
): number[] {
  const total = columns.reduce((s, c) => s + c.natural, 0);
  if (total <= available) return columns.map((c) => c.natural);
  // Text columns give way first; ids and dates keep their width unless even the text
  // columns at their minimum leave too little room, and then only they shrink further.
  const fixedWidth = columns.reduce((s, c) => s + (c.fixed ? c.natural : 0), 0);
  const textMin = columns.reduce((s, c) => s + (c.fixed ? 0 : Math.min(c.min, c.natural)), 0);
  const shrinking = fixedWidth + textMin > available ? columns.filter((c) => c.fixed) : columns.filter((c) => !c.fixed);
  const room = fixedWidth + textMin > available ? available - textMin : available - fixedWidth;
  const shared = share(
    room,
    shrinking.map((c) => ({ min: Math.min(c.min, c.natural), max: c.natural, flex: c.flex })),
  );
  const widths = columns.map((c) => (c.fixed ? c.natural : Math.min(c.min, c.natural)));
  shrinking.forEach((c, k) => {
    widths[columns.indexOf(c)] = shared[k] as number;
  });
  return widths;
}

/** Distribute `total` columns: everyone gets its minimum, the rest goes by flex, capped at max. */
function share(total: number, cols: readonly { min: number; max: number; flex: number }[]): number[] {
  const widths = cols.map((c) => c.min);
  let remaining = total - widths.reduce((s, w) => s + w, 0);
  while (remaining > 0) {
    const active = cols.map((c, i) => i).filter((i) => (widths[i] as number) < (cols[i] as { max: number }).max);
    if (active.length === 0) break;
    const flexSum = active.reduce((s, i) => s + Math.max(0.0001, (cols[i] as { flex: number }).flex), 0);
    let given = 0;
    for (const i of active) {
      const c = cols[i] as { max: number; flex: number };
      const add = Math.min(Math.floor((remaining * Math.max(0.0001, c.flex)) / flexSum), c.max - (widths[i] as number));
      widths[i] = (widths[i] as number) + add;
      given += add;
    }
    if (given === 0) {
      // Rounding left a few columns over: hand them out one by one, biggest flex first.
      const byFlex = [...active].sort((a, b) => (cols[b] as { flex: number }).flex - (cols[a] as { flex: number }).flex);
      for (const i of byFlex) {
        if (remaining - given <= 0) break;
        widths[i] = (widths[i] as number) + 1;
        given++;
      }
    }
    remaining -= given;
  }
  return widths;
}

interface PreparedCell {
  styled: StyledText;
  direction: 'ltr' | 'rtl';
}

/** Decide the table's column order from its text: RTL when most text cells start right-to-left. */
function tableDirection(spec: TableSpec, cells: PreparedCell[][], headers: StyledText[]): 'ltr' | 'rtl' {
  if (spec.direction === 'rtl' || spec.direction === 'ltr') return spec.direction;
  let rtl = 0;
  let ltr = 0;
  spec.columns.forEach((col, c) => {
    if (col.kind !== 'text') return;
    for (const row of cells) {
      const d = firstStrongDirection((row[c] as PreparedCell).styled.text);
      if (d === 'rtl') rtl++;
      else if (d === 'ltr') ltr++;
    }
  });
  if (rtl + ltr === 0) {
    for (const h of headers) {
      const d = firstStrongDirection(h.text);
      if (d === 'rtl') rtl++;
      else if (d === 'ltr') ltr++;
    }
  }
  return rtl > ltr ? 'rtl' : 'ltr';
}

/** Render one laid-out cell line to exactly `width` columns. */
function renderCellLine(
  line: CellLine | undefined,
  width: number,
  col: ColumnSpec,
  direction: 'ltr' | 'rtl',
  mode: BidiMode,
  style: { mark: (s: string) => string; cell?: (s: string) => string },
  lamAlefOneCell: boolean,
): string {
  if (!line || line.text.text === '') return ' '.repeat(width);
  const rendered = renderSizedPiece(line.text, {
    mode: col.kind === 'ltr' ? (mode === 'logical' || mode === 'implicit' ? mode : 'off') : mode,
    direction: col.kind === 'ltr' ? 'ltr' : direction,
    truncated: line.truncated,
    markStyle: style.mark,
    lamAlefOneCell,
    ...(style.cell ? { style: style.cell } : {}),
  });
  const align = col.kind === 'text' && direction === 'rtl' ? 'right' : 'left';
  return pad(rendered.text, rendered.width, width, align);
}

/**
 * Render a table for the terminal: right-to-left column order for Arabic content, every
 * cell measured, truncated or wrapped and laid out for the bidi mode, colours only when asked.
 * Where the columns cannot fit, each row becomes a record of lines instead.
 */
export function renderTable(table: TableSpec, settings: TableSettings): string {
  let out = renderTableAt(table, settings, settings.width);
  if (!settings.marksTakeCells) return out;
  // A terminal that counts bidi marks as cells wraps a line that holds more marks than the
  // room left of the width: lay the table out narrower by the most marks a line holds.
  let width = settings.width;
  for (let tries = 0; tries < 4; tries++) {
    const over = Math.max(...out.split('\n').map((l) => stringWidth(l) + countMarks(l) - settings.width));
    if (over <= 0) break;
    width -= over;
    out = renderTableAt(table, settings, width);
  }
  return out;
}

// The bidi marks newsq writes (LRM, RLM, ALM, isolates).
const MARKS = /[\u200e\u200f\u061c\u2066-\u2069]/gu;

/** How many bidi marks a line holds. */
export function countMarks(line: string): number {
  return line.match(MARKS)?.length ?? 0;
}

function renderTableAt(table: TableSpec, settings: TableSettings, width: number): string {
  const cols = table.columns;
  const n = cols.length;
  if (n === 0) return '';
  const paint = palette(settings.color);

  const headers = cols.map((c) => styledFromCell(c.header));
  const cells: PreparedCell[][] = table.rows.map((row) =>
    cols.map((col, c) => {
      const styled = styledFromCell(row[c] ?? '');
      return { styled, direction: col.kind === 'ltr' ? 'ltr' : textDirection(styled.text) };
    }),
  );
  const dir = tableDirection(table, cells, headers);

  // Widths: natural = widest content, then shrunk to the terminal. Each column costs its
  // content plus one space of padding on each side plus one border.
  const available = Math.max(n, width - (3 * n + 1));
  const specs = cols.map((col, c) => {
    let natural = stringWidth(headers[c]?.text ?? '');
    for (const row of cells) natural = Math.max(natural, stringWidth((row[c] as PreparedCell).styled.text));
    if (col.maxWidth !== undefined) natural = Math.min(natural, Math.max(1, col.maxWidth));
    if (col.minWidth !== undefined) natural = Math.max(natural, col.minWidth);
    natural = Math.max(1, natural);
    const min = Math.max(1, col.minWidth ?? Math.min(natural, col.kind === 'ltr' ? 4 : 8));
    return { natural, min, flex: col.flex ?? 1, fixed: col.kind === 'ltr' };
  });
  // Ids and dates are never cut: they are what one copies into the next command. When they
  // and the text columns at their narrowest do not fit, the rows are stacked instead.
  const keepWhole = cols.map((col) => col.kind === 'ltr' && col.wrap !== true);
  const needed = specs.reduce((sum, sp, c) => sum + (keepWhole[c] ? sp.natural : Math.min(sp.min, sp.natural)), 0);
  if (needed > available && table.rows.length > 0 && table.narrow !== 'shrink') {
    return renderStacked(table, cols, headers, cells, dir, settings, width);
  }
  const widths = fitColumnWidths(specs, available);

  // Lay out every cell into lines.
  const headerLines = cols.map((col, c) =>
    layoutText(headers[c] as StyledText, widths[c] as number, false, ELLIPSIS),
  );
  const bodyLines = cells.map((row) =>
    cols.map((col, c) => layoutCell((row[c] as PreparedCell).styled, widths[c] as number, col)),
  );
  const multiLine = bodyLines.some((row) => row.some((l) => l.length > 1));
  const separators = table.rowSeparators === 'auto' || table.rowSeparators === undefined ? multiLine : table.rowSeparators;

  // Visual column order.
  const order = cols.map((_, c) => c);
  if (dir === 'rtl') order.reverse();

  // The real lines, queued in the order cli-table3 draws their placeholders: row by row,
  // line by line, left to right.
  const queue: string[] = [];
  const heights: number[] = [];
  const addRow = (lines: CellLine[][], directions: ('ltr' | 'rtl')[], isHeader: boolean): void => {
    const height = Math.max(1, ...lines.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      for (const c of order) {
        // Headers are words, not data: laid out as text whatever the column holds.
        const col: ColumnSpec = isHeader ? { ...(cols[c] as ColumnSpec), kind: 'text' } : (cols[c] as ColumnSpec);
        queue.push(
          renderCellLine(
            lines[c]?.[k],
            widths[c] as number,
            col,
            directions[c] as 'ltr' | 'rtl',
            settings.bidi,
            { mark: paint.mark, ...(isHeader ? { cell: paint.header } : {}) },
            settings.lamAlefOneCell === true,
          ),
        );
      }
    }
    heights.push(height);
  };
  addRow(
    headerLines,
    headers.map((h) => textDirection(h.text, dir)),
    true,
  );
  bodyLines.forEach((row, r) =>
    addRow(
      row,
      (cells[r] as PreparedCell[]).map((p) => p.direction),
      false,
    ),
  );

  // cli-table3 draws a template: the header and two body rows, each one line high. Drawing
  // the real table through it directly costs quadratic time in each multi-line cell (its
  // debug truncation re-measures the cell after dropping each character), so the table is
  // assembled from the template's lines instead: its borders as drawn, and its content line
  // repeated once per line of each row.
  const placeholders = order.map((c) => PLACEHOLDER.repeat(widths[c] as number));
  // Required here rather than imported: cli-table3 (with its colour library, which probes
  // the terminal when loaded) is only needed once a table is drawn, not by --json calls.
  const Table = require('cli-table3') as typeof TableType;
  const grid = new Table({
    head: placeholders,
    colWidths: order.map((c) => (widths[c] as number) + 2),
    wordWrap: false,
    style: { head: [], border: [], compact: !separators, 'padding-left': 1, 'padding-right': 1 },
  });
  grid.push([...placeholders], [...placeholders]);
  const template = grid.toString().split('\n');
  const content = template.flatMap((line, i) => (line.includes(PLACEHOLDER) ? [i] : []));
  if (content.length !== 3) throw new Error(`table layout mismatch: template with ${content.length} content lines`);
  const [headAt, firstAt, secondAt] = content as [number, number, number];
  let cellLine = template[headAt] as string;
  if (settings.bidi === 'logical' || (settings.bidi === 'implicit' && !settings.marksTakeCells)) {
    // An LRM before every vertical border: the border then follows a strong LTR character
    // and resolves left-to-right whatever comes after it, so a terminal's own reordering
    // leaves the columns in place. (An LRM after it too would ride on the border's cell,
    // and VTE then draws the border from the font, shorter than the cell.) mlterm needs
    // none: it reorders the text between box-drawing characters on its own.
    cellLine = cellLine.replace(/│/g, settings.bidi === 'logical' ? `${LRM}│${LRM}` : `${LRM}│`);
  }
  const lines: string[] = template.slice(0, headAt);
  let next = 0;
  const emitRow = (height: number): void => {
    for (let k = 0; k < height; k++) lines.push(cellLine.replace(PLACEHOLDER_RUN, () => queue[next++] ?? ''));
  };
  emitRow(heights[0] ?? 1);
  if (heights.length > 1) {
    lines.push(...template.slice(headAt + 1, firstAt));
    heights.slice(1).forEach((h, r) => {
      if (r > 0) lines.push(...template.slice(firstAt + 1, secondAt));
      emitRow(h);
    });
    lines.push(...template.slice(secondAt + 1));
  } else {
    // A header alone closes with the template's bottom border.
    lines.push(...template.slice(secondAt + 1));
  }
  const out = lines.join('\n');
  if (next !== queue.length) {
    // The template was not the grid we asked for; better to fail loudly than to print a
    // table whose cells sit in the wrong columns.
    throw new Error(`table layout mismatch: ${next} placeholder runs for ${queue.length} cell lines`);
  }
  return out + '\n';
}

/** Lay a cell out: wrapped (to at most maxLines lines) or truncated to one line. */
function layoutCell(text: StyledText, width: number, col: ColumnSpec): CellLine[] {
  if (col.wrap !== true) return layoutText(text, width, false, ELLIPSIS);
  const ranges = wrapRanges(text.text, Math.max(1, width));
  const max = Math.max(1, col.maxLines ?? Infinity);
  const lines = ranges.slice(0, Math.min(ranges.length, max)).map(([a, b]) => ({ text: sliceStyled(text, a, b), truncated: false }));
  if (ranges.length <= max) return lines;
  // The last line kept holds the rest of the text, cut with an ellipsis.
  const [lastStart] = ranges[max - 1] as readonly [number, number];
  const [last] = layoutText(sliceStyled(text, lastStart, text.text.length), width, false, ELLIPSIS);
  return [...lines.slice(0, max - 1), ...(last ? [last] : [])];
}

/**
 * Rows as records of lines, for terminals too narrow for the columns: the ids, dates and
 * numbers on one line, then each text column wrapped to the width, right-aligned for
 * right-to-left text; a rule between records.
 */
function renderStacked(
  table: TableSpec,
  cols: ColumnSpec[],
  headers: StyledText[],
  cells: PreparedCell[][],
  dir: 'ltr' | 'rtl',
  settings: TableSettings,
  width: number,
): string {
  const paint = palette(settings.color);
  const mode = settings.bidi;
  const guard = mode === 'logical' || mode === 'implicit' ? LRM : '';
  const piece = (text: StyledText, direction: 'ltr' | 'rtl', truncated = false, style?: (s: string) => string) =>
    renderSizedPiece(text, {
      mode: direction === 'ltr' && !/[\u0590-\u08ff\ufb1d-\ufefe]/u.test(text.text) ? (mode === 'visual' ? 'off' : mode) : mode,
      direction,
      truncated,
      markStyle: paint.mark,
      lamAlefOneCell: settings.lamAlefOneCell === true,
      ...(style ? { style } : {}),
    });
  // Right-to-left lines are padded to the width; a terminal that counts marks as cells
  // gets that much less padding.
  const place = (rendered: { text: string; width: number }, align: 'left' | 'right'): string => {
    if (align === 'left') return guard + rendered.text;
    const marks = settings.marksTakeCells ? countMarks(guard + rendered.text) : 0;
    return guard + pad(rendered.text, rendered.width, width - marks, 'right');
  };
  const fits = (line: string): boolean => stringWidth(line) + (settings.marksTakeCells ? countMarks(line) : 0) <= width;
  const out: string[] = [];
  const rule = paint.dim('─'.repeat(Math.max(1, width - (settings.marksTakeCells && guard ? 1 : 0))));
  cells.forEach((row, r) => {
    if (r > 0) out.push(guard + rule);
    // The facts that are never cut, in column order (right to left in an RTL table), on
    // one line when they fit, else one to a line.
    const isFact = (c: number): boolean => (cols[c] as ColumnSpec).kind === 'ltr' && (cols[c] as ColumnSpec).wrap !== true;
    const facts = cols.flatMap((_, c) => (isFact(c) && (row[c] as PreparedCell).styled.text !== '' ? [c] : []));
    if (facts.length > 0) {
      const order = dir === 'rtl' ? [...facts].reverse() : facts;
      const texts = order.map((c) => piece((row[c] as PreparedCell).styled, 'ltr'));
      const joined = { text: texts.map((t) => t.text).join('  '), width: texts.reduce((w, t) => w + t.width, 0) + 2 * (texts.length - 1) };
      const align = dir === 'rtl' ? 'right' : 'left';
      if (fits(place(joined, align))) out.push(place(joined, align));
      else for (const t of texts) out.push(place(t, align));
    }
    cols.forEach((col, c) => {
      if (isFact(c)) return;
      const cell = row[c] as PreparedCell;
      if (cell.styled.text === '') return;
      const direction = cell.direction === 'rtl' || (dir === 'rtl' && textDirection(cell.styled.text, 'rtl') === 'rtl') ? 'rtl' : 'ltr';
      const align = direction === 'rtl' ? 'right' : 'left';
      // Narrower by a column at a time until no line is wider than the screen with its marks.
      let placed: string[] = [];
      for (let room = width; room > Math.max(1, width - 8); room--) {
        const lines = layoutCell(cell.styled, room, col);
        placed = lines.map((line) => place(piece(line.text, direction, line.truncated), align));
        if (placed.every(fits)) break;
      }
      out.push(...placed);
    });
  });
  void headers;
  void table;
  return out.join('\n') + '\n';
}
