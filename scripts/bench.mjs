// newsq's benchmark: cold queries (a new process each) of every kind users type — words,
// phrases, several words unquoted, filters alone, prefixes, fuzzy words — for newsq and for
// a Node process querying SQLite FTS5 over the same SaudiNewsNet articles, all measured in
// this one run so that the ratios compare like with like on whatever machine runs it. Also:
// the full build of both (time and peak memory), index size, adding 1,000 articles, and
// (with --scale) synthetic archives of a million articles and more.
//
//   npm run bench                      SaudiNewsNet: newsq vs FTS5, every query kind
//   npm run bench -- --rebuild         rebuild both indexes (and time the builds)
//   npm run bench -- --builds 3        with --rebuild: three builds of each, taking turns
//   npm run bench -- --rebuild --baseline ../other/bin/newsq.js
//                                      also time another checkout's build, for before/after
//   npm run bench -- --runs 11         more runs per query (default 7)
//   npm run bench -- --kinds word,phrase   only some query kinds
//   npm run bench -- --minisearch      also plain MiniSearch (three words; slow)
//   npm run bench -- --scale [--sizes 31000,1000000,3000000] [--no-heaps]
//                                      synthetic archives: vocabulary growth against the
//                                      Heaps fit (unless --no-heaps), build throughput,
//                                      memory, size, queries, adding 1,000 articles
//
// Every run writes its figures as JSON to bench-results/<time>.json (the history) and its
// report to stdout and .bench/last-report.md. better-sqlite3 12 is installed into .bench/
// on first use, so that `npm ci` for users and CI never compiles SQLite.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const work = join(root, '.bench');
const corpus = resolve(root, '..', 'shared', 'corpora', 'saudinewsnet');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const RUNS = Number(value('runs', '7'));
const BUILDS = Number(value('builds', '1'));
const ADDED = 1000;
const bin = join(root, 'bin', 'newsq.js');
const rssHook = join(root, 'scripts', 'bench', 'rss.cjs');
const rssFile = join(work, 'rss.txt');

// Each query as newsq takes it and as the nearest FTS5 expression. FTS5 has no Arabic
// analysis (unicode61 only folds case and diacritics), so its matches are exact spellings;
// newsq's carry stems and clitics — more work, which is part of what is measured. SaudiNewsNet
// carries no keywords, so `tag:` is measured on the synthetic archives only.
const days = (from, to) => {
  const out = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10).replace(/-/g, ''));
  return out;
};
const q = (newsq, fts5, order = 'rank') => ({ newsq, fts5, order });
const word = (w) => q(w, `"${w}"`);
const phrase = (p) => q(`"${p}"`, `"${p}"`);
const multi = (m) => q(m, m.split(' ').map((w) => `"${w}"`).join(' '));
const KINDS = {
  word: ['السعودية', 'إيران', 'اليمن', 'النفط', 'الهلال', 'داعش', 'خامنئي', 'أوباما'].map(word),
  phrase: ['ولي العهد', 'خادم الحرمين الشريفين', 'وزير الخارجية', 'مجلس الوزراء', 'الأمم المتحدة', 'المملكة العربية السعودية', 'كأس العالم', 'الأمير محمد بن سلمان'].map(phrase),
  multi: ['وزير الخارجية', 'أسعار النفط', 'الدوري السعودي', 'الاتفاق النووي', 'هيئة الأمر بالمعروف', 'سوق الأسهم', 'الحرس الثوري', 'التحالف العربي اليمن'].map(multi),
  filter: [
    q('source:alriyadh', 'source:alriyadh', 'newest'),
    q('source:okaz', 'source:okaz', 'newest'),
    q('date:2015-08-10', 'day:20150810', 'newest'),
    q('date:2015-07-21..2015-07-25', `day:(${days('2015-07-21', '2015-07-25').join(' OR ')})`, 'newest'),
    q('source:sabq date:2015-08', 'source:sabq AND month:201508', 'newest'),
  ],
  prefix: ['وزار', 'اقتصاد', 'سعود', 'استثمار'].map((p) => q(`${p}*`, `${p}*`)),
  // FTS5 has no fuzzy matching; its nearest equivalent is the word as a prefix.
  fuzzy: ['السعودية', 'الرياض', 'الإرهاب', 'البترول'].map((w) => q(`${w}~1`, `${w}*`)),
};
const kinds = value('kinds', Object.keys(KINDS).join(',')).split(',');

