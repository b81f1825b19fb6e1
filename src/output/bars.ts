// Counts over time ("attention over time") as horizontal bars. The widest bar takes all the
// room left by the labels and counts; with right-to-left labels the chart is mirrored and
// bars grow leftwards from the label.

import { LRM, fittingLines, layoutText, palette, pad, renderSizedPiece, styledFromCell, textDirection } from './line';
import type { BidiMode } from './terminal';
import { stringWidth } from './width';

/** The settings renderBars reads (OutputSettings fits), plus an optional forced direction. */
export interface BarSettings {
  bidi: BidiMode;
  color: boolean;
  width: number;
  direction?: 'rtl' | 'ltr' | 'auto';
  lamAlefOneCell?: boolean;
  marksTakeCells?: boolean;
}

/** A bar of `cells` half-cells, drawn with full blocks and a half block facing the growth direction. */
function bar(halfCells: number, direction: 'ltr' | 'rtl'): string {
  const full = '█'.repeat(Math.floor(halfCells / 2));
  if (halfCells % 2 === 0) return full;
  return direction === 'ltr' ? full + '▌' : '▐' + full;
}

/** Render a horizontal bar chart with counts; the widest bar fills the available width and zero rows are kept. */
export function renderBars(rows: { label: string; count: number }[], settings: BarSettings): string {
  if (rows.length === 0) return '';
  return fittingLines(settings.width, settings.marksTakeCells, (width) => barLines(rows, { ...settings, width })).join('\n') + '\n';
}

function barLines(rows: { label: string; count: number }[], settings: BarSettings): string[] {
  const paint = palette(settings.color);
  const labels = rows.map((r) => styledFromCell(r.label));
  let direction: 'ltr' | 'rtl';
  if (settings.direction === 'rtl' || settings.direction === 'ltr') direction = settings.direction;
  else {
    const rtl = labels.filter((l) => textDirection(l.text, 'ltr') === 'rtl').length;
    direction = rtl * 2 > labels.length ? 'rtl' : 'ltr';
  }
  const counts = rows.map((r) => (Number.isFinite(r.count) && r.count > 0 ? r.count : 0));
  const countTexts = rows.map((r, i) => String(Number.isFinite(r.count) ? r.count : counts[i]));
  const countWidth = Math.max(...countTexts.map((c) => c.length));
  const naturalLabel = Math.max(...labels.map((l) => stringWidth(l.text)));
  const labelWidth = Math.max(1, Math.min(naturalLabel, Math.floor(settings.width * 0.4)));
  const barRoom = Math.max(1, settings.width - labelWidth - countWidth - 2);
  const max = Math.max(...counts);
  const guard = settings.bidi === 'logical' || settings.bidi === 'implicit' ? LRM : '';
  return (
    rows
      .map((_, i) => {
        const count = counts[i] as number;
        const halfCells = max > 0 && count > 0 ? Math.max(1, Math.round((count / max) * barRoom * 2)) : 0;
        const b = bar(halfCells, direction);
        const barWidth = Math.ceil(halfCells / 2);
        const [laid] = layoutText(labels[i] as typeof labels[number], labelWidth, false);
        const label = laid ?? { text: labels[i] as typeof labels[number], truncated: false };
        const labelDir = textDirection(label.text.text, direction);
        const shown = renderSizedPiece(label.text, {
          mode: settings.bidi,
          direction: labelDir,
          truncated: label.truncated,
          lamAlefOneCell: settings.lamAlefOneCell === true,
        });
        const labelOut = shown.text;
        const shownLabelWidth = shown.width;
        const countText = countTexts[i] as string;
        if (direction === 'ltr') {
          const paddedLabel = pad(labelOut, shownLabelWidth, labelWidth, labelDir === 'rtl' ? 'right' : 'left');
          return `${guard}${paddedLabel}${guard} ${paint.bar(b)} ${countText}`;
        }
        // Mirrored: count, bar growing leftwards from the label, label at the right edge.
        const paddedLabel = pad(labelOut, shownLabelWidth, labelWidth, 'right');
        const lead = ' '.repeat(Math.max(0, barRoom - barWidth) + countWidth - countText.length);
        return `${guard}${lead}${countText} ${paint.bar(b)} ${guard}${paddedLabel}${guard}`;
      })
  );
}
