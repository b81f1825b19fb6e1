// Related-story chains as an indented tree. In a right-to-left layout the whole tree is
// mirrored: connectors hang on the right edge and grow leftwards, labels end at them.

import { LRM, fittingLines, layoutText, palette, renderPiece, renderSizedPiece, styledFromCell, textDirection } from './line';
import type { BidiMode } from './terminal';
import { stringWidth } from './width';

/** One story in a chain: its headline, small LTR facts (date, id, "not in archive") and follow-ups. */
export interface TreeNode {
  label: string;
  meta?: string[];
  /** Draw the label dimmed too, e.g. for a story that is not in the archive. */
  muted?: boolean;
  children?: TreeNode[];
}

/** The settings renderTree reads (OutputSettings fits), plus an optional forced direction. */
export interface TreeSettings {
  bidi: BidiMode;
  color: boolean;
  width: number;
  direction?: 'rtl' | 'ltr' | 'auto';
  lamAlefOneCell?: boolean;
  marksTakeCells?: boolean;
}

interface FlatLine {
  node: TreeNode;
  /** Connector units from the root down to this node, e.g. ['│   ', '├── ']. */
  units: string[];
}

function flatten(node: TreeNode, ancestorsLast: boolean[], out: FlatLine[]): void {
  const units: string[] = [];
  ancestorsLast.forEach((last, depth) => {
    const isOwn = depth === ancestorsLast.length - 1;
    if (isOwn) units.push(last ? '└── ' : '├── ');
    else units.push(last ? '    ' : '│   ');
  });
  out.push({ node, units });
  const children = node.children ?? [];
  children.forEach((child, i) => flatten(child, [...ancestorsLast, i === children.length - 1], out));
}

// Mirror a connector unit for the right-to-left layout.
const MIRRORED: Record<string, string> = { '└── ': ' ──┘', '├── ': ' ──┤', '│   ': '   │', '    ': '    ' };

/** Render a tree of related stories with box-drawing connectors; mirrored (connectors on the right) for RTL labels. */
export function renderTree(root: TreeNode, settings: TreeSettings): string {
  return fittingLines(settings.width, settings.marksTakeCells, (width) => treeLines(root, { ...settings, width })).join('\n') + '\n';
}

function treeLines(root: TreeNode, settings: TreeSettings): string[] {
  const flat: FlatLine[] = [];
  flatten(root, [], flat);
  const paint = palette(settings.color);
  let direction: 'ltr' | 'rtl';
  if (settings.direction === 'rtl' || settings.direction === 'ltr') direction = settings.direction;
  else {
    const rtl = flat.filter((l) => textDirection(styledFromCell(l.node.label).text, 'ltr') === 'rtl').length;
    direction = rtl * 2 >= flat.length ? 'rtl' : 'ltr';
  }
  const mode = settings.bidi;
  const lines: string[] = [];
  for (const { node, units } of flat) {
    const connector = direction === 'rtl' ? [...units].reverse().map((u) => MIRRORED[u] ?? u).join('') : units.join('');
    const connectorWidth = stringWidth(connector);
    const meta = styledFromCell((node.meta ?? []).filter((m) => m !== '').join(' · '));
    const metaWidth = stringWidth(meta.text);
    const gap = metaWidth > 0 ? 2 : 0;
    const label = styledFromCell(node.label);
    const labelRoom = Math.max(8, settings.width - connectorWidth - metaWidth - gap - (direction === 'rtl' ? 1 : 0));
    const [laid] = layoutText(label, labelRoom, false);
    const labelLine = laid ?? { text: label, truncated: false };
    const labelDir = textDirection(labelLine.text.text, direction);
    const shownLabel = renderSizedPiece(labelLine.text, {
      mode,
      direction: labelDir,
      truncated: labelLine.truncated,
      lamAlefOneCell: settings.lamAlefOneCell === true,
      ...(node.muted ? { style: paint.dim } : {}),
    });
    const labelOut = shownLabel.text;
    const labelWidth = shownLabel.width;
    const metaOut = metaWidth > 0 ? renderPiece(meta, { mode, direction: 'ltr', style: paint.dim }) : '';
    const guard = mode === 'logical' || mode === 'implicit' ? LRM : '';
    if (direction === 'ltr') {
      lines.push(guard + connector + guard + labelOut + guard + ' '.repeat(gap) + metaOut);
    } else {
      // Visual order, left to right: padding, meta, gap, label, space, connectors.
      const joint = connectorWidth > 0 ? ' ' : '';
      const used = metaWidth + gap + labelWidth + joint.length + connectorWidth;
      const padding = ' '.repeat(Math.max(0, settings.width - used));
      lines.push(guard + padding + metaOut + guard + ' '.repeat(gap) + labelOut + guard + joint + connector + guard);
    }
  }
  return lines;
}