if (!existsSync(corpus)) {
  console.error(`bench: SaudiNewsNet not found at ${corpus}; nothing to measure`);
  process.exit(2);
}
mkdirSync(work, { recursive: true });

function log(line) {
  process.stderr.write(`${line}\n`);
}

// A CA bundle set for the machine (NODE_EXTRA_CA_CERTS) makes every Node start read and
// parse certificates — tens of milliseconds that no tool measured here needs, as none uses
// the network. It is left out for every tool alike.
const baseEnv = { ...process.env };
delete baseEnv.NODE_EXTRA_CA_CERTS;

/** Runs a command, returns wall milliseconds and the peak RSS (KB) its Node process reported. */
function timed(argv, env = {}) {
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', rssHook, ...argv], {
    env: { ...baseEnv, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, rss, stdout: r.stdout.toString() };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function dirSize(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    total += st.isDirectory() ? dirSize(p) : st.size;
  }
  return total;
}

/** Uncompressed size of the corpus's zips (the raw JSON text), from their local headers. */
function rawSize(dir) {
  let total = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.zip'))) {
    const buf = readFileSync(join(dir, f));
    for (let p = 0; p + 30 <= buf.length && buf.readUInt32LE(p) === 0x04034b50; ) {
      total += buf.readUInt32LE(p + 22);
      p += 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28) + buf.readUInt32LE(p + 18);
    }
  }
  return total;
}

const MB = 1048576;
const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const results = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, loadStart: loadavg() },
  runs: RUNS,
  started: new Date().toISOString(),
};

// ---- SQLite FTS5 (better-sqlite3 12 installed here) ----
const sqliteDir = join(work, 'sqlite');
if (!existsSync(join(sqliteDir, 'node_modules', 'better-sqlite3'))) {
  log('installing better-sqlite3@12 into .bench/sqlite…');
  mkdirSync(sqliteDir, { recursive: true });
  writeFileSync(join(sqliteDir, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', 'better-sqlite3@12'], { cwd: sqliteDir, stdio: 'inherit' });
}
const sqliteEnv = { NODE_PATH: join(sqliteDir, 'node_modules') };
const ftsDb = join(work, 'snn.fts5.db');
const newsqIndex = join(work, 'snn.newsq');

function indexIsCurrent(dir) {
  const r = spawnSync(process.execPath, [bin, 'search', 'السعودية', '--count', '--index', dir], { env: baseEnv });
  return r.status === 0;
}
function ftsIsCurrent(db) {
  if (!existsSync(db)) return false;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'fts5-query.cjs'), db, 'month:201508', 'newest'], { env: { ...baseEnv, ...sqliteEnv } });
  return r.status === 0;
}

