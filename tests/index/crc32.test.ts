import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useCodecKernel } from '../../src/index/codec';
import { crc32, crc32ByTable } from '../../src/index/crc32';
import { zlib, zlibIfLoaded } from '../../src/index/zlib';

describe('crc32', () => {
  it('gives the standard check value and zlib-compatible results', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with the table loop at every size the fast paths take (the module, or zlib once loaded)', () => {
    for (const size of [255, 256, 256 * 1024 - 1, 256 * 1024, 700_001]) {
      const data = randomBytes(size);
      expect(crc32(data), String(size)).toBe(crc32ByTable(data));
      data[size >> 1] = data[size >> 1]! ^ 1;
      expect(crc32(data)).toBe(crc32ByTable(data));
    }
  });

  it('gives the same CRC by each way: the loop, the module, node without the module, zlib once loaded', () => {
    const data = randomBytes(300_000);
    const want = crc32ByTable(data);
    expect(zlibIfLoaded()).toBeNull();
    expect(crc32(data)).toBe(want); // the module
    useCodecKernel(false);
    try {
      expect(crc32(data.subarray(0, 4096))).toBe(crc32ByTable(data.subarray(0, 4096))); // the loop
      expect(crc32(data)).toBe(want); // zlib, loaded for a large buffer
    } finally {
      useCodecKernel(true);
    }
    expect(zlibIfLoaded()).toBe(zlib());
    expect(crc32(data)).toBe(want); // zlib, already loaded
  });
});
