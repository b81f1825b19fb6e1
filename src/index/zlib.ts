// zlib, loaded on first use: most commands never decompress anything, and loading the
// module (with node's stream machinery behind it) is a measurable part of a cold start.

import type * as Zlib from 'node:zlib';

let loaded: typeof Zlib | undefined;

/** The node:zlib module if something has loaded it already, else null. */
export function zlibIfLoaded(): typeof Zlib | null {
  return loaded ?? null;
}

/** The node:zlib module. */
export function zlib(): typeof Zlib {
  return (loaded ??= require('node:zlib') as typeof Zlib);
}
