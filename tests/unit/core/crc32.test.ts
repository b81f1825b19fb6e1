import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32, crc32ByTable } from '../../../src/core/crc32';

describe('crc32', () => {
  it('gives the standard check value and zlib-compatible results', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with the table loop on large buffers, where zlib computes it', () => {
    for (const size of [256 * 1024 - 1, 256 * 1024, 700_001]) {
      const data = randomBytes(size);
      expect(crc32(data), String(size)).toBe(crc32ByTable(data));
      data[size >> 1] = data[size >> 1]! ^ 1;
      expect(crc32(data)).toBe(crc32ByTable(data));
    }
  });
});
