import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article';
import { articleJson, dayLabel, formatArticle, formatHits, hitJson, snippetSpans, type HitView } from '../../src/output/articles';
import { outputSettings } from '../support/output-settings';

const article: Article = {
  id: 'a1',
  title: 'خامنئي يوجه رسالة إلى الشباب',
  date: '2015-01-21T10:05:00+03:00',
  body: [
    { kind: 'paragraph', text: 'الفقرة الأولى' },
    { kind: 'heading', text: 'عنوان فرعي' },
    { kind: 'paragraph', text: 'الفقرة الثانية' },
  ],
  source: 'سبق',
  credits: ['متابعات'],
  keywords: ['إيران', 'الشباب'],
  related: ['خبر ذو صلة'],
  url: 'https://example.org/a1',
  author: null,
  origin: { path: 'archive.zip:a1.txt', line: 1 },
};

const hit = (over: Partial<HitView> = {}): HitView => ({
  article,
  score: 12.3456789,
  title: { text: article.title, highlights: [[0, 6]] },
  snippet: { text: 'رسالة إلى الشباب في أوروبا', highlights: [[6, 9]] },
  ...over,
});

describe('dayLabel', () => {
  it('gives the local day of the ISO date, or an empty string when unknown', () => {
    expect(dayLabel('2015-01-21T23:59:00+03:00', 'gregory')).toBe('2015-01-21');
    expect(dayLabel(null, 'gregory')).toBe('');
    expect(dayLabel(null, 'hijri')).toBe('');
  });

  it('converts to the Umm al-Qura calendar within its span and keeps the Gregorian day outside it', () => {
    expect(dayLabel('2015-01-21T10:00:00+03:00', 'hijri')).toBe('1436-04-01');
    expect(dayLabel('2090-01-01T00:00:00+03:00', 'hijri')).toBe('2090-01-01');
  });
});

describe('snippetSpans', () => {
  it('marks exactly the highlighted ranges', () => {
    expect(snippetSpans({ text: 'abcdefg', highlights: [[0, 2], [4, 5]] })).toEqual([
      { text: 'ab', mark: true },
      { text: 'cd' },
      { text: 'e', mark: true },
      { text: 'fg' },
    ]);
    expect(snippetSpans({ text: '', highlights: [] })).toEqual([]);
  });

  it('joins back into the text, marked characters being those in a highlight', () => {
    const snippet = fc
      .tuple(fc.string({ maxLength: 30 }), fc.array(fc.nat(30), { maxLength: 8 }))
      .map(([text, cuts]) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const highlights: Array<[number, number]> = [];
        for (let i = 0; i + 1 < points.length; i += 2) highlights.push([points[i]!, points[i + 1]!]);
        return { text, highlights };
      });
    fc.assert(
      fc.property(snippet, (s) => {
        const spans = snippetSpans(s);
        expect(spans.map((x) => x.text).join('')).toBe(s.text);
        let at = 0;
        for (const span of spans) {
          const inside = s.highlights.some(([a, b]) => at >= a && at + span.text.length <= b);
          expect(span.mark === true).toBe(inside);
          expect(span.text.length).toBeGreaterThan(0);
          at += span.text.length;
        }
      }),
    );
  });
});

describe('articleJson and hitJson', () => {
  it('have the documented fields, and date_hijri only with the Hijri calendar', () => {
    expect(Object.keys(articleJson(article, 'gregory'))).toEqual(['id', 'title', 'date', 'source', 'credits', 'keywords', 'url']);
    expect(articleJson(article, 'hijri').date_hijri).toBe('1436-04-01');
    expect(articleJson({ ...article, date: null }, 'hijri').date_hijri).toBeNull();
  });

  it('rounds the score to six significant digits and keeps a null score', () => {
    expect(hitJson(hit(), 'gregory').score).toBe(12.3457);
    expect(hitJson(hit({ score: null }), 'gregory').score).toBeNull();
  });

  it('adds copies only when the hit has them', () => {
    expect(hitJson(hit(), 'gregory')).not.toHaveProperty('copies');
    expect(hitJson(hit({ copies: [{ id: 'b2', source: 'عكاظ' }] }), 'gregory').copies).toEqual([{ id: 'b2', source: 'عكاظ' }]);
  });
});

