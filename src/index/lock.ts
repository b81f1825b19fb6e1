// One writer at a time per index directory. The lock is a file holding the writer's pid,
// the start time of that process and a random token. It appears with its content already
// written (a hard link to a finished temporary file), so no writer ever reads it half-made.
// A lock whose process is gone (killed mid-build), or whose pid now belongs to another
// process, is taken over; the takeover moves the lock aside first and checks that what it
// moved is still the stale lock, so two writers cannot remove each other's fresh locks.

import { closeSync, linkSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK } from './format';

/** Another process holds the index's write lock. */
export class IndexLockedError extends Error {}

interface LockOwner {
  pid: number;
  /** Process start time in clock ticks since boot (Linux), or '' where unknown. */
  started: string;
  token: string;
}

/** A process's start time from /proc, which tells a reused pid from the writer that held it. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Field 22; the command name (field 2) is parenthesised and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function alive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(owner.pid);
  return owner.started === '' || now === '' || now === owner.started;
}

function parseOwner(text: string): LockOwner | null {
  const [pid, started = '', token = ''] = text.trim().split(/\s+/);
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, started, token } : null;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function randomToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** Creates the lock with its content in one step; false when it already exists. */
function create(path: string, content: string): boolean {
  const tmp = `${path}.tmp-${process.pid}-${randomToken()}`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A filesystem without hard links: fall back to an exclusive create.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err2;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    tryUnlink(tmp);
  }
}

/**
 * Removes a stale lock whose content was `seen`. The lock is renamed aside first: if what
 * was moved is no longer that stale lock (another writer took over and locked meanwhile),
 * it is put back.
 */
function removeStale(path: string, seen: string): void {
  const aside = `${path}.stale-${process.pid}-${randomToken()}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Someone else moved it first.
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // Unreadable now: treat it as the stale lock.
    moved = seen;
  }
  if (moved !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // A third writer locked in between; the moved lock's owner will find its lock gone
      // when it releases, and only then, as its release checks the token.
    }
  }
  tryUnlink(aside);
}

/**
 * Removes the lock's temporary files (`lock.tmp-PID-…`, `lock.stale-PID-…`) of writers that
 * are gone: a writer killed between creating one and removing it leaves it behind. Those of
 * a live process are left alone (it may be about to link its own).
 */
function collectTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^lock\.(?:tmp|stale)-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPERM') continue;
    }
    tryUnlink(join(dir, name));
  }
}

/** Takes the write lock of an index directory, waiting up to `waitMs`; returns its release function. */
export function acquireLock(dir: string, waitMs = 3000): () => void {
  const path = join(dir, LOCK);
  const deadline = Date.now() + waitMs;
  const token = randomToken();
  const content = `${process.pid} ${startTime(process.pid)} ${token}\n`;
  for (;;) {
    if (create(path, content)) {
      collectTemporaries(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock is removed, never one that replaced it.
        try {
          if (readFileSync(path, 'utf8') === content) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // The holder released it between our two calls: retry at once.
      if (code === 'ENOENT') continue;
      // Retrying could not help (a folder or an unreadable file in its place): say so instead of spinning.
      throw new IndexLockedError(`cannot read the lock file ${path} (${code ?? (err as Error).message}); if no newsq is writing the index, remove it`);
    }
    const owner = parseOwner(text);
    if (!owner || !alive(owner)) {
      // A writer died holding the lock (SIGKILL): its half-written files are unreferenced
      // and the manifest still names the previous index, so taking over is safe.
      removeStale(path, text);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new IndexLockedError(`another newsq (pid ${owner.pid}) is writing the index at ${dir}; try again when it has finished`);
    }
    sleep(100);
  }
}
