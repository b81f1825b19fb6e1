// Counts per period: period boundaries in both calendars, zero periods filled, ranges
// clipped, and a query's timeline agreeing with the dates of its search results.

import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysTo, weekdayOf } from '../../src/dates/calendar-day';
import { gregorianToHijri, hijriMonthRange } from '../../src/dates/hijri';
import { dayNumber, dayString } from '../../src/index/format';
import { ArchiveIndex } from '../../src/index/reader';
import { search } from '../../src/search/search';
import { buildTimeline, chooseGranularity, periodOf, queryTimeline, weekStart, type Granularity } from '../../src/features/timeline';
import { buildDemoIndexIn, tempDir } from '../support/cli';

const n = dayNumber;

describe('periods', () => {
  it.each(['2015-10-04', '2015-10-07', '2015-10-10', '2016-02-29', '1970-01-01', '2014-06-10'])('starts the week of %s on the Sunday before it', (day) => {
    const start = dayString(weekStart(n(day)));
    expect(weekdayOf(start)).toBe(0);
    expect(start <= day && addDaysTo(start, 6) >= day).toBe(true);
  });

  it.each<[string, Granularity, string, string, string]>([
    ['2015-10-07', 'day', '2015-10-07', '2015-10-07', '2015-10-07'],
    ['2015-10-07', 'week', '2015-10-04', '2015-10-04', '2015-10-10'],
    ['2015-10-07', 'month', '2015-10', '2015-10-01', '2015-10-31'],
    ['2016-02-10', 'month', '2016-02', '2016-02-01', '2016-02-29'],
    ['2015-12-31', 'month', '2015-12', '2015-12-01', '2015-12-31'],
  ])('puts %s in the %s %s (%s … %s)', (day, by, label, start, end) => {
    const p = periodOf(n(day), by, 'gregory');
    expect(p).toEqual({ label, start: n(start), end: n(end) });
  });

  it('uses Umm al-Qura months and Hijri labels in the Hijri calendar', () => {
    const p = periodOf(n('2014-11-07'), 'month', 'hijri');
    const h = gregorianToHijri('2014-11-07');
    const r = hijriMonthRange(h.year, h.month);
    expect(p).toEqual({ label: `${h.year}-${String(h.month).padStart(2, '0')}`, start: n(r.start), end: n(r.end) });
    expect(p.label).toBe('1436-01');
    expect(periodOf(n('2014-11-07'), 'day', 'hijri').label).toBe('1436-01-14');
  });

  it.each<[string, string, Granularity]>([
    ['2015-07-21', '2015-08-11', 'day'],
    ['2015-07-01', '2015-08-31', 'day'],
    ['2015-07-01', '2015-09-30', 'week'],
    ['2014-06-10', '2017-06-21', 'month'],
  ])('chooses a readable granularity for %s … %s', (from, to, by) => {
    expect(chooseGranularity(from, to)).toBe(by);
  });
});

