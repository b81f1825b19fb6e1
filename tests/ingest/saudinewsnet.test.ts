// One real SaudiNewsNet day through the importer: every record of the zipped JSON array
// must come out as an article or as a reported skip, nothing lost silently.

import { sourceName } from '../../src/ingest/sources';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listInputFiles, readArticles, urlId, type ImportedArticle, type ImportProblem } from '../../src/ingest/importer';
import { sharedDir } from '../support/cli';
import { readZipEntries } from '../support/output-zip';

const corpus = path.join(sharedDir, 'corpora', 'saudinewsnet');
const DAY = '2015-07-23';
const zipFile = path.join(corpus, `${DAY}.zip`);
const haveZip = existsSync(zipFile);
if (!haveZip) console.warn(`saudinewsnet.test: ${zipFile} is absent (../shared not mounted); SaudiNewsNet import test skipped`);

interface SnnRecord {
  source: string;
  url: string;
  date_extracted: string;
  title: string;
  author: string;
  content: string;
}

/** The day's records, read with Info-ZIP when installed (independent of newsq's zip reader). */
function records(): SnnRecord[] {
  const r = spawnSync('unzip', ['-p', zipFile, `${DAY}.json`], { maxBuffer: 256 << 20 });
  const json = r.status === 0 ? r.stdout.toString('utf8') : readZipEntries(zipFile).get(`${DAY}.json`)!.toString('utf8');
  return JSON.parse(json) as SnnRecord[];
}

describe.skipIf(!haveZip)(`SaudiNewsNet ${DAY}.zip`, () => {
  const expected = haveZip ? records() : [];
  const articles: ImportedArticle[] = [];
  const skipped: ImportProblem[] = [];
  const warned: ImportProblem[] = [];
  if (haveZip) {
    const events = { skip: (p: ImportProblem) => skipped.push(p), warn: (p: ImportProblem) => warned.push(p) };
    for (const a of readArticles(listInputFiles([zipFile], events), { utcOffset: '+03:00' }, events)) articles.push(a);
  }
  const empty = expected.flatMap((r, i) => (!r.title.trim() && !r.content.trim() ? [i + 1] : []));

  it('accounts for every record: imported, or skipped with its record number', () => {
    expect(expected.length).toBeGreaterThan(1000);
    expect(articles.length).toBe(expected.length - skipped.length);
    expect(skipped.map((p) => p.record)).toEqual(empty);
    expect(skipped.every((p) => p.path === `${zipFile}:${DAY}.json` && p.reason === 'no title and no body')).toBe(true);
    expect(warned).toEqual([]);
  });

  it('keeps the records in order with their URL, URL-derived id and extraction time', () => {
    const kept = expected.map((r, i) => ({ r, n: i + 1 })).filter(({ n }) => !empty.includes(n));
    expect(articles.map((a) => a.article.origin.record)).toEqual(kept.map(({ n }) => n));
    articles.forEach(({ article }, i) => {
      const { r } = kept[i]!;
      expect(article.url).toBe(r.url.trim());
      expect(article.id).toBe(urlId(r.url));
      expect(article.source).toBe(sourceName(r.source));
      expect(article.date).toBe(`${r.date_extracted.replace(' ', 'T').slice(0, 16)}:00+03:00`);
      expect(article.author).toBe(r.author.trim() || null);
      expect(article.title).toBe(r.title.replace(/\s+/g, ' ').trim());
    });
  });

  it('keeps every word of the content in the body paragraphs', () => {
    articles.forEach(({ article }, i) => {
      const r = expected[article.origin.record! - 1]!;
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(words(article.body.map((b) => b.text).join(' ')), `record ${i + 1}`).toEqual(words(r.content));
    });
  });
});
