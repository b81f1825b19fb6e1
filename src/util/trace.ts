// Timing marks for NEWSQ_TRACE=1: where a cold query spends its time. Collected here,
// printed by the CLI at exit. Each mark also records the process's minor page faults so
// far (Linux): on a virtual machine a first touch of a fresh page costs about ten
// microseconds, so the memory a phase touches is often more of its time than its code.

import { readFileSync } from 'node:fs';

const marks: Array<[string, number, number, number]> = [];
let enabled = false;

/** Turns collection on (the CLI does when NEWSQ_TRACE is set). */
export function enableTrace(): void {
  enabled = true;
}

/** Minor page faults of this process so far, or NaN where /proc cannot tell. */
function minorFaults(): number {
  try {
    // The fields after the command name (which may hold spaces); minflt is the 10th field.
    const stat = readFileSync('/proc/self/stat', 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
  } catch {
    return Number.NaN;
  }
}

/** Records that a phase ended now. */
export function mark(label: string): void {
  if (enabled) {
    const cpu = process.cpuUsage();
    marks.push([label, performance.now(), minorFaults(), (cpu.user + cpu.system) / 1000]);
  }
}

/**
 * The recorded marks as lines "label  +ms (at ms since process start)  +cpu ms  +faults".
 * The processor time beside the wall time tells a phase's own cost from time the process
 * spent waiting for a busy machine.
 */
export function traceLines(): string[] {
  let prev = 0;
  let prevCpu = 0;
  let prevFaults = Number.NaN;
  return marks.map(([label, t, faults, cpu]) => {
    const faultNote = Number.isNaN(faults) ? '' : `  ${Number.isNaN(prevFaults) ? `${faults} faults` : `+${faults - prevFaults} faults`}`;
    const line = `${label.padEnd(24)} +${(t - prev).toFixed(1).padStart(6)} ms  (at ${t.toFixed(1).padStart(6)} ms)  cpu +${(cpu - prevCpu).toFixed(1).padStart(6)} ms${faultNote}`;
    prev = t;
    prevCpu = cpu;
    prevFaults = faults;
    return line;
  });
}
