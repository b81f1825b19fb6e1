import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enableTrace, mark, traceLines } from '../../src/util/trace';

describe('trace marks', () => {
  it('record nothing until enabled, then each phase with its time and, on Linux, the page faults it took', () => {
    mark('before');
    expect(traceLines()).toEqual([]);
    enableTrace();
    mark('first');
    // A phase that touches 8 MB of fresh memory takes page faults (fewer with huge pages).
    new Uint8Array(8 << 20).fill(1);
    mark('second');
    const [first, second, ...rest] = traceLines();
    expect(rest).toEqual([]);
    expect(first).toMatch(/^first +\+ *\d+\.\d ms  \(at +\d+\.\d ms\)/);
    if (!existsSync('/proc/self/stat')) return;
    expect(first).toMatch(/ \d+ faults$/);
    const faults = Number(/\+(\d+) faults$/.exec(second!)?.[1]);
    expect(faults).toBeGreaterThan(0);
  });
});