describe('formatHits', () => {
  it('writes JSON and NDJSON with the same objects', () => {
    const hits = [hit(), hit({ article: { ...article, id: 'a2' }, score: 1 })];
    const json = JSON.parse(formatHits(hits, outputSettings('json'), 'gregory')) as Array<Record<string, unknown>>;
    const nd = formatHits(hits, outputSettings('ndjson'), 'gregory')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json.map((h) => h.id)).toEqual(['a1', 'a2']);
    expect(nd).toEqual(json);
    expect(json[0]?.snippet).toEqual({ text: 'رسالة إلى الشباب في أوروبا', highlights: [[6, 9]] });
  });

  it('writes one TSV line per hit: id, day, title, source, snippet', () => {
    const out = formatHits([hit({ article: { ...article, source: null } })], outputSettings('tsv'), 'hijri');
    expect(out).toBe(`a1\t1436-04-01\t${article.title}\t\tرسالة إلى الشباب في أوروبا\n`);
  });

  it('writes a CSV header record', () => {
    expect(formatHits([hit()], outputSettings('csv'), 'gregory').split('\r\n')[0]).toBe('id,date,title,source,snippet');
  });

  it('draws a table with headers in the run\'s language and folded copies under the source', () => {
    const copies = [{ id: 'b2', source: 'عكاظ' }, { id: 'b3', source: 'سبق' }, { id: 'b4', source: null }];
    const en = formatHits([hit({ copies })], outputSettings('table'), 'gregory');
    expect(en).toContain('snippet');
    expect(en).toContain('+3: عكاظ');
    // the hit's own source (سبق) is not repeated among its copies
    expect(en).not.toMatch(/عكاظ، سبق/);
    const ar = formatHits([hit()], outputSettings('table', { lang: 'ar' }), 'gregory');
    expect(ar).toContain('المقتطف');
    expect(ar).not.toContain('snippet');
  });

  it('leaves out the snippet column when no hit has a snippet', () => {
    const out = formatHits([hit({ snippet: { text: '', highlights: [] } })], outputSettings('table'), 'gregory');
    expect(out).toContain('title');
    expect(out).not.toContain('snippet');
  });
});

describe('formatArticle', () => {
  it('writes the whole article as JSON, body blocks and origin included', () => {
    const json = JSON.parse(formatArticle(article, outputSettings('json'), 'gregory')) as Record<string, unknown>;
    expect(json.body).toEqual(article.body);
    expect(json.origin).toEqual(article.origin);
    expect(json.related).toEqual(['خبر ذو صلة']);
    expect(json.author).toBeNull();
  });

  it('writes one TSV record: keywords joined by |, the body as one field', () => {
    const fields = formatArticle(article, outputSettings('tsv'), 'gregory').replace(/\n$/, '').split('\t');
    expect(fields).toHaveLength(6);
    expect(fields[4]).toBe('إيران|الشباب');
    expect(fields[5]).toBe('الفقرة الأولى عنوان فرعي الفقرة الثانية');
  });

  it('prints the headline, a meta line, the body, keywords and related stories as text', () => {
    const out = formatArticle(article, outputSettings('table', { width: 80 }), 'gregory');
    const text = out.split('\n').map((l) => l.trim());
    expect(text[0]).toBe(article.title);
    expect(text).toContain('a1 · 2015-01-21 10:05 · سبق + متابعات');
    expect(text).toContain('keywords: إيران · الشباب');
    expect(text).toContain('Related stories');
    expect(text).toContain('• خبر ذو صلة');
  });

  it('leaves out empty parts in the table view', () => {
    const bare: Article = { ...article, date: null, source: null, credits: [], keywords: [], related: [] };
    const text = formatArticle(bare, outputSettings('table', { width: 80 }), 'gregory').split('\n').map((l) => l.trim());
    expect(text).toContain('a1');
    expect(text.join('\n')).not.toMatch(/keywords:|Related stories|·/);
  });
});
