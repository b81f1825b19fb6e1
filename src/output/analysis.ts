// Output of `newsq analyze`.

import type { AnalyzedToken } from '../analysis/analyzer';
import { formatCsv, formatJson, formatNdjson, formatTsv } from './formats';
import { renderTable } from './table';
import type { OutputSettings } from './terminal';

/** The stable JSON object of one analyzed token. */
export function tokenJson(t: AnalyzedToken): Record<string, unknown> {
  return { token: t.text, start: t.start, end: t.end, exact: t.exact, stems: t.stems };
}

/** Renders analyzed tokens in the chosen format. */
export function formatAnalysis(tokens: AnalyzedToken[], settings: OutputSettings): string {
  const rows = tokens.map((t) => [t.text, t.exact, t.stems.join(' ')]);
  switch (settings.format) {
    case 'json':
      return formatJson(tokens.map(tokenJson));
    case 'ndjson':
      return formatNdjson(tokens.map(tokenJson));
    case 'tsv':
      return formatTsv(['token', 'exact', 'stems'], rows);
    case 'csv':
      return formatCsv(['token', 'exact', 'stems'], rows);
    case 'table':
      return renderTable(
        {
          columns: [
            { header: 'token', kind: 'text' },
            { header: 'exact', kind: 'text' },
            { header: 'stems', kind: 'text' },
          ],
          rows,
          direction: 'rtl',
        },
        settings,
      );
  }
}
