// How a timeline looks: horizontal bars with counts on a terminal, one period per line
// for plotting elsewhere. JSON shape (stable, see README "newsq timeline"):
// { by, calendar, from, to, total, undated, periods: [{period, start, end, count}] }.

import type { Period, Timeline } from '../features/timeline';
import { renderBars } from './bars';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import type { OutputSettings } from './terminal';

/** The stable JSON object of one period. */
export function periodJson(p: Period): Record<string, unknown> {
  return { period: p.label, start: p.start, end: p.end, count: p.count };
}

/** The stable JSON object of a timeline; `partial` and `missing` only when cluster nodes did not answer. */
export function timelineJson(t: Timeline, missing: string[] = []): Record<string, unknown> {
  const out = { by: t.by, calendar: t.calendar, from: t.from, to: t.to, total: t.total, undated: t.undated, periods: t.periods.map(periodJson) };
  return missing.length ? { ...out, partial: true, missing } : out;
}

const COLUMNS = ['period', 'start', 'end', 'count'];

/** Renders a timeline in the chosen format; zero periods are kept in every format. */
export function formatTimeline(t: Timeline, settings: OutputSettings, missing: string[] = []): string {
  switch (settings.format) {
    case 'json':
      return formatJson(timelineJson(t, missing));
    case 'ndjson':
      return formatNdjson(t.periods.map((p) => (missing.length ? { ...periodJson(p), partial: true, missing } : periodJson(p))));
    case 'tsv':
    case 'csv': {
      const rows = t.periods.map((p) => [p.label, p.start, p.end, String(p.count)]);
      return formatDelimited(settings, COLUMNS, rows);
    }
    case 'table':
      // Period labels are dates: left to right, whatever the script of the query.
      return renderBars(
        t.periods.map((p) => ({ label: p.label, count: p.count })),
        { ...settings, direction: 'ltr' },
      );
  }
}
