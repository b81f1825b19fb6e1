// An article's body for `newsq show`: paragraphs wrapped to the terminal, right-aligned when
// they are right-to-left, headings bold when colour is on.

import { LRM, fittingLines, layoutText, palette, pad, renderSizedPiece, styledFromCell, textDirection } from './line';
import type { BidiMode } from './terminal';

/** The settings renderArticleText reads (OutputSettings fits). */
export interface ParagraphSettings {
  bidi: BidiMode;
  color: boolean;
  width: number;
  lamAlefOneCell?: boolean;
  marksTakeCells?: boolean;
}

/** Render article blocks wrapped to the width: RTL lines right-aligned, headings bold with colour, blank lines between blocks. */
export function renderArticleText(blocks: { kind: 'paragraph' | 'heading'; text: string }[], settings: ParagraphSettings): string {
  const paint = palette(settings.color);
  const width = Math.max(10, settings.width);
  const guard = settings.bidi === 'logical' || settings.bidi === 'implicit' ? LRM : '';
  const out: string[] = [];
  for (const block of blocks) {
    const text = styledFromCell(block.text);
    if (text.text === '') continue;
    const direction = textDirection(text.text, 'rtl');
    const style = block.kind === 'heading' ? paint.bold : undefined;
    // Laid out at `room` columns, right-to-left lines padded to it.
    const render = (room: number): string[] =>
      layoutText(text, room, true).map((line) => {
        const rendered = renderSizedPiece(line.text, {
          mode: settings.bidi,
          direction,
          lamAlefOneCell: settings.lamAlefOneCell === true,
          ...(style ? { style } : {}),
        });
        // Right-to-left lines are padded on the left; LTR lines need no trailing padding.
        return direction === 'rtl' ? guard + pad(rendered.text, rendered.width, room, 'right') : guard + rendered.text;
      });
    const lines = fittingLines(width, settings.marksTakeCells, render);
    if (out.length > 0) out.push('');
    out.push(...lines);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
