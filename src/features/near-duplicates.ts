// Near-duplicate detection: MinHash over word shingles. The same agency story runs in
// several papers with a different dateline, a sentence added or cut, a headline of their
// own; what stays is long runs of the same words. An article's body is cut into shingles of
// SHINGLE consecutive words (their normalized spellings), and its signature keeps, for each
// of SIGNATURE_SIZE hash functions, the smallest hash of any shingle — the share of equal
// values between two signatures estimates the Jaccard similarity of their shingle sets.
//
// MinHash rather than SimHash: its estimate is of a quantity one can reason about (the
// share of shared word runs), it has a known error (about 0.09 at 32 values), and banding
// finds candidate pairs without comparing every pair. The signature is banded into BANDS
// keys of ROWS values; two articles that share any key are candidates, and a candidate is a
// copy when the estimate reaches COPY_SIMILARITY. Each value keeps 16 bits (b-bit MinHash):
// two different values then collide once in 65,536, which the estimate can ignore.

import { SIGNATURE_SIZE } from '../index/segment-writer';

export { SIGNATURE_SIZE };

/** Words per shingle. */
export const SHINGLE = 3;
/** Shingles below which an article is too short to be judged a copy of another. */
export const MIN_SHINGLES = 12;
/** Bands of the signature, and values per band (BANDS × ROWS = SIGNATURE_SIZE). */
export const BANDS = 8;
export const ROWS = 4;
/** Estimated Jaccard similarity from which two articles are copies of one story. */
export const COPY_SIMILARITY = 0.65;

// Odd multipliers and offsets of the hash functions, fixed so that signatures stay comparable
// between builds (a change here is a change of the index format).
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, k) => {
  let x = (0x9e3779b9 * (k + 1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
});

/** A 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The signature of a sequence of word hashes (normalized spellings), or null when it is too short. */
export function signatureOf(words: ArrayLike<number>, count: number): Uint16Array | null {
  const shingles = count - SHINGLE + 1;
  if (shingles < MIN_SHINGLES) return null;
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i < shingles; i++) {
    const h = mix((Math.imul(words[i]!, 0x2545f491) ^ Math.imul(words[i + 1]!, 0x9e3779b1) ^ words[i + 2]!) >>> 0);
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix(h ^ SEEDS[k]!);
      if (v < mins[k]!) mins[k] = v;
    }
  }
  const sig = new Uint16Array(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k++) sig[k] = mins[k]! & 0xffff;
  return sig;
}

/** Whether a signature is the empty one (an article too short to sign). */
export function isUnsigned(sig: ArrayLike<number>): boolean {
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (sig[k] !== 0) return false;
  return true;
}

/** The band keys of a signature: the terms its article is indexed under in the dup field. */
export function bandKeys(sig: ArrayLike<number>): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS; r++) key += `.${sig[b * ROWS + r]!.toString(36)}`;
    keys.push(key);
  }
  return keys;
}

/** The band keys of a signature as numbers (band and its values hashed), for grouping in memory. */
export function bandHashes(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193);
    out.push(h >>> 0);
  }
  return out;
}

/** The estimated Jaccard similarity of two signatures' shingle sets. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}
