// The engine URL: where the distributor is, the distributed index, and the shards to write.

import { describe, expect, it } from 'vitest';
import { parseEngineUrl } from '../../src/engine/cluster';

describe('parseEngineUrl', () => {
  it('reads the distributor, its index and the shards', () => {
    expect(parseEngineUrl('sphinxql://127.0.0.1:9306/all')).toEqual({ url: 'sphinxql://127.0.0.1:9306/all', distributor: { host: '127.0.0.1', port: 9306 }, index: 'all', shards: [] });
    expect(parseEngineUrl('sphinxql://db:9306/all?shards=a:9307,b:9308').shards).toEqual([
      { host: 'a', port: 9307 },
      { host: 'b', port: 9308 },
    ]);
  });

  it('refuses anything else with the form it expects', () => {
    for (const bad of ['mysql://h:1/all', 'sphinxql://h/all', 'sphinxql://h:1/', 'sphinxql://h:1/all?shards=nohost']) {
      expect(() => parseEngineUrl(bad), bad).toThrow(/sphinxql:\/\/host:port\/index|host:port/);
    }
  });
});
