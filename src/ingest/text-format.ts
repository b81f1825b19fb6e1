// Parser for the archive's plain-text export format (see ../shared/seeds/README.md):
// headline, date line, body, `المصدر | …`, the `كلمات مفتاحية` marker and its keyword
// line, then related headlines — blocks separated by blank lines, any part after the
// headline possibly missing.

import type { BodyBlock } from '../model/article';
import { looksLikeDateLine, parseDateLine, type DateLineResult } from '../dates/date-line';

/** An article as read from one text file, before archive-wide keyword splitting. */
export interface ParsedText {
  title: string;
  date: string | null;
  body: BodyBlock[];
  source: string | null;
  credits: string[];
  /** The keyword line as written (space-separated, ambiguous); null when absent. */
  keywordLine: string | null;
  related: string[];
}

/** A problem found while parsing: where it is and what it is. */
export interface ParseIssue {
  line: number;
  message: string;
}

/** The outcome of parsing one text article. */
export type TextParseResult =
  | { ok: true; article: ParsedText; warnings: ParseIssue[] }
  | { ok: false; error: ParseIssue };

interface Block {
  lines: string[];
  /** 1-based line number of the block's first line. */
  line: number;
}

// String.prototype.trim knows NBSP, but not every invisible character exports leave in
// "empty" lines (the seed's marker line starts with U+00A0).
const BLANK = /^[\s\u00A0\u200B-\u200F\u2060\uFEFF]*$/;
const SOURCE_LINE = /^\s*(?:ال)?مصدر\s*[|:｜\-–]\s*(.*)$/;
const KEYWORD_MARKER = /^(?:ال)?كلمات\s+(?:مفتاحية|مفتاحيه|دلالية|دلاليه)\s*:?$/;
const SENTENCE_END = /[.!؟?:؛;،,»"”)]$/;

function toBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (BLANK.test(line)) {
      current = null;
      return;
    }
    if (!current) {
      current = { lines: [], line: i + 1 };
      blocks.push(current);
    }
    current.lines.push(line.trim());
  });
  return blocks;
}

function blockText(b: Block): string {
  return b.lines.join(' ');
}

/**
 * A sub-heading is a short line standing alone between paragraphs, without the
 * punctuation that ends a sentence (`قلق الحلفاء`).
 */
function isHeading(b: Block, next: Block | undefined): boolean {
  if (!next || b.lines.length !== 1) return false;
  const text = b.lines[0]!;
  // The length first: a one-line block can be megabytes long, and splitting it would be for nothing.
  if (text.length > 48) return false;
  return text.split(/\s+/).length <= 6 && !SENTENCE_END.test(text);
}

// A sentence's final stop, where a date line would end with its time or ص/م.
const SENTENCE_STOP = /[.!؟…]$/;

/**
 * Whether a line read as a date goes on as a sentence (a paragraph that opens with a date)
 * rather than a date line with a note after it: four words or more after the date, and
 * either no time (the format's date lines always have one) or a sentence's final stop.
 */
function opensProse(parsed: Extract<DateLineResult, { ok: true }>): boolean {
  const words = parsed.trailing.split(/\s+/).filter(Boolean).length;
  return words >= 4 && (parsed.time === null || SENTENCE_STOP.test(parsed.trailing));
}

