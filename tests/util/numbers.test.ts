import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/util/numbers';

describe('groupDigits', () => {
  it('puts a comma between groups of three digits', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(31021)).toBe('31,021');
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(-48000)).toBe('-48,000');
  });

  it('writes every safe integer as en-US formatting does', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }));
  });
});
