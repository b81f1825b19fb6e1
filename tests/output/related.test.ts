import { describe, expect, it } from 'vitest';
import type { ChainEdge, StoryChain } from '../../src/features/related/chain';
import { chainJson, edgeJson, formatChain, linkNote, nodeJson } from '../../src/output/related';
import { outputSettings } from '../support/output-settings';

// root lists b (exact) and an outside story; c lists the root (found backwards), b lists c.
const chain: StoryChain = {
  root: 'r',
  nodes: [
    { id: 'r', doc: 0, title: 'خامنئي يوجه رسالة', date: '2015-01-21T10:00:00+03:00', inArchive: true, depth: 0 },
    { id: 'b', doc: 1, title: 'خامنئي يخضع لجراحة', date: '2014-09-08T09:00:00+03:00', inArchive: true, depth: 1 },
    { id: 'ext:1', doc: null, title: 'قصة ليست في الأرشيف', date: null, inArchive: false, depth: 1 },
    { id: 'c', doc: 2, title: 'خامنئي يشترط رفع العقوبات', date: '2015-04-09T08:00:00+03:00', inArchive: true, depth: 1 },
  ],
  edges: [
    { from: 'r', to: 'b', headline: 'خامنئي يخضع لجراحة', how: 'exact', score: 1, direction: 'forward' },
    { from: 'r', to: 'ext:1', headline: 'قصة ليست في الأرشيف', how: 'none', score: 0, direction: 'forward' },
    { from: 'c', to: 'r', headline: 'خامنئي يوجه رسالة', how: 'close', score: 0.82, direction: 'backward' },
    { from: 'b', to: 'c', headline: 'خامنئي يشترط رفع العقوبات', how: 'exact', score: 1, direction: 'forward' },
  ],
};

const edge = (over: Partial<ChainEdge>): ChainEdge => ({ from: 'a', to: 'b', headline: 'h', how: 'exact', score: 1, direction: 'forward', ...over });

describe('linkNote', () => {
  it('says nothing for the root or a plain forward exact link', () => {
    expect(linkNote(null)).toBe('');
    expect(linkNote(edge({}))).toBe('');
  });

  it('notes backlinks, close matches with their score and similar stories', () => {
    expect(linkNote(edge({ direction: 'backward' }))).toBe('← lists it');
    expect(linkNote(edge({ how: 'close', score: 0.82 }))).toBe('≈ 0.82');
    expect(linkNote(edge({ how: 'similar', score: 0.3, direction: 'backward' }))).toBe('← lists it similar 0.3');
    expect(linkNote(edge({ how: 'similar', score: 0.3 }), 'ar')).toBe('مشابهة 0.3');
  });
});

describe('chainJson', () => {
  it('keeps nodes in the order reached, or by date for the timeline view', () => {
    expect((chainJson(chain, 'gregory').nodes as Array<{ id: string }>).map((n) => n.id)).toEqual(['r', 'b', 'ext:1', 'c']);
    expect((chainJson(chain, 'gregory', 'timeline').nodes as Array<{ id: string }>).map((n) => n.id)).toEqual(['b', 'r', 'c', 'ext:1']);
  });

  it('has the documented node and edge fields, date_hijri only with the Hijri calendar', () => {
    expect(Object.keys(nodeJson(chain.nodes[0]!, 'gregory'))).toEqual(['id', 'title', 'date', 'inArchive', 'depth']);
    expect(nodeJson(chain.nodes[0]!, 'hijri').date_hijri).toBe('1436-04-01');
    expect(nodeJson(chain.nodes[2]!, 'hijri').date_hijri).toBeNull();
    expect(edgeJson(chain.edges[2]!)).toEqual({ from: 'c', to: 'r', headline: 'خامنئي يوجه رسالة', how: 'close', score: 0.82, direction: 'backward' });
  });
});

describe('formatChain', () => {
  it('writes nodes then edges as NDJSON lines tagged with their kind', () => {
    const lines = formatChain(chain, outputSettings('ndjson'), 'gregory', 'tree')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(lines.map((l) => l.kind)).toEqual(['node', 'node', 'node', 'node', 'edge', 'edge', 'edge', 'edge']);
  });

  it('writes the tree as TSV rows with depth, link and a repeated flag', () => {
    const rows = formatChain(chain, outputSettings('tsv'), 'gregory', 'tree').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['0', 'r'],
      ['1', 'b'],
      ['2', 'c'],
      ['1', 'ext:1'],
      ['1', 'c'],
    ]);
    expect(rows[4]?.slice(4)).toEqual(['close', '0.82', 'backward', '']);
    // c is reached again under b (depth-first listing of a breadth-first tree): marked repeated there
    expect(rows[2]?.[7]).toBe('yes');
    expect(rows[4]?.[7]).toBe('');
    expect(rows[0]?.slice(4)).toEqual(['', '', '', '']);
  });

  it('writes the timeline view as date, id, title in date order', () => {
    expect(formatChain(chain, outputSettings('csv'), 'gregory', 'timeline').split('\r\n').slice(0, 3)).toEqual([
      'date,id,title',
      '2014-09-08,b,خامنئي يخضع لجراحة',
      '2015-01-21,r,خامنئي يوجه رسالة',
    ]);
  });

  it('draws the tree with each story\'s facts, notes and markers', () => {
    const out = formatChain(chain, outputSettings('table'), 'gregory', 'tree').replace(/\n$/, '').split('\n');
    expect(out).toHaveLength(5);
    expect(out[0]).toContain('2015-01-21 · r');
    // c in full comes last, below its repeat under b
    expect(out[2]).toContain('2015-04-09 · c · ↓ below');
    expect(out[3]).toContain('not in archive');
    expect(out[4]).toContain('2015-04-09 · c · ← lists it ≈ 0.82');
  });

  it('draws the timeline as a table, stories outside the archive without a date', () => {
    const out = formatChain(chain, outputSettings('table', { lang: 'ar' }), 'gregory', 'timeline');
    expect(out).toContain('ليست في الأرشيف');
    expect(out).toContain('—');
    expect(out.indexOf('2014-09-08')).toBeLessThan(out.indexOf('2015-04-09'));
  });

  it('shows two stories that list each other as one mutual link', () => {
    const mutual: StoryChain = {
      root: 'r',
      nodes: chain.nodes.slice(0, 2),
      edges: [
        { from: 'r', to: 'b', headline: 'خامنئي يخضع لجراحة', how: 'exact', score: 1, direction: 'forward' },
        { from: 'b', to: 'r', headline: 'خامنئي يوجه رسالة', how: 'exact', score: 1, direction: 'backward' },
      ],
    };
    const rows = formatChain(mutual, outputSettings('tsv'), 'gregory', 'tree').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[6]).toBe('both');
    expect(formatChain(mutual, outputSettings('table'), 'gregory', 'tree')).toContain('↔ lists each other');
  });

  it('lists no rows for a story without related stories', () => {
    const alone: StoryChain = { root: 'r', nodes: chain.nodes.slice(0, 1), edges: [] };
    expect(formatChain(alone, outputSettings('tsv'), 'gregory', 'tree')).toBe('');
    expect(formatChain(alone, outputSettings('csv'), 'gregory', 'tree')).toBe('depth,id,date,title,how,score,direction,repeated\r\n');
  });
});
