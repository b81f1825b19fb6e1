// The build's side of the analysis worker: a recording made with the worker's own term ids,
// replayed into the segment, must write the segment files a single-threaded indexer writes,
// whether the segments are written between batches or inside one, and when the worker fails
// part of the way. The worker here answers on the test's thread (the real one loads the
// bundle: tests/e2e/analysis-thread.test.ts runs it).

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzerIdentity } from '../../src/ingest/build';
import { DocumentIndexer } from '../../src/ingest/document';
import { ArticleIndexer, analysisHandler, type AnalysisChannel, type Reply, type Request } from '../../src/ingest/analysis-thread';
import { listInputFiles, readArticles } from '../../src/ingest/importer';
import { IndexWriter } from '../../src/index/writer';
import type { Article } from '../../src/model/article';
import { demoArticlesDir, tempDir } from '../support/cli';

const events = { skip: () => {}, warn: () => {} };
const articles: Article[] = [...readArticles(listInputFiles([demoArticlesDir], events), { utcOffset: '+03:00' }, events)].map((a) => a.article);
const tmp = tempDir('analysis-thread');
afterAll(() => tmp.remove());

/** A worker answering on this thread; `failAt` makes its answer to that batch an error. */
function inline(failAt = -1): { start: () => AnalysisChannel; sent: Request[] } {
  const sent: Request[] = [];
  const handle = analysisHandler();
  const replies: Reply[] = [];
  const channel: AnalysisChannel = {
    send(m) {
      sent.push(m);
      // Replies cross threads as copies: the test's must not share the worker's arrays.
      const r = m.seq === failAt ? { ...handle(m)!, error: 'failed' } : handle(m);
      if (r) replies.push(structuredClone(r));
    },
    receive: () => replies.shift() ?? null,
    wait: () => replies.shift() ?? null,
    stop() {},
  };
  return { start: () => channel, sent };
}

/** Builds the demo articles in `name`, writing a segment after every `every` articles; returns its files. */
function build(name: string, every: number, indexer: (target: { segment: IndexWriter['segment']; documentAdded(extra: number): void }) => { add(a: Article): void; drain(): void }): Map<string, Buffer> {
  const dir = path.join(tmp.dir, name);
  const writer = IndexWriter.create(dir, { analyzer: analyzerIdentity() });
  try {
    let n = 0;
    const target = {
      get segment() {
        return writer.segment;
      },
      documentAdded() {
        if (++n % every === 0) writer.flush();
      },
    };
    const ix = indexer(target);
    for (const a of articles) ix.add(a);
    ix.drain();
    writer.flush();
  } finally {
    writer.close();
  }
  return new Map(readdirSync(dir).filter((f) => /^g\d+-[sm]\d+\./.test(f)).sort().map((f) => [f, readFileSync(path.join(dir, f))]));
}

function single(target: { segment: IndexWriter['segment']; documentAdded(extra: number): void }) {
  const ix = new DocumentIndexer();
  return {
    add: (a: Article) => {
      ix.add(target.segment, a);
      target.documentAdded(ix.bytesUsed());
    },
    drain: () => {},
  };
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, bytes] of b) expect(a.get(name)!.equals(bytes), name).toBe(true);
}

describe('ArticleIndexer', () => {
  it('writes the segment a single thread writes, past the articles it indexes itself', () => {
    const worker = inline();
    const files = build('one-threaded', 1000, (t) => new ArticleIndexer(t, worker.start, 5));
    expect(worker.sent.filter((m) => m.texts).length).toBeGreaterThan(1);
    expectSame(files, build('one-single', 1000, single));
  });

  it('gives terms new ids in each segment and starts the worker on a new dictionary, inside a batch too', () => {
    // A segment every 4 articles falls inside batches of 32; ten of them are merged.
    const worker = inline();
    const files = build('many-threaded', 4, (t) => new ArticleIndexer(t, worker.start, 0));
    expect(worker.sent.filter((m) => m.reset).length).toBeGreaterThan(3);
    expect([...files.keys()].some((f) => /-m\d+\./.test(f))).toBe(true);
    expectSame(files, build('many-single', 4, single));
  });

  it('analyses what a failed worker held on its own thread, in order', () => {
    const worker = inline(1);
    const files = build('failed-threaded', 9, (t) => new ArticleIndexer(t, worker.start, 0));
    expectSame(files, build('failed-single', 9, single));
  });
});
