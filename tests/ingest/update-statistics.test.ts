// Adding articles without deleting any updates the archive statistics from the previous
// manifest instead of reading every document again: they must equal what a full build of
// the same articles records.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST, type Manifest } from '../../src/index/format';
import { updateIndex } from '../../src/ingest/update';
import { liveStatistics } from '../../src/index/writer';
import { tempDir } from '../support/cli';
import { SMALL_ARCHIVE, buildSmall } from '../index/small-archive';

const tmp = tempDir('added-stats');
afterAll(() => tmp.remove());

const file = (name: string) => path.join(SMALL_ARCHIVE, name);
const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
const statsOf = (m: Manifest) => ({ count: m.documentCount, totals: m.totalFieldLength, firstDay: m.firstDay, lastDay: m.lastDay });
const quiet = { skip: () => {}, warn: () => {} };

describe('statistics after adding articles', () => {
  // Start from the middle of the date range; the additions reach earlier, later and undated.
  it.each([
    [['02_council-endorses-deal.txt'], ['01_opec-keeps-ceiling.txt', '04_undated-oil-report.txt'], ['03_khamenei-letter.txt', '05_records.json']],
    [['04_undated-oil-report.txt'], ['03_khamenei-letter.txt'], ['01_opec-keeps-ceiling.txt', '02_council-endorses-deal.txt', '05_records.json']],
  ])('built from %j, then adding %j and %j, equal a full build', (first, second, third) => {
    const dir = path.join(tmp.dir, `add-${first[0]}`);
    buildSmall(dir, first.map(file));
    const before = statsOf(manifestOf(dir));
    for (const batch of [second, third]) updateIndex(dir, { add: batch.map(file), utcOffset: '+03:00', events: quiet });
    const added = statsOf(manifestOf(dir));

    const full = path.join(tmp.dir, `full-${first[0]}`);
    buildSmall(full, [...first, ...second, ...third].map(file));
    expect(added).toEqual(statsOf(manifestOf(full)));
    expect(added).toEqual(liveStatistics(dir, manifestOf(dir).segments));
    expect(added.count).toBe(before.count + second.length + third.length);
  });

  it('are read again from the documents when an addition replaces an article', () => {
    const dir = path.join(tmp.dir, 'replace');
    buildSmall(dir, [file('01_opec-keeps-ceiling.txt'), file('02_council-endorses-deal.txt')]);
    updateIndex(dir, { add: [file('02_council-endorses-deal.txt'), file('03_khamenei-letter.txt')], utcOffset: '+03:00', events: quiet });
    const full = path.join(tmp.dir, 'replace-full');
    buildSmall(full, ['01_opec-keeps-ceiling.txt', '02_council-endorses-deal.txt', '03_khamenei-letter.txt'].map(file));
    expect(statsOf(manifestOf(dir))).toEqual(statsOf(manifestOf(full)));
  });
});
