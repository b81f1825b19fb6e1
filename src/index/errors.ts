// The two ways an index can fail to open or read, kept apart from the readers so that the
// manifest and sidecar code can raise them without import cycles.

/** Why an index cannot be used; `kind` lets the CLI word its advice. */
export class IndexOpenError extends Error {
  constructor(
    readonly kind: 'missing' | 'incompatible' | 'stale-analyzer' | 'corrupt' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** A damaged or unreadable index file: the message names the file and the problem. */
export class IndexCorruptError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
