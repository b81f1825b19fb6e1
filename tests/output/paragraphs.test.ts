import { describe, expect, it } from 'vitest';
import { toVisual } from '../../src/output/bidi';
import { renderArticleText } from '../../src/output/paragraphs';
import { stringWidth } from '../../src/output/width';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('paragraphs.test: `fribidi` is not installed; implicit-terminal model checks skipped');

const lines = (out: string): string[] => out.replace(/\n$/, '').split('\n');
// Visual mode joins Arabic letters (presentation forms, one cell for lam-alef, padded to
// the same width): compared letter by letter, without the padding that moved.
const asLetters = (line: string): string => unshape(line).replace(/^ +| +$/g, '');

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

  it('skips blocks that are empty after sanitizing, and writes nothing when all are', () => {
    expect(renderArticleText([{ kind: 'paragraph', text: ' \x1b[2J ' }, { kind: 'heading', text: '' }], { bidi: 'off', color: false, width: 40 })).toBe('');
    const out = lines(renderArticleText([{ kind: 'paragraph', text: 'one' }, { kind: 'paragraph', text: '\x07' }, { kind: 'paragraph', text: 'two' }], { bidi: 'off', color: false, width: 40 }));
    expect(out).toEqual(['one', '', 'two']);
  });
});
