// Turns the bytes of an exported file into text. Exports arrive as UTF-8 (with or
// without BOM) and sometimes as UTF-16 from Windows tools; anything else is reported
// with the line where decoding failed instead of being imported as mojibake.

import { isUtf8 } from 'node:buffer';

/** The decoded text, or why the bytes are not text. */
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; line: number; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function looksUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  // In UTF-16 every other byte is the high byte of a code unit: for Arabic and ASCII text
  // it takes very few values (0x00, 0x06, 0x20, 0xFB, 0xFE), while UTF-8 shows no such
  // pattern. Decide by which half of the bytes is the uniform one.
  const n = Math.min(buf.length - (buf.length % 2), 8192);
  if (n < 4) return null;
  const high = new Set([0x00, 0x06, 0x20, 0xfb, 0xfc, 0xfd, 0xfe, 0x25]);
  let evenHigh = 0;
  let oddHigh = 0;
  let zeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (high.has(buf[i]!)) evenHigh++;
    if (high.has(buf[i + 1]!)) oddHigh++;
    if (buf[i] === 0 || buf[i + 1] === 0) zeros++;
  }
  const pairs = n / 2;
  // Without zero bytes this is no UTF-16 text of a script we read (and UTF-8 Arabic has none).
  if (zeros === 0) return null;
  if (oddHigh > pairs * 0.95 && evenHigh < pairs * 0.6) return 'utf-16le';
  if (evenHigh > pairs * 0.95 && oddHigh < pairs * 0.6) return 'utf-16be';
  return null;
}

/** Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and code points above U+10FFFF included), or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > buf.length) return i;
    const second = buf[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** The UTF-16 encoding of bytes that start with a UTF-16 byte order mark or look like UTF-16 text, else null. */
export function utf16Encoding(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return looksUtf16(buf);
}

/** Decodes file bytes as UTF-8 or UTF-16 (BOM or detected); reports invalid or binary data with its line. */
export function decodeText(buf: Buffer): DecodeResult {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  }
  const guess = looksUtf16(buf);
  if (guess) return { ok: true, text: new TextDecoder(guess).decode(buf), encoding: guess };

  const nul = buf.indexOf(0);
  if (nul >= 0) return { ok: false, line: lineAt(buf, nul), reason: 'binary data (NUL byte), not text' };
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // isUtf8 and toString run node's vectorised UTF-8 code, quicker than a fatal TextDecoder;
  // the decoder is kept for what it does beside: a second byte order mark is dropped too.
  const body = buf.subarray(start);
  if (isUtf8(body)) {
    const bom = start > 0 && body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
    return { ok: true, text: bom ? utf8.decode(body) : body.toString('utf8'), encoding: 'utf-8' };
  }
  const bad = Math.max(0, firstInvalidUtf8(body) + start);
  return { ok: false, line: lineAt(buf, bad), reason: `invalid UTF-8 at byte ${bad}` };
}
