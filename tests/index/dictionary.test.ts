import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DictionaryCursor, DictionaryReader, DictionaryWriter, type TermInfo } from '../../src/index/dictionary';
import { Directory, MemorySource } from '../../src/index/directory';
import { IndexCorruptError } from '../../src/index/errors';

const root = mkdtempSync(join(tmpdir(), 'newsq-dict-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;

interface Entry {
  term: string;
  docFreq: number;
  postLength: number;
  posLength: number;
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** A Directory that keeps what is written in memory (files on disk are fsynced: slow for property runs). */
class MemoryDirectory {
  files = new Map<string, Buffer>();
  writeFile(name: string, ...chunks: Uint8Array[]): number {
    const data = Buffer.concat(chunks);
    this.files.set(name, data);
    return data.length;
  }
}

/**
 * Writes the entries (sorted by bytes) to a dictionary and opens it, in memory or, with `dir`,
 * on disk; returns the expected TermInfo of each.
 */
function write(entries: Entry[], postAt = 8, posAt = 8, dir?: Directory): { reader: DictionaryReader; infos: TermInfo[]; name: string } {
  const sorted = [...entries].sort((a, b) => byBytes(a.term, b.term));
  const name = `d${files++}.dict`;
  const w = new DictionaryWriter(postAt, posAt);
  const infos: TermInfo[] = [];
  let post = postAt;
  let pos = posAt;
  for (const e of sorted) {
    w.add(Buffer.from(e.term, 'utf8'), e.docFreq, e.postLength, e.posLength);
    infos.push({ term: e.term, docFreq: e.docFreq, postOffset: post, postLength: e.postLength, posOffset: pos, posLength: e.posLength });
    post += e.postLength;
    pos += e.posLength;
  }
  if (dir) {
    w.finish(dir, name);
    return { reader: new DictionaryReader(dir.openInput(name)), infos, name };
  }
  const memory = new MemoryDirectory();
  w.finish(memory as unknown as Directory, name);
  return { reader: new DictionaryReader(new MemorySource(memory.files.get(name)!, name)), infos, name };
}

// Terms that share prefixes, in Arabic and Latin, some long enough to outgrow a 256-byte scratch buffer.
const term = fc.oneof(
  fc.array(fc.constantFrom('ال', 'دول', 'ة', 'ه', 'a', 'ab', 'z', 'é', '1'), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.constantFrom('ب'.repeat(200), 'ب'.repeat(201) + 'x'),
);
const entries = fc.uniqueArray(
  fc.record({ term, docFreq: fc.nat(1000), postLength: fc.nat(5000), posLength: fc.nat(5000) }),
  { selector: (e) => e.term, maxLength: 300 },
);

describe('DictionaryWriter and DictionaryReader', () => {
  it('find every term with its offsets, and nothing else', () => {
    fc.assert(
      fc.property(entries, fc.array(term, { maxLength: 20 }), (list, probes) => {
        const { reader, infos } = write(list);
        expect(reader.size).toBe(list.length);
        for (const info of infos) expect(reader.find(info.term)).toEqual(info);
        const held = new Set(list.map((e) => e.term));
        for (const p of probes) if (!held.has(p)) expect(reader.find(p)).toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it('list every term in byte order, whole or by prefix, and stop when asked', () => {
    fc.assert(
      fc.property(entries, term, (list, prefix) => {
        const { reader, infos } = write(list);
        const all: TermInfo[] = [];
        reader.all((i) => (all.push(i), true));
        expect(all).toEqual(infos);
        const withPrefix: string[] = [];
        reader.withPrefix(prefix, (i) => (withPrefix.push(i.term), true));
        expect(withPrefix).toEqual(infos.map((i) => i.term).filter((t) => Buffer.from(t).subarray(0, Buffer.byteLength(prefix)).equals(Buffer.from(prefix))));
        let seen = 0;
        reader.all(() => ++seen < 3);
        expect(seen).toBe(Math.min(3, infos.length));
      }),
      { numRuns: 40 },
    );
  });

  it('walk term by term with a cursor, and by raw bytes, in the same order', () => {
    const list = Array.from({ length: 200 }, (_, i) => ({ term: `t${String(i).padStart(4, '0')}`, docFreq: i, postLength: 3, posLength: 1 }));
    const { reader, infos } = write(list, 100, 200);
    expect(reader.blockCount).toBe(Math.ceil(200 / 64));
    const cursor = new DictionaryCursor(reader);
    const walked: string[] = [];
    while (cursor.next()) {
      walked.push(cursor.bytes.toString('utf8'));
      expect(cursor.info.postOffset).toBe(infos[walked.length - 1]!.postOffset);
    }
    expect(walked).toEqual(infos.map((i) => i.term));
    const raw: string[] = [];
    reader.allBytes((b, n) => (raw.push(b.toString('utf8', 0, n)), true));
    expect(raw).toEqual(walked);
    expect(reader.find('t0150')).toMatchObject({ docFreq: 150, postOffset: 100 + 150 * 3, posOffset: 200 + 150 });
  });

  it('handle a dictionary without terms', () => {
    const { reader } = write([]);
    expect(reader.size).toBe(0);
    expect(reader.find('a')).toBeNull();
    const seen: string[] = [];
    reader.withPrefix('', (i) => (seen.push(i.term), true));
    expect(seen).toEqual([]);
    expect(new DictionaryCursor(reader).next()).toBe(false);
  });

  it('refuse terms out of byte order or repeated', () => {
    const w = new DictionaryWriter(0, 0);
    w.add(Buffer.from('b'), 1, 1, 1);
    expect(() => w.add(Buffer.from('a'), 1, 1, 1)).toThrow(/increasing byte order/);
    expect(() => w.add(Buffer.from('b'), 1, 1, 1)).toThrow(/increasing byte order/);
  });
});

describe('a damaged dictionary', () => {
  it('is reported as corrupt, naming the file', () => {
    const list = Array.from({ length: 100 }, (_, i) => ({ term: `w${i}`, docFreq: 1, postLength: 1, posLength: 1 }));
    const dir = new Directory(root);
    const { name } = write(list, 8, 8, dir);
    const whole = dir.openInput(name).readAll();
    // a block index pointing past the file
    const badIndex = Buffer.from(whole);
    badIndex.writeUInt32LE(0xfffffff0, badIndex.length - 8);
    expect(() => new DictionaryReader(new MemorySource(badIndex, 'x.dict')).find('w1')).toThrow(IndexCorruptError);
    // a file too short to hold the tail
    expect(() => new DictionaryReader(new MemorySource(whole.subarray(0, 10), 'x.dict')).size).toThrow(/too short/);
    // a block whose bytes were overwritten: the first term claims a shared prefix
    const badBlock = Buffer.from(whole);
    badBlock[8 + 3] = 5;
    expect(() => new DictionaryReader(new MemorySource(badBlock, 'x.dict')).find('w0')).toThrow(/x\.dict: dictionary block 0/);
  });

  it('cut short on disk, is refused on first use', () => {
    const dir = new Directory(root);
    const { name } = write([{ term: 'a', docFreq: 1, postLength: 1, posLength: 1 }], 8, 8, dir);
    truncateSync(dir.file(name), 20);
    const reader = new DictionaryReader(dir.openInput(name));
    expect(() => reader.find('a')).toThrow(IndexCorruptError);
  });
});
