// Property-based tests of the query language: random strings, deeply nested parentheses and
// very long input never crash the parser or the search, never take long (each test's timeout
// is its bound: generous, so a busy machine cannot fail it, while a hang or an exponential
// case still does), and every syntax error is exit 2 with a column and a caret under it.
// The grammar itself is tested in tests/search/parse.test.ts.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySyntaxError, parseQuery } from '../../src/search/parse';
import { sanitizeForTerminal } from '../../src/output/sanitize';
import { buildDemoIndexIn, runCli, tempDir } from '../support/cli';
import { newsqSync } from '../support/reliability';

const tmp = tempDir('rel-query');
afterAll(() => tmp.remove());
let index = '';
beforeAll(() => {
  index = buildDemoIndexIn(`${tmp.dir}/index`);
});

/** The parser's limits (src/search/parse.ts). */
const MAX_DEPTH = 64;
const MAX_LENGTH = 4096;

/** Pieces queries are made of: words of the archive, operators, fields, quotes, brackets, odd characters. */
const piece = fc.oneof(
  fc.constantFrom('إيران', 'خامنئي', 'الاتفاق', 'النووي', 'السعودية', 'مفاوض', 'ال', 'و', 'a', 'x1'),
  fc.constantFrom('OR', 'AND', 'NOT', '|', '||', '&&', '-', '(', ')', '"', '“', '”', '«', '»', '*', '~', '~2', '~0.3', '~9', ':'),
  fc.constantFrom('title:', 'tag:', 'source:', 'date:', 'TITLE:', 'foo:', 'date:2015', 'date:2015-13', 'date:2014-11..2015-01', 'date:..', 'date:نوفمبر'),
  fc.constantFrom(' ', '  ', '\t', '\u00A0', '\u200F', '\u0000', '\\', "'", '؟', '،', '٢٠١٥', '𝕏', '\uD800', '﴾', '﴿', 'ﻻ', 'date:﴾'),
  fc.string({ maxLength: 6 }),
);
const query = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(piece, { maxLength: 24 }), fc.constantFrom('', ' ')).map(([p, sep]) => p.join(sep)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

/** What one call returns, or what it throws. */
function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (err) {
    return err as Error;
  }
}

describe('parseQuery', () => {
  it('returns a query or a QuerySyntaxError with a position inside the input, in bounded time', () => {
    fc.assert(
      fc.property(query, (q) => {
        const out = attempt(() => parseQuery(q));
        if (out instanceof Error) {
          expect(out).toBeInstanceOf(QuerySyntaxError);
          const pos = (out as QuerySyntaxError).position;
          expect(Number.isInteger(pos) && pos >= 0 && pos <= q.length, `position ${pos} in ${JSON.stringify(q)}`).toBe(true);
          expect(out.message.trim()).not.toBe('');
        } else {
          expect(out).toHaveProperty('type');
        }
      }),
      { numRuns: 3000 },
    );
  }, 20_000);

  it.each([1, 10, MAX_DEPTH - 1, MAX_DEPTH])('accepts %i nested parentheses', (n) => {
    expect(() => parseQuery(`${'('.repeat(n)}إيران${')'.repeat(n)}`)).not.toThrow();
  });

  it.each([MAX_DEPTH + 1, 500, 2000])('refuses %i nested parentheses at the first one too deep', (n) => {
    const q = `${'('.repeat(n)}إيران${')'.repeat(n)}`;
    const out = attempt(() => parseQuery(q));
    expect(out).toBeInstanceOf(QuerySyntaxError);
    expect((out as QuerySyntaxError).position).toBe(MAX_DEPTH);
  }, 5_000);

  it('refuses deep nesting that is also unbalanced or mixed with operators, quickly', () => {
    for (const q of ['('.repeat(4000), ')'.repeat(4000), '(-'.repeat(1365), 'NOT '.repeat(1000) + 'x', '(a OR '.repeat(600), '"'.repeat(4095)]) {
      const out = attempt(() => parseQuery(q));
      if (out instanceof Error) expect(out).toBeInstanceOf(QuerySyntaxError);
    }
  }, 5_000);

  it('refuses input over 4096 characters at once, whatever its size', () => {
    for (const n of [MAX_LENGTH + 1, 100_000, 10_000_000]) {
      const out = attempt(() => parseQuery('إ'.repeat(n)));
      expect(out).toBeInstanceOf(QuerySyntaxError);
      expect((out as QuerySyntaxError).position).toBe(MAX_LENGTH);
    }
  }, 5_000);
});

