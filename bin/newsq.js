#!/usr/bin/env node
'use strict';
// Only starts the program. The bundle is compiled through V8's code cache when one is
// available (written next to it after a run): compiling ~250 KB of JavaScript is a large
// share of a cold query, and every newsq call is a cold start.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

// A newsq call lives about a tenth of a second. Under V8's default tiering budget the
// optimizing compiler takes up functions of a query that run only a few times, spends longer
// compiling them than they then run, and exit waits for compiles still in flight; a larger
// budget leaves a query to the interpreter and baseline code, while a build's hot loops,
// run millions of times, are still optimized (BENCHMARKS.md has the measurement). The flag
// is set before the bundle is compiled: V8 accepts a code cache only under the flags that
// wrote it.
require('node:v8').setFlagsFromString('--interrupt-budget=1081344');

const bundle = path.join(__dirname, '..', 'dist', 'newsq.cjs');
// The cache is only valid for the V8 that wrote it (and V8 checks the source hash itself).
const cacheFile = `${bundle}.${process.versions.v8}.cache`;

// Opens a file with its size; null when it cannot be opened.
function openSized(file) {
  try {
    const fd = fs.openSync(file, 'r');
    return { fd, size: fs.fstatSync(fd).size };
  } catch {
    return null;
  }
}

// Reads an opened file whole into the start of `buf`, then closes it; returns the part read.
function readWhole(file, buf) {
  try {
    let got = 0;
    while (got < file.size) {
      const n = fs.readSync(file.fd, buf, got, file.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(file.fd);
  }
}

// Both files pass through one buffer, sized for the larger: on a virtual machine the first
// touch of each fresh page costs about ten microseconds, and a second buffer for the cache
// would be another ninety pages (more than a millisecond of every call).
const bundleFile = openSized(bundle);
// null before the first run, which then writes the cache.
const cacheOpened = openSized(cacheFile);
let source;
let scratch;
try {
  if (!bundleFile) throw new Error('no bundle');
  scratch = Buffer.allocUnsafeSlow(Math.max(bundleFile.size, cacheOpened ? cacheOpened.size : 0, 1));
  // The build makes the bundle pure ASCII, so latin1 reads it exactly, and faster than UTF-8.
  source = readWhole(bundleFile, scratch).toString('latin1');
} catch {
  process.stderr.write('newsq: not built yet; run `npm install` (or `npm run build`) in the newsq folder\n');
  process.exit(2);
}
let cached;
try {
  if (cacheOpened) cached = readWhole(cacheOpened, scratch);
} catch {
  // An unreadable cache is no cache: this run writes one.
}
// The build writes the bundle already inside node's CommonJS function wrapper.
const script = new vm.Script(source, { filename: bundle, cachedData: cached, importModuleDynamically: undefined });
const module_ = { exports: {} };
try {
  // The bundle requires only node's built-in modules, which this file's own require resolves
  // as well as one made for the bundle's path (node:module, for createRequire, costs a cold
  // start most of a millisecond to load).
  script.runInThisContext()(module_.exports, require, module_, bundle, path.dirname(bundle));
} catch (err) {
  // A build that is incomplete (a file beside the bundle missing) fails here, not in a command.
  process.stderr.write(`newsq: cannot start: ${err && err.message ? err.message : err}\n`);
  process.exit(2);
}
if (cached === undefined || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only install runs without a cache.
    }
  });
}
module_.exports.main(process.argv.slice(2), { codeCache: cached === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted' });
