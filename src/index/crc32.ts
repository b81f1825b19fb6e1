// CRC-32 (IEEE 802.3, as zlib computes it), for every checksum newsq writes or checks. A
// query must not load zlib for it, whose module graph costs a cold query a millisecond or
// more, and a cold process runs a JavaScript loop in V8's interpreter at about 40 ns a byte
// (4 ms for the block index of SaudiNewsNet's dictionary). So: zlib's native crc32 where zlib
// is loaded already (a build, deflating articles); else the WebAssembly module of
// codec-kernel.ts; the loop for small buffers, and where neither is available.

import { kernelCrc32 } from './codec';
import { zlib, zlibIfLoaded } from './zlib';

/** From this size up, zlib or the module computes the CRC: below it, the loop is quicker than a call. */
const CALL_FROM = 256;
/** Without the module, zlib is loaded for buffers from this size up (when its crc32 exists: Node 20.15 and later). */
const NATIVE_FROM = 256 * 1024;

// zlib's crc32, where this node's zlib has one.
const nativeCrc32 = (z: object | null) => (z as { crc32?: (data: Uint8Array) => number } | null)?.crc32;

let table: Int32Array | undefined;

function makeTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

/** CRC-32 of the bytes, as an unsigned 32-bit number (equal to zlib's crc32). */
export function crc32(bytes: Uint8Array): number {
  if (bytes.length >= CALL_FROM) {
    const loaded = nativeCrc32(zlibIfLoaded());
    if (loaded) return loaded(bytes) >>> 0;
    const viaKernel = kernelCrc32(bytes);
    if (viaKernel !== null) return viaKernel;
    const native = bytes.length >= NATIVE_FROM ? nativeCrc32(zlib()) : undefined;
    if (native) return native(bytes) >>> 0;
  }
  return crc32ByTable(bytes);
}

/** The same CRC by the table-driven loop, whatever the size. */
export function crc32ByTable(bytes: Uint8Array): number {
  const t = (table ??= makeTable());
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
