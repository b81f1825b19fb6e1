// Reads SaudiNewsNet's zips (each holds one JSON array) for the peers' index builders.
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { inflateRawSync } = require('node:zlib');

function* zipEntries(buf) {
  let p = 0;
  while (p + 30 <= buf.length && buf.readUInt32LE(p) === 0x04034b50) {
    const method = buf.readUInt16LE(p + 8);
    const size = buf.readUInt32LE(p + 18);
    const nameLen = buf.readUInt16LE(p + 26);
    const extra = buf.readUInt16LE(p + 28);
    const start = p + 30 + nameLen + extra;
    const data = buf.subarray(start, start + size);
    yield method === 8 ? inflateRawSync(data) : data;
    p = start + size;
  }
}

/** Every article of the corpus, with a sequential id, as {id, title, content, url, source, date}. */
function* articles(dir) {
  let id = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.zip')).sort()) {
    for (const data of zipEntries(readFileSync(join(dir, f)))) {
      for (const a of JSON.parse(data.toString('utf8'))) {
        if (!a.title && !a.content) continue;
        const date = typeof a.date_extracted === 'string' ? a.date_extracted : '';
        yield { id: id++, title: a.title || '', content: a.content || '', url: a.url || '', source: a.source || '', date };
      }
    }
  }
}

module.exports = { articles };
