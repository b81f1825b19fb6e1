// A one-line progress bar for long imports, redrawn in place on stderr. Only on a
// terminal: piped stderr gets nothing, so logs stay clean.

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

  /** Redraws the bar, at most ten times a second. */
  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const mb = (n: number) => (n / 1048576).toFixed(1);
    this.stream.write(`\r\x1b[2K${this.phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${mb(done)}/${mb(total)} MB`);
    this.shown = true;
  }

  /** Clears the bar so the next message starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
