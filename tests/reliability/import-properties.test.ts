// Property-based tests of the importers: the article parser, the JSON record converter and
// the byte decoder, fed random input and real articles mutated at random (lines dropped,
// doubled or swapped, text inserted, line ends changed, bytes flipped, files cut short).
// Whatever they get, they return an article or a reason — they never throw — and what
// they return is well formed. Then the importer as a whole: a folder of such files never
// makes it throw, and good files import the same whatever bad files lie beside them.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeDateLine } from '../../src/dates/date-line';
import { decodeText, firstInvalidUtf8 } from '../../src/ingest/decode';
import { listInputFiles, readArticles, type ImportProblem } from '../../src/ingest/importer';
import { RECORD_FIELDS, parseFieldMap, readRecordDate, recordToArticle, type FieldMap } from '../../src/ingest/json-records';
import { parseArticleText, type TextParseResult } from '../../src/ingest/text-format';
import { tempDir } from '../support/cli';
import { SEED_ARTICLE, demoArticleFiles, haveSeed } from '../support/reliability';

const tmp = tempDir('rel-import-props');
afterAll(() => tmp.remove());

if (!haveSeed()) console.warn(`import-properties: ${SEED_ARTICLE} is absent; mutating the demo articles only`);

/** Real articles to mutate: the seed (when the workplace has it) and the demo archive. */
const ARTICLES: string[] = [...(haveSeed() ? [SEED_ARTICLE] : []), ...demoArticleFiles()].map((f) => readFileSync(f, 'utf8'));

const OFFSETS = ['+03:00', '+00:00', '-05:30', '+14:00'];
const RUNS = { numRuns: 300 };
const ISO_LOCAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:00[+-]\d{2}:\d{2}$/;

/** Text a user's export could plausibly hold: Arabic, digits, punctuation, the format's markers, odd spaces. */
const PIECES = [
  'المصدر | صوت الخليج + رويترز',
  'كلمات مفتاحية',
  '\u00A0كلمات مفتاحية',
  'الجمعة 7 نوفمبر 2014 07:11 ص',
  'الثلاثاء 31 فبراير 2015 10:00 م',
  '14 محرم 1436 هـ',
  '2015-07-23 10:15',
  'إيران الدولة الإسلامية خامنئي',
  '«خامنئي» يخضع لجراحة',
  '\u200F',
  '\uFEFF',
  '\u0000',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\n\n',
  '٢٠١٤',
  '(',
  '"',
  '\uD800',
  '𝕏',
  '﴿ إنا لله وإنا إليه راجعون ﴾',
  'ﻻ',
];
const textPiece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 10 }));

