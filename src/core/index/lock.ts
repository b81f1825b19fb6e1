// One writer at a time per index directory. The lock is a file created exclusively and
// holding the writer's pid; a lock whose process is gone (killed mid-build) is taken over.

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK } from './format';

/** Another process holds the index's write lock. */
export class IndexLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the write lock of an index directory, waiting up to `waitMs`; returns its release function. */
export function acquireLock(dir: string, waitMs = 3000): () => void {
  const path = join(dir, LOCK);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // The holder released it between our two calls: retry at once.
      if (code === 'ENOENT') continue;
      // Retrying could not help (a folder or an unreadable file in its place): say so instead of spinning.
      throw new IndexLockedError(`cannot read the lock file ${path} (${code ?? (err as Error).message}); if no newsq is writing the index, remove it`);
    }
    if (!Number.isFinite(holder) || !alive(holder)) {
      // A writer died holding the lock (SIGKILL): its half-written files are unreferenced
      // and the manifest still names the previous index, so taking over is safe.
      try {
        unlinkSync(path);
      } catch {
        // Someone else took it over first.
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new IndexLockedError(`another newsq (pid ${holder}) is writing the index at ${dir}; try again when it has finished`);
    }
    sleep(100);
  }
}
