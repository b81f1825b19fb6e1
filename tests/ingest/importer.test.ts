import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build';
import { ArchiveIndex } from '../../src/index/reader';
import {
  STDIN_PATH,
  contentId,
  detectFormat,
  listInputFiles,
  readArticles,
  urlId,
  type ImportedArticle,
  type ImportOptions,
  type ImportProblem,
} from '../../src/ingest/importer';
import { demoArticlesDir, tempDir } from '../support/cli';
import { makeZip } from './zip-writer';

const tmp = tempDir('import');
afterAll(() => tmp.remove());

let counter = 0;
/** A fresh folder under the test's temporary directory. */
function folder(): string {
  const dir = path.join(tmp.dir, `case-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function write(dir: string, name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  return file;
}

interface Imported {
  articles: ImportedArticle[];
  skipped: ImportProblem[];
  warned: ImportProblem[];
  progress: Array<[number, number]>;
}

/** Walks the paths and reads every article, collecting problems. */
function importPaths(paths: string[], opts: Partial<ImportOptions> = {}): Imported {
  const out: Imported = { articles: [], skipped: [], warned: [], progress: [] };
  const events = {
    skip: (p: ImportProblem) => out.skipped.push(p),
    warn: (p: ImportProblem) => out.warned.push(p),
    progress: (done: number, total: number) => out.progress.push([done, total]),
  };
  const files = listInputFiles(paths, events, opts);
  for (const a of readArticles(files, { utcOffset: '+03:00', ...opts }, events)) out.articles.push(a);
  return out;
}

const TEXT_ARTICLE = [
  'مجلس الأمن يصادق على القرار',
  'الجمعة 7 نوفمبر 2014 07:11 ص',
  'صادق مجلس الأمن الدولي اليوم على القرار بالإجماع.',
  'المصدر | صوت الخليج + رويترز',
  'كلمات مفتاحية',
  'مجلس الأمن الأمم المتحدة',
  'إيران ترحب بالقرار',
].join('\n\n');

const SECOND_ARTICLE = [
  'أوبك تبقي سقف الإنتاج دون تغيير',
  'الخميس 27 تشرين الثاني 2014 08:05 م',
  'قررت منظمة أوبك الإبقاء على سقف إنتاجها رغم تراجع الأسعار.',
].join('\n\n');

/** A SaudiNewsNet-style record. */
function snn(n: number, fields: Partial<Record<'source' | 'url' | 'date_extracted' | 'title' | 'author' | 'content', string>> = {}) {
  return {
    source: 'sabq',
    url: `https://sabq.org/article-${n}`,
    date_extracted: '2015-07-23 10:15:00',
    title: `عنوان الخبر رقم ${n}`,
    author: 'محرر',
    content: `الفقرة الأولى من الخبر ${n}.\n\nالفقرة الثانية.`,
    ...fields,
  };
}

describe('listInputFiles', () => {
  it('walks folders recursively in sorted order, taking only archive files', () => {
    const dir = folder();
    write(dir, 'b.txt', TEXT_ARTICLE);
    write(dir, 'a.json', '[]');
    write(dir, 'README.md', '# About this archive\n\nNot an article.');
    write(dir, 'notes.pdf', '%PDF-1.4');
    write(dir, '.hidden.txt', TEXT_ARTICLE);
    write(dir, '.git/x.txt', TEXT_ARTICLE);
    write(dir, 'sub/c.jsonl', '');
    write(dir, 'sub/d.ndjson', '');
    write(dir, 'sub/e.zip', makeZip([]));
    const skipped: ImportProblem[] = [];
    const files = listInputFiles([dir], { skip: (p) => skipped.push(p) });
    expect(files.map((f) => path.relative(dir, f.path))).toEqual(['a.json', 'b.txt', 'sub/c.jsonl', 'sub/d.ndjson', 'sub/e.zip']);
    expect(files.find((f) => f.path.endsWith('b.txt'))!.size).toBe(Buffer.byteLength(TEXT_ARTICLE));
    expect(skipped).toEqual([]);
  });

  it('takes a file named explicitly whatever its extension, once even if named twice', () => {
    const dir = folder();
    const md = write(dir, 'article.md', TEXT_ARTICLE);
    const files = listInputFiles([md, md, dir], { skip: () => {} });
    expect(files.map((f) => f.path)).toEqual([md]);
  });

  it('reports a path that does not exist', () => {
    const skipped: ImportProblem[] = [];
    const missing = path.join(tmp.dir, 'no-such-folder');
    expect(listInputFiles([missing], { skip: (p) => skipped.push(p) })).toEqual([]);
    expect(skipped).toEqual([{ path: missing, reason: 'no such file or directory', unreadable: true }]);
  });

  it('follows a symlink to a folder once, not into a loop', () => {
    const dir = folder();
    write(dir, 'a.txt', TEXT_ARTICLE);
    symlinkSync(dir, path.join(dir, 'loop'));
    const files = listInputFiles([dir], { skip: () => {} });
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.txt']);
  });
});

