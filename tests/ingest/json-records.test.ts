import { describe, expect, it } from 'vitest';
import {
  jsonErrorLine,
  lineOfOffset,
  parseFieldMap,
  readRecordDate,
  recordToArticle,
  recordsOf,
  type RecordArticle,
  type RecordResult,
} from '../../src/ingest/json-records';

const OFFSET = '+03:00';

function ok(r: RecordResult): { article: RecordArticle; warnings: string[] } {
  if (!r.ok) throw new Error(`record refused: ${r.reason}`);
  return r;
}

describe('readRecordDate', () => {
  it.each<[string, unknown, string]>([
    ['SaudiNewsNet local date and time', '2015-07-23 10:15:00', '2015-07-23T10:15:00+03:00'],
    ['a bare day (midnight local)', '2015-07-23', '2015-07-23T00:00:00+03:00'],
    ['local ISO without seconds', '2015-07-23T10:15', '2015-07-23T10:15:00+03:00'],
    ['UTC, shifted to the archive offset', '2015-07-23T07:15:00Z', '2015-07-23T10:15:00+03:00'],
    ['UTC across midnight', '2015-07-23T22:30:00Z', '2015-07-24T01:30:00+03:00'],
    ['another offset, shifted', '2015-07-23T10:15:00-05:00', '2015-07-23T18:15:00+03:00'],
    ['an offset without colon and fractional seconds', '2015-07-23T10:15:00.250+0300', '2015-07-23T10:15:00+03:00'],
    ['epoch seconds', 1437646500, '2015-07-23T13:15:00+03:00'],
    ['epoch milliseconds', 1437646500000, '2015-07-23T13:15:00+03:00'],
    ['an Arabic date line', 'الخميس 23 يوليو 2015 10:15 ص', '2015-07-23T10:15:00+03:00'],
  ])('reads %s', (_name, value, iso) => {
    expect(readRecordDate(value, OFFSET)).toEqual({ iso });
  });

  it('writes the local time of the offset it is given', () => {
    expect(readRecordDate('2015-07-23T07:15:00Z', '-04:00')).toEqual({ iso: '2015-07-23T03:15:00-04:00' });
    expect(readRecordDate('2015-07-23 10:15:00', '+05:30')).toEqual({ iso: '2015-07-23T10:15:00+05:30' });
  });

  it.each<[string, unknown, RegExp]>([
    ['a day that does not exist', '2015-02-30', /no such day: 2015-02-30/],
    ['an hour that does not exist', '2015-07-23 24:00', /no such time: 24:00/],
    ['a word', 'غدا', /unreadable date "غدا"/],
    ['an empty string', '', /empty date/],
    ['blanks', '   ', /empty date/],
    ['a boolean', true, /unreadable date/],
  ])('refuses %s with a reason', (_name, value, reason) => {
    const r = readRecordDate(value, OFFSET);
    expect('error' in r && r.error).toMatch(reason);
  });
});

