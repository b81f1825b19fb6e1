import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverRange } from '../../src/dates/date-buckets';

const DAY_MS = 86_400_000;
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Every day of the range, computed independently of the code under test (UTC arithmetic). */
function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = dayMs(start); t <= dayMs(end); t += DAY_MS) out.push(toDay(t));
  return out;
}

/** The days an index term stands for: a year, a month or a single day. */
function expandTerm(term: string): string[] {
  if (/^\d{4}$/.test(term)) return daysBetween(`${term}-01-01`, `${term}-12-31`);
  if (/^\d{4}-\d{2}$/.test(term)) {
    const [y, m] = term.split('-').map(Number) as [number, number];
    return daysBetween(`${term}-01`, toDay(Date.UTC(y, m, 0)));
  }
  return [term];
}

describe('coverRange examples', () => {
  it.each([
    ['2014-11-07', '2014-11-07', [], [], ['2014-11-07']],
    ['2014-11-01', '2014-11-30', [], ['2014-11'], []],
    ['2014-01-01', '2014-12-31', ['2014'], [], []],
    ['2014-11-01', '2015-02-28', [], ['2014-11', '2014-12', '2015-01', '2015-02'], []],
    ['2016-02-01', '2016-02-28', [], [], daysBetween('2016-02-01', '2016-02-28')],
    ['2016-02-01', '2016-02-29', [], ['2016-02'], []],
    ['2013-12-30', '2016-01-02', ['2014', '2015'], [], ['2013-12-30', '2013-12-31', '2016-01-01', '2016-01-02']],
    [
      '2013-11-30', '2015-02-01',
      ['2014'], ['2013-12', '2015-01'], ['2013-11-30', '2015-02-01'],
    ],
  ])('%s..%s', (start, end, years, months, days) => {
    expect(coverRange(start, end)).toEqual({ years, months, days });
  });

  it('is empty when the range ends before it starts', () => {
    expect(coverRange('2014-11-08', '2014-11-07')).toEqual({ years: [], months: [], days: [] });
  });

  it('rejects malformed days', () => {
    expect(() => coverRange('2014-11-31', '2014-12-01')).toThrow(/invalid range start "2014-11-31"/);
    expect(() => coverRange('2014-11-01', '2014-12')).toThrow(/invalid range end/);
  });
});

describe('coverRange properties', () => {
  const day = fc.integer({ min: dayMs('1990-01-01') / DAY_MS, max: dayMs('2030-12-31') / DAY_MS }).map((n) => toDay(n * DAY_MS));

  it('is exact, disjoint, small and minimal', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const cover = coverRange(start, end);
        const expanded = [...cover.years, ...cover.months, ...cover.days].flatMap(expandTerm);

        // Exact and disjoint: the terms' days, without repeats, are precisely the range.
        expect(new Set(expanded).size).toBe(expanded.length);
        expect(expanded.sort().join(' ')).toBe(daysBetween(start, end).join(' '));

        // Small: at most the ragged edges at each end, plus whole years.
        expect(cover.months.length).toBeLessThanOrEqual(2 * 11);
        expect(cover.days.length).toBeLessThanOrEqual(2 * 30);
        expect(cover.years.length).toBeLessThanOrEqual(Number(end.slice(0, 4)) - Number(start.slice(0, 4)) + 1);

        // Minimal: no year is given as its 12 months, no month as all of its days.
        for (const y of new Set(cover.months.map((m) => m.slice(0, 4)))) {
          expect(cover.months.filter((m) => m.startsWith(y)).length).toBeLessThan(12);
        }
        for (const m of new Set(cover.days.map((d) => d.slice(0, 7)))) {
          expect(cover.days.filter((d) => d.startsWith(m)).length).toBeLessThan(expandTerm(m).length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
