import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article';
import { analyzerFingerprint, analyzeWord, phraseKey } from '../../src/analysis/analyzer';
import { FIELDS, FIELD_ID, LENGTH_COLUMNS } from '../../src/index/schema';
import { Directory } from '../../src/index/directory';
import { FORMAT_NAME, FORMAT_VERSION, MANIFEST, type Manifest } from '../../src/index/format';
import { ArchiveIndex } from '../../src/index/reader';
import { serializeManifest } from '../../src/index/manifest-io';
import { tempDir } from '../support/cli';
import { SMALL_ARCHIVE, buildSmall, copyIndex, importedArticles } from './small-archive';
import { sourceAlias } from '../../src/ingest/sources';

const tmp = tempDir('index');
const indexDir = path.join(tmp.dir, 'index');
let built: ReturnType<typeof buildSmall>;
let index: ArchiveIndex;
let articles: Article[];

beforeAll(() => {
  articles = importedArticles();
  built = buildSmall(indexDir);
  index = ArchiveIndex.open(indexDir);
});
afterAll(() => {
  index?.close();
  tmp.remove();
});

/** The document number of the fixture article whose title starts with `start`. */
function docOf(start: string): number {
  const a = articles.find((x) => x.title.startsWith(start));
  if (!a) throw new Error(`no fixture article "${start}"`);
  const doc = index.docById(a.id);
  if (doc === null) throw new Error(`article ${a.id} is not in the index`);
  return doc;
}

/** Field id → [[doc, frequency]…] of a term, for readable comparisons. */
function postingsOf(term: string): Record<string, Array<[number, number]>> | null {
  const p = index.postings(term);
  if (!p) return null;
  const out: Record<string, Array<[number, number]>> = {};
  for (const [field, docs] of p) out[FIELDS[field]!] = [...docs].sort((a, b) => a[0] - b[0]);
  return out;
}

/** Distinct words of a text, counted without the analyzer (the fixture has no digits or one-letter words). */
function distinctWords(text: string): number {
  return new Set(text.split(/[^\p{L}\p{M}]+/u).filter(Boolean)).size;
}

describe('building the fixture archive', () => {
  it('imports the five articles, warning about the one without a date', () => {
    expect(built.summary).toMatchObject({ imported: 5, documentCount: 5, duplicates: 0, segments: 1 });
    expect(built.skipped).toEqual([]);
    expect(built.warned).toEqual([{ path: path.join(SMALL_ARCHIVE, '04_undated-oil-report.txt'), line: 3, reason: 'no date line' }]);
  });

  it('writes a manifest describing the index', () => {
    const m = index.manifest;
    expect(m).toMatchObject({
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      analyzerFingerprint: analyzerFingerprint(),
      utcOffset: '+03:00',
      generation: 1,
      created: '2016-06-01T12:00:00.000Z',
      fields: [...FIELDS],
      documentCount: 5,
      firstDay: '2014-11-27',
      lastDay: '2015-07-23',
    });
    // The inputs as given (one folder), relative to the index; the digest covers every file under them.
    expect(m.inputs).toEqual([path.relative(indexDir, SMALL_ARCHIVE)]);
    expect(m.inputsDigest).toMatch(/^[0-9a-f]{32}$/);
    expect(m.segments).toHaveLength(1);
    expect(m.segments[0]!.docCount).toBe(5);
  });

  it('writes exactly the files the manifest names, with the sizes it records', () => {
    const m = index.manifest;
    const seg = m.segments[0]!;
    const expected = [MANIFEST, ...Object.keys(seg.sizes).map((ext) => `${seg.name}.${ext}`), m.sidecars.keywords!, m.sidecars.links!];
    expect(readdirSync(indexDir).sort()).toEqual(expected.sort());
    for (const [ext, size] of Object.entries(seg.sizes)) {
      expect(readFileSync(path.join(indexDir, `${seg.name}.${ext}`)).length, ext).toBe(size);
    }
  });

  it('gives the same postings and stored articles when built again', () => {
    const again = path.join(tmp.dir, 'again');
    buildSmall(again);
    const other = ArchiveIndex.open(again);
    try {
      for (let d = 0; d < index.docSpan; d++) {
        expect(other.id(d)).toBe(index.id(d));
        expect(other.stored(d)).toEqual(index.stored(d));
        expect(other.fieldLengths(d)).toEqual(index.fieldLengths(d));
      }
      expect(other.manifest.inputsDigest).toBe(index.manifest.inputsDigest);
    } finally {
      other.close();
    }
  });
});

