import { describe, expect, it } from 'vitest';
import { toVisual } from '../../src/output/bidi';
import { fitColumnWidths, renderTable, type TableSpec } from '../../src/output/table';
import type { BidiMode } from '../../src/output/terminal';
import { stringWidth } from '../../src/output/width';
import { styledFromCell } from '../../src/output/line';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';
import { borderColumns, cellTexts, stripSgr } from '../support/output-grid';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('table.test: `fribidi` is not installed; the implicit-terminal model check is skipped');

const headlines: TableSpec = {
  columns: [
    { header: 'المعرف', kind: 'ltr' },
    { header: 'العنوان', kind: 'text', flex: 3 },
    { header: 'التاريخ', kind: 'ltr' },
    { header: 'المصدر', kind: 'text' },
  ],
  rows: [
    ['a1b2', [{ text: 'خامنئي', mark: true }, { text: ' يخضع لجراحة في البروستاتا بأحد مستشفيات طهران' }], '2014-09-08', 'المرصد الإخباري'],
    ['c3d4', 'طِفْلاً مُسْلِمًا (عامًا) في 2015 مع «OPEC»', '2015-01-21', 'صوت الخليج'],
    ['e5f6', 'لا إله إلا الله ‌ می‌خواهم ـــ تطويل', '2016-01-02', 'الأنباء الموجزة'],
    ['g7h8', 'English headline about OPEC', '2016-11-30', 'Reuters'],
  ],
};

const modes: BidiMode[] = ['visual', 'implicit', 'logical', 'off'];

function lines(out: string): string[] {
  return out.replace(/\n$/, '').split('\n');
}

describe('renderTable layout', () => {
  for (const bidi of modes) {
    for (const width of [120, 80, 50]) {
      it(`keeps every border in the same column (${bidi}, width ${width})`, () => {
        const out = renderTable(headlines, { bidi, color: false, width });
        const all = lines(out);
        const expected = borderColumns(all[0] as string);
        expect(expected.length).toBe(headlines.columns.length + 1);
        for (const line of all) {
          expect(borderColumns(line)).toEqual(expected);
          expect(stringWidth(line)).toBeLessThanOrEqual(width);
        }
      });
    }
  }

  it('puts the first column on the right for Arabic content', () => {
    const out = renderTable(headlines, { bidi: 'off', color: false, width: 120 });
    const header = cellTexts(lines(out)[1] as string);
    expect(header).toEqual(['المصدر', 'التاريخ', 'العنوان', 'المعرف']);
  });

  it('keeps the given order for Latin content', () => {
    const spec: TableSpec = {
      columns: [
        { header: 'id', kind: 'ltr' },
        { header: 'title', kind: 'text' },
      ],
      rows: [['1', 'English only']],
    };
    const out = renderTable(spec, { bidi: 'visual', color: false, width: 80 });
    expect(cellTexts(lines(out)[1] as string)).toEqual(['id', 'title']);
  });

  it('right-aligns RTL text and left-aligns LTR cells', () => {
    const out = renderTable(headlines, { bidi: 'off', color: false, width: 160 });
    const row = stripSgr(lines(out)[4] as string); // second data row
    const cells = row.split('│').slice(1, -1);
    // Columns are reversed: source (RTL, right-aligned), date (ltr, left), title, id (ltr, left).
    expect(cells[0]).toMatch(/^ +صوت الخليج $/);
    expect(cells[1]).toBe(' 2015-01-21 ');
    expect(cells[3]).toMatch(/^ c3d4 +$/);
  });

  it('shrinks text columns by flex to the terminal width and truncates at the logical end', () => {
    const out = renderTable(headlines, { bidi: 'off', color: false, width: 70 });
    const all = lines(out);
    expect(stringWidth(all[0] as string)).toBe(70);
    const first = cellTexts(all[3] as string);
    // ids and dates keep their full width
    expect(first[1]).toBe('2014-09-08');
    expect(first[3]).toBe('a1b2');
    // logical end cut: the kept text is a prefix of the headline
    expect(first[2]?.endsWith('…')).toBe(true);
    expect('خامنئي يخضع لجراحة في البروستاتا بأحد مستشفيات طهران'.startsWith((first[2] as string).slice(0, -1))).toBe(true);
  });

  it('shows the ellipsis on the visual left of truncated RTL text in visual mode', () => {
    const out = renderTable(headlines, { bidi: 'visual', color: false, width: 70 });
    // Visual mode joins the letters (presentation forms): compared as letters.
    const title = unshape(cellTexts(lines(out)[3] as string)[2] as string);
    expect(title.startsWith('…')).toBe(true);
    const offTitle = cellTexts(lines(renderTable(headlines, { bidi: 'off', color: false, width: 70 }))[3] as string)[2] as string;
    expect(title).toBe(toVisual(offTitle, 'rtl'));
  });

  it('wraps columns that ask for it, in logical order', () => {
    const spec: TableSpec = {
      columns: [
        { header: 'العنوان', kind: 'text', wrap: true, maxWidth: 20 },
        { header: 'id', kind: 'ltr' },
      ],
      rows: [['خامنئي يخضع لجراحة في البروستاتا بأحد مستشفيات طهران', 'x1']],
    };
    const all = lines(renderTable(spec, { bidi: 'off', color: false, width: 80 }));
    const bodyLines = all.slice(3, -1).map((l) => cellTexts(l)[1]);
    expect(bodyLines.join(' ')).toBe('خامنئي يخضع لجراحة في البروستاتا بأحد مستشفيات طهران');
    expect(bodyLines.length).toBeGreaterThan(2);
    for (const l of bodyLines) expect(stringWidth(l as string)).toBeLessThanOrEqual(20);
  });

  it('reorders each cell line to the visual order of its logical text', () => {
    const logical = lines(renderTable(headlines, { bidi: 'off', color: false, width: 120 }));
    const visual = lines(renderTable(headlines, { bidi: 'visual', color: false, width: 120 }));
    logical.forEach((line, i) => {
      const lc = cellTexts(line);
      const vc = cellTexts(visual[i] as string);
      lc.forEach((cell, c) => {
        // Headers are always laid out as text; data in ltr columns is never reordered.
        const isLtrColumn = i !== 1 && (c === 1 || c === 3);
        expect(unshape(vc[c] as string)).toBe(isLtrColumn ? cell : toVisual(cell).replace(/[\u200b-\u200d]/g, ''));
      });
    });
  });
});

