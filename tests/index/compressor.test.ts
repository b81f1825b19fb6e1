import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BlockCompressor } from '../../src/index/compressor';
import { Directory } from '../../src/index/directory';
import { StoreBuilder } from '../../src/index/segment-writer';
import { rng } from '../../src/synth/generate';

const dir = mkdtempSync(path.join(tmpdir(), 'newsq-compressor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const random = rng(11);
function record(i: number): Uint8Array {
  const words = Array.from({ length: 20 + Math.floor(random() * 200) }, () => ['خبر', 'النفط', 'إيران', String(i), 'وزير'][Math.floor(random() * 5)]);
  return Buffer.from(words.join(' '), 'utf8');
}

describe('BlockCompressor', () => {
  it('deflates every block it is sent exactly once, more of them than it lets wait', () => {
    const c = BlockCompressor.start();
    expect(c).not.toBeNull();
    const raws = Array.from({ length: 700 }, (_, i) => record(i));
    const got: Array<Buffer | undefined> = [];
    raws.forEach((raw, i) =>
      c!.submit(raw, 1, (block) => {
        expect(got[i]).toBeUndefined();
        got[i] = block;
      }),
    );
    c!.drain();
    raws.forEach((raw, i) => expect(inflateSync(got[i]!).equals(Buffer.from(raw))).toBe(true));
  });

  it('gives a store the same bytes as deflating on the build thread', () => {
    const records = Array.from({ length: 301 }, (_, i) => record(i));
    const write = (builder: StoreBuilder, name: string) => {
      records.forEach((r, i) => {
        builder.add(r);
        // A merge's whole blocks come between blocks deflated on the worker.
        if (i === 100) builder.addBlock(Buffer.from([0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), 0);
      });
      builder.finish(new Directory(dir), name);
      return readFileSync(path.join(dir, name));
    };
    const here = write(new StoreBuilder(), 'here.sto');
    const there = write(new StoreBuilder(BlockCompressor.start()), 'there.sto');
    expect(there.equals(here)).toBe(true);
  });
});
