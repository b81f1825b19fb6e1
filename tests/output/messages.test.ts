import { describe, expect, it } from 'vitest';
import { formatMessages, messageStream, shownColumn, type MessageLayout } from '../../src/output/messages';
import { runCli } from '../support/cli';
import { fribidiAvailable, fribidiVisual, unshape } from '../support/output-fribidi';

const haveFribidi = fribidiAvailable();
if (!haveFribidi) console.warn('messages.test: `fribidi` is not installed; the checks against it are skipped');

const visual: MessageLayout = { mode: 'visual', lamAlefOneCell: false };
const implicit: MessageLayout = { mode: 'implicit', lamAlefOneCell: false };
const off: MessageLayout = { mode: 'off', lamAlefOneCell: false };

// Error details as the commands write them: the quoted text, then a caret under a position.
const cases: [string, string, number, string][] = [
  ['a year in an Arabic date', 'نوفمبر 20144', 7, '2'],
  ['a bracket in an Arabic query', 'خامنئي (إيران', 7, ')'], // mirrored where it is shown
  ['a word after Latin', 'tag:خامنئي OR', 11, 'O'],
  ['a word with harakat before it', 'مُحَمَّد ~9', 9, '~'],
];

describe('carets on stderr', () => {
  it.skipIf(!haveFribidi).each(cases)('visual mode: %s — the caret stands under the character FriBidi shows there', (_name, text, position, target) => {
    const [line, caret] = formatMessages(`  ${text}\n  ${' '.repeat(position)}^\n`, visual).split('\n') as [string, string];
    // What a terminal without bidi shows is what newsq wrote; FriBidi's own layout of the
    // logical line (left-to-right paragraph) must agree with it.
    const [oracle] = fribidiVisual([`  ${text}`], 'ltr') as [string];
    expect(unshape(line)).toBe(oracle);
    const column = caret.indexOf('^');
    expect(Array.from(oracle.replace(/\p{Mn}/gu, ''))[column]).toBe(target);
  });

  it.skipIf(!haveFribidi).each(cases)('implicit mode: %s — a left-to-right reordering terminal shows the visual line, caret under the character', (_name, text, position, target) => {
    const [line, caret] = formatMessages(`  ${text}\n  ${' '.repeat(position)}^\n`, implicit).split('\n') as [string, string];
    const [shown] = fribidiVisual([line], 'ltr') as [string];
    const [oracle] = fribidiVisual([`  ${text}`], 'ltr') as [string];
    expect(shown).toBe(oracle);
    expect(Array.from(shown.replace(/\p{Mn}/gu, ''))[caret.indexOf('^')]).toBe(target);
  });

  it('off: the logical line, the caret moved only by the width of what precedes it (harakat take none)', () => {
    const [line, caret] = formatMessages(`  مُحَمَّد ~9\n  ${' '.repeat(9)}^\n`, off).split('\n') as [string, string];
    expect(line).toBe('  مُحَمَّد ~9');
    expect(caret.indexOf('^')).toBe(2 + 5);
  });

  it('joined lam-alef takes one cell: the caret after it moves one column left', () => {
    expect(shownColumn('لا 2015', 3, { mode: 'off', lamAlefOneCell: false })).toBe(3);
    expect(shownColumn('لا 2015', 3, { mode: 'off', lamAlefOneCell: true })).toBe(2);
  });

  it('keeps lines without Arabic and caret lines under them untouched', () => {
    const chunk = 'newsq: invalid query at column 3\n  a (b\n    ^\n';
    expect(formatMessages(chunk, visual)).toBe(chunk);
  });

  it('a caret line written apart from its text line still finds it', () => {
    const stream = { chunks: [] as string[], write(c: string) { this.chunks.push(c); return true; }, isTTY: true };
    const s = messageStream(() => stream, () => visual);
    s.write('  نوفمبر 20144\n');
    s.write('         ^\n');
    expect(stream.chunks[1]).toBe('  ^\n');
  });
});

describe('stderr of a run', () => {
  it('did-you-mean lists and echoes are laid out for the terminal stderr is (mlterm: implicit)', () => {
    const r = runCli(['tag', 'خامنى', '--index', 'data/index'], { isTTY: true, stderrIsTTY: true, env: { MLTERM: '3.9.0' } });
    expect(r.stderr).toContain('did you mean:');
    // Each Arabic line starts with an LRM (a left-to-right paragraph) and still holds the letters.
    const line = r.stderr.split('\n').find((l) => l.includes('خامنئي'));
    expect(line?.startsWith('\u200e')).toBe(true);
  });

  it('visual on a terminal without bidi, untouched on a pipe', () => {
    const tty = runCli(['tag', 'خامنى', '--index', 'data/index'], { isTTY: true, stderrIsTTY: true, env: { XTERM_VERSION: 'XTerm(379)' } });
    expect(unshape(tty.stderr)).toContain('يئنماخ');
    const piped = runCli(['tag', 'خامنى', '--index', 'data/index'], { isTTY: false, stderrIsTTY: false, env: { XTERM_VERSION: 'XTerm(379)' } });
    expect(piped.stderr).toContain('خامنئي');
  });
});
