// The hidden `newsq __complete` entry point that the completion scripts in completions/
// call at every Tab. The scripts stay thin: they pass what was typed and print the
// answer. Subcommands, options and option values come from the commander program itself
// (so a new command or option completes without touching the scripts), archive values
// from the index. Only what a slot needs is read: the manifest, then the keyword sidecar,
// the id table and headlines, or a few stored articles for source names — never the
// analyzer's fingerprint check (a stale index still completes) or the search engine.
//
// Protocol. Every word after the shell name carries a ':' in front, so that nothing the
// user typed can look like an option to commander:
//   newsq __complete bash :<line up to the cursor> :<readline's word>
//   newsq __complete zsh  :<word> … :<partial word>      (words unquoted, program first)
//   newsq __complete fish :<word> … :<partial word>
// The answer's first line is `<flags>\t<keep>\t<path>`: flags among `nospace` (do not add
// a space), `keep` (zsh: list, but leave the typed text alone), `dirs` / `files` (run the
// shell's own path completion on <path>, putting <keep> back in front). Then one line
// per candidate: for bash the text that replaces readline's word, quoted for the shell;
// for zsh and fish `<word>\t<description>`, unquoted (those shells quote themselves).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argument, Command, Option } from 'commander';
import {
  commonPrefix,
  completeWords,
  indexValues,
  prefixKey,
  type ArchiveValues,
  type CommandSpec,
  type Completion,
  type OptionSpec,
  type ProgramSpec,
  type Slot,
  type ValueKind,
} from '../features/complete';
import { FORMAT_NAME, FORMAT_VERSION, MANIFEST, type Manifest } from '../index/format';
import { ArchiveIndex } from '../index/reader';
import { mark } from '../util/trace';
import { sanitizeForTerminal } from '../output/sanitize';
import { BIDI_SETTINGS, COLOR_SETTINGS, LANGS, OUTPUT_FORMATS } from '../output/terminal';
import { EXIT, indexDirFor, type Io } from './context';
import { GLOBAL_OPTIONS } from './global';
import type { RunState } from './program';

/** Shells with a completion script. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Values of options whose value is one of a fixed set, by long name. */
export const OPTION_VALUES: Readonly<Record<string, ValueKind>> = {
  '--format': { kind: 'choices', values: OUTPUT_FORMATS },
  '--bidi': { kind: 'choices', values: BIDI_SETTINGS },
  '--color': { kind: 'choices', values: COLOR_SETTINGS },
  '--lang': { kind: 'choices', values: LANGS },
  '--calendar': { kind: 'choices', values: ['gregory', 'hijri'] },
  '--by': { kind: 'choices', values: ['day', 'week', 'month'] },
  '--input-format': { kind: 'choices', values: ['jsonl', 'json', 'text'] },
};

/**
 * Values by the name an option's value or an argument has in the program (`--index
 * <dir>`, `<keyword...>`): a new option or command that names its value this way
 * completes without a change here.
 */
export const NAMED_VALUES: Readonly<Record<string, ValueKind>> = {
  dir: { kind: 'dirs' },
  directory: { kind: 'dirs' },
  file: { kind: 'files' },
  files: { kind: 'files' },
  path: { kind: 'files' },
  paths: { kind: 'files' },
  id: { kind: 'ids' },
  ids: { kind: 'ids' },
  article: { kind: 'ids' },
  keyword: { kind: 'keywords' },
  source: { kind: 'sources' },
  query: { kind: 'query' },
  command: { kind: 'commands' },
};

function valueName(flags: string): string | null {
  return /[<[]([^>\]]*?)(?:\.\.\.)?[>\]]/.exec(flags)?.[1] ?? null;
}

function optionSpec(o: Option, makesPages = false): OptionSpec {
  const name = valueName(o.flags);
  let values: ValueKind = o.argChoices
    ? { kind: 'choices', values: o.argChoices }
    : ((o.long ? OPTION_VALUES[o.long] : undefined) ?? (name ? NAMED_VALUES[name] : undefined) ?? { kind: 'none' });
  // A command that makes pages (it has --open) takes --format html as well.
  if (makesPages && o.long === '--format' && values.kind === 'choices') values = { kind: 'choices', values: [...values.values, 'html'] };
  return {
    long: o.long ?? null,
    short: o.short ?? null,
    description: o.description,
    takes: o.required ? 'required' : o.optional ? 'optional' : 'none',
    variadic: o.variadic,
    values,
  };
}

