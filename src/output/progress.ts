// A one-line progress bar for long imports, redrawn in place on stderr. Only on a
// terminal: piped stderr gets nothing, so logs stay clean.

import { groupDigits } from '../util/numbers';
import type { TextStream } from '../cli/context';

/** A progress bar bound to a stream; a no-op when the stream is not a terminal. */
export class ProgressBar {
  private last = 0;
  private shown = false;
  private phase = '';

  constructor(
    private stream: TextStream,
    private enabled = stream.isTTY === true,
  ) {}

  /** Names the current phase (reading, indexing…). */
  setPhase(name: string): void {
    this.phase = name;
    this.last = 0;
  }

  /** Redraws the bar, at most ten times a second: bytes read of the inputs, and the articles read so far. */
  update(done: number, total: number, articles?: number): void {
    if (!this.enabled || total <= 0) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 50));
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const count = articles === undefined ? '' : `  ${groupDigits(articles)} article${articles === 1 ? '' : 's'}`;
    this.stream.write(`\r\x1b[2K${this.phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%${count}  ${byteSpan(done, total)}`);
    this.shown = true;
  }

  /** Clears the bar so the next message starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

/** "3.4/8.1 MB": both sizes in the unit that suits the total (KB for a small archive, not 0.0 MB). */
export function byteSpan(done: number, total: number): string {
  const units: Array<[string, number]> = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ];
  const [name, size] = units.find(([, size]) => total >= size) ?? ['bytes', 1];
  const digits = size === 1 ? 0 : 1;
  return `${(done / size).toFixed(digits)}/${(total / size).toFixed(digits)} ${name}`;
}