describe('text articles', () => {
  it('imports a text article with a content id and its origin', () => {
    const dir = folder();
    const file = write(dir, 'a.txt', TEXT_ARTICLE);
    const { articles, skipped, warned } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(warned).toEqual([]);
    expect(articles).toHaveLength(1);
    const { article, keywordLine } = articles[0]!;
    expect(keywordLine).toBe('مجلس الأمن الأمم المتحدة');
    expect(article).toMatchObject({
      title: 'مجلس الأمن يصادق على القرار',
      date: '2014-11-07T07:11:00+03:00',
      source: 'صوت الخليج',
      credits: ['رويترز'],
      keywords: [],
      related: ['إيران ترحب بالقرار'],
      url: null,
      author: null,
      origin: { path: file },
    });
    expect(article.id).toMatch(/^[0-9a-f]{12}$/);
    expect(article.id).toBe(contentId(article.title, article.date, article.body.map((b) => b.text).join('\n\n')));
  });

  it('reports parser warnings with the file and line', () => {
    const dir = folder();
    const file = write(dir, 'a.txt', 'عنوان بلا تاريخ\n\nنص الخبر.\n');
    const { articles, warned } = importPaths([dir]);
    expect(articles).toHaveLength(1);
    expect(warned).toEqual([{ path: file, line: 3, reason: 'no date line' }]);
  });

  it('skips an empty file and a binary file, naming them', () => {
    const dir = folder();
    const empty = write(dir, 'empty.txt', '');
    const binary = write(dir, 'image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const good = write(dir, 'z.txt', TEXT_ARTICLE);
    const { articles, skipped } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin.path)).toEqual([good]);
    expect(skipped).toEqual([
      { path: empty, line: 1, reason: 'empty file: no headline' },
      { path: binary, line: 3, reason: 'binary data (NUL byte), not text', unreadable: true },
    ]);
  });

  it('reads an explicitly named file of unknown type as text, and refuses it when binary', () => {
    const dir = folder();
    const bin = write(dir, 'archive.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
    const { articles, skipped } = importPaths([bin]);
    expect(articles).toEqual([]);
    expect(skipped).toEqual([{ path: bin, line: 1, reason: 'binary data (NUL byte), not text', unreadable: true }]);
  });

  it('reads UTF-16 files (with a byte order mark) as the same article as UTF-8', () => {
    const dir = folder();
    write(dir, 'a-utf8.txt', TEXT_ARTICLE);
    write(dir, 'b-utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT_ARTICLE, 'utf16le')]));
    const be = Buffer.from(TEXT_ARTICLE, 'utf16le');
    be.swap16();
    write(dir, 'c-utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const { articles, skipped } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(3);
    const [a, b, c] = articles.map((x) => x.article);
    expect({ ...b, origin: null }).toEqual({ ...a, origin: null });
    expect({ ...c, origin: null }).toEqual({ ...a, origin: null });
  });

  it('reports a text file that is not valid UTF-8 with the line of the bad byte', () => {
    const dir = folder();
    const file = write(dir, 'latin1.txt', Buffer.from('Headline\n\nCaf\xe9 au lait\n', 'latin1'));
    const { articles, skipped } = importPaths([dir]);
    expect(articles).toEqual([]);
    expect(skipped).toEqual([{ path: file, line: 3, reason: 'invalid UTF-8 at byte 13', unreadable: true }]);
  });

  it('skips a file over the size limit with a reason', () => {
    const dir = folder();
    const file = write(dir, 'big.txt', TEXT_ARTICLE + '\n\n' + 'نص '.repeat(300_000));
    const { articles, skipped } = importPaths([dir], { maxFileBytes: 1 << 20 });
    expect(articles).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.path).toBe(file);
    expect(skipped[0]!.reason).toMatch(/exceeds the 1 MB limit/);
  });

  it('reports progress up to the total size', () => {
    const dir = folder();
    write(dir, 'a.txt', TEXT_ARTICLE);
    write(dir, 'b.txt', SECOND_ARTICLE);
    const { progress } = importPaths([dir]);
    const total = Buffer.byteLength(TEXT_ARTICLE) + Buffer.byteLength(SECOND_ARTICLE);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([d, t], i) => t === total && (i === 0 || d >= progress[i - 1]![0]))).toBe(true);
  });
});

