import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode';
import { demoArticlesDir } from '../support/cli';

const TEXT = 'إيران والقوى الكبرى\n\nالثلاثاء 14 تموز 2015 02:05 م\n\nتوصلت إيران إلى اتفاق (JCPOA) في فيينا.\n';

function utf16be(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return b;
}

describe('decodeText: encodings that are read', () => {
  it.each<[string, Buffer, string]>([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with a byte order mark (dropped)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8'],
    ['UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
    ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf-16be'],
    ['UTF-16LE without a byte order mark, mostly ASCII', Buffer.from('{"title": "x", "content": "نص"}\n', 'utf16le'), 'utf-16le'],
  ])('%s', (_name, bytes, encoding) => {
    const r = decodeText(bytes);
    expect(r.ok && r.encoding).toBe(encoding);
    if (r.ok && encoding.startsWith('utf-16') && !_name.includes('ASCII')) expect(r.text).toBe(TEXT);
  });

  it('reads an empty file as empty text', () => {
    expect(decodeText(Buffer.alloc(0))).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  // Arabic letters are U+06xx: in UTF-16 every other byte is 0x06, not 0x00, so a
  // detector that only counts zero bytes misses Arabic prose without a byte order mark.
  it.each([
    ['UTF-16LE', (t: string) => Buffer.from(t, 'utf16le'), 'utf-16le'],
    ['UTF-16BE', utf16be, 'utf-16be'],
  ])('recognises a demo article in %s without a byte order mark', (_name, encode, encoding) => {
    const text = readFileSync(path.join(demoArticlesDir, '01_khamenei-prostate-surgery.txt'), 'utf8');
    const r = decodeText(encode(text));
    expect(r.ok ? r.encoding : r.reason).toBe(encoding);
    expect(r.ok && r.text === text).toBe(true);
  });
});

describe('decodeText: bytes that are not text', () => {
  it.each<[string, Buffer, number, RegExp]>([
    ['a stray continuation byte on line 3', Buffer.concat([Buffer.from('سطر أول\nسطر ثان\n'), Buffer.from([0x80]), Buffer.from('\n')]), 3, /invalid UTF-8 at byte 28/],
    ['a truncated two-byte sequence on line 3', Buffer.concat([Buffer.from('سطر أول\nسطر ثان\n'), Buffer.from([0xd8]), Buffer.from('\n')]), 3, /invalid UTF-8 at byte 28/],
    ['Latin-1 text on line 2', Buffer.from('ok\ncaf\xe9\n', 'latin1'), 2, /invalid UTF-8 at byte 6/],
    ['an overlong encoding on line 2', Buffer.concat([Buffer.from('a\n'), Buffer.from([0xc0, 0xaf])]), 2, /invalid UTF-8 at byte 2/],
    ['an encoded surrogate on line 3', Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xed, 0xa0, 0x80])]), 3, /invalid UTF-8 at byte 4/],
    ['a code point above U+10FFFF on line 2', Buffer.concat([Buffer.from('a\n'), Buffer.from([0xf4, 0x90, 0x80, 0x80])]), 2, /invalid UTF-8 at byte 2/],
  ])('reports %s', (_name, bytes, line, reason) => {
    const r = decodeText(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(line);
    expect(r.reason).toMatch(reason);
  });

  it('reports binary data at the line of its first NUL byte', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x1f]);
    expect(decodeText(png)).toEqual({ ok: false, line: 3, reason: 'binary data (NUL byte), not text' });
  });
});
