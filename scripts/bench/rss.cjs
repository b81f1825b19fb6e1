// Preloaded into every measured process (node -r): at exit, appends the process's peak
// resident memory in KB to the file named by BENCH_RSS_FILE.
'use strict';
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