describe('stable ids', () => {
  it('gives an article the same id on every import, whatever the file name and order', () => {
    const one = folder();
    write(one, 'a.txt', TEXT_ARTICLE);
    write(one, 'b.txt', SECOND_ARTICLE);
    const two = folder();
    write(two, '1-opec.txt', SECOND_ARTICLE);
    write(two, '2-un.txt', TEXT_ARTICLE);
    const idsByTitle = (r: Imported) => new Map(r.articles.map((a) => [a.article.title, a.article.id]));
    const first = idsByTitle(importPaths([one]));
    expect(idsByTitle(importPaths([one]))).toEqual(first);
    expect(idsByTitle(importPaths([two]))).toEqual(first);
    expect(new Set(first.values()).size).toBe(2);
  });

  it('ignores diacritics, hamza spelling and spacing in the content id', () => {
    const plain = contentId('الاتفاق النووي', '2015-07-14T14:05:00+03:00', 'توصلت إيران إلى اتفاق.');
    expect(contentId('الاتّفاقُ  النووي', '2015-07-14T14:05:00+03:00', 'توصلت ايران الى اتفاق.')).toBe(plain);
    expect(contentId('الاتفاق النووي', '2015-07-15T14:05:00+03:00', 'توصلت إيران إلى اتفاق.')).not.toBe(plain);
    expect(contentId('الاتفاق النووي', null, 'توصلت إيران إلى اتفاق.')).not.toBe(plain);
  });

  // Ids are what users keep (newsq show <id>, scripts, notes), so they must not move when
  // the analyzer's rules do. These values were computed by analyzer version 4; version 5
  // reads a final يء as ئ for matching, and the ids of such texts stay as they were.
  it('gives the same content ids whatever the analyzer version', () => {
    expect(contentId('لا شيء يدعو للقلق في حالة الطوارىء', '2015-08-01', 'قال المسؤول إن الشاطئ مغلق، ولا شيء آخر.')).toBe('06eba9ef1241');
    expect(contentId('خامنئي يوجه «رسالة» إلى الشباب', null, 'نصّ الرسالة: لا شئ يعلو على الحوار')).toBe('8bf066cedd1d');
  });

  it('derives the id of a record with a URL from the URL alone', () => {
    expect(urlId(' https://sabq.org/1 ')).toBe(urlId('https://sabq.org/1'));
    expect(urlId('https://sabq.org/1')).toMatch(/^[0-9a-f]{12}$/);
    expect(urlId('https://sabq.org/1')).not.toBe(urlId('https://sabq.org/2'));
  });
});

