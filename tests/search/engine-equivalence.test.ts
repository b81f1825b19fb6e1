// The on-disk engine must answer exactly as one complete in-memory MiniSearch built from
// the same articles with the same analyzer and options: same documents, same order, same
// scores — over hundreds of generated queries of every kind, on an index of several
// segments with deleted and replaced articles. Closeness ranking and the folding of copies
// are newsq's own additions and are turned off here; phrases have no MiniSearch counterpart.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build';
import { updateIndex } from '../../src/ingest/update';
import { ArchiveIndex } from '../../src/index/reader';
import { LENGTH_COLUMNS, NO_TIME, dayNumber } from '../../src/index/schema';
import { compileQuery } from '../../src/search/plan';
import { Engine, UNBOUNDED } from '../../src/search/engine';
import { runPlanned, scoreKey } from '../../src/search/search';
import type { QueryPlan } from '../../src/search/query';
import { analyzeWord } from '../../src/analysis/analyzer';
import { Vocabulary, rng, synthArticle, synthTitle } from '../../src/synth/generate';
import { REFERENCE_BOOST, referenceDoc, referenceOptions, toMiniSearchQuery, type ReferenceDoc } from '../support/minisearch-reference';

const root = join(__dirname, '..', '..');
const demoDir = join(root, 'data', 'articles');

let work: string;
let index: ArchiveIndex;
let reference: MiniSearch<ReferenceDoc>;
let position: Map<string, number>;
let words: string[];
let keywords: string[];
let replacedId: string;

function quiet() {
  return { skip: () => {}, warn: () => {} };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'newsq-equiv-'));
  const input = join(work, 'articles');
  mkdirSync(input);
  const demo = readdirSync(demoDir).map((f) => readFileSync(join(demoDir, f), 'utf8'));
  demo.forEach((t, i) => writeFileSync(join(input, `demo-${i}.txt`), t));
  const vocabulary = Vocabulary.fromTexts(demo);
  const opts = { count: 400, seed: 7, from: '2013-01-01', to: '2016-12-31', keywords: ['إيران', 'الدولة الإسلامية', 'أوبك', 'اليمن', 'خامنئي'], outlets: ['صوت الخليج', 'نشرة الرافدين'] };
  for (let i = 0; i < opts.count; i++) {
    writeFileSync(join(input, `synth-${i}.txt`), synthArticle(i, vocabulary, opts, (j) => synthTitle(j, vocabulary, opts.seed)));
  }
  // A small memory budget forces several segments, as a large archive would have.
  const dir = join(work, 'index');
  buildIndex([input], dir, { utcOffset: '+03:00', memory: 400_000, events: quiet() });
  // Then the life of an index: additions (some replacing articles by id), deletions.
  const built = ArchiveIndex.open(dir);
  expect(built.segments.length).toBeGreaterThan(2);
  const someIds = [...built.liveDocs()].slice(0, 60).map((d) => built.id(d));
  replacedId = someIds[0]!;
  built.close();
  const records = (from: number, n: number, replace: string[]) =>
    Array.from({ length: n }, (_, i) => {
      const j = from + i;
      const text = synthArticle(j, vocabulary, opts, (k) => synthTitle(k, vocabulary, opts.seed));
      const [title, , ...rest] = text.split('\n\n');
      return JSON.stringify({ id: replace[i] ?? `added-${j}`, title, date: `2016-0${1 + (j % 9)}-1${j % 10} 10:00`, body: rest.slice(0, 4).join('\n\n'), keywords: ['إيران', 'اليمن'], source: 'صوت الخليج' });
    }).join('\n');
  writeFileSync(join(work, 'add1.jsonl'), records(1000, 40, someIds.slice(0, 15)));
  updateIndex(dir, { utcOffset: '+03:00', add: [join(work, 'add1.jsonl')], remove: someIds.slice(20, 35), events: quiet() });
  const between = ArchiveIndex.open(dir);
  // After one update: the old segments carry deletion bitmaps, the new articles a segment of their own.
  expect(between.segments.length).toBeGreaterThan(2);
  expect(between.segments.some((seg) => seg.info.deletedCount > 0)).toBe(true);
  between.close();
  writeFileSync(join(work, 'add2.jsonl'), records(2000, 25, someIds.slice(40, 45)));
  updateIndex(dir, { utcOffset: '+03:00', add: [join(work, 'add2.jsonl')], remove: ['added-1020', someIds[50]!], events: quiet() });
  index = ArchiveIndex.open(dir);
  expect(index.segments.length).toBeGreaterThan(3);

  reference = new MiniSearch<ReferenceDoc>(referenceOptions());
  position = new Map();
  const docs: ReferenceDoc[] = [];
  for (const doc of index.liveDocs()) {
    const article = index.stored(doc);
    position.set(article.id, docs.length);
    docs.push(referenceDoc(article));
  }
  reference.addAll(docs);
  words = [...new Set(demo.join(' ').match(/[\u0621-\u064A]{3,}/g) ?? [])];
  keywords = ['إيران', 'الدولة الإسلامية', 'أوبك', 'اليمن', 'خامنئي', 'السعودية'];
}, 120_000);