function argumentSpec(a: Argument): { name: string; variadic: boolean; values: ValueKind } {
  const values: ValueKind = a.argChoices ? { kind: 'choices', values: a.argChoices } : (NAMED_VALUES[a.name()] ?? { kind: 'none' });
  return { name: a.name(), variadic: a.variadic, values };
}

/** The program's commands and options as completion data: what `newsq help` shows, nothing hidden. */
export function completionSpec(program: Command): ProgramSpec {
  const help = program.createHelp();
  const commands: CommandSpec[] = help.visibleCommands(program).map((cmd) => ({
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: (cmd.summary() || cmd.description()).split('\n')[0]!,
    options: help.visibleOptions(cmd).map((o) => optionSpec(o, cmd.options.some((x) => x.long === '--open'))),
    args: cmd.registeredArguments.map(argumentSpec),
  }));
  // Global options may come before the subcommand too (src/cli/global.ts): offered there as
  // the commands define them.
  const globals: OptionSpec[] = [];
  for (const name of Object.keys(GLOBAL_OPTIONS)) {
    const option = program.commands.flatMap((cmd) => cmd.options).find((o) => o.long === name && !o.hidden);
    if (option) globals.push(optionSpec(option));
  }
  return { options: [...help.visibleOptions(program).map((o) => optionSpec(o)), ...globals], commands };
}

/** A word of a shell command line: as typed, its value, and the quote left open at its end. */
export interface ShellWord {
  raw: string;
  value: string;
  quote: '' | "'" | '"';
}

/**
 * Splits a command line the way bash reads words: blanks separate, '…' and "…" quote,
 * a backslash escapes the next character. The last word is the one under the cursor
 * (empty after a blank) and may end inside an open quote.
 */
export function splitShellLine(line: string): ShellWord[] {
  const words: ShellWord[] = [];
  let raw = '';
  let value = '';
  let quote: ShellWord['quote'] = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      raw += c;
      if (c === "'") quote = '';
      else value += c;
      continue;
    }
    if (quote === '"') {
      raw += c;
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
        raw += line[++i];
        value += line[i];
      } else value += c;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push({ raw, value, quote });
      raw = value = '';
      inWord = false;
      continue;
    }
    inWord = true;
    raw += c;
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') {
      if (i + 1 < line.length) {
        raw += line[++i];
        value += line[i];
      }
    } else value += c;
  }
  words.push({ raw, value, quote });
  return words;
}

const BARE_SPECIAL = /[\s!"#$&'()*;<>?[\\\]`{|}~]/g;

/**
 * Text written so that bash reads it back as `text`, inside the given open quote (or none).
 * Inside double quotes a `!` would still start a history expansion when the line is entered,
 * and a backslash before it would stay in the word: the quote is closed around an escaped `!`.
 */
export function bashQuote(text: string, quote: ShellWord['quote']): string {
  if (quote === "'") return text.replace(/'/g, `'\\''`);
  if (quote === '"') return text.replace(/["\\$`]/g, '\\$&').replace(/!/g, '"\\!"');
  return text.replace(BARE_SPECIAL, '\\$&');
}

/** Archive text as a shell receives it: no controls or bidi overrides (the one sanitiser), one line. */
function inert(text: string): string {
  return sanitizeForTerminal(text);
}

