import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article';
import { DEFAULT_FIELDS, HIT_FIELDS, articleJson, dayLabel, formatArticle, formatArticleText, formatHits, hitJson, parseFields, snippetSpans, type HitView } from '../../src/output/articles';
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

  it('writes a CSV header record naming the default fields, more of them than TSV has', () => {
    expect(formatHits([hit()], outputSettings('csv'), 'gregory').split('\r\n')[0]).toBe(DEFAULT_FIELDS.csv.join(','));
    expect(DEFAULT_FIELDS.csv.length).toBeGreaterThan(DEFAULT_FIELDS.tsv.length);
    expect(formatHits([hit()], outputSettings('tsv', { header: true }), 'gregory').split('\n')[0]).toBe(DEFAULT_FIELDS.tsv.join('\t'));
  });

  it('prints the fields asked for, in their order: lists joined by |, the time of day, the rounded score', () => {
    const fields = parseFields('score,time,keywords,credits,author,url');
    expect(formatHits([hit()], outputSettings('tsv'), 'gregory', fields)).toBe('12.3457\t10:05\tإيران|الشباب\tمتابعات\t\thttps://example.org/a1\n');
    expect(formatHits([hit({ score: null, article: { ...article, date: null } })], outputSettings('tsv'), 'gregory', ['score', 'time', 'id'])).toBe('\t\ta1\n');
  });

  it('draws only the fields asked for on a terminal', () => {
    const out = formatHits([hit()], outputSettings('table'), 'gregory', ['id', 'url']);
    expect(out).toContain('url');
    expect(out).toContain('https://example.org/a1');
    expect(out).not.toContain('title');
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

describe('parseFields', () => {
  it('reads a comma-separated list of known fields, in any case, ignoring spaces and empty items', () => {
    expect(parseFields('id, DATE,,title')).toEqual(['id', 'date', 'title']);
    expect(parseFields(HIT_FIELDS.join(','))).toEqual([...HIT_FIELDS]);
  });

  it('names the fields there are when one is unknown or none is given', () => {
    expect(() => parseFields('id,body')).toThrow(/unknown field "body".*id, date, time/);
    expect(() => parseFields(' , ')).toThrow(/at least one of/);
  });
});

describe('formatArticle as TSV in the Hijri calendar', () => {
  it('prints the day as search prints it', () => {
    expect(formatArticle(article, outputSettings('tsv'), 'hijri').split('\t')[1]).toBe('1436-04-01');
    expect(formatArticle(article, outputSettings('tsv'), 'gregory').split('\t')[1]).toBe(article.date);
  });
});

describe('formatArticleText', () => {
  it('prints the headline, one line per fact, paragraphs unwrapped, keywords and related stories', () => {
    const lines = formatArticleText({ ...article, author: 'محرر' }, 'gregory', 'en').split('\n');
    expect(lines.slice(0, 6)).toEqual([article.title, 'id: a1', 'date: 2015-01-21 10:05', 'source: سبق + متابعات', 'author: محرر', 'url: https://example.org/a1']);
    expect(lines).toContain('الفقرة الأولى');
    expect(lines).toContain('keywords: إيران · الشباب');
    expect(lines.slice(-3)).toEqual(['Related stories:', '• خبر ذو صلة', '']);
  });

  it('leaves out missing facts, labels them in the run\'s language and keeps each paragraph on one sanitized line', () => {
    const bare = { ...article, date: null, url: null, source: null, credits: [], body: [{ kind: 'paragraph' as const, text: 'سطر\nثان\x1b[2J' }], keywords: [], related: [] };
    expect(formatArticleText(bare, 'gregory', 'ar')).toBe(`${article.title}\nالمعرف: a1\n\nسطر ثان\n`);
  });
});
