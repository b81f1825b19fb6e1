// `newsq completion <bash|zsh|fish>`: prints the shell's completion script (shipped in
// completions/), so that `source <(newsq completion bash)` or a redirect into the
// shell's completion folder installs it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from './complete';
import { CliError, EXIT, packageRoot, type Io } from './context';
import type { RunState } from './program';

/** File name of each shell's script in completions/ (zsh autoloads `_newsq` from $fpath). */
export const COMPLETION_FILES: Readonly<Record<Shell, string>> = {
  bash: 'newsq.bash',
  zsh: '_newsq',
  fish: 'newsq.fish',
};

/** Path of a shell's completion script in the installed package. */
export function completionScriptPath(shell: Shell): string {
  return join(packageRoot(), 'completions', COMPLETION_FILES[shell]);
}

/** Registers the completion command. */
export function registerCompletion(program: Command, io: Io, state: RunState): void {
  program
    .command('completion')
    .description('print the tab-completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      `
Completes subcommands, options and their values, paths, and values from the archive:
keywords after \`newsq tag\` and tag:, sources after source:, article ids after show
and related (with their headlines in zsh and fish). The archive is the one --index,
NEWSQ_INDEX or the demo names, as for the command being typed.

Install (then open a new shell):
  bash   newsq completion bash > ~/.local/share/bash-completion/completions/newsq
         or: echo 'source <(newsq completion bash)' >> ~/.bashrc
  zsh    mkdir -p ~/.zfunc && newsq completion zsh > ~/.zfunc/_newsq
         and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)
  fish   newsq completion fish > ~/.config/fish/completions/newsq.fish

After \`npm install -g newsq\` the same scripts are in $(npm root -g)/newsq/completions/
(newsq.bash, _newsq, newsq.fish): link them instead of copying to stay current.

Examples:
  source <(newsq completion bash)
  newsq completion fish > ~/.config/fish/completions/newsq.fish`,
    )
    .action((shell: Shell) => {
      let script: string;
      try {
        script = readFileSync(completionScriptPath(shell), 'utf8');
      } catch (err) {
        throw new CliError(`cannot read the ${shell} completion script (${(err as NodeJS.ErrnoException).code ?? 'error'}): reinstall newsq`);
      }
      io.stdout.write(script);
      state.exitCode = EXIT.found;
    });
}