describe('renderTable logical mode', () => {
  it('isolates every cell and puts LRM on both sides of every border', () => {
    const all = lines(renderTable(headlines, { bidi: 'logical', color: false, width: 120 }));
    const row = all[3] as string;
    expect(row.startsWith('\u200e│\u200e')).toBe(true);
    expect(row.match(/│/g)?.length).toBe(5);
    expect(row.match(/\u200e│\u200e/g)?.length).toBe(5);
    expect(row).toContain('\u2067خامنئي');
    expect(row).toContain('\u20662014-09-08\u2069');
  });

  it('adds an RLM after the ellipsis that ends truncated RTL text', () => {
    const row = lines(renderTable(headlines, { bidi: 'logical', color: false, width: 70 }))[3] as string;
    expect(row).toMatch(/…\u200f\u2069/u);
  });

  it.skipIf(!haveFribidi)('survives an implicit-bidi terminal: FriBidi on each line gives the visual table', () => {
    for (const width of [120, 70]) {
      const logical = lines(renderTable(headlines, { bidi: 'logical', color: false, width }));
      const visual = lines(renderTable(headlines, { bidi: 'visual', color: false, width }));
      const reordered = fribidiVisual(logical);
      reordered.forEach((line, i) => {
        expect(borderColumns(line)).toEqual(borderColumns(visual[i] as string));
        expect(cellTexts(line)).toEqual(cellTexts(visual[i] as string).map((t) => unshape(t)));
      });
    }
  });
});

