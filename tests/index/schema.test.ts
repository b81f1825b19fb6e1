import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_ID, LENGTH_COLUMNS, NO_TIME, POSITIONAL, dateTerms, dayNumber, dayString, lengthColumn, timeOf } from '../../src/index/schema';

describe('fields', () => {
  it('numbers fields by their place in FIELDS', () => {
    FIELDS.forEach((f, i) => expect(FIELD_ID[f]).toBe(i));
    expect([...POSITIONAL].map((id) => FIELDS[id])).toEqual(['title', 'body']);
  });

  it('gives a stem field the length column of its exact field, and none to the duplicate keys', () => {
    expect(lengthColumn(FIELD_ID.title_stem)).toBe(lengthColumn(FIELD_ID.title));
    expect(lengthColumn(FIELD_ID.body_stem)).toBe(lengthColumn(FIELD_ID.body));
    expect(lengthColumn(FIELD_ID.dup)).toBe(-1);
    expect(lengthColumn(FIELDS.length)).toBe(-1);
    for (const f of ['title', 'body', 'tags', 'source', 'author', 'date'] as const) expect(LENGTH_COLUMNS[lengthColumn(FIELD_ID[f])]).toBe(f);
  });
});

describe('days', () => {
  it('number days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayString(16_456)).toBe('2015-01-21');
  });

  it('turn a day number into its day and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(dayNumber(dayString(n))).toBe(n);
      }),
    );
  });

  it('give the year, month and day terms of a day, and none for anything else', () => {
    expect(dateTerms('2015-01-21')).toEqual(['y2015', 'm2015-01', 'd2015-01-21']);
    expect(dateTerms('2015-01')).toEqual([]);
    expect(dateTerms('2015-01-21T10:00')).toEqual([]);
  });

  it('sort times by day and minute, undated articles apart', () => {
    expect(timeOf(1, 0)).toBe(1440);
    expect(timeOf(1, 5)).toBeGreaterThan(timeOf(1, 4));
    expect(timeOf(2, 0)).toBeGreaterThan(timeOf(1, 1439));
    expect(timeOf(3, null)).toBe(timeOf(3, 0));
    expect(timeOf(null, 10)).toBe(NO_TIME);
    expect(NO_TIME).toBeLessThan(timeOf(-100_000, 0));
  });
});
