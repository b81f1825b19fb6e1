// Deciding how to print for the terminal at hand. Terminals fall in two families (see the
// terminal-wg "BiDi in Terminal Emulators" recommendation):
//
// - No bidi: cells are shown exactly as received (xterm, Alacritty, kitty, foot, Ghostty,
//   Windows Terminal, VS Code, and tmux whatever is outside it). Arabic must be sent in
//   visual order or it reads backwards: mode 'visual'.
// - Implicit bidi: the terminal reorders each line itself. Sending logical order works for
//   running text, but the terminal's reordering also moves table columns. Two remedies:
//   a) switch the terminal to explicit mode with BDSM (`CSI 8 l`), print visual order, and
//      switch back (`CSI 8 h`) afterwards: the table is then exactly what we laid out. This
//      is the robust choice and is used where the terminal implements BDSM (VTE ≥ 0.58:
//      GNOME Terminal, Tilix; WezTerm; mintty).
//   b) print logical order with every cell isolated (FSI/RLI … PDI) and LRM next to each
//      border, so the terminal's own reordering cannot move columns: mode 'logical'. Used
//      for implicit-bidi terminals without BDSM (Konsole, mlterm, macOS Terminal).
// tmux keeps cells as received and swallows the mode escapes, so inside tmux it is always
// visual without escapes, whatever terminal tmux itself runs in.

/** How cell text is laid out: app-side visual order, logical order for a bidi terminal, or untouched. */
export type BidiMode = 'visual' | 'logical' | 'off';
/** The --bidi flag's values. */
export type BidiSetting = BidiMode | 'auto';
/** The --color flag's values. */
export type ColorSetting = 'auto' | 'always' | 'never';
/** Output formats every listing command supports. */
export type OutputFormat = 'table' | 'tsv' | 'csv' | 'json' | 'ndjson';

/** Accepted --format values, for option parsers. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'tsv', 'csv', 'json', 'ndjson'];
/** Accepted --bidi values, for option parsers. */
export const BIDI_SETTINGS: readonly BidiSetting[] = ['auto', 'visual', 'logical', 'off'];
/** Accepted --color values, for option parsers. */
export const COLOR_SETTINGS: readonly ColorSetting[] = ['auto', 'always', 'never'];

/** Environment variables as found in process.env. */
export type Env = Record<string, string | undefined>;

/** The bidi decision for one run, with the reason (shown by --debug style diagnostics). */
export interface BidiDecision {
  mode: BidiMode;
  /** Wrap table output in CSI 8 l … CSI 8 h (explicit-mode switch) — only with mode 'visual'. */
  explicitEscapes: boolean;
  reason: string;
}

/** BDSM: reset (l) puts the terminal in explicit mode, set (h) back to implicit. */
export const BIDI_EXPLICIT_MODE = '\x1b[8l';
/** Restores the implicit bidi mode that terminals start in. */
export const BIDI_IMPLICIT_MODE = '\x1b[8h';

const set = (env: Env, name: string): boolean => env[name] !== undefined && env[name] !== '';

