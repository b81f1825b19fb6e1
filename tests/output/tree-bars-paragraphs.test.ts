import { describe, expect, it } from 'vitest';
import { toVisual } from '../../src/output/bidi';
import { renderBars } from '../../src/output/bars';
import { renderArticleText } from '../../src/output/paragraphs';
import type { BidiMode } from '../../src/output/terminal';
import { renderTree, type TreeNode } from '../../src/output/tree';
import { stringWidth } from '../../src/output/width';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';
import { stripSgr } from '../support/output-grid';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('tree-bars-paragraphs.test: `fribidi` is not installed; implicit-terminal model checks skipped');

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
// Visual mode joins Arabic letters (presentation forms, one cell for lam-alef, padded to
// the same width): compared letter by letter, without the padding that moved.
const asLetters = (line: string): string => unshape(line).replace(/^ +| +$/g, '');

const modes: BidiMode[] = ['visual', 'logical', 'off'];

const chain: TreeNode = {
  label: 'خامنئي يخضع لجراحة في البروستاتا',
  meta: ['2014-09-08', '#01'],
  children: [
    {
      label: 'خامنئي يوجه رسالة إلى الشباب في أوروبا وأمريكا الشمالية',
      meta: ['2015-01-21', '#03'],
      children: [{ label: 'خامنئي يشترط رفع العقوبات', meta: ['2015-04-09', '#05'] }],
    },
    { label: 'قصة ليست في الأرشيف', meta: ['not in archive'], muted: true },
  ],
};

describe('renderTree', () => {
  it('hangs connectors on the right in an RTL layout, lines ending at the right edge', () => {
    const out = lines(renderTree(chain, { bidi: 'off', color: false, width: 80 }));
    expect(out).toHaveLength(4);
    for (const line of out) expect(stringWidth(line)).toBe(80);
    expect(out[1]).toMatch(/ ──┤$/);
    expect(out[2]).toMatch(/ ──┘   │$/);
    expect(out[3]).toMatch(/ ──┘$/);
    // meta sits to the left of the label
    expect(out[0]?.indexOf('2014-09-08')).toBeLessThan(out[0]?.indexOf('خامنئي') ?? -1);
  });

  it('uses ordinary connectors on the left for Latin labels', () => {
    const tree: TreeNode = { label: 'root', children: [{ label: 'a', children: [{ label: 'a1' }] }, { label: 'b', meta: ['x'] }] };
    expect(renderTree(tree, { bidi: 'visual', color: false, width: 40 })).toBe('root\n├── a\n│   └── a1\n└── b  x\n');
  });

  it('truncates long labels at their logical end to fit the width', () => {
    const out = lines(renderTree(chain, { bidi: 'off', color: false, width: 50 }));
    for (const line of out) expect(stringWidth(line)).toBeLessThanOrEqual(50);
    expect(out[1]).toContain('…');
  });

  it('reorders labels in visual mode and keeps meta readable', () => {
    const off = lines(renderTree(chain, { bidi: 'off', color: false, width: 80 }));
    const visual = lines(renderTree(chain, { bidi: 'visual', color: false, width: 80 }));
    expect(unshape(visual[0] as string)).toContain(toVisual('خامنئي يخضع لجراحة في البروستاتا'));
    expect(visual[0]).toContain('2014-09-08 · #01');
    visual.forEach((line, i) => expect(stringWidth(line)).toBe(stringWidth(off[i] as string)));
  });

  it('dims meta and muted labels with colour on, and sanitizes labels', () => {
    const tree: TreeNode = { label: 'خبر\x1b]0;pwned\x07 \u202eعاجل', meta: ['2015'], children: [{ label: 'ليس هنا', muted: true }] };
    const out = renderTree(tree, { bidi: 'visual', color: true, width: 60 });
    expect(out).toContain('\x1b[2m2015');
    expect(unshape(out)).toContain(`\x1b[2m${toVisual('ليس هنا')}`);
    expect(stripSgr(out)).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]|pwned/u);
  });

  it.skipIf(!haveFribidi)('in logical mode an implicit-bidi terminal shows the visual tree', () => {
    const logical = lines(renderTree(chain, { bidi: 'logical', color: false, width: 70 }));
    const visual = lines(renderTree(chain, { bidi: 'visual', color: false, width: 70 }));
    expect(fribidiVisual(logical).map(asLetters)).toEqual(visual.map(asLetters));
  });
});

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
});

const article = [
  { kind: 'heading' as const, text: 'رسالة إلى الشباب' },
  {
    kind: 'paragraph' as const,
    text: 'وجه المرشد الأعلى الإيراني علي خامنئي رسالة إلى الشباب في أوروبا وأمريكا الشمالية دعاهم فيها إلى التعرف على الإسلام من مصادره الأصلية (القرآن) عام 2015.',
  },
  { kind: 'paragraph' as const, text: 'An English paragraph for comparison, which wraps as well.' },
];

describe('renderArticleText', () => {
  it('wraps to the width, right-aligns RTL lines and separates blocks by a blank line', () => {
    const out = lines(renderArticleText(article, { bidi: 'off', color: false, width: 50 }));
    const blank = out.indexOf('');
    expect(blank).toBe(1);
    const rtl = out.slice(2, out.lastIndexOf(''));
    expect(rtl.length).toBeGreaterThan(2);
    for (const line of rtl) expect(stringWidth(line)).toBe(50);
    expect(rtl.map((l) => l.trim()).join(' ')).toBe(article[1]?.text);
    const ltr = out.slice(out.lastIndexOf('') + 1);
    expect(ltr[0]?.startsWith('An English')).toBe(true);
    for (const line of ltr) expect(stringWidth(line)).toBeLessThanOrEqual(50);
  });

  it('reorders each wrapped line in visual mode', () => {
    const off = lines(renderArticleText(article, { bidi: 'off', color: false, width: 50 }));
    const visual = lines(renderArticleText(article, { bidi: 'visual', color: false, width: 50 }));
    const ltrStart = off.lastIndexOf('') + 1; // the English paragraph comes last
    off.forEach((line, i) => {
      const trimmed = line.trimStart();
      const rtl = i < ltrStart;
      expect(asLetters(visual[i] as string)).toBe(asLetters(rtl ? line.slice(0, line.length - trimmed.length) + toVisual(trimmed, 'rtl') : line));
    });
  });

  it('bolds headings only with colour', () => {
    expect(renderArticleText(article, { bidi: 'visual', color: true, width: 60 })).toContain('\x1b[1m');
    expect(renderArticleText(article, { bidi: 'visual', color: false, width: 60 })).not.toContain('\x1b');
  });

  it('sanitizes the text', () => {
    const out = renderArticleText([{ kind: 'paragraph', text: 'نص\x1b[2J\x1b]52;c;eA==\x07 آمن\u202e' }], { bidi: 'logical', color: false, width: 40 });
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]|eA==/u);
  });

  it.skipIf(!haveFribidi)('in logical mode an implicit-bidi terminal shows the visual text', () => {
    const logical = lines(renderArticleText(article, { bidi: 'logical', color: false, width: 50 }));
    const visual = lines(renderArticleText(article, { bidi: 'visual', color: false, width: 50 }));
    expect(fribidiVisual(logical).map(asLetters)).toEqual(visual.map(asLetters));
  });
});
