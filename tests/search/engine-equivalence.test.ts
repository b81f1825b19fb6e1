// The lazily loaded on-disk index must answer exactly as one complete in-memory MiniSearch
// built from the same articles with the same analyzer and options: same documents, same
// order, same scores — over hundreds of generated queries of every kind, on an index of
// several segments with deleted and replaced articles.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as kernelModule from '../../src/search/bound-kernel';
import { buildIndex, toIndexDoc } from '../../src/ingest/build';
import { updateIndex } from '../../src/ingest/update';
import { hitsFor, matchDocs, matchPlan, rankByBound, rankPlan, runPlan, sortByScoreThenDoc, toMiniSearchQuery, type QueryPlan } from '../../src/search/ranking';
import { FIELD_BOOST, miniSearchOptions, type IndexDoc } from '../../src/index/fields';
import { ArchiveIndex } from '../../src/index/reader';
import { dayNumber } from '../../src/index/format';
import { compileQuery } from '../../src/search/plan';
import { analyzeWord } from '../../src/analysis/analyzer';
import { Vocabulary, rng, synthArticle, synthTitle } from '../../src/synth/generate';

const root = join(__dirname, '..', '..');
const demoDir = join(root, 'data', 'articles');

let work: string;
let index: ArchiveIndex;
let reference: MiniSearch<IndexDoc>;
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
  // A small segment size forces several segments, as a large archive would have.
  const dir = join(work, 'index');
  buildIndex([input], dir, { utcOffset: '+03:00', segmentTriples: 30_000, events: quiet() });
  // Then the life of an index: additions (some replacing articles by id), deletions.
  const built = ArchiveIndex.open(dir);
  expect(built.segments.length).toBeGreaterThan(2);
  const someIds = [...built.liveDocs()].slice(0, 60).map((d) => built.stored(d).id);
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
  updateIndex(dir, { utcOffset: '+03:00', add: [join(work, 'add1.jsonl')], remove: someIds.slice(20, 35), autoMerge: false, events: quiet() });
  const between = ArchiveIndex.open(dir);
  // After one update: the old segments carry deletion bitmaps, the new articles a segment of their own.
  expect(between.segments.length).toBeGreaterThan(2);
  expect(between.segments.some((seg) => seg.info.deletedCount > 0)).toBe(true);
  between.close();
  writeFileSync(join(work, 'add2.jsonl'), records(2000, 25, someIds.slice(40, 45)));
  // No merge either: the queries below must run over several segments with deletions.
  updateIndex(dir, { utcOffset: '+03:00', add: [join(work, 'add2.jsonl')], remove: ['added-1020', someIds[50]!], autoMerge: false, events: quiet() });
  index = ArchiveIndex.open(dir);
  expect(index.segments.length).toBeGreaterThan(3);

  reference = new MiniSearch<IndexDoc>(miniSearchOptions());
  position = new Map();
  const docs: IndexDoc[] = [];
  for (const doc of index.liveDocs()) {
    const article = index.stored(doc);
    position.set(article.id, docs.length);
    docs.push(toIndexDoc(article).doc);
  }
  reference.addAll(docs);
  words = [...new Set(demo.join(' ').match(/[\u0621-\u064A]{3,}/g) ?? [])];
  keywords = ['إيران', 'الدولة الإسلامية', 'أوبك', 'اليمن', 'خامنئي', 'السعودية'];
}, 120_000);

