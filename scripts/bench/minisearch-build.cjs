// Plain MiniSearch, as the brief's baseline: addAll over the corpus with a light Arabic
// processTerm, then JSON.stringify to disk.   node minisearch-build.cjs <corpus> <out.json>
'use strict';
const { writeFileSync } = require('node:fs');
const MiniSearch = require('minisearch');
const { articles } = require('./corpus.cjs');
const { options } = require('./minisearch-options.cjs');

const ms = new MiniSearch(options);
ms.addAll([...articles(process.argv[2])]);
writeFileSync(process.argv[3], JSON.stringify(ms));
