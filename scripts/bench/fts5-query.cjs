// A cold query against FTS5: open the database, match an FTS5 query expression, print the
// top 20 with a snippet as JSON — what `newsq search --json` does. Ranked by bm25 (title
// weighted), or newest first for filter-only queries, as newsq lists them.
//   node fts5-query.cjs <db> <fts5 expression> [rank|newest]
'use strict';
const Database = require('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const order = process.argv[4] === 'newest' ? 'ts DESC' : 'score';
const rows = db
  .prepare(
    `SELECT rowid AS id, title, snippet(docs, 1, '[', ']', '…', 24) AS snippet, bm25(docs, 3.0, 1.0, 0.0, 0.0, 0.0) AS score FROM docs WHERE docs MATCH ? ORDER BY ${order} LIMIT 20`,
  )
  .all(process.argv[3]);
process.stdout.write(JSON.stringify(rows) + '\n');
