// Timing marks for NEWSQ_TRACE=1: where a cold query spends its time. Collected here,
// printed by the CLI at exit.

const marks: Array<[string, number]> = [];
let enabled = false;

/** Turns collection on (the CLI does when NEWSQ_TRACE is set). */
export function enableTrace(): void {
  enabled = true;
}

/** Records that a phase ended now. */
export function mark(label: string): void {
  if (enabled) marks.push([label, performance.now()]);
}

/** The recorded marks as lines "label  +ms (at ms since process start)". */
export function traceLines(): string[] {
  let prev = 0;
  return marks.map(([label, t]) => {
    const line = `${label.padEnd(24)} +${(t - prev).toFixed(1).padStart(6)} ms  (at ${t.toFixed(1)} ms)`;
    prev = t;
    return line;
  });
}
