#!/usr/bin/env node
// A local searchd cluster for trying newsq's cluster engine and for its tests: N searchd
// processes each holding one real-time shard, and one more holding the distributed index
// that queries them all, on free loopback ports. See docs/cluster.md.
//
//   node scripts/cluster.mjs start  --shards 2 --dir /tmp/newsq-cluster
//   node scripts/cluster.mjs status --dir /tmp/newsq-cluster
//   node scripts/cluster.mjs stop   --dir /tmp/newsq-cluster
//
// `start` prints the engine URL (sphinxql://127.0.0.1:<port>/all) and writes DIR/cluster.json
// (ports, pids, the shard list newsq writes to); `stop` ends the processes by the pids it
// recorded, never by name.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

// What newsq's analyzer writes, letter for letter: ASCII digits and lower-case letters,
// the Arabic letters hamza to yeh without tatweel, and `_`, which newsq uses to escape every
// other character of a term (src/engine/sphinx-terms.ts). Nothing is folded: the terms are
// already normalised, and a fold here would merge terms newsq keeps apart.
export const CHARSET = '0..9, a..z, _, U+0621..U+063A, U+0641..U+064A';

/** The analysed fields, in the order newsq's schema numbers them (src/index/schema.ts), without `dup`. */
export const TEXT_FIELDS = ['title', 'body', 'title_stem', 'body_stem', 'tags', 'source', 'date', 'author'];

/** Length columns, as src/index/schema.ts LENGTH_COLUMNS. */
export const LENGTH_ATTRS = ['title', 'body', 'tags', 'source', 'author', 'date'];

function args(argv) {
  const out = { cmd: argv[0], shards: 2, dir: null, searchd: 'searchd' };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--shards') out.shards = Number(argv[++i]);
    else if (a === '--dir') out.dir = argv[++i];
    else if (a === '--searchd') out.searchd = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!['start', 'stop', 'status'].includes(out.cmd)) throw new Error('usage: cluster.mjs start|stop|status --dir DIR [--shards N]');
  if (!out.dir) throw new Error('--dir is required');
  if (!Number.isInteger(out.shards) || out.shards < 1 || out.shards > 64) throw new Error('--shards must be 1..64');
  out.dir = resolve(out.dir);
  return out;
}

/** A loopback port no one listens on now (the kernel's choice). */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function searchdSection(dir, sql, api) {
  return `searchd {
  listen = 127.0.0.1:${sql}:mysql41
  listen = 127.0.0.1:${api}
  pid_file = ${dir}/searchd.pid
  log = ${dir}/searchd.log
  query_log = ${dir}/query.log
  binlog_path = ${dir}
  workers = threads
  watchdog = 0
  max_packet_size = 32M
  read_timeout = 5
  client_timeout = 300
  seamless_rotate = 0
}
`;
}

/** A shard's configuration: the articles' real-time index and the dictionary of its terms. */
export function shardConfig(dir, sql, api) {
  const fields = TEXT_FIELDS.map((f) => `  rt_field = ${f}`).join('\n');
  const lengths = LENGTH_ATTRS.map((f) => `  rt_attr_uint = len_${f}`).join('\n');
  return `index art {
  type = rt
  path = ${dir}/art
${fields}
  rt_field = ident
  rt_field = linked
  rt_attr_string = ext_id
  rt_attr_string = stored
  rt_attr_string = links
  rt_attr_string = sig
  rt_attr_string = src
  rt_attr_bigint = seq
  rt_attr_bigint = time
${lengths}
  rt_mem_limit = 256M
  dict = keywords
  min_prefix_len = 1
  charset_table = ${CHARSET}
  min_word_len = 1
}
index vocab {
  type = rt
  path = ${dir}/vocab
  rt_field = term
  rt_attr_string = t
  rt_attr_uint = field
  rt_attr_string = label
  dict = keywords
  min_prefix_len = 1
  charset_table = ${CHARSET}
  min_word_len = 1
}
${searchdSection(dir, sql, api)}`;
}

