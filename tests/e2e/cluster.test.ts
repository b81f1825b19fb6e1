// newsq on a real searchd cluster (2 shards and a distributor started by scripts/cluster.mjs):
// an import killed half-way and rerun, then hundreds of queries of every kind answered by the
// cluster exactly as by a local index of the same articles (the same ids in the same order,
// with the same scores), timelines and related-story chains alike, and a shard going down. Skipped when searchd is not installed
// (Debian's `sphinxsearch` package; .ci/run installs it).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenizeWords } from '../../src/analysis/tokenize';
import { ClusterEngine, MAX_DICTIONARY_SCAN, parseEngineUrl } from '../../src/engine/cluster';
import { EngineUnsupportedError, type ArchiveEngine } from '../../src/engine/engine';
import { LocalEngine } from '../../src/engine/local';
import { SphinxQL } from '../../src/engine/sphinxql-client';
import { keywordSidecar } from '../../src/features/keywords';
import { findHeadlineIn, followSourceChain, linksOf, type ChainArticle, type StoryChain } from '../../src/features/related/chain';
import { dayNumber } from '../../src/index/schema';
import { ArchiveIndex } from '../../src/index/reader';
import { compileQuery } from '../../src/search/plan';
import { scoreKey } from '../../src/search/search';
import { demoArticlesDir, projectRoot, sharedDir, tempDir } from '../support/cli';

