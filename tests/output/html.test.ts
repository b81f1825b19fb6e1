// The page builder of --format html: escaping, the page's frame, the chart's axes and bars.

import { describe, expect, it } from 'vitest';
import { axisTicks, escapeHtml, htmlPage, timelineSvg } from '../../src/output/html';
import type { Timeline } from '../../src/features/timeline';

describe('escapeHtml', () => {
  it('escapes markup and quotes, and drops control characters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('a\u001b[31mb\u0007')).toBe('a[31mb');
    expect(escapeHtml('سطر\nآخر')).toBe('سطر\nآخر');
  });
});

describe('htmlPage', () => {
  it('is one right-to-left Arabic document that may load nothing', () => {
    const page = htmlPage('عنوان <b>', '<p>نص</p>', 'ar');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).toContain('<title>عنوان &lt;b&gt;</title>');
    expect(page).not.toMatch(/<(script|link|img)\b|https?:/);
  });
});

describe('axisTicks', () => {
  it('steps of 1, 2 or 5 times a power of ten from 0 up to at least the maximum', () => {
    expect(axisTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(0)).toEqual([0]);
    expect(axisTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(axisTicks(1234)).toEqual([0, 500, 1000, 1500]);
    for (const max of [1, 7, 99, 100, 101, 5000, 123457]) {
      const ticks = axisTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });
});

describe('timelineSvg', () => {
  const timeline: Timeline = {
    by: 'month',
    calendar: 'gregory',
    from: '2015-01-01',
    to: '2015-04-30',
    total: 9,
    undated: 0,
    periods: [
      { label: '2015-01', start: '2015-01-01', end: '2015-01-31', count: 3 },
      { label: '2015-02', start: '2015-02-01', end: '2015-02-28', count: 0 },
      { label: '2015-03', start: '2015-03-01', end: '2015-03-31', count: 6 },
      { label: '2015-04', start: '2015-04-01', end: '2015-04-30', count: 0 },
    ],
  };

  it('draws a bar per period, as high as its count, with named axes', () => {
    const svg = timelineSvg(timeline, 'en', 'x');
    const bars = [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"><title>([^<]*)<\/title>/g)];
    expect(bars.map((b) => b[3])).toEqual(['2015-01: 3', '2015-02: 0', '2015-03: 6', '2015-04: 0']);
    const heights = bars.map((b) => Number(b[2]));
    expect(heights[2]).toBeCloseTo(heights[0]! * 2, 0);
    expect(heights[1]).toBe(0);
    expect(svg).toContain('>month</text>');
    expect(svg).toContain('>articles</text>');
    expect(svg).toContain('>2015-01</text>');
    expect(svg).toContain('>6</text>');
  });

  it('names the axes in Arabic with --lang ar', () => {
    const svg = timelineSvg({ ...timeline, by: 'week' }, 'ar', 'x');
    expect(svg).toContain('>الأسبوع (من الأحد)</text>');
    expect(svg).toContain('>المقالات</text>');
  });
});
