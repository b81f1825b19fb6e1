// CRC-32 of large buffers and inflation of stored records through the WebAssembly module of
// codec-kernel.ts, set up on first use; node's zlib where WebAssembly is not available.

import { INFLATE_ERRORS, OUTPUT_FULL, WORK, codecKernelBytes } from './codec-kernel';
import { PAGE, wasmApi, type WasmMemory } from './wasm-encoding';
import { zlib } from './zlib';

interface Codec {
  memory: WasmMemory;
  prepare(): number;
  crc32(at: number, length: number, crc: number): number;
  inflate(src: number, length: number, dst: number, capacity: number): number;
}

// The bundle carries the bytes ready-made (scripts/build.mjs): assembling them is cold code.
declare const __NEWSQ_CODEC_KERNEL__: string;

function moduleBytes(): Uint8Array {
  return typeof __NEWSQ_CODEC_KERNEL__ === 'string' ? Buffer.from(__NEWSQ_CODEC_KERNEL__, 'base64') : codecKernelBytes();
}

let codec: Codec | null | undefined;
let disabled = false;

/** The module's instance, or null where WebAssembly is not available (or turned off for a test). */
export function codecKernel(): Codec | null {
  if (codec !== undefined) return disabled ? null : codec;
  const wasm = wasmApi();
  codec = null;
  if (wasm) {
    try {
      const memory = new wasm.Memory({ initial: 4 });
      const e = new wasm.Instance(new wasm.Module(moduleBytes()), { c: { memory } }).exports;
      codec = { memory, crc32: e.crc32 as Codec['crc32'], inflate: e.inflate as Codec['inflate'], prepare: e.prepare as Codec['prepare'] };
      codec.prepare();
    } catch {
      // A runtime that refuses the module (WebAssembly disabled by policy) uses zlib.
    }
  }
  return disabled ? null : codec;
}

/** Makes the functions below use their fallbacks (tests compare both ways). */
export function useCodecKernel(on: boolean): void {
  disabled = !on;
}

// The window large buffers pass through on their way to the module: a copy into memory the
// process has touched before is cheaper than first touches of fresh pages.
const WINDOW = 64 * 1024;

/** CRC-32 of the bytes through the module, or null without it. */
export function kernelCrc32(bytes: Uint8Array): number | null {
  const c = codecKernel();
  if (!c) return null;
  ensure(c, WORK + Math.min(bytes.length, WINDOW));
  const mem = new Uint8Array(c.memory.buffer);
  let crc = 0;
  for (let at = 0; at < bytes.length; at += WINDOW) {
    const part = bytes.subarray(at, at + WINDOW);
    mem.set(part, WORK);
    crc = c.crc32(WORK, part.length, crc);
  }
  return crc >>> 0;
}

function ensure(c: Codec, bytes: number): void {
  const have = c.memory.buffer.byteLength;
  if (bytes > have) c.memory.grow(Math.ceil((bytes - have) / PAGE));
}

/** The bytes a zlib stream holds; throws an Error with zlib's wording when it is damaged. */
export function inflate(stream: Uint8Array): Buffer {
  const c = codecKernel();
  if (!c) return zlib().inflateSync(stream);
  const [at, n] = inflateInKernel(c, stream);
  return Buffer.from(new Uint8Array(c.memory.buffer, at, n));
}

/** The text (UTF-8) a zlib stream holds, decoded straight from the module's memory. */
export function inflateText(stream: Uint8Array): string {
  const c = codecKernel();
  if (!c) return zlib().inflateSync(stream).toString('utf8');
  const [at, n] = inflateInKernel(c, stream);
  return Buffer.from(c.memory.buffer, at, n).toString('utf8');
}

/** The most a record may inflate to. */
const MAX_OUTPUT = 1 << 30;

// Inflates into the module's memory; returns where the output is and its length.
function inflateInKernel(c: Codec, stream: Uint8Array): [number, number] {
  const dst = WORK + ((stream.length + 7) & ~7);
  // Deflate expands at most 1032 times; past that a stream cannot be whole. No stored record
  // comes near a gigabyte, and the module's addresses must stay below 2^32.
  const most = Math.min(stream.length * 1032 + 64, MAX_OUTPUT);
  let capacity = Math.min(Math.max(64 * 1024, stream.length * 8), most);
  for (;;) {
    try {
      ensure(c, dst + capacity);
    } catch {
      // The runtime refused more memory.
      throw new Error(INFLATE_ERRORS[OUTPUT_FULL]);
    }
    new Uint8Array(c.memory.buffer).set(stream, WORK);
    const n = c.inflate(WORK, stream.length, dst, capacity);
    if (n >= 0) return [dst, n];
    if (n !== OUTPUT_FULL || capacity >= most) throw new Error(INFLATE_ERRORS[n] ?? `inflate failed (${n})`);
    capacity = Math.min(capacity * 4, most);
  }
}
