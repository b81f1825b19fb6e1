// The WebAssembly inflater and CRC against node's zlib: the same bytes from every kind of
// stream zlib writes, the same verdict (whole or damaged) on damaged streams, and the same CRC.

import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codecKernel, inflate, inflateText, kernelCrc32, useCodecKernel } from '../../src/index/codec';
import { codecKernelBytes } from '../../src/index/codec-kernel';
import { crc32, crc32ByTable } from '../../src/index/crc32';

const WORDS = ['الرياض', 'وزير', 'الخارجية', 'إيران', 'اليمن', 'النفط', 'قال', 'في', 'من', 'على', 'أن', '2015', 'news', '«', '»', '،', '.', '\n'];

/** Text with the repetitions of news prose: words drawn from a small vocabulary, with a seed. */
function prose(seed: number, words: number): string {
  let x = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(WORDS[(x >>> 0) % WORDS.length]!);
  }
  return out.join(' ');
}

/** What an inflater makes of a stream: its bytes in hex, or the message it refuses it with. */
function verdict(run: (s: Uint8Array) => Buffer, stream: Uint8Array): string {
  try {
    return run(stream).toString('hex');
  } catch (err) {
    return `refused: ${(err as Error).message}`;
  }
}
const zlibVerdict = (stream: Uint8Array) => verdict((s) => zlib.inflateSync(s), stream);
const kernelVerdict = (stream: Uint8Array) => verdict(inflate, stream);

/**
 * A zlib stream of one final fixed-code block holding the given Huffman codes ([code, bits],
 * each sent from its first bit), with the Adler-32 of what a correct inflater makes of it.
 */
function fixedBlock(codes: Array<[number, number]>): Buffer {
  const bits: number[] = [1, 1, 0]; // BFINAL, then BTYPE 01 sent low bit first
  for (const [code, n] of codes) for (let b = n - 1; b >= 0; b--) bits.push((code >> b) & 1);
  const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => (bytes[i >> 3]! |= bit << (i & 7)));
  // What the codes spell when they are valid: literal 'a' then a copy of 3 at distance 1.
  const sum = codes.length === 4 ? zlib.deflateSync(Buffer.from('aaaa')).subarray(-4) : Buffer.from([0, 0, 0, 1]);
  return Buffer.concat([Buffer.from([0x78, 0x01]), bytes, sum]);
}

afterEach(() => useCodecKernel(true));
// Every comparison below would hold trivially through the zlib fallback: the module must be the one answering.
beforeEach(() => expect(codecKernel()).not.toBeNull());

