import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCAPES, buildDemoIndexIn, runCli, tempDir, withIndex, type FakeIoOptions } from '../support/cli';

const tmp = tempDir('cmd-show');
const demoIndex = path.join(tmp.dir, 'demo');
const twinsIndex = path.join(tmp.dir, 'twins');
let ids: string[] = [];

function demo(extra: FakeIoOptions = {}): FakeIoOptions {
  return withIndex(demoIndex, extra);
}

beforeAll(() => {
  buildDemoIndexIn(demoIndex);
  const r = runCli(['search', 'خامنئي', '--json', '--limit', '100'], demo());
  ids = (JSON.parse(r.stdout) as Array<{ id: string }>).map((h) => h.id);
  // Two records whose ids share a long prefix, for the ambiguous case.
  const archive = path.join(tmp.dir, 'twins.json');
  writeFileSync(
    archive,
    JSON.stringify([
      { id: 'abcd-0001', title: 'الخبر الأول', body: 'نص الخبر الأول.' },
      { id: 'abcd-0002', title: 'الخبر الثاني', body: 'نص الخبر الثاني.' },
      { id: 'zz-9', title: 'خبر ثالث', body: 'نص ثالث.' },
    ]),
  );
  const built = runCli(['index', archive, '--index', twinsIndex, '--quiet']);
  if (built.code !== 0) throw new Error(built.stderr);
});
afterAll(() => tmp.remove());

interface ArticleJson {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  credits: string[];
  keywords: string[];
  url: string | null;
  author: string | null;
  body: Array<{ kind: 'paragraph' | 'heading'; text: string }>;
  related: string[];
  origin: { path: string; line?: number; record?: number };
}

function showJson(id: string, options = demo()): { code: number; article: ArticleJson | null; stderr: string } {
  const r = runCli(['show', id, '--json'], options);
  return { code: r.code, article: r.stdout ? (JSON.parse(r.stdout) as ArticleJson) : null, stderr: r.stderr };
}

