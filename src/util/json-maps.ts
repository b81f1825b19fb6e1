// The index's sidecars are JSON objects keyed by article ids, keywords and phrases — text
// that comes from the archive. Plain objects would take `__proto__` or `constructor` as a
// key for their own machinery; these helpers keep every such map prototype-free.

/** An empty object usable as a map from arbitrary strings. */
export function emptyMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** JSON.parse, with every object in the result free of a prototype. */
export function parseJsonMaps<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value,
  ) as T;
}
