import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCK } from '../../src/index/format';
import { IndexLockedError, acquireLock } from '../../src/index/lock';
import { tempDir } from '../support/cli';

// Everything here runs in this one process: a lock "held by another writer" is a lock file
// naming this process (alive), and a dead writer is a pid above the system's largest.
const tmp = tempDir('lock');
const root = tmp.dir;
afterAll(() => tmp.remove());
let dir: string;
let n = 0;
beforeEach(() => {
  dir = join(root, `i${n++}`);
  mkdirSync(dir);
});

const DEAD_PID = (() => {
  try {
    return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
  } catch {
    return 2 ** 22 + 1;
  }
})();
const lockFile = (): string => join(dir, LOCK);
const myStart = (): string => {
  const stat = readFileSync(`/proc/${process.pid}/stat`, 'latin1');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};
const haveProc = existsSync(`/proc/${process.pid}/stat`);

describe('acquireLock', () => {
  it('writes a lock naming this process and removes it on release, once', () => {
    const release = acquireLock(dir, 0);
    const [pid, started, token] = readFileSync(lockFile(), 'utf8').trim().split(' ');
    expect(Number(pid)).toBe(process.pid);
    if (haveProc) expect(started).toBe(myStart());
    expect(token).toMatch(/^[0-9a-z]+$/);
    expect(readdirSync(dir)).toEqual([LOCK]);
    release();
    expect(existsSync(lockFile())).toBe(false);
    // a second writer's lock taken meanwhile survives a repeated release
    const other = acquireLock(dir, 0);
    release();
    expect(existsSync(lockFile())).toBe(true);
    other();
  });

  it('refuses while a live writer holds the lock, naming its pid', () => {
    const release = acquireLock(dir, 0);
    expect(() => acquireLock(dir, 0)).toThrow(IndexLockedError);
    expect(() => acquireLock(dir, 0)).toThrow(new RegExp(`pid ${process.pid}`));
    release();
  });

  it('takes over the lock of a writer that is gone', () => {
    writeFileSync(lockFile(), `${DEAD_PID} 12345 sometoken\n`);
    const release = acquireLock(dir, 0);
    expect(readFileSync(lockFile(), 'utf8').split(' ')[0]).toBe(String(process.pid));
    release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(!haveProc)('takes over a lock whose pid now belongs to another process (start time differs)', () => {
    writeFileSync(lockFile(), `${process.pid} 1 oldtoken\n`);
    const release = acquireLock(dir, 0);
    expect(readFileSync(lockFile(), 'utf8')).not.toContain('oldtoken');
    release();
  });

  it('takes over a lock that names no process', () => {
    writeFileSync(lockFile(), 'garbage\n');
    acquireLock(dir, 0)();
    writeFileSync(lockFile(), '');
    acquireLock(dir, 0)();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not remove a lock that replaced its own', () => {
    const release = acquireLock(dir, 0);
    writeFileSync(lockFile(), `${process.pid} ${haveProc ? myStart() : ''} another\n`);
    release();
    expect(readFileSync(lockFile(), 'utf8')).toContain('another');
  });

  it('says so instead of waiting when the lock cannot be read', () => {
    mkdirSync(lockFile());
    expect(() => acquireLock(dir, 0)).toThrow(/cannot read the lock file/);
  });

  it('clears the temporary files of writers that are gone, and only theirs', () => {
    const leftovers = [`lock.tmp-${DEAD_PID}-abc`, `lock.stale-${DEAD_PID}-def`, `lock.tmp-${process.pid}-mine`, 'lock.tmp-x', 'other.txt'];
    for (const f of leftovers) writeFileSync(join(dir, f), '');
    const release = acquireLock(dir, 0);
    expect(readdirSync(dir).sort()).toEqual([LOCK, `lock.tmp-${process.pid}-mine`, 'lock.tmp-x', 'other.txt'].sort());
    release();
  });
});
