import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayString } from '../../src/index/format';

const byDate = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe('dayString', () => {
  it('gives the ISO day of every day from 1900 to 2100, and dayNumber takes it back', () => {
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2100-12-31'); n++) {
      const day = dayString(n);
      if (day !== byDate(n)) expect(day, String(n)).toBe(byDate(n));
      if (dayNumber(day) !== n) expect(dayNumber(day)).toBe(n);
    }
  });

  it('agrees with Date on any day of years 0 to 9999 and at the edges of its own arithmetic', () => {
    fc.assert(fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (n) => dayString(n) === byDate(n)), { numRuns: 20_000 });
    for (const n of [-719_528, -719_469, -719_468, -719_467, -1, 0, 1, 11_016, 11_017, 2_932_896]) expect(dayString(n), String(n)).toBe(byDate(n));
  });
});
