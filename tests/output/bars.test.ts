import { describe, expect, it } from 'vitest';
import { renderBars } from '../../src/output/bars';
import type { BidiMode } from '../../src/output/terminal';
import { stringWidth } from '../../src/output/width';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('bars.test: `fribidi` is not installed; implicit-terminal model checks skipped');

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
// Visual mode joins Arabic letters (presentation forms, one cell for lam-alef, padded to
// the same width): compared letter by letter, without the padding that moved.
const asLetters = (line: string): string => unshape(line).replace(/^ +| +$/g, '');

const modes: BidiMode[] = ['visual', 'logical', 'off'];

const months = [
  { label: 'يناير 2015', count: 12 },
  { label: 'فبراير 2015', count: 3 },
  { label: 'مارس 2015', count: 0 },
  { label: 'أبريل 2015', count: 7 },
];

describe('renderBars', () => {
  for (const bidi of modes) {
    it(`gives the widest bar all the room and keeps zero rows (${bidi})`, () => {
      const out = lines(renderBars(months, { bidi, color: false, width: 60 }));
      expect(out).toHaveLength(4);
      expect(stringWidth(out[0] as string)).toBe(60);
      for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(60);
      expect(out[2]).toMatch(/(^|\s)0\s/);
      expect(out[2]).not.toMatch(/[█▌▐]/);
    });
  }

  it('draws bars in proportion to the counts', () => {
    const out = lines(renderBars(months, { bidi: 'off', color: false, width: 60 }));
    const len = (l: string): number => (l.match(/█/g)?.length ?? 0) + (/[▌▐]/.test(l) ? 0.5 : 0);
    const [a, b, , d] = out.map(len) as [number, number, number, number];
    expect(b / a).toBeCloseTo(3 / 12, 1);
    expect(d / a).toBeCloseTo(7 / 12, 1);
  });

  it('mirrors the chart for RTL labels: label on the right, bar growing leftwards', () => {
    const out = lines(renderBars(months, { bidi: 'off', color: false, width: 60 }));
    expect(out[0]).toMatch(/^12 █+ +يناير 2015$/);
    expect(out[1]).toMatch(/^ +3 ▐█+ +فبراير 2015$/);
  });

  it('keeps the ordinary orientation for LTR labels', () => {
    const out = lines(renderBars([{ label: '2015-01', count: 4 }, { label: '2015-02', count: 1 }], { bidi: 'visual', color: false, width: 30 }));
    expect(out[0]).toMatch(/^2015-01 █+ 4$/);
    expect(stringWidth(out[0] as string)).toBe(30);
    expect(out[1]).toMatch(/^2015-02 █+▌? 1$/);
  });

  it('colours bars only when asked', () => {
    expect(renderBars(months, { bidi: 'visual', color: false, width: 40 })).not.toContain('\x1b');
    expect(renderBars(months, { bidi: 'visual', color: true, width: 40 })).toContain('\x1b[36m');
  });

  it.skipIf(!haveFribidi)('in logical mode an implicit-bidi terminal shows the visual chart', () => {
    const logical = lines(renderBars(months, { bidi: 'logical', color: false, width: 50 }));
    const visual = lines(renderBars(months, { bidi: 'visual', color: false, width: 50 }));
    expect(fribidiVisual(logical).map(asLetters)).toEqual(visual.map(asLetters));
  });

  it('draws nothing for no rows', () => {
    expect(renderBars([], { bidi: 'visual', color: false, width: 40 })).toBe('');
  });

  it('draws no bar for negative or non-finite counts, and keeps the row', () => {
    const out = lines(renderBars([{ label: 'a', count: 4 }, { label: 'b', count: -3 }, { label: 'c', count: Number.NaN }], { bidi: 'off', color: false, width: 30 }));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/█/);
    expect(out[1]).not.toMatch(/[█▌▐]/);
    expect(out[1]).toMatch(/ -3$/);
    expect(out[2]).not.toMatch(/[█▌▐]/);
  });

  it('follows a forced direction whatever the labels', () => {
    const out = lines(renderBars(months, { bidi: 'off', color: false, width: 60, direction: 'ltr' }));
    expect(out[0]).toMatch(/^ *يناير 2015 █+ 12$/);
  });
});
