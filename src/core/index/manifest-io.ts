// Publishing a new index state: the manifest is written to a temporary file, synced, and
// renamed over the old one, so readers see either the old index or the new one. Files no
// longer referenced are removed afterwards — except those of the previous generation,
// which a reader that opened the old manifest an instant ago may still be reading.

import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { checkpoint } from './checkpoint';
import { MANIFEST, LOCK, writeFileSynced, type Manifest } from './format';

/** Reads a manifest if the directory has one. */
export function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Every file a manifest references. */
export function referencedFiles(m: Manifest): Set<string> {
  const out = new Set<string>([MANIFEST, LOCK]);
  for (const s of m.segments) {
    for (const ext of Object.keys(s.sizes)) out.add(`${s.name}.${ext}`);
    if (s.deletions) out.add(s.deletions);
  }
  for (const f of Object.values(m.sidecars ?? {})) if (f) out.add(f);
  return out;
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic.
  }
}

/** Atomically replaces the manifest, then removes files neither it nor `previous` references. */
export function publishManifest(dir: string, manifest: Manifest, previous: Manifest | null): void {
  const tmp = join(dir, `${MANIFEST}.tmp-${process.pid}`);
  writeFileSynced(tmp, Buffer.from(JSON.stringify(manifest, null, 1) + '\n', 'utf8'));
  renameSync(tmp, join(dir, MANIFEST));
  syncDir(dir);
  checkpoint('publish:before-gc');
  collectGarbage(dir, manifest, previous);
}

/** Removes index files that no live manifest references (left by replaced or killed writers). */
export function collectGarbage(dir: string, current: Manifest, previous: Manifest | null): void {
  const keep = referencedFiles(current);
  if (previous) for (const f of referencedFiles(previous)) keep.add(f);
  for (const name of readdirSync(dir)) {
    if (keep.has(name)) continue;
    // Only files of ours: segments (g<gen>-…), sidecars and stale temporaries.
    if (/^(g\d+-|keywords-|links-|manifest\.json\.tmp-)/.test(name)) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // A concurrent cleanup got it first.
      }
    }
  }
}