describe('documents', () => {
  it('stores every article under its id, in archive order', () => {
    expect(index.docSpan).toBe(5);
    expect(index.documentCount).toBe(5);
    articles.forEach((a, i) => {
      expect(index.id(i)).toBe(a.id);
      expect(index.docById(a.id)).toBe(i);
      expect(index.title(i)).toBe(a.title);
    });
  });

  it('stores the full article, with its keywords split', () => {
    const doc = docOf('أوبك');
    const imported = articles.find((a) => a.title.startsWith('أوبك'))!;
    expect(index.stored(doc)).toEqual({ ...imported, keywords: ['أوبك', 'أسعار النفط', 'فيينا'] });
    expect(index.stored(docOf('مجلس الأمن')).keywords).toEqual(['مجلس الأمن', 'الاتفاق النووي', 'إيران']);
    expect(index.stored(docOf('وزارة الحج'))).toMatchObject({ url: 'https://example.org/news/1', source: 'سبق', keywords: [] });
  });

  it('records field lengths: distinct words, keywords, source names and date terms', () => {
    for (const a of articles) {
      const doc = index.docById(a.id)!;
      const stored = index.stored(doc);
      const body = stored.body.map((b) => b.text).join('\n\n');
      // A name whole and each of its words; a paper known by a crawler id is also indexed under it.
      const sourceTerms = [stored.source, ...stored.credits]
        .filter((s): s is string => !!s)
        .reduce((n, s) => n + (s.includes(' ') ? 1 + s.split(' ').length : 1) + (sourceAlias(s) ? 1 : 0), 0);
      const authorTerms = stored.author ? (stored.author.includes(' ') ? 1 + stored.author.split(' ').length : 1) : 0;
      expect(index.fieldLengths(doc), a.title).toEqual([
        distinctWords(stored.title),
        distinctWords(body),
        distinctWords(stored.title),
        distinctWords(body),
        new Set(stored.keywords).size,
        sourceTerms,
        stored.date ? 3 : 0,
        authorTerms,
        // The near-duplicate band keys are never scored: no length.
        0,
      ]);
    }
  });

  it('sums field lengths over the archive for BM25', () => {
    const totals = new Array<number>(FIELDS.length).fill(0);
    for (let d = 0; d < 5; d++) index.fieldLengths(d).forEach((n, f) => (totals[f]! += n));
    // The manifest keeps one total per length column; a stem field shares its exact field's.
    expect(index.manifest.totalFieldLength).toEqual(LENGTH_COLUMNS.map((name) => totals[FIELD_ID[name]]));
    expect(index.averageFieldLengths()).toEqual(totals.map((t) => t / 5));
  });

  it('records each local day and orders by day and minute, undated last', () => {
    const days = ['2014-11-27', '2015-07-20', '2015-01-21', null, '2015-07-23'];
    days.forEach((day, d) => {
      expect(index.day(d)).toBe(day === null ? null : Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8)) / 86_400_000);
    });
    expect(index.timeKey(docOf('تقرير'))).toBe(-Infinity);
    // 20:05 on the day of the OPEC article.
    expect(index.timeKey(docOf('أوبك'))).toBe(index.day(docOf('أوبك'))! * 1440 + 20 * 60 + 5);
  });
});

