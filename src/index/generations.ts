// The current generation of an index and the one before it. Every publish (a build, an
// addition, a deletion, a compaction) keeps the manifest it replaces beside the new one, as
// manifest.previous.json, and the files either manifest references are never collected: so
// `newsq index --undo` can publish the previous generation again. Undo is itself a publish,
// so the generation it replaced becomes the previous one and a second undo redoes.
//
// The previous manifest is written before the new one is renamed into place. A writer
// killed between the two leaves the previous manifest equal to the current one, which
// loses only the older generation's undo, never the current index.

import { existsSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { IndexOpenError } from './errors';
import { LOCK, MANIFEST, type Manifest } from './format';
import { acquireLock } from './lock';
import { collectGarbage, highestGeneration, loadManifest, publishManifest, readManifest, referencedFiles, serializeManifest, writeFileSynced } from './manifest-io';

/** The manifest of the previous generation, beside manifest.json. */
export const PREVIOUS_MANIFEST = 'manifest.previous.json';

/**
 * Keeps `previous` (the manifest about to be replaced) as the previous generation, or
 * forgets the one kept when there is none to keep (a build over a damaged index). Called by
 * publishManifest before it renames the new manifest into place.
 */
export function keepPrevious(dir: string, previous: Manifest | null): void {
  const file = join(dir, PREVIOUS_MANIFEST);
  if (!previous) {
    try {
      unlinkSync(file);
    } catch {
      // None was kept.
    }
    return;
  }
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSynced(tmp, Buffer.from(serializeManifest(previous), 'utf8'));
  renameSync(tmp, file);
}

/** Whether a file name is a temporary of this module's (left by a killed writer). */
export function isPreviousTemporary(name: string): boolean {
  return name.startsWith(`${PREVIOUS_MANIFEST}.tmp-`);
}

/**
 * The previous generation's manifest, checked as the current one is (format, analyzer,
 * checksum, shape); null when none is kept. A damaged one is an IndexOpenError naming it.
 */
export function loadPrevious(dir: string): Manifest | null {
  if (!existsSync(join(dir, PREVIOUS_MANIFEST))) return null;
  return loadManifest(dir, PREVIOUS_MANIFEST);
}

/** The files of a manifest that are missing or not of the size it recorded. */
export function missingFiles(dir: string, m: Manifest): string[] {
  const sizes = new Map<string, number>();
  for (const s of m.segments) for (const [ext, size] of Object.entries(s.sizes)) sizes.set(`${s.name}.${ext}`, size);
  for (const kind of ['keywords', 'links'] as const) {
    const name = m.sidecars[kind];
    const sum = m.sidecarSums[kind];
    if (name && sum) sizes.set(name, sum.size);
  }
  const out: string[] = [];
  for (const name of referencedFiles(m)) {
    if (name === MANIFEST || name === LOCK || name === PREVIOUS_MANIFEST) continue;
    let size: number;
    try {
      size = statSync(join(dir, name)).size;
    } catch {
      out.push(name);
      continue;
    }
    const expected = sizes.get(name);
    if (expected !== undefined && expected !== size) out.push(name);
  }
  return out;
}

/** There is no previous generation to go back to. */
export class NothingToUndoError extends Error {}

/** What an undo did. */
export interface UndoResult {
  /** The manifest published again (with a new generation number). */
  restored: Manifest;
  /** The manifest it replaced, now the previous generation. */
  undone: Manifest;
}

/**
 * Publishes the previous generation as the current one, under the write lock. The
 * generation it replaces becomes the previous one, so a second undo redoes. The restored
 * manifest gets a new generation number: generation numbers name files, and the next
 * change must not reuse the number of the generation now kept as previous.
 */
export function undo(dir: string): UndoResult {
  const release = acquireLock(dir);
  try {
    const current = loadManifest(dir);
    const previous = loadPrevious(dir);
    if (!previous) throw new NothingToUndoError(`no previous index is kept at ${dir}`);
    const gone = missingFiles(dir, previous);
    if (gone.length) throw new IndexOpenError('corrupt', `${join(dir, gone[0]!)} of the previous index is missing or damaged`);
    const restored: Manifest = { ...previous, generation: Math.max(current.generation, highestGeneration(dir)) + 1 };
    publishManifest(dir, restored, current);
    return { restored, undone: current };
  } finally {
    release();
  }
}

/**
 * Removes the files of a write that failed or was refused (segments and sidecars no kept
 * generation references), under the write lock; then, when `removeEmpty` is set and the
 * folder holds nothing else, the folder itself (a build into a new folder that failed).
 * Best effort: the next writer collects whatever is left.
 */
export function discardUnpublished(dir: string, removeEmpty: boolean): void {
  let release: (() => void) | undefined;
  try {
    release = acquireLock(dir, 0);
    const current = readManifest(dir);
    let previous: Manifest | null = null;
    try {
      previous = loadPrevious(dir);
    } catch {
      // A damaged previous manifest protects nothing.
    }
    if (current) collectGarbage(dir, current, previous);
    else if (!existsSync(join(dir, MANIFEST))) {
      // No index here at all: everything of ours is unreferenced.
      for (const name of readdirSync(dir)) if (/^(g\d+-|keywords-|links-)/.test(name)) unlinkSync(join(dir, name));
    }
  } catch {
    // Locked by another writer, or unreadable: leave it to the next writer.
  } finally {
    release?.();
  }
  if (removeEmpty) {
    try {
      // rmdir removes only an empty folder: anything put there meanwhile stays.
      rmdirSync(dir);
    } catch {
      // Not empty, or gone already.
    }
  }
}