/** One edit of a text, positions taken modulo its length. */
type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'dropLine'; at: number }
  | { op: 'lineEnds'; to: '\r\n' | '\r' | '\n\n' }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.nat(400) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: textPiece }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat(400) }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('lineEnds' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n\n' as const) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const n = Math.max(1, text.length);
  switch (m.op) {
    case 'delete':
      return text.slice(0, m.at % n) + text.slice((m.at % n) + m.len);
    case 'insert':
      return text.slice(0, m.at % n) + m.text + text.slice(m.at % n);
    case 'duplicate': {
      const at = m.at % n;
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'dropLine': {
      const lines = text.split('\n');
      lines.splice(m.at % lines.length, 1);
      return lines.join('\n');
    }
    case 'lineEnds':
      return text.replace(/\n/g, m.to);
    case 'truncate':
      return text.slice(0, m.at % n);
  }
}

/** A real article with a few random edits. */
const mutatedArticle = fc
  .tuple(fc.nat({ max: ARTICLES.length - 1 }), fc.array(mutation, { maxLength: 6 }))
  .map(([i, ms]) => ms.reduce(mutate, ARTICLES[i]!));

/** Any text at all, mostly article-shaped. */
const articleText = fc.oneof(
  { weight: 3, arbitrary: mutatedArticle },
  { weight: 1, arbitrary: fc.array(textPiece, { maxLength: 40 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
);

/** Checks the shape of a parse result; returns what is wrong, or null. */
function malformedParse(input: string, r: TextParseResult): string | null {
  const lines = input.replace(/\r\n?/g, '\n').split('\n').length;
  const okLine = (l: number) => Number.isInteger(l) && l >= 1 && l <= lines + 1;
  if (!r.ok) {
    if (!okLine(r.error.line)) return `error line ${r.error.line} of ${lines}`;
    if (!r.error.message.trim()) return 'error without a message';
    return null;
  }
  const a = r.article;
  if (!a.title.trim() || a.title.includes('\n')) return `bad title ${JSON.stringify(a.title)}`;
  if (a.date !== null && !ISO_LOCAL.test(a.date)) return `bad date ${JSON.stringify(a.date)}`;
  for (const b of a.body) if ((b.kind !== 'paragraph' && b.kind !== 'heading') || !b.text.trim()) return `bad body block ${JSON.stringify(b)}`;
  for (const w of r.warnings) if (!okLine(w.line) || !w.message.trim()) return `bad warning ${JSON.stringify(w)}`;
  if ([a.title, ...a.body.map((b) => b.text), a.source ?? '', ...a.related, a.keywordLine ?? ''].some((s) => s.includes('\u0000'))) return 'NUL in output';
  return null;
}

describe('the article parser (parseArticleText)', () => {
  it('returns a well-formed article or an error with a line, for mutated articles and random text', () => {
    fc.assert(
      fc.property(articleText, fc.constantFrom(...OFFSETS), (text, offset) => {
        const r = parseArticleText(text, offset);
        expect(malformedParse(text, r)).toBeNull();
      }),
      RUNS,
    );
  });

  it('parses every unmutated article without error, in every offset', () => {
    for (const text of ARTICLES) for (const offset of OFFSETS) expect(parseArticleText(text, offset).ok).toBe(true);
  });

  it('reads the same article whatever the line ends and byte order mark', () => {
    fc.assert(
      fc.property(fc.nat({ max: ARTICLES.length - 1 }), fc.constantFrom('\r\n', '\r'), fc.boolean(), (i, eol, bom) => {
        const text = ARTICLES[i]!;
        const variant = (bom ? '\uFEFF' : '') + text.replace(/\n/g, eol);
        expect(parseArticleText(variant, '+03:00')).toEqual(parseArticleText(text, '+03:00'));
      }),
      { numRuns: 60 },
    );
  });

  // Whatever the layout, no word disappears without a warning (a paragraph between the
  // source line and the keyword marker was once dropped silently).
  it('keeps every word of the input somewhere in the article (or warns)', () => {
    fc.assert(
      fc.property(mutatedArticle, (text) => {
        const r = parseArticleText(text, '+03:00');
        if (!r.ok) return;
        const a = r.article;
        const out = new Set([a.title, ...a.body.map((b) => b.text), a.source ?? '', ...a.credits, a.keywordLine ?? '', ...a.related].join(' ').match(/[\u0621-\u064A]+/g) ?? []);
        const structural = /^(?:ال)?(?:مصدر|كلمات|مفتاحية|مفتاحيه|دلالية|دلاليه)$/;
        const lines = text.replace(/\r\n?/g, '\n').split('\n');
        // Words of a date line are read as the date.
        const dateLine = lines.filter((l) => looksLikeDateLine(l.trim())).join(' ');
        const lost = (text.match(/[\u0621-\u064A]+/g) ?? []).filter((w) => !out.has(w) && !structural.test(w) && !dateLine.includes(w));
        if (lost.length && !r.warnings.length) expect(lost).toEqual([]);
      }),
      { numRuns: 400, seed: 8 },
    );
  });
});

/** A JSON value shaped like a record: SaudiNewsNet's fields and the common names, values of any JSON type. */
const fieldNames = fc.constantFrom('title', 'headline', 'content', 'body', 'text', 'date', 'date_extracted', 'published', 'keywords', 'tags', 'related', 'source', 'url', 'author', 'id', '_id', '__proto__', 'constructor', 'toString');
const recordish = fc.dictionary(fieldNames, fc.oneof(fc.jsonValue({ maxDepth: 2 }), textPiece, fc.integer(), fc.double(), fc.constant(1e300), fc.constant(-1e15)));
const anyRecord = fc.oneof(recordish, fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 }));
const fieldMap: fc.Arbitrary<FieldMap> = fc.dictionary(fc.constantFrom(...RECORD_FIELDS), fc.oneof(fieldNames, fc.string({ maxLength: 8 })), { maxKeys: 3 }) as fc.Arbitrary<FieldMap>;

describe('the JSON record converter (recordToArticle)', () => {
  it('returns an article or a reason for any value, field map and offset', () => {
    fc.assert(
      fc.property(anyRecord, fieldMap, fc.constantFrom(...OFFSETS), (value, map, offset) => {
        const r = recordToArticle(value, map, offset);
        if (!r.ok) {
          expect(r.reason.trim()).not.toBe('');
          return;
        }
        const a = r.article;
        expect(typeof a.title).toBe('string');
        expect(a.title.trim() !== '' || a.body.length > 0).toBe(true);
        if (a.date !== null) expect(a.date).toMatch(ISO_LOCAL);
        for (const b of a.body) expect(b.text.trim()).not.toBe('');
        if (a.id !== null) expect(a.id).toMatch(/^[^\s\p{C}]{1,128}$/u);
        for (const list of [a.related, a.keywords ?? []]) for (const s of list) expect(typeof s).toBe('string');
        for (const w of r.warnings) expect(w.trim()).not.toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any date value as a four-digit-year ISO local time or an error, never a malformed date', () => {
    const dateValue = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(1e300, -1e15, 1e15, 253402300800, -62198755200, 0),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('Z', '+03:00', '-11:30', '')).map(
        ([y, m, d, z]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00${z}`,
      ),
      textPiece,
    );
    fc.assert(
      fc.property(dateValue, fc.constantFrom(...OFFSETS), (v, offset) => {
        const r = readRecordDate(v, offset);
        if ('iso' in r) expect(r.iso).toMatch(ISO_LOCAL);
        else expect(r.error.trim()).not.toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses 31 February in every written form', () => {
    for (const v of ['2015-02-31', '2015-02-31 10:00:00', '2015-02-31T10:00:00Z', '2015-02-31T10:00:00+03:00']) {
      expect(readRecordDate(v, '+03:00'), v).toEqual({ error: 'no such day: 2015-02-31' });
    }
  });

  it('reads a field map or throws an Error naming the bad part', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.constantFrom(...RECORD_FIELDS, 'titel', ''), fc.string({ maxLength: 8 })), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(','))), (spec) => {
        try {
          const map = parseFieldMap(spec);
          for (const k of Object.keys(map)) expect(RECORD_FIELDS).toContain(k);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message).toMatch(/^bad field mapping "/);
        }
      }),
      RUNS,
    );
  });
});

/** Bytes of a real article in some encoding, then damaged. */
const encodedArticle = fc
  .tuple(
    fc.nat({ max: ARTICLES.length - 1 }),
    fc.constantFrom('utf8', 'utf8-bom', 'utf16le', 'utf16le-bom', 'utf16be-bom'),
    fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('set', 'insert', 'delete', 'truncate') }), { maxLength: 4 }),
  )
  .map(([i, enc, edits]) => {
    const text = ARTICLES[i]!;
    let buf: Buffer;
    if (enc.startsWith('utf8')) buf = Buffer.concat([Buffer.from(enc === 'utf8-bom' ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
    else {
      const le = Buffer.from(text, 'utf16le');
      if (enc === 'utf16be-bom') le.swap16();
      buf = Buffer.concat([Buffer.from(enc === 'utf16le' ? [] : enc === 'utf16le-bom' ? [0xff, 0xfe] : [0xfe, 0xff]), le]);
    }
    for (const e of edits) {
      const at = e.at % Math.max(1, buf.length);
      if (e.op === 'set') buf[at] = e.byte;
      else if (e.op === 'insert') buf = Buffer.concat([buf.subarray(0, at), Buffer.from([e.byte]), buf.subarray(at)]);
      else if (e.op === 'delete') buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1)]);
      else buf = buf.subarray(0, at);
    }
    return buf;
  });

describe('the decoder (decodeText)', () => {
  it('returns text or the line of the problem for any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(encodedArticle, fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a))), (buf) => {
        const r = decodeText(buf);
        if (r.ok) {
          expect(['utf-8', 'utf-16le', 'utf-16be']).toContain(r.encoding);
          expect(typeof r.text).toBe('string');
        } else {
          let lines = 1;
          for (const b of buf) if (b === 0x0a) lines++;
          expect(Number.isInteger(r.line) && r.line >= 1 && r.line <= lines).toBe(true);
          expect(r.reason).toMatch(/^(invalid UTF-8 at byte \d+|binary data \(NUL byte\), not text)$/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back exactly the text of any UTF-8 file without NUL bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.boolean(), (s, bom) => {
        const text = s.replaceAll('\u0000', '').replace(/^\uFEFF+/, '');
        const r = decodeText(Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]));
        expect(r).toEqual({ ok: true, text, encoding: 'utf-8' });
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly the text of a UTF-16 file with a byte order mark, either byte order', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.boolean(), (text, bigEndian) => {
        const body = Buffer.from(text, 'utf16le');
        if (bigEndian) body.swap16();
        const r = decodeText(Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]));
        expect(r).toEqual({ ok: true, text, encoding: bigEndian ? 'utf-16be' : 'utf-16le' });
      }),
      { numRuns: 300 },
    );
  });

  it('finds the first bad UTF-8 byte exactly where a strict decoder fails (differential check)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.array(fc.constantFrom(0x41, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff), { maxLength: 16 }).map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        const bad = firstInvalidUtf8(b);
        expect(bad === -1).toBe(valid);
        if (!valid) {
          // Everything before the reported byte decodes; the byte itself starts no valid sequence.
          expect(() => strict.decode(b.subarray(0, bad))).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the importer over folders of damaged files', () => {
  /** A file of any supported kind, good or damaged. */
  const damagedFile = fc.oneof(
    fc.tuple(fc.constant('txt'), fc.oneof(encodedArticle, articleText.map((t) => Buffer.from(t)))),
    fc.tuple(fc.constant('json'), fc.array(recordish, { maxLength: 5 }).map((rs) => Buffer.from(JSON.stringify(rs)))),
    fc.tuple(fc.constant('json'), fc.tuple(fc.array(recordish, { maxLength: 5 }), fc.nat()).map(([rs, cut]) => { const s = Buffer.from(JSON.stringify(rs)); return s.subarray(0, cut % Math.max(1, s.length)); })),
    fc.tuple(fc.constant('jsonl'), fc.array(fc.oneof(recordish.map((r) => JSON.stringify(r)), textPiece), { maxLength: 8 }).map((ls) => Buffer.from(ls.join('\n')))),
    fc.tuple(fc.constant('zip'), fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(a), Buffer.from('PK\u0005\u0006'), Buffer.alloc(18)]))),
  );

  let cases = 0;
  it('never throws, accounts for every file, and imports the good files whatever lies beside them', () => {
    const good = demoArticleFiles().slice(0, 3);
    const events = { skip: () => {}, warn: () => {} };
    const alone = [...readArticles(listInputFiles(good, events), { utcOffset: '+03:00' }, events)].map((a) => a.article);
    fc.assert(
      fc.property(fc.array(damagedFile, { minLength: 1, maxLength: 6 }), (files) => {
        const dir = path.join(tmp.dir, `case-${++cases}`);
        mkdirSync(dir);
        good.forEach((f, i) => writeFileSync(path.join(dir, `good-${i}.txt`), readFileSync(f)));
        files.forEach(([ext, bytes], i) => writeFileSync(path.join(dir, `x-${i}.${ext}`), bytes));
        const skipped: ImportProblem[] = [];
        const imported = [...readArticles(listInputFiles([dir], { skip: (p) => skipped.push(p) }), { utcOffset: '+03:00' }, { skip: (p) => skipped.push(p), warn: () => {} })].map((a) => a.article);
        // The good files' articles are all there, exactly as when imported alone.
        for (const a of alone) expect(imported.find((b) => b.id === a.id && b.title === a.title && JSON.stringify(b.body) === JSON.stringify(a.body))).toBeDefined();
        // Every damaged file either gave articles or was reported (a JSON file may give some and skip some).
        files.forEach((_f, i) => {
          const name = path.join(dir, `x-${i}.${files[i]![0]}`);
          const gave = imported.some((a) => a.origin.path === name || a.origin.path.startsWith(`${name}:`));
          const told = skipped.some((p) => p.path === name || p.path.startsWith(`${name}:`));
          const empty = files[i]![0] === 'jsonl' || files[i]![0] === 'json' || files[i]![0] === 'zip';
          if (!empty) expect(gave || told, name).toBe(true);
        });
        for (const p of skipped) expect(p.reason.trim()).not.toBe('');
      }),
      { numRuns: 60 },
    );
  });
});
