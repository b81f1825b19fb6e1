import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FSI,
  LRI,
  LRM,
  PDI,
  RLI,
  RLM,
  fittingLines,
  layoutText,
  pad,
  palette,
  renderPiece,
  renderSizedPiece,
  sliceStyled,
  styledFromCell,
  textDirection,
  type Span,
  type StyledText,
} from '../../src/output/line';
import { stringWidth } from '../../src/output/width';

const plain = (text: string): StyledText => ({ text, marks: new Array<boolean>(text.length).fill(false) });
const brackets = (s: string): string => `[${s}]`;

// Cell text with Arabic, Latin, digits, spaces of several kinds and a few control characters.
const cellText = fc
  .array(fc.constantFrom('خبر', 'عاجل', 'OPEC', '2015', ' ', '  ', '\t', '\n', '\u00a0', '\x1b[31m', '\u202e', 'é', '«', '»', 'لا'), { maxLength: 12 })
  .map((parts) => parts.join(''));
const spans = fc.array(fc.record({ text: cellText, mark: fc.boolean() }), { maxLength: 4 });

describe('styledFromCell', () => {
  it('collapses whitespace runs into one space and trims the ends', () => {
    expect(styledFromCell('  a \t\n b  ').text).toBe('a b');
    expect(styledFromCell(null).text).toBe('');
    expect(styledFromCell(undefined)).toEqual({ text: '', marks: [] });
  });

  it('carries the marks of spans through, spaces between words unmarked', () => {
    const s = styledFromCell([{ text: 'ab ' }, { text: ' cd', mark: true }, { text: 'e' }]);
    expect(s.text).toBe('ab cde');
    expect(s.marks).toEqual([false, false, false, true, true, false]);
  });

  it('marks both UTF-16 units of a character outside the BMP', () => {
    const s = styledFromCell([{ text: '𝔸', mark: true }]);
    expect(s.marks).toEqual([true, true]);
  });

  it('always yields sanitized single-line text with one flag per UTF-16 unit', () => {
    fc.assert(
      fc.property(spans, (cell: Span[]) => {
        const s = styledFromCell(cell);
        expect(s.marks).toHaveLength(s.text.length);
        expect(s.text).not.toMatch(/^\s|\s$|\s\s|[\t\n\x1b\u202e]/u);
      }),
    );
  });
});

describe('sliceStyled', () => {
  it('keeps the marks aligned with the text', () => {
    const s = styledFromCell([{ text: 'ab' }, { text: 'cd', mark: true }]);
    expect(sliceStyled(s, 1, 3)).toEqual({ text: 'bc', marks: [false, true] });
  });
});

