// Output of `newsq analyze`.

import type { AnalyzedToken } from '../analysis/analyzer';
import type { MatchExplanation } from '../analysis/explain';
import type { Variant } from '../analysis/variants';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import { renderTable } from './table';
import type { OutputSettings } from './terminal';

/** The stable JSON object of one variant. */
function variantJson(v: Variant): Record<string, unknown> {
  return { term: v.term, field: v.field, kind: v.kind, weight: v.weight, spelling: v.spelling, rule: v.rule };
}

/** The stable JSON object of one analyzed token (with `variants` when they were asked for). */
export function tokenJson(t: AnalyzedToken, variants?: Variant[]): Record<string, unknown> {
  return { token: t.text, start: t.start, end: t.end, exact: t.exact, stems: t.stems, ...(variants ? { variants: variants.map(variantJson) } : {}) };
}

function variantCell(vs: Variant[]): string {
  return vs.map((v) => `${v.term} (${v.kind} ${v.weight})`).join(' ');
}

/** Renders analyzed tokens in the chosen format; `variants[i]` are token i's, when asked for. */
export function formatAnalysis(tokens: AnalyzedToken[], settings: OutputSettings, variants?: Variant[][]): string {
  const columns = ['token', 'exact', 'stems', ...(variants ? ['variants'] : [])];
  const rows = tokens.map((t, i) => [t.text, t.exact, t.stems.join(' '), ...(variants ? [variantCell(variants[i]!)] : [])]);
  const objects = () => tokens.map((t, i) => tokenJson(t, variants?.[i]));
  switch (settings.format) {
    case 'json':
      return formatJson(objects());
    case 'ndjson':
      return formatNdjson(objects());
    case 'tsv':
    case 'csv':
      return formatDelimited(settings, columns, rows);
    case 'table':
      return renderTable({ columns: columns.map((header) => ({ header, kind: 'text' as const })), rows, direction: 'rtl' }, settings);
  }
}

/** The stable JSON object of one query token's match. */
function matchJson(m: MatchExplanation): Record<string, unknown> {
  return { query: m.query, document: m.document, term: m.term, field: m.field, queryReading: m.queryReading, documentReading: m.documentReading, variant: m.variant ? variantJson(m.variant) : null };
}

/** Renders how each query token finds the document (nothing when it does not). */
export function formatMatch(matches: MatchExplanation[], settings: OutputSettings): string {
  const columns = ['query', 'document', 'term', 'query reading', 'document reading'];
  const rows = matches.map((m) => [m.query, m.document, `${m.field} ${m.term}`, m.queryReading, m.documentReading]);
  switch (settings.format) {
    case 'json':
      return formatJson(matches.map(matchJson));
    case 'ndjson':
      return formatNdjson(matches.map(matchJson));
    case 'tsv':
    case 'csv':
      return formatDelimited(settings, columns, rows);
    case 'table':
      return matches.length ? renderTable({ columns: columns.map((header) => ({ header, kind: 'text' as const })), rows, direction: 'rtl' }, settings) : '';
  }
}
