// Named points in index writes where a fault-injection test can stop the writer: when
// NEWSQ_CHECKPOINT names a point, the process announces it on stderr and waits there, so
// the test kills it (SIGKILL) at exactly that step and checks what a reader sees.

/** Pauses at `name` if the environment asks for it; a no-op otherwise. */
export function checkpoint(name: string): void {
  if (process.env.NEWSQ_CHECKPOINT !== name) return;
  process.stderr.write(`newsq: checkpoint ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
