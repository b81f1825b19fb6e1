// Messages on stderr get the same bidi handling as tables: a did-you-mean list, a date echo
// or an error that quotes an Arabic query reads right in the terminal it is shown in. Each
// line is a left-to-right paragraph (the messages are English sentences that quote Arabic),
// laid out for the bidi mode; a caret line under a quoted query is moved to the column
// where the character it points at is seen.

import { visualClusters } from './bidi';
import { renderSizedPiece } from './line';
import { isLamAlef } from './shape';
import type { BidiDecision } from './terminal';
import { graphemeWidth, stringWidth } from './width';

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]/u;
const CARET_LINE = /^( *)\^\s*$/;
const LRM = '\u200e';

/** How the text of a line is laid out: the parts of a bidi decision messages need. */
export type MessageLayout = Pick<BidiDecision, 'mode' | 'lamAlefOneCell'>;

/** One line of a message as the terminal must receive it. */
export function formatMessageLine(line: string, layout: MessageLayout): string {
  if (!RTL.test(line) || layout.mode === 'off') return line;
  const text = { text: line, marks: new Array<boolean>(line.length).fill(false) };
  if (layout.mode === 'logical') return LRM + line;
  const shown = renderSizedPiece(text, { mode: layout.mode, direction: 'ltr', lamAlefOneCell: layout.lamAlefOneCell });
  // A leading LRM keeps a terminal that guesses each line's direction (mlterm) from taking an
  // Arabic-first line for a right-to-left one.
  return layout.mode === 'implicit' ? LRM + shown.text : shown.text;
}

/**
 * The screen column at which the character at UTF-16 offset `index` of `line` is seen
 * (the end of the line for an offset past it), for the bidi mode.
 */
export function shownColumn(line: string, index: number, layout: MessageLayout): number {
  const reorders = (layout.mode === 'visual' || layout.mode === 'implicit') && RTL.test(line);
  // Joined lam-alef is one cell: drawn so by newsq in visual mode, by mlterm by itself.
  const oneCellLamAlef = layout.mode === 'visual' || layout.lamAlefOneCell;
  const alefWidth = (at: number): number | undefined =>
    oneCellLamAlef && at > 0 && isLamAlef(line.charCodeAt(at - 1), line.charCodeAt(at)) ? 0 : undefined;
  if (!reorders) {
    let col = 0;
    for (let at = 0; at < Math.min(index, line.length); ) {
      const cp = line.codePointAt(at) as number;
      const ch = String.fromCodePoint(cp);
      col += alefWidth(at) ?? stringWidth(ch);
      at += ch.length;
    }
    return col;
  }
  const clusters = visualClusters(line, 'ltr');
  let col = 0;
  let endColumn = 0;
  for (const c of clusters) {
    const width = alefWidth(c.index) ?? graphemeWidth(c.text);
    if (index >= c.index && index < c.index + c.source.length) return col;
    col += width;
    endColumn = col;
  }
  // Past the end: after the last character in reading order.
  const last = clusters.reduce<(typeof clusters)[number] | undefined>((a, c) => (a === undefined || c.index > a.index ? c : a), undefined);
  if (last && last.level % 2 === 1) return Math.max(0, shownColumn(line, last.index, layout) - 1);
  return endColumn;
}

/** State carried from one write to the next: the last line, for a caret line that follows it. */
export interface MessageState {
  lastLine?: string;
}

/** A chunk written to stderr, laid out line by line; caret lines are moved under what they point at. */
export function formatMessages(chunk: string, layout: MessageLayout, state: MessageState = {}): string {
  const lines = chunk.split('\n');
  const out = lines.map((line, i) => {
    const previous = i > 0 ? lines[i - 1] : state.lastLine;
    const caret = CARET_LINE.exec(line);
    if (caret && previous !== undefined && previous !== '' && RTL.test(previous)) {
      const position = (caret[1] as string).length;
      return `${' '.repeat(shownColumn(previous, position, layout))}^`;
    }
    return formatMessageLine(line, layout);
  });
  // The last element is what follows the chunk's final newline (usually nothing).
  const complete = lines.length > 1 ? lines[lines.length - 2] : undefined;
  if (lines[lines.length - 1] !== '') state.lastLine = lines[lines.length - 1];
  else if (complete !== undefined) state.lastLine = complete;
  return out.join('\n');
}

/** A stream for messages (stderr) that lays each line out for the terminal it is shown in. */
export interface MessageStream {
  write(chunk: string): unknown;
  readonly isTTY: boolean | undefined;
  readonly columns: number | undefined;
}

/**
 * Wrap stderr so that what is written to it gets the bidi handling of the terminal it goes
 * to. Both the stream and the decision are looked at on the first write only: most runs
 * write no message, and setting up stderr costs a cold start.
 */
export function messageStream(
  stream: () => { write(chunk: string): unknown; isTTY?: boolean | undefined; columns?: number | undefined },
  decide: (isTTY: boolean) => MessageLayout,
): MessageStream {
  let layout: MessageLayout | undefined;
  const state: MessageState = {};
  return {
    write(chunk: string): unknown {
      const target = stream();
      layout ??= decide(target.isTTY === true);
      return target.write(layout.mode === 'off' ? chunk : formatMessages(chunk, layout, state));
    },
    get isTTY() {
      return stream().isTTY;
    },
    get columns() {
      return stream().columns;
    },
  };
}
