// The stdout writer used for pipes and files: every byte arrives, in order, even when the
// descriptor is non-blocking and the reader is slow, and a closed pipe surfaces as EPIPE.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, DescriptorWriter, caret, clip, guardMessages, type Io } from '../../src/cli/context';
import { CapturedStream } from '../support/cli';

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

describe('messages quoting text', () => {
  it('clip keeps at most 80 characters, ending in an ellipsis, and never halves a surrogate pair', () => {
    expect(clip('قصير')).toBe('قصير');
    const long = 'ع'.repeat(1000);
    expect(clip(long)).toBe(`${'ع'.repeat(79)}…`);
    const emoji = `${'x'.repeat(78)}😀tail`;
    expect(clip(emoji)).toBe(`${'x'.repeat(78)}…`);
  });

  it('caret shows a window of a long text around the position, the caret under it', () => {
    const text = `${'a'.repeat(50_000)}(${'b'.repeat(50_000)}`;
    const [line, mark] = caret(text, 50_000).split('\n') as [string, string];
    expect(line.length).toBeLessThan(100);
    expect(line[mark.indexOf('^')]).toBe('(');
    expect(line).toMatch(/^  …a+\(b+…$/);
  });

  it('caret counts the text as shown: controls before the position do not shift it', () => {
    const text = `x\x1b]0;title\x07y\u202ez`;
    const [line, mark] = caret(text, text.indexOf('z')).split('\n') as [string, string];
    expect(line).toBe('  xyz');
    expect(line[mark.indexOf('^')]).toBe('z');
  });
});

describe('the message guard on stderr', () => {
  function guarded(): { io: Io; raw: CapturedStream } {
    const raw = new CapturedStream(true, 80);
    const io: Io = { stdout: new CapturedStream(false, undefined), stderr: raw, env: {}, now: () => new Date(0), cwd: '/' };
    return { io: guardMessages(io), raw };
  }

  it('removes escapes, C1 controls and bidi overrides from everything written, keeping line breaks', () => {
    const { io, raw } = guarded();
    io.stderr.write('newsq: a \x1b]2;t\x07b \u009b2J c \u202ed\n  detail\n');
    expect(raw.text).toBe('newsq: a b  c d\n  detail\n');
  });

  it('turns line breaks other than LF into spaces, so a quoted headline cannot split a message', () => {
    const { io, raw } = guarded();
    io.stderr.write('newsq: x\u0085y\u2028z\rw\n');
    expect(raw.text).toBe('newsq: x y z w\n');
  });

  it('passes isTTY and columns through, and keeps the stream itself for the progress bar', () => {
    const { io, raw } = guarded();
    expect(io.stderr.isTTY).toBe(true);
    expect(io.stderr.columns).toBe(80);
    expect(io.stderr.raw).toBe(raw);
  });
});

describe.skipIf(!existsSync('/dev/full'))('a full device', () => {
  it('a write to /dev/full is one CliError naming the cause, not a raw ENOSPC', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      expect(() => new DescriptorWriter(fd).write('x\n')).toThrow(CliError);
      expect(() => new DescriptorWriter(fd).write('x\n')).toThrow('cannot write the output: disk full (ENOSPC)');
    } finally {
      closeSync(fd);
    }
  });
});
