import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, formatNdjson, formatTsv } from '../../src/output/formats';

describe('formatTsv', () => {
  it('writes one record per line, without a header by default', () => {
    expect(formatTsv(['id', 'title'], [['1', 'خامنئي'], ['2', 'OPEC']])).toBe('1\tخامنئي\n2\tOPEC\n');
  });

  it('writes a header line when asked', () => {
    expect(formatTsv(['id', 'title'], [['1', 'خامنئي']], { header: true })).toBe('id\ttitle\n1\tخامنئي\n');
  });

  it('writes nothing for no rows', () => {
    expect(formatTsv(['id'], [])).toBe('');
  });

  it('turns tabs, CRs and newlines inside a field into one space', () => {
    const out = formatTsv(['a', 'b'], [['x\ty', 'line1\r\nline2\n\nline3']]);
    expect(out.split('\n')[0]).toBe('x y\tline1 line2 line3');
    expect(out.split('\n')).toHaveLength(2);
  });

  it('sanitizes escape sequences and bidi overrides', () => {
    const out = formatTsv(['t'], [['a\x1b]0;pwned\x07b\u202ec']]);
    expect(out).toBe('abc\n');
  });
});

describe('formatCsv', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['newline', 'a\nb', '"a\nb"'],
    ['leading space', ' a', '" a"'],
    ['Arabic comma is not a separator', 'أ، ب', 'أ، ب'],
  ])('quotes per RFC 4180: %s', (_name, field, expected) => {
    expect(formatCsv(['h'], [[field]])).toBe(`h\r\n${expected}\r\n`);
  });

  it('sanitizes fields', () => {
    expect(formatCsv(['h'], [['a\x1b[2Jb']])).toBe('h\r\nab\r\n');
  });
});

describe('formatJson / formatNdjson', () => {
  it('pretty-prints with two spaces and escapes dangerous characters without dropping data', () => {
    const value = { title: 'خبر\u202eمقلوب', esc: '\x1b]52;c;x\x07' };
    const out = formatJson(value);
    expect(out).toBe('{\n  "title": "خبر\\u202eمقلوب",\n  "esc": "\\u001b]52;c;x\\u0007"\n}\n');
    expect(JSON.parse(out)).toEqual(value);
  });

  it('writes one compact value per line', () => {
    const values = [{ a: 1 }, { b: 'x\u2028y' }];
    const out = formatNdjson(values);
    expect(out).toBe('{"a":1}\n{"b":"x\\u2028y"}\n');
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(values);
  });
});