describe('postings', () => {
  it('holds a word\'s exact form per field with its frequency', () => {
    const opec = docOf('أوبك');
    const term = analyzeWord('سقف')!.exact;
    expect(postingsOf(term)).toEqual({ title: [[opec, 1]], body: [[opec, 2]], title_stem: [[opec, 1]], body_stem: [[opec, 2]] });
  });

  it('holds a word under its normalized spelling and its stem', () => {
    const khamenei = docOf('خامنئي');
    const a = analyzeWord('خامنئي')!;
    // A final ى is folded to ي in the stems (the exact term keeps it): that spelling finds the same stem.
    expect(analyzeWord('خامنئى')!.stems).toEqual(a.stems);
    // The keyword خامنئي is a tags term (its normalized form) as well; a name is its own
    // stem, so the same term also holds the stem fields.
    expect(postingsOf(a.exact)).toMatchObject({ title: [[khamenei, 1]], body: [[khamenei, 2]], tags: [[khamenei, 1]] });
    const stem = postingsOf(analyzeWord('الشباب')!.stems[0]!);
    expect(stem).toEqual({ title_stem: [[khamenei, 1]], body_stem: [[khamenei, 2]] });
  });

  it('finds a word in several documents', () => {
    const term = analyzeWord('النفط')!.exact;
    const docs = new Set(Object.values(postingsOf(term) ?? {}).flatMap((l) => l.map(([d]) => d)));
    expect([...docs].sort()).toEqual([docOf('أوبك'), docOf('تقرير')].sort());
  });

  it('indexes keywords, source names and date terms in their own fields', () => {
    expect(postingsOf(phraseKey('أسعار النفط'))).toEqual({ tags: [[docOf('أوبك'), 1]] });
    expect(postingsOf(phraseKey('نشرة الرافدين'))).toEqual({ source: [[docOf('أوبك'), 1]] });
    expect(postingsOf(phraseKey('رويترز'))).toEqual({ source: [[docOf('أوبك'), 1]] });
    expect(postingsOf('d2014-11-27')).toEqual({ date: [[docOf('أوبك'), 1]] });
    expect(postingsOf('m2015-07')).toEqual({ date: [[docOf('مجلس الأمن'), 1], [docOf('وزارة الحج'), 1]].sort((a, b) => a[0]! - b[0]!) });
    expect(postingsOf('y2015')!.date).toHaveLength(3);
  });

  it('has no postings for a word the archive lacks', () => {
    expect(index.postings('غيرموجودة')).toBeNull();
    expect(index.hasTerm('غيرموجودة')).toBe(false);
    expect(index.hasTerm(analyzeWord('أوبك')!.exact)).toBe(true);
  });

  it('lists terms by prefix and within an edit distance', () => {
    const terms = (r: { terms: Array<{ term: string }> }) => r.terms.map((t) => t.term);
    expect(terms(index.expandPrefix(analyzeWord('أوب')!.exact, 100))).toContain(analyzeWord('أوبك')!.exact);
    expect(terms(index.expandPrefix('d2015-07', 100)).sort()).toEqual(['d2015-07-20', 'd2015-07-23']);
    expect(index.expandPrefix('zzz', 100)).toEqual({ terms: [], cut: false });
    const within = terms(index.expandFuzzy(analyzeWord('خامنئ')!.exact, 1, 0, 100));
    expect(within).toContain(analyzeWord('خامنئي')!.exact);
    // Bounded: at most `limit` terms, the most frequent first, and the cut is said.
    const two = index.expandPrefix('d20', 2);
    expect(two.terms).toHaveLength(2);
    expect(two.cut).toBe(true);
  });
});

describe('id lookups', () => {
  it('finds a document by a prefix of its id', () => {
    for (const a of articles) {
      expect(index.docsWithIdPrefix(a.id.slice(0, 6))).toContain(index.docById(a.id));
    }
  });

  it('lists every document for an empty prefix, in id order, up to the limit', () => {
    const all = index.docsWithIdPrefix('', 50);
    expect(all.map((d) => index.id(d))).toEqual(articles.map((a) => a.id).sort());
    expect(index.docsWithIdPrefix('', 2)).toHaveLength(2);
  });

  it('finds nothing for an unknown id or prefix', () => {
    expect(index.docById('000000000000')).toBeNull();
    expect(index.docById(articles[0]!.id.slice(0, 6))).toBeNull();
    expect(index.docsWithIdPrefix('zz')).toEqual([]);
  });
});

