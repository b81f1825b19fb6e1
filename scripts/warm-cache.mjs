// Writes the bundle's V8 code cache from a search of the demo archive. bin/newsq.js saves
// the functions compiled by the run that writes the cache, so the run that writes it
// should be a search: a cache written by `--version` leaves the whole query path to be
// compiled on every call (~40 ms of a cold query on SaudiNewsNet).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = join(root, 'dist');
const caches = () => (existsSync(dist) ? readdirSync(dist).filter((f) => /^newsq\.cjs\..+\.cache$/.test(f)) : []);
for (const f of caches()) rmSync(join(dist, f), { force: true });

if (existsSync(join(root, 'data', 'index', 'manifest.json'))) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'newsq.js'), 'search', 'خامنئي', '--json', '--index', join(root, 'data', 'index')], { stdio: 'ignore' });
  // A failed search (a demo index of another analyzer) cached the error path: drop it, and
  // let the first real run write the cache.
  if (r.status !== 0) for (const f of caches()) rmSync(join(dist, f), { force: true });
}
