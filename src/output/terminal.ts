// Deciding how to print for the terminal at hand. Terminals fall in two families (see the
// terminal-wg "BiDi in Terminal Emulators" recommendation); DESIGN.md ("Terminal output")
// says what each real terminal did with each way of printing.
//
// - No bidi: cells are shown exactly as received (xterm, Alacritty, kitty, foot, Ghostty,
//   Windows Terminal, VS Code). Arabic is sent in visual order, its letters joined into
//   presentation forms: mode 'visual'.
// - Implicit bidi: the terminal reorders each line itself, and joins the letters (VTE 0.58+:
//   GNOME Terminal, xfce4-terminal, Tilix; Konsole; mlterm; macOS Terminal). newsq lays the
//   line out visually, then writes each right-to-left run in logical order: the terminal's
//   own pass puts every run back where the layout has it, so columns and borders stay:
//   mode 'implicit'. Where BDSM is honoured, a forced --bidi visual switches the terminal to
//   explicit mode (`CSI 8 l` … `CSI 8 h`) instead.
// - A multiplexer (tmux, screen) shows cells as received and swallows the mode escapes, but
//   the terminal around it still reorders its lines: the mode is the outer terminal's,
//   found by asking tmux, without escapes.

import { execFileSync } from 'node:child_process';

/**
 * How text is laid out for the terminal: visual order with Arabic joined ('visual', for
 * terminals that show cells as received); the visual layout as runs a reordering terminal
 * puts back in place ('implicit'); logical order with isolates ('logical'); or untouched ('off').
 */
export type BidiMode = 'visual' | 'implicit' | 'logical' | 'off';
/** The --bidi flag's values. */
export type BidiSetting = BidiMode | 'auto';
/** The --color flag's values. */
export type ColorSetting = 'auto' | 'always' | 'never';
/** Output formats every listing command supports. */
export type OutputFormat = 'table' | 'tsv' | 'csv' | 'json' | 'ndjson';

/** Accepted --format values, for option parsers. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'tsv', 'csv', 'json', 'ndjson'];
/** Accepted --bidi values, for option parsers. */
export const BIDI_SETTINGS: readonly BidiSetting[] = ['auto', 'visual', 'implicit', 'logical', 'off'];
/** Accepted --color values, for option parsers. */
export const COLOR_SETTINGS: readonly ColorSetting[] = ['auto', 'always', 'never'];

/** Environment variables as found in process.env. */
export type Env = Record<string, string | undefined>;

/** The bidi decision for one run, with the reason (shown by --debug style diagnostics). */
export interface BidiDecision {
  mode: BidiMode;
  /** Wrap table output in CSI 8 l … CSI 8 h (explicit-mode switch) — only with mode 'visual'. */
  explicitEscapes: boolean;
  /** The terminal joins lam + alef into one cell by itself (mlterm), whatever the mode. */
  lamAlefOneCell: boolean;
  /**
   * The terminal counts each bidi mark as a cell of the line's length though it draws
   * nothing there, and reorders the text between box-drawing characters on its own (mlterm).
   */
  marksTakeCells: boolean;
  reason: string;
}

/** BDSM: reset (l) puts the terminal in explicit mode, set (h) back to implicit. */
export const BIDI_EXPLICIT_MODE = '\x1b[8l';
/** Restores the implicit bidi mode that terminals start in. */
export const BIDI_IMPLICIT_MODE = '\x1b[8h';

const set = (env: Env, name: string): boolean => env[name] !== undefined && env[name] !== '';

const decision = (mode: BidiMode, reason: string, extra: Partial<BidiDecision> = {}): BidiDecision => ({
  mode,
  explicitEscapes: false,
  lamAlefOneCell: false,
  marksTakeCells: false,
  reason,
  ...extra,
});

/** What a multiplexer (tmux) can tell about the terminal its client runs in. */
export interface OuterTerminal {
  /** The client's TERM (`#{client_termname}`). */
  termName?: string;
  /** The terminal's own name, from its answer to XTVERSION or DA2 (`#{client_termtype}`). */
  termType?: string;
  /** The session environment (`tmux show-environment`): set variables, and `-NAME` lines as null. */
  environment?: Record<string, string | null>;
}