/**
 * Checks the caret of a query error: line 2 is the query as shown (controls removed, at most
 * 80 characters around the column, an ellipsis where it is cut), line 3 a caret under the
 * reported column: what is shown before the caret ends the query's text before the column,
 * and what is shown from the caret on starts its text from the column.
 */
function expectCaret(stderr: string, q: string): void {
  const lines = stderr.replace(/\n$/, '').split('\n');
  const m = /^newsq: invalid query at column (\d+): (.+)$/.exec(lines[0]!);
  expect(m, stderr).not.toBeNull();
  const column = Number(m![1]);
  expect(lines[1]!.startsWith('  '), stderr).toBe(true);
  expect(lines[2], stderr).toMatch(/^ *\^$/);
  const shown = lines[1]!.slice(2);
  const at = lines[2]!.length - 3;
  expect(shown.length).toBeLessThanOrEqual(82);
  if (q.length <= 80) expect(shown).toBe(sanitizeForTerminal(q));
  const before = shown.slice(0, at).replace(/^…/, '');
  const after = shown.slice(at).replace(/…$/, '');
  const position = Math.min(column - 1, q.length);
  expect(sanitizeForTerminal(q.slice(0, position)).endsWith(before), stderr).toBe(true);
  expect(sanitizeForTerminal(q.slice(position)).startsWith(after), stderr).toBe(true);
  // A bad date: value is followed by the list of accepted date forms; nothing else adds lines.
  if (lines.length > 3) {
    expect(m![2], stderr).toMatch(/^date: /);
    expect(lines[3]).toMatch(/^Accepted date expressions/);
  }
}

describe('newsq search with any query', () => {
  it('exits 0, 1, or 2 with the column of the problem and a caret, within a time bound', () => {
    fc.assert(
      fc.property(
        query.filter((q) => !/[\n\r\u2028\u2029]/.test(q)),
        (q) => {
          const r = attempt(() => runCli(['search', '--count', '--index', index, '--', q]));
          expect(r).not.toBeInstanceOf(Error);
          const { code, stdout, stderr } = r as ReturnType<typeof runCli>;
          expect([0, 1, 2]).toContain(code);
          if (code === 2) {
            expect(stdout).toBe('');
            expectCaret(stderr, q);
          } else {
            expect(stdout).toMatch(/^\d+\n$/);
            expect(Number(stdout) > 0).toBe(code === 0);
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 30_000);

  it('answers the heaviest queries the language allows within seconds: short prefixes, fuzzy terms, long OR lists, deep nesting', () => {
    const words = ['إيران', 'خامنئي', 'الاتفاق', 'النووي', 'السعودية', 'اليمن', 'النفط', 'روسيا'];
    const heavy = [
      'ا*',
      'ال*',
      'م*',
      'خامنئي~6',
      'الاتفاقيات~3',
      Array.from({ length: 400 }, (_v, i) => words[i % words.length]).join(' OR '),
      `${'('.repeat(MAX_DEPTH)}إيران OR النفط${')'.repeat(MAX_DEPTH)}`,
      Array.from({ length: 150 }, (_v, i) => `"${words[i % words.length]} ${words[(i + 1) % words.length]}"`).join(' OR '),
      Array.from({ length: 300 }, (_v, i) => `-${words[i % words.length]}`).join(' '),
      `${'إيران '.repeat(800)}`.trim(),
    ].filter((q) => q.length <= MAX_LENGTH);
    for (const q of heavy) {
      const r = attempt(() => runCli(['search', '--count', '--index', index, '--', q]));
      expect(r, q.slice(0, 30)).not.toBeInstanceOf(Error);
      expect([0, 1, 2], q.slice(0, 30)).toContain((r as ReturnType<typeof runCli>).code);
    }
  }, 30_000);

  it.each([
    ['إيران OR', 7],
    ['(إيران', 1],
    ['title:', 1],
    ['"الدولة الإسلامية', 1],
    ['date:2015-13', 11],
    [`${'('.repeat(MAX_DEPTH + 1)}x${')'.repeat(MAX_DEPTH + 1)}`, MAX_DEPTH + 1],
  ])('through the real program: %j exits 2 at column %i with a caret', (q, column) => {
    const r = newsqSync(['search', '--index', index, '--', q]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^newsq: invalid query at column ${column}: `));
    expectCaret(r.stderr, q);
  });

  it('refuses a query over the length limit with one error, not a wall of text', () => {
    const q = 'إيران '.repeat(2000);
    const r = runCli(['search', '--count', '--index', index, '--', q]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`newsq: invalid query at column ${MAX_LENGTH + 1}: query longer than ${MAX_LENGTH} characters`);
  });
});
