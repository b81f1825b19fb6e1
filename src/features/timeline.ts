// Attention over time: how many matching articles fall in each day, week or month, with
// every period between the first and the last present, so a quiet period shows as a zero
// instead of vanishing from the chart. Months follow the calendar the dates are shown in:
// with the Hijri calendar a period is an Umm al-Qura month, not a Gregorian one.

import { formatDay } from '../dates/date-format';
import { GREGORIAN_SUPPORTED_DAYS, gregorianToHijri, hijriMonthRange } from '../dates/hijri';
import { dayNumber, dayString } from '../index/format';
import type { ArchiveIndex } from '../index/reader';
import type { ArchiveEngine } from '../engine/engine';
import { compileQuery } from '../search/plan';
import { dayBounds, matchingDocs, planContext } from '../search/search';

/** Period length of a timeline. */
export type Granularity = 'day' | 'week' | 'month';

/** Calendar of period boundaries and labels. */
export type TimelineCalendar = 'gregory' | 'hijri';

/** Accepted --by values. */
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** One period: its label, its first and last day (clipped to the timeline's range) and its count. */
export interface Period {
  label: string;
  start: string;
  end: string;
  count: number;
}

/** Counts per period over an inclusive range of days. */
export interface Timeline {
  by: Granularity;
  calendar: TimelineCalendar;
  /** First and last day covered (null when there is nothing to cover). */
  from: string | null;
  to: string | null;
  periods: Period[];
  /** Articles counted in the periods. */
  total: number;
  /** Matching articles without a date (in no period). */
  undated: number;
}

// 1970-01-01 was a Thursday.
const THURSDAY = 4;

/** The first day of the week holding day number `n`; weeks start on Sunday, as in Saudi Arabia (and `this-week`). */
export function weekStart(n: number): number {
  return n - ((((n + THURSDAY) % 7) + 7) % 7);
}

function dayLabel(day: string, calendar: TimelineCalendar): string {
  return calendar === 'hijri' ? formatDay(day, 'hijri', 'iso') : day;
}

/** The period holding a day: its label and its first and last day (day numbers). */
export function periodOf(n: number, by: Granularity, calendar: TimelineCalendar): { label: string; start: number; end: number } {
  const day = dayString(n);
  switch (by) {
    case 'day':
      return { label: dayLabel(day, calendar), start: n, end: n };
    case 'week': {
      const start = weekStart(n);
      return { label: dayLabel(dayString(start), calendar), start, end: start + 6 };
    }
    case 'month': {
      if (calendar === 'hijri') {
        const h = gregorianToHijri(day);
        const r = hijriMonthRange(h.year, h.month);
        return { label: `${h.year}-${String(h.month).padStart(2, '0')}`, start: dayNumber(r.start), end: dayNumber(r.end) };
      }
      const first = `${day.slice(0, 7)}-01`;
      const start = dayNumber(first);
      const y = Number(day.slice(0, 4));
      const m = Number(day.slice(5, 7));
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      return { label: day.slice(0, 7), start, end: dayNumber(next) - 1 };
    }
  }
}

/** The granularity that keeps a range readable: days up to two months, weeks up to about seven, months beyond. */
export function chooseGranularity(from: string, to: string): Granularity {
  const span = dayNumber(to) - dayNumber(from) + 1;
  if (span <= 62) return 'day';
  if (span <= 210) return 'week';
  return 'month';
}

/** What to count and how. */
export interface TimelineOptions {
  /** Granularity; chosen from the range's length when absent. */
  by?: Granularity;
  calendar: TimelineCalendar;
  /** Range to cover; defaults to the first and last dated day among `days`. */
  from?: string | null;
  to?: string | null;
}

/** Counts days (day numbers, null for undated) per period, every period of the range present. */
export function buildTimeline(days: Iterable<number | null>, opts: TimelineOptions): Timeline {
  return timelineOfCounts(
    (function* () {
      for (const d of days) yield [d, 1] as [number | null, number];
    })(),
    opts,
  );
}

/** As buildTimeline, from articles counted per day (a day may come more than once). */
export function timelineOfCounts(counted: Iterable<[number | null, number]>, opts: TimelineOptions): Timeline {
  const perDay = new Map<number, number>();
  let undated = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [d, n] of counted) {
    if (d === null) {
      undated += n;
      continue;
    }
    perDay.set(d, (perDay.get(d) ?? 0) + n);
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const fromDay = opts.from ?? (Number.isFinite(lo) ? dayString(lo) : null);
  const toDay = opts.to ?? (Number.isFinite(hi) ? dayString(hi) : null);
  const by = opts.by ?? (fromDay && toDay && fromDay <= toDay ? chooseGranularity(fromDay, toDay) : 'month');
  const result: Timeline = { by, calendar: opts.calendar, from: fromDay, to: toDay, periods: [], total: 0, undated };
  if (!fromDay || !toDay || fromDay > toDay) return result;
  if (opts.calendar === 'hijri' && (fromDay < GREGORIAN_SUPPORTED_DAYS.first || toDay > GREGORIAN_SUPPORTED_DAYS.last)) {
    throw new RangeError(
      `the Hijri calendar covers ${GREGORIAN_SUPPORTED_DAYS.first} … ${GREGORIAN_SUPPORTED_DAYS.last}; the timeline spans ${fromDay} … ${toDay}`,
    );
  }
  const from = dayNumber(fromDay);
  const to = dayNumber(toDay);
  const counts = new Map<number, number>();
  for (const [d, n] of perDay) {
    if (d < from || d > to) continue;
    const start = periodOf(d, by, opts.calendar).start;
    counts.set(start, (counts.get(start) ?? 0) + n);
  }
  for (let cursor = from; cursor <= to; ) {
    const p = periodOf(cursor, by, opts.calendar);
    const count = counts.get(p.start) ?? 0;
    result.periods.push({ label: p.label, start: dayString(Math.max(p.start, from)), end: dayString(Math.min(p.end, to)), count });
    result.total += count;
    cursor = p.end + 1;
  }
  return result;
}

/** Search parameters of a timeline. */
export interface TimelineRequest {
  query: string;
  since?: string;
  until?: string;
  /** The archive's local day today (for relative dates). */
  today: string;
  by?: Granularity;
  calendar: TimelineCalendar;
}

/**
 * The timeline of a search query. The range is --since/--until where given, else the
 * archive's own first and last day, so periods before the first match show as zeros too.
 * Throws QuerySyntaxError or DateLimitError like search.
 */
export function queryTimeline(index: ArchiveIndex, req: TimelineRequest): Timeline {
  const planned = compileQuery(req.query, planContext(index, req.today));
  const docs = matchingDocs(index, planned, { since: req.since, until: req.until, today: req.today });
  const bounds = dayBounds(req.since, req.until, req.today);
  const from = bounds.from !== null ? dayString(bounds.from) : index.manifest.firstDay;
  const to = bounds.to !== null ? dayString(bounds.to) : index.manifest.lastDay;
  return buildTimeline(
    Array.from(docs, (doc) => index.day(doc)),
    { calendar: req.calendar, from, to, ...(req.by ? { by: req.by } : {}) },
  );
}

/**
 * The timeline of a search query on any engine (the command's path): the engine counts the
 * matching articles per day, and the range is --since/--until, else the archive's first and
 * last day, as queryTimeline. Also returns the nodes that did not answer (a partial answer).
 */
export function engineTimeline(engine: ArchiveEngine, req: TimelineRequest): Timeline & { missing: string[] } {
  const context = engine.planContext(req.today);
  const planned = compileQuery(req.query, context);
  const { counts, missing } = engine.dayCounts(planned, { since: req.since, until: req.until, today: req.today });
  const bounds = dayBounds(req.since, req.until, req.today);
  const from = bounds.from !== null ? dayString(bounds.from) : context.firstDay;
  const to = bounds.to !== null ? dayString(bounds.to) : context.lastDay;
  return { ...timelineOfCounts(counts, { calendar: req.calendar, from, to, ...(req.by ? { by: req.by } : {}) }), missing };
}
