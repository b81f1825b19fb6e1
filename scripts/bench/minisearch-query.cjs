// A cold query against the plain MiniSearch JSON index: load it, search, print the top 20 as JSON.
'use strict';
const { readFileSync } = require('node:fs');
const MiniSearch = require('minisearch');
const { options } = require('./minisearch-options.cjs');
const ms = MiniSearch.loadJSON(readFileSync(process.argv[2], 'utf8'), options);
const hits = ms.search(process.argv[3]).slice(0, 20);
process.stdout.write(JSON.stringify(hits.map((h) => ({ id: h.id, title: h.title, score: h.score }))) + '\n');
