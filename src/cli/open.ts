// --open: the page goes to a file of its own and the system's opener shows it (xdg-open on
// Linux and the BSDs, open on macOS, start on Windows), as `gh browse` does. The opener runs
// detached, so newsq ends at once; without one, newsq says where the page is.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The opener command of a platform, before the file's path. */
export function openerFor(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // start is built into cmd; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

/** Whether a program is on the search path. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && exts.some((ext) => existsSync(join(dir, command + ext))));
}

/** Opens a file with the system's opener; false when there is none to run. */
export function openWithSystem(file: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  const { command, args } = openerFor(platform);
  if (!onPath(command, env)) return false;
  const child = spawn(command, [...args, file], { detached: true, stdio: 'ignore', env });
  // A failure after the start is the opener's to report; newsq has already said where the page is.
  child.on('error', () => {});
  child.unref();
  return true;
}
