import { describe, expect, it } from 'vitest';
import { escapeJsonText, sanitizeForTerminal } from '../../src/output/sanitize';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

describe('sanitizeForTerminal', () => {
  it.each([
    ['CSI clear screen', `a${ESC}[2Jb`, 'ab'],
    ['CSI SGR with parameters', `${ESC}[1;31mred${ESC}[0m`, 'red'],
    ['CSI private mode with intermediates', `x${ESC}[?1049hy${ESC}[2 qz`, 'xyz'],
    ['OSC 0 title ended by BEL', `t${ESC}]0;pwned${BEL}itle`, 'title'],
    ['OSC 2 title ended by ST', `t${ESC}]2;pwned${ST}itle`, 'title'],
    ['OSC 52 clipboard write', `x${ESC}]52;c;cm0gLXJmIH4=${BEL}y`, 'xy'],
    ['OSC 8 hyperlink', `${ESC}]8;;https://evil.example${ST}link${ESC}]8;;${ST}`, 'link'],
    ['DCS string', `a${ESC}Pq#0;2;0;0;0${ST}b`, 'ab'],
    ['APC string', `a${ESC}_Gf=100;AAAA${ST}b`, 'ab'],
    ['PM and SOS strings', `a${ESC}^secret${ST}b${ESC}Xsos${ST}c`, 'abc'],
    ['two-byte ESC sequences', `a${ESC}cb${ESC}7c${ESC}(Bd`, 'abcd'],
    ['8-bit CSI U+009B', `a\u009b2Jb`, 'ab'],
    ['8-bit OSC U+009D ended by 8-bit ST', `a\u009d0;pwned\u009cb`, 'ab'],
    ['8-bit DCS U+0090', `a\u0090payload\u009cb`, 'ab'],
    ['unterminated OSC swallows the rest', `safe${ESC}]0;pwned`, 'safe'],
    ['lone ESC at the end', `abc${ESC}`, 'abc'],
    ['other C0 controls', 'a\x00b\x07c\x08d\x0be\x1ff', 'abcdef'],
    ['C1 controls and DEL (NEL is a line break)', 'a\u0080b\u0085c\u0081d\x7fe', 'ab cde'],
    ['tab becomes a space', 'a\tb', 'a b'],
    ['newlines become spaces by default', 'a\nb\r\nc\rd', 'a b c d'],
    ['bidi overrides and embeddings', 'a\u202eb\u202ac\u202bd\u202ce\u202df', 'abcdef'],
    ['bidi isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
    ['bidi marks', 'a\u200eb\u200fc\u061cd', 'abcd'],
  ])('removes %s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });

  it('keeps newlines when the caller allows them, folding CR LF and CR', () => {
    expect(sanitizeForTerminal('a\nb\r\nc\rd', { keepNewlines: true })).toBe('a\nb\nc\nd');
  });

  it('keeps ZWJ and ZWNJ, harakat and ordinary text', () => {
    const text = 'می\u200cخواهم مُحَمَّد 👨\u200d👩\u200d👧 «خامنئي» 2015';
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  it('leaves no ESC, C0, C1 or bidi control in a hostile title', () => {
    const title = `خبر${ESC}]0;pwned${BEL} عاجل${ESC}]52;c;ZWNobyBoaQ==${BEL}${ESC}[2J\u202eمقلوب\u202c\u009b31m\u009d2;x\u009c`;
    const out = sanitizeForTerminal(title);
    expect(out).toBe('خبر عاجلمقلوب');
    expect(out).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u);
  });

  it('stops a string sequence at an ESC that starts a new sequence', () => {
    expect(sanitizeForTerminal(`a${ESC}]0;x${ESC}[1mb`)).toBe('ab');
  });
});

describe('escapeJsonText', () => {
  it('escapes what JSON.stringify leaves raw, and round-trips', () => {
    const value = { title: 'a\u007fb\u0085c\u009bd\u2028e\u2029f\u202eg\u2066h\u200ei\u061cj\ufeffk', esc: '\x1b[2J' };
    const json = escapeJsonText(JSON.stringify(value));
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\x1b]/u);
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u001b');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('leaves Arabic, ZWNJ and ASCII alone', () => {
    const json = JSON.stringify({ t: 'خامنئي می\u200cخواهم' });
    expect(escapeJsonText(json)).toBe(json);
  });
});