describe('deletions', () => {
  it('treats every document as live when the manifest names no bitmap, even if a stray bitmap file exists', () => {
    const dir = copyIndex(indexDir, path.join(tmp.dir, 'stray-bitmap'));
    const seg = index.manifest.segments[0]!;
    expect(seg.deletions).toBeNull();
    writeFileSync(path.join(dir, `${seg.name}.del.1`), Buffer.from([0xff]));
    const copy = ArchiveIndex.open(dir);
    try {
      expect([...copy.liveDocs()]).toEqual([0, 1, 2, 3, 4]);
      expect([0, 1, 2, 3, 4].every((d) => copy.isLive(d))).toBe(true);
      expect(copy.docById(articles[1]!.id)).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('hides the documents a referenced bitmap marks deleted', () => {
    const dir = copyIndex(indexDir, path.join(tmp.dir, 'bitmap'));
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    const seg = manifest.segments[0]!;
    seg.deletions = `${seg.name}.del.1`;
    seg.deletedCount = 1;
    manifest.documentCount = 4;
    // Document 0 (the OPEC article): bit 0 of byte 0.
    new Directory(dir).writeFile(seg.deletions, Buffer.from([0b00000001]));
    writeFileSync(path.join(dir, MANIFEST), serializeManifest(manifest));
    const copy = ArchiveIndex.open(dir);
    try {
      expect([...copy.liveDocs()]).toEqual([1, 2, 3, 4]);
      expect(copy.isLive(0)).toBe(false);
      expect(copy.docById(articles[0]!.id)).toBeNull();
      expect(copy.docsWithIdPrefix(articles[0]!.id.slice(0, 6))).toEqual([]);
      // Postings leave the deleted document out: سقف occurs only in it.
      const term = analyzeWord('سقف')!.exact;
      const p = copy.postings(term);
      expect(p === null || [...p.values()].every((m) => m.size === 0)).toBe(true);
      expect(copy.postings(analyzeWord('النفط')!.exact)!.get(FIELD_ID.body)!.has(3)).toBe(true);
    } finally {
      copy.close();
    }
  });
});

describe('rebuilding in place', () => {
  it('replaces the index with a new generation and keeps the previous one\'s files for open readers', () => {
    const dir = path.join(tmp.dir, 'rebuilt');
    buildSmall(dir);
    const first = ArchiveIndex.open(dir);
    const firstSeg = first.manifest.segments[0]!.name;
    buildSmall(dir, [path.join(SMALL_ARCHIVE, '01_opec-keeps-ceiling.txt')]);
    // A reader that opened generation 1 can still read it.
    expect(first.stored(4).title).toBe(articles[4]!.title);
    first.close();
    const second = ArchiveIndex.open(dir);
    try {
      expect(second.manifest.generation).toBe(2);
      expect(second.documentCount).toBe(1);
      expect(second.manifest.segments[0]!.name).not.toBe(firstSeg);
    } finally {
      second.close();
    }
    // A third build drops generation 1's files.
    buildSmall(dir);
    expect(readdirSync(dir).some((f) => f.startsWith(`${firstSeg}.`))).toBe(false);
  });

  it('splits a large import into several segments and reads them as one index', () => {
    const dir = path.join(tmp.dir, 'segments');
    // A budget of one byte writes out every document as a segment of its own.
    const { summary } = buildSmall(dir, [SMALL_ARCHIVE], { memory: 1 });
    expect(summary.segments).toBe(5);
    const multi = ArchiveIndex.open(dir);
    try {
      expect(multi.documentCount).toBe(5);
      for (let d = 0; d < 5; d++) {
        expect(multi.id(d)).toBe(index.id(d));
        expect(multi.stored(d)).toEqual(index.stored(d));
        expect(multi.fieldLengths(d)).toEqual(index.fieldLengths(d));
      }
      const term = analyzeWord('النفط')!.exact;
      expect(multi.postings(term)).toEqual(index.postings(term));
      expect(multi.docsWithIdPrefix('', 50).map((d) => multi.id(d)).sort()).toEqual(articles.map((a) => a.id).sort());
    } finally {
      multi.close();
    }
  });
});
