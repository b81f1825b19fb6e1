// SQLite FTS5 over the same articles (unicode61, diacritics removed), as the peer a Node
// process can query quickly.   node fts5-build.cjs <corpus> <out.db>
'use strict';
const Database = require('better-sqlite3');
const { rmSync } = require('node:fs');
const { articles } = require('./corpus.cjs');
rmSync(process.argv[3], { force: true });
const db = new Database(process.argv[3]);
db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, content, url UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')");
const insert = db.prepare('INSERT INTO docs(rowid, title, content, url) VALUES (?, ?, ?, ?)');
db.transaction(() => {
  for (const a of articles(process.argv[2])) insert.run(a.id, a.title, a.content, a.url);
})();
db.exec("INSERT INTO docs(docs) VALUES('optimize')");
db.close();
