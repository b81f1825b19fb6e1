import { describe, expect, it } from 'vitest';
import { bodyText, type Article } from '../../src/model/article';
import { decodeStoredRecord, encodeStoredRecord, originForIndex, originFromIndex } from '../../src/index/stored-record';

function article(body: Article['body'], extra: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    title: 'عنوان الخبر',
    date: '2014-11-07T07:11:00+03:00',
    body,
    source: 'الوكالة',
    credits: ['متابعات'],
    keywords: ['إيران', 'الدولة الإسلامية'],
    related: ['خبر ذو صلة'],
    url: 'https://example.org/1',
    author: null,
    origin: { path: 'archive.zip:day.txt', line: 12 },
    ...extra,
  };
}

describe('stored records', () => {
  it.each([
    ['paragraphs and a heading', [{ kind: 'paragraph', text: 'الفقرة الأولى.' }, { kind: 'heading', text: 'عنوان فرعي' }, { kind: 'paragraph', text: 'الفقرة الثانية، وفيها «اقتباس».' }]],
    ['no body', []],
    ['empty blocks', [{ kind: 'paragraph', text: '' }, { kind: 'paragraph', text: '' }]],
    ['blank lines, newlines and a leading newline inside blocks', [{ kind: 'paragraph', text: '\nسطر\n\nسطر آخر\n' }, { kind: 'paragraph', text: '\n\n' }]],
    ['JSON-looking text, quotes and controls', [{ kind: 'paragraph', text: '{"body":[[0,3]]}\n"\\u2028" \u2028\u0000\t' }]],
    ['emoji and combining marks', [{ kind: 'heading', text: 'خبر 📰 عاجل' }, { kind: 'paragraph', text: 'الكِتَابُ' }]],
  ] as Array<[string, Article['body']]>)('give back the article and the joined body exactly (%s)', (_, body) => {
    const a = article(body);
    const { article: back, body: text } = decodeStoredRecord(encodeStoredRecord(a));
    expect(back).toEqual(a);
    expect(text).toBe(bodyText(a));
  });

  it('give back lone surrogates exactly through the UTF-8 the store writes (an emoji cut in half by an exporter)', () => {
    for (const text of ['خبر \ud83d عاجل', 'بداية \udc4d', 'نص سليم 👍 ثم \ud83d']) {
      const a = article([{ kind: 'paragraph', text: 'فقرة أولى' }, { kind: 'paragraph', text }]);
      const record = Buffer.from(encodeStoredRecord(a), 'utf8').toString('utf8');
      const back = decodeStoredRecord(record);
      expect(back.article).toEqual(a);
      expect(back.body).toBe(bodyText(a));
    }
  });

  it('refuse at writing a block of a kind the record has no code for', () => {
    const a = article([{ kind: 'caption' as 'paragraph', text: 'نص' }]);
    expect(() => encodeStoredRecord(a)).toThrow(/unknown kind/);
  });

  it('keep every other field as JSON does (nulls, missing optional fields)', () => {
    const a = article([{ kind: 'paragraph', text: 'نص' }], { date: null, source: null, url: null, origin: { path: 'x.jsonl', record: 3 } });
    expect(decodeStoredRecord(encodeStoredRecord(a)).article).toEqual(a);
  });

  it.each([
    ['no newline', (r: string) => r.slice(0, r.indexOf('\n'))],
    ['a header that is not JSON', (r: string) => `{${r}`],
    ['a header without blocks', (r: string) => `{"id":"a"}\n${r.slice(r.indexOf('\n') + 1)}`],
    ['a body cut short', (r: string) => r.slice(0, -3)],
    ['text after the last block', (r: string) => `${r}!`],
    ['a block length that is not a whole number', (r: string) => r.replace('[0,5]', '[0,5.5]')],
    ['an unknown block kind', (r: string) => r.replace('[0,5]', '[7,5]')],
    ['no blank line between blocks', (r: string) => r.replace('أولى.\n\nثانية', 'أولى.\nxثانية')],
    ['null for a header', (r: string) => `null\n${r.slice(r.indexOf('\n') + 1)}`],
    ['a kind written as a string', (r: string) => r.replace('[0,5]', '["0",5]')],
    ['a body both in the header and after it', (r: string) => r.replace('"body":[', '"bodyText":"x","body":[')],
  ])('refuse a damaged record: %s', (_, damage) => {
    const record = encodeStoredRecord(article([{ kind: 'paragraph', text: 'أولى.' }, { kind: 'paragraph', text: 'ثانية' }]));
    expect(record).toContain('[0,5]');
    const damaged = damage(record);
    expect(damaged).not.toBe(record);
    expect(() => decodeStoredRecord(damaged)).toThrow(Error);
  });

  it('make the body and its blocks slices of the record, not a JSON copy of each paragraph', () => {
    // The header holds only kinds and lengths: no paragraph text is written twice.
    const a = article([{ kind: 'paragraph', text: 'نص فريد لا يتكرر' }]);
    const record = encodeStoredRecord(a);
    expect(record.split('نص فريد لا يتكرر').length).toBe(2);
    expect(record.slice(0, record.indexOf('\n'))).toContain('"body":[[0,16]]');
  });
});

describe('origins relative to the index', () => {
  it('stores a file path relative to the index folder and reads it back as the same path', () => {
    const stored = originForIndex({ path: '/srv/archive/2015/a.json', record: 3 }, '/srv/indexes/main');
    expect(stored).toEqual({ path: '../../archive/2015/a.json', record: 3 });
    expect(originFromIndex(stored, '/srv/indexes/main')).toEqual({ path: '/srv/archive/2015/a.json', record: 3 });
    // Moved together, the index finds the archive where it now is.
    expect(originFromIndex(stored, '/home/u/copy/indexes/main').path).toBe('/home/u/copy/archive/2015/a.json');
  });

  it('keeps standard input, and an absolute path an older index stored, as they are', () => {
    expect(originForIndex({ path: '<stdin>', line: 2 }, '/srv/i')).toEqual({ path: '<stdin>', line: 2 });
    expect(originFromIndex({ path: '<stdin>' }, '/srv/i')).toEqual({ path: '<stdin>' });
    expect(originFromIndex({ path: '/old/abs.txt' }, '/srv/i')).toEqual({ path: '/old/abs.txt' });
  });
});
