// Global options before the subcommand (`newsq --index DIR search …`) mean what they mean after it.

import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, hoistGlobalOptions } from '../../src/cli/global';
import { runCli, useDemoIndex } from '../support/cli';

const { dir } = useDemoIndex('cmd-global');

describe('hoistGlobalOptions', () => {
  it('moves leading global options, with their values, behind the subcommand', () => {
    expect(hoistGlobalOptions(['--index', 'd', '--json', 'search', 'x']).argv).toEqual(['search', '--index', 'd', '--json', 'x']);
    expect(hoistGlobalOptions(['--index=d', 'show', '9910']).argv).toEqual(['show', '--index=d', '9910']);
    // The value of --index may itself be a command's name.
    expect(hoistGlobalOptions(['--index', 'search', 'tags']).argv).toEqual(['tags', '--index', 'search']);
  });

  it('leaves alone a line that starts with a subcommand, or other options', () => {
    for (const line of [['search', '--index', 'd', 'x'], ['--help'], ['-V'], ['--json', '--help'], []]) {
      expect(hoistGlobalOptions(line)).toEqual({ argv: line, commandMissing: false });
    }
    expect(hoistGlobalOptions(['--index', 'd']).commandMissing).toBe(true);
  });
});

describe('global options before the subcommand', () => {
  const cases: string[][] = [
    ['--json', 'search', 'خامنئي'],
    ['--format', 'csv', 'tag', 'إيران', '-n', '3'],
    ['--calendar', 'hijri', '--ndjson', 'date', '2014-11'],
    ['--no-color', '--bidi', 'visual', '--lang', 'en', 'stats'],
    ['--json', 'show', '9910a795592f'],
  ];
  for (const line of cases) {
    it(`newsq --index DIR ${line.join(' ')} prints what the options after the command print`, () => {
      const cut = line.findIndex((w) => !w.startsWith('-') && !['csv', 'hijri', 'visual', 'en'].includes(w));
      const after = runCli([line[cut]!, ...line.slice(cut + 1), '--index', dir, ...line.slice(0, cut)], { isTTY: true });
      const before = runCli(['--index', dir, ...line], { isTTY: true });
      expect(after.code).toBe(0);
      expect(before).toEqual(after);
    });
  }

  it('reports a global option the command does not take, and a line with no command', () => {
    const r = runCli(['--calendar', 'hijri', 'tags', '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--calendar'");
    const none = runCli(['--index', dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('a command must follow the options');
    expect(none.stdout).toBe('');
  });

  it('--no-color turns colour off as --color never does', () => {
    const env = { TERM: 'xterm-256color', FORCE_COLOR: '1' };
    const coloured = runCli(['search', 'خامنئي', '--index', dir], { isTTY: true, env });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = runCli(['--no-color', 'search', 'خامنئي', '--index', dir], { isTTY: true, env });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(plain.stdout).toBe(runCli(['search', 'خامنئي', '--index', dir, '--color', 'never'], { isTTY: true, env }).stdout);
  });

  it('lists every global option in GLOBAL_OPTIONS as an option of search', () => {
    const help = runCli(['search', '--help']).stdout;
    for (const name of Object.keys(GLOBAL_OPTIONS)) expect(help).toContain(name);
  });
});
