import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESCAPES, runCli, useDemoIndex, type FakeIoOptions } from '../support/cli';

const { tmp, demo } = useDemoIndex('cmd-related');

interface ChainJson {
  root: string;
  nodes: Array<{ id: string; title: string; date: string | null; inArchive: boolean; depth: number; date_hijri?: string | null }>;
  edges: Array<{ from: string; to: string; headline: string; how: string; score: number; direction: string }>;
}

function relatedJson(args: string[], options: FakeIoOptions = demo()): { code: number; chain: ChainJson; stderr: string } {
  const r = runCli(['related', ...args, '--json'], options);
  return { code: r.code, chain: JSON.parse(r.stdout) as ChainJson, stderr: r.stderr };
}

const LETTER = '45a73cc51dcd';
const LETTER_TITLE = 'خامنئي يوجه رسالة إلى الشباب في أوروبا وأمريكا الشمالية';
const TALKS = '54172a987771';

describe('newsq related', () => {
  it('prints the chain as JSON: root, nodes to depth 2, edges with how they were resolved', () => {
    const { code, chain } = relatedJson([LETTER]);
    expect(code).toBe(0);
    expect(chain.root).toBe(LETTER);
    expect(chain.nodes[0]).toMatchObject({ id: LETTER, title: LETTER_TITLE, inArchive: true, depth: 0 });
    expect(Math.max(...chain.nodes.map((n) => n.depth))).toBe(2);
    expect(new Set(chain.nodes.map((n) => n.id)).size).toBe(chain.nodes.length);
    const ids = new Set(chain.nodes.map((n) => n.id));
    for (const e of chain.edges) {
      expect(Object.keys(e).sort()).toEqual(['direction', 'from', 'headline', 'how', 'score', 'to']);
      expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
      expect(['exact', 'close', 'none']).toContain(e.how);
    }
    const missing = chain.nodes.filter((n) => !n.inArchive);
    expect(missing.length).toBeGreaterThan(0);
    for (const n of missing) expect(n.date).toBeNull();
  });

  it('takes a unique id prefix or a headline (with spelling variants) for the article', () => {
    const full = relatedJson([LETTER]).chain;
    expect(relatedJson(['45a7']).chain).toEqual(full);
    expect(relatedJson([LETTER_TITLE]).chain).toEqual(full);
    expect(relatedJson(['«خامنئي»', 'يوجه', 'رسالة', 'الى', 'الشباب', 'في', 'اوروبا', 'وامريكا', 'الشمالية']).chain).toEqual(full);
  });

  it('exits 1 for a headline the archive does not hold, naming the closest ones', () => {
    const r = runCli(['related', 'خامنئي يزور مصنعا للسيارات'], demo());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no article with the id or headline/);
    expect(r.stderr).toMatch(/closest headlines:\n {2}[0-9a-f]{12}/);
  });

  it('exits 2 for a headline several articles share, listing them', () => {
    const file = path.join(tmp.dir, 'twice.json');
    const title = 'أوبك تبقي سقف إنتاجها دون تغيير';
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'aaaa1111', title, body: 'قررت أوبك الإبقاء على سقف الإنتاج', related: ['خبر غير موجود'] },
        { id: 'bbbb2222', title, body: 'أبقت المنظمة سقف إنتاجها كما هو' },
      ]),
    );
    const index = path.join(tmp.dir, 'twice');
    expect(runCli(['index', file, '--index', index, '--quiet']).code).toBe(0);
    const r = runCli(['related', title, '--index', index]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/matches 2 articles/);
    expect(r.stderr).toMatch(/aaaa1111/);
    expect(r.stderr).toMatch(/bbbb2222/);
    expect(runCli(['related', 'aaaa1111', '--index', index]).code).toBe(0);
  });

  it('follows only the links of the article with --depth 1', () => {
    const { chain } = relatedJson([LETTER, '--depth', '1']);
    expect(chain.edges.every((e) => e.from === LETTER)).toBe(true);
    expect(chain.nodes.slice(1).every((n) => n.depth === 1)).toBe(true);
  });

  it('adds the articles whose lists name it with --backlinks', () => {
    const plain = relatedJson([TALKS, '--depth', '1']).chain;
    const back = relatedJson([TALKS, '--depth', '1', '--backlinks']).chain;
    const incoming = back.edges.filter((e) => e.direction === 'backward');
    expect(incoming.length).toBeGreaterThan(0);
    for (const e of incoming) {
      expect(e.to).toBe(TALKS);
      expect(plain.edges.some((p) => p.from === e.from)).toBe(false);
    }
  });

  it('prints the whole story in date order with --timeline', () => {
    const r = runCli(['related', TALKS, '--timeline'], demo());
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split('\t'));
    const dated = rows.filter((c) => c[0] !== '');
    expect(dated.map((c) => c[0])).toEqual(dated.map((c) => c[0]).sort());
    expect(rows.slice(dated.length).every((c) => c[1]!.startsWith('ext:'))).toBe(true);
    // Without --depth the timeline follows every link: more than the depth-2 tree holds.
    expect(rows.length).toBeGreaterThan(relatedJson([TALKS]).chain.nodes.length);
    expect(rows.length).toBe(relatedJson([TALKS, '--depth', '99']).chain.nodes.length);
  });

  it('bounds --backlinks --timeline to depth 2 unless --depth is given, and says how to widen it', () => {
    const r = runCli(['related', LETTER, '--backlinks', '--timeline'], demo());
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--depth N follows further');
    const bounded = r.stdout.trimEnd().split('\n').length;
    expect(bounded).toBe(relatedJson([LETTER, '--backlinks', '--depth', '2']).chain.nodes.length);
    const wide = runCli(['related', LETTER, '--backlinks', '--timeline', '--depth', '99'], demo());
    expect(wide.stderr).toBe('');
    expect(wide.stdout.trimEnd().split('\n').length).toBeGreaterThan(bounded);
  });

  it('shows a mutual link once in the tree, and a repeated story as below when its full entry is below', () => {
    const env = { NO_COLOR: '1', NEWSQ_BIDI: 'off' };
    const tree = runCli(['related', LETTER, '--depth', '1', '--backlinks'], demo({ isTTY: true, columns: 160, env }));
    expect(tree.stdout).toContain('↔ lists each other');
    const lines = tree.stdout.trimEnd().split('\n');
    const ids = lines.map((l) => /[0-9a-f]{12}/.exec(l)?.[0]).filter(Boolean);
    expect(ids).toEqual([...new Set(ids)]);
    const tsv = runCli(['related', LETTER, '--depth', '1', '--backlinks'], demo()).stdout.trimEnd().split('\n');
    expect(tsv.filter((l) => l.split('\t')[6] === 'both').length).toBeGreaterThan(0);
    const deep = runCli(['related', LETTER], demo({ isTTY: true, columns: 160, env })).stdout.trimEnd().split('\n');
    const below = deep.findIndex((l) => l.includes('↓ below'));
    expect(below).toBeGreaterThan(0);
    const id = /[0-9a-f]{12}/.exec(deep[below]!)![0];
    expect(deep.slice(below + 1).some((l) => l.includes(id) && !l.includes('↑ above') && !l.includes('↓ below'))).toBe(true);
  });

  it('draws a tree on a terminal, missing stories marked', () => {
    const r = runCli(['related', LETTER, '--depth', '1'], demo({ isTTY: true, columns: 140, env: { NO_COLOR: '1', NEWSQ_BIDI: 'off' } }));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPES);
    expect(r.stdout).toMatch(/──[┤┘]/);
    expect(r.stdout).toMatch(/not in archive/);
    expect(r.stdout.split('\n')[0]).toContain(LETTER_TITLE);
  });

  it('links by content with --similar, at most --limit per article', () => {
    const { code, chain } = relatedJson([TALKS, '--similar', '--limit', '2']);
    expect(code).toBe(0);
    expect(chain.edges.length).toBeGreaterThan(0);
    for (const e of chain.edges) expect(e.how).toBe('similar');
    const per = new Map<string, number>();
    for (const e of chain.edges) per.set(e.from, (per.get(e.from) ?? 0) + 1);
    for (const n of per.values()) expect(n).toBeLessThanOrEqual(2);
    expect(chain.nodes.every((n) => n.inArchive)).toBe(true);
  });

  it('keeps to --since/--until (the starting article always stays)', () => {
    const { chain } = relatedJson([LETTER, '--since', '2015-06']);
    for (const n of chain.nodes.slice(1)) if (n.inArchive) expect(n.date! >= '2015-06').toBe(true);
    expect(chain.nodes[0]!.id).toBe(LETTER);
  });

  it('adds Hijri dates with --calendar hijri', () => {
    const { chain } = relatedJson([LETTER, '--depth', '1', '--calendar', 'hijri']);
    expect(chain.nodes[0]!.date_hijri).toBe('1436-04-01');
  });

  it('exits 1 with a hint for an article without a related list; backlinks may still reach it', () => {
    const ALEPPO = '6a4ec007cdf4'; // الجيش السوري يعلن استعادة السيطرة على حلب بالكامل: no list
    const r = runCli(['related', ALEPPO], demo());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no related-story list; --similar/);
    const json = relatedJson([ALEPPO]);
    expect(json.code).toBe(1);
    expect(json.chain.edges).toEqual([]);
    const back = relatedJson([ALEPPO, '--backlinks', '--depth', '1']);
    expect(back.code).toBe(0);
    expect(back.chain.edges.every((e) => e.to === ALEPPO && e.direction === 'backward')).toBe(true);
  });
});
