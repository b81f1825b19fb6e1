// What the foreign-name skeleton joins over SaudiNewsNet's vocabulary: every word seen at
// least MIN times (default 20) whose analysis carries a skeleton term, grouped by it; a word
// gets a new partner when another word of its group shares no other term with it. Prints the
// counts and every group with a new meeting, for reading (the damage figure in BENCHMARKS.md).
//   node scripts/names-damage.mjs [corpus dir] [min count]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const corpus = process.argv[2] ?? resolve(root, '..', 'shared', 'corpora', 'saudinewsnet');
const min = Number(process.argv[3] ?? 20);
const tmp = mkdtempSync(join(tmpdir(), 'newsq-names-damage-'));
try {
  const entry = join(tmp, 'entry.ts');
  writeFileSync(
    entry,
    `import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWord } from ${JSON.stringify(join(root, 'src/analysis/analyzer.ts'))};
import { SKELETON_MARK } from ${JSON.stringify(join(root, 'src/analysis/foreign.ts'))};
import { lightNormalize } from ${JSON.stringify(join(root, 'src/analysis/normalize.ts'))};
import { tokenizeWords } from ${JSON.stringify(join(root, 'src/analysis/tokenize.ts'))};
import { readZipEntries } from ${JSON.stringify(join(root, 'tests/support/output-zip.ts'))};
const [dir, minText] = process.argv.slice(2);
const counts = new Map<string, number>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.zip')).sort()) {
  for (const data of readZipEntries(join(dir, file)).values()) {
    for (const a of JSON.parse(data.toString('utf8')) as Array<{ title?: string; content?: string }>) {
      for (const t of tokenizeWords(\`\${a.title ?? ''}\\n\${a.content ?? ''}\`)) {
        const w = lightNormalize(t);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
}
const groups = new Map<string, Array<[string, number, string[]]>>();
let words = 0;
let foreign = 0;
for (const [w, c] of counts) {
  if (c < Number(minText) || !/^[\\u0621-\\u064A]{2,}$/.test(w)) continue;
  words++;
  const a = analyzeWord(w);
  const sks = a ? a.stems.filter((s) => s.startsWith(SKELETON_MARK)) : [];
  if (!a || sks.length === 0) continue;
  foreign++;
  for (const sk of sks) {
    const g = groups.get(sk) ?? [];
    g.push([w, c, a.stems.filter((s) => !s.startsWith(SKELETON_MARK)).concat(a.exact)]);
    groups.set(sk, g);
  }
}
const joined = new Set<string>();
const lines: string[] = [];
for (const [sk, g] of groups) {
  if (g.length < 2) continue;
  const news = new Set<string>();
  for (const x of g) for (const y of g) if (x !== y && !x[2].some((t) => y[2].includes(t))) { news.add(x[0]); news.add(y[0]); }
  if (news.size === 0) continue;
  for (const w of news) joined.add(w);
  lines.push(\`\${sk}\\t\${g.filter((x) => news.has(x[0])).map((x) => \`\${x[0]}(\${x[1]})\`).join(' ')}\`);
}
console.log(\`words seen >= \${minText}: \${words}; with a skeleton: \${foreign}; with a new meeting partner: \${joined.size} in \${lines.length} groups\`);
console.log(lines.sort().join('\\n'));
`,
  );
  const bundle = join(tmp, 'damage.cjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
  process.stdout.write(execFileSync(process.execPath, [bundle, corpus, String(min)], { maxBuffer: 1 << 28 }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