/** Parses one article in the archive's text format. `utcOffset` is the archive's local offset, e.g. +03:00. */
export function parseArticleText(input: string, utcOffset: string): TextParseResult {
  const text = input.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const blocks = toBlocks(text);
  const warnings: ParseIssue[] = [];
  if (blocks.length === 0) return { ok: false, error: { line: 1, message: 'empty file: no headline' } };
  if (text.includes('\u0000')) {
    const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
    return { ok: false, error: { line, message: 'binary data (NUL byte), not an article' } };
  }

  const head = blocks[0]!;
  const title = blockText(head);
  let i = 1;

  let date: string | null = null;
  const second = blocks[1];
  const parsed = second && second.lines.length === 1 && looksLikeDateLine(second.lines[0]!)
    ? parseDateLine(second.lines[0]!, utcOffset)
    : null;
  if (second && parsed?.ok && opensProse(parsed)) {
    // «الأحد 21 شباط 2016، الموعد الجديد للمباراة …»: a first paragraph that opens with a
    // date, in an article without a date line. Read as a date line, its sentence would be lost.
    warnings.push({ line: second.line, message: 'no date line (the block after the headline opens with a date but goes on as a sentence: kept as body)' });
  } else if (second && parsed) {
    if (parsed.ok) {
      date = parsed.iso;
      for (const w of parsed.warnings) warnings.push({ line: second.line, message: w });
    } else {
      warnings.push({ line: second.line, message: `unreadable date line, article kept without a date: ${parsed.reason}` });
    }
    i = 2;
  } else {
    warnings.push({ line: second?.line ?? head.line, message: 'no date line' });
  }

  // The tail (source, keyword marker) is located first so that the body is exactly
  // what lies between the date and it.
  let sourceIdx = -1;
  let markerIdx = -1;
  for (let j = i; j < blocks.length; j++) {
    if (KEYWORD_MARKER.test(blocks[j]!.lines[0]!)) {
      markerIdx = j;
      break;
    }
  }
  // The source line is the last `المصدر | …` line before the marker: a body paragraph may
  // itself start with «مصدر:» (a quoted source), the real source line closes the body.
  const tailEnd = markerIdx >= 0 ? markerIdx : blocks.length;
  for (let j = tailEnd - 1; j >= i; j--) {
    if (blocks[j]!.lines.length === 1 && SOURCE_LINE.test(blocks[j]!.lines[0]!)) {
      sourceIdx = j;
      break;
    }
  }
  const bodyEnd = sourceIdx >= 0 ? sourceIdx : markerIdx >= 0 ? markerIdx : blocks.length;

  const body: BodyBlock[] = [];
  for (let j = i; j < bodyEnd; j++) {
    const b = blocks[j]!;
    const kind = j > i && isHeading(b, blocks[j + 1] && j + 1 < bodyEnd ? blocks[j + 1] : undefined) ? 'heading' : 'paragraph';
    body.push({ kind, text: blockText(b) });
  }

  // Text between the source line and the keyword marker belongs to no part of the format;
  // it is most likely body text an export moved, so it is kept as body, with a warning.
  if (sourceIdx >= 0 && markerIdx > sourceIdx + 1) {
    for (let j = sourceIdx + 1; j < markerIdx; j++) body.push({ kind: 'paragraph', text: blockText(blocks[j]!) });
    warnings.push({ line: blocks[sourceIdx + 1]!.line, message: 'text between the source line and the keyword marker, kept as body' });
  }

  let source: string | null = null;
  let credits: string[] = [];
  if (sourceIdx >= 0) {
    const m = SOURCE_LINE.exec(blocks[sourceIdx]!.lines[0]!);
    const names = (m?.[1] ?? '').split('+').map((s) => s.trim()).filter(Boolean);
    source = names[0] ?? null;
    credits = names.slice(1);
  }

  let keywordLine: string | null = null;
  const related: string[] = [];
  let relatedStart = -1;
  if (markerIdx >= 0) {
    const marker = blocks[markerIdx]!;
    // Some exports put the keywords (and even the related headlines) right under the
    // marker, without blank lines.
    if (marker.lines.length >= 2) {
      keywordLine = marker.lines[1]!;
      related.push(...marker.lines.slice(2));
      relatedStart = markerIdx + 1;
    } else if (markerIdx + 1 < blocks.length) {
      const kb = blocks[markerIdx + 1]!;
      keywordLine = kb.lines[0]!;
      // Lines glued under the keyword line are related headlines.
      related.push(...kb.lines.slice(1));
      relatedStart = markerIdx + 2;
    } else {
      warnings.push({ line: marker.line, message: 'keyword marker without a keyword line' });
    }
  } else if (sourceIdx >= 0) {
    relatedStart = sourceIdx + 1;
  }
  if (relatedStart >= 0) {
    for (let j = relatedStart; j < blocks.length; j++) related.push(...blocks[j]!.lines);
  }

  return {
    ok: true,
    article: { title, date, body, source, credits, keywordLine, related },
    warnings,
  };
}
