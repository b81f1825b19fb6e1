import { describe, expect, it } from 'vitest';
import { TokenTable } from '../../src/ingest/token-table';

describe('TokenTable', () => {
  it('finds each spelling by any slice that spells it, making its value once, through growth', () => {
    const table = new TokenTable<{ word: string }>();
    let made = 0;
    const make = (word: string) => {
      made++;
      return { word };
    };
    const words = Array.from({ length: 200_000 }, (_, i) => `ك${i.toString(36)}`);
    const text = ` ${words.join(' ')} `;
    const values = new Map<string, { word: string }>();
    let at = 1;
    for (const w of words) {
      values.set(w, table.get(text, at, at + w.length, make));
      at += w.length + 1;
    }
    expect(made).toBe(words.length);
    expect(table.size).toBe(words.length);
    // Again, from other texts: the same objects, nothing made.
    for (const w of words.filter((_, i) => i % 997 === 0)) {
      const other = `«${w}»`;
      expect(table.get(other, 1, 1 + w.length, make)).toBe(values.get(w));
      expect(table.get(w, 0, w.length, make).word).toBe(w);
    }
    expect(made).toBe(words.length);
    // A prefix or an extension of a known spelling is another spelling.
    expect(table.get('ك1x', 0, 2, make).word).toBe('ك1');
    expect(table.get('ك1zzzz', 0, 6, make).word).toBe('ك1zzzz');
    expect(made).toBe(words.length + 1);
  });
});