describe('renderTable implicit mode', () => {
  /** What a terminal reordering each line left to right shows (VTE, Konsole): FriBidi with an LTR base. */
  const lineTerminal = (lines: string[]): string[] => fribidiVisual(lines, 'ltr');
  /** What mlterm shows: each run between box-drawing characters reordered on its own, LTR base. */
  const mlterm = (lines: string[]): string[] =>
    lines.map((line) => {
      const parts = line.split(/([\u2500-\u257f])/u);
      const texts = parts.filter((_, i) => i % 2 === 0);
      const shown = fribidiVisual(texts.map((t) => t.replace(/[\u200e\u200f]/gu, '') === '' ? '' : t), 'ltr');
      return parts.map((p, i) => (i % 2 === 0 ? (shown[i / 2] as string) : p)).join('');
    });
  // Cells compared as letters: visual mode joins them, and its lam-alef takes one cell.
  const cells = (line: string): string[] => cellTexts(line).map((t) => unshape(t));

  it.skipIf(!haveFribidi)('a terminal that reorders each line shows the visual table: same borders, same cells', () => {
    for (const width of [120, 70]) {
      const implicit = lines(renderTable(headlines, { bidi: 'implicit', color: false, width }));
      const visual = lines(renderTable(headlines, { bidi: 'visual', color: false, width }));
      lineTerminal(implicit).forEach((line, i) => {
        expect(borderColumns(line)).toEqual(borderColumns(visual[i] as string));
        expect(cellTexts(line)).toEqual(cells(visual[i] as string));
      });
    }
  });

  it.skipIf(!haveFribidi)('mlterm (marks count as cells, lam-alef in one): the visual table, borders where its cells put them', () => {
    const settings = { bidi: 'implicit' as const, color: false, width: 100, lamAlefOneCell: true, marksTakeCells: true };
    const implicit = lines(renderTable(headlines, settings));
    // No border guards: mlterm splits at box-drawing characters by itself.
    expect(implicit.join('\n')).not.toMatch(/\u200e│/u);
    // Measured on what is shown, in visual order: a lam-alef stands there as alef, lam.
    const lamAlefOne = (s: string): number => stringWidth(s) - (s.match(/[آأإا]\p{Mn}*ل/gu)?.length ?? 0);
    const shown = mlterm(implicit);
    const first = borderColumns(shown[0] as string, lamAlefOne);
    shown.forEach((line, i) => {
      expect(borderColumns(line, lamAlefOne)).toEqual(first);
      // The line fits when each mark counts as a cell.
      expect(stringWidth(implicit[i] as string) + ((implicit[i] as string).match(/[\u200e\u200f]/gu)?.length ?? 0)).toBeLessThanOrEqual(100);
    });
    // The same table laid out visually at the width the marks left it.
    const visual = lines(renderTable(headlines, { ...settings, bidi: 'visual', width: stringWidth(implicit[0] as string) }));
    const visualCells = visual.filter((l) => l.includes('│')).map(cells);
    expect(shown.filter((l) => l.includes('│')).map((l) => cellTexts(l))).toEqual(visualCells);
  });

  it('keeps the letters (no presentation forms) for the terminal to join and to copy', () => {
    const out = renderTable(headlines, { bidi: 'implicit', color: false, width: 120 });
    expect(out).toContain('خامنئي');
    expect(out).not.toMatch(/[\ufb50-\ufdff\ufe70-\ufefe]/u);
  });
});

