import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleText, type ParsedText, type TextParseResult } from '../../src/ingest/text-format';
import { sharedDir } from '../support/cli';

const OFFSET = '+03:00';
const seedFile = path.join(sharedDir, 'seeds', '000_228959382d386ad2.txt');
const haveSeed = existsSync(seedFile);
if (!haveSeed) console.warn(`text-format.test: ${seedFile} is absent (../shared not mounted); seed article tests skipped`);

/**
 * The seed's non-blank line groups, found with nothing but line splitting, so the
 * parser's output can be checked against the file without quoting its text here.
 */
function rawBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
    if (!line) {
      current = null;
      continue;
    }
    if (!current) blocks.push((current = []));
    current.push(line);
  }
  return blocks;
}

function parsed(result: TextParseResult): ParsedText {
  if (!result.ok) throw new Error(`parse failed at line ${result.error.line}: ${result.error.message}`);
  return result.article;
}

describe.skipIf(!haveSeed)('the seed article', () => {
  const text = haveSeed ? readFileSync(seedFile, 'utf8') : '';
  const blocks = rawBlocks(text);
  const result = parseArticleText(text, OFFSET);
  // Vitest still collects a skipped suite's body, so the parse may only throw when the seed exists.
  const a = haveSeed ? parsed(result) : ({} as ParsedText);
  const sourceBlock = blocks.findIndex((b) => b[0]!.startsWith('المصدر'));
  const markerBlock = blocks.findIndex((b) => b[0] === 'كلمات مفتاحية');

  it('is parsed without warnings', () => {
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('has the first line as its headline', () => {
    expect(a.title).toBe(blocks[0]![0]);
    expect(a.title).toContain('«أوباما»');
  });

  it('reads the date line as 7 November 2014 07:11 in the archive offset', () => {
    expect(a.date).toBe('2014-11-07T07:11:00+03:00');
  });

  it('keeps every body block between the date and the source line, in order', () => {
    expect(sourceBlock).toBeGreaterThan(2);
    const expected = blocks.slice(2, sourceBlock).map((b) => b.join(' '));
    expect(a.body.map((b) => b.text)).toEqual(expected);
  });

  it('marks exactly the two sub-headings as headings and the 17 other blocks as paragraphs', () => {
    const headings = a.body.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual(['قلق الحلفاء', 'المحادثات النووية']);
    expect(a.body.filter((b) => b.kind === 'paragraph')).toHaveLength(17);
    expect(a.body).toHaveLength(19);
    // Each heading stands between two paragraphs.
    for (const h of headings) {
      const i = a.body.findIndex((b) => b.text === h);
      expect(a.body[i - 1]!.kind).toBe('paragraph');
      expect(a.body[i + 1]!.kind).toBe('paragraph');
    }
  });

  it('splits the source line into the outlet and its credits', () => {
    expect(a.source).toBe('الخليج الجديد');
    expect(a.credits).toEqual(['متابعات']);
  });

  it('finds the keyword line under the marker (written with a leading no-break space)', () => {
    expect(markerBlock).toBeGreaterThan(sourceBlock);
    expect(text).toContain('\u00a0 كلمات مفتاحية');
    expect(a.keywordLine).toBe('إيران أمريكا طهران الدولة الإسلامية أوباما خامنئي');
  });

  it('lists the 15 related headlines to the end of the file', () => {
    expect(a.related).toHaveLength(15);
    expect(a.related[0]).toBe(blocks[markerBlock + 2]![0]);
    expect(a.related[14]).toBe(blocks[blocks.length - 1]![0]);
    expect(a.related).toEqual(blocks.slice(markerBlock + 2).flat());
  });
});

const HEAD = 'مجلس الأمن يصادق على القرار';
const DATE = 'الجمعة 7 نوفمبر 2014 07:11 ص';
const P1 = 'صادق مجلس الأمن الدولي اليوم على القرار بالإجماع.';
const P2 = 'وقال المندوب إن القرار خطوة مهمة نحو التسوية.';
const SOURCE = 'المصدر | صوت الخليج + رويترز';
const MARKER = 'كلمات مفتاحية';
const KEYWORDS = 'مجلس الأمن الأمم المتحدة إيران';
const REL1 = 'إيران ترحب بقرار مجلس الأمن';
const REL2 = 'واشنطن تدعو إلى تنفيذ القرار';

/** An article in the text format: blocks separated by one blank line. */
function article(...blocks: string[]): string {
  return blocks.join('\n\n') + '\n';
}

const FULL = article(HEAD, DATE, P1, P2, SOURCE, MARKER, KEYWORDS, REL1, REL2);

describe('line ends, byte order mark and invisible characters', () => {
  const expected = parsed(parseArticleText(FULL, OFFSET));

  it('parses the plain article completely', () => {
    expect(expected).toEqual({
      title: HEAD,
      date: '2014-11-07T07:11:00+03:00',
      body: [
        { kind: 'paragraph', text: P1 },
        { kind: 'paragraph', text: P2 },
      ],
      source: 'صوت الخليج',
      credits: ['رويترز'],
      keywordLine: KEYWORDS,
      related: [REL1, REL2],
    });
  });

  it.each([
    ['CRLF line ends', FULL.replace(/\n/g, '\r\n')],
    ['old Mac CR line ends', FULL.replace(/\n/g, '\r')],
    ['a byte order mark', '\ufeff' + FULL],
    ['a byte order mark and CRLF', '\ufeff' + FULL.replace(/\n/g, '\r\n')],
    ['blank lines holding spaces, NBSP and marks', FULL.replace(/\n\n/g, '\n \u00a0\u200f\t\n')],
    ['two blank lines between blocks', FULL.replace(/\n\n/g, '\n\n\n')],
  ])('gives the same article with %s', (_name, text) => {
    const r = parseArticleText(text, OFFSET);
    expect(r.ok && r.warnings).toEqual([]);
    expect(parsed(r)).toEqual(expected);
  });

  it('counts lines the same way with CR and CRLF line ends (warning line numbers)', () => {
    const text = article(HEAD, P1, P2);
    for (const t of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
      const r = parseArticleText(t, OFFSET);
      expect(r.ok && r.warnings).toEqual([{ line: 3, message: 'no date line' }]);
    }
  });
});

describe('date lines', () => {
  it('keeps an article without a date line, warning at the block after the headline', () => {
    const r = parseArticleText(article(HEAD, P1, SOURCE), OFFSET);
    const a = parsed(r);
    expect(a.date).toBeNull();
    expect(a.body).toEqual([{ kind: 'paragraph', text: P1 }]);
    expect(a.source).toBe('صوت الخليج');
    expect(r.ok && r.warnings).toEqual([{ line: 3, message: 'no date line' }]);
  });

  it('keeps an article whose date cannot exist (31 فبراير) without a date, warning with its line', () => {
    const r = parseArticleText(article(HEAD, 'السبت 31 فبراير 2015 10:00 ص', P1), OFFSET);
    const a = parsed(r);
    expect(a.date).toBeNull();
    // The unreadable line is neither body nor lost silently.
    expect(a.body).toEqual([{ kind: 'paragraph', text: P1 }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.line).toBe(3);
    expect(r.warnings[0]!.message).toMatch(/unreadable date/);
    expect(r.warnings[0]!.message).toContain('31 فبراير 2015');
  });

  it.each([
    ['Levantine month name', 'الإثنين 24 تشرين الثاني 2014 10:30 م', '2014-11-24T22:30:00+03:00'],
    ['Levantine month name with Arabic-Indic digits', 'الإثنين ٢٨ كانون الأول ٢٠١٥ ١٢:٣٠ م', '2015-12-28T12:30:00+03:00'],
    ['Gulf month name with Arabic-Indic digits', 'الخميس ٢ أبريل ٢٠١٥ ٠٩:٤٥ م', '2015-04-02T21:45:00+03:00'],
    ['Persian digits', 'الخميس ۲ أبريل ۲۰۱۵ ۰۹:۴۵ م', '2015-04-02T21:45:00+03:00'],
    ['12 ص is just after midnight', 'السبت 16 يناير 2016 12:05 ص', '2016-01-16T00:05:00+03:00'],
    ['date wrapped in right-to-left marks', '\u200fالجمعة 7 نوفمبر 2014 07:11 ص\u200f', '2014-11-07T07:11:00+03:00'],
  ])('reads a %s', (_name, line, iso) => {
    const r = parseArticleText(article(HEAD, line, P1), OFFSET);
    expect(parsed(r).date).toBe(iso);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it.each([
    ['no time, then a sentence', 'الأربعاء 9 آذار 2016، يوم التصويت على الدستور الجديد في البرلمان.'],
    ['no time, then four words without a stop', 'الأربعاء 9 آذار 2016 يوم التصويت على الدستور'],
    ['a time, then a sentence ending with a stop', 'الأربعاء 9 آذار 2016 الساعة 10:00 ص موعد التصويت على الدستور.'],
  ])('keeps a first paragraph that opens with a date as body when there is no date line: %s', (_name, line) => {
    const r = parseArticleText(article(HEAD, line, P1, SOURCE), OFFSET);
    const a = parsed(r);
    expect(a.date).toBeNull();
    expect(a.body).toEqual([
      { kind: 'paragraph', text: line },
      { kind: 'paragraph', text: P1 },
    ]);
    expect(a.source).toBe('صوت الخليج');
    expect(r.ok && r.warnings).toEqual([
      { line: 3, message: 'no date line (the block after the headline opens with a date but goes on as a sentence: kept as body)' },
    ]);
  });

  it.each([
    ['a short note after the time', 'الأربعاء 9 آذار 2016 10:00 ص - آخر تحديث', '2016-03-09T10:00:00+03:00', 'آخر تحديث'],
    ['a place and no time', 'الأربعاء 9 آذار 2016 | بيروت', '2016-03-09T00:00:00+03:00', 'بيروت'],
    ['a long note after the time, without a stop', 'الأربعاء 9 آذار 2016 10:00 ص آخر تحديث من مكتب بيروت', '2016-03-09T10:00:00+03:00', 'آخر تحديث من مكتب بيروت'],
  ])('still reads a date line with %s, warning about the note', (_name, line, iso, note) => {
    const r = parseArticleText(article(HEAD, line, P1), OFFSET);
    const a = parsed(r);
    expect(a.date).toBe(iso);
    expect(a.body).toEqual([{ kind: 'paragraph', text: P1 }]);
    expect(r.ok && r.warnings).toEqual([{ line: 3, message: `ignored trailing text "${note}"` }]);
  });

  it('writes the date in the offset it is given', () => {
    expect(parsed(parseArticleText(article(HEAD, DATE, P1), '+04:30')).date).toBe('2014-11-07T07:11:00+04:30');
  });
});

describe('missing and variant parts', () => {
  it('reads an article without a source line: body up to the marker', () => {
    const a = parsed(parseArticleText(article(HEAD, DATE, P1, P2, MARKER, KEYWORDS, REL1), OFFSET));
    expect(a.source).toBeNull();
    expect(a.credits).toEqual([]);
    expect(a.body.map((b) => b.text)).toEqual([P1, P2]);
    expect(a.keywordLine).toBe(KEYWORDS);
    expect(a.related).toEqual([REL1]);
  });

  it('reads an article without a keyword marker: related headlines follow the source line', () => {
    const a = parsed(parseArticleText(article(HEAD, DATE, P1, SOURCE, REL1, REL2), OFFSET));
    expect(a.keywordLine).toBeNull();
    expect(a.source).toBe('صوت الخليج');
    expect(a.body.map((b) => b.text)).toEqual([P1]);
    expect(a.related).toEqual([REL1, REL2]);
  });

  it('keeps a paragraph found between the source line and the marker as body, with a warning on its line', () => {
    const r = parseArticleText(article(HEAD, DATE, P1, SOURCE, P2, MARKER, KEYWORDS, REL1), OFFSET);
    const a = parsed(r);
    expect(a.body.map((b) => b.text)).toEqual([P1, P2]);
    expect(a.source).toBe('صوت الخليج');
    expect(a.keywordLine).toBe(KEYWORDS);
    expect(a.related).toEqual([REL1]);
    expect(r.ok && r.warnings).toEqual([{ line: 9, message: 'text between the source line and the keyword marker, kept as body' }]);
  });

  it('reads a source line without credits, and one with a colon and several credits', () => {
    expect(parsed(parseArticleText(article(HEAD, DATE, P1, 'المصدر | نشرة الرافدين'), OFFSET))).toMatchObject({
      source: 'نشرة الرافدين',
      credits: [],
    });
    expect(parsed(parseArticleText(article(HEAD, DATE, P1, 'المصدر: نشرة الرافدين + رويترز + الأناضول'), OFFSET))).toMatchObject({
      source: 'نشرة الرافدين',
      credits: ['رويترز', 'الأناضول'],
    });
  });

  it('recognises the marker with a leading no-break space, and with a colon', () => {
    for (const marker of ['\u00a0 كلمات مفتاحية', '\u00a0كلمات مفتاحية\u00a0', 'كلمات مفتاحية:']) {
      const a = parsed(parseArticleText(article(HEAD, DATE, P1, SOURCE, marker, KEYWORDS, REL1), OFFSET));
      expect(a.keywordLine).toBe(KEYWORDS);
      expect(a.related).toEqual([REL1]);
      expect(a.body.map((b) => b.text)).toEqual([P1]);
    }
  });

  it('reads keywords written on the line right under the marker', () => {
    const text = article(HEAD, DATE, P1, SOURCE, `${MARKER}\n${KEYWORDS}`, REL1, REL2);
    const a = parsed(parseArticleText(text, OFFSET));
    expect(a.keywordLine).toBe(KEYWORDS);
    expect(a.related).toEqual([REL1, REL2]);
  });

  it('reads related headlines glued under the keyword line', () => {
    const a = parsed(parseArticleText(article(HEAD, DATE, P1, SOURCE, MARKER, `${KEYWORDS}\n${REL1}\n${REL2}`), OFFSET));
    expect(a.keywordLine).toBe(KEYWORDS);
    expect(a.related).toEqual([REL1, REL2]);
  });

  it('reads marker, keywords and related headlines glued into one block', () => {
    const a = parsed(parseArticleText(article(HEAD, DATE, P1, SOURCE, `${MARKER}\n${KEYWORDS}\n${REL1}`, REL2), OFFSET));
    expect(a.keywordLine).toBe(KEYWORDS);
    expect(a.related).toEqual([REL1, REL2]);
    expect(a.source).toBe('صوت الخليج');
  });

  it('warns about a marker at the end of the file with no keyword line', () => {
    const r = parseArticleText(article(HEAD, DATE, P1, SOURCE, MARKER), OFFSET);
    expect(parsed(r).keywordLine).toBeNull();
    expect(r.ok && r.warnings).toEqual([{ line: 9, message: 'keyword marker without a keyword line' }]);
  });

  it('keeps a body paragraph that quotes «مصدر:» in the body, and takes the real source line', () => {
    const quoted = 'مصدر: المفاوضات ستستأنف الأسبوع المقبل';
    const a = parsed(parseArticleText(article(HEAD, DATE, P1, quoted, P2, SOURCE, MARKER, KEYWORDS, REL1), OFFSET));
    expect(a.body.map((b) => b.text)).toEqual([P1, quoted, P2]);
    expect(a.source).toBe('صوت الخليج');
    expect(a.related).toEqual([REL1]);
  });

  it('joins a headline written over two lines', () => {
    const a = parsed(parseArticleText(article('مجلس الأمن يصادق\nعلى القرار', DATE, P1), OFFSET));
    expect(a.title).toBe('مجلس الأمن يصادق على القرار');
    expect(a.date).toBe('2014-11-07T07:11:00+03:00');
  });
});

describe('sub-headings', () => {
  it.each([
    ['a short line between paragraphs is a heading', [P1, 'ردود الفعل', P2], ['paragraph', 'heading', 'paragraph']],
    ['a short line ending a sentence is a paragraph', [P1, 'ورحب الجميع.', P2], ['paragraph', 'paragraph', 'paragraph']],
    ['a long line is a paragraph', [P1, 'هذه جملة طويلة من ثماني كلمات بلا أي علامة', P2], ['paragraph', 'paragraph', 'paragraph']],
    ['the first body block is never a heading', ['ردود الفعل', P1, P2], ['paragraph', 'paragraph', 'paragraph']],
    ['a short line right before the source line is a paragraph', [P1, P2, 'ردود الفعل'], ['paragraph', 'paragraph', 'paragraph']],
  ])('%s', (_name, blocks, kinds) => {
    const a = parsed(parseArticleText(article(HEAD, DATE, ...blocks, SOURCE), OFFSET));
    expect(a.body.map((b) => b.text)).toEqual(blocks);
    expect(a.body.map((b) => b.kind)).toEqual(kinds);
  });
});

describe('degenerate files', () => {
  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n \n\u00a0\n\r\n'],
    ['a byte order mark alone', '\ufeff'],
  ])('refuses %s at line 1', (_name, text) => {
    expect(parseArticleText(text, OFFSET)).toEqual({ ok: false, error: { line: 1, message: 'empty file: no headline' } });
  });

  it('keeps a file holding only a headline, warning that it has no date', () => {
    const r = parseArticleText(`${HEAD}\n`, OFFSET);
    expect(r).toEqual({
      ok: true,
      article: { title: HEAD, date: null, body: [], source: null, credits: [], keywordLine: null, related: [] },
      warnings: [{ line: 1, message: 'no date line' }],
    });
  });

  it('keeps a headline and a date with nothing else', () => {
    const r = parseArticleText(article(HEAD, DATE), OFFSET);
    expect(parsed(r)).toMatchObject({ title: HEAD, date: '2014-11-07T07:11:00+03:00', body: [], related: [] });
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('refuses binary data, naming the line of the NUL byte', () => {
    expect(parseArticleText(article(HEAD, DATE, `${P1}\u0000\u0001`), OFFSET)).toEqual({
      ok: false,
      error: { line: 5, message: 'binary data (NUL byte), not an article' },
    });
  });
});