// ---- builds: newsq and FTS5 taking turns, so that both meet the machine's drift ----
if (flag('rebuild') || !indexIsCurrent(newsqIndex) || !ftsIsCurrent(ftsDb)) {
  const newsqBuilds = [];
  const ftsBuilds = [];
  // --baseline <other checkout's bin/newsq.js>: its build of the same articles takes turns too (before/after).
  const baselines = [];
  for (let i = 0; i < BUILDS; i++) {
    if (value('baseline')) {
      log(`building with the baseline ${value('baseline')} (${i + 1}/${BUILDS})…`);
      const other = join(tmpdir(), `newsq-bench-baseline-${process.pid}`);
      rmSync(other, { recursive: true, force: true });
      baselines.push(timed([resolve(value('baseline')), 'index', corpus, '--index', other, '-q']));
      rmSync(other, { recursive: true, force: true });
    }
    log(`building the newsq index of SaudiNewsNet (${i + 1}/${BUILDS})…`);
    rmSync(newsqIndex, { recursive: true, force: true });
    newsqBuilds.push(timed([bin, 'index', corpus, '--index', newsqIndex, '-q']));
    log(`building the FTS5 database (${i + 1}/${BUILDS})…`);
    ftsBuilds.push(timed([join(root, 'scripts', 'bench', 'fts5-build.cjs'), corpus, ftsDb], sqliteEnv));
  }
  results.build = {
    newsq: { ms: median(newsqBuilds.map((b) => b.ms)), peakMB: median(newsqBuilds.map((b) => b.rss)) / 1024, all: newsqBuilds.map((b) => b.ms) },
    fts5: { ms: median(ftsBuilds.map((b) => b.ms)), peakMB: median(ftsBuilds.map((b) => b.rss)) / 1024, all: ftsBuilds.map((b) => b.ms) },
  };
  results.build.ratio = ratio(results.build.newsq.ms, results.build.fts5.ms);
  if (baselines.length) {
    results.build.baseline = { bin: value('baseline'), ms: median(baselines.map((b) => b.ms)), peakMB: median(baselines.map((b) => b.rss)) / 1024, all: baselines.map((b) => b.ms) };
    results.build.baseline.ratio = ratio(results.build.baseline.ms, results.build.fts5.ms);
  }
}
results.size = { newsqMB: dirSize(newsqIndex) / MB, fts5MB: statSync(ftsDb).size / MB, rawMB: rawSize(corpus) / MB, zippedMB: dirSize(corpus) / MB };

// ---- adding 1,000 articles to the 31k index (median of three, each to a fresh copy) ----
if (!flag('no-add')) {
  const addDir = join(tmpdir(), `newsq-bench-add-${process.pid}`);
  rmSync(addDir, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'scripts', 'generate-archive.mjs'), '--count', String(ADDED), '--out', join(addDir, 'articles'), '--seed', '99'], { stdio: 'ignore', env: baseEnv });
  const adds = [];
  for (let i = 0; i < 3; i++) {
    rmSync(join(addDir, 'index'), { recursive: true, force: true });
    cpSync(newsqIndex, join(addDir, 'index'), { recursive: true });
    adds.push(timed([bin, 'index', '--add', join(addDir, 'articles'), '--index', join(addDir, 'index'), '-q']));
  }
  rmSync(addDir, { recursive: true, force: true });
  results.add = { articles: ADDED, ms: median(adds.map((a) => a.ms)), peakMB: median(adds.map((a) => a.rss)) / 1024, all: adds.map((a) => a.ms) };
  if (results.build) results.add.shareOfBuild = results.add.ms / results.build.newsq.ms;
}

// ---- cold queries, kind by kind; the tools take turns run by run ----
const tools = {
  newsq: (x) => [bin, 'search', x.newsq, '--json', '--index', newsqIndex],
  fts5: (x) => [join(root, 'scripts', 'bench', 'fts5-query.cjs'), ftsDb, x.fts5, x.order],
};
const envOf = { newsq: {}, fts5: sqliteEnv };

/** Runs each query of a list cold with every tool, RUNS times after a warm-up; per query: medians and peaks. */
function measure(list, toolsHere, envs) {
  const rows = [];
  for (const x of list) {
    const row = { query: x.newsq, expression: x.fts5 };
    const times = Object.fromEntries(Object.keys(toolsHere).map((t) => [t, []]));
    const rss = Object.fromEntries(Object.keys(toolsHere).map((t) => [t, []]));
    // One warm-up run each fills the OS file cache, as on a machine used every day.
    for (const t of Object.keys(toolsHere)) timed(toolsHere[t](x), envs[t]);
    for (let i = 0; i < RUNS; i++) {
      for (const t of Object.keys(toolsHere)) {
        const r = timed(toolsHere[t](x), envs[t]);
        times[t].push(r.ms);
        rss[t].push(r.rss / 1024);
      }
    }
    for (const t of Object.keys(toolsHere)) row[t] = { ms: median(times[t]), peakMB: Math.max(...rss[t]) };
    log(`${x.newsq.padEnd(32)} ${Object.keys(toolsHere).map((t) => `${t} ${fmt(row[t].ms)}`).join('  ')}`);
    rows.push(row);
  }
  return rows;
}

