// Publishing a new index state: the manifest is written to a temporary file, synced, and
// renamed over the old one, so readers see either the old index or the new one. Files no
// longer referenced are removed afterwards — except those of the previous generation,
// which a reader that opened the old manifest an instant ago may still be reading.

import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYZER_VERSION, analyzerFingerprint } from '../analysis/analyzer';
import { crc32 } from 'node:zlib';
import { parseJsonMaps } from '../util/json-maps';
import { checkpoint } from './checkpoint';
import { IndexCorruptError, IndexOpenError } from './errors';
import { FIELDS, LENGTH_COLUMNS } from './schema';
import { FORMAT_NAME, FORMAT_VERSION, MANIFEST, LOCK, type FileSum, type Manifest } from './format';
import { PREVIOUS_MANIFEST, isPreviousTemporary, keepPrevious } from './generations';

// The manifest carries a CRC-32 of its own JSON (serialized without the checksum). A flipped
// bit that keeps the file valid JSON can rename a key or change a count; without the check
// such a manifest would change answers silently or fail deep inside a query.
function manifestCrc(body: Omit<Manifest, 'checksum'>): string {
  return (crc32(Buffer.from(JSON.stringify(body), 'utf8')) >>> 0).toString(16).padStart(8, '0');
}

/** The manifest's file contents, checksum included. */
export function serializeManifest(manifest: Manifest): string {
  const { checksum: _old, ...body } = manifest;
  return JSON.stringify({ ...body, checksum: manifestCrc(body) }, null, 1) + '\n';
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isDay = (v: unknown): boolean => v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
const isName = (v: unknown): boolean => v === null || (typeof v === 'string' && /^[\w.-]+$/.test(v));
const isSum = (v: unknown): boolean => v === null || (typeof v === 'object' && isCount((v as FileSum).size) && isCount((v as FileSum).crc));

// Field-by-field shape check, for a manifest whose checksum holds but which was written by
// hand or by a buggy tool: every value a reader relies on has the type it expects.
function shapeProblem(m: Manifest): string | null {
  if (!isCount(m.generation) || !isCount(m.documentCount)) return 'generation or document count';
  if (typeof m.utcOffset !== 'string') return 'utcOffset';
  if (!Array.isArray(m.totalFieldLength) || m.totalFieldLength.length !== LENGTH_COLUMNS.length || !m.totalFieldLength.every(isCount)) return 'totalFieldLength';
  if (!isDay(m.firstDay) || !isDay(m.lastDay)) return 'firstDay/lastDay';
  if (typeof m.sidecars !== 'object' || m.sidecars === null || !isName(m.sidecars.keywords) || !isName(m.sidecars.links)) return 'sidecars';
  if (typeof m.sidecarSums !== 'object' || m.sidecarSums === null || !isSum(m.sidecarSums.keywords) || !isSum(m.sidecarSums.links)) return 'sidecarSums';
  let live = 0;
  for (const s of m.segments as unknown[]) {
    const seg = s as Manifest['segments'][number];
    if (typeof seg !== 'object' || seg === null || !isName(seg.name) || typeof seg.name !== 'string') return 'segment name';
    if (!isCount(seg.docCount) || !isCount(seg.deletedCount) || seg.deletedCount > seg.docCount || !isName(seg.deletions)) return `segment ${seg.name}`;
    if (typeof seg.sizes !== 'object' || seg.sizes === null || !Object.values(seg.sizes).every(isCount)) return `segment ${seg.name} sizes`;
    live += seg.docCount - seg.deletedCount;
  }
  if (live !== m.documentCount) return 'documentCount';
  return null;
}

/**
 * Reads and validates the manifest of `dir`: format, version, analyzer, fields, checksum and
 * shape. Throws IndexOpenError with a one-line reason naming the file.
 */
export function loadManifest(dir: string, name = MANIFEST): Manifest {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new IndexOpenError('missing', `no index at ${dir}`);
    throw new IndexOpenError('unreadable', `cannot read ${file} (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IndexOpenError('corrupt', `${file} is damaged (not valid JSON)`);
  }
  const manifest = parsed as Manifest;
  if (typeof parsed !== 'object' || parsed === null || manifest.format !== FORMAT_NAME || !Array.isArray(manifest.segments)) {
    throw new IndexOpenError('corrupt', `${file} is not a newsq index manifest`);
  }
  // Version and analyzer first: their messages tell the user more than "damaged" would.
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new IndexOpenError('incompatible', `index format ${String(manifest.formatVersion)} at ${dir}, this newsq reads format ${FORMAT_VERSION}`);
  }
  if (manifest.analyzerVersion !== ANALYZER_VERSION || manifest.analyzerFingerprint !== analyzerFingerprint()) {
    throw new IndexOpenError(
      'stale-analyzer',
      `index at ${dir} was built by another version of the Arabic analyzer (${String(manifest.analyzerVersion)}/${String(manifest.analyzerFingerprint)}, this newsq has ${ANALYZER_VERSION}/${analyzerFingerprint()})`,
    );
  }
  if (!Array.isArray(manifest.fields) || manifest.fields.join(',') !== FIELDS.join(',')) {
    throw new IndexOpenError('incompatible', `index at ${dir} has fields ${String(manifest.fields)}`);
  }
  const { checksum, ...body } = manifest;
  if (checksum !== manifestCrc(body)) throw new IndexOpenError('corrupt', `${file} is damaged (checksum mismatch)`);
  const problem = shapeProblem(manifest);
  if (problem) throw new IndexOpenError('corrupt', `${file} is damaged (bad ${problem})`);
  return manifest;
}

/** The directory's manifest if it is valid, else null (for writers, which rebuild over damage). */
export function readManifest(dir: string): Manifest | null {
  try {
    return loadManifest(dir);
  } catch {
    return null;
  }
}

/** The highest generation any index file in `dir` carries (0 when none). */
export function highestGeneration(dir: string): number {
  let max = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = /^(?:g(\d+)-|keywords-(\d+)\.|links-(\d+)\.)/.exec(name);
    if (m) max = Math.max(max, Number(m[1] ?? m[2] ?? m[3]));
  }
  return max;
}

/** Writes a file and syncs it to disk. */
export function writeFileSynced(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a sidecar file and returns its size and checksum for the manifest. */
export function writeSidecarFile(path: string, value: unknown): FileSum {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  writeFileSynced(path, bytes);
  return { size: bytes.length, crc: crc32(bytes) >>> 0 };
}

/**
 * Reads a JSON sidecar, checking it against the size and checksum the manifest recorded;
 * damage is an IndexCorruptError naming the file.
 */
export function readSidecarFile<T>(path: string, sum: FileSum | null): T {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new IndexCorruptError(path, `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (sum && bytes.length !== sum.size) throw new IndexCorruptError(path, `size ${bytes.length} bytes, expected ${sum.size} (truncated or altered)`);
  if (sum && crc32(bytes) >>> 0 !== sum.crc) throw new IndexCorruptError(path, 'checksum mismatch (damaged)');
  try {
    return parseJsonMaps<T>(bytes.toString('utf8'));
  } catch {
    throw new IndexCorruptError(path, 'not valid JSON (damaged)');
  }
}

/** Every file a manifest references. */
export function referencedFiles(m: Manifest): Set<string> {
  const out = new Set<string>([MANIFEST, LOCK, PREVIOUS_MANIFEST]);
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

/**
 * Atomically replaces the manifest, keeping `previous` as the previous generation (see
 * generations.ts), then removes files neither it nor `previous` references.
 */
export function publishManifest(dir: string, manifest: Manifest, previous: Manifest | null): void {
  keepPrevious(dir, previous);
  const tmp = join(dir, `${MANIFEST}.tmp-${process.pid}`);
  writeFileSynced(tmp, Buffer.from(serializeManifest(manifest), 'utf8'));
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
    if (/^(g\d+-|keywords-|links-|manifest\.json\.tmp-)/.test(name) || isPreviousTemporary(name)) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // A concurrent cleanup got it first.
      }
    }
  }
}
