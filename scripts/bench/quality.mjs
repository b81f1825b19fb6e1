// Search quality: precision at 10 of newsq and of SQLite FTS5 on SaudiNewsNet, judged by
// reading the articles (scripts/bench/quality/baseline.md says by whom and how).
//
//   node scripts/bench/quality.mjs                 the table, then the results not yet judged
//   node scripts/bench/quality.mjs --show          also each engine's top 10, judged or not
//   node scripts/bench/quality.mjs --json out.json also write the figures as JSON (--json alone or
//                                                  --json -: JSON on stdout instead of the table)
//
// Options (defaults in brackets): --index DIR [.bench/snn.newsq], --fts FILE [.bench/snn.fts5.db],
// --queries FILE [scripts/bench/quality/queries.tsv], --judgments FILE
// [scripts/bench/quality/judgments.tsv]. Build the two indexes as scripts/bench.mjs does
// (`npm run bench` once, or the commands in scripts/bench/quality/baseline.md);
// better-sqlite3 is loaded from .bench/sqlite/node_modules.
//
// queries.tsv: id, newsq, fts5, need — the words typed to newsq (split on spaces, as a shell
// would), the FTS5 MATCH expression a competent FTS5 user would write for the same need, and
// the information need the judgments follow. judgments.tsv: query_id, url, relevant (1/0),
// note. A result is keyed by its article URL: every URL is unique in SaudiNewsNet (31,030
// articles, 31,030 URLs), so one judgment per (query, url) serves both engines. FTS5 rows
// carry the URL that fts5-build.cjs stored beside each article (the same sequential ids as
// corpus.cjs); newsq's --json rows carry `url`.
//
// P@10 = relevant results in the top 10 / 10 (fewer than 10 results count as misses). An
// unjudged result counts as not relevant and is listed, so that it can be judged.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const indexDir = resolve(opt('index', join(root, '.bench', 'snn.newsq')));
const ftsFile = resolve(opt('fts', join(root, '.bench', 'snn.fts5.db')));
const queriesFile = resolve(opt('queries', join(root, 'scripts', 'bench', 'quality', 'queries.tsv')));
const judgmentsFile = resolve(opt('judgments', join(root, 'scripts', 'bench', 'quality', 'judgments.tsv')));
const jsonOut = args.includes('--json') ? (opt('json', '-') ?? '-').replace(/^--.*/, '-') : null; // '-' = stdout
const show = args.includes('--show');
const K = 10;

/** Rows of a TSV file with a header line, as objects. */
function tsv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

const queries = tsv(queriesFile);
const judged = new Map(); // "query_id\turl" -> 0 | 1
for (const j of tsv(judgmentsFile)) {
  const key = `${j.query_id}\t${j.url}`;
  if (judged.has(key)) throw new Error(`judged twice: ${j.query_id} ${j.url}`);
  if (j.relevant !== '0' && j.relevant !== '1') throw new Error(`relevant must be 1 or 0: ${j.query_id} ${j.url}`);
  judged.set(key, Number(j.relevant));
}

function newsq(q) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'newsq.js'), 'search', ...q.trim().split(/\s+/), '--json', '--limit', String(K), '--index', indexDir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status === 1) return []; // nothing found
  if (r.status !== 0) throw new Error(`newsq search ${q}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).map((h) => ({ url: h.url, title: h.title }));
}

const sqliteDir = join(root, '.bench', 'sqlite');
let Database;
try {
  Database = createRequire(join(sqliteDir, 'package.json'))('better-sqlite3');
} catch {
  console.error(`quality: better-sqlite3 not found in ${sqliteDir}; run \`npm run bench\` once (it installs it there)`);
  process.exit(2);
}
const db = new Database(ftsFile, { readonly: true });
// As fts5-query.cjs ranks: bm25 with the title weighted 3; rowid breaks ties so runs agree.
const ftsStmt = db.prepare('SELECT url, title, bm25(docs, 3.0, 1.0) AS score FROM docs WHERE docs MATCH ? ORDER BY score, rowid LIMIT ?');
const fts5 = (expr) => ftsStmt.all(expr, K).map((r) => ({ url: r.url, title: r.title }));

const engines = { newsq: (q) => newsq(q.newsq), fts5: (q) => fts5(q.fts5) };
const rows = [];
const unjudged = [];
for (const q of queries) {
  const row = { id: q.id, query: q.newsq };
  for (const [name, run] of Object.entries(engines)) {
    const hits = run(q);
    let rel = 0;
    hits.forEach((h, i) => {
      const j = judged.get(`${q.id}\t${h.url}`);
      if (j === undefined && !unjudged.some((u) => u.id === q.id && u.url === h.url)) unjudged.push({ id: q.id, url: h.url, title: h.title });
      rel += j ?? 0;
      if (show) (jsonOut === '-' ? console.error : console.log)(`${q.id} ${name.padEnd(5)} ${String(i + 1).padStart(2)} ${j === undefined ? '?' : j} ${h.url} ${h.title}`);
    });
    row[name] = { relevant: rel, returned: hits.length, unjudged: hits.filter((h) => !judged.has(`${q.id}\t${h.url}`)).length, p10: rel / K };
  }
  rows.push(row);
}
db.close();

const mean = (name) => rows.reduce((s, r) => s + r[name].p10, 0) / rows.length;
const summary = { k: K, queries: rows.length, mean: { newsq: mean('newsq'), fts5: mean('fts5') }, rows, unjudged: unjudged.length };

if (jsonOut === '-') {
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
} else {
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(summary, null, 2) + '\n');
  const cell = (e) => `${e.p10.toFixed(1)}  ${String(e.relevant).padStart(2)}/${e.returned}${e.unjudged ? ` (${e.unjudged}?)` : ''}`;
  console.log('id   query                     newsq P@10 rel/ret   FTS5 P@10 rel/ret');
  for (const r of rows) console.log(`${r.id}  ${r.query.padEnd(24)}  ${cell(r.newsq).padEnd(20)}  ${cell(r.fts5)}`);
  console.log(`mean                           ${mean('newsq').toFixed(3).padEnd(20)}  ${mean('fts5').toFixed(3)}`);
  if (unjudged.length) {
    console.log(`\n${unjudged.length} results not yet judged (query, url, title):`);
    for (const u of unjudged) console.log(`${u.id}\t${u.url}\t${u.title}`);
  }
}
