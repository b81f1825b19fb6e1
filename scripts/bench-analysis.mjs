// How many SaudiNewsNet articles newsq finds for frequent words and names, against exact
// token matching (the word exactly as typed, between separators), and which word forms
// the extra hits matched — for a reader to spot-check that they are right.
//   node scripts/bench-analysis.mjs [index dir]      (default: .bench/snn.newsq, see npm run bench)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(new URL('..', import.meta.url).pathname);
const corpus = resolve(root, '..', 'shared', 'corpora', 'saudinewsnet');
const index = process.argv[2] ?? join(root, '.bench', 'snn.newsq');
if (!existsSync(corpus) || !existsSync(join(index, 'manifest.json'))) {
  console.error(`bench-analysis: needs ${corpus} and an index at ${index} (run npm run bench first)`);
  process.exit(2);
}
const { articles } = createRequire(import.meta.url)(join(root, 'scripts', 'bench', 'corpus.cjs'));
const WORDS = ['رسالة', 'مسؤول', 'السعودية', 'إيران', 'الرياض', 'الحوثيين', 'الهلال', 'داعش', 'النفط', 'أوباما', 'خامنئي', 'التحالف', '2015'];

const SEP = /[^\p{L}\p{M}\p{N}]+/u;
const exact = new Map(WORDS.map((w) => [w, 0]));
for (const a of articles(corpus)) {
  const tokens = new Set(`${a.title} ${a.content}`.split(SEP));
  for (const w of WORDS) if (tokens.has(w)) exact.set(w, exact.get(w) + 1);
}

console.log('| word | exact token | newsq | × | most frequent matched forms (from snippets) |');
console.log('|---|---|---|---|---|');
for (const w of WORDS) {
  const count = Number(execFileSync(process.execPath, [join(root, 'bin', 'newsq.js'), 'search', w, '--count', '--index', index]).toString());
  const hits = JSON.parse(execFileSync(process.execPath, [join(root, 'bin', 'newsq.js'), 'search', w, '--json', '--limit', '10000', '--index', index], { maxBuffer: 1 << 28 }).toString());
  const forms = new Map();
  for (const h of hits) for (const [s, e] of h.snippet.highlights) forms.set(h.snippet.text.slice(s, e), (forms.get(h.snippet.text.slice(s, e)) ?? 0) + 1);
  const top = [...forms].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([f, n]) => `${f} ${n}`).join('، ');
  console.log(`| ${w} | ${exact.get(w)} | ${count} | ${(count / Math.max(1, exact.get(w))).toFixed(2)} | ${top} |`);
}
