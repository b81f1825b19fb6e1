#!/usr/bin/env node
// Throughput and latency of newsq on a 2-shard searchd cluster beside the local index:
// 8 concurrent clients for 30 s each way. Three measurements:
//   local    `newsq search Q --index DIR`         (a process per query, as users run it)
//   cluster  `newsq search Q --engine URL`        (the same, re-ranked exactly by newsq)
//   searchd  SphinxQL MATCH on the distributor    (the engine alone: candidates, top 10 by seq)
// Usage: node scripts/bench-cluster.mjs [--seconds 30] [--clients 8] [--snn ZIP]
// Prints a Markdown table; the archive is the demo articles plus one SaudiNewsNet day.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(join(root, 'package.json'));
const mysql = require('mysql2/promise');

const opt = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const SECONDS = Number(opt('seconds', '30'));
const CLIENTS = Number(opt('clients', '8'));
const SNN = opt('snn', join(root, '..', 'shared', 'corpora', 'saudinewsnet', '2015-07-22.zip'));
const BIN = join(root, 'bin', 'newsq.js');
const QUERIES = ['السعودية', 'خامنئي', 'الرياض جدة', 'وزير الخارجية', '"الدولة الإسلامية"', 'إيران OR العراق', 'مفاوض*', 'النفط -إيران', 'title:الحج', 'tag:إيران'];

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NEWSQ_ENGINE;
delete env.NEWSQ_INDEX;

function run(args) {
  return new Promise((ok) => {
    const t = process.hrtime.bigint();
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 1 << 26 }, (err) => ok({ ms: Number(process.hrtime.bigint() - t) / 1e6, err: err && err.code !== 1 ? err : null }));
  });
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function load(name, once) {
  const latencies = [];
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      while (Date.now() < end) {
        const q = QUERIES[(n++ + c) % QUERIES.length];
        const r = await once(q, c);
        if (r.err) errors++;
        else latencies.push(r.ms);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { name, queries: latencies.length, errors, qps: latencies.length / SECONDS, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

const dir = mkdtempSync(join(tmpdir(), 'newsq-bench-cluster-'));
const clusterDir = join(dir, 'cluster');
const localDir = join(dir, 'local');
try {
  const inputs = [join(root, 'data', 'articles'), ...(existsSync(SNN) ? [SNN] : [])];
  execFileSync(process.execPath, [join(root, 'scripts', 'cluster.mjs'), 'start', '--shards', '2', '--dir', clusterDir], { env });
  const state = JSON.parse(readFileSync(join(clusterDir, 'cluster.json'), 'utf8'));
  const url = state.engine;
  execFileSync(process.execPath, [BIN, 'index', ...inputs, '--index', localDir, '--quiet'], { env, stdio: 'ignore' });
  execFileSync(process.execPath, [BIN, 'index', ...inputs, '--engine', `${url}?shards=${state.shards.join(',')}`, '--quiet'], { env, stdio: 'ignore' });
  const count = execFileSync(process.execPath, [BIN, 'stats', '--json', '--index', localDir], { env }).toString();
  const documents = JSON.parse(count).documents;

  const results = [];
  results.push(await load('local index (newsq process)', (q) => run(['search', q, '--index', localDir, '--format', 'tsv', '-n', '10'])));
  results.push(await load('cluster (newsq process)', (q) => run(['search', q, '--engine', url, '--format', 'tsv', '-n', '10'])));
  // searchd alone: one connection per client, a MATCH over analysed terms.
  const dist = state.nodes.find((n) => n.name === 'distributor');
  const conns = await Promise.all(Array.from({ length: CLIENTS }, () => mysql.createConnection({ host: '127.0.0.1', port: dist.sql })));
  const terms = ['السعوديه', 'خامنءي', 'الرياض جده', 'وزير الخارجيه', 'ايران | العراق', 'النفط -ايران'];
  let k = 0;
  results.push(
    await load('searchd distributor (SphinxQL MATCH, top 10)', async (_, c) => {
      const t = process.hrtime.bigint();
      try {
        await conns[c].query(`SELECT id FROM all WHERE MATCH('@(title,body,title_stem,body_stem) ${terms[k++ % terms.length]}') ORDER BY seq DESC LIMIT 10`);
        return { ms: Number(process.hrtime.bigint() - t) / 1e6, err: null };
      } catch (err) {
        return { ms: 0, err };
      }
    }),
  );
  await Promise.all(conns.map((c) => c.end()));
  // The RAM chunks written out, so that the disk figures hold the whole index, not the binlog.
  for (const n of state.nodes.filter((x) => x.name.startsWith('shard'))) {
    const c = await mysql.createConnection({ host: '127.0.0.1', port: n.sql });
    await c.query('FLUSH RTINDEX art');
    await c.query('FLUSH RTINDEX vocab');
    await c.end();
  }
  const shardSizes = state.nodes
    .filter((n) => n.name.startsWith('shard'))
    .map((n) => `${n.name}: ${execFileSync('du', ['-sk', '--exclude=binlog.*', join(clusterDir, n.name)]).toString().split('\t')[0]} KB`);
  const rss = state.nodes.map((n) => `${n.name}: ${execFileSync('ps', ['-o', 'rss=', '-p', String(n.pid)]).toString().trim()} KB`);
  const localKb = execFileSync('du', ['-sk', localDir]).toString().split('\t')[0];

  process.stdout.write(`archive: ${documents} articles; ${CLIENTS} clients, ${SECONDS} s each; ${inputs.length} inputs\n\n`);
  process.stdout.write('| target | queries | errors | queries/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n');
  for (const r of results) process.stdout.write(`| ${r.name} | ${r.queries} | ${r.errors} | ${r.qps.toFixed(1)} | ${r.p50?.toFixed(1)} | ${r.p99?.toFixed(1)} |\n`);
  process.stdout.write(`\non disk: ${shardSizes.join(', ')}; local index ${localKb} KB\nsearchd resident memory: ${rss.join(', ')}\n`);
} finally {
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'cluster.mjs'), 'stop', '--dir', clusterDir], { env, stdio: 'ignore' });
  } catch {
    // Nothing was started.
  }
  rmSync(dir, { recursive: true, force: true });
}
