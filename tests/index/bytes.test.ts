import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, DecodeError, float64s, int32s, uint16s, uint32s } from '../../src/index/bytes';

describe('varints', () => {
  it('are LEB128: seven bits a byte, low bits first', () => {
    const w = new ByteWriter(16);
    for (const v of [0, 127, 128, 300, 2 ** 32]) w.varint(v);
    expect([...w.view()]).toEqual([0x00, 0x7f, 0x80, 0x01, 0xac, 0x02, 0x80, 0x80, 0x80, 0x80, 0x10]);
  });

  it('read back every integer below 2^53, in as few bytes as it needs', () => {
    expect(new ByteReader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f])).varint()).toBe(2 ** 53 - 1);
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 50 }), (values) => {
        const w = new ByteWriter(16);
        for (const v of values) w.varint(v);
        // one byte per started group of seven bits
        const size = (v: number): number => (v < 128 ? 1 : 1 + size(Math.floor(v / 128)));
        expect(w.length).toBe(values.reduce((n, v) => n + size(v), 0));
        const r = new ByteReader(w.view());
        expect(values.map(() => r.varint())).toEqual(values);
        expect(r.done).toBe(true);
      }),
    );
  });

  it('refuse a varint cut short or one longer than any number written', () => {
    expect(() => new ByteReader(Buffer.from([0x80, 0x80])).varint()).toThrow(DecodeError);
    expect(() => new ByteReader(Buffer.alloc(10, 0xff)).varint()).toThrow(/too long/);
  });
});

describe('ByteWriter and ByteReader', () => {
  it('round-trip a mix of fields through a buffer that grows', () => {
    const record = fc.record({
      u32: fc.nat({ max: 0xffffffff }),
      u64: fc.maxSafeNat(),
      text: fc.string({ unit: 'binary', maxLength: 40 }),
      raw: fc.uint8Array({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (records) => {
        const w = new ByteWriter(1);
        for (const r of records) {
          w.u32(r.u32);
          w.u64(r.u64);
          w.string(r.text);
          w.varint(r.raw.length);
          w.bytes(r.raw);
        }
        const r = new ByteReader(Buffer.from(w.view()));
        const back = records.map(() => {
          const u32 = r.u32();
          const u64 = r.u64();
          const text = r.string();
          const raw = new Uint8Array(r.bytes(r.varint()));
          return { u32, u64, text, raw };
        });
        expect(back).toEqual(records);
        expect(r.done).toBe(true);
      }),
    );
  });

  it('writes fixed-width integers little-endian', () => {
    const w = new ByteWriter();
    w.byte(0xab);
    w.u16(0x1234);
    w.u32(0xdeadbeef);
    w.i32(-2);
    w.f64(1.5);
    expect(w.view().toString('hex')).toBe('ab' + '3412' + 'efbeadde' + 'feffffff' + '000000000000f83f');
  });

  it('counts a string by its UTF-8 bytes', () => {
    const w = new ByteWriter();
    w.string('خبر');
    expect([...w.view()]).toEqual([6, ...Buffer.from('خبر', 'utf8')]);
  });

  it('reads only up to its end, refusing to run past it', () => {
    const buf = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const r = new ByteReader(buf, 2, 6);
    expect(r.u32()).toBe(0x06050403);
    expect(r.done).toBe(true);
    expect(() => r.u32()).toThrow(DecodeError);
    expect(() => new ByteReader(buf, 0, 3).bytes(4)).toThrow(/truncated/);
    expect(() => new ByteReader(Buffer.from([5, 0x61])).string()).toThrow(DecodeError);
  });

  it('starts over after reset', () => {
    const w = new ByteWriter();
    w.u32(7);
    w.reset();
    w.byte(1);
    expect([...w.view()]).toEqual([1]);
  });
});

describe('typed array readers', () => {
  it('read little-endian values from any offset of a buffer', () => {
    const w = new ByteWriter();
    w.byte(0); // an odd offset for what follows
    for (const v of [-1, 2, 2147483647]) w.i32(v);
    for (const v of [0xffffffff, 5]) w.u32(v);
    for (const v of [65535, 1]) w.u16(v);
    for (const v of [0.25, -3e300]) w.f64(v);
    const b = w.view();
    expect([...int32s(b.subarray(1), 3)]).toEqual([-1, 2, 2147483647]);
    expect([...uint32s(b.subarray(13), 2)]).toEqual([0xffffffff, 5]);
    expect([...uint16s(b.subarray(21), 2)]).toEqual([65535, 1]);
    expect([...float64s(b.subarray(25), 2)]).toEqual([0.25, -3e300]);
  });
});