describe('JSON files', () => {
  it('reads a JSON array of records, numbering them', () => {
    const dir = folder();
    const file = write(dir, 'a.json', JSON.stringify([snn(1), snn(2), { title: '', content: '' }, snn(4)]));
    const { articles, skipped } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin)).toEqual([
      { path: file, record: 1 },
      { path: file, record: 2 },
      { path: file, record: 4 },
    ]);
    expect(skipped).toEqual([{ path: file, record: 3, reason: 'no title and no body' }]);
  });

  it('reads a JSON object holding an articles array', () => {
    const dir = folder();
    write(dir, 'a.json', JSON.stringify({ exported: '2015-07-23', articles: [snn(1), snn(2)] }));
    expect(importPaths([dir]).articles.map((a) => a.article.title)).toEqual(['عنوان الخبر رقم 1', 'عنوان الخبر رقم 2']);
  });

  it('imports SaudiNewsNet records with ids from their URLs, empty fields tolerated', () => {
    const dir = folder();
    write(dir, 'day.json', JSON.stringify([snn(1), snn(2, { author: '', title: '' }), snn(3, { content: '', date_extracted: '' })]));
    const { articles, skipped, warned } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(warned).toEqual([]);
    expect(articles.map((a) => a.article.id)).toEqual([1, 2, 3].map((n) => urlId(`https://sabq.org/article-${n}`)));
    const [one, two, three] = articles.map((a) => a.article);
    expect(one).toMatchObject({
      title: 'عنوان الخبر رقم 1',
      date: '2015-07-23T10:15:00+03:00',
      // The crawler's id, shown as the newspaper's name.
      source: 'سبق',
      author: 'محرر',
      url: 'https://sabq.org/article-1',
      body: [
        { kind: 'paragraph', text: 'الفقرة الأولى من الخبر 1.' },
        { kind: 'paragraph', text: 'الفقرة الثانية.' },
      ],
    });
    expect(two).toMatchObject({ title: '', author: null });
    expect(three).toMatchObject({ body: [], date: null });
  });

  it('keeps an id the records carry', () => {
    const dir = folder();
    write(dir, 'a.json', JSON.stringify([{ id: 'AFP-2015-001', title: 'عنوان', body: 'نص', url: 'https://x/1' }]));
    expect(importPaths([dir]).articles[0]!.article.id).toBe('AFP-2015-001');
  });

  it('applies a field mapping', () => {
    const dir = folder();
    write(dir, 'a.json', JSON.stringify([{ hl: 'عنوان مخصص', txt: 'نص مخصص', when: '2015-03-01 09:30:00', title: 'ليس هذا' }]));
    const { articles } = importPaths([dir], { fieldMap: { title: 'hl', body: 'txt', date: 'when' } });
    expect(articles[0]!.article).toMatchObject({
      title: 'عنوان مخصص',
      body: [{ kind: 'paragraph', text: 'نص مخصص' }],
      date: '2015-03-01T09:30:00+03:00',
    });
  });

  it('reports invalid JSON with its line and keeps going', () => {
    const dir = folder();
    const bad = write(dir, 'a.json', '[\n  {"title": "عنوان"},\n  {"title": "آخر",}\n]\n');
    write(dir, 'b.json', JSON.stringify([snn(1)]));
    const { articles, skipped } = importPaths([dir]);
    expect(articles).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ path: bad, line: 3 });
    expect(skipped[0]!.reason).toMatch(/^invalid JSON/);
  });

  it('leaves a space-separated keyword line to the splitter and takes explicit lists as they are', () => {
    const dir = folder();
    write(dir, 'a.json', JSON.stringify([
      { title: 'ع', body: 'ن', keywords: 'إيران الدولة الإسلامية' },
      { title: 'ع2', body: 'ن', keywords: ['إيران', 'الدولة الإسلامية'] },
    ]));
    const [a, b] = importPaths([dir]).articles;
    expect(a).toMatchObject({ keywordLine: 'إيران الدولة الإسلامية', article: { keywords: [] } });
    expect(b).toMatchObject({ keywordLine: null, article: { keywords: ['إيران', 'الدولة الإسلامية'] } });
  });
});

describe('JSON Lines files', () => {
  const lines = [JSON.stringify(snn(1)), '', '{"title": "مقطوع', JSON.stringify(snn(4)), '[1, 2]', JSON.stringify(snn(6))];

  it.each(['a.jsonl', 'a.ndjson'])('skips a bad line of %s with its line number and keeps the rest', (name) => {
    const dir = folder();
    const file = write(dir, name, lines.join('\n') + '\n');
    const { articles, skipped } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin)).toEqual([
      { path: file, line: 1 },
      { path: file, line: 4 },
      { path: file, line: 6 },
    ]);
    expect(skipped.map((p) => [p.path, p.line])).toEqual([
      [file, 3],
      [file, 5],
    ]);
    expect(skipped[0]!.reason).toMatch(/^invalid JSON/);
    expect(skipped[1]!.reason).toBe('not a JSON object');
  });

  it('reads CRLF line ends, a byte order mark and a last line without newline', () => {
    const dir = folder();
    write(dir, 'a.jsonl', '\ufeff' + [JSON.stringify(snn(1)), JSON.stringify(snn(2))].join('\r\n'));
    const { articles, skipped } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.article.url)).toEqual(['https://sabq.org/article-1', 'https://sabq.org/article-2']);
  });

  it('reads records across the streaming chunk boundary', () => {
    const dir = folder();
    // Enough records to pass the reader's 1 MB chunk several times.
    const many = Array.from({ length: 6000 }, (_, i) => JSON.stringify(snn(i, { content: 'نص طويل '.repeat(30) })));
    write(dir, 'big.jsonl', many.join('\n'));
    const { articles, skipped } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(6000);
    expect(articles.every((a, i) => a.article.url === `https://sabq.org/article-${i}` && a.article.origin.line === i + 1)).toBe(true);
  });

  it('reports a line that is not valid UTF-8, with its line, and keeps the others', () => {
    const dir = folder();
    const file = write(
      dir,
      'a.jsonl',
      Buffer.concat([
        Buffer.from(JSON.stringify(snn(1)) + '\n{"title": "'),
        Buffer.from([0xff, 0xfe, 0x41]),
        Buffer.from('", "content": "نص"}\n' + JSON.stringify(snn(3)) + '\n'),
      ]),
    );
    const { articles, skipped, warned } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin.line)).toEqual(expect.arrayContaining([1, 3]));
    expect([...skipped, ...warned].filter((p) => p.path === file && p.line === 2)).toHaveLength(1);
    expect(articles.some((a) => a.article.title.includes('\ufffd'))).toBe(false);
  });
});

