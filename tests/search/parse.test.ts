import { describe, expect, it } from 'vitest';
import { QuerySyntaxError, parseQuery, type QueryNode } from '../../src/search/parse';

/**
 * A compact rendering of a parse tree: words as text (with * or ~N), phrases in quotes,
 * fields as field:value, NOT as -x, and AND / OR as bracketed lists.
 */
function show(n: QueryNode): string {
  switch (n.type) {
    case 'word': {
      const suffix = n.prefix ? '*' : n.fuzzy !== null ? `~${n.fuzzy}` : '';
      return `${n.field === 'title' ? 'title:' : ''}${n.text}${suffix}`;
    }
    case 'phrase':
      return `${n.field === 'title' ? 'title:' : ''}"${n.text}"`;
    case 'tag':
    case 'source':
    case 'author':
    case 'date':
      return `${n.type}:${n.value}`;
    case 'not':
      return `-${show(n.child)}`;
    case 'and':
    case 'or':
      return `${n.type.toUpperCase()}(${n.children.map(show).join(' ')})`;
  }
}

describe('parseQuery: the language', () => {
  it.each([
    // [query, tree]
    ['خامنئي', 'خامنئي'],
    ['خامنئي رسالة', 'AND(خامنئي رسالة)'],
    ['خامنئي AND رسالة', 'AND(خامنئي رسالة)'],
    ['خامنئي && رسالة', 'AND(خامنئي رسالة)'],
    ['إيران OR طهران', 'OR(إيران طهران)'],
    ['إيران | طهران', 'OR(إيران طهران)'],
    ['إيران || طهران', 'OR(إيران طهران)'],
    ['إيران -العراق', 'AND(إيران -العراق)'],
    ['إيران NOT العراق', 'AND(إيران -العراق)'],
    ['-إيران', '-إيران'],
    ['-إيران -العراق', 'AND(-إيران -العراق)'],
    ['NOT NOT إيران', '--إيران'],
    ['"الدولة الإسلامية"', '"الدولة الإسلامية"'],
    ['«الدولة الإسلامية»', '"الدولة الإسلامية"'],
    ['“الدولة الإسلامية”', '"الدولة الإسلامية"'],
    ['”الدولة الإسلامية”', '"الدولة الإسلامية"'],
    ['رسالة "الدولة الإسلامية"', 'AND(رسالة "الدولة الإسلامية")'],
    ['مفاوض*', 'مفاوض*'],
    ['خامنئى~', 'خامنئى~0.2'],
    ['خامنئى~2', 'خامنئى~2'],
    ['خامنئى~0.3', 'خامنئى~0.3'],
    ['title:خامنئي', 'title:خامنئي'],
    ['TITLE:خامنئي', 'title:خامنئي'],
    ['title:مفاوض*', 'title:مفاوض*'],
    ['title:"رسالة سرية"', 'title:"رسالة سرية"'],
    ['tag:"الدولة الإسلامية"', 'tag:الدولة الإسلامية'],
    ['tag:«الدولة الإسلامية»', 'tag:الدولة الإسلامية'],
    ['tag:إيران', 'tag:إيران'],
    ['source:الخليج', 'source:الخليج'],
    ['date:2014-11..2015-01', 'date:2014-11..2015-01'],
    ['date:"نوفمبر 2014"', 'date:نوفمبر 2014'],
    ['https://example.com', 'https://example.com'],
    ['co-operation', 'co-operation'],
    ['a-b -c', 'AND(a-b -c)'],
    ['((((إيران))))', 'إيران'],
    ['  إيران   طهران  ', 'AND(إيران طهران)'],
  ])('%s', (query, tree) => {
    expect(show(parseQuery(query))).toBe(tree);
  });
});

describe('parseQuery: precedence', () => {
  it.each([
    // OR binds looser than AND (explicit or implied).
    ['a OR b c', 'OR(a AND(b c))'],
    ['a b OR c', 'OR(AND(a b) c)'],
    ['a AND b OR c AND d', 'OR(AND(a b) AND(c d))'],
    ['a && b || c', 'OR(AND(a b) c)'],
    // NOT and - bind tighter than AND and OR.
    ['-a b', 'AND(-a b)'],
    ['NOT a OR b', 'OR(-a b)'],
    ['a OR NOT b c', 'OR(a AND(-b c))'],
    // Parentheses group.
    ['(a OR b) c', 'AND(OR(a b) c)'],
    ['(إيران OR طهران) -نووي', 'AND(OR(إيران طهران) -نووي)'],
    ['a (b OR c) d', 'AND(a OR(b c) d)'],
    ['-(a OR b)', '-OR(a b)'],
    ['NOT (a b)', '-AND(a b)'],
    ['((a OR b) (c OR d)) OR e', 'OR(AND(OR(a b) OR(c d)) e)'],
    // Operators are upper case: lower-case or is a word.
    ['a or b', 'AND(a or b)'],
    ['a and b', 'AND(a and b)'],
  ])('%s', (query, tree) => {
    expect(show(parseQuery(query))).toBe(tree);
  });
});

