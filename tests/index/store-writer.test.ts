import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InlineStoreWriter, WorkerStoreWriter, type StoreWriter } from '../../src/index/store-writer';
import { tempDir } from '../support/cli';

const tmp = tempDir('store-writer');
afterAll(() => tmp.remove());

const records = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `a${i}`, title: `خبر رقم ${i}`, body: 'نص '.repeat(i % 50) }));

describe.each([
  ['inline', () => new InlineStoreWriter()],
  ['worker thread', () => new WorkerStoreWriter()],
] as Array<[string, () => StoreWriter]>)('the %s store writer', (name, make) => {
  it('writes records that decompress one by one, over several stores in a row', () => {
    const writer = make();
    try {
      for (const part of [0, 1]) {
        const file = path.join(tmp.dir, `${name}-${part}.store`);
        writer.open(file);
        const mine = records.slice(part * 150, part * 150 + 150);
        for (const r of mine) writer.add(r);
        const lengths = writer.finish();
        const bytes = readFileSync(file);
        expect(lengths.reduce((a, b) => a + b, 0)).toBe(bytes.length);
        let offset = 0;
        lengths.forEach((length, i) => {
          expect(inflateSync(bytes.subarray(offset, offset + length)).toString('utf8')).toBe(mine[i]);
          offset += length;
        });
      }
    } finally {
      writer.close();
    }
  });

  it('reports a store it cannot create with the system error code, as a build would', () => {
    const writer = make();
    try {
      // The inline writer fails at once; the threaded one when the store is finished.
      expect(() => {
        writer.open(path.join(tmp.dir, 'no such folder', 'x.store'));
        writer.add(records[0]!);
        writer.finish();
      }).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    } finally {
      writer.close();
    }
  });
});
