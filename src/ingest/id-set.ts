// The article ids a build has seen, to tell a repeated article from a new one. A set of
// strings would hold tens of bytes per id; this table holds two 32-bit hashes of each (16
// bytes a slot at half load), so millions of ids stay in tens of megabytes. A hash match is
// only a candidate: the caller confirms it against the article ids it has written.

function hash1(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

function hash2(s: string): number {
  let h = 0x1b873593;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h | 1;
}

export class IdSet {
  private slots = new Int32Array(1 << 12);
  private count = 0;

  /** Adds an id; false when an id with the same hashes was added before (a candidate repeat). */
  add(id: string): boolean {
    if ((this.count + 1) * 2 > this.slots.length / 2) this.grow();
    return this.insert(hash1(id), hash2(id));
  }

  private insert(a: number, b: number): boolean {
    const mask = this.slots.length / 2 - 1;
    for (let s = (a ^ (b >>> 7)) & mask; ; s = (s + 1) & mask) {
      const x = this.slots[2 * s]!;
      const y = this.slots[2 * s + 1]!;
      // b is odd, so an empty slot (0, 0) is never a stored pair.
      if (y === 0) {
        this.slots[2 * s] = a;
        this.slots[2 * s + 1] = b;
        this.count++;
        return true;
      }
      if (x === a && y === b) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
  }

  get size(): number {
    return this.count;
  }
}