afterAll(() => {
  index?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Generated queries of every kind the language has (phrases aside: MiniSearch has none). */
function generatedQueries(n: number): Array<{ query: string; since?: string; until?: string }> {
  const random = rng(2024);
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const word = () => pick(words);
  const kinds: Array<() => { query: string; since?: string; until?: string }> = [
    () => ({ query: word() }),
    () => ({ query: `${word()} ${word()}` }),
    () => ({ query: `${word()} ${word()} ${word()}` }),
    () => ({ query: `${word()} OR ${word()}` }),
    () => ({ query: `(${word()} OR ${word()}) ${word()}` }),
    () => ({ query: `${word().slice(0, 3)}*` }),
    () => ({ query: `${word().slice(0, 4)}* ${word()}` }),
    () => ({ query: `${word()}~` }),
    () => ({ query: `${word()}~1 OR ${word()}` }),
    () => ({ query: `${word()} -${word()}` }),
    () => ({ query: `-${word()}` }),
    () => ({ query: `title:${word()}` }),
    () => ({ query: `tag:"${pick(keywords)}"` }),
    () => ({ query: `source:الخليج ${word()}` }),
    () => ({ query: `${word()} date:${2013 + Math.floor(random() * 4)}` }),
    () => ({ query: `date:2015-0${1 + Math.floor(random() * 9)}..2016` }),
    () => ({ query: word(), since: '2014-06', until: '2015-12' }),
    () => ({ query: `${word()} OR ${word()}`, since: '2015' }),
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!());
}

function dayRange(since?: string, until?: string): { from: number | null; to: number | null } {
  return {
    from: since ? dayNumber(since.length === 4 ? `${since}-01-01` : `${since}-01`) : null,
    to: until ? dayNumber(`${until}-31`) : null,
  };
}

/** Best first, ties to archive order: MiniSearch's scores rounded as newsq compares them. */
function ordered<T extends { score: number; doc: number }>(hits: T[]): T[] {
  return hits.sort((a, b) => scoreKey(b.score) - scoreKey(a.score) || a.doc - b.doc);
}

function referenceHits(plan: QueryPlan, since?: string, until?: string): Array<{ id: string; score: number }> {
  const { from, to } = dayRange(since, until);
  const results = reference.search(toMiniSearchQuery(plan), {
    boost: REFERENCE_BOOST,
    ...(from !== null || to !== null ? { filter: (r) => r.day !== null && (from === null || r.day >= from) && (to === null || r.day <= to) } : {}),
  });
  return ordered(results.map((r) => ({ doc: position.get(String(r.id))!, score: r.score, id: String(r.id) }))).map(({ id, score }) => ({ id, score }));
}

function engineHits(plan: QueryPlan, since?: string, until?: string): Array<{ id: string; score: number }> {
  const { from, to } = dayRange(since, until);
  const m = new Engine(index, UNBOUNDED).run(plan);
  const hits: Array<{ doc: number; score: number }> = [];
  m.docs.forEach((doc, i) => {
    const t = index.time(doc);
    const day = t === NO_TIME ? null : Math.floor(t / 1440);
    if ((from !== null || to !== null) && (day === null || (from !== null && day < from) || (to !== null && day > to))) return;
    hits.push({ doc, score: m.scores[i]! });
  });
  return ordered(hits).map((h) => ({ id: index.id(h.doc), score: h.score }));
}

function expectSameHits(actual: Array<{ id: string; score: number }>, expected: Array<{ id: string; score: number }>, label: string): void {
  expect(actual.map((h) => h.id), label).toEqual(expected.map((h) => h.id));
  actual.forEach((h, i) => expect(Math.abs(h.score - expected[i]!.score), label).toBeLessThanOrEqual(1e-9 * Math.max(1, h.score)));
}

describe('on-disk engine versus a complete in-memory MiniSearch', () => {
  it('holds exactly the live articles: additions, replacements and deletions applied', () => {
    expect(index.documentCount).toBe(position.size);
    expect(index.docById('added-1020')).toBeNull();
    expect(index.docById('added-1021')).not.toBeNull();
    // A replaced article is live once, in its new version (an added record keeps its id).
    expect([...index.liveDocs()].filter((d) => index.id(d) === replacedId)).toHaveLength(1);
    expect(index.stored(index.docById(replacedId)!).source).toBe('صوت الخليج');
  });

  it('reads the length and time columns of a list across segments as the per-document lookups do', () => {
    const docs = Int32Array.from({ length: index.docSpan }, (_, d) => d).filter((d) => d % 2 === 1);
    for (let c = 0; c < LENGTH_COLUMNS.length; c++) {
      const out = new Int32Array(docs.length);
      index.lengthsOf(docs, c, out);
      expect([...out]).toEqual(Array.from(docs, (d) => index.lengthOf(d, c)));
    }
    // One field's postings read alone (the others stepped over) equal that field of the whole.
    let compared = 0;
    for (const term of words.slice(0, 60).flatMap((w) => { const a = analyzeWord(w); return a ? [a.exact, ...a.stems] : []; })) {
      const whole = index.postings(term);
      if (whole) compared++;
      for (let field = 0; field < 9; field++) {
        const alone = index.postings(term, field)?.get(field);
        expect(alone ? [...alone.docs] : [], `${term} / ${field}`).toEqual(whole?.get(field) ? [...whole.get(field)!.docs] : []);
        expect(alone ? [...alone.freqs] : []).toEqual(whole?.get(field) ? [...whole.get(field)!.freqs] : []);
      }
    }
    expect(compared).toBeGreaterThan(40);
    const times = new Int32Array(docs.length);
    index.timesOf(docs, times);
    expect([...times]).toEqual(Array.from(docs, (d) => index.time(d)));
  });

  it('gives the same ids, order and scores for 216 generated queries', () => {
    // Variants are newsq's own addition (MiniSearch has none): planned without them here.
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay, variants: false };
    let nonEmpty = 0;
    for (const q of generatedQueries(216)) {
      const { plan } = compileQuery(q.query, ctx);
      const expected = referenceHits(plan, q.since, q.until);
      expectSameHits(engineHits(plan, q.since, q.until), expected, q.query);
      if (expected.length > 0) nonEmpty++;
    }
    // The comparison means something only if most queries find documents.
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('gives the same page and total through the search itself, for every page size', () => {
    // Variants are newsq's own addition (MiniSearch has none): planned without them here.
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay, variants: false };
    for (const q of generatedQueries(108)) {
      const planned = compileQuery(q.query, ctx);
      const expected = referenceHits(planned.plan, q.since, q.until);
      for (const limit of [0, 1, 3, 10]) {
        const out = runPlanned(index, planned, { limit, offset: 0, sort: 'relevance', collapse: false, proximity: false, snippets: false, limits: UNBOUNDED, today: '2016-12-31', ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}) });
        expect(out.total, q.query).toBe(expected.length);
        expectSameHits(out.hits.map((h) => ({ id: h.article.id, score: h.score })), expected.slice(0, limit), `${q.query} (top ${limit})`);
      }
    }
  });
});
