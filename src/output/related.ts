// How related-story chains look: an indented tree on a terminal, a chronological list
// with --timeline, the graph as JSON for scripts. JSON shape (stable, see README
// "newsq related"): { root, nodes: [{id, title, date, inArchive, depth}],
// edges: [{from, to, headline, how, score, direction}] }.

import { chainTree, chronological, type ChainEdge, type ChainNode, type ChainTreeNode, type StoryChain } from '../features/related/chain';
import { dayLabel, type Calendar } from './articles';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import type { Span } from './line';
import { renderTable } from './table';
import { label } from './labels';
import type { Lang, OutputSettings } from './terminal';
import { renderTree, type TreeNode } from './tree';

/** Tree (links as found) or timeline (every story by date). */
export type ChainView = 'tree' | 'timeline';

/** The stable JSON object of a chain node. */
export function nodeJson(n: ChainNode, calendar: Calendar): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, title: n.title, date: n.date, inArchive: n.inArchive, depth: n.depth };
  if (calendar === 'hijri') out.date_hijri = n.date ? dayLabel(n.date, 'hijri') : null;
  return out;
}

/** The stable JSON object of a chain edge. */
export function edgeJson(e: ChainEdge): Record<string, unknown> {
  return { from: e.from, to: e.to, headline: e.headline, how: e.how, score: e.score, direction: e.direction };
}

/** The whole chain as one JSON value; with the timeline view, nodes are in date order. */
export function chainJson(chain: StoryChain, calendar: Calendar, view: ChainView = 'tree'): Record<string, unknown> {
  const nodes = view === 'timeline' ? chronological(chain) : chain.nodes;
  return { root: chain.root, nodes: nodes.map((n) => nodeJson(n, calendar)), edges: chain.edges.map(edgeJson) };
}

/** A short note on how a story joined the chain (empty for the plain case: an exact forward link). */
export function linkNote(edge: ChainEdge | null, lang: Lang = 'en'): string {
  if (!edge) return '';
  const notes: string[] = [];
  if (edge.direction === 'backward') notes.push(label('listsIt', lang));
  if (edge.how === 'close') notes.push(`≈ ${edge.score}`);
  else if (edge.how === 'similar') notes.push(`${label('similar', lang)} ${edge.score}`);
  return notes.join(' ');
}

interface TreeRow {
  depth: number;
  t: ChainTreeNode;
}

function treeRows(root: ChainTreeNode): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (t: ChainTreeNode, depth: number): void => {
    rows.push({ depth, t });
    for (const c of t.children) walk(c, depth + 1);
  };
  walk(root, 0);
  return rows;
}

function toTreeNode(t: ChainTreeNode, calendar: Calendar, lang: Lang): TreeNode {
  const n = t.node;
  const meta: string[] = [];
  if (!n.inArchive) meta.push(label('notInArchive', lang));
  else meta.push(dayLabel(n.date, calendar), n.id);
  const note = t.mutual ? label('mutual', lang) : linkNote(t.edge, lang);
  if (note) meta.push(note);
  if (t.repeated) meta.push(label(t.fullEntry === 'below' ? 'below' : 'above', lang));
  return {
    label: n.title,
    meta,
    muted: !n.inArchive || t.repeated,
    children: t.children.map((c) => toTreeNode(c, calendar, lang)),
  };
}

/** Renders a chain in the chosen format and view. */
export function formatChain(chain: StoryChain, settings: OutputSettings, calendar: Calendar, view: ChainView): string {
  switch (settings.format) {
    case 'json':
      return formatJson(chainJson(chain, calendar, view));
    case 'ndjson': {
      const nodes = view === 'timeline' ? chronological(chain) : chain.nodes;
      return formatNdjson([
        ...nodes.map((n) => ({ kind: 'node', ...nodeJson(n, calendar) })),
        ...chain.edges.map((e) => ({ kind: 'edge', ...edgeJson(e) })),
      ]);
    }
    case 'tsv':
    case 'csv': {
      let columns: string[];
      let rows: string[][];
      // No related story: no rows (the header only, where one is printed), as every listing.
      const none = chain.edges.length === 0;
      if (view === 'timeline') {
        columns = ['date', 'id', 'title'];
        rows = chronological(chain).map((n) => [dayLabel(n.date, calendar), n.id, n.title]);
      } else {
        columns = ['depth', 'id', 'date', 'title', 'how', 'score', 'direction', 'repeated'];
        rows = treeRows(chainTree(chain)).map(({ depth, t }) => [
          String(depth),
          t.node.id,
          dayLabel(t.node.date, calendar),
          t.node.title,
          t.edge?.how ?? '',
          t.edge ? String(t.edge.score) : '',
          t.mutual ? 'both' : (t.edge?.direction ?? ''),
          t.repeated ? 'yes' : '',
        ]);
      }
      return formatDelimited(settings, columns, none ? [] : rows);
    }
    case 'table': {
      const lang = settings.lang ?? 'en';
      if (view === 'tree') return renderTree(toTreeNode(chainTree(chain), calendar, lang), settings);
      const rows = chronological(chain).map((n) => {
        // The story the chain started from is marked, so it can be found in the sequence.
        const title: Span[] = [{ text: n.title, mark: n.id === chain.root }];
        return [n.inArchive ? dayLabel(n.date, calendar) : '—', title, n.inArchive ? n.id : label('notInArchive', lang)];
      });
      return renderTable(
        {
          columns: [
            { header: label('date', lang), kind: 'ltr' },
            { header: label('title', lang), kind: 'text', flex: 3, minWidth: 16, wrap: true },
            { header: label('id', lang), kind: 'ltr' },
          ],
          rows,
          direction: 'rtl',
        },
        settings,
      );
    }
  }
}
