// Wire copies in an index: every article's MinHash signature is grouped by its band keys, a
// candidate pair counts when its estimated similarity reaches the threshold newsq folds
// copies at, and the pairs are joined into clusters (union-find). Prints how many clusters
// the archive has and their sizes, and writes a sample of pairs to judge by reading: a
// random sample, and the pairs just above the threshold, where mistakes would be.
//   npm run build && node scripts/clusters.mjs <index dir> [--sample N] [--out pairs.tsv]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const index = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!index) {
  console.error('usage: node scripts/clusters.mjs <index dir> [--sample N] [--out pairs.tsv]');
  process.exit(2);
}
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const sample = Number(option('sample', '60'));
const out = option('out', join(root, '.bench', 'copy-pairs.tsv'));

const tmp = mkdtempSync(join(tmpdir(), 'newsq-clusters-'));
try {
  const file = join(tmp, 'clusters.cjs');
  await build({
    stdin: {
      contents: `
        export { ArchiveIndex } from ${JSON.stringify(join(root, 'src/index/reader.ts'))};
        export * from ${JSON.stringify(join(root, 'src/features/near-duplicates.ts'))};
      `,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: file,
    logLevel: 'warning',
  });
  const { ArchiveIndex, bandKeys, isUnsigned, similarity, COPY_SIMILARITY } = createRequire(import.meta.url)(file);
  const ix = ArchiveIndex.open(resolve(index));
  const docs = [...ix.liveDocs()];
  const sigs = new Map();
  for (const d of docs) {
    const s = ix.signature(d);
    if (!isUnsigned(s)) sigs.set(d, s);
  }
  const byBand = new Map();
  for (const [d, s] of sigs) {
    for (const k of bandKeys(s)) {
      const list = byBand.get(k);
      if (list) list.push(d);
      else byBand.set(k, [d]);
    }
  }
  // Union-find over the pairs at or above the threshold.
  const parent = new Map();
  const find = (x) => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x);
    return x;
  };
  const pairs = [];
  const seen = new Set();
  for (const list of byBand.values()) {
    if (list.length < 2 || list.length > 500) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const key = `${a}:${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const sim = similarity(sigs.get(a), sigs.get(b));
        if (sim < COPY_SIMILARITY) continue;
        pairs.push({ a, b, sim });
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
      }
    }
  }
  const clusters = new Map();
  for (const d of sigs.keys()) {
    const r = find(d);
    clusters.set(r, (clusters.get(r) ?? 0) + 1);
  }
  const sizes = [...clusters.values()].filter((n) => n > 1);
  const inClusters = sizes.reduce((a, b) => a + b, 0);
  const hist = new Map();
  for (const n of sizes) hist.set(Math.min(n, 10), (hist.get(Math.min(n, 10)) ?? 0) + 1);
  console.log(`articles ${docs.length}, signed ${sigs.size}`);
  console.log(`copy pairs at similarity >= ${COPY_SIMILARITY}: ${pairs.length}`);
  console.log(`clusters of 2 or more: ${sizes.length}, holding ${inClusters} articles (${((100 * inClusters) / docs.length).toFixed(1)}% of the archive); stories: ${docs.length - inClusters + sizes.length}`);
  console.log(`sizes: ${[...hist].sort((x, y) => x[0] - y[0]).map(([n, c]) => `${n === 10 ? '10+' : n}: ${c}`).join(', ')}`);

  // Pairs to judge: a random sample, and those just above the threshold.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const shuffled = [...pairs].sort(() => random() - 0.5);
  const near = pairs.filter((p) => p.sim < COPY_SIMILARITY + 0.15).sort(() => random() - 0.5);
  const chosen = [...shuffled.slice(0, sample).map((p) => ({ ...p, why: 'random' })), ...near.slice(0, Math.floor(sample / 2)).map((p) => ({ ...p, why: 'near threshold' }))];
  const lines = ['why\tsimilarity\tid_a\tid_b\ttitle_a\ttitle_b'];
  for (const p of chosen) lines.push([p.why, p.sim.toFixed(3), ix.id(p.a), ix.id(p.b), ix.title(p.a).replace(/\s+/g, ' '), ix.title(p.b).replace(/\s+/g, ' ')].join('\t'));
  (await import('node:fs')).writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`${chosen.length} pairs to judge written to ${out}`);
  ix.close();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
