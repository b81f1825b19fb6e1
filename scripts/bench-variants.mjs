// What the analysis of a query word costs a cold process: loading the analyzer's word lists
// (dist/lexicon.bin, as the bundle does), analyzeWord, and queryVariants (which reads
// dist/lexicon-plurals.bin, and for a foreign-looking word lexicon-verbs.bin, on first use) — each word in a
// fresh node process, several times — beside the wall time of a whole cold `newsq search
// --json` of the same word, for the ≤ 5% budget of the query-time analysis (the share is
// given with the analyzer's construction and without).
//   npm run build && node scripts/bench-variants.mjs [index dir] [runs]
// The index defaults to .bench/snn.newsq (npm run bench) when present, else data/index.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const index = process.argv[2] ?? (existsSync(join(root, '.bench', 'snn.newsq', 'manifest.json')) ? join(root, '.bench', 'snn.newsq') : join(root, 'data', 'index'));
const runs = Number(process.argv[3] ?? 7);
const WORDS = process.env.NEWSQ_BENCH_WORDS ? process.env.NEWSQ_BENCH_WORDS.split(',') : ['رسالة', 'مسؤول', 'السعودية', 'إيران', 'الحوثيين', 'النفط', 'خامنئي', 'مدينة', 'قوانين', 'سفير', 'ترامب', 'ترمب', 'جينيف', 'يوتيوب', 'اعلام', 'مهندسة', 'فيسبوك', 'وثيقة'];

const tmp = mkdtempSync(join(tmpdir(), 'newsq-bench-variants-'));
try {
  // The analyzer and the variants alone, bundled as the CLI bundle carries them: word lists
  // read from lexicon.bin beside the bundle.
  const entry = join(tmp, 'entry.ts');
  writeFileSync(
    entry,
    `import { analyzeWord } from ${JSON.stringify(join(root, 'src/analysis/analyzer.ts'))};
import { queryVariants } from ${JSON.stringify(join(root, 'src/analysis/variants.ts'))};
const t1 = process.hrtime.bigint();
const word = process.argv[2];
analyzeWord(word);
const t2 = process.hrtime.bigint();
const variants = queryVariants(word);
const t3 = process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const cpu = process.cpuUsage((globalThis as unknown as { c0: NodeJS.CpuUsage }).c0);
console.log(JSON.stringify({ load: ms((globalThis as unknown as { t0: bigint }).t0, t1), analyze: ms(t1, t2), variants: ms(t2, t3), cpu: (cpu.user + cpu.system) / 1000, count: variants.length }));
`,
  );
  const bundle = join(tmp, 'analysis.cjs');
  // Static imports, so that the bundle leaves the lists' source text out as the CLI's does;
  // the banner marks the start, before the modules are initialized.
  // The lists' source module stubbed out as scripts/build.mjs does for the CLI: without it
  // the bundle would carry megabytes of word lists the CLI never compiles.
  const prebuiltLexicon = {
    name: 'prebuilt-lexicon',
    setup(b) {
      b.onResolve({ filter: /[\\/]lexicon-source$/ }, () => ({ path: 'lexicon-source', namespace: 'prebuilt-lexicon' }));
      b.onLoad({ filter: /.*/, namespace: 'prebuilt-lexicon' }, () => ({ contents: 'export function foldedLexicon() { throw new Error("prebuilt"); }', loader: 'js' }));
    },
  };
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, minify: true, plugins: [prebuiltLexicon], define: { __NEWSQ_PREBUILT__: 'true' }, banner: { js: 'globalThis.t0 = process.hrtime.bigint(); globalThis.c0 = process.cpuUsage();' }, logLevel: 'warning' });
  for (const f of ['lexicon.bin', 'lexicon-plurals.bin', 'lexicon-verbs.bin']) copyFileSync(join(root, 'dist', f), join(tmp, f));

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`index: ${index}; ${runs} cold runs per word, medians in ms`);
  // On a shared machine wall times swing with the other jobs; CPU times (the analysis's in
  // its process, the search's whole process by /usr/bin/time) much less, so both are given.
  console.log('| word | lexicon load + module init | analyzeWord | queryVariants (count) | cold `newsq search --json` wall | share with load | without | CPU: analysis / search | CPU share |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const cpuShares = [];
  const timeFile = join(tmp, 'time.txt');
  const shares = [];
  const withLoad = [];
  for (const w of WORDS) {
    const r = [];
    const q = [];
    const qc = [];
    for (let i = 0; i < runs; i++) {
      r.push(JSON.parse(execFileSync(process.execPath, [bundle, w]).toString()));
      const t = process.hrtime.bigint();
      try {
        execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, join(root, 'bin', 'newsq.js'), 'search', w, '--index', index, '--limit', '20', '--json'], { stdio: ['ignore', 'ignore', 'ignore'] });
      } catch {
        // exit 1 (nothing found) is a query like any other
      }
      q.push(Number(process.hrtime.bigint() - t) / 1e6);
      const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      qc.push((user + system) * 1000);
    }
    const load = median(r.map((x) => x.load));
    const analyze = median(r.map((x) => x.analyze));
    const variants = median(r.map((x) => x.variants));
    const query = median(q);
    const total = median(r.map((x) => x.load + x.analyze + x.variants));
    shares.push((analyze + variants) / query);
    withLoad.push(total / query);
    const cpu = median(r.map((x) => x.cpu));
    const queryCpu = median(qc);
    cpuShares.push(cpu / queryCpu);
    console.log(`| ${w} | ${load.toFixed(2)} | ${analyze.toFixed(2)} | ${variants.toFixed(2)} (${r[0].count}) | ${query.toFixed(1)} | ${((total / query) * 100).toFixed(1)}% | ${(((analyze + variants) / query) * 100).toFixed(1)}% | ${cpu.toFixed(1)} / ${queryCpu.toFixed(0)} | ${((cpu / queryCpu) * 100).toFixed(1)}% |`);
  }
  console.log(`\nmedian share of the analysis in a cold query: ${(median(withLoad) * 100).toFixed(1)}% of the wall time with the analyzer's construction, ${(median(shares) * 100).toFixed(1)}% without; ${(median(cpuShares) * 100).toFixed(1)}% of the CPU time (construction included)`);
} finally {
  if (process.env.NEWSQ_BENCH_KEEP) console.log(`bundle kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
