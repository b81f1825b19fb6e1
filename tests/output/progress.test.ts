// The import progress bar: sizes in a unit that fits the archive, and the articles read.

import { describe, expect, it } from 'vitest';
import { ProgressBar, byteSpan } from '../../src/output/progress';
import { CapturedStream } from '../support/cli';

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
});
