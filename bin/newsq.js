#!/usr/bin/env node
'use strict';
// Only starts the program: everything else lives in the bundle built from src/.
let main;
try {
  ({ main } = require('../dist/newsq.cjs'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('newsq.cjs')) {
    process.stderr.write('newsq: not built yet; run `npm install` (or `npm run build`) in the newsq folder\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2));
