// Bundles the TypeScript sources into one CommonJS file: a cold `newsq` call then
// loads a single script instead of resolving hundreds of ESM modules (start-up time
// is part of every query's latency).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/newsq.cjs',
  sourcemap: 'linked',
  legalComments: 'none',
  define: { __NEWSQ_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
