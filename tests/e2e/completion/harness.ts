// Drives the completion scripts in real shells. Each helper runs one shell process for a
// batch of command lines (every Tab costs a node start-up, so batches keep tests quick):
//  - bash: the completion function called as readline calls it, with COMP_LINE,
//    COMP_POINT, COMP_WORDS, COMP_CWORD and readline's word as $2;
//  - zsh: an interactive zsh on a pseudo-terminal (zpty) with compinit, where a Tab is
//    typed and a key bound to a widget then records the line and the matches zsh was given;
//  - fish: `complete -C`, fish's own query for the candidates of a command line.
// `newsq` on the shells' PATH is a link to bin/newsq.js, as an npm install makes it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../support/cli';

/** The completion scripts under test. */
export const scripts = {
  bash: path.join(projectRoot, 'completions', 'newsq.bash'),
  zsh: path.join(projectRoot, 'completions', '_newsq'),
  fish: path.join(projectRoot, 'completions', 'newsq.fish'),
};

/** Whether a shell is installed. */
export function haveShell(name: 'bash' | 'zsh' | 'fish'): boolean {
  return spawnSync(name, ['-c', 'exit 0']).status === 0;
}

/** A folder holding `newsq` (a link to bin/newsq.js) to put first on PATH. */
export function makeBinDir(dir: string): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(path.join(projectRoot, 'bin', 'newsq.js'), path.join(bin, 'newsq'));
  return bin;
}

/** Environment for a shell under test: UTF-8, newsq first on PATH, a private HOME. */
export function shellEnv(bin: string, home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm',
    ...extra,
  };
}

/** Single-quotes a string for bash or zsh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const READLINE_BREAKS = new Set([' ', '\t', '\n', '"', "'", '@', '>', '<', '=', ';', '|', '&', '(', ':']);

/**
 * readline's word under the cursor at the end of `line`, as bash passes it in $2: after
 * an unclosed quote, the text after the quote; otherwise the text after the last
 * unquoted, unescaped word-break character (COMP_WORDBREAKS plus blanks).
 */
export function readlineWord(line: string): string {
  let quote: string | null = null;
  let quoteAt = -1;
  let breakAt = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      quoteAt = i;
      continue;
    }
    if (READLINE_BREAKS.has(c)) breakAt = i;
  }
  return quote ? line.slice(quoteAt + 1) : line.slice(breakAt + 1);
}

/** COMP_WORDS and COMP_CWORD for a line with the cursor at its end: bash splits at blanks and makes each of =:;|&<>( a word of its own. */
export function compWords(line: string): { words: string[]; cword: number } {
  const words: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let pending = false;
  const flush = (): void => {
    if (pending) words.push(cur);
    cur = '';
    pending = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === ' ' || c === '\t') {
      flush();
      continue;
    }
    if ('=:;|&<>('.includes(c)) {
      flush();
      words.push(c);
      continue;
    }
    pending = true;
    cur += c;
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < line.length) cur += line[++i];
  }
  // The word under the cursor exists even when empty.
  words.push(cur);
  return { words, cword: words.length - 1 };
}

/** What bash's completion function answered for one line. */
export interface BashAnswer {
  reply: string[];
  /** Arguments of every `compopt` call the function made. */
  compopt: string[];
}

/** Calls the bash completion function for each line (cursor at its end), in one bash process. */
export function bashComplete(lines: string[], env: Record<string, string>): BashAnswer[] {
  const parts = [`source ${shq(scripts.bash)}`, `compopt() { __opts+=("$*"); }`];
  for (const line of lines) {
    const { words, cword } = compWords(line);
    const cur = readlineWord(line);
    parts.push(
      `COMP_LINE=${shq(line)}; COMP_POINT=${[...line].length}; COMP_WORDS=(${words.map(shq).join(' ')}); COMP_CWORD=${cword}; COMPREPLY=(); __opts=()`,
      `_newsq_complete newsq ${shq(cur)} ${shq(words[cword - 1] ?? '')}`,
      `printf '%s\\x1f' "\${COMPREPLY[@]}"; printf '\\x1e'; printf '%s\\x1f' "\${__opts[@]}"; printf '\\x1d'`,
    );
  }
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', parts.join('\n')], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`bash failed (${r.status}): ${r.stderr}`);
  const blocks = r.stdout.split('\x1d').slice(0, lines.length);
  const fields = (s: string): string[] => s.split('\x1f').slice(0, -1);
  return blocks.map((b) => {
    const [reply = '', opts = ''] = b.split('\x1e');
    return { reply: fields(reply), compopt: fields(opts) };
  });
}

/** What zsh did with one line after a Tab. */
export interface ZshAnswer {
  /** The command line after the Tab. */
  buffer: string;
  /** The matches the completion function added, with the line zsh lists for each. */
  matches: Array<{ word: string; display: string }>;
}

/**
 * Types each line followed by a Tab into an interactive zsh (compinit, the script on
 * $fpath as an installed completion would be) and reads back the line and the matches.
 */
