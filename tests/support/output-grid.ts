// Helpers for checking drawn tables: where the borders are, measured in screen columns.

import { stringWidth } from '../../src/output/width';

const SGR = /\x1b\[[0-9;]*m/g;
const BORDER = /[│┌┐└┘├┤┬┴┼]/u;

/** Remove colour codes. */
export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}

/** The screen columns of the vertical border and junction characters of one drawn line. */
export function borderColumns(line: string, measure: (s: string) => number = stringWidth): number[] {
  const plain = stripSgr(line);
  const cols: number[] = [];
  let prefix = '';
  for (const ch of plain) {
    if (BORDER.test(ch)) cols.push(measure(prefix));
    prefix += ch;
  }
  return cols;
}

/** The text between the vertical borders of a content line, left to right, padding trimmed. */
export function cellTexts(line: string): string[] {
  const parts = stripSgr(line).split('│');
  return parts.slice(1, -1).map((p) => p.replace(/^[ \u200e]+|[ \u200e]+$/gu, ''));
}
