// Big inputs: a JSON Lines file of several hundred MB is streamed and indexed in bounded
// memory (peak RSS of the child process, measured by the process itself), a JSON array
// above the size limit is refused with a message saying what to do, and a JSON Lines file
// whose records sit on one huge line does not take time growing with the square of its size.
// The files are generated at test time from repeated buffers. The largest case (300 MB of
// article text, all of it indexed: about a minute) runs only with NEWSQ_RELIABILITY_LARGE=1.

import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, listInputFiles, readArticles, urlId } from '../../src/ingest/importer';
import { runCli, tempDir } from '../support/cli';
import { demoVocabulary, newsqSync, peakRssEnv, readPeakRssMiB, writeRepeated } from '../support/reliability';
import { rng } from '../../src/synth/generate';

const tmp = tempDir('rel-large');
afterAll(() => tmp.remove());

const MiB = 1024 * 1024;
/** The streamed file's size, and the build's segment budget: the file is several budgets large. */
const STREAMED_MIB = 120;
const BUDGET_MIB = 32;
/** Peak memory allowed for streaming it: the budget, the runtime and one segment being written, never the file. */
const STREAMING_PEAK_MIB = 320;

let vocabulary: string[] = [];
beforeAll(() => {
  vocabulary = demoVocabulary();
});

/** Article-like text of about `words` words drawn from the demo vocabulary. */
function prose(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[Math.floor(random() * vocabulary.length)]!);
  return out.join(' ');
}

/**
 * Writes a JSON Lines file of at least `bytes` bytes: SaudiNewsNet-style records, each with
 * its own URL (so its own id) and `padding` bytes of a field no article field maps to (the
 * raw HTML many exports carry). Record templates are built once; only the URL's number
 * changes, written into the template's bytes.
 */
