// The shipped data/index must be the index of data/articles as this newsq would build it:
// the same input files and bytes, the same analyzer, the same format.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYZER_VERSION, analyzerFingerprint } from '../../src/analysis/analyzer';
import { inputsDigest } from '../../src/ingest/build';
import { FORMAT_VERSION, MANIFEST, type Manifest } from '../../src/index/format';
import { ArchiveIndex } from '../../src/index/reader';
import { listInputFiles, type ImportProblem } from '../../src/ingest/importer';
import { demoArticlesDir, demoIndexDir } from '../support/cli';

const FIX = 'the shipped demo index is out of date: run `npm run build:demo` and commit data/index';

const manifest = JSON.parse(readFileSync(path.join(demoIndexDir, MANIFEST), 'utf8')) as Manifest;

describe('data/index', () => {
  const skipped: ImportProblem[] = [];
  const files = listInputFiles([demoArticlesDir], { skip: (p) => skipped.push(p) });

  it('was built from data/articles, every file of which imports', () => {
    expect(skipped).toEqual([]);
    expect(manifest.inputs, `${FIX} (it was built from other inputs)`).toEqual([path.relative(demoIndexDir, demoArticlesDir)]);
  });

  it('was built from the current files of data/articles', () => {
    // The digest covers each file's path, size and bytes; build:demo passes the index folder
    // as the digest's base, as `newsq index … --index data/index` does.
    expect(manifest.inputsDigest, `${FIX} (an article was added, removed, renamed or changed)`).toBe(inputsDigest(files, demoIndexDir));
  });

  it('was built by this version of the Arabic analyzer', () => {
    expect(`${manifest.analyzerVersion}/${manifest.analyzerFingerprint}`, `${FIX} (the analyzer changed)`).toBe(
      `${ANALYZER_VERSION}/${analyzerFingerprint()}`,
    );
  });

  it('is in the index format this newsq reads, and opens', () => {
    expect(manifest.formatVersion, `${FIX} (the index format changed)`).toBe(FORMAT_VERSION);
    let opened: ArchiveIndex | null = null;
    try {
      opened = ArchiveIndex.open(demoIndexDir);
    } catch (err) {
      expect.fail(`${FIX}: ${(err as Error).message}`);
    }
    try {
      expect(opened!.documentCount, FIX).toBe(files.length);
    } finally {
      opened!.close();
    }
  });

  it('records where each article came from relative to itself, not the building machine\'s paths', () => {
    const index = ArchiveIndex.open(demoIndexDir);
    try {
      for (const seg of index.segments) {
        for (let local = 0; local < seg.info.docCount; local++) {
          const stored = seg.storedRecord(local).article.origin.path;
          expect(path.isAbsolute(stored), `${FIX} (an origin is the absolute path ${stored})`).toBe(false);
          expect(stored.startsWith(`${path.relative(demoIndexDir, demoArticlesDir)}${path.sep}`)).toBe(true);
        }
      }
      // Read through the index, an origin is a path on this machine again.
      const first = index.stored([...index.liveDocs()][0]!).origin.path;
      expect(path.dirname(first)).toBe(demoArticlesDir);
    } finally {
      index.close();
    }
  });
});