describe('layoutText', () => {
  it('wraps into lines that fit and hold every word', () => {
    fc.assert(
      fc.property(cellText, fc.integer({ min: 1, max: 20 }), (raw, width) => {
        const s = styledFromCell(raw);
        const lines = layoutText(s, width, true);
        for (const line of lines) {
          expect(stringWidth(line.text.text)).toBeLessThanOrEqual(width);
          expect(line.text.marks).toHaveLength(line.text.text.length);
          expect(line.truncated).toBe(false);
        }
        expect(lines.map((l) => l.text.text).join('').replace(/ /g, '')).toBe(s.text.replace(/ /g, ''));
      }),
    );
  });

  it('truncates at the logical end with an ellipsis that is never marked', () => {
    const s = styledFromCell([{ text: 'abcdef', mark: true }]);
    const [line] = layoutText(s, 4, false);
    expect(line?.text.text).toBe('abc…');
    expect(line?.text.marks).toEqual([true, true, true, false]);
    expect(line?.truncated).toBe(true);
  });

  it('keeps text that fits untouched', () => {
    const s = plain('abcd');
    expect(layoutText(s, 4, false)).toEqual([{ text: s, truncated: false }]);
  });

  it('gives an empty line when not even the ellipsis fits', () => {
    expect(layoutText(plain('abcdef'), 1, false, '...')).toEqual([{ text: { text: '', marks: [] }, truncated: false }]);
  });

  it('never exceeds the width when truncating', () => {
    fc.assert(
      fc.property(cellText, fc.integer({ min: 1, max: 20 }), (raw, width) => {
        const [line] = layoutText(styledFromCell(raw), width, false);
        expect(stringWidth(line!.text.text)).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('textDirection', () => {
  it('follows the first strong character, with a fallback for text without one', () => {
    expect(textDirection('2015 خبر OPEC')).toBe('rtl');
    expect(textDirection('OPEC خبر')).toBe('ltr');
    expect(textDirection('2015 - 3', 'rtl')).toBe('rtl');
    expect(textDirection('2015 - 3')).toBe('ltr');
  });
});

describe('palette', () => {
  it('is the identity without colour and SGR sequences with it', () => {
    const none = palette(false);
    for (const f of Object.values(none)) expect(f('x')).toBe('x');
    const c = palette(true);
    expect(c.bold('x')).toBe('\x1b[1mx\x1b[22m');
    expect(c.bar('x')).toBe('\x1b[36mx\x1b[39m');
    expect(c.mark('x')).toMatch(/^\x1b\[1m\x1b\[33mx/);
  });
});

describe('renderPiece', () => {
  const marked = styledFromCell([{ text: 'خبر ' }, { text: 'عاجل', mark: true }]);

  it('leaves text in logical order with the marked run styled in mode off', () => {
    expect(renderPiece(marked, { mode: 'off', direction: 'rtl', markStyle: brackets })).toBe('خبر [عاجل]');
  });

  it('isolates right-to-left text in logical mode, pinning its edges with RLMs where needed', () => {
    expect(renderPiece(plain('خبر'), { mode: 'logical', direction: 'rtl' })).toBe(`${RLI}خبر${PDI}`);
    expect(renderPiece(plain('«خبر»'), { mode: 'logical', direction: 'rtl' })).toBe(`${RLI}${RLM}«خبر»${RLM}${PDI}`);
    expect(renderPiece(plain('خبر…'), { mode: 'logical', direction: 'rtl', truncated: true })).toBe(`${RLI}خبر…${RLM}${PDI}`);
    // truncated with an ellipsis of its own kind: the RLM still closes the text
    expect(renderPiece(plain('خبر'), { mode: 'logical', direction: 'rtl', truncated: true })).toBe(`${RLI}خبر${RLM}${PDI}`);
    expect(renderPiece(plain('OPEC'), { mode: 'logical', direction: 'ltr' })).toBe(`${LRI}OPEC${PDI}`);
  });

  it('reverses right-to-left text in visual mode, marks following their letters', () => {
    const out = renderPiece(styledFromCell([{ text: 'ab ' }, { text: 'cd', mark: true }]), { mode: 'visual', direction: 'rtl', markStyle: brackets });
    // Latin inside an RTL line keeps its own order
    expect(out).toBe('ab [cd]');
    const arabic = renderSizedPiece(plain('خبر OPEC'), { mode: 'visual', direction: 'rtl' });
    expect(arabic.text.indexOf('OPEC')).toBe(0);
    expect(arabic.width).toBe(stringWidth('خبر OPEC'));
  });

  it('gives one width in the non-visual modes, one cell less per lam-alef where it is joined', () => {
    const s = plain('السلام عليكم OPEC');
    const widths = (['implicit', 'logical', 'off'] as const).map((mode) => renderSizedPiece(s, { mode, direction: 'rtl' }).width);
    expect(widths).toEqual([stringWidth(s.text), stringWidth(s.text), stringWidth(s.text)]);
    expect(renderSizedPiece(s, { mode: 'logical', direction: 'rtl', lamAlefOneCell: true }).width).toBe(widths[0]! - 1);
    // visual mode joins lam-alef itself, into one presentation-form cell
    expect(renderSizedPiece(s, { mode: 'visual', direction: 'rtl' }).width).toBe(widths[0]! - 1);
  });

  it('writes left-to-right text as is for an implicit-bidi terminal', () => {
    expect(renderPiece(plain('OPEC 2015'), { mode: 'implicit', direction: 'ltr' })).toBe('OPEC 2015');
  });

  it('keeps every letter in implicit mode, adding only bidi marks', () => {
    fc.assert(
      fc.property(cellText, fc.constantFrom('ltr' as const, 'rtl' as const), (raw, direction) => {
        const s = styledFromCell(raw);
        const out = renderPiece(s, { mode: 'implicit', direction });
        expect([...out.replace(/[\u200e\u200f]/g, '')].sort()).toEqual([...s.text].sort());
      }),
    );
  });

  it('renders empty text as nothing', () => {
    expect(renderSizedPiece(plain(''), { mode: 'logical', direction: 'rtl' })).toEqual({ text: '', width: 0 });
  });

  it('uses no first-strong isolate: the direction is always decided by newsq', () => {
    for (const mode of ['visual', 'implicit', 'logical', 'off'] as const) {
      expect(renderPiece(plain('خبر OPEC'), { mode, direction: 'rtl' })).not.toContain(FSI);
    }
  });
});

describe('pad', () => {
  it('pads on the asked side to the width and never cuts', () => {
    expect(pad('ab', 2, 5, 'left')).toBe('ab   ');
    expect(pad('ab', 2, 5, 'right')).toBe('   ab');
    expect(pad('abc', 3, 2, 'left')).toBe('abc');
    // a rendered piece may hold invisible marks: the given width counts, not the length
    expect(pad(`${LRM}ab${LRM}`, 2, 4, 'right')).toBe(`  ${LRM}ab${LRM}`);
  });
});

describe('fittingLines', () => {
  const render = (width: number): string[] => [`${LRM}${'x'.repeat(width - 2)}${LRM}`, 'y'.repeat(width)];

  it('renders once at the full width when marks take no cells', () => {
    const widths: number[] = [];
    fittingLines(20, false, (w) => (widths.push(w), render(w)));
    expect(widths).toEqual([20]);
  });

  it('narrows the layout until no line with its marks counted is wider than the terminal', () => {
    const lines = fittingLines(20, true, (w) => [`${LRM}${LRM}${'x'.repeat(w)}`]);
    expect(lines[0]).toBe(`${LRM}${LRM}${'x'.repeat(18)}`);
  });

  it('keeps lines that already fit, marks included', () => {
    expect(fittingLines(20, true, render)).toEqual(render(20));
  });
});
