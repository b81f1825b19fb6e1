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
  renderPiece,
  styledFromCell,
  textDirection,
  type CellLine,
  type Span,
  type StyledText,
} from './line';
import type { BidiMode } from './terminal';
import { stringWidth } from './width';

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
}

/** The settings renderTable reads (OutputSettings fits). */
export interface TableSettings {
  bidi: BidiMode;
  color: boolean;
  width: number;
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
): string {
  if (!line || line.text.text === '') return ' '.repeat(width);
  const w = stringWidth(line.text.text);
  const rendered = renderPiece(line.text, {
    mode: col.kind === 'ltr' ? (mode === 'logical' ? 'logical' : 'off') : mode,
    direction: col.kind === 'ltr' ? 'ltr' : direction,
    truncated: line.truncated,
    markStyle: style.mark,
    ...(style.cell ? { style: style.cell } : {}),
  });
  const align = col.kind === 'text' && direction === 'rtl' ? 'right' : 'left';
  return pad(rendered, w, width, align);
}

/**
 * Render a table for the terminal: right-to-left column order for Arabic content, every
 * cell measured, truncated or wrapped and laid out for the bidi mode, colours only when asked.
 */
export function renderTable(table: TableSpec, settings: TableSettings): string {
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
  const available = Math.max(n, settings.width - (3 * n + 1));
  const specs = cols.map((col, c) => {
    let natural = stringWidth(headers[c]?.text ?? '');
    for (const row of cells) natural = Math.max(natural, stringWidth((row[c] as PreparedCell).styled.text));
    if (col.maxWidth !== undefined) natural = Math.min(natural, Math.max(1, col.maxWidth));
    if (col.minWidth !== undefined) natural = Math.max(natural, col.minWidth);
    natural = Math.max(1, natural);
    const min = Math.max(1, col.minWidth ?? Math.min(natural, col.kind === 'ltr' ? 4 : 8));
    return { natural, min, flex: col.flex ?? 1, fixed: col.kind === 'ltr' };
  });
  const widths = fitColumnWidths(specs, available);

  // Lay out every cell into lines.
  const headerLines = cols.map((col, c) =>
    layoutText(headers[c] as StyledText, widths[c] as number, false, ELLIPSIS),
  );
  const bodyLines = cells.map((row) =>
    cols.map((col, c) => layoutText((row[c] as PreparedCell).styled, widths[c] as number, col.wrap === true, ELLIPSIS)),
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
          renderCellLine(lines[c]?.[k], widths[c] as number, col, directions[c] as 'ltr' | 'rtl', settings.bidi, {
            mark: paint.mark,
            ...(isHeader ? { cell: paint.header } : {}),
          }),
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
  if (settings.bidi === 'logical') {
    // LRM on both sides of every vertical border: the borders and padding then sit between
    // strong LTR characters, so a terminal's own reordering leaves the columns in place.
    cellLine = cellLine.replace(/│/g, `${LRM}│${LRM}`);
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
