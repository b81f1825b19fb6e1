// A build whose articles are analysed on a worker thread (src/ingest/analysis-thread.ts)
// must write the index a single-threaded build writes: the same segment files byte for byte
// when the segmentation is the same, and the same answers to every kind of query when a
// small memory budget makes the two builds write and merge segments at different points.
// The worker loads the bundle, so this runs bin/newsq.js.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoArticlesDir, demoIndexDir, projectRoot, sharedDir, tempDir } from '../support/cli';

const bin = path.join(projectRoot, 'bin', 'newsq.js');
const snnDay = path.join(sharedDir, 'corpora', 'saudinewsnet', '2015-07-23.zip');
const haveSnn = existsSync(snnDay);
if (!haveSnn) console.warn(`analysis-thread.test: ${snnDay} is absent (../shared not mounted); the SaudiNewsNet day is skipped`);

const QUERIES = ['خامنئي', '"الاتفاق النووي"', 'العقوبات إيران', 'date:2015', 'نووي*', 'خامنئي~1', 'tag:إيران', 'source:"واس"'];
const SNN_QUERIES = ['السعودية', '"ولي العهد"', 'أسعار النفط', 'source:okaz', 'date:2015-07-23', 'وزار*', 'الرياض~1'];

const tmp = tempDir('newsq-analysis-thread-');
afterAll(() => tmp.remove());

async function build(input: string, name: string, thread: '0' | '1', memory?: number): Promise<string> {
  const dir = path.join(tmp.dir, name);
  const env = { NEWSQ_ANALYSIS_THREAD: thread, NODE_EXTRA_CA_CERTS: '' };
  await execa('node', [bin, 'index', input, '--index', dir, '-q', ...(memory ? ['--memory', String(memory)] : [])], { env });
  return dir;
}

async function answers(dir: string, queries: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const q of queries) {
    const r = await execa('node', [bin, 'search', q, '--json', '--limit', '50', '--index', dir], { reject: false, env: { NODE_EXTRA_CA_CERTS: '' } });
    out.push(`${q}\n${r.exitCode}\n${r.stdout}`);
  }
  return out;
}

function segmentFiles(dir: string): Map<string, Buffer> {
  // Every file but the manifest, which records when it was written.
  return new Map(readdirSync(dir).filter((f) => f !== 'manifest.json').sort().map((f) => [f, readFileSync(path.join(dir, f))]));
}

describe('a build with the analysis thread', () => {
  let threaded = '';
  let single = '';
  beforeAll(async () => {
    [threaded, single] = await Promise.all([build(demoArticlesDir, 'demo-thread', '1'), build(demoArticlesDir, 'demo-single', '0')]);
  });

  it('writes the demo archive byte for byte as a single thread does, and as the shipped index holds it', () => {
    const ours = segmentFiles(threaded);
    const theirs = segmentFiles(single);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    for (const [name, bytes] of theirs) expect(ours.get(name)!.equals(bytes), name).toBe(true);
    // The shipped store records origins relative to data/index, where these builds lie elsewhere.
    const shipped = segmentFiles(demoIndexDir);
    expect([...ours.keys()]).toEqual([...shipped.keys()]);
    for (const [name, bytes] of shipped) if (!name.endsWith('.sto')) expect(ours.get(name)!.equals(bytes), name).toBe(true);
  });

  it('answers every kind of query as the shipped index does, also when a tiny budget splits the build into segments', async () => {
    const split = await build(demoArticlesDir, 'demo-thread-split', '1', 1);
    expect(readdirSync(split).filter((f) => f.endsWith('.pst')).length).toBeGreaterThan(1);
    const expected = await answers(demoIndexDir, QUERIES);
    expect(expected.filter((a) => a.split('\n')[1] === '0').length).toBeGreaterThan(QUERIES.length / 2);
    expect(await answers(threaded, QUERIES)).toEqual(expected);
    expect(await answers(split, QUERIES)).toEqual(expected);
  });

  it.skipIf(!haveSnn)('builds a SaudiNewsNet day as one thread does, in one segment or in many', async () => {
    const [one, many, single] = await Promise.all([build(snnDay, 'snn-thread', '1'), build(snnDay, 'snn-thread-split', '1', 4), build(snnDay, 'snn-single', '0')]);
    const a = segmentFiles(one);
    for (const [name, bytes] of segmentFiles(single)) expect(a.get(name)!.equals(bytes), name).toBe(true);
    expect(readdirSync(many).filter((f) => f.endsWith('.pst')).length).toBeGreaterThan(1);
    const expected = await answers(single, SNN_QUERIES);
    expect(await answers(one, SNN_QUERIES)).toEqual(expected);
    expect(await answers(many, SNN_QUERIES)).toEqual(expected);
  });
});
