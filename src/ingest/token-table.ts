// A hash table from token spellings to values, probed with a slice of a larger text so
// that looking a token up allocates nothing. Indexing meets every token of the archive
// (8.8 million in SaudiNewsNet); creating a string and hashing it through a Map for each
// was the largest single cost of a build. Each slot holds its entry's hash beside the
// entry's number, so a probe reads one place in memory until the hashes agree.

/** An open-addressing table keyed by strings, probed by (text, start, end). */
export class TokenTable<V> {
  // Pairs (entry + 1, hash); 0 marks an empty slot.
  private slots: Int32Array = new Int32Array(2 << 16);
  private keys: string[] = [];
  private values: V[] = [];

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** The value for text[start, end), created by `make` from the token on first sight. */
  get(text: string, start: number, end: number, make: (token: string) => V): V {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[2 * s]!;
      if (e === 0) break;
      if (slots[2 * s + 1] === h) {
        const k = this.keys[e - 1]!;
        if (k.length === len && sameChars(k, text, start)) return this.values[e - 1]!;
      }
    }
    const key = text.slice(start, end);
    const value = make(key);
    this.insert(key, h, value);
    return value;
  }

  private insert(key: string, h: number, value: V): void {
    if ((this.keys.length + 1) * 2 > this.slots.length >> 1) this.grow();
    this.keys.push(key);
    this.values.push(value);
    this.place(this.keys.length, h);
  }

  private place(entry: number, h: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s] !== 0) s = (s + 1) & mask;
    slots[2 * s] = entry;
    slots[2 * s + 1] = h;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.place(old[s]!, old[s + 1]!);
  }
}

// A loop of charCodeAt: String.prototype.startsWith with a position was the table's largest cost.
function sameChars(key: string, text: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