describe('zip archives', () => {
  function archive(): Buffer {
    return makeZip([
      { name: 'day/2015-07-23.json', data: JSON.stringify([snn(1), snn(2)]), method: 'store' },
      { name: 'day/article.txt', data: TEXT_ARTICLE, method: 'deflate' },
      { name: 'README.md', data: '# notes', method: 'store' },
      { name: 'lines.jsonl', data: [JSON.stringify(snn(3)), 'oops'].join('\n'), method: 'deflate' },
      { name: '__MACOSX/day/._article.txt', data: TEXT_ARTICLE, method: 'store' },
      { name: '.hidden/x.txt', data: TEXT_ARTICLE, method: 'store' },
      { name: 'inner.zip', data: makeZip([{ name: 'x.txt', data: TEXT_ARTICLE }]), method: 'store' },
    ]);
  }

  it('reads the archive members it understands, named archive.zip:member', () => {
    const dir = folder();
    const zip = write(dir, 'export.zip', archive());
    const { articles, skipped } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin)).toEqual([
      { path: `${zip}:day/2015-07-23.json`, record: 1 },
      { path: `${zip}:day/2015-07-23.json`, record: 2 },
      { path: `${zip}:day/article.txt` },
      { path: `${zip}:lines.jsonl`, line: 1 },
    ]);
    expect(skipped.map((p) => [p.path, p.line])).toEqual([[`${zip}:lines.jsonl`, 2]]);
    // The deflated text member is the same article as the file on its own.
    const alone = folder();
    write(alone, 'article.txt', TEXT_ARTICLE);
    expect(articles[2]!.article.id).toBe(importPaths([alone]).articles[0]!.article.id);
  });

  it('skips a damaged zip with its reason, and a damaged member naming it', () => {
    const dir = folder();
    const broken = write(dir, 'a-broken.zip', Buffer.from('PK but not really a zip archive'));
    const zipBytes = makeZip([
      { name: 'bad.json', data: JSON.stringify([snn(1)]), rawMethod: 12 },
      { name: 'good.json', data: JSON.stringify([snn(2)]) },
    ]);
    const partly = write(dir, 'b-partly.zip', zipBytes);
    const { articles, skipped } = importPaths([dir]);
    expect(articles.map((a) => a.article.origin.path)).toEqual([`${partly}:good.json`]);
    expect(skipped).toEqual([
      { path: broken, reason: 'not a zip archive (no end-of-central-directory record)', unreadable: true },
      { path: `${partly}:bad.json`, reason: 'bad.json: compression method 12 is not supported' },
    ]);
  });

  it('applies the file size limit to zip members', () => {
    const dir = folder();
    const zip = write(dir, 'a.zip', makeZip([{ name: 'big.json', data: JSON.stringify([snn(1, { content: 'x'.repeat(4096) })]) }]));
    const { articles, skipped } = importPaths([dir], { maxFileBytes: 1024 });
    expect(articles).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.path).toBe(`${zip}:big.json`);
    expect(skipped[0]!.reason).toMatch(/exceeds the 1024-byte limit/);
  });
});