/** Pick the bidi mode for `--bidi auto` from the environment: which terminal family are we in? */
export function detectBidiMode(env: Env, isTTY: boolean): BidiDecision {
  if (!isTTY) return { mode: 'off', explicitEscapes: false, reason: 'output is not a terminal' };
  // tmux first: its variables are the innermost truth and it shows cells as received.
  if (set(env, 'TMUX')) {
    return { mode: 'visual', explicitEscapes: false, reason: 'tmux (TMUX set) shows cells as received and drops the bidi mode escapes' };
  }
  // TERM_PROGRAM is rewritten by each terminal, while VTE_VERSION, KONSOLE_VERSION and the
  // like leak into terminals started from one, so TERM_PROGRAM is trusted before them.
  const program = env.TERM_PROGRAM ?? '';
  switch (program) {
    case 'vscode':
      return { mode: 'visual', explicitEscapes: false, reason: 'VS Code terminal (TERM_PROGRAM=vscode) has no bidi' };
    case 'Apple_Terminal':
      return { mode: 'logical', explicitEscapes: false, reason: 'macOS Terminal (TERM_PROGRAM=Apple_Terminal) reorders lines itself' };
    case 'WezTerm':
      return {
        mode: 'visual',
        explicitEscapes: true,
        reason: 'WezTerm (TERM_PROGRAM=WezTerm): bidi is opt-in there, explicit mode keeps the table as laid out either way',
      };
    case 'mintty':
      return { mode: 'visual', explicitEscapes: true, reason: 'mintty (TERM_PROGRAM=mintty) implements BDSM: explicit mode, visual order' };
    default:
      break;
  }
  if (set(env, 'KITTY_WINDOW_ID')) return { mode: 'visual', explicitEscapes: false, reason: 'kitty (KITTY_WINDOW_ID set) has no bidi' };
  if (Object.keys(env).some((k) => k.startsWith('ALACRITTY_') && set(env, k))) {
    return { mode: 'visual', explicitEscapes: false, reason: 'Alacritty (ALACRITTY_* set) has no bidi' };
  }
  if (set(env, 'WT_SESSION')) return { mode: 'visual', explicitEscapes: false, reason: 'Windows Terminal (WT_SESSION set) has no bidi' };
  const vte = Number.parseInt(env.VTE_VERSION ?? '', 10);
  if (Number.isFinite(vte)) {
    if (vte >= 5800) {
      return {
        mode: 'visual',
        explicitEscapes: true,
        reason: `VTE ${vte} (GNOME Terminal, Tilix) reorders lines itself; switched to explicit mode (CSI 8 l) and visual order`,
      };
    }
    return { mode: 'visual', explicitEscapes: false, reason: `VTE ${vte} predates bidi support (0.58) and shows cells as received` };
  }
  if (set(env, 'KONSOLE_VERSION')) return { mode: 'logical', explicitEscapes: false, reason: 'Konsole (KONSOLE_VERSION set) reorders lines itself' };
  if (set(env, 'MLTERM')) return { mode: 'logical', explicitEscapes: false, reason: 'mlterm (MLTERM set) reorders lines itself' };
  if (set(env, 'XTERM_VERSION')) return { mode: 'visual', explicitEscapes: false, reason: 'xterm (XTERM_VERSION set) has no bidi' };
  return { mode: 'visual', explicitEscapes: false, reason: 'unknown terminal: most show cells as received' };
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
export function resolveBidi(flag: BidiSetting | undefined, env: Env, isTTY: boolean): BidiDecision {
  const detected = detectBidiMode(env, isTTY);
  const fromFlag = flag && flag !== 'auto' ? flag : undefined;
  const fromEnv = parseBidiSetting(env.NEWSQ_BIDI);
  const chosen = fromFlag ?? (fromEnv && fromEnv !== 'auto' ? fromEnv : undefined);
  if (!chosen) return detected;
  const source = fromFlag ? `--bidi ${chosen}` : `NEWSQ_BIDI=${chosen}`;
  // Forcing visual order on a VTE-like terminal still needs the explicit-mode switch, or the
  // terminal would reorder the already reordered text a second time.
  const supportsBdsm = isTTY && detectBidiMode(env, true).explicitEscapes;
  return { mode: chosen, explicitEscapes: chosen === 'visual' && supportsBdsm, reason: source };
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

/** Everything a renderer needs to know about where its output goes. */
export interface OutputSettings {
  format: OutputFormat;
  bidi: BidiMode;
  /** Wrap table output in the explicit-mode escapes (see withExplicitBidiMode). */
  explicitEscapes: boolean;
  color: boolean;
  width: number;
  /** Why this bidi mode was chosen. */
  bidiReason: string;
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
  stdout: OutputStreamInfo;
  env: Env;
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
  const bidi = resolveBidi(options.bidi, options.env, isTTY);
  return {
    format,
    bidi: bidi.mode,
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

/** Write rendered text, wrapped in the explicit-mode switch when the settings call for it. */
export function writeRendered(stream: WritableLike, text: string, settings: Pick<OutputSettings, 'explicitEscapes'>): void {
  if (!settings.explicitEscapes) {
    stream.write(text);
    return;
  }
  withExplicitBidiMode(stream, () => {
    stream.write(text);
  });
}
