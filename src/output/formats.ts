// Machine-readable output. TSV and CSV are read by people as often as by programs (`| head`),
// so their fields are sanitized like table cells; JSON keeps every character of the data and
// escapes the dangerous ones instead.

import { escapeJsonText, sanitizeForTerminal } from './sanitize';

/** One TSV field: sanitized, with every run of tabs, CRs and newlines turned into one space. */
function tsvField(value: string): string {
  return sanitizeForTerminal(String(value ?? ''), { keepNewlines: true }).replace(/[\t\r\n]+/g, ' ');
}

/**
 * Tab-separated values, one record per line; tabs and line breaks in fields become a
 * space. No header line unless asked: piped output feeds `cut`, `sort` and `head`, which
 * would take a header for a record (as gh and notmuch do, the columns are documented).
 */
export function formatTsv(columns: string[], rows: string[][], options: { header?: boolean } = {}): string {
  const lines = options.header ? [columns.map(tsvField).join('\t')] : [];
  for (const row of rows) lines.push(row.map(tsvField).join('\t'));
  return lines.length ? lines.join('\n') + '\n' : '';
}

function csvField(value: string): string {
  const text = sanitizeForTerminal(String(value ?? ''), { keepNewlines: true });
  // RFC 4180: quote fields holding a quote, comma or line break; double inner quotes.
  // Leading/trailing spaces are quoted too, so that lenient readers do not trim them.
  if (/[",\r\n]|^\s|\s$/.test(text)) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

/** Comma-separated values with RFC 4180 quoting and CRLF record ends; a header record first. */
export function formatCsv(columns: string[], rows: string[][]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Pretty JSON (2-space indent) with terminal-unsafe characters escaped as \uXXXX, newline-terminated. */
export function formatJson(value: unknown): string {
  return escapeJsonText(JSON.stringify(value, null, 2) ?? 'null') + '\n';
}

/** Newline-delimited JSON: one compact, escaped JSON value per line. */
export function formatNdjson(values: Iterable<unknown>): string {
  let out = '';
  for (const v of values) out += escapeJsonText(JSON.stringify(v) ?? 'null') + '\n';
  return out;
}

/** TSV or CSV as the settings ask: TSV with a header line only when asked, CSV always with one. */
export function formatDelimited(settings: { format: string; header?: boolean | undefined }, columns: string[], rows: string[][]): string {
  return settings.format === 'csv' ? formatCsv(columns, rows) : formatTsv(columns, rows, { header: settings.header === true });
}
