// The import progress bar: sizes in a unit that fits the archive, and the articles read.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TextStream } from '../../src/cli/context';
import { ProgressBar, byteSpan } from '../../src/output/progress';
import { CapturedStream } from '../support/cli';

function stream(isTTY: boolean, columns = 80): TextStream & { chunks: string[] } {
  const chunks: string[] = [];
  return { chunks, isTTY, columns, write: (c: string) => chunks.push(c) };
}

// The bar redraws at most every 100 ms of Date.now(); the clock is set by hand.
let clock = 1_000_000;
const at = (ms: number): void => void (clock = ms);
vi.spyOn(Date, 'now').mockImplementation(() => clock);
afterEach(() => at(1_000_000));

describe('byteSpan', () => {
  it('uses the unit that suits the total, so a small archive is not 0.0/0.0 MB', () => {
    expect(byteSpan(0, 900)).toBe('0/900 bytes');
    expect(byteSpan(20_480, 61_440)).toBe('20.0/60.0 KB');
    expect(byteSpan(1_572_864, 3_145_728)).toBe('1.5/3.0 MB');
    expect(byteSpan(1024 ** 3, 2 * 1024 ** 3)).toBe('1.0/2.0 GB');
  });
});

describe('ProgressBar', () => {
  it('shows the share read, the articles read so far and the bytes', () => {
    const stream = new CapturedStream(true, 100);
    const bar = new ProgressBar(stream);
    bar.setPhase('reading');
    bar.update(30_720, 61_440, 1234);
    expect(stream.text).toMatch(/^\r\u001b\[2Kreading +\[#+\.+\]  50%  1,234 articles  30\.0\/60\.0 KB$/);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const stream = new CapturedStream(false, undefined);
    new ProgressBar(stream).update(1, 2, 1);
    expect(stream.text).toBe('');
  });

  it('draws a bar a quarter filled for a quarter read, one article in the singular', () => {
    const s = stream(true, 70);
    const bar = new ProgressBar(s);
    bar.setPhase('indexing');
    bar.update(1048576, 4 * 1048576, 1);
    expect(s.chunks).toHaveLength(1);
    // 20 cells wide at 70 columns, a quarter of them filled
    expect(s.chunks[0]).toBe(`\r\x1b[2Kindexing  [${'#'.repeat(5)}${'.'.repeat(15)}]  25%  1 article  1.0/4.0 MB`);
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