afterAll(() => {
  index?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Generated queries of every kind the language has (phrases aside: they are checked against text). */
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

function referenceHits(plan: QueryPlan, since?: string, until?: string): Array<{ id: string; score: number }> {
  const from = since ? dayNumber(since.length === 4 ? `${since}-01-01` : `${since}-01`) : null;
  const to = until ? dayNumber(`${until}-31`) : null;
  const results = reference.search(toMiniSearchQuery(plan), {
    boost: { ...FIELD_BOOST },
    ...(from !== null || to !== null
      ? { filter: (r) => r.day !== null && (from === null || r.day >= from) && (to === null || r.day <= to) }
      : {}),
  });
  const hits = results.map((r) => ({ doc: position.get(String(r.id))!, score: r.score, id: String(r.id) }));
  return sortByScoreThenDoc(hits).map(({ id, score }) => ({ id, score }));
}

function runOptions(since?: string, until?: string) {
  const from = since ? dayNumber(since.length === 4 ? `${since}-01-01` : `${since}-01`) : null;
  const to = until ? dayNumber(`${until}-31`) : null;
  const dayFilter = from !== null || to !== null ? (day: number | null) => day !== null && (from === null || day >= from) && (to === null || day <= to) : undefined;
  return dayFilter ? { dayFilter } : {};
}

function engineHits(plan: QueryPlan, since?: string, until?: string): Array<{ id: string; score: number }> {
  return runPlan(index, plan, runOptions(since, until)).map((h) => ({ id: index.stored(h.doc).id, score: h.score }));
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
    expect([...index.liveDocs()].filter((d) => index.stored(d).id === replacedId)).toHaveLength(1);
    expect(index.stored(index.docById(replacedId)!).source).toBe('صوت الخليج');
  });

  it('reads the field lengths and time keys of a list across segments as the per-document lookups do', () => {
    const docs = Int32Array.from({ length: index.docSpan }, (_, d) => d).filter((d) => d % 2 === 1);
    for (let field = 0; field < 7; field++) {
      const out = new Int32Array(docs.length);
      index.fieldLengthOfEach(docs, field, out);
      expect([...out]).toEqual(Array.from(docs, (d) => index.fieldLengths(d)[field]));
    }
    // One field's postings read alone (the others stepped over) equal that field of the whole.
    let compared = 0;
    for (const term of words.slice(0, 60).flatMap((w) => { const a = analyzeWord(w); return a ? [a.exact, ...a.stems] : []; })) {
      const whole = index.postings(term);
      if (whole) compared++;
      for (let field = 0; field < 7; field++) {
        const alone = index.postings(term, field)?.get(field);
        expect(alone ? [...alone.docs] : [], `${term} / ${field}`).toEqual(whole?.get(field) ? [...whole.get(field)!.docs] : []);
        expect(alone ? [...alone.freqs] : []).toEqual(whole?.get(field) ? [...whole.get(field)!.freqs] : []);
      }
    }
    expect(compared).toBeGreaterThan(40);
    const keys = new Float64Array(docs.length);
    index.timeKeyOfEach(docs, keys);
    expect([...keys]).toEqual(Array.from(docs, (d) => index.timeKey(d)));
  });

  it('gives the same ids, order and scores for 216 generated queries', () => {
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
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

  it('gives the same first page and total when only the documents that can reach the page are scored (or only counted)', () => {
    const kernels = vi.spyOn(kernelModule, 'boundKernel');
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
    let pruned = 0;
    for (const q of generatedQueries(216)) {
      const { plan } = compileQuery(q.query, ctx);
      const expected = referenceHits(plan, q.since, q.until);
      // top 0: a count (search --count) takes the same way and must give the same total.
      for (const top of [0, 1, 3, 10]) {
        if (rankByBound(index, plan, top, runOptions(q.since, q.until).dayFilter)) pruned++;
        // Every way of the bound pass: in JavaScript, summed per document or sorted by
        // document, and in WebAssembly for every list length, over the archive at once and in
        // blocks of a few documents (the heap carried across).
        for (const [kernelFrom, kernelBlock, byDocumentFrom] of [[Infinity, undefined, 0], [Infinity, undefined, Infinity], [0, undefined, undefined], [0, 5, undefined]] as const) {
          const label = `${q.query} (top ${top}, WebAssembly from ${kernelFrom} postings, blocks of ${kernelBlock ?? 'the archive'}, per document from ${byDocumentFrom ?? 'default'})`;
          const ranked = rankPlan(index, plan, top, { ...runOptions(q.since, q.until), kernelFrom, kernelBlock, byDocumentFrom });
          expect(ranked.total, label).toBe(expected.length);
          expectSameHits(
            ranked.hits.map((h) => ({ id: index.stored(h.doc).id, score: h.score })),
            expected.slice(0, top),
            label,
          );
        }
      }
    }
    // Single words, several words, OR, field and date filters take the pruned way; prefix,
    // fuzzy and NOT queries the full one — both are compared above.
    expect(pruned).toBeGreaterThan(400);
    // Most pruned plans without dates ran in WebAssembly once.
    expect(kernels.mock.calls.length).toBeGreaterThan(200);
  });

  it('matches from the postings alone the documents MiniSearch matches, and scores a chosen few as it does', () => {
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
    let plain = 0;
    for (const q of generatedQueries(216)) {
      const { plan } = compileQuery(q.query, ctx);
      const { dayFilter } = runOptions(q.since, q.until);
      const docs = matchDocs(index, plan, dayFilter);
      if (!docs) continue;
      plain++;
      const full = matchPlan(index, plan, runOptions(q.since, q.until));
      expect([...docs], q.query).toEqual(full.map((h) => h.doc).sort((a, b) => a - b));
      // Every seventh match, in a scrambled order: the same scores and matched terms, in that order.
      const chosen = [...docs].filter((_, i) => i % 7 === 3).reverse();
      const byDoc = new Map(full.map((h) => [h.doc, h]));
      const hits = hitsFor(index, plan, chosen, dayFilter);
      expect(hits.map((h) => h.doc), q.query).toEqual(chosen);
      for (const h of hits) {
        expect(Math.abs(h.score - byDoc.get(h.doc)!.score), q.query).toBeLessThanOrEqual(1e-9 * Math.max(1, h.score));
        expect(h.match, q.query).toEqual(byDoc.get(h.doc)!.match);
      }
    }
    expect(plain).toBeGreaterThan(120);
  });

  it('keeps plans it cannot bound on the full way', () => {
    const ctx = { today: '2016-12-31', firstDay: index.manifest.firstDay, lastDay: index.manifest.lastDay };
    for (const query of [`${words[0]!.slice(0, 3)}*`, `${words[1]}~`, `${words[2]} -${words[3]}`, `-${words[4]}`]) {
      expect(rankByBound(index, compileQuery(query, ctx).plan, 10, undefined), query).toBeNull();
      expect(matchDocs(index, compileQuery(query, ctx).plan, undefined), query).toBeNull();
    }
    expect(rankByBound(index, compileQuery(`${words[0]} ${words[1]}`, ctx).plan, 10, undefined)).not.toBeNull();
  });
});