describe('renderTable safety and colour', () => {
  const hostile: TableSpec = {
    columns: [
      { header: 'العنوان', kind: 'text' },
      { header: 'id', kind: 'ltr' },
    ],
    rows: [['خبر\x1b]0;pwned\x07 عاجل\x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J \u202eمقلوب\u202c\u009b31m', 'x\x1b[1m1']],
  };

  for (const bidi of modes) {
    it(`prints hostile cells inert (${bidi})`, () => {
      const out = renderTable(hostile, { bidi, color: false, width: 80 });
      expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/u);
      expect(out).not.toContain('pwned');
      expect(out).not.toContain('ZWNobyBoaQ');
      for (const line of lines(out)) expect(borderColumns(line)).toEqual(borderColumns(lines(out)[0] as string));
    });
  }

  it('uses no colour codes unless asked', () => {
    expect(renderTable(headlines, { bidi: 'visual', color: false, width: 100 })).not.toContain('\x1b');
  });

  it('highlights marked words and keeps the highlight on them through reordering', () => {
    const out = renderTable(headlines, { bidi: 'visual', color: true, width: 120 });
    const marked = [...out.matchAll(/\x1b\[33m([^\x1b]*)\x1b\[39m/g)].map((m) => m[1]);
    expect(marked.map((m) => unshape(m as string))).toEqual([toVisual('خامنئي')]);
    const logicalOut = renderTable(headlines, { bidi: 'logical', color: true, width: 120 });
    expect([...logicalOut.matchAll(/\x1b\[33m([^\x1b]*)\x1b\[39m/g)].map((m) => m[1])).toEqual(['خامنئي']);
  });

  it('keeps borders aligned with colour on', () => {
    const all = lines(renderTable(headlines, { bidi: 'visual', color: true, width: 90 }));
    for (const line of all) expect(borderColumns(line)).toEqual(borderColumns(all[0] as string));
  });
});

describe('fitColumnWidths', () => {
  it('keeps natural widths when they fit', () => {
    expect(
      fitColumnWidths(
        [
          { natural: 10, min: 4, flex: 1, fixed: false },
          { natural: 5, min: 4, flex: 1, fixed: true },
        ],
        20,
      ),
    ).toEqual([10, 5]);
  });

  it('shares the room between text columns by flex, never above their natural width', () => {
    const widths = fitColumnWidths(
      [
        { natural: 100, min: 8, flex: 3, fixed: false },
        { natural: 10, min: 4, flex: 1, fixed: true },
        { natural: 100, min: 8, flex: 1, fixed: false },
        { natural: 12, min: 8, flex: 1, fixed: false },
      ],
      70,
    );
    expect(widths.reduce((a, b) => a + b, 0)).toBe(70);
    expect(widths[1]).toBe(10);
    expect(widths[3]).toBeLessThanOrEqual(12);
    // Above their minimum (8), the flex-3 column gets three times what the flex-1 one gets.
    expect(Math.abs(((widths[0] as number) - 8) - 3 * ((widths[2] as number) - 8))).toBeLessThanOrEqual(3);
  });

  it('shrinks fixed columns only when text columns are at their minimum', () => {
    const widths = fitColumnWidths(
      [
        { natural: 50, min: 8, flex: 1, fixed: false },
        { natural: 20, min: 4, flex: 1, fixed: true },
      ],
      20,
    );
    expect(widths[0]).toBe(8);
    expect(widths[1]).toBe(12);
  });
});

describe('renderTable on arbitrary content', () => {
  it('keeps the grid aligned and within the width whatever the cells hold', async () => {
    const fc = await import('fast-check');
    const pieces = [
      'خبر', 'عاجل', 'مُحَمَّد', 'لا', 'ـــ', 'می‌خواهم', ' ', ' ', 'OPEC', '2015', '٢٠١٥', '(', ')', '«', '»', '…',
      '日本', '🙂', '👨‍👩‍👧', '\x1b[2J', '\x1b]0;t\x07', '\u202e', '\t', '\n', 'e\u0301', '\u200b', '─',
    ];
    const cellArb = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(''));
    const specArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc.record({
        columns: fc.array(
          fc.record({
            header: cellArb,
            kind: fc.constantFrom('text' as const, 'ltr' as const),
            wrap: fc.boolean(),
            flex: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: n, maxLength: n },
        ),
        rows: fc.array(fc.array(cellArb, { minLength: n, maxLength: n }), { maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(specArb, fc.integer({ min: 20, max: 140 }), fc.constantFrom<BidiMode>('visual', 'logical', 'off'), (spec, width, bidi) => {
        const out = renderTable(spec, { bidi, color: false, width });
        const all = lines(out);
        for (const line of all) expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/u);
        // Ids and dates (ltr columns that do not wrap) are never cut, in a grid or stacked.
        const shown = out.replace(/[\u200e\u200f\u2066-\u2069]/gu, '');
        const facts = spec.rows.flatMap((row) => spec.columns.flatMap((c, i) => (c.kind === 'ltr' && !c.wrap ? [styledFromCell(row[i] ?? '').text] : [])));
        for (const fact of facts) if (fact !== '' && !/[\u0590-\u08ff]/u.test(fact)) expect(shown).toContain(fact);
        if (!all[0]?.startsWith('┌') && spec.rows.length > 0) {
          // Stacked records: no line wider than the screen unless one fact alone is.
          if (facts.every((f) => stringWidth(f) <= width)) for (const line of all) expect(stringWidth(line)).toBeLessThanOrEqual(width);
          return;
        }
        const first = borderColumns(all[0] as string);
        expect(first.length).toBe(spec.columns.length + 1);
        for (const line of all) expect(borderColumns(line)).toEqual(first);
        // The grid fits whenever each column can get its minimum.
        if (width >= spec.columns.length * 11 + 1) for (const line of all) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300, seed: 1129 },
    );
  });
});
