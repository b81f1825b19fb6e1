// Article text comes from scraped archives and must never be able to drive the terminal:
// an embedded OSC 52 writes the user's clipboard, OSC 0/2 retitles the window, CSI 2J wipes
// the screen, and bidi overrides (U+202E) make a headline read as something else. Everything
// that reaches a terminal passes through sanitizeForTerminal first; JSON keeps the data but
// escapes the same characters so that `cat result.json` is just as inert.

/** Options for {@link sanitizeForTerminal}. */
export interface SanitizeOptions {
  /** Keep line breaks (LF; CR LF and lone CR are folded to LF). Otherwise they become a space. */
  keepNewlines?: boolean;
}

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_OSC = 0x9d;
const C1_ST = 0x9c;
// DCS, SOS, PM, APC in their 8-bit form: each opens a string that runs to ST.
const C1_STRING_OPENERS = new Set([0x90, 0x98, 0x9e, 0x9f]);

// The explicit embedding/override/isolate controls and the implicit marks. The layer
// inserts its own where they are needed, so any that arrive with the data are dropped.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

/** True for the bidi formatting characters that sanitizeForTerminal removes. */
export function isBidiControl(ch: string): boolean {
  return BIDI_CONTROL.test(ch);
}

/**
 * Skip a control string (OSC, DCS, SOS, PM, APC) whose payload starts at `i`; returns the
 * index just past its terminator. An unterminated string swallows the rest of the text,
 * because a terminal would also have swallowed it (nothing of it would have been shown).
 */
function skipControlString(text: string, i: number, bellEnds: boolean): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL && bellEnds) return j + 1;
    if (c === C1_ST) return j + 1;
    if (c === ESC) {
      // ESC \ is ST; any other ESC aborts the string in real terminals and starts a new
      // sequence, so hand it back to the main loop.
      return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    }
  }
  return text.length;
}

/** Skip the body of a CSI sequence whose parameters start at `i`; returns the index past it. */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x30 && c <= 0x3f) j++; // parameter bytes
    else break;
  }
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x20 && c <= 0x2f) j++; // intermediate bytes
    else break;
  }
  const final = text.charCodeAt(j);
  if (final >= 0x40 && final <= 0x7e) return j + 1;
  // Malformed: drop what looked like the sequence; the character that broke it is
  // handled normally (a control is removed, printable text is inert without its ESC).
  return j;
}

/** Skip an ESC sequence starting at index `i` (which holds ESC); returns the index past it. */
function skipEscape(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (Number.isNaN(next)) return i + 1;
  switch (next) {
    case 0x5b: // [
      return skipCsi(text, i + 2);
    case 0x5d: // ]
      return skipControlString(text, i + 2, true);
    case 0x50: // P  DCS
    case 0x58: // X  SOS
    case 0x5e: // ^  PM
    case 0x5f: // _  APC
      return skipControlString(text, i + 2, true);
    default:
      break;
  }
  // nF / Fp / Fe / Fs escape sequences: intermediates 0x20–0x2F then one final 0x30–0x7E.
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x20 && c <= 0x2f) j++;
    else break;
  }
  const final = text.charCodeAt(j);
  if (final >= 0x30 && final <= 0x7e) return j + 1;
  return j;
}

/**
 * Make untrusted text safe to write to a terminal: strips escape sequences, C0/C1 controls,
 * DEL and bidi formatting characters; tabs become spaces, newlines are kept only on request.
 */
export function sanitizeForTerminal(text: string, options: SanitizeOptions = {}): string {
  const keepNewlines = options.keepNewlines === true;
  const lineBreak = keepNewlines ? '\n' : ' ';
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === ESC) {
      i = skipEscape(text, i);
      continue;
    }
    if (c === C1_CSI) {
      i = skipCsi(text, i + 1);
      continue;
    }
    if (c === C1_OSC) {
      i = skipControlString(text, i + 1, true);
      continue;
    }
    if (C1_STRING_OPENERS.has(c)) {
      i = skipControlString(text, i + 1, true);
      continue;
    }
    if (c === 0x0d) {
      out += lineBreak;
      i += text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      continue;
    }
    if (c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029) {
      out += lineBreak;
      i++;
      continue;
    }
    if (c === 0x09) {
      out += ' ';
      i++;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      i++;
      continue;
    }
    const ch = text[i] as string;
    if (BIDI_CONTROL.test(ch)) {
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// Characters that JSON.stringify leaves raw but that a terminal or a JavaScript parser
// treats specially. They can only occur inside JSON string literals, so escaping them never
// touches the structure.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/gu;

/** Escape DEL, C1 controls, line/paragraph separators, bidi controls and BOM in JSON text as \uXXXX. */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
