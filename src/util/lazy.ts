// Values made on first use. A regular expression with Unicode property classes is parsed
// when it is created, which costs a cold start about a quarter of a millisecond each:
// module-level patterns that only some runs need are made when first used instead.

/** A function returning `make()`, called once, on the first call. */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