describe('duplicates across files (index build)', () => {
  it('keeps the first article and warns about the copy, naming both', () => {
    const dir = folder();
    const first = write(dir, 'a.txt', TEXT_ARTICLE);
    const copy = path.join(dir, 'b-copy.txt');
    copyFileSync(first, copy);
    write(dir, 'c.txt', SECOND_ARTICLE);
    const warnings: ImportProblem[] = [];
    const indexDir = path.join(folder(), 'index');
    const summary = buildIndex([dir], indexDir, {
      utcOffset: '+03:00',
      events: { skip: () => {}, warn: (p) => warnings.push(p) },
    });
    expect(summary).toMatchObject({ imported: 2, duplicates: 1, documentCount: 2 });
    const dup = warnings.filter((w) => w.reason.includes('duplicate'));
    expect(dup).toHaveLength(1);
    expect(dup[0]!.path).toBe(copy);
    expect(dup[0]!.reason).toContain(first);
    const id = importPaths([first]).articles[0]!.article.id;
    expect(dup[0]!.reason).toContain(id);
    const index = ArchiveIndex.open(indexDir);
    try {
      expect(index.documentCount).toBe(2);
      expect(index.stored(index.docById(id)!).origin.path).toBe(first);
    } finally {
      index.close();
    }
  });

  it('treats the same record in two JSON files as one article (same URL)', () => {
    const dir = folder();
    const a = write(dir, 'a.json', JSON.stringify([snn(1), snn(2)]));
    write(dir, 'b.json', JSON.stringify([snn(2, { title: 'عنوان معدل' }), snn(3)]));
    const warnings: ImportProblem[] = [];
    const summary = buildIndex([dir], path.join(folder(), 'index'), {
      utcOffset: '+03:00',
      events: { skip: () => {}, warn: (p) => warnings.push(p) },
    });
    expect(summary).toMatchObject({ imported: 3, duplicates: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ record: 1 });
    expect(warnings[0]!.reason).toContain(`${a} record 2`);
  });
});

describe('the demo archive', () => {
  it('imports every demo article without a problem', () => {
    const { articles, skipped, warned } = importPaths([demoArticlesDir]);
    expect(skipped).toEqual([]);
    expect(warned).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(40);
    expect(articles.every((a) => a.article.date && a.keywordLine && a.article.body.length > 0)).toBe(true);
    // A few demo articles leave out the source line on purpose, as real exports do.
    expect(articles.filter((a) => a.article.source).length).toBeGreaterThan(articles.length * 0.8);
    expect(new Set(articles.map((a) => a.article.id)).size).toBe(articles.length);
    // Same bytes, same ids.
    const again = importPaths([demoArticlesDir]).articles.map((a) => a.article.id);
    expect(again).toEqual(articles.map((a) => a.article.id));
    expect(readFileSync(articles[0]!.article.origin.path, 'utf8').length).toBeGreaterThan(0);
  });
});

