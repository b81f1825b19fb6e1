import { describe, expect, it } from 'vitest';
import { lazy } from '../../src/util/lazy';

describe('lazy', () => {
  it('makes nothing until first asked, then makes the value once', () => {
    let made = 0;
    const get = lazy(() => ({ n: ++made }));
    expect(made).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(made).toBe(1);
  });

  it('remembers a falsy value instead of making it again', () => {
    let made = 0;
    const get = lazy(() => (made++, undefined));
    get();
    get();
    expect(made).toBe(1);
  });

  it('tries again after the maker throws', () => {
    let calls = 0;
    const get = lazy(() => {
      if (++calls === 1) throw new Error('first');
      return calls;
    });
    expect(get).toThrow('first');
    expect(get()).toBe(2);
    expect(get()).toBe(2);
  });
});
