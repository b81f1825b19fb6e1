/**
 * Range queries over the date index. Each article is indexed under three terms — its year ('2014'),
 * month ('2014-11') and day ('2014-11-07') — so any inclusive day range can be answered by OR-ing a
 * handful of terms: whole years where the range spans them, whole months at the ragged year edges,
 * single days at the ragged month edges.
 */
import { addDaysTo, formatYmd, lastDayOfMonth, requireDay } from './calendar-day';

/** Index terms whose union is exactly a day range. */
export interface DateCover {
  years: string[];
  months: string[];
  days: string[];
}

/**
 * The minimal cover of the inclusive range [start, end] by whole years, whole months and single days.
 * An empty cover when end < start; throws a RangeError on a malformed day.
 */
export function coverRange(start: string, end: string): DateCover {
  requireDay(start, 'range start');
  requireDay(end, 'range end');
  const cover: DateCover = { years: [], months: [], days: [] };
  let cursor = start;
  // Greedy from the left is minimal because the units nest: a year is only ever replaced by its
  // 12 months, a month only by its days, so taking the largest aligned unit that fits never hurts.
  while (cursor <= end) {
    const { year, month, day } = requireDay(cursor);
    if (month === 1 && day === 1 && formatYmd(year, 12, 31) <= end) {
      cover.years.push(String(year).padStart(4, '0'));
      cursor = formatYmd(year + 1, 1, 1);
    } else if (day === 1 && lastDayOfMonth(year, month) <= end) {
      cover.months.push(cursor.slice(0, 7));
      cursor = month === 12 ? formatYmd(year + 1, 1, 1) : formatYmd(year, month + 1, 1);
    } else {
      cover.days.push(cursor);
      cursor = addDaysTo(cursor, 1);
    }
  }
  return cover;
}
