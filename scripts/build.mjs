// Bundles the TypeScript sources into one minified CommonJS file: a cold `newsq` call then
// loads a single script instead of resolving hundreds of modules (start-up time is part
// of every query's latency).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Built-in modules that only rare paths need (commander's executable subcommands, id
// hashing while importing, the builder's store thread) are loaded on first use instead of
// at start-up (worker_threads alone pulls in node's whole stream machinery).
const lazyBuiltins = {
  'node:child_process': ['spawn', 'execFileSync'],
  'node:crypto': ['createHash'],
  'node:os': ['availableParallelism', 'tmpdir'],
  'node:worker_threads': ['MessageChannel', 'Worker', 'receiveMessageOnPort'],
};

const lazy = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(child_process|crypto|os|worker_threads)$/ }, (args) => {
      const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      // The lazy stub's own require must reach the real module; so must packages that use
      // other names of os (the colour libraries, themselves loaded only when needed).
      if (args.namespace === 'lazy-builtin' || (path === 'node:os' && args.importer.includes('node_modules'))) return { path: args.path, external: true };
      return { path, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: lazyBuiltins[args.path]
        .map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(args.path)}).${name} });`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

/** The start and end of node's CommonJS wrapper, as Module.wrap writes them. */
const [BUNDLE_HEAD, BUNDLE_TAIL] = createRequire(import.meta.url)('node:module').wrap('\0').split('\0');

// The bundle reads the word lists the build writes beside it (dist/lexicon*.bin), so the
// sources they are made from — the gazetteer and the dictionary's word lists, megabytes of
// text — are left out of it: a start would read and compile them for nothing.
const prebuiltLexicon = {
  name: 'prebuilt-lexicon',
  setup(b) {
    b.onResolve({ filter: /[\\/]lexicon-source$/ }, () => ({ path: 'lexicon-source', namespace: 'prebuilt-lexicon' }));
    b.onLoad({ filter: /.*/, namespace: 'prebuilt-lexicon' }, () => ({
      contents: "export function foldedLexicon() { throw new Error('the word lists are read from dist/lexicon*.bin'); }",
      loader: 'js',
    }));
  },
};

// The analyzer's word lists, folded once here instead of at every start-up, and the
// analyzer's fingerprint (which analyzes a probe text) likewise; so are the tokenizer's
// character classes and the snippet probe's spelling tables.
const tmp = mkdtempSync(join(tmpdir(), 'newsq-build-'));
const load = createRequire(import.meta.url);
/** One source module bundled on its own and loaded here, to compute what the bundle carries ready-made. */
async function loadModule(entry) {
  const outfile = join(tmp, `${entry.replace(/\W+/g, '-')}.cjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  return load(outfile);
}
const lexicon = (await loadModule('src/analysis/lexicon-source.ts')).foldedLexicon();
// The folded lists go next to the bundle, laid out as the typed arrays a WordList searches
// (see lexiconFile): a start maps them in place, where the same words as an array literal
// escaped to ASCII inside the bundle would be read, deserialized and split by every call.
mkdirSync('dist', { recursive: true });
const lexiconModule = await loadModule('src/analysis/lexicon.ts');
for (const [file, bytes] of Object.entries(lexiconModule.lexiconFiles(lexiconModule.sortedLists(lexicon)))) writeFileSync(`dist/${file}`, bytes);
rmSync('dist/lexicon-query.bin', { force: true });
rmSync('dist/lexicon.txt', { force: true });
const defineLexicon = { __NEWSQ_PREBUILT__: 'true' };
const fingerprint = (await loadModule('src/analysis/analyzer.ts')).computeFingerprint();
const charClasses = (await loadModule('src/analysis/tokenize.ts')).charClassRanges();
const spellingTables = (await loadModule('src/search/spelling-probe.ts')).computeSpellingTables();
rmSync(tmp, { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/newsq.cjs',
  minify: process.env.NEWSQ_NO_MINIFY ? false : true,
  keepNames: false,
  legalComments: 'none',
  plugins: [lazy, prebuiltLexicon],
  // Node 20 has every regular expression feature the sources use: kept as literals, a
  // pattern is parsed when first used, where esbuild's `new RegExp` fallback would parse
  // each at start-up (about half a millisecond for a Unicode property class).
  supported: { 'regexp-unicode-property-escapes': true, 'regexp-lookbehind-assertions': true, 'regexp-named-capture-groups': true, 'regexp-match-indices': true, 'regexp-sticky-and-unicode-flags': true, 'regexp-dot-all-flag': true, 'regexp-set-notation': false },
  // The bundle is the body of the function node wraps a CommonJS module in, written out:
  // bin/newsq.js compiles it as it is, where wrapping it at run time would make V8 copy
  // the whole source into a second young string (and start a garbage collection earlier).
  banner: { js: BUNDLE_HEAD },
  footer: { js: BUNDLE_TAIL },
  define: { __NEWSQ_VERSION__: JSON.stringify(pkg.version), ...defineLexicon, __NEWSQ_FINGERPRINT__: JSON.stringify(fingerprint), __NEWSQ_CHAR_CLASSES__: JSON.stringify(charClasses), __NEWSQ_SPELLINGS__: JSON.stringify(spellingTables) },
  logLevel: 'warning',
});

// esbuild leaves non-ASCII characters inside regular expression literals. Escaped, the
// bundle is pure ASCII: bin/newsq.js reads it as latin1 (a copy, not a UTF-8 decode) and V8
// keeps it as a one-byte string.
const bundled = readFileSync('dist/newsq.cjs', 'utf8');
// bin/newsq.js hands the bundle its own require, which resolves node's built-in modules only.
const outside = [...new Set([...bundled.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].filter((name) => !isBuiltin(name));
if (outside.length > 0) throw new Error(`the bundle requires modules that are not node's own: ${outside.join(', ')}`);
writeFileSync('dist/newsq.cjs', bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// A fresh code cache, written by a search (see warm-cache.mjs).
await import('./warm-cache.mjs');