function hasSearchd(): boolean {
  try {
    execFileSync('searchd', ['--help'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // searchd --help exits 1 after printing its usage; only a missing program throws ENOENT.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const SEARCHD = hasSearchd();
const SNN_ZIP = path.join(sharedDir, 'corpora', 'saudinewsnet', '2015-07-22.zip');
const HAS_SNN = existsSync(SNN_ZIP);
const BIN = path.join(projectRoot, 'bin', 'newsq.js');
const SCRIPT = path.join(projectRoot, 'scripts', 'cluster.mjs');
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp', LANG: 'C.UTF-8' };

interface ClusterState {
  engine: string;
  shards: string[];
  nodes: Array<{ name: string; pid: number; sql: number; api: number; config: string }>;
}

describe.skipIf(!SEARCHD)(`newsq on a searchd cluster${SEARCHD ? '' : ' (skipped: searchd is not installed; apt-get install sphinxsearch)'}`, () => {
  let tmp: ReturnType<typeof tempDir>;
  let clusterDir: string;
  let localDir: string;
  const inputs = HAS_SNN ? [demoArticlesDir, SNN_ZIP] : [demoArticlesDir];
  let state: ClusterState;
  let writeUrl: string;
  let local: LocalEngine;
  let cluster: ClusterEngine;
  let killedAt = 0;
  const sql = new SphinxQL(projectRoot);

  const newsq = (args: string[], env: Record<string, string> = {}) =>
    // TMPDIR: the staging folder of the import killed below goes with the test's folder.
    execa(process.execPath, [BIN, ...args], { cwd: projectRoot, env: { ...ENV, TMPDIR: tmp.dir, ...env }, extendEnv: false, reject: false });
  const distributorCount = (): number => {
    const d = state.nodes.find((n) => n.name === 'distributor')!;
    return Number(sql.rows({ host: '127.0.0.1', port: d.sql }, 'SELECT COUNT(*) c FROM all')[0]?.c ?? 0);
  };

  beforeAll(async () => {
    tmp = tempDir('cluster');
    clusterDir = path.join(tmp.dir, 'cluster');
    localDir = path.join(tmp.dir, 'local');
    if (!HAS_SNN) console.warn(`cluster test: ${SNN_ZIP} is absent; comparing on the demo archive alone`);
    await execa(process.execPath, [SCRIPT, 'start', '--shards', '2', '--dir', clusterDir]);
    state = JSON.parse(readFileSync(path.join(clusterDir, 'cluster.json'), 'utf8')) as ClusterState;
    writeUrl = `${state.engine}?shards=${state.shards.join(',')}`;
    // The local index and the first (interrupted) import of the same inputs side by side.
    const localBuild = newsq(['index', ...inputs, '--index', localDir, '--quiet']);
    const first = newsq(['index', ...inputs, '--engine', writeUrl, '--quiet']);
    // Killed as soon as some articles are in the cluster, before the import is done.
    for (;;) {
      const n = distributorCount();
      if (n > 0 || first.exitCode !== null) {
        first.kill('SIGKILL');
        killedAt = n;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await first;
    expect((await localBuild).exitCode).toBe(0);
    const rerun = await newsq(['index', ...inputs, '--engine', writeUrl, '--quiet']);
    expect(rerun.stderr.split('\n').filter((l) => !/skipped .*no title and no body/.test(l) && l)).toEqual([]);
    expect(rerun.exitCode).toBe(0);
    local = new LocalEngine(ArchiveIndex.open(localDir));
    cluster = new ClusterEngine(parseEngineUrl(state.engine), { packageRoot: projectRoot, allowPartial: false });
  });

  afterAll(async () => {
    local?.close();
    cluster?.close();
    sql.close();
    if (clusterDir && existsSync(path.join(clusterDir, 'cluster.json'))) await execa(process.execPath, [SCRIPT, 'stop', '--dir', clusterDir], { reject: false });
    for (const n of state?.nodes ?? []) {
      let alive = true;
      try {
        process.kill(n.pid, 0);
      } catch {
        alive = false;
      }
      expect(alive, `${n.name} (pid ${n.pid}) still running`).toBe(false);
    }
    tmp?.remove();
  });

  it('an import killed half-way, rerun, leaves every article once', () => {
    const index = local.index;
    const total = index.documentCount;
    expect(killedAt).toBeLessThan(total);
    const d = state.nodes.find((n) => n.name === 'distributor')!;
    const rows = sql.rows({ host: '127.0.0.1', port: d.sql }, `SELECT ext_id FROM all LIMIT 0, ${total + 100} OPTION max_matches=${total + 100}`);
    const ids = rows.map((r) => String(r.ext_id));
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(new Set(ids)).toEqual(new Set(Array.from(index.liveDocArray(), (doc) => index.id(doc))));
  });

  // Queries of every kind, drawn from the archive itself.
  function queries(): Record<string, string[]> {
    const index = local.index;
    const docs = index.liveDocArray();
    const words: string[] = [];
    const pairs: string[] = [];
    const seenWord = new Set<string>();
    for (let i = 0; i < docs.length && (words.length < 400 || pairs.length < 150); i += 3) {
      const tokens = tokenizeWords(index.title(docs[i]!)).filter((w) => /^[\u0621-\u064a]{3,}$/.test(w));
      for (const w of tokens) if (!seenWord.has(w) && words.length < 400) (seenWord.add(w), words.push(w));
      // Exact phrases, and every fourth one a window of two more positions, in any order.
      if (tokens.length >= 2 && pairs.length < 150) pairs.push(pairs.length % 4 === 3 ? `"${tokens[1]} ${tokens[0]}"~2` : `"${tokens[0]} ${tokens[1]}"`);
    }
    const keys = Object.keys(keywordSidecar(index).display);
    const sources = [...new Set(Array.from(docs, (doc) => index.sourceName(doc)).filter(Boolean))];
    const pick = <T>(list: T[], i: number) => list[i % list.length]!;
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const months = ['2014-06', '2014-11', '2015-01', '2015-04', '2015-07', '2015-10', '2016', '2016-01', '2017', '2015'];
    return {
      words: words.slice(0, 100),
      or: range(100).map((i) => `${pick(words, i + 100)} OR ${pick(words, i * 7 + 3)}`),
      not: range(100).map((i) => `${pick(words, i * 3)} -${pick(words, i * 5 + 1)}`),
      phrases: pairs.slice(0, 100).concat(range(Math.max(0, 100 - pairs.length)).map((i) => pick(pairs, i))),
      // Prefixes that reach up to MAX_DICTIONARY_SCAN words (past it the cluster refuses, tested below).
      prefixes: range(160).map((i) => `${pick(words, i * 2 + 50).slice(0, 4 + (i % 3))}*`),
      fields: range(100).map((i) => (i % 3 === 0 ? `source:${pick(sources, i)}` : `title:${pick(words, i + 200)}${i % 2 ? ` ${pick(words, i + 300)}` : ''}`)),
      dates: range(100).map((i) => (i % 2 ? `date:${pick(months, i)}` : `${pick(words, i + 17)} date:${pick(months, i)}`)),
      tags: range(100).map((i) => (i % 3 === 0 ? `tag:"${pick(keys, i)}" OR tag:"${pick(keys, i + 11)}"` : `tag:"${pick(keys, i)}"`)),
    };
  }

  const TODAY = '2017-07-01';
  const planned = (engine: ArchiveEngine, query: string) => compileQuery(query, engine.planContext(TODAY));
  const ranked = (engine: ArchiveEngine, query: string) => engine.run(planned(engine, query), { limit: 10_000, offset: 0, collapse: false, snippets: false, today: TODAY });

  it('matches the same articles for at least 100 queries of every kind', () => {
    const found: Record<string, number> = {};
    for (const [kind, list] of Object.entries(queries())) {
      expect(list.length, kind).toBeGreaterThanOrEqual(100);
      found[kind] = 0;
      let compared = 0;
      for (const q of list) {
        if (compared === 100) break;
        const a = local.matchIds(planned(local, q), { today: TODAY });
        let b: string[];
        try {
          b = cluster.matchIds(planned(cluster, q), { today: TODAY });
        } catch (err) {
          // Refused, not answered differently: only a prefix too broad to rank in the cluster.
          expect(err, `${kind}: ${q}`).toBeInstanceOf(EngineUnsupportedError);
          expect(kind).toBe('prefixes');
          expect(local.index.expandPrefix(q.slice(0, -1), Infinity).terms.length, q).toBeGreaterThan(MAX_DICTIONARY_SCAN);
          continue;
        }
        compared++;
        expect(b.length, `${kind}: ${q}`).toBe(a.length);
        expect(new Set(b), `${kind}: ${q}`).toEqual(new Set(a));
        if (a.length > 0) found[kind]!++;
      }
      expect(compared, kind).toBe(100);
    }
    // Most queries of each kind find something: the comparison is not of empty answers.
    for (const [kind, n] of Object.entries(found)) expect(n, kind).toBeGreaterThanOrEqual(50);
  });

  // The full comparison of rankings (every match, in order, with its score) runs on the
  // queries of each kind with the fewest matches, to keep the file quick; the broadest are
  // compared page by page below.
  it('ranks them alike: the same order and scores, so the same first result', () => {
    for (const [kind, list] of Object.entries(queries())) {
      const sample = list
        .map((q) => ({ q, n: local.matchIds(planned(local, q), { today: TODAY }).length }))
        .filter((x) => x.n >= 2)
        .sort((x, y) => x.n - y.n)
        .slice(0, 8);
      expect(sample.length, kind).toBeGreaterThanOrEqual(5);
      for (const { q } of sample) {
        const a = ranked(local, q);
        const b = ranked(cluster, q);
        const ids = (o: typeof a) => o.hits.map((h) => h.article.id);
        expect(b.total, `${kind}: ${q}`).toBe(a.total);
        // Ties in exact arithmetic fall to archive order, which the cluster keeps as `seq`.
        expect(ids(b), `${kind}: ${q}`).toEqual(ids(a));
        expect(b.hits.map((h) => scoreKey(h.score)), `${kind}: ${q}`).toEqual(a.hits.map((h) => scoreKey(h.score)));
        expect(b.notices, `${kind}: ${q}`).toEqual(a.notices);
      }
    }
  });

  // Past a few hundred candidates the cluster scores them from searchd's term frequencies and
  // reads only the best (docs/cluster.md): the pages of the broadest queries of each kind, as
  // users see them (copies folded, closeness), must still be the local index's.
  it('ranks broad queries alike from searchd term frequencies: the same pages', () => {
    const page = (engine: ArchiveEngine, q: string, offset: number) => engine.run(planned(engine, q), { limit: 20, offset, snippets: true, today: TODAY });
    let broad = 0;
    for (const [kind, list] of Object.entries(queries())) {
      const sample = list
        .slice(0, 40)
        .map((q) => ({ q, n: local.matchIds(planned(local, q), { today: TODAY }).length }))
        .filter((x) => x.n > 250)
        .sort((x, y) => y.n - x.n)
        .slice(0, 1);
      for (const { q } of sample) {
        for (const offset of kind === 'words' ? [0, 20] : [0]) {
          const a = page(local, q, offset);
          let b: ReturnType<typeof page>;
          try {
            b = page(cluster, q, offset);
          } catch (err) {
            if (!(err instanceof EngineUnsupportedError) || kind !== 'prefixes') throw err;
            continue;
          }
          broad++;
          // The matched terms as a set: prefix expansions of equal frequency come in either order (docs/cluster.md).
          const view = (o: typeof a) => o.hits.map((h) => [h.article.id, scoreKey(h.score), h.copies.map((c) => c.id), h.snippet.text, [...h.matched].sort()]);
          expect(b.total, `${kind}: ${q}`).toBe(a.total);
          expect(view(b), `${kind}: ${q} @${offset}`).toEqual(view(a));
        }
      }
    }
    expect(broad).toBeGreaterThanOrEqual(7);
  });

  it('show, tag, tags, date and stats print what they print for the local index', async () => {
    const id = local.index.id(local.index.liveDocArray()[3]!);
    const key = Object.values(keywordSidecar(local.index).display)[0]!;
    for (const args of [['show', id.slice(0, 8), '--json'], ['tag', key, '--json'], ['tags', '--json', '--top', '20'], ['date', '2015-07', '--count'], ['date', '2015-07', '--json', '-n', '5', '--offset', '3'], ['search', 'السعودية', '--sort', 'oldest', '--no-collapse', '--json', '-n', '4'], ['search', 'السعودية', '--json', '-n', '5']]) {
      const a = await newsq([...args, '--index', localDir]);
      const b = await newsq([...args, '--engine', state.engine]);
      expect(b.exitCode, args.join(' ')).toBe(a.exitCode);
      expect(b.stdout, args.join(' ')).toBe(a.stdout);
    }
    const a = JSON.parse((await newsq(['stats', '--json', '--index', localDir])).stdout) as Record<string, unknown>;
    const b = JSON.parse((await newsq(['stats', '--json', '--engine', state.engine])).stdout) as Record<string, unknown>;
    for (const k of ['documents', 'firstDay', 'lastDay', 'undated', 'withoutKeywords', 'keywords', 'sources']) expect(b[k], k).toEqual(a[k]);
  });

  it('timeline counts the same articles per day for queries of every kind', () => {
    const days = (engine: ArchiveEngine, q: string, since?: string) =>
      engine
        .dayCounts(planned(engine, q), { today: TODAY, ...(since ? { since } : {}) })
        .counts.map(([d, n]) => `${d}:${n}`)
        .sort();
    let nonEmpty = 0;
    for (const [kind, list] of Object.entries(queries())) {
      for (const q of list.slice(0, 12)) {
        const a = days(local, q);
        if (a.length > 0) nonEmpty++;
        try {
          expect(days(cluster, q), `${kind}: ${q}`).toEqual(a);
        } catch (err) {
          // Only a prefix too broad for the cluster's dictionary is refused, as in the id comparison.
          if (!(err instanceof EngineUnsupportedError) || kind !== 'prefixes') throw err;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(60);
    expect(days(cluster, 'السعودية', '2015-07-22')).toEqual(days(local, 'السعودية', '2015-07-22'));
  });

  it('related follows the same chains: links, backlinks, date limits, headlines, similar articles', () => {
    const index = local.index;
    const listing = Array.from(index.liveDocArray()).filter((doc) => linksOf(index, index.id(doc)).length > 0);
    expect(listing.length).toBeGreaterThanOrEqual(20);
    const a = local.chainSource();
    const b = cluster.chainSource();
    const strip = (c: StoryChain) => ({ ...c, nodes: c.nodes.map(({ doc: _doc, ...n }) => n) });
    const from = dayNumber('2015-01-01');
    const after = (x: ChainArticle) => x.day !== null && x.day >= from;
    for (const doc of listing.slice(0, 20)) {
      const id = index.id(doc);
      for (const opts of [{ depth: 2 }, { depth: 3, backlinks: true }, { depth: Infinity, accept: after }]) {
        expect(strip(followSourceChain(b, id, opts)), `${id} ${JSON.stringify(opts)}`).toEqual(strip(followSourceChain(a, id, opts)));
      }
      // A headline typed by a user: exactly, and with its last word left out.
      for (const h of [index.title(doc), index.title(doc).split(' ').slice(0, -1).join(' ')]) {
        const found = (s: typeof a) => {
          const r = findHeadlineIn(s, h);
          return r.kind === 'found' ? [r.kind, r.how, r.score, r.article.id] : r.kind === 'ambiguous' ? [r.kind, r.candidates.map((c) => [c.article.id, c.score])] : [r.kind, r.closest.map((c) => [c.article.id, c.score])];
        };
        expect(found(b), h).toEqual(found(a));
      }
    }
    // Similar articles (SaudiNewsNet has no related lists): ranked by each engine's own scoring.
    const docs = index.liveDocArray();
    for (const doc of [docs[docs.length - 1]!, docs[docs.length - 200]!, docs[docs.length - 700]!]) {
      const id = index.id(doc);
      expect(strip(followSourceChain(b, id, { depth: 1, similar: true, limit: 5 })), id).toEqual(strip(followSourceChain(a, id, { depth: 1, similar: true, limit: 5 })));
    }
  });

  it('related and timeline print what they print for the local index', async () => {
    const index = local.index;
    const id = Array.from(index.liveDocArray(), (doc) => index.id(doc)).find((x) => linksOf(index, x).length > 0)!;
    for (const args of [
      ['related', id, '--json'],
      ['related', id.slice(0, 6), '--backlinks', '--timeline', '--format', 'tsv'],
      ['related', index.title(index.docById(id)!), '--json', '--since', '2015-01'],
      ['related', 'كلمات لا يحملها أي عنوان في الأرشيف'],
      ['timeline', 'إيران', '--json'],
      ['timeline', 'السعودية OR "الدولة الإسلامية"', '--by', 'week', '--since', '2015-06', '--format', 'tsv'],
      ['timeline', 'tag:إيران', '--calendar', 'hijri', '--json'],
    ]) {
      const x = await newsq([...args, '--index', localDir]);
      const y = await newsq([...args, '--engine', state.engine]);
      expect(y.exitCode, args.join(' ')).toBe(x.exitCode);
      expect(y.stdout, args.join(' ')).toBe(x.stdout);
      expect(y.stderr.replaceAll(state.engine, 'ARCHIVE'), args.join(' ')).toBe(x.stderr.replaceAll(localDir, 'ARCHIVE'));
    }
  });

  it('a shard down: exit 2 naming it, or with --allow-partial results marked partial', async () => {
    const shard = state.nodes.find((n) => n.name === 'shard1')!;
    process.kill(shard.pid, 'SIGKILL');
    const down = await newsq(['search', 'السعودية', '--engine', state.engine]);
    expect(down.exitCode).toBe(2);
    expect(down.stderr).toContain(`127.0.0.1:${shard.api}`);
    const partial = await newsq(['search', 'السعودية', '--engine', state.engine, '--allow-partial', '--json']);
    expect(partial.exitCode).toBe(0);
    expect(partial.stderr).toContain(`partial results: no answer from 127.0.0.1:${shard.api}`);
    const out = JSON.parse(partial.stdout) as { partial: boolean; missing: string[]; results: Array<{ id: string }> };
    expect(out.partial).toBe(true);
    expect(out.missing).toEqual([`127.0.0.1:${shard.api}`]);
    expect(out.results.length).toBeGreaterThan(0);
    // The answer holds only the articles of the shard that answered.
    const whole = local.matchIds(planned(local, 'السعودية'), { today: TODAY }).length;
    const count = await newsq(['search', 'السعودية', '--count', '--engine', state.engine, '--allow-partial']);
    expect(Number(count.stdout)).toBeLessThan(whole);
    // A timeline too: refused naming the node, or counted from the others and marked so.
    const refused = await newsq(['timeline', 'السعودية', '--engine', state.engine]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`127.0.0.1:${shard.api}`);
    const counted = await newsq(['timeline', 'السعودية', '--json', '--engine', state.engine, '--allow-partial']);
    expect(counted.stderr).toContain(`partial results: no answer from 127.0.0.1:${shard.api}`);
    const t = JSON.parse(counted.stdout) as { partial: boolean; missing: string[]; total: number };
    expect([t.partial, t.missing]).toEqual([true, [`127.0.0.1:${shard.api}`]]);
    expect(t.total).toBeLessThan(whole);
  });
});
