// npm runs a package's `prepare` script when it is installed from a folder or a tarball, and
// npm 11 warns of every install script a global install meets. The packed package already
// holds the built dist/, so its manifest needs no `prepare`: `prepack` writes package.json
// without it, keeping the original beside it, and `postpack` puts the original back.
//
//   node scripts/pack-manifest.mjs strip | restore

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const manifest = new URL('../package.json', import.meta.url);
const kept = new URL('../package.json.unpacked', import.meta.url);

if (process.argv[2] === 'strip') {
  // A pack that failed before postpack left the original aside: put it back first.
  if (existsSync(kept)) renameSync(kept, manifest);
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(kept, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip | restore');
  process.exit(2);
}