function writeJsonLines(file: string, bytes: number, wordsPerRecord: number, padding: number): number {
  const random = rng(7);
  const templates = Array.from({ length: 64 }, (_v, k) =>
    Buffer.from(
      JSON.stringify({
        url: 'https://example.test/article/00000000',
        title: `${prose(random, 6)} ${k}`,
        date_extracted: '2015-07-23 10:15:00',
        source: 'example',
        content: prose(random, wordsPerRecord),
        raw_html: `<div>${'x'.repeat(padding)}</div>`,
      }) + '\n',
    ),
  );
  const slot = templates.map((t) => t.indexOf('00000000'));
  const block: Buffer[] = [];
  let blockBytes = 0;
  let written = 0;
  let n = 0;
  const fd = openSync(file, 'w');
  const flush = (): void => {
    written += writeSync(fd, Buffer.concat(block));
    block.length = 0;
    blockBytes = 0;
  };
  try {
    while (written + blockBytes < bytes) {
      const k = n % templates.length;
      const rec = Buffer.from(templates[k]!);
      rec.write(String(n).padStart(8, '0'), slot[k]!, 'latin1');
      block.push(rec);
      blockBytes += rec.length;
      n++;
      if (blockBytes >= 8 * MiB) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return n;
}

describe('a JSON Lines file several times the memory budget', () => {
  it('is streamed: every record indexed, segments written at the budget, peak memory bounded by it', () => {
    const file = path.join(tmp.dir, 'export.jsonl');
    // About 12 KB a record: 350 words of text and 10 KB of unmapped markup.
    const records = writeJsonLines(file, STREAMED_MIB * MiB, 350, 10_000);
    expect(statSync(file).size).toBeGreaterThanOrEqual(STREAMED_MIB * MiB);
    const report = path.join(tmp.dir, 'rss-jsonl');
    const index = path.join(tmp.dir, 'jsonl-index');
    const r = newsqSync(['index', file, '--index', index, '--quiet', '--memory', String(BUDGET_MIB)], { env: peakRssEnv(tmp.dir, report), timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const peak = readPeakRssMiB(report);
    expect(peak).toBeLessThan(STREAMING_PEAK_MIB);
    // Nothing lost, the last record included.
    const stats = JSON.parse(runCli(['stats', '--format', 'json', '--index', index]).stdout);
    expect(stats.documents).toBe(records);
    // The segment was written out at the budget, more than once.
    expect(stats.index.segments).toBeGreaterThan(1);
    const last = runCli(['show', urlId(`https://example.test/article/${String(records - 1).padStart(8, '0')}`), '--format', 'json', '--index', index]);
    expect(last.code, last.stderr).toBe(0);
    console.info(`${STREAMED_MIB} MB JSON Lines (${records} records) at --memory ${BUDGET_MIB}: peak RSS ${peak.toFixed(0)} MiB`);
  }, 300_000);
});

describe('a JSON array above the size limit', () => {
  it('600 MB: skipped with the limit and what to do, without being read into memory; the files beside it are indexed', () => {
    const file = path.join(tmp.dir, 'huge.json');
    const record = JSON.stringify({ url: 'https://example.test/same', title: 'عنوان', content: 'نص '.repeat(2000) });
    const size = writeRepeated(file, `[${record}`, `,${record}`, ']', 600 * MiB);
    const good = path.join(tmp.dir, 'good.jsonl');
    writeJsonLines(good, 1, 50, 0);
    const report = path.join(tmp.dir, 'rss-json');
    const r = newsqSync(['index', file, good, '--index', path.join(tmp.dir, 'json-index')], { env: peakRssEnv(tmp.dir, report), timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `newsq: skipped ${file}: file of ${Math.round(size / MiB)} MB exceeds the ${DEFAULT_MAX_FILE_BYTES / MiB} MB limit (split it, convert it to JSON Lines, or raise --max-file-size)\n`,
    );
    expect(r.stderr).toMatch(/indexed 1 article into .*, 1 skipped$/m);
    const peak = readPeakRssMiB(report);
    expect(peak).toBeLessThan(300);
    console.info(`600 MB JSON array refused: peak RSS ${peak.toFixed(0)} MiB`);
  }, 120_000);

  it('honours --max-file-size, and refuses a value that is not a whole number of MB', () => {
    const file = path.join(tmp.dir, 'small.json');
    writeRepeated(file, '[', '{"title":"عنوان","body":"نص"},', '{"title":"آخر","body":"نص"}]', 2 * MiB);
    const refused = runCli(['index', file, '--index', path.join(tmp.dir, 'limit-index'), '--max-file-size', '1']);
    // The only input skipped: nothing to index is an error (exit 1 is for queries that find nothing).
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exceeds the 1 MB limit/);
    expect(refused.stderr).toMatch(/no articles found in the inputs; no index was written\n$/);
    const bad = runCli(['index', file, '--index', path.join(tmp.dir, 'limit-index'), '--max-file-size', '1e3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('newsq: --max-file-size must be a whole number, got "1e3"\n');
  });
});

describe('a JSON Lines file holding one enormous line', () => {
  /**
   * Bytes the importer copies into joined lines and bytes it hands to the newline search
   * while it reads a file, counted on Buffer itself: work, not time, so the check does not
   * depend on how busy the machine is.
   */
  function importWork(file: string): { joined: number; searched: number } {
    const events = { skip: () => {}, warn: () => {} };
    const work = { joined: 0, searched: 0 };
    const concat = Buffer.concat;
    const indexOf = Buffer.prototype.indexOf;
    const joins = vi.spyOn(Buffer, 'concat').mockImplementation((list, total) => {
      const out = concat(list, total);
      work.joined += out.length;
      return out;
    });
    const searches = vi.spyOn(Buffer.prototype, 'indexOf').mockImplementation(function (this: Buffer, value, from, encoding) {
      if (value === 10) work.searched += this.length - (typeof from === 'number' ? from : 0);
      return indexOf.call(this, value, from, encoding);
    });
    try {
      for (const _a of readArticles(listInputFiles([file], events), { utcOffset: '+03:00' }, events)) {
        // Only the work matters.
      }
    } finally {
      joins.mockRestore();
      searches.mockRestore();
    }
    return work;
  }

  // The line reader once appended every 1 MB chunk to the unfinished line and searched it
  // again from its start: a line of n MB cost n²/2 MB of copying and searching (30 MB took
  // ~4 s). Each byte must now be searched once and joined at most once.
  it('reads a 16 MB line joining and searching each byte about once, not once per chunk', () => {
    const value = JSON.stringify('نص الخبر '.repeat(500));
    const oneLine = path.join(tmp.dir, 'one-line.jsonl');
    const size = writeRepeated(oneLine, `[${value}`, `,${value}`, ']\n', 16 * MiB);
    const work = importWork(oneLine);
    expect(work.joined).toBeGreaterThan(size - 16);
    expect(work.joined).toBeLessThanOrEqual(size);
    expect(work.searched).toBeGreaterThanOrEqual(size - 16);
    expect(work.searched).toBeLessThan(1.1 * size);
  }, 120_000);
});

describe('a JSON Lines line above the line limit', () => {
  it('is skipped with its line number and size, without being kept whole; the lines after it are read', () => {
    const file = path.join(tmp.dir, 'long-line.jsonl');
    const good = (n: number) => JSON.stringify({ title: `عنوان ${n}`, body: 'نص الخبر', date: '2014-11-07' });
    const long = JSON.stringify({ title: 'طويل', body: 'نص '.repeat(1_200_000) });
    writeFileSync(file, `${good(1)}\n${long}\n${good(2)}\n${long}`);
    const mb = Math.round(Buffer.byteLength(long) / MiB);
    const r = runCli(['index', file, '--index', path.join(tmp.dir, 'line-limit-index'), '--max-file-size', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`newsq: skipped ${file}:2: line of ${mb} MB exceeds the 2 MB line limit\n`);
    expect(r.stderr).toContain(`newsq: skipped ${file}:4: line of ${mb} MB exceeds the 2 MB line limit\n`);
    expect(r.stderr).toMatch(/indexed 2 articles into .*, 2 skipped$/m);
  });

  it('reports a JSON array written on one line as such, not as a bad record', () => {
    const file = path.join(tmp.dir, 'array.jsonl');
    writeFileSync(file, JSON.stringify([{ title: 'عنوان', body: 'نص' }]) + '\n');
    const r = runCli(['index', file, '--index', path.join(tmp.dir, 'array-index')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: a JSON array of records on one line`);
  });
});

describe.skipIf(!process.env.NEWSQ_RELIABILITY_LARGE)('300 MB of article text (NEWSQ_RELIABILITY_LARGE=1)', () => {
  it('is indexed whole within the default memory budget', () => {
    const file = path.join(tmp.dir, 'text.jsonl');
    const records = writeJsonLines(file, 300 * MiB, 2000, 0);
    const report = path.join(tmp.dir, 'rss-text');
    const index = path.join(tmp.dir, 'text-index');
    const r = newsqSync(['index', file, '--index', index, '--quiet'], { env: peakRssEnv(tmp.dir, report), timeoutMs: 600_000 });
    expect(r.code, r.stderr).toBe(0);
    const peak = readPeakRssMiB(report);
    console.info(`300 MB of article text (${records} records): peak RSS ${peak.toFixed(0)} MiB`);
    // The default budget (512 MB) and the runtime: the 1 GB.
    expect(peak).toBeLessThan(1024);
    expect(JSON.parse(runCli(['stats', '--format', 'json', '--index', index]).stdout).documents).toBe(records);
  }, 600_000);
});