/** Pick the bidi mode for `--bidi auto` from the environment: which terminal family are we in? */
export function detectBidiMode(env: Env, isTTY: boolean, outer?: () => OuterTerminal | undefined): BidiDecision {
  if (!isTTY) return decision('off', 'output is not a terminal');
  // A multiplexer shows its panes' cells as received and swallows the mode escapes, but the
  // terminal it runs in still treats each line of the screen as its own: inside one, the
  // mode is the outer terminal's, without escapes.
  if (set(env, 'TMUX')) {
    const found = outer?.();
    const inner = outerDecision(env, found);
    return { ...inner, explicitEscapes: false, reason: `tmux, in ${inner.reason}` };
  }
  if (set(env, 'STY')) {
    const inner = terminalDecision(env);
    return { ...inner, explicitEscapes: false, reason: `GNU screen, in ${inner.reason} (from the environment screen was started in)` };
  }
  return terminalDecision(env);
}

/** The decision for the terminal a tmux client runs in: what tmux knows first, then the environment. */
function outerDecision(env: Env, outer: OuterTerminal | undefined): BidiDecision {
  const termType = outer?.termType ?? '';
  const termName = outer?.termName ?? '';
  if (/^mlterm/i.test(termName) || /^mlterm/i.test(termType)) return terminalDecision({ MLTERM: 'yes' });
  if (/^xterm\(/i.test(termType)) return terminalDecision({ XTERM_VERSION: termType });
  const session = outer?.environment;
  if (session) {
    // Variables listed in tmux's update-environment are refreshed from each attaching client:
    // present means that client's terminal set them, null means it did not.
    const known = ['MLTERM', 'VTE_VERSION', 'KONSOLE_VERSION', 'KITTY_WINDOW_ID', 'WT_SESSION', 'XTERM_VERSION'];
    const listed = known.filter((k) => k in session);
    if (listed.length > 0) {
      const fromSession: Env = {};
      for (const k of listed) if (session[k] !== null) fromSession[k] = session[k] as string;
      return { ...terminalDecision(fromSession), reason: `${terminalDecision(fromSession).reason}, from tmux's session environment` };
    }
  }
  // The pane inherited the environment of the terminal that started the tmux server.
  const inherited: Env = { ...env, TERM_PROGRAM: undefined };
  const d = terminalDecision(inherited);
  return { ...d, reason: `${d.reason}, from the environment tmux was started in` };
}

/** The decision for a terminal seen directly, from the variables it sets. */
function terminalDecision(env: Env): BidiDecision {
  // TERM_PROGRAM is rewritten by each terminal, while VTE_VERSION, KONSOLE_VERSION and the
  // like leak into terminals started from one, so TERM_PROGRAM is trusted before them.
  const program = env.TERM_PROGRAM ?? '';
  switch (program) {
    case 'vscode':
      return decision('visual', 'VS Code terminal (TERM_PROGRAM=vscode) has no bidi');
    case 'Apple_Terminal':
      return decision('implicit', 'macOS Terminal (TERM_PROGRAM=Apple_Terminal) reorders lines itself');
    case 'WezTerm':
      return decision('visual', 'WezTerm (TERM_PROGRAM=WezTerm): bidi is opt-in there, explicit mode keeps the table as laid out either way', {
        explicitEscapes: true,
      });
    case 'mintty':
      return decision('visual', 'mintty (TERM_PROGRAM=mintty) implements BDSM: explicit mode, visual order', { explicitEscapes: true });
    default:
      break;
  }
  if (set(env, 'KITTY_WINDOW_ID')) return decision('visual', 'kitty (KITTY_WINDOW_ID set) has no bidi');
  if (Object.keys(env).some((k) => k.startsWith('ALACRITTY_') && set(env, k))) {
    return decision('visual', 'Alacritty (ALACRITTY_* set) has no bidi');
  }
  if (set(env, 'WT_SESSION')) return decision('visual', 'Windows Terminal (WT_SESSION set) has no bidi');
  const vte = Number.parseInt(env.VTE_VERSION ?? '', 10);
  if (Number.isFinite(vte)) {
    if (vte >= 5800) return decision('implicit', `VTE ${vte} (GNOME Terminal, xfce4-terminal, Tilix) reorders and joins lines itself`);
    return decision('visual', `VTE ${vte} predates bidi support (0.58) and shows cells as received`);
  }
  if (set(env, 'KONSOLE_VERSION')) return decision('implicit', 'Konsole (KONSOLE_VERSION set) reorders lines itself');
  if (set(env, 'MLTERM')) {
    return decision('implicit', 'mlterm (MLTERM set) reorders and joins lines itself', { lamAlefOneCell: true, marksTakeCells: true });
  }
  if (set(env, 'XTERM_VERSION')) return decision('visual', 'xterm (XTERM_VERSION set) has no bidi');
  return decision('visual', 'unknown terminal: most show cells as received');
}

function parseBidiSetting(value: string | undefined): BidiSetting | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  return (BIDI_SETTINGS as readonly string[]).includes(v) ? (v as BidiSetting) : undefined;
}

