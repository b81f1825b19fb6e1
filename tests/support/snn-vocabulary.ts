// The vocabulary of SaudiNewsNet (../shared/corpora/saudinewsnet), for tests that check a
// property of the analyzer over every word of real news text. Read once per test process.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { lightNormalize } from '../../src/analysis/normalize';
import { tokenizeWords } from '../../src/analysis/tokenize';
import { sharedDir } from './cli';
import { readZipEntries } from './output-zip';

/** Where the corpus lives, and whether it is there. */
export const snnDir = path.join(sharedDir, 'corpora', 'saudinewsnet');
export const haveSnn = existsSync(snnDir) && readdirSync(snnDir).some((f) => f.endsWith('.zip'));

let vocabulary: Map<string, number> | undefined;

/**
 * How often each word occurs in the titles and bodies of all articles, keyed by its light
 * normalization (diacritics, tatweel and invisible characters gone, letters as written).
 */
export function snnVocabulary(): Map<string, number> {
  if (vocabulary) return vocabulary;
  const counts = new Map<string, number>();
  for (const file of readdirSync(snnDir).filter((f) => f.endsWith('.zip')).sort()) {
    for (const data of readZipEntries(path.join(snnDir, file)).values()) {
      for (const a of JSON.parse(data.toString('utf8')) as Array<{ title?: string; content?: string }>) {
        for (const t of tokenizeWords(`${a.title ?? ''}\n${a.content ?? ''}`)) {
          const w = lightNormalize(t);
          counts.set(w, (counts.get(w) ?? 0) + 1);
        }
      }
    }
  }
  return (vocabulary = counts);
}