results.queries = {};
for (const kind of kinds) {
  log(`— ${kind}`);
  results.queries[kind] = measure(KINDS[kind], tools, envOf);
}
const nodeAlone = median(Array.from({ length: RUNS }, () => timed(['-e', '0']).ms));
results.nodeAloneMs = nodeAlone;

// ---- plain MiniSearch (optional: each query takes seconds) ----
if (flag('minisearch')) {
  const msJson = join(work, 'snn.minisearch.json');
  if (flag('rebuild') || !existsSync(msJson)) {
    log('building the plain MiniSearch index (addAll + JSON.stringify; about a minute)…');
    timed([join(root, 'scripts', 'bench', 'minisearch-build.cjs'), corpus, msJson], { NODE_OPTIONS: '--max-old-space-size=8192' });
  }
  const ms = { minisearch: (x) => [join(root, 'scripts', 'bench', 'minisearch-query.cjs'), msJson, x.newsq], newsq: tools.newsq };
  results.minisearch = measure(KINDS.word.slice(0, 3), ms, { minisearch: { NODE_OPTIONS: '--max-old-space-size=8192' }, newsq: {} });
}

// ---- report ----
const lines = [];
lines.push(`# newsq benchmark — ${results.machine.cores} cores, Node ${process.version}, load ${results.machine.loadStart.map((l) => l.toFixed(1)).join(' ')}`);
lines.push('');
if (results.build) {
  const b = results.build;
  lines.push(`Full build of SaudiNewsNet (median of ${BUILDS}, newsq and FTS5 taking turns)`, '');
  lines.push('| | newsq | FTS5 | newsq / FTS5 |', '|---|---|---|---|');
  lines.push(`| time | ${fmt(b.newsq.ms)} | ${fmt(b.fts5.ms)} | **${b.ratio.toFixed(2)}** (target ≤ 1.0) |`);
  lines.push(`| peak memory | ${b.newsq.peakMB.toFixed(0)} MB | ${b.fts5.peakMB.toFixed(0)} MB | (target ≤ 1 GB) |`);
  if (b.baseline) lines.push(`| baseline build (${b.baseline.bin}) | ${fmt(b.baseline.ms)}, ${b.baseline.peakMB.toFixed(0)} MB | | ${b.baseline.ratio.toFixed(2)} |`);
  lines.push('');
}
lines.push(`- index size: newsq ${mb(results.size.newsqMB * MB)}, FTS5 ${mb(results.size.fts5MB * MB)}; raw text ${mb(results.size.rawMB * MB)} (zipped ${mb(results.size.zippedMB * MB)})`);
if (results.add) {
  lines.push(`- adding ${ADDED.toLocaleString('en')} articles to the 31k index (median of 3: ${results.add.all.map(fmt).join(', ')}): ${fmt(results.add.ms)}, peak ${results.add.peakMB.toFixed(0)} MB${results.add.shareOfBuild ? ` = ${(results.add.shareOfBuild * 100).toFixed(1)}% of the full build` : ''}`);
}
lines.push('');
lines.push(`Cold queries (median of ${RUNS} runs after a warm-up, newsq and FTS5 taking turns; \`node -e 0\` alone: ${fmt(nodeAlone)})`);
const summary = {};
for (const kind of kinds) {
  const rows = results.queries[kind];
  lines.push('', `**${kind}**`, '', '| newsq query | FTS5 expression | newsq | FTS5 | ratio | newsq peak |', '|---|---|---|---|---|---|');
  for (const r of rows) {
    lines.push(`| \`${r.query}\` | \`${r.expression}\` | ${fmt(r.newsq.ms)} | ${fmt(r.fts5.ms)} | ${ratio(r.newsq.ms, r.fts5.ms).toFixed(2)} | ${r.newsq.peakMB.toFixed(0)} MB |`);
  }
  const s = {
    newsqMs: median(rows.map((r) => r.newsq.ms)),
    fts5Ms: median(rows.map((r) => r.fts5.ms)),
    ratio: median(rows.map((r) => ratio(r.newsq.ms, r.fts5.ms))),
    worstRatio: Math.max(...rows.map((r) => ratio(r.newsq.ms, r.fts5.ms))),
    newsqPeakMB: Math.max(...rows.map((r) => r.newsq.peakMB)),
    fts5PeakMB: Math.max(...rows.map((r) => r.fts5.peakMB)),
  };
  summary[kind] = s;
  lines.push(`| **median** | | **${fmt(s.newsqMs)}** | **${fmt(s.fts5Ms)}** | **${s.ratio.toFixed(2)}** | ${s.newsqPeakMB.toFixed(0)} MB max |`);
}
results.summary = summary;
lines.push('', 'By kind (medians of the per-query figures; ratio = newsq / FTS5)', '');
lines.push('| kind | queries | newsq | FTS5 | ratio (median) | worst ratio | newsq peak | FTS5 peak |', '|---|---|---|---|---|---|---|---|');
for (const kind of kinds) {
  const s = summary[kind];
  lines.push(`| ${kind} | ${results.queries[kind].length} | ${fmt(s.newsqMs)} | ${fmt(s.fts5Ms)} | **${s.ratio.toFixed(2)}** | ${s.worstRatio.toFixed(2)} | ${s.newsqPeakMB.toFixed(0)} MB | ${s.fts5PeakMB.toFixed(0)} MB |`);
}
if (results.minisearch) {
  const r = results.minisearch;
  lines.push('', `- plain MiniSearch / newsq, ${r.length} words: **${ratio(median(r.map((x) => x.minisearch.ms)), median(r.map((x) => x.newsq.ms))).toFixed(1)}×**, MiniSearch peak ${Math.max(...r.map((x) => x.minisearch.peakMB)).toFixed(0)} MB`);
}

