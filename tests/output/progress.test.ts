import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TextStream } from '../../src/cli/context';
import { ProgressBar } from '../../src/output/progress';

function stream(isTTY: boolean, columns = 80): TextStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { chunks, isTTY, columns, write: (c: string) => chunks.push(c) };
}

// The bar redraws at most every 100 ms of Date.now(); the clock is set by hand.
let clock = 1_000_000;
const at = (ms: number): void => void (clock = ms);
vi.spyOn(Date, 'now').mockImplementation(() => clock);
afterEach(() => at(1_000_000));

describe('ProgressBar', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const s = stream(false);
    const bar = new ProgressBar(s);
    bar.setPhase('reading');
    bar.update(5, 10);
    bar.clear();
    expect(s.chunks).toEqual([]);
  });

  it('draws phase, bar, percentage and megabytes on one line redrawn in place', () => {
    const s = stream(true, 60);
    const bar = new ProgressBar(s);
    bar.setPhase('indexing');
    bar.update(1048576, 4 * 1048576);
    expect(s.chunks).toHaveLength(1);
    // 20 cells wide at 60 columns, a quarter of them filled
    expect(s.chunks[0]).toBe(`\r\x1b[2Kindexing  [${'#'.repeat(5)}${'.'.repeat(15)}]  25%  1.0/4.0 MB`);
  });

  it('redraws at most ten times a second, but always at the end', () => {
    const s = stream(true);
    const bar = new ProgressBar(s);
    bar.update(1, 10);
    at(1_000_050);
    bar.update(2, 10);
    expect(s.chunks).toHaveLength(1);
    bar.update(10, 10);
    expect(s.chunks).toHaveLength(2);
    at(1_000_200);
    bar.update(3, 10);
    expect(s.chunks).toHaveLength(3);
  });

  it('caps the ratio at 100% and ignores an unknown total', () => {
    const s = stream(true);
    const bar = new ProgressBar(s);
    bar.update(5, 0);
    expect(s.chunks).toEqual([]);
    bar.update(20, 10);
    expect(s.chunks[0]).toMatch(/\[#+\] 100%/);
  });

  it('clears the line only after drawing, and once', () => {
    const s = stream(true);
    const bar = new ProgressBar(s);
    bar.clear();
    expect(s.chunks).toEqual([]);
    bar.update(1, 2);
    bar.clear();
    bar.clear();
    expect(s.chunks.slice(1)).toEqual(['\r\x1b[2K']);
  });

  it('keeps the bar between 10 and 40 cells whatever the width', () => {
    for (const [columns, cells] of [[20, 10], [200, 40]] as const) {
      const s = stream(true, columns);
      new ProgressBar(s).update(0, 1);
      expect(s.chunks[0]).toMatch(new RegExp(`\\[\\.{${cells}}\\]`));
    }
  });

  it('can be forced on for a stream that is not a terminal', () => {
    const s = stream(false);
    new ProgressBar(s, true).update(1, 2);
    expect(s.chunks).toHaveLength(1);
  });
});