describe('codec kernel', () => {
  it('is assembled into a valid module, and this runtime runs it', () => {
    expect(codecKernelBytes().subarray(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
    expect(codecKernel()).not.toBeNull();
  });

  it('inflates what zlib deflates, at every level, strategy, window and memory level', () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('x'),
      Buffer.from(prose(1, 3000)),
      Buffer.from(JSON.stringify({ title: prose(2, 12), body: prose(3, 900), keywords: ['a', 'b'] })),
      randomBytes(70_000), // incompressible: stored blocks, more than one of them
      Buffer.alloc(200_000, 0x61), // one long run: distance 1, overlapping copies
      Buffer.from('abcabcabd'.repeat(5000)),
    ];
    const { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
    let streams = 0;
    for (const input of inputs) {
      for (const level of [0, 1, 4, 6, 9]) {
        for (const strategy of [Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED]) {
          for (const [windowBits, memLevel] of [[15, 8], [9, 1], [12, 9]] as const) {
            const stream = zlib.deflateSync(input, { level, strategy, windowBits, memLevel });
            expect(inflate(stream).equals(input), `level ${level} strategy ${strategy} window ${windowBits} input ${input.length}`).toBe(true);
            streams++;
          }
        }
      }
    }
    expect(streams).toBe(inputs.length * 5 * 5 * 3);
  });

  it('decodes UTF-8 text as zlib plus toString does', () => {
    const text = `${prose(9, 2000)} 😀 \u{1F1F8}\u{1F1E6} ${'ة'.repeat(300)}`;
    const stream = zlib.deflateSync(Buffer.from(text, 'utf8'));
    expect(inflateText(stream)).toBe(text);
  });

  it('grows its output space for streams that expand a lot', () => {
    const input = Buffer.alloc(3_000_000, 7);
    const stream = zlib.deflateSync(input, { level: 9 });
    expect(stream.length * 8).toBeLessThan(input.length);
    expect(inflate(stream).equals(input)).toBe(true);
  });

  it('reaches the same verdict as zlib on damaged streams, in zlib’s words', () => {
    const sources = [prose(4, 400), prose(5, 5000), JSON.stringify({ body: prose(6, 700) })].map((t) => Buffer.from(t));
    const streams = sources.flatMap((s) => [zlib.deflateSync(s), zlib.deflateSync(s, { level: 1 }), zlib.deflateSync(s, { strategy: zlib.constants.Z_FIXED })]);
    let refused = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: streams.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (which, flips, cut) => {
          const damaged = Buffer.from(streams[which]!);
          for (const [at, mask] of flips) damaged[at % damaged.length]! ^= mask;
          const input = cut === 0 ? damaged : damaged.subarray(0, Math.floor((damaged.length * cut) / 4));
          const want = zlibVerdict(input);
          if (want.startsWith('refused')) refused++;
          expect(kernelVerdict(input)).toBe(want);
        },
      ),
      { numRuns: 400, seed: 20261129 },
    );
    // Nearly every damaged stream is refused, so the property compared refusals, not only outputs.
    expect(refused).toBeGreaterThan(300);
  });

  it('says what is wrong in zlib’s words', () => {
    const stream = zlib.deflateSync(Buffer.from(prose(7, 800)));
    const wrongHeader = Buffer.from(stream);
    wrongHeader[0] = 0x79;
    expect(() => inflate(wrongHeader)).toThrow('incorrect header check');
    expect(() => inflate(stream.subarray(0, stream.length >> 1))).toThrow('unexpected end of file');
    const wrongSum = Buffer.from(stream);
    wrongSum[wrongSum.length - 1]! ^= 1;
    expect(() => inflate(wrongSum)).toThrow('incorrect data check');
    expect(() => inflate(Buffer.from([0x78]))).toThrow('unexpected end of file');
    // A fixed-code block whose first symbol copies from before the start of the output.
    expect(() => inflate(fixedBlock([[0b0000001, 7], [0b00000, 5], [0, 7]]))).toThrow('invalid distance too far back');
    const crafted = [
      Buffer.from('881c0300000000001', 'hex').subarray(0, 8), // a window of 2^16: more than deflate has
      Buffer.from('78bb0300000000001', 'hex').subarray(0, 8), // a preset dictionary
      Buffer.from('77090300000000001', 'hex').subarray(0, 8), // compression method 7
      Buffer.from('780100', 'hex'), // a stored block cut short in its lengths
      Buffer.from('7801070000000001', 'hex'), // block type 3
      fixedBlock([[0b11000110, 8]]), // literal/length symbol 286
      fixedBlock([[0x30 + 0x61, 8], [0b0000001, 7], [0b11110, 5]]), // distance symbol 30
      Buffer.from('7801fd', 'hex'), // a dynamic block declaring 286 + 32 symbols, cut short
      Buffer.from('7801fdffff', 'hex'),
    ];
    for (const stream of crafted) expect(kernelVerdict(stream), stream.toString('hex')).toBe(zlibVerdict(stream));
    expect(crafted.map(zlibVerdict).filter((v) => v.startsWith('refused')).length).toBe(crafted.length);
    expect(inflate(fixedBlock([[0x30 + 0x61, 8], [0b0000001, 7], [0b00000, 5], [0, 7]])).toString()).toBe('aaaa');
  });

  it('gives the same results through zlib when WebAssembly is not used', () => {
    const input = Buffer.from(prose(8, 1500));
    const stream = zlib.deflateSync(input);
    useCodecKernel(false);
    expect(inflate(stream).equals(input)).toBe(true);
    expect(inflateText(stream)).toBe(input.toString('utf8'));
    expect(kernelCrc32(input)).toBeNull();
    expect(crc32(input)).toBe(crc32ByTable(input));
  });

  it('computes zlib’s CRC-32 at every size, across its copy window', () => {
    for (const size of [0, 1, 255, 256, 4096, 65_535, 65_536, 65_537, 300_001]) {
      const data = randomBytes(size);
      expect(kernelCrc32(data), String(size)).toBe(zlib.crc32(data) >>> 0);
    }
  });
});
