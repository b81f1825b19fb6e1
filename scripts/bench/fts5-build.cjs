// SQLite FTS5 over the same articles (unicode61, diacritics removed), as the peer a Node
// process can query quickly.   node fts5-build.cjs <corpus> <out.db>
// Besides headline and body it indexes what newsq's filters search — the source, the day
// and the month as tokens — so that filter-only queries use an index in both tools; the
// crawl time is kept unindexed for newest-first listings.
'use strict';
const Database = require('better-sqlite3');
const { rmSync } = require('node:fs');
const { articles } = require('./corpus.cjs');
rmSync(process.argv[3], { force: true });
const db = new Database(process.argv[3]);
db.exec(
  "CREATE VIRTUAL TABLE docs USING fts5(title, content, source, day, month, ts UNINDEXED, url UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
);
const insert = db.prepare('INSERT INTO docs(rowid, title, content, source, day, month, ts, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  for (const a of articles(process.argv[2])) {
    const day = /^\d{4}-\d{2}-\d{2}/.test(a.date) ? a.date.slice(0, 10).replace(/-/g, '') : '';
    insert.run(a.id, a.title, a.content, a.source, day, day.slice(0, 6), a.date, a.url);
  }
})();
db.exec("INSERT INTO docs(docs) VALUES('optimize')");
db.close();
