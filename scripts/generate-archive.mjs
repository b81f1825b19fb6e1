// Writes a synthetic archive in the text export format, for scale tests and benchmarks:
//   node scripts/generate-archive.mjs --count 100000 --out /tmp/synth-100k [--seed 1] [--vocab PATH…]
// Vocabulary is learnt from --vocab (default: ../shared/corpora/saudinewsnet if present,
// else the demo archive); nothing of it is stored.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = Number(opt('count', '1000'));
const out = opt('out');
const seed = Number(opt('seed', '1'));
if (!out || !Number.isInteger(count) || count < 1) {
  console.error('usage: node scripts/generate-archive.mjs --count N --out DIR [--seed S] [--vocab PATH]');
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
console.error(`vocabulary: ${vocabulary.size} words from ${sources.join(', ')}`);
const started = Date.now();
synth.generateArchive(out, { count, seed, from: '2010-01-01', to: '2016-12-31', keywords, outlets }, vocabulary, (n) =>
  process.stderr.write(`\r${n} articles`),
);
console.error(`\rwrote ${count} articles to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
void readFileSync;
