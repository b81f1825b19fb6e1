import { afterEach, describe, expect, it } from 'vitest';
import {
  addDaysTo,
  addMonthsTo,
  addYearsTo,
  daysInMonth,
  isValidYmd,
  lastDayOfMonth,
  parseDay,
  startOfWeekOf,
  weekdayOf,
} from '../../src/dates/calendar-day';

describe('calendar-day', () => {
  it.each([
    ['2014-11-07', { year: 2014, month: 11, day: 7 }],
    ['2016-02-29', { year: 2016, month: 2, day: 29 }],
    ['2015-02-29', null],
    ['2014-11-7', null],
    ['2014-13-01', null],
    ['x', null],
  ])('parseDay(%s)', (input, expected) => {
    expect(parseDay(input)).toEqual(expected);
  });

  it('knows month lengths', () => {
    expect([daysInMonth(2015, 2), daysInMonth(2016, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([28, 29, 28, 29]);
    expect(lastDayOfMonth(2014, 11)).toBe('2014-11-30');
    expect(isValidYmd(2014, 4, 31)).toBe(false);
  });

  it('does calendar arithmetic with clamping', () => {
    expect(addDaysTo('2014-12-31', 1)).toBe('2015-01-01');
    expect(addDaysTo('2016-03-01', -1)).toBe('2016-02-29');
    expect(addMonthsTo('2015-03-31', -1)).toBe('2015-02-28');
    expect(addYearsTo('2016-02-29', 1)).toBe('2017-02-28');
    expect(weekdayOf('2014-11-07')).toBe(5);
    expect(startOfWeekOf('2014-11-07', 0)).toBe('2014-11-02');
    expect(startOfWeekOf('2014-11-07', 6)).toBe('2014-11-01');
  });

  describe('in a time zone whose DST starts at midnight', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('still steps over the missing midnight one calendar day at a time', () => {
      // Brazil moved clocks from 00:00 to 01:00 on 2014-10-19, so local midnight did not exist that day.
      process.env.TZ = 'America/Sao_Paulo';
      expect(addDaysTo('2014-10-18', 1)).toBe('2014-10-19');
      expect(addDaysTo('2014-10-19', 1)).toBe('2014-10-20');
      expect(addDaysTo('2014-10-20', -2)).toBe('2014-10-18');
      expect(weekdayOf('2014-10-19')).toBe(0);
    });
  });
});
