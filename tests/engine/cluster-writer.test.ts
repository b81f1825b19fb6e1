// What the writer stores beside an article's terms: its near-duplicate signature as the `sig`
// attribute holds it, read back exactly for folding copies.

import { describe, expect, it } from 'vitest';
import { signatureHex, signatureOf } from '../../src/engine/cluster-writer';
import { SIGNATURE_SIZE } from '../../src/index/segment-writer';

describe('signatureHex / signatureOf', () => {
  it('round-trips every value of a signature, zeros and the largest included', () => {
    const sig = Uint16Array.from({ length: SIGNATURE_SIZE }, (_, k) => (k === 0 ? 0 : k === 1 ? 0xffff : (k * 40503) & 0xffff));
    const hex = signatureHex(sig);
    expect(hex).toHaveLength(SIGNATURE_SIZE * 4);
    expect(hex.slice(0, 8)).toBe('0000ffff');
    expect(signatureOf(hex)).toEqual(sig);
  });

  it('reads an article written without a signature (an older import) as none', () => {
    expect(signatureOf('')).toBeNull();
    expect(signatureOf('abc')).toBeNull();
  });
});
