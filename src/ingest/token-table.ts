// A hash table from token spellings to values, probed with a slice of a larger text so
// that looking a token up allocates nothing. Indexing meets every token of the archive
// (8.8 million in SaudiNewsNet); creating a string and hashing it through a Map for each
// was the largest single cost of a build.

/** An open-addressing table keyed by strings, probed by (text, start, end). */
export class TokenTable<V> {
  private slots: Int32Array = new Int32Array(1 << 16).fill(-1);
  private keys: string[] = [];
  private hashes: number[] = [];
  private values: V[] = [];

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** The value for text[start, end), created by `make` from the token on first sight. */
  get(text: string, start: number, end: number, make: (token: string) => V): V {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e < 0) break;
      if (this.hashes[e] === h) {
        const k = this.keys[e]!;
        if (k.length === len && sameChars(k, text, start)) return this.values[e]!;
      }
    }
    const key = text.slice(start, end);
    const value = make(key);
    this.insert(key, h, value);
    return value;
  }

  private insert(key: string, h: number, value: V): void {
    if ((this.keys.length + 1) * 2 > this.slots.length) this.grow();
    const e = this.keys.length;
    this.keys.push(key);
    this.hashes.push(h);
    this.values.push(value);
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s]! >= 0) s = (s + 1) & mask;
    this.slots[s] = e;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    this.hashes.forEach((h, e) => {
      let s = h & mask;
      while (this.slots[s]! >= 0) s = (s + 1) & mask;
      this.slots[s] = e;
    });
  }
}

// A loop of charCodeAt: String.prototype.startsWith with a position was the table's largest cost.
function sameChars(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