describe('gzip, standard input and what is never read', () => {
  it('takes .json.gz, .jsonl.gz and .txt.gz from folders (not .zip.gz, not other .gz) and reads them through zlib', () => {
    const dir = folder();
    write(dir, 'a.json.gz', gzipSync(JSON.stringify([{ title: 'خبر أول', body: 'نص' }])));
    write(dir, 'b.jsonl.gz', gzipSync(`${JSON.stringify({ title: 'خبر ثان', body: 'نص' })}\n`));
    write(dir, 'c.txt.gz', gzipSync(TEXT_ARTICLE));
    write(dir, 'd.zip.gz', gzipSync('x'));
    write(dir, 'e.csv.gz', gzipSync('x'));
    const files = listInputFiles([dir], { skip: () => {} });
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.json.gz', 'b.jsonl.gz', 'c.txt.gz']);
    const { articles, skipped } = importPaths([dir]);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.article.title)).toEqual(['خبر أول', 'خبر ثان', 'مجلس الأمن يصادق على القرار']);
  });

  it('refuses to decompress beyond the size limit, and names a damaged .gz as unreadable', () => {
    const dir = folder();
    const bomb = write(dir, 'bomb.jsonl.gz', gzipSync(Buffer.alloc(3 << 20, 32)));
    const bad = write(dir, 'bad.txt.gz', Buffer.from('not gzip at all'));
    const { articles, skipped } = importPaths([dir], { maxFileBytes: 1 << 20 });
    expect(articles).toEqual([]);
    expect(skipped).toEqual([
      { path: bad, reason: 'not a readable gzip file (incorrect header check)', unreadable: true },
      { path: bomb, reason: expect.stringMatching(/^decompresses to more than the 1 MB limit/) },
    ]);
  });

  it('reads standard input from memory in the format given', () => {
    const bytes = Buffer.from(`${JSON.stringify({ title: 'من المدخل', body: 'نص' })}\n`);
    const files = listInputFiles([STDIN_PATH], { skip: () => {} }, { stdin: { bytes, format: '.jsonl' } });
    expect(files).toEqual([{ path: STDIN_PATH, size: bytes.length, bytes, format: '.jsonl' }]);
    const articles = [...readArticles(files, { utcOffset: '+03:00' }, { skip: () => {}, warn: () => {} })];
    expect(articles.map((a) => [a.article.title, a.article.origin])).toEqual([['من المدخل', { path: STDIN_PATH, line: 1 }]]);
  });

  it.each([
    ['[{"title": "x"}]', '.json'],
    ['  \n{"articles": [\n{"title": "x"}]}', '.json'],
    ['{"title": "x"}\n{"title": "y"}\n', '.jsonl'],
    ['\ufeff{"title": "x"}', '.jsonl'],
    [TEXT_ARTICLE, '.txt'],
  ])('detects the format of standard input: %j is %s', (text, format) => {
    expect(detectFormat(Buffer.from(text))).toBe(format);
  });

  it('never reads the folders it is told to leave out, nor a folder holding a newsq index', () => {
    const dir = folder();
    write(dir, 'a.txt', TEXT_ARTICLE);
    write(dir, 'out/keywords-1.json', '{}');
    write(dir, 'old/manifest.json', '{\n "format": "newsq-index",\n "formatVersion": 5\n}');
    write(dir, 'old/links-1.json', '{}');
    write(dir, 'other/manifest.json', '{"title": "not an index"}');
    const files = listInputFiles([dir], { skip: () => {} }, { exclude: [path.join(dir, 'out')] });
    expect(files.map((f) => path.relative(dir, f.path))).toEqual(['a.txt', 'other/manifest.json']);
  });

  it('a folder named explicitly that holds no archive file is reported as unreadable', () => {
    const dir = folder();
    write(dir, 'README.md', 'x');
    const skipped: ImportProblem[] = [];
    expect(listInputFiles([dir], { skip: (p) => skipped.push(p) })).toEqual([]);
    expect(skipped).toEqual([{ path: dir, reason: expect.stringMatching(/^no archive files in it/), unreadable: true }]);
  });
});

describe('JSON Lines holding binary data', () => {
  it('a NUL byte on the first line: one skip for the whole file, as unreadable', () => {
    const dir = folder();
    // An image's bytes: NUL bytes and newlines among others.
    const file = write(dir, 'x.jsonl', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 40 === 39 ? 10 : (i * 7919) % 256))));
    const { articles, skipped } = importPaths([file]);
    expect(articles).toEqual([]);
    expect(skipped).toEqual([{ path: file, line: 1, reason: 'binary data (NUL byte), not text', unreadable: true }]);
  });

  it('after good lines: the good lines are read, then one skip for the rest of the file', () => {
    const dir = folder();
    const good = `${JSON.stringify({ title: 'عنوان', body: 'نص' })}\n`;
    const file = write(dir, 'y.jsonl', Buffer.concat([Buffer.from(good.repeat(3)), Buffer.from([1, 0, 2, 10, 0, 10]), Buffer.from(good)]));
    const { articles, skipped } = importPaths([file]);
    expect(articles).toHaveLength(3);
    expect(skipped).toEqual([{ path: file, line: 4, reason: 'binary data (NUL byte), not text; the rest of the file was skipped' }]);
  });

  it('a NUL byte in a line that spans chunks is still found', () => {
    const dir = folder();
    const long = JSON.stringify({ title: 'عنوان', body: 'ن'.repeat(800_000) });
    const file = write(dir, 'z.jsonl', Buffer.concat([Buffer.from(`${long}\n`), Buffer.from(long.slice(0, 1_200_000)), Buffer.from([0]), Buffer.from('x\n')]));
    const { articles, skipped } = importPaths([file]);
    expect(articles).toHaveLength(1);
    expect(skipped).toEqual([{ path: file, line: 2, reason: 'binary data (NUL byte), not text; the rest of the file was skipped' }]);
  });

  it('UTF-16 JSON Lines are read whole and decoded, not taken for binary', () => {
    const dir = folder();
    const text = `${JSON.stringify({ title: 'عنوان بترميز آخر', body: 'نص' })}\n`;
    const file = write(dir, 'w.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { articles, skipped } = importPaths([file]);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => a.article.title)).toEqual(['عنوان بترميز آخر']);
  });
});