export function zshComplete(lines: string[], env: Record<string, string>, work: string): ZshAnswer[] {
  const out = path.join(work, `zsh-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out, { recursive: true });
  const fpathDir = path.join(out, 'fpath');
  mkdirSync(fpathDir);
  writeFileSync(path.join(fpathDir, '_newsq'), readFileSync(scripts.zsh));
  // The inner shell's setup: a compadd that also records what it is given, a widget
  // (on ^B) that saves the line and those matches, then clears the line for the next case.
  const setup = [
    `fpath=(${shq(fpathDir)} $fpath); autoload -Uz compinit; compinit -u -D`,
    `LISTMAX=100000; typeset -ga __cap; typeset -gi __case=0`,
    `compadd() { if (( \${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a __h __d; local __i=\${@[(i)-d]}; if (( __i < $# )); then __d=("\${(@P)\${@[__i+1]}}"); fi; builtin compadd -A __h "$@"; local __k; for (( __k = 1; __k <= \${#__h}; __k++ )); do __cap+=("\${(Q)__h[__k]}"$'\\x1f'"\${__d[__k]}"); done; builtin compadd "$@"; }`,
    `__dump() { (( __case++ )); print -rn -- "$BUFFER" > ${shq(out)}/$__case.buffer; print -rn -- "\${(pj:\\x1e:)__cap}" > ${shq(out)}/$__case.matches; __cap=(); BUFFER=''; zle -I; print -n '<<DONE>>'; }`,
    `zle -N __dump; bindkey '^B' __dump; print -n '<<READ''Y>>'`,
  ].join('\n');
  const driver = [
    'zmodload zsh/zpty',
    `zpty z zsh -f -i`,
    `zpty -w z ${shq(setup.replace(/\n/g, '; '))}`,
    `zpty -r z __x '*<<READY>>*'`,
    ...lines.flatMap((line) => [`zpty -w -n z ${shq(line)}$'\\t\\x02'`, `zpty -r z __x '*<<DONE>>*'`]),
    'zpty -d z',
  ].join('\n');
  const r = spawnSync('zsh', ['-f', '-c', driver], { env, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`zsh driver failed (${r.status}): ${r.stderr}`);
  const done = new Set(readdirSync(out));
  return lines.map((line, i) => {
    const n = i + 1;
    if (!done.has(`${n}.buffer`)) throw new Error(`zsh recorded nothing for ${JSON.stringify(line)}`);
    const matches = readFileSync(path.join(out, `${n}.matches`), 'utf8');
    return {
      buffer: readFileSync(path.join(out, `${n}.buffer`), 'utf8'),
      matches: matches
        ? matches.split('\x1e').map((m) => {
            const [word = '', display = ''] = m.split('\x1f');
            return { word, display };
          })
        : [],
    };
  });
}

/** Single-quotes a string for fish. */
function fishq(s: string): string {
  return `'${s.replace(/[\\']/g, '\\$&')}'`;
}

/** fish's candidates (`complete -C`) for each line: word and description. */
export function fishComplete(lines: string[], env: Record<string, string>): Array<Array<{ word: string; description: string }>> {
  const parts = [`source ${fishq(scripts.fish)}`];
  for (const line of lines) parts.push(`complete -C ${fishq(line)}`, `printf '\\x1d\\n'`);
  const r = spawnSync('fish', ['--no-config', '-c', parts.join('\n')], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`fish failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .split('\x1d\n')
    .slice(0, lines.length)
    .map((block) =>
      block
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          const tab = l.indexOf('\t');
          return tab < 0 ? { word: l, description: '' } : { word: l.slice(0, tab), description: l.slice(tab + 1) };
        }),
    );
}

/** The option names (`--limit`) listed in the "Options:" part of a help text. */
export function helpOptions(help: string): string[] {
  const section = /^Options:\n([\s\S]*?)(?:\n\S|(?![\s\S]))/m.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(?:-\w, )?(--[\w-]+)/.exec(line)?.[1])
    .filter((x): x is string => x !== undefined);
}

/** The long options listed in the "Global options" part of `newsq --help`. */
export function helpGlobalOptions(help: string): string[] {
  const section = /^Global options[^\n]*:\n([\s\S]*?)(?:\n\S|(?![\s\S]))/m.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(?:-\w, )?(--[\w-]+)/.exec(line)?.[1])
    .filter((x): x is string => x !== undefined);
}

/** The command names listed in the "Commands:" part of a help text. */
export function helpCommands(help: string): string[] {
  const section = /^Commands:\n([\s\S]*?)(?:\n\S|(?![\s\S]))/m.exec(help)?.[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([\w-]+)/.exec(line)?.[1])
    .filter((x): x is string => x !== undefined);
}

/** Whether tmux is installed (for the real-terminal tests). */
export function haveTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Types each line and a Tab into an interactive shell running in tmux, and returns the
 * prompt line once it has settled: what the shell's own line editor made of the answer
 * (readline closing a quote, fish escaping a space). `prompt` starts the prompt line.
 */
export async function typeInTerminal(command: string, prompt: string, lines: string[], env: Record<string, string>): Promise<string[]> {
  const socket = `newsq-completion-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });
  const promptLine = (): string | undefined =>
    String(tmux('capture-pane', '-p', '-N', '-t', 'c').stdout)
      .split('\n')
      .filter((l) => l.startsWith(prompt))
      .at(-1);
  const started = tmux('new-session', '-d', '-s', 'c', '-x', '200', '-y', '50', command);
  if (started.status !== 0) throw new Error(`tmux: ${started.stderr}`);
  const out: string[] = [];
  try {
    for (let i = 0; i < 100 && promptLine() === undefined; i++) await sleep(100);
    for (const line of lines) {
      tmux('send-keys', '-t', 'c', '-l', line);
      tmux('send-keys', '-t', 'c', 'Tab');
      // Settled: the line changed from what was typed and stayed the same for a moment.
      let last = '';
      let stable = 0;
      for (let i = 0; i < 80 && stable < 3; i++) {
        await sleep(100);
        const now = promptLine() ?? '';
        stable = now === last && now !== `${prompt}${line}` ? stable + 1 : 0;
        last = now;
      }
      out.push(last);
      tmux('send-keys', '-t', 'c', 'C-c');
      for (let i = 0; i < 30 && promptLine() !== prompt; i++) await sleep(100);
    }
  } finally {
    tmux('kill-server');
  }
  return out;
}
