// A cold query against FTS5: open the database, rank with bm25 (title weighted), print the
// top 20 with a snippet as JSON — what `newsq search --json` does.
'use strict';
const Database = require('better-sqlite3');
const db = new Database(process.argv[2], { readonly: true });
const rows = db
  .prepare("SELECT rowid AS id, title, snippet(docs, 1, '[', ']', '…', 24) AS snippet, bm25(docs, 3.0, 1.0) AS score FROM docs WHERE docs MATCH ? ORDER BY score LIMIT 20")
  .all(`"${process.argv[3].replace(/"/g, '""')}"`);
process.stdout.write(JSON.stringify(rows) + '\n');
