import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/ingest/zip';
import { tempDir } from '../support/cli';
import { makeZip } from './zip-writer';

const JSON_TEXT = JSON.stringify([{ title: 'عنوان الخبر', content: 'نص الخبر' }]);
const ARTICLE = 'عنوان المقال\n\nالجمعة 7 نوفمبر 2014 07:11 ص\n\nنص المقال.\n'.repeat(20);

const tmp = tempDir('zip');
afterAll(() => tmp.remove());

describe('the test zip writer', () => {
  const haveUnzip = spawnSync('unzip', ['-v']).status === 0;
  it.skipIf(!haveUnzip)('writes archives Info-ZIP accepts (stored and deflated)', () => {
    const file = path.join(tmp.dir, 'check.zip');
    writeFileSync(file, makeZip([{ name: 'a.json', data: JSON_TEXT, method: 'store' }, { name: 'b/مقال.txt', data: ARTICLE }], 'comment'));
    const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No errors detected/);
  });
});

describe('readZip', () => {
  it('reads stored and deflated entries with UTF-8 names, skipping directories', () => {
    const zip = makeZip([
      { name: 'dir/', data: '', method: 'store' },
      { name: 'a.json', data: JSON_TEXT, method: 'store' },
      { name: 'dir/مقال.txt', data: ARTICLE, method: 'deflate' },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['a.json', 'dir/مقال.txt']);
    expect(entries.map((e) => e.size)).toEqual([Buffer.byteLength(JSON_TEXT), Buffer.byteLength(ARTICLE)]);
    expect(entries[0]!.read().toString('utf8')).toBe(JSON_TEXT);
    expect(entries[1]!.read().toString('utf8')).toBe(ARTICLE);
  });

  it('finds the end record behind an archive comment', () => {
    const entries = readZip(makeZip([{ name: 'a.json', data: JSON_TEXT }], 'تعليق على الأرشيف '.repeat(100)));
    expect(entries.map((e) => e.read().toString('utf8'))).toEqual([JSON_TEXT]);
  });

  it('reads an empty archive as no entries', () => {
    expect(readZip(makeZip([]))).toEqual([]);
  });

  it.each<[string, Buffer, RegExp]>([
    ['a text file', Buffer.from('not a zip at all, just some text that is long enough'), /not a zip archive/],
    ['an empty file', Buffer.alloc(0), /not a zip archive/],
    ['a zip cut before its end record', makeZip([{ name: 'a.json', data: JSON_TEXT }]).subarray(0, 40), /not a zip archive/],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(() => readZip(bytes)).toThrow(reason);
  });

  it('refuses a central directory that points outside the file', () => {
    const zip = makeZip([{ name: 'a.json', data: JSON_TEXT }]);
    // Move the directory offset in the end record past the data.
    zip.writeUInt32LE(zip.length + 100, zip.length - 22 + 16);
    expect(() => readZip(zip)).toThrow(/damaged zip central directory/);
  });

  it('refuses to read an entry whose local header is damaged, naming it', () => {
    const zip = makeZip([{ name: 'a.json', data: JSON_TEXT }]);
    zip.writeUInt32LE(0xdeadbeef, 0);
    const [entry] = readZip(zip);
    expect(() => entry!.read()).toThrow(/a\.json: damaged local header/);
  });

  it('refuses encrypted entries and unknown compression methods, naming the entry', () => {
    const entries = readZip(
      makeZip([
        { name: 'secret.json', data: JSON_TEXT, method: 'store', encrypted: true },
        { name: 'bzip.json', data: JSON_TEXT, rawMethod: 12 },
      ]),
    );
    expect(() => entries[0]!.read()).toThrow(/secret\.json: encrypted zip entries are not supported/);
    expect(() => entries[1]!.read()).toThrow(/bzip\.json: compression method 12 is not supported/);
  });

  it('refuses an entry larger than the limit without inflating it', () => {
    const [entry] = readZip(makeZip([{ name: 'big.txt', data: ARTICLE }]), 100);
    expect(() => entry!.read()).toThrow(/big\.txt: entry of \d+ bytes exceeds the 100-byte limit/);
  });

  it('does not inflate past the size the directory declares (zip bomb)', () => {
    const zip = makeZip([{ name: 'bomb.txt', data: Buffer.alloc(4 << 20, 0x61) }]);
    // Declare 1 KB in the central directory (its uncompressed size is at offset 24).
    const dir = zip.readUInt32LE(zip.length - 22 + 16);
    zip.writeUInt32LE(1024, dir + 24);
    const [entry] = readZip(zip);
    expect(entry!.size).toBe(1024);
    expect(() => entry!.read()).toThrow();
  });
});
