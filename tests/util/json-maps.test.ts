import { describe, expect, it } from 'vitest';
import { emptyMap, parseJsonMaps } from '../../src/util/json-maps';

describe('emptyMap', () => {
  it('holds any string as a key, none of them present before it is set', () => {
    const m = emptyMap<number>();
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(m[key]).toBeUndefined();
    m['__proto__'] = 1;
    m['constructor'] = 2;
    expect(Object.keys(m).sort()).toEqual(['__proto__', 'constructor']);
    expect(m['__proto__']).toBe(1);
  });
});

describe('parseJsonMaps', () => {
  it('parses like JSON.parse, every object free of a prototype, arrays left as arrays', () => {
    const out = parseJsonMaps<{ a: { b: number[] }; list: Array<{ c: null }> }>('{"a": {"b": [1, 2]}, "list": [{"c": null}]}');
    expect(JSON.stringify(out)).toBe('{"a":{"b":[1,2]},"list":[{"c":null}]}');
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getPrototypeOf(out.a)).toBeNull();
    expect(Object.getPrototypeOf(out.list[0])).toBeNull();
    expect(Array.isArray(out.a.b)).toBe(true);
  });

  it('keeps keys from the data as data, without touching any prototype', () => {
    const out = parseJsonMaps<Record<string, unknown>>('{"__proto__": {"polluted": true}, "constructor": 5}');
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true });
    expect(out.constructor).toBe(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect('polluted' in out).toBe(false);
  });

  it('passes scalars through and rejects what JSON.parse rejects', () => {
    expect(parseJsonMaps('3')).toBe(3);
    expect(parseJsonMaps('null')).toBeNull();
    expect(() => parseJsonMaps('{')).toThrow(SyntaxError);
  });
});