/**
 * The bidi decision with overrides applied: the --bidi flag, then NEWSQ_BIDI, then detection.
 * Explicit-mode escapes are kept only where detection found a terminal that honours them.
 */
export function resolveBidi(flag: BidiSetting | undefined, env: Env, isTTY: boolean, outer?: () => OuterTerminal | undefined): BidiDecision {
  const detected = detectBidiMode(env, isTTY, outer);
  const fromFlag = flag && flag !== 'auto' ? flag : undefined;
  const fromEnv = parseBidiSetting(env.NEWSQ_BIDI);
  const chosen = fromFlag ?? (fromEnv && fromEnv !== 'auto' ? fromEnv : undefined);
  if (!chosen) return detected;
  const source = fromFlag ? `--bidi ${chosen}` : `NEWSQ_BIDI=${chosen}`;
  // Forcing visual order on a terminal that implements BDSM still needs the explicit-mode
  // switch, or the terminal would reorder the already reordered text a second time.
  const terminal = isTTY ? detectBidiMode(env, true, outer) : detected;
  const supportsBdsm = isTTY && (terminal.explicitEscapes || bdsmTerminal(env));
  return {
    mode: chosen,
    explicitEscapes: chosen === 'visual' && supportsBdsm,
    lamAlefOneCell: terminal.lamAlefOneCell,
    marksTakeCells: terminal.marksTakeCells,
    reason: source,
  };
}

/** A terminal outside any multiplexer that honours BDSM (VTE 0.58 and later; WezTerm and mintty are caught by detection). */
function bdsmTerminal(env: Env): boolean {
  if (set(env, 'TMUX') || set(env, 'STY')) return false;
  const vte = Number.parseInt(env.VTE_VERSION ?? '', 10);
  return Number.isFinite(vte) && vte >= 5800 && !['vscode', 'Apple_Terminal'].includes(env.TERM_PROGRAM ?? '');
}

/**
 * Ask tmux about the terminal its client runs in: the client's TERM and terminal type, and
 * the session environment. Undefined when tmux cannot be asked.
 */
