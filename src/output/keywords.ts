// How keyword listings look (`newsq tags`) and how an unknown keyword's suggestions are
// worded. JSON shape (stable, see README "newsq tags"): an array of
// { keyword, key, count }, most used first.

import type { KeywordCount, KeywordSuggestion } from '../features/keywords';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import { sanitizeForTerminal } from './sanitize';
import { label } from './labels';
import { renderTable } from './table';
import type { OutputSettings } from './terminal';

/** The stable JSON object of a keyword count. */
export function keywordJson(k: KeywordCount): Record<string, unknown> {
  return { keyword: k.keyword, key: k.key, count: k.count };
}

/** Renders keywords with their article counts in the chosen format. */
export function formatKeywordCounts(counts: KeywordCount[], settings: OutputSettings): string {
  switch (settings.format) {
    case 'json':
      return formatJson(counts.map(keywordJson));
    case 'ndjson':
      return formatNdjson(counts.map(keywordJson));
    case 'tsv':
    case 'csv': {
      const rows = counts.map((k) => [k.keyword, String(k.count)]);
      return formatDelimited(settings, ['keyword', 'count'], rows);
    }
    case 'table':
      return renderTable(
        {
          columns: [
            { header: label('keyword', settings.lang ?? 'en'), kind: 'text', minWidth: 8 },
            { header: label('articles', settings.lang ?? 'en'), kind: 'ltr' },
          ],
          rows: counts.map((k) => [k.keyword, String(k.count)]),
          direction: 'rtl',
        },
        settings,
      );
  }
}

/** The lines naming the known keywords closest to an unknown one (for stderr), or a pointer to `newsq tags`. */
export function formatSuggestions(suggestions: KeywordSuggestion[]): string {
  if (suggestions.length === 0) return '  (no similar keyword; `newsq tags` lists them all)';
  const lines = suggestions.map((s) => `  ${sanitizeForTerminal(s.keyword)}  (${s.count} article${s.count === 1 ? '' : 's'})`);
  return ['did you mean:', ...lines].join('\n');
}
