#!/usr/bin/env node
/**
 * check-pairs-corpus.mjs — checks that the words of Arabic evaluation pair files come from real text.
 *
 * For each (query, document) pair in one or more pair files (TSV: query, document, expect, kind, note)
 * it reports how often each word occurs, as an exact whole word, in the SaudiNewsNet corpus, then prints
 * a summary per file: number of pairs, trap share, counts per kind, words not found, format problems,
 * duplicate pairs, and pairs that appear in more than one of the files given.
 *
 * Usage: node scripts/check-pairs-corpus.mjs [--corpus DIR] [--quiet] FILE.tsv [FILE.tsv ...]
 *   --corpus DIR   folder holding the SaudiNewsNet YYYY-MM-DD.zip files (default: $SAUDINEWSNET_DIR,
 *                  else ../shared/corpora/saudinewsnet or ../../shared/corpora/saudinewsnet from the repo)
 *   --quiet        print only the summaries, not one line per pair
 * Exit status: 0 when every word is found and every file is well formed, 1 otherwise, 2 on bad usage.
 *
 * Words are counted exactly as written: no folding, no stemming. A token is a maximal run of Arabic-script
 * characters, including diacritics, tatweel, Persian letters and the presentation forms (U+FB50–FDFF,
 * U+FE70–FEFC), so that orthographic variants can be checked as they really occur.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const HEADER = 'query\tdocument\texpect\tkind\tnote';
const ARABIC_RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]+/g;
// Arabic punctuation lives in the same block; strip it from the ends of a token (، ؛ ؟ ٪ ٫ ٬ ٭ ۔).
const EDGE_PUNCTUATION = /^[\u060C\u061B\u061F\u066A-\u066D\u06D4]+|[\u060C\u061B\u061F\u066A-\u066D\u06D4]+$/g;

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/check-pairs-corpus.mjs [--corpus DIR] [--quiet] FILE.tsv [FILE.tsv ...]');
  process.exit(2);
}

// ---- arguments --------------------------------------------------------------------------------
const args = process.argv.slice(2);
let corpusDir = process.env.SAUDINEWSNET_DIR;
let quiet = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus') corpusDir = args[++i] ?? usage('--corpus needs a folder');
  else if (args[i] === '--quiet') quiet = true;
  else if (args[i].startsWith('--')) usage(`unknown option ${args[i]}`);
  else files.push(args[i]);
}
if (files.length === 0) usage('no pairs file given');
if (!corpusDir) {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  corpusDir = ['../shared/corpora/saudinewsnet', '../../shared/corpora/saudinewsnet']
    .map((rel) => resolve(repo, rel))
    .find((dir) => existsSync(dir));
  if (!corpusDir) usage('SaudiNewsNet not found; pass --corpus DIR or set SAUDINEWSNET_DIR');
}

// ---- corpus: word frequencies -------------------------------------------------------------------
/** Returns the uncompressed bytes of every file in a zip archive (stored or deflated entries). */
function unzipAll(buffer) {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes of the archive.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16); // start of the central directory
  const out = [];
  for (let n = 0; n < entries; n++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20); // compressed size, from the central directory
    const local = buffer.readUInt32LE(at + 42); // offset of the local header
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + size);
    if (method === 0) out.push(data);
    else if (method === 8) out.push(inflateRawSync(data));
    else throw new Error(`unsupported zip compression method ${method}`);
  }
  return out;
}

const frequency = new Map();
const zips = readdirSync(corpusDir).filter((name) => name.endsWith('.zip')).sort();
if (zips.length === 0) usage(`no .zip files in ${corpusDir}`);
let articles = 0;
for (const zip of zips) {
  for (const json of unzipAll(readFileSync(join(corpusDir, zip)))) {
    for (const article of JSON.parse(json.toString('utf8'))) {
      articles++;
      for (const text of [article.title ?? '', article.content ?? '']) {
        for (const match of text.matchAll(ARABIC_RUN)) {
          const word = match[0].replace(EDGE_PUNCTUATION, '');
          if (word) frequency.set(word, (frequency.get(word) ?? 0) + 1);
        }
      }
    }
  }
}
console.log(`SaudiNewsNet: ${zips.length} files, ${articles} articles, ${frequency.size} distinct word forms\n`);

