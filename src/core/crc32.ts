// CRC-32 (IEEE 802.3, as zlib computes it) in JavaScript: checking an index file's blocks
// must not load zlib, whose module graph costs a cold query several milliseconds. A large
// buffer (a doc table: every query checks one whole) is the exception: there zlib's own
// crc32 is far quicker than this loop running cold, and a query printing articles needs
// zlib anyway.

import { zlib } from './zlib';

/** From this size up, zlib computes the CRC (when its crc32 exists: Node 20.15 and later). */
const NATIVE_FROM = 256 * 1024;

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
  if (bytes.length >= NATIVE_FROM) {
    const native = (zlib() as { crc32?: (data: Uint8Array) => number }).crc32;
    if (typeof native === 'function') return native(bytes) >>> 0;
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