/** A description on one short line. */
function oneLine(text: string, max = 80): string {
  const flat = inert(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The answer for a shell. `current` is the partial word's value; for bash, `kept` is the
 * part of the word as typed that readline keeps (before its word: a `tag:` or an opening
 * quote), since bash replaces only readline's word with what it is given.
 */
export function formatCompletion(shell: Shell, completion: Completion, current: string, kept = ''): string {
  // Candidates reach the command line and the shell's menu: sanitised like everything newsq
  // writes (one that is nothing but controls is dropped).
  const offers = completion.offers
    .filter((o) => !/[\t\n\r]/.test(o.value) && !/[\t\n\r]/.test(o.typed))
    .map((o) => ({ ...o, value: inert(o.value), typed: inert(o.typed) }))
    .filter((o) => o.value.trim() !== '');
  const flags: string[] = [];
  if (offers.some((o) => o.noSpace)) flags.push('nospace');
  let path = ['', ''];
  if (completion.paths) {
    flags.push(completion.paths.dirsOnly ? 'dirs' : 'files');
    path = [inert(completion.paths.keep), inert(completion.paths.text)];
  }
  let lines: string[];
  if (shell === 'bash') {
    // One candidate replaces the word in the archive's spelling; several keep the
    // spelling typed so far, or readline would cut the word back to their common start.
    const words = offers.map((o) => (offers.length === 1 ? o.value : o.typed));
    const before = splitShellLine(kept).at(-1)!;
    lines = words.filter((w) => w.startsWith(before.value)).map((w) => bashQuote(w.slice(before.value.length), before.quote));
  } else if (shell === 'zsh') {
    // zsh inserts what the candidates share; when that is shorter than what was typed
    // (إيران and ايطاليا for اي) it would erase typing, so it only lists them.
    const values = offers.map((o) => o.value);
    if (values.length > 1 && !prefixKey(commonPrefix(values)).startsWith(prefixKey(current))) flags.push('keep');
    lines = offers.map((o) => `${o.value}\t${oneLine(o.description)}`);
  } else {
    // fish offers only candidates that begin with the typed text: give it the typed
    // spelling, and the archive's spelling as the description.
    lines = offers.map((o) => `${o.typed}\t${oneLine(o.typed === o.value ? o.description : o.value)}`);
  }
  return [`${flags.join(' ')}\t${path[0]}\t${path[1]}`, ...lines].join('\n') + '\n';
}

/**
 * Opens an index for completion only: the manifest and the segments it lists. The
 * analyzer fingerprint is not checked, so an index built by another version still
 * completes (ids, headlines and keyword spellings do not depend on the analyzer).
 */
export function openForCompletion(dir: string): ArchiveValues | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (manifest?.format !== FORMAT_NAME || manifest.formatVersion !== FORMAT_VERSION || !Array.isArray(manifest.segments)) return null;
  const index = ArchiveIndex.fromSegments(dir, manifest.segments);
  const sidecar = manifest.sidecars?.keywords;
  return indexValues(index, () => {
    if (!sidecar) return {};
    const parsed = JSON.parse(readFileSync(join(dir, sidecar), 'utf8')) as { display?: Record<string, string> };
    return parsed?.display ?? {};
  });
}

function expandHome(path: string, io: Io): string {
  const home = io.env.HOME;
  return home && (path === '~' || path.startsWith('~/')) ? join(home, path.slice(1)) : path;
}

/** Computes the answer to one `__complete` call (arguments without their ':' marks). */
export function answerCompletion(program: Command, shell: Shell, args: string[], io: Io): string {
  let words: string[];
  let current: string;
  let kept = '';
  if (shell === 'bash') {
    const [line = '', word = ''] = args;
    const parsed = splitShellLine(line);
    const last = parsed.pop()!;
    words = parsed.map((w) => w.value);
    current = last.value;
    if (last.raw.endsWith(word)) kept = last.raw.slice(0, last.raw.length - word.length);
  } else {
    words = args.slice(0, -1);
    current = args.at(-1) ?? '';
  }
  let archive: ArchiveValues | null | undefined;
  const archiveFor = (slot: Slot): ArchiveValues | null => {
    if (archive === undefined) {
      archive = openForCompletion(indexDirFor(slot.index === undefined ? undefined : expandHome(slot.index, io), io).dir);
      mark('complete: index opened');
    }
    return archive;
  };
  const completion = completeWords(completionSpec(program), words, current, archiveFor);
  mark('complete: candidates');
  return formatCompletion(shell, completion, current, kept);
}

/** Registers the hidden `__complete` command the completion scripts call. */
export function registerComplete(program: Command, io: Io, state: RunState): void {
  program
    .command('__complete', { hidden: true })
    .description('completion candidates for the shell scripts (see `newsq completion`)')
    .argument('<shell>', 'bash, zsh or fish')
    .argument('[words...]', 'what was typed, each word with a ":" in front')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
For the scripts of \`newsq completion\`. The first line of the answer is flags, the rest
one candidate per line.

Examples:
  newsq __complete zsh :newsq :tag :اير          keywords for \`newsq tag اير\`
  newsq __complete bash ':newsq show 99' :99     ids for \`newsq show 99\`, as bash inserts them`,
    )
    .action((shell: string, words: string[]) => {
      state.exitCode = EXIT.found;
      if (!(SHELLS as readonly string[]).includes(shell)) return;
      const args = words.map((w) => (w.startsWith(':') ? w.slice(1) : w));
      let answer: string;
      try {
        answer = answerCompletion(program, shell as Shell, args, io);
      } catch (err) {
        // A damaged index must not print a stack into the user's command line.
        if (io.env.NEWSQ_DEBUG) io.stderr.write(`newsq __complete: ${(err as Error).stack ?? String(err)}\n`);
        answer = '\t\t\n';
      }
      io.stdout.write(answer);
    });
}