export function tmuxOuterTerminal(env: Env): OuterTerminal | undefined {
  const run = (args: string[]): string | undefined => {
    try {
      return execFileSync('tmux', args, { encoding: 'utf8', timeout: 1000, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  };
  const shown = run(['display-message', '-p', '#{client_termname}\t#{client_termtype}']);
  if (shown === undefined) return undefined;
  const [termName = '', termType = ''] = shown.replace(/\n$/, '').split('\t');
  const environment: Record<string, string | null> = {};
  for (const line of (run(['show-environment']) ?? '').split('\n')) {
    if (line.startsWith('-')) environment[line.slice(1)] = null;
    else if (line.includes('=')) environment[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return { termName, termType, environment };
}

/** Colour on or off: --color always/never win; then NO_COLOR, FORCE_COLOR, TERM=dumb, and a TTY check. */
export function colorEnabled(options: { flag?: ColorSetting; env: Env; isTTY: boolean }): boolean {
  const { flag = 'auto', env, isTTY } = options;
  if (flag === 'always') return true;
  if (flag === 'never') return false;
  if (set(env, 'NO_COLOR')) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const f = force.trim().toLowerCase();
    if (f === '0' || f === 'false') return false;
    // chalk and supports-color read an empty FORCE_COLOR as "on" as well.
    if (f === '' || f === 'true' || Number.parseInt(f, 10) >= 1) return true;
  }
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** The output width in columns: COLUMNS, else the stream's own width, else 80. */
export function terminalWidth(stream: { columns?: number | undefined } | undefined, env: Env): number {
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  const cols = stream?.columns;
  if (typeof cols === 'number' && Number.isFinite(cols) && cols > 0) return Math.floor(cols);
  return 80;
}

/** The language of headers and labels (JSON keys never change). */
export type Lang = 'ar' | 'en';
/** Accepted --lang values. */
export const LANGS: readonly Lang[] = ['ar', 'en'];

/**
 * The language of headers and labels: --lang, then NEWSQ_LANG, then the locale for messages
 * (LC_ALL, LC_MESSAGES, LANG: the first one set decides; Arabic when it starts with "ar").
 */
export function resolveLang(flag: string | undefined, env: Env): Lang {
  for (const [value, source] of [
    [flag, '--lang'],
    [env.NEWSQ_LANG, 'NEWSQ_LANG'],
  ] as const) {
    if (value === undefined || value === '') continue;
    const v = value.trim().toLowerCase();
    if (v === 'ar' || v === 'en') return v;
    throw new Error(`${source} must be ar or en, got "${value}"`);
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^ar(?:[_.@-]|$)/i.test(locale) ? 'ar' : 'en';
}

/** Everything a renderer needs to know about where its output goes. */
export interface OutputSettings {
  format: OutputFormat;
  bidi: BidiMode;
  /** The terminal draws lam + alef in one cell (see BidiDecision). */
  lamAlefOneCell: boolean;
  /** Bidi marks count as cells (see BidiDecision). */
  marksTakeCells: boolean;
  /** Language of headers and labels. */
  lang: Lang;
  /** Wrap table output in the explicit-mode escapes (see withExplicitBidiMode). */
  explicitEscapes: boolean;
  color: boolean;
  width: number;
  /** Why this bidi mode was chosen. */
  bidiReason: string;
  /** TSV: a header line first (CSV always has one). */
  header?: boolean;
  /** CSV and TSV: a UTF-8 byte order mark first, for spreadsheets that need it to read UTF-8. */
  bom?: boolean;
  /** false: never hand the output to a pager (--no-pager). */
  pager?: boolean;
}

/** The stream facts resolveOutputSettings reads (process.stdout fits). */
export interface OutputStreamInfo {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Resolve --format/--bidi/--color and the environment into settings for the renderers. */
export function resolveOutputSettings(options: {
  format?: OutputFormat | undefined;
  bidi?: BidiSetting | undefined;
  color?: ColorSetting | undefined;
  lang?: string | undefined;
  stdout: OutputStreamInfo;
  env: Env;
  /** Asks a multiplexer about the terminal outside it (see tmuxOuterTerminal). */
  outer?: () => OuterTerminal | undefined;
}): OutputSettings {
  const isTTY = options.stdout.isTTY === true;
  if (options.format !== undefined && !OUTPUT_FORMATS.includes(options.format)) {
    throw new Error(`unknown output format "${String(options.format)}" (expected one of ${OUTPUT_FORMATS.join(', ')})`);
  }
  if (options.bidi !== undefined && !BIDI_SETTINGS.includes(options.bidi)) {
    throw new Error(`unknown bidi mode "${String(options.bidi)}" (expected one of ${BIDI_SETTINGS.join(', ')})`);
  }
  if (options.color !== undefined && !COLOR_SETTINGS.includes(options.color)) {
    throw new Error(`unknown colour setting "${String(options.color)}" (expected one of ${COLOR_SETTINGS.join(', ')})`);
  }
  const format: OutputFormat = options.format ?? (isTTY ? 'table' : 'tsv');
  const bidi = resolveBidi(options.bidi, options.env, isTTY, options.outer);
  return {
    format,
    bidi: bidi.mode,
    lamAlefOneCell: bidi.lamAlefOneCell,
    marksTakeCells: bidi.marksTakeCells,
    lang: resolveLang(options.lang, options.env),
    explicitEscapes: bidi.explicitEscapes && format === 'table',
    color: colorEnabled({ flag: options.color ?? 'auto', env: options.env, isTTY }),
    width: terminalWidth(options.stdout, options.env),
    bidiReason: bidi.reason,
  };
}

/** A writable the explicit-mode switch can write to (process.stdout fits). */
export interface WritableLike {
  write(chunk: string): unknown;
  destroyed?: boolean;
  writableEnded?: boolean;
}

function writeQuietly(stream: WritableLike, text: string): void {
  try {
    if (stream.destroyed || stream.writableEnded) return;
    stream.write(text);
  } catch {
    // A closed pipe or terminal cannot be restored and must not turn exit into a crash.
  }
}

/**
 * Run `fn` with the terminal in explicit bidi mode (CSI 8 l), restoring implicit mode
 * (CSI 8 h) afterwards, on exit and on SIGINT/SIGTERM; returns what `fn` returns.
 */
export function withExplicitBidiMode<T>(stream: WritableLike, fn: () => T): T {
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    writeQuietly(stream, BIDI_IMPLICIT_MODE);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // Written again even when the table already ended with it: Ctrl-C makes the terminal
    // discard output still queued, which can include that earlier switch back.
    restored = true;
    writeQuietly(stream, BIDI_IMPLICIT_MODE);
    cleanup();
    // Re-raise so the process ends the way it would have without our handler.
    process.kill(process.pid, signal);
  };
  const onExit = (): void => restore();
  const cleanup = (): void => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', onExit);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);
  writeQuietly(stream, BIDI_EXPLICIT_MODE);
  const finish = (): void => {
    restore();
    // A signal that arrived during a synchronous write is dispatched on the next turn of the
    // event loop; the handlers stay until then so it still ends the process as interrupted.
    setImmediate(cleanup);
  };
  let result: T;
  try {
    result = fn();
  } catch (err) {
    finish();
    throw err;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => {
        finish();
        return v;
      },
      (err: unknown) => {
        finish();
        throw err;
      },
    ) as T;
  }
  finish();
  return result;
}

// How much of a table is written between two chances for a signal to be handled.
const EXPLICIT_CHUNK = 8192;

/**
 * Write rendered text, wrapped in the explicit-mode switch when the settings call for it.
 * In explicit mode a long text goes out in pieces of whole lines, each on its own turn of
 * the event loop: a write to a terminal blocks until the terminal has taken it, and a Ctrl-C
 * is only handled between two writes, so it ends newsq after the piece at hand (and switches
 * the terminal back) rather than after the whole table.
 */
export function writeRendered(
  stream: WritableLike & { page?(text: string, modes?: { before: string; after: string }): boolean },
  text: string,
  settings: Pick<OutputSettings, 'explicitEscapes'> & Partial<Pick<OutputSettings, 'bom' | 'format' | 'pager'>>,
): void {
  if (settings.bom && (settings.format === 'csv' || settings.format === 'tsv') && text !== '') text = `\ufeff${text}`;
  // Longer than the screen of a terminal: the pager's (see src/cli/pager.ts), unless --no-pager.
  if (settings.pager !== false && stream.page?.(text, settings.explicitEscapes ? { before: BIDI_EXPLICIT_MODE, after: BIDI_IMPLICIT_MODE } : undefined)) return;
  if (!settings.explicitEscapes) {
    stream.write(text);
    return;
  }
  if (text.length <= EXPLICIT_CHUNK) {
    withExplicitBidiMode(stream, () => {
      stream.write(text);
    });
    return;
  }
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + EXPLICIT_CHUNK);
    const newline = text.lastIndexOf('\n', end - 1);
    if (end < text.length && newline >= at) end = newline + 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  void withExplicitBidiMode(stream, async () => {
    for (const piece of pieces) {
      if (stream.destroyed || stream.writableEnded) return;
      stream.write(piece);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }).catch(() => {
    // A terminal that went away mid-table: nothing more to write, nothing to restore.
  });
}