describe('newsq show', () => {
  it('prints an article in full as JSON', () => {
    const { code, article, stderr } = showJson(ids[0]!);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(Object.keys(article!).sort()).toEqual(
      ['author', 'body', 'credits', 'date', 'id', 'keywords', 'origin', 'related', 'source', 'title', 'url'].sort(),
    );
    expect(article!.id).toBe(ids[0]);
    expect(article!.body.length).toBeGreaterThan(2);
    expect(article!.body.every((b) => (b.kind === 'paragraph' || b.kind === 'heading') && b.text.length > 0)).toBe(true);
    expect(article!.related.length).toBeGreaterThan(0);
    expect(article!.origin.path).toMatch(/data\/articles\/\d\d_[a-z0-9-]+\.txt$/);
    expect(article!.title).toMatch(/خامنئ/);
  });

  it('finds the article by a unique prefix of its id', () => {
    const full = showJson(ids[1]!);
    for (const len of [4, 6, 11]) {
      const byPrefix = showJson(ids[1]!.slice(0, len));
      // Four characters may be shared by two demo ids; longer prefixes are unique.
      if (len === 4 && byPrefix.code === 2) continue;
      expect(byPrefix).toEqual(full);
    }
  });

  it('prints the article as readable text on a terminal', () => {
    const r = runCli(['show', ids[0]!], demo({ isTTY: true, columns: 100, env: { NEWSQ_BIDI: 'off', NO_COLOR: '1' } }));
    expect(r.code).toBe(0);
    const { article } = showJson(ids[0]!);
    expect(r.stdout).toContain(article!.id);
    expect(r.stdout).toContain(article!.keywords[0]!);
    expect(r.stdout).not.toMatch(ESCAPES);
  });

  it('prints readable text when piped: headline, facts, paragraphs, keywords, related', () => {
    const r = runCli(['show', ids[0]!], demo());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPES);
    const { article } = showJson(ids[0]!);
    const a = article!;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(a.title);
    expect(lines[1]).toBe(`id: ${a.id}`);
    expect(lines[2]).toBe(`date: ${a.date!.slice(0, 10)} ${a.date!.slice(11, 16)}`);
    expect(lines[3]).toBe(`source: ${[a.source, ...a.credits].filter(Boolean).join(' + ')}`);
    // Every paragraph whole, on a line of its own after a blank line, in order.
    let at = 0;
    for (const block of a.body) {
      const found = lines.indexOf(block.text, at);
      expect(found, block.text).toBeGreaterThan(at);
      expect(lines[found - 1]).toBe('');
      at = found;
    }
    expect(r.stdout).toContain(`keywords: ${a.keywords.join(' · ')}`);
    for (const related of a.related) expect(lines).toContain(`• ${related}`);
    // In the run's language, and the Hijri date when asked.
    const ar = runCli(['show', ids[0]!, '--lang', 'ar', '--calendar', 'hijri'], demo()).stdout.split('\n');
    expect(ar[1]).toBe(`المعرف: ${a.id}`);
    expect(ar[2]).toMatch(/^التاريخ: 14\d\d-\d\d-\d\d \d\d:\d\d$/);
  });

  it('prints one TSV record with --format tsv: id, date, title, source, keywords, body', () => {
    const r = runCli(['show', ids[0]!, '--format', 'tsv'], demo());
    expect(r.code).toBe(0);
    const { article } = showJson(ids[0]!);
    const cols = r.stdout.replace(/\n$/, '').split('\t');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(cols.slice(0, 5)).toEqual([article!.id, article!.date, article!.title, article!.source ?? '', article!.keywords.join('|')]);
    expect(cols[5]).toContain(article!.body[0]!.text);
  });

  it('exits 2 for an ambiguous prefix, listing the candidates', () => {
    const r = runCli(['show', 'abcd'], { env: { NEWSQ_INDEX: twinsIndex } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('article id prefix "abcd" is ambiguous');
    expect(r.stderr).toContain('abcd-0001  الخبر الأول');
    expect(r.stderr).toContain('abcd-0002  الخبر الثاني');
  });

  it('takes an exact id even when it is also a prefix of others', () => {
    expect(showJson('abcd-0001', { env: { NEWSQ_INDEX: twinsIndex } }).article!.title).toBe('الخبر الأول');
  });

  it.each([
    ['an unknown id', '000000000000', ''],
    ['an unknown prefix', 'ffff0000', ''],
    ['a prefix shorter than four characters', 'zz-', '; an id prefix needs at least 4 characters'],
  ])('exits 1 for %s', (_name, id, hint) => {
    const r = runCli(['show', id], { env: { NEWSQ_INDEX: twinsIndex } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`newsq: no article with id "${id}" in ${twinsIndex}${hint}\n`);
  });

  it('says an id prefix needs four characters when a shorter one would match (show 99)', () => {
    const r = runCli(['show', ids[0]!.slice(0, 2)], demo());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('an id prefix needs at least 4 characters');
  });

  it('prints the Hijri day in TSV with --calendar hijri, as search does', () => {
    const id = ids[0]!;
    const shown = runCli(['show', id, '--format', 'tsv', '--calendar', 'hijri'], demo()).stdout.split('\t');
    const searched = runCli(['search', `"${showJson(id).article!.title}"`, '--format', 'tsv', '--calendar', 'hijri'], demo()).stdout.split('\n');
    const row = searched.map((l) => l.split('\t')).find((c) => c[0] === id)!;
    expect(shown[1]).toBe(row[1]);
    expect(shown[1]).toMatch(/^14\d\d-\d\d-\d\d$/);
  });

  it('exits 2 for a missing index', () => {
    const missing = path.join(tmp.dir, 'missing');
    const r = runCli(['show', ids[0]!, '--index', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`no index at ${missing.replace(/[/.]/g, '\\$&')}`));
  });

  it('exits 2 without an id', () => {
    const r = runCli(['show'], demo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'id'/);
  });
});