/**
 * The distributor's configuration: one distributed index per shard index, an agent per shard.
 * A generous connect timeout: on a busy machine a live shard may be slow to accept, and a
 * shard that is down refuses the connection at once anyway.
 */
export function distributorConfig(dir, sql, api, shards) {
  const agents = (name) => shards.map((s) => `  agent = 127.0.0.1:${s.api}:${name}`).join('\n');
  return `index all {
  type = distributed
${agents('art')}
  agent_connect_timeout = 2000
  agent_query_timeout = 10000
}
index vocab_all {
  type = distributed
${agents('vocab')}
  agent_connect_timeout = 2000
  agent_query_timeout = 10000
}
${searchdSection(dir, sql, api)}`;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function readPid(file) {
  for (let i = 0; i < 200; i++) {
    if (existsSync(file)) {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid > 0) return pid;
    }
    execFileSync('sleep', ['0.05']);
  }
  throw new Error(`searchd wrote no pid file ${file}`);
}

function startNode(searchd, dir, config) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'searchd.conf');
  writeFileSync(file, config);
  // searchd forks into the background once its listeners are up, and writes its pid file.
  execFileSync(searchd, ['--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { config: file, pid: readPid(join(dir, 'searchd.pid')) };
}

async function start(o) {
  const statePath = join(o.dir, 'cluster.json');
  if (existsSync(statePath)) {
    const prev = JSON.parse(readFileSync(statePath, 'utf8'));
    if (prev.nodes.some((n) => alive(n.pid))) throw new Error(`a cluster is already running from ${o.dir}; stop it first`);
  }
  mkdirSync(o.dir, { recursive: true });
  const shards = [];
  for (let i = 0; i < o.shards; i++) shards.push({ name: `shard${i}`, sql: await freePort(), api: await freePort() });
  const dist = { name: 'distributor', sql: await freePort(), api: await freePort() };
  const nodes = [];
  try {
    for (const s of shards) {
      const dir = join(o.dir, s.name);
      nodes.push({ ...s, ...startNode(o.searchd, dir, shardConfig(dir, s.sql, s.api)) });
    }
    const dir = join(o.dir, dist.name);
    nodes.push({ ...dist, ...startNode(o.searchd, dir, distributorConfig(dir, dist.sql, dist.api, shards)) });
  } catch (err) {
    for (const n of nodes) stopPid(n.pid);
    throw err;
  }
  const state = {
    engine: `sphinxql://127.0.0.1:${dist.sql}/all`,
    shards: shards.map((s) => `127.0.0.1:${s.sql}`),
    nodes,
  };
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
  process.stdout.write(`${state.engine}\n`);
}

function stopPid(pid) {
  if (!alive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && alive(pid); i++) execFileSync('sleep', ['0.05']);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

function stop(o) {
  const statePath = join(o.dir, 'cluster.json');
  if (!existsSync(statePath)) throw new Error(`no cluster recorded in ${o.dir}`);
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  for (const n of state.nodes) process.stdout.write(`${n.name} pid ${n.pid}: ${stopPid(n.pid) ? 'stopped' : 'not running'}\n`);
}

function status(o) {
  const statePath = join(o.dir, 'cluster.json');
  if (!existsSync(statePath)) throw new Error(`no cluster recorded in ${o.dir}`);
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  process.stdout.write(`engine ${state.engine}\n`);
  let up = 0;
  for (const n of state.nodes) {
    const a = alive(n.pid);
    if (a) up++;
    process.stdout.write(`${n.name} pid ${n.pid} sql 127.0.0.1:${n.sql} api 127.0.0.1:${n.api}: ${a ? 'running' : 'down'}\n`);
  }
  process.exitCode = up === state.nodes.length ? 0 : 1;
}

try {
  const o = args(process.argv.slice(2));
  if (o.cmd === 'start') await start(o);
  else if (o.cmd === 'stop') stop(o);
  else status(o);
} catch (err) {
  process.stderr.write(`cluster: ${err.message}\n`);
  process.exitCode = 2;
}
