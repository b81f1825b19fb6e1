// Options that set where newsq reads and how it writes, accepted before the subcommand as
// after it (`newsq --index DIR search …`, as `git -C DIR log`). They are moved behind the
// subcommand's name before commander reads the line, so each command parses them as its own
// and its help lists them; one that a command does not take is reported by that command.

/** Global options by long name, and whether a value follows. */
export const GLOBAL_OPTIONS: Readonly<Record<string, { value: boolean }>> = {
  '--index': { value: true },
  '--format': { value: true },
  '--json': { value: false },
  '--ndjson': { value: false },
  '--bidi': { value: true },
  '--color': { value: true },
  '--no-color': { value: false },
  '--lang': { value: true },
  '--calendar': { value: true },
  '--no-pager': { value: false },
  '--header': { value: false },
  '--bom': { value: false },
  '--since': { value: true },
  '--until': { value: true },
};

/** The long name of an option word (`--index=DIR` → `--index`), or null for anything else. */
function globalName(word: string): string | null {
  if (!word.startsWith('--')) return null;
  const eq = word.indexOf('=');
  const name = eq > 0 ? word.slice(0, eq) : word;
  return Object.hasOwn(GLOBAL_OPTIONS, name) ? name : null;
}

/**
 * The arguments with the global options that come before the subcommand moved right after
 * its name. A line that does not go on to name a subcommand (`newsq --help`, `newsq
 * --json --help`) is returned unchanged, for commander to answer; `commandMissing` says
 * that it began with a global option but named no subcommand at all.
 */
export function hoistGlobalOptions(argv: readonly string[]): { argv: string[]; commandMissing: boolean } {
  let at = 0;
  while (at < argv.length) {
    const word = argv[at]!;
    const name = globalName(word);
    if (!name) break;
    at += GLOBAL_OPTIONS[name]!.value && !word.includes('=') ? 2 : 1;
  }
  if (at === 0 || at >= argv.length || argv[at]!.startsWith('-')) return { argv: [...argv], commandMissing: at > 0 && at >= argv.length };
  return { argv: [argv[at]!, ...argv.slice(0, at), ...argv.slice(at + 1)], commandMissing: false };
}