describe('recordToArticle', () => {
  it('reads a SaudiNewsNet record (source, url, date_extracted, title, author, content)', () => {
    const { article, warnings } = ok(
      recordToArticle(
        {
          source: 'sabq',
          url: ' https://sabq.org/xyz ',
          date_extracted: '2015-07-23 10:15:00',
          title: '  عنوان \n الخبر ',
          author: 'محرر سبق',
          content: 'الفقرة الأولى\nتكملتها\n\n  الفقرة الثانية  \n\n\n',
        },
        {},
        OFFSET,
      ),
    );
    expect(warnings).toEqual([]);
    expect(article).toEqual({
      id: null,
      title: 'عنوان الخبر',
      date: '2015-07-23T10:15:00+03:00',
      body: [
        { kind: 'paragraph', text: 'الفقرة الأولى تكملتها' },
        { kind: 'paragraph', text: 'الفقرة الثانية' },
      ],
      keywords: null,
      keywordLine: null,
      related: [],
      source: 'سبق',
      url: 'https://sabq.org/xyz',
      author: 'محرر سبق',
    });
  });

  it.each<[string, Record<string, unknown>, Partial<RecordArticle>]>([
    ['an empty title keeps the body', { title: '', content: 'نص الخبر', author: '', url: '' }, { title: '', author: null, url: null }],
    ['an empty body keeps the title', { title: 'عنوان', content: '', author: 'x' }, { body: [], author: 'x' }],
    ['an empty author and source become null', { title: 'عنوان', content: 'نص', author: '  ', source: '' }, { author: null, source: null }],
    ['null fields are skipped', { title: 'عنوان', content: 'نص', date_extracted: null, author: null }, { date: null, author: null }],
  ])('%s', (_name, record, expected) => {
    expect(ok(recordToArticle(record, {}, OFFSET)).article).toMatchObject(expected);
  });

  it('refuses a record with neither title nor body', () => {
    expect(recordToArticle({ title: ' ', content: '\n\n', url: 'https://sabq.org/1' }, {}, OFFSET)).toEqual({
      ok: false,
      reason: 'no title and no body',
    });
  });

  it.each([[[1]], ['text'], [null], [42]])('refuses %j: not a JSON object', (value) => {
    expect(recordToArticle(value, {}, OFFSET)).toEqual({ ok: false, reason: 'not a JSON object' });
  });

  it('keeps an article with an unreadable date, with a warning', () => {
    const { article, warnings } = ok(recordToArticle({ title: 'عنوان', body: 'نص', date: 'أمس' }, {}, OFFSET));
    expect(article.date).toBeNull();
    expect(warnings).toEqual(['unreadable date "أمس"; article kept without a date']);
  });

  it('finds fields under their common names', () => {
    const { article } = ok(
      recordToArticle(
        { headline: 'عنوان', text: ['فقرة', '  ', 'أخرى'], published: '2015-01-01', _id: 'abc-1', tags: ['إيران'], link: 'https://x/1', byline: 'م' },
        {},
        OFFSET,
      ),
    );
    expect(article).toMatchObject({
      id: 'abc-1',
      title: 'عنوان',
      date: '2015-01-01T00:00:00+03:00',
      body: [
        { kind: 'paragraph', text: 'فقرة' },
        { kind: 'paragraph', text: 'أخرى' },
      ],
      keywords: ['إيران'],
      url: 'https://x/1',
      author: 'م',
    });
  });

  it('follows a field map over the default names', () => {
    const map = parseFieldMap('title=h,body=b,date=when,keywords=labels');
    const { article } = ok(recordToArticle({ h: 'العنوان الحقيقي', b: 'نص', title: 'ليس هذا', when: '2015-03-01', labels: ['أ', 'ب'] }, map, OFFSET));
    expect(article).toMatchObject({ title: 'العنوان الحقيقي', date: '2015-03-01T00:00:00+03:00', keywords: ['أ', 'ب'] });
  });

  it('reads nothing for a mapped field the record lacks (no fallback to default names)', () => {
    const r = recordToArticle({ title: 'عنوان', content: 'نص' }, { body: 'missing' }, OFFSET);
    expect(ok(r).article.body).toEqual([]);
  });

  it.each<[string, unknown, string[] | null, string | null]>([
    ['a list', ['إيران', ' ', 'طهران '], ['إيران', 'طهران'], null],
    ['a line with Arabic commas', 'إيران، طهران، الدولة الإسلامية', ['إيران', 'طهران', 'الدولة الإسلامية'], null],
    ['a line with pipes', 'إيران|طهران', ['إيران', 'طهران'], null],
    ['a space-separated line (left to the splitter)', 'إيران طهران الدولة الإسلامية', null, 'إيران طهران الدولة الإسلامية'],
  ])('takes keywords from %s', (_name, keywords, list, line) => {
    const { article } = ok(recordToArticle({ title: 'ع', body: 'ن', keywords }, {}, OFFSET));
    expect(article.keywords).toEqual(list);
    expect(article.keywordLine).toBe(line);
  });

  it('takes related headlines from a list or from lines', () => {
    expect(ok(recordToArticle({ title: 'ع', related: ['أ', ' ب '] }, {}, OFFSET)).article.related).toEqual(['أ', 'ب']);
    expect(ok(recordToArticle({ title: 'ع', related: 'أ\n\n ب\n' }, {}, OFFSET)).article.related).toEqual(['أ', 'ب']);
  });

  it.each<[string, unknown, string | null, number]>([
    ['a plain id', 'nyt-2015-0001', 'nyt-2015-0001', 0],
    ['a numeric id', 42, '42', 0],
    ['an id with spaces', 'has space', null, 1],
    ['an id with a control character', 'a\u0007b', null, 1],
    ['an id too long', 'x'.repeat(129), null, 1],
  ])('uses %s only when it is usable', (_name, id, expected, warningCount) => {
    const { article, warnings } = ok(recordToArticle({ id, title: 'ع', body: 'ن' }, {}, OFFSET));
    expect(article.id).toBe(expected);
    expect(warnings).toHaveLength(warningCount);
  });
});

describe('parseFieldMap', () => {
  it('reads field=name pairs, spaces allowed', () => {
    expect(parseFieldMap('title=headline, body = text,date=published')).toEqual({ title: 'headline', body: 'text', date: 'published' });
  });

  it.each(['title', 'foo=bar', 'title=', '=x', 'Title=x'])('refuses "%s", naming it', (spec) => {
    expect(() => parseFieldMap(spec)).toThrow(new RegExp(`bad field mapping "${spec}"`));
  });
});

describe('recordsOf', () => {
  it.each<[string, unknown, number]>([
    ['an array', [{ a: 1 }, { a: 2 }], 2],
    ['an object with articles', { meta: {}, articles: [{}, {}, {}] }, 3],
    ['an object with records', { records: [{}] }, 1],
    ['an object with data', { data: [{}, {}] }, 2],
    ['a single record', { title: 'x' }, 1],
    ['an empty array', [], 0],
  ])('finds the records of %s', (_name, json, count) => {
    expect(recordsOf(json)).toHaveLength(count);
  });
});

describe('JSON error positions', () => {
  it('turns the parser\'s offset into a line number', () => {
    const text = '[\n{"a": 1},\n{"a": 2,}\n]';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(jsonErrorLine(text, err)).toBe(3);
  });

  it('counts lines from 1', () => {
    expect(lineOfOffset('a\nb\nc', 0)).toBe(1);
    expect(lineOfOffset('a\nb\nc', 2)).toBe(2);
    expect(lineOfOffset('a\nb\nc', 4)).toBe(3);
  });
});
