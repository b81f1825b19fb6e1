import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/features/timeline';
import { formatTimeline, timelineJson } from '../../src/output/timeline';
import { outputSettings } from '../support/output-settings';

const timeline: Timeline = {
  by: 'month',
  calendar: 'gregory',
  from: '2015-01-01',
  to: '2015-03-31',
  total: 15,
  undated: 2,
  periods: [
    { label: '2015-01', start: '2015-01-01', end: '2015-01-31', count: 12 },
    { label: '2015-02', start: '2015-02-01', end: '2015-02-28', count: 0 },
    { label: '2015-03', start: '2015-03-01', end: '2015-03-31', count: 3 },
  ],
};

describe('formatTimeline', () => {
  it('gives the whole timeline as JSON, periods renamed to the stable keys', () => {
    const json = JSON.parse(formatTimeline(timeline, outputSettings('json'))) as Record<string, unknown>;
    expect(json).toEqual(timelineJson(timeline));
    expect(json).toMatchObject({ by: 'month', calendar: 'gregory', from: '2015-01-01', to: '2015-03-31', total: 15, undated: 2 });
    expect(json.periods).toEqual([
      { period: '2015-01', start: '2015-01-01', end: '2015-01-31', count: 12 },
      { period: '2015-02', start: '2015-02-01', end: '2015-02-28', count: 0 },
      { period: '2015-03', start: '2015-03-01', end: '2015-03-31', count: 3 },
    ]);
  });

  it('writes one NDJSON line and one TSV line per period, zero periods kept', () => {
    expect(formatTimeline(timeline, outputSettings('ndjson')).trimEnd().split('\n')).toHaveLength(3);
    expect(formatTimeline(timeline, outputSettings('tsv'))).toBe(
      '2015-01\t2015-01-01\t2015-01-31\t12\n2015-02\t2015-02-01\t2015-02-28\t0\n2015-03\t2015-03-01\t2015-03-31\t3\n',
    );
    expect(formatTimeline(timeline, outputSettings('csv')).split('\r\n')[0]).toBe('period,start,end,count');
  });

  it('draws left-to-right bars even for Arabic month names', () => {
    const arabic: Timeline = { ...timeline, periods: timeline.periods.map((p, i) => ({ ...p, label: ['يناير', 'فبراير', 'مارس'][i]! })) };
    const out = formatTimeline(arabic, outputSettings('table', { width: 40 })).replace(/\n$/, '').split('\n');
    expect(out).toHaveLength(3);
    // label first, count last: the chart is not mirrored
    expect(out[0]).toMatch(/^ *يناير █+ 12$/);
    expect(out[1]).toMatch(/^ *فبراير +0$/);
  });

  it('draws nothing for a timeline without periods', () => {
    expect(formatTimeline({ ...timeline, periods: [] }, outputSettings('table'))).toBe('');
    expect(formatTimeline({ ...timeline, periods: [] }, outputSettings('tsv'))).toBe('');
  });
});
