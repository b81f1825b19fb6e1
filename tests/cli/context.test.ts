// The stdout writer used for pipes and files: every byte arrives, in order, even when the
// descriptor is non-blocking and the reader is slow, and a closed pipe surfaces as EPIPE.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DescriptorWriter } from '../../src/cli/context';

const dir = mkdtempSync(path.join(tmpdir(), 'newsq-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const haveMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
if (!haveMkfifo) console.warn('context.test: mkfifo is missing; the non-blocking pipe test is skipped');

describe('DescriptorWriter', () => {
  it('writes text to a file as UTF-8, in order', () => {
    const file = path.join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const w = new DescriptorWriter(fd);
    w.write('خامنئي\t2015\n');
    w.write('x'.repeat(100_000));
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`خامنئي\t2015\n${'x'.repeat(100_000)}`);
  });

  it.skipIf(!haveMkfifo)('waits out a full non-blocking pipe until a slow reader has taken everything', async () => {
    const fifo = path.join(dir, 'fifo');
    const out = path.join(dir, 'from-fifo.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader end held here lets the writer open without blocking; the reader that drains
    // the pipe starts only after the writer has filled it (64 KB) and met EAGAIN.
    const holder = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const reader = spawn('sh', ['-c', `sleep 0.3; cat '${fifo}' > '${out}'`]);
    const done = new Promise<number | null>((resolve) => reader.on('exit', resolve));
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const text = Array.from({ length: 20_000 }, (_, i) => `سطر ${i}\n`).join('');
    new DescriptorWriter(fd).write(text);
    closeSync(fd);
    closeSync(holder);
    expect(await done).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it.skipIf(!haveMkfifo)('reports a closed pipe as EPIPE (which run() turns into a quiet success)', () => {
    const fifo = path.join(dir, 'closed');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const readerFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(readerFd);
    expect(() => new DescriptorWriter(fd).write('x\n')).toThrow(expect.objectContaining({ code: 'EPIPE' }));
    closeSync(fd);
  });
});
