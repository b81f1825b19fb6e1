// The five-article fixture archive, imported the way the builder imports it (for the
// expected values) and built into an index in a temporary folder.

import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../src/model/article';
import { buildIndex, type BuildSummary } from '../../src/ingest/build';
import { listInputFiles, readArticles, type ImportProblem } from '../../src/ingest/importer';
import { projectRoot } from '../support/cli';

/** The fixture folder. */
export const SMALL_ARCHIVE = path.join(projectRoot, 'tests', 'fixtures', 'import', 'small-archive');

/** The fixture's articles as imported (keywords not split yet), in archive order. */
export function importedArticles(dir = SMALL_ARCHIVE): Article[] {
  const events = { skip: () => {}, warn: () => {} };
  return [...readArticles(listInputFiles([dir], events), { utcOffset: '+03:00' }, events)].map((a) => a.article);
}

/** Builds an index of `inputs` into `indexDir`, collecting problems. */
export function buildSmall(indexDir: string, inputs = [SMALL_ARCHIVE], opts: { strict?: boolean; memory?: number } = {}) {
  const skipped: ImportProblem[] = [];
  const warned: ImportProblem[] = [];
  const summary: BuildSummary = buildIndex(inputs, indexDir, {
    utcOffset: '+03:00',
    now: () => new Date('2016-06-01T12:00:00Z'),
    events: { skip: (p) => skipped.push(p), warn: (p) => warned.push(p) },
    ...opts,
  });
  return { summary, skipped, warned };
}

/** Copies an index folder (to damage the copy). */
export function copyIndex(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}
