import { describe, expect, it } from 'vitest';
import { toVisual } from '../../src/output/bidi';
import { renderTree, type TreeNode } from '../../src/output/tree';
import { stringWidth } from '../../src/output/width';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';
import { stripSgr } from '../support/output-grid';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('tree.test: `fribidi` is not installed; implicit-terminal model checks skipped');

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
// Visual mode joins Arabic letters (presentation forms, one cell for lam-alef, padded to
// the same width): compared letter by letter, without the padding that moved.
const asLetters = (line: string): string => unshape(line).replace(/^ +| +$/g, '');

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

  it('follows a forced left-to-right direction for Arabic labels', () => {
    const out = lines(renderTree(chain, { bidi: 'off', color: false, width: 80, direction: 'ltr' }));
    expect(out[1]?.startsWith('├── ')).toBe(true);
    expect(out[2]?.startsWith('│   └── ')).toBe(true);
    expect(out[3]?.startsWith('└── ')).toBe(true);
  });
});
