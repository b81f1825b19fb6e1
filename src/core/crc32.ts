// CRC-32 (IEEE 802.3, as zlib computes it) in JavaScript: checking an index file's blocks
// must not load zlib, whose module graph costs a cold query several milliseconds.

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
  const t = (table ??= makeTable());
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