describe('buildTimeline', () => {
  it('keeps the zero periods between counted ones', () => {
    const t = buildTimeline([n('2015-01-05'), n('2015-01-20'), n('2015-04-02'), null], { by: 'month', calendar: 'gregory' });
    expect(t.periods.map((p) => [p.label, p.count])).toEqual([
      ['2015-01', 2],
      ['2015-02', 0],
      ['2015-03', 0],
      ['2015-04', 1],
    ]);
    expect(t.total).toBe(3);
    expect(t.undated).toBe(1);
  });

  it('covers a given range even where nothing falls, clipping the first and last period to it', () => {
    const t = buildTimeline([n('2015-02-10')], { by: 'month', calendar: 'gregory', from: '2015-01-15', to: '2015-03-10' });
    expect(t.periods).toEqual([
      { label: '2015-01', start: '2015-01-15', end: '2015-01-31', count: 0 },
      { label: '2015-02', start: '2015-02-01', end: '2015-02-28', count: 1 },
      { label: '2015-03', start: '2015-03-01', end: '2015-03-10', count: 0 },
    ]);
  });

  it('leaves out days outside the range', () => {
    const t = buildTimeline([n('2014-12-31'), n('2015-01-01'), n('2015-01-03')], { by: 'day', calendar: 'gregory', from: '2015-01-01', to: '2015-01-02' });
    expect(t.periods.map((p) => p.count)).toEqual([1, 0]);
    expect(t.total).toBe(1);
  });

  it('has no periods for an empty or reversed range', () => {
    expect(buildTimeline([], { calendar: 'gregory' }).periods).toEqual([]);
    expect(buildTimeline([n('2015-01-01')], { calendar: 'gregory', from: '2016-01-01', to: '2015-01-01' }).periods).toEqual([]);
  });

  it('refuses a Hijri timeline outside the Umm al-Qura span', () => {
    expect(() => buildTimeline([n('1930-01-01')], { calendar: 'hijri', by: 'month' })).toThrow(RangeError);
  });

  it('tiles the range with contiguous periods and counts every day in it once (property)', () => {
    const day = fc.integer({ min: n('2010-01-01'), max: n('2020-12-31') });
    fc.assert(
      fc.property(
        fc.array(fc.option(day, { nil: null }), { maxLength: 60 }),
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom<Granularity>('day', 'week', 'month'),
        fc.constantFrom<'gregory' | 'hijri'>('gregory', 'hijri'),
        (days, from, span, by, calendar) => {
          const to = from + span;
          const t = buildTimeline(days, { by, calendar, from: dayString(from), to: dayString(to) });
          expect(t.periods[0]!.start).toBe(dayString(from));
          expect(t.periods[t.periods.length - 1]!.end).toBe(dayString(to));
          for (let i = 1; i < t.periods.length; i++) expect(n(t.periods[i]!.start)).toBe(n(t.periods[i - 1]!.end) + 1);
          for (const p of t.periods) {
            const inside = days.filter((d) => d !== null && d >= n(p.start) && d <= n(p.end)).length;
            expect(p.count).toBe(inside);
          }
          expect(t.total).toBe(days.filter((d) => d !== null && d >= from && d <= to).length);
          expect(t.undated).toBe(days.filter((d) => d === null).length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('queryTimeline on the demo archive', () => {
  const tmp = tempDir('timeline');
  let index: ArchiveIndex;
  beforeAll(() => {
    index = ArchiveIndex.open(buildDemoIndexIn(path.join(tmp.dir, 'demo')));
  });
  afterAll(() => {
    index?.close();
    tmp.remove();
  });

  function resultDays(query: string, since?: string, until?: string): string[] {
    const r = search(index, { query, limit: 10_000, offset: 0, collapse: false, today: '2016-06-01', ...(since ? { since } : {}), ...(until ? { until } : {}) });
    return r.hits.map((h) => h.article.date!.slice(0, 10));
  }

  it('counts each search result in the month of its date, over the whole archive', () => {
    const t = queryTimeline(index, { query: 'خامنئي', today: '2016-06-01', calendar: 'gregory' });
    const days = resultDays('خامنئي');
    expect(t.by).toBe('month');
    expect(t.from).toBe(index.manifest.firstDay);
    expect(t.to).toBe(index.manifest.lastDay);
    expect(t.total).toBe(days.length);
    for (const p of t.periods) expect(p.count).toBe(days.filter((d) => d.slice(0, 7) === p.label).length);
    expect(t.periods.some((p) => p.count === 0)).toBe(true);
  });

  it('follows --since/--until for the range and the counts', () => {
    const t = queryTimeline(index, { query: 'إيران', since: '2015-07', until: '2015-07', today: '2016-06-01', calendar: 'gregory', by: 'day' });
    expect(t.periods).toHaveLength(31);
    expect(t.total).toBe(resultDays('إيران', '2015-07', '2015-07').length);
    expect(t.periods.filter((p) => p.count > 0).map((p) => p.label)).toEqual([...new Set(resultDays('إيران', '2015-07', '2015-07'))].sort());
  });

  it('counts Hijri months in the Hijri calendar', () => {
    const t = queryTimeline(index, { query: 'أوبك', today: '2016-06-01', calendar: 'hijri', by: 'month' });
    const days = resultDays('أوبك');
    expect(t.total).toBe(days.length);
    for (const d of days) {
      const h = gregorianToHijri(d);
      const label = `${h.year}-${String(h.month).padStart(2, '0')}`;
      expect(t.periods.find((p) => p.label === label)!.count).toBeGreaterThan(0);
    }
  });
});