// ---- pair files ---------------------------------------------------------------------------------
let failed = false;
const pairFiles = new Map(); // the two words of a pair, sorted and tab-joined -> files it appears in
for (const file of files) {
  const problems = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0] !== HEADER) problems.push(`line 1: header must be ${JSON.stringify(HEADER)}`);
  const pairs = [];
  lines.slice(1).forEach((line, index) => {
    const no = index + 2;
    if (/\r/.test(line)) problems.push(`line ${no}: carriage return`);
    if (/[ \t]$/.test(line) || /^[ \t]/.test(line)) problems.push(`line ${no}: leading or trailing blank`);
    const fields = line.split('\t');
    if (fields.length !== 5) return problems.push(`line ${no}: ${fields.length} fields, expected 5`);
    const [query, document, expect, kind, note] = fields;
    if (expect !== 'match' && expect !== 'trap') problems.push(`line ${no}: expect is ${JSON.stringify(expect)}`);
    if (!query || !document || !kind || !note) problems.push(`line ${no}: empty field`);
    if (/\s/.test(query) || /\s/.test(document)) problems.push(`line ${no}: query and document must be single words`);
    pairs.push({ no, query, document, expect, kind });
  });

  console.log(`== ${file}`);
  const missing = new Set();
  const seen = new Set();
  for (const pair of pairs) {
    const q = frequency.get(pair.query) ?? 0;
    const d = frequency.get(pair.document) ?? 0;
    if (!q) missing.add(pair.query);
    if (!d) missing.add(pair.document);
    const key = [pair.query, pair.document].sort().join('\t'); // order-free: a swapped pair is the same pair
    if (seen.has(key)) problems.push(`line ${pair.no}: duplicate pair ${pair.query} / ${pair.document}`);
    seen.add(key);
    if (!pairFiles.has(key)) pairFiles.set(key, new Set());
    pairFiles.get(key).add(file);
    if (!quiet) {
      const flag = !q || !d ? '  <-- NOT FOUND' : '';
      console.log(`${String(pair.no).padStart(4)}  ${pair.expect.padEnd(5)}  ${pair.kind.padEnd(14)}  ` +
        `${pair.query} (${q})  ~  ${pair.document} (${d})${flag}`);
    }
  }

  // Summary for this file.
  const traps = pairs.filter((pair) => pair.expect === 'trap').length;
  const kinds = new Map();
  for (const pair of pairs) {
    const entry = kinds.get(pair.kind) ?? { match: 0, trap: 0 };
    entry[pair.expect === 'trap' ? 'trap' : 'match']++;
    kinds.set(pair.kind, entry);
  }
  console.log(`\n  pairs: ${pairs.length}   match: ${pairs.length - traps}   trap: ${traps}` +
    `   trap share: ${pairs.length ? ((100 * traps) / pairs.length).toFixed(1) : '-'}%`);
  console.log('  kind             match  trap  total');
  for (const [kind, { match, trap }] of [...kinds].sort()) {
    console.log(`  ${kind.padEnd(16)} ${String(match).padStart(5)} ${String(trap).padStart(5)} ${String(match + trap).padStart(6)}`);
  }
  console.log(`  words not found in the corpus: ${missing.size ? [...missing].join(' ') : 'none'}`);
  console.log(`  format problems: ${problems.length ? '\n    ' + problems.join('\n    ') : 'none'}\n`);
  if (missing.size || problems.length) failed = true;
}

// Pairs shared between files (the same query and document, in either file).
if (files.length > 1) {
  const shared = [...pairFiles].filter(([, where]) => where.size > 1).map(([key]) => key.replace('\t', ' / '));
  console.log(`pairs appearing in more than one file: ${shared.length ? shared.join(', ') : 'none'}`);
  if (shared.length) failed = true;
}
process.exit(failed ? 1 : 0);
