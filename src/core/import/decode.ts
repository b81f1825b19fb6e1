// Turns the bytes of an exported file into text. Exports arrive as UTF-8 (with or
// without BOM) and sometimes as UTF-16 from Windows tools; anything else is reported
// with the line where decoding failed instead of being imported as mojibake.

/** The decoded text, or why the bytes are not text. */
export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; line: number; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineAt(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function looksUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  // ASCII and Arabic in UTF-16 put a zero (or 0x06) in every other byte.
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
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
  try {
    const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return { ok: true, text: utf8.decode(buf.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Find the first bad byte to name its line.
    let bad = 0;
    for (let i = 0; i < buf.length; ) {
      const b = buf[i]!;
      const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      let valid = len > 0 && i + len <= buf.length;
      for (let k = 1; valid && k < len; k++) valid = (buf[i + k]! & 0xc0) === 0x80;
      if (!valid) {
        bad = i;
        break;
      }
      i += len;
    }
    return { ok: false, line: lineAt(buf, bad), reason: `invalid UTF-8 at byte ${bad}` };
  }
}