describe('parseQuery: positions', () => {
  it('records where each word, field and operator starts', () => {
    const tree = parseQuery('(إيران OR طهران) -نووي');
    expect(tree).toEqual({
      type: 'and',
      children: [
        {
          type: 'or',
          children: [
            { type: 'word', text: 'إيران', prefix: false, fuzzy: null, field: 'any', pos: 1 },
            { type: 'word', text: 'طهران', prefix: false, fuzzy: null, field: 'any', pos: 10 },
          ],
        },
        { type: 'not', pos: 17, child: { type: 'word', text: 'نووي', prefix: false, fuzzy: null, field: 'any', pos: 18 } },
      ],
    });
  });

  it('points field nodes at the field name', () => {
    expect(parseQuery('إيران tag:"الدولة الإسلامية"')).toMatchObject({ children: [{ pos: 0 }, { type: 'tag', pos: 6 }] });
    expect(parseQuery('x date:2015')).toMatchObject({ children: [{ pos: 0 }, { type: 'date', value: '2015', pos: 2 }] });
  });
});

describe('parseQuery: syntax errors and their positions', () => {
  it.each<[string, number, RegExp]>([
    ['', 0, /empty query/],
    ['   ', 0, /empty query/],
    ['إيران OR', 6, /OR needs a term after it/],
    ['OR إيران', 0, /expected a term before OR/],
    ['إيران AND', 6, /AND needs a term after it/],
    ['AND إيران', 0, /expected a term before AND/],
    ['إيران OR OR طهران', 6, /OR needs a term after it/],
    ['إيران AND OR طهران', 6, /AND needs a term after it/],
    ['(إيران', 0, /missing "\)" to close this "\("/],
    ['إيران (طهران OR (نووي)', 6, /missing "\)"/],
    ['إيران)', 5, /unexpected "\)" without a matching "\("/],
    ['إيران ()', 6, /empty parentheses/],
    ['(إيران OR )', 7, /OR needs a term after it/],
    ['"الدولة الإسلامية', 0, /unterminated phrase: no closing "/],
    ['إيران «الدولة', 6, /unterminated phrase: no closing »/],
    ['""', 0, /empty phrase/],
    // A field that does not exist is refused, naming the fields there are.
    ['إيران foo:bar', 6, /unknown field "foo:"; the fields are title: tag: source: author: date:/],
    ['"a b"~51', 5, /at most ~50/],
    ['NOT', 0, /NOT needs a term after it/],
    ['إيران NOT', 6, /NOT needs a term after it/],
    ['*', 0, /a prefix needs some letters before \*/],
    ['مف*اوض', 2, /\* is only allowed at the end of a word/],
    ['إيران ~', 6, /a fuzzy term needs letters before ~/],
    ['~2', 0, /a fuzzy term needs letters before ~/],
    ['خامنئي~7', 6, /fuzzy distance/],
    ['خامنئي~0', 6, /fuzzy distance must be 1–6 edits/],
    ['title:', 0, /title: needs a value right after the colon/],
    ['إيران title: خامنئي', 6, /title: needs a value right after the colon/],
    ['tag:""', 4, /empty tag: value/],
    ['tag:(إيران)', 0, /tag: needs a value/],
  ])('%j fails at %i', (query, position, message) => {
    let err: unknown;
    try {
      parseQuery(query);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuerySyntaxError);
    expect((err as QuerySyntaxError).position).toBe(position);
    expect((err as QuerySyntaxError).message).toMatch(message);
  });

  it('refuses a fuzzy distance that is neither a fraction below 1 nor a whole number', () => {
    expect(() => parseQuery('خامنئي~1.5')).toThrow(QuerySyntaxError);
  });

  it('refuses parentheses nested deeper than 64, at the 65th', () => {
    const deep = '('.repeat(65) + 'a' + ')'.repeat(65);
    expect(() => parseQuery(deep)).toThrow(/nested deeper than 64/);
    try {
      parseQuery(deep);
    } catch (e) {
      expect((e as QuerySyntaxError).position).toBe(64);
    }
    expect(show(parseQuery('('.repeat(64) + 'a' + ')'.repeat(64)))).toBe('a');
  });

  it('refuses a query longer than 4096 characters', () => {
    expect(() => parseQuery('إيران '.repeat(700))).toThrow(/longer than 4096/);
    expect(() => parseQuery('a '.repeat(2048))).not.toThrow();
  });
});
