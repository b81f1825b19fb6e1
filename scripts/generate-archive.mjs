// Writes a synthetic archive in the text export format, for scale tests and benchmarks:
//   node scripts/generate-archive.mjs --count 100000 --out /tmp/synth-100k [--seed 1] [--vocab PATH…]
//   node scripts/generate-archive.mjs --count 1000000 --count-terms   (prints JSON, writes nothing)
// Vocabulary is learnt from --vocab (default: ../shared/corpora/saudinewsnet if present,
// else the demo archive); nothing of it is stored. Heaps' law is fitted on the same texts,
// and new words (names, numbers, rare forms) keep appearing at the rate it predicts;
// --duplicates sets the share of wire copies (default: SaudiNewsNet's, as scripts/clusters.mjs
// counts them; BENCHMARKS.md gives it); --plain turns both off. The outlets and
// keywords used go to <out>/../generator.json, for the benchmark's filter queries.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(opt('count', '1000'));
const out = opt('out');
const seed = Number(opt('seed', '1'));
const countOnly = args.includes('--count-terms');
const plain = args.includes('--plain');
const duplicates = Number(opt('duplicates', String(4360 / 30973)));
if ((!out && !countOnly) || !Number.isInteger(count) || count < 1) {
  console.error('usage: node scripts/generate-archive.mjs --count N (--out DIR | --count-terms) [--seed S] [--vocab PATH] [--duplicates SHARE] [--plain]');
  process.exit(2);
}
const shared = join(root, '..', 'shared', 'corpora', 'saudinewsnet');
const vocabPaths = args.flatMap((a, i) => (args[i - 1] === '--vocab' ? [a] : []));
const sources = vocabPaths.length ? vocabPaths : existsSync(shared) ? [shared] : [join(root, 'data', 'articles')];

const dir = mkdtempSync(join(tmpdir(), 'newsq-synth-'));
await build({ entryPoints: [join(root, 'src/synth/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'synth.cjs'), logLevel: 'warning' });
const synth = createRequire(import.meta.url)(join(dir, 'synth.cjs'));

const texts = [...synth.sampleTexts(sources)];
const vocabulary = synth.Vocabulary.fromTexts(texts);
const demo = [...synth.sampleTexts([join(root, 'data', 'articles')])];
const keywords = synth.sampleKeywords(demo);
const outlets = ['المرصد الإخباري', 'نشرة الرافدين', 'صوت الخليج', 'الأنباء الموجزة'];
const options = { count, seed, from: '2010-01-01', to: '2016-12-31', keywords, outlets };
if (!plain) Object.assign(options, { growth: new synth.Growth(vocabulary.heaps, vocabulary), duplicates });
console.error(`vocabulary: ${vocabulary.size} words from ${sources.join(', ')}; Heaps fit k ${vocabulary.heaps.k.toFixed(2)}, beta ${vocabulary.heaps.beta.toFixed(3)}`);
if (countOnly) {
  console.log(JSON.stringify(synth.countTerms(options, vocabulary)));
} else {
  const started = Date.now();
  synth.generateArchive(out, options, vocabulary, (n) => process.stderr.write(`\r${n} articles`));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(join(dirname(resolve(out)), 'generator.json'), JSON.stringify({ count, seed, outlets, keywords, duplicates: plain ? 0 : duplicates, heaps: plain ? null : vocabulary.heaps }) + '\n');
  console.error(`\rwrote ${count} articles to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