if (flag('scale')) lines.push('', ...scale());

function synthQueries(dir) {
  // The synthetic archives draw their words from SaudiNewsNet's frequencies, so the same
  // words, phrases and prefixes apply; their filters are the generator's outlets, keywords
  // and years.
  const kw = JSON.parse(readFileSync(join(dir, 'generator.json'), 'utf8'));
  return {
    word: KINDS.word,
    phrase: KINDS.phrase,
    multi: KINDS.multi,
    filter: [
      q(`source:"${kw.outlets[0]}"`, ''),
      q(`tag:"${kw.keywords[0]}"`, ''),
      q(`tag:"${kw.keywords[1]}" date:2014`, ''),
      q('date:2012-03', ''),
      q('date:2015-08-10', ''),
    ],
    prefix: KINDS.prefix,
    fuzzy: KINDS.fuzzy,
  };
}

function scale() {
  const sizes = value('sizes', '31000,1000000,3000000').split(',').map(Number);
  const out = ['Synthetic archives (text export format; vocabulary growing by the Heaps fit on SaudiNewsNet)', ''];
  const heaps = [];
  const rows = [];
  results.scale = { heaps, rows };
  for (const count of flag('no-heaps') ? [] : sizes) {
    // Counting a few million articles' words takes minutes: the count is kept in .bench.
    const cached = join(work, `heaps-${count}.json`);
    if (flag('rebuild') || !existsSync(cached)) {
      log(`counting the words of ${count} synthetic articles…`);
      writeFileSync(cached, execFileSync(process.execPath, [join(root, 'scripts', 'generate-archive.mjs'), '--count', String(count), '--count-terms'], { env: baseEnv }));
    }
    const h = JSON.parse(readFileSync(cached, 'utf8'));
    heaps.push(h);
    log(`${count} articles: ${h.distinct} distinct spellings, the fit predicts ${h.predicted}`);
  }
  if (heaps.length) out.push('| articles | tokens | distinct spellings | Heaps fit predicts | generated / predicted |', '|---|---|---|---|---|');
  for (const h of heaps) out.push(`| ${h.articles.toLocaleString('en')} | ${h.tokens.toLocaleString('en')} | ${h.distinct.toLocaleString('en')} | ${h.predicted.toLocaleString('en')} | ${(h.distinct / h.predicted).toFixed(2)} |`);
  if (flag('heaps-only')) return out;
  for (const count of sizes) {
    const dir = join(value('synth-dir', work), `synth-${count}`);
    if (!existsSync(join(dir, 'generator.json'))) {
      log(`generating ${count} synthetic articles…`);
      rmSync(dir, { recursive: true, force: true });
      execFileSync(process.execPath, [join(root, 'scripts', 'generate-archive.mjs'), '--count', String(count), '--out', join(dir, 'articles')], { stdio: 'inherit', env: baseEnv });
    }
    const idx = join(dir, 'index');
    let b = null;
    if (flag('rebuild') || !indexIsCurrent(idx)) {
      log(`building the newsq index of ${count} synthetic articles…`);
      rmSync(idx, { recursive: true, force: true });
      b = timed([bin, 'index', join(dir, 'articles'), '--index', idx, '-q']);
    }
    const sq = synthQueries(dir);
    const byKind = {};
    for (const kind of Object.keys(sq)) {
      const rs = measure(sq[kind], { newsq: (x) => [bin, 'search', x.newsq, '--json', '--index', idx] }, { newsq: {} });
      byKind[kind] = { ms: median(rs.map((r) => r.newsq.ms)), peakMB: Math.max(...rs.map((r) => r.newsq.peakMB)) };
    }
    const indexMB = dirSize(idx) / MB;
    // Adding 1,000 articles (another seed) to the index just measured, as a share of its build.
    const addArticles = join(work, `synth-add-${ADDED}`, 'articles');
    if (!existsSync(addArticles)) execFileSync(process.execPath, [join(root, 'scripts', 'generate-archive.mjs'), '--count', String(ADDED), '--out', addArticles, '--seed', '99'], { stdio: 'ignore', env: baseEnv });
    log(`adding ${ADDED} articles to the index of ${count}…`);
    const add = timed([bin, 'index', '--add', addArticles, '--index', idx, '-q']);
    const row = {
      articles: count,
      addMs: add.ms,
      addPeakMB: add.rss / 1024,
      buildMs: b?.ms ?? null,
      buildPeakMB: b ? b.rss / 1024 : null,
      perSecond: b ? count / (b.ms / 1000) : null,
      indexMB,
      rawMB: dirSize(join(dir, 'articles')) / MB,
      byKind,
    };
    rows.push(row);
  }
  const first = rows[0];
  out.push('', `| articles | build | articles/s | vs ${first.articles.toLocaleString('en')} | peak memory | index / raw text | adding ${ADDED.toLocaleString('en')} (share of build, peak) |`, '|---|---|---|---|---|---|---|');
  for (const r of rows) {
    out.push(`| ${r.articles.toLocaleString('en')} | ${r.buildMs ? fmt(r.buildMs) : '(reused)'} | ${r.perSecond ? r.perSecond.toFixed(0) : '—'} | ${r.perSecond && first.perSecond ? (r.perSecond / first.perSecond).toFixed(2) : '—'} | ${r.buildPeakMB ? `${r.buildPeakMB.toFixed(0)} MB` : '—'} | ${mb(r.indexMB * MB)} / ${mb(r.rawMB * MB)} = ${(r.indexMB / r.rawMB).toFixed(2)} | ${fmt(r.addMs)} (${r.buildMs ? `${((r.addMs / r.buildMs) * 100).toFixed(1)}%` : '—'}, ${r.addPeakMB.toFixed(0)} MB) |`);
  }
  out.push('', `Cold queries by kind (median over the kind's queries; ratio to the ${first.articles.toLocaleString('en')}-article archive; peak = max)`, '');
  out.push(`| kind | ${rows.map((r) => r.articles.toLocaleString('en')).join(' | ')} |`, `|---|${rows.map(() => '---').join('|')}|`);
  for (const kind of Object.keys(first.byKind)) {
    out.push(`| ${kind} | ${rows.map((r) => `${fmt(r.byKind[kind].ms)} (${(r.byKind[kind].ms / first.byKind[kind].ms).toFixed(2)}×, ${r.byKind[kind].peakMB.toFixed(0)} MB)`).join(' | ')} |`);
  }
  return out;
}

results.machine.loadEnd = loadavg();
const report = lines.join('\n');
console.log(report);
writeFileSync(join(work, 'last-report.md'), report + '\n');
const history = join(root, 'bench-results');
mkdirSync(history, { recursive: true });
writeFileSync(join(history, `${results.started.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 1) + '\n');
