// A damaged or incompatible index, as every reading command meets it: each command either
// answers exactly as on the intact index (it did not need the damaged part) or exits 2
// with one line that names the problem and the command that rebuilds the index — never a
// stack trace, never other results. The reader-level checks (every bit of every segment
// file) are in tests/index/index-corruption.test.ts; this is the CLI's side.

import { cpSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, MANIFEST, type Manifest } from '../../src/index/format';
import { demoArticlesDir, runCli, tempDir, type CliResult } from '../support/cli';
import { manifestOf, newsqSync } from '../support/reliability';

const tmp = tempDir('rel-damage');
afterAll(() => tmp.remove());

/** Every reading command, on articles of the demo archive. */
const COMMANDS: string[][] = [
  ['search', 'إيران'],
  ['search', '"الاتفاق النووي"', '--format', 'json'],
  ['show', '54172a987771', '--format', 'json'],
  ['tag', 'إيران'],
  ['tags'],
  ['date', '2015'],
  ['related', '45a73cc51dcd', '--format', 'json'],
  ['related', '54172a987771', '--similar', '--format', 'json'],
  // By headline: every headline of the archive is compared (the headlines file is read).
  ['related', 'خامنئي يوجه رسالة إلى الشباب في أوروبا وأمريكا الشمالية', '--format', 'json'],
  ['timeline', 'إيران'],
  ['stats', '--format', 'tsv'],
];

let pristine = '';
let manifest: Manifest;
let segment = '';
const intact = new Map<string, CliResult>();
let copies = 0;

function run(cmd: string[], dir: string): CliResult {
  const r = runCli([...cmd, '--index', dir]);
  return { code: r.code, stdout: r.stdout.replaceAll(dir, '<index>'), stderr: r.stderr.replaceAll(dir, '<index>') };
}

beforeAll(() => {
  pristine = path.join(tmp.dir, 'pristine');
  expect(runCli(['index', demoArticlesDir, '--index', pristine, '--quiet']).code).toBe(0);
  // A deletion gives the index a deletion bitmap to damage too.
  expect(runCli(['index', '--delete', '9910a795592f', '--index', pristine, '--quiet']).code).toBe(0);
  manifest = manifestOf(pristine);
  segment = manifest.segments[0]!.name;
  for (const cmd of COMMANDS) intact.set(cmd.join(' '), run(cmd, pristine));
});

function copy(): string {
  const dir = path.join(tmp.dir, `copy-${++copies}`);
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

function flipByte(file: string, at: (size: number) => number, mask = 0x10): void {
  const bytes = readFileSync(file);
  bytes[at(bytes.length)]! ^= mask;
  writeFileSync(file, bytes);
}

interface Outcome {
  detectedBy: string[];
  /** Commands whose answers changed without an error: the failures this suite exists to catch. */
  silent: string[];
  /** Errors that do not follow the rules (several lines, no rebuild command, an exit code other than 2). */
  badErrors: string[];
}

/** Runs every command on a damaged copy and sorts the outcomes. */
function survey(dir: string, mentions: RegExp): Outcome {
  const out: Outcome = { detectedBy: [], silent: [], badErrors: [] };
  for (const cmd of COMMANDS) {
    const key = cmd.join(' ');
    const r = run(cmd, dir);
    const before = intact.get(key)!;
    if (r.code === before.code && r.stdout === before.stdout && r.stderr === before.stderr) continue;
    if (r.code !== 2 || r.stdout !== '') {
      out.silent.push(`${key} → exit ${r.code}, ${r.stdout.length} bytes out, ${JSON.stringify(r.stderr.slice(0, 200))}`);
      continue;
    }
    const lines = r.stderr.trimEnd().split('\n');
    const rules = lines.length === 1 && /^newsq: /.test(lines[0]!) && /newsq index .*--index <index>/.test(lines[0]!) && mentions.test(lines[0]!);
    if (rules) out.detectedBy.push(key);
    else out.badErrors.push(`${key}: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  }
  return out;
}

type Damage = [name: string, damage: (dir: string) => void, mentions: RegExp];

/** Damages a fresh copy of the index and surveys it: no command may answer differently without an error, or fail outside the rules. */
function surveyDamage(damage: (dir: string) => void, mentions: RegExp): Outcome {
  const dir = copy();
  damage(dir);
  const o = survey(dir, mentions);
  expect(o.silent).toEqual([]);
  expect(o.badErrors).toEqual([]);
  return o;
}

/** Damages of each segment file; `whole` marks those every read of the file notices (its size is checked on open). */
function segmentDamages(): Array<[...Damage, boolean]> {
  const out: Array<[...Damage, boolean]> = [];
  for (const ext of ['tim', 'pst', 'pos', 'doc', 'sto', 'ids', 'ttl', 'sig']) {
    const file = (dir: string) => path.join(dir, `${segment}.${ext}`);
    const named = new RegExp(`${segment}\\.${ext}: `);
    out.push([`.${ext} truncated to half`, (dir) => truncateSync(file(dir), Math.floor(readFileSync(file(dir)).length / 2)), named, true]);
    out.push([`.${ext} with a byte appended`, (dir) => writeFileSync(file(dir), Buffer.concat([readFileSync(file(dir)), Buffer.from([0])])), named, true]);
    out.push([`.${ext} with a byte altered in the middle`, (dir) => flipByte(file(dir), (n) => Math.floor(n / 2)), named, false]);
    out.push([`.${ext} with a byte altered near the start`, (dir) => flipByte(file(dir), () => 17, 0x01), named, false]);
    out.push([`.${ext} missing`, (dir) => unlinkSync(file(dir)), named, true]);
  }
  return out;
}

describe('damaged segment files', () => {
  it.each(segmentDamages())('%s: each command answers as before or exits 2 naming the file and the rebuild command', (_name, damage, mentions, whole) => {
    const o = surveyDamage(damage, mentions);
    // Some command reads every file, so a damage to the whole file is found by at least one; an
    // altered byte is found by the commands that read that part (checksums per part), and the
    // others answer as before.
    if (whole) expect(o.detectedBy.length).toBeGreaterThan(0);
  });
});

describe('a damaged deletion bitmap', () => {
  const file = (dir: string) => path.join(dir, manifest.segments[0]!.deletions!);
  it.each<Damage>([
    ['emptied', (dir) => writeFileSync(file(dir), ''), /\.del\d+: /],
    ['with one more article marked deleted', (dir) => flipByte(file(dir), () => 0, 0x01), /\.del\d+: /],
    ['with its one deletion cleared', (dir) => writeFileSync(file(dir), Buffer.alloc(readFileSync(file(dir)).length)), /\.del\d+: /],
    ['missing', (dir) => unlinkSync(file(dir)), /\.del\d+: /],
  ])('%s: never brings the deleted article back or hides a live one', (_name, damage, mentions) => {
    const o = surveyDamage(damage, mentions);
    expect(o.detectedBy.length).toBeGreaterThan(0);
  });
});

describe('damaged sidecars (keywords, related-story links)', () => {
  const sidecar = (dir: string, which: 'keywords' | 'links') => path.join(dir, manifest.sidecars[which]!);
  it.each<Damage>([
    ['keywords sidecar missing', (dir) => unlinkSync(sidecar(dir, 'keywords')), /keywords-\d+\.json: /],
    ['keywords sidecar cut short', (dir) => truncateSync(sidecar(dir, 'keywords'), 100), /keywords-\d+\.json: /],
    ['links sidecar missing', (dir) => unlinkSync(sidecar(dir, 'links')), /links-\d+\.json: /],
    ['links sidecar cut short', (dir) => truncateSync(sidecar(dir, 'links'), 100), /links-\d+\.json: /],
  ])('%s', (_name, damage, mentions) => {
    const o = surveyDamage(damage, mentions);
    expect(o.detectedBy.length).toBeGreaterThan(0);
  });

  // Sidecars are JSON, so an edit can keep them parseable; the manifest's size and CRC catch it.
  it('a changed character inside the links sidecar is detected', () => {
    const dir = copy();
    const file = sidecar(dir, 'links');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"target":"') + '"target":"'.length + 3;
    writeFileSync(file, text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1));
    const o = survey(dir, /links-\d+\.json: /);
    expect(o.silent).toEqual([]);
  });

  it('an addition refuses to build on a damaged sidecar instead of publishing an index without the old links', () => {
    const dir = copy();
    unlinkSync(sidecar(dir, 'links'));
    const r = runCli(['index', '--add', path.join(demoArticlesDir, '01_khamenei-prostate-surgery.txt'), '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(manifest.sidecars.links!);
    // Nothing was published: the index still reports the damage rather than answering without links.
    expect(manifestOf(dir)).toEqual(manifest);
  });
});

describe('a damaged or incompatible manifest', () => {
  const edit = (change: (m: Record<string, unknown>) => void) => (dir: string) => {
    const m = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as Record<string, unknown>;
    change(m);
    writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m));
  };
  it.each<Damage>([
    ['manifest cut short (not JSON)', (dir) => truncateSync(path.join(dir, MANIFEST), 200), /manifest\.json is damaged/],
    ['manifest emptied', (dir) => writeFileSync(path.join(dir, MANIFEST), ''), /manifest\.json is damaged/],
    ['manifest holding a JSON array', (dir) => writeFileSync(path.join(dir, MANIFEST), '[]'), /manifest\.json is not a newsq index manifest/],
    ['manifest of another program', edit((m) => (m.format = 'lucene-index')), /not a newsq index manifest/],
    ['manifest without its segment list', edit((m) => delete m.segments), /not a newsq index manifest/],
    ['a newer index format', edit((m) => (m.formatVersion = FORMAT_VERSION + 1)), new RegExp(`index format ${FORMAT_VERSION + 1} at <index>, this newsq reads format ${FORMAT_VERSION}`)],
    ['an older index format', edit((m) => (m.formatVersion = FORMAT_VERSION - 1)), new RegExp(`index format ${FORMAT_VERSION - 1}`)],
    ['another analyzer version', edit((m) => (m.analyzerVersion = 99)), /another version of the Arabic analyzer/],
    ['another analyzer fingerprint', edit((m) => (m.analyzerFingerprint = '000000000000')), /another version of the Arabic analyzer/],
    ['other index fields', edit((m) => (m.fields = ['title', 'body'])), /has fields title,body/],
    ['a segment whose files are all gone', (dir) => { for (const ext of Object.keys(manifest.segments[0]!.sizes)) rmSync(path.join(dir, `${segment}.${ext}`)); }, new RegExp(segment)],
  ])('%s: every command exits 2 with one line and the rebuild command', (_name, damage, mentions) => {
    const o = surveyDamage(damage, mentions);
    if (!/segment whose files/.test(_name)) expect(o.detectedBy).toHaveLength(COMMANDS.length);
  });

  it('a missing index: exit 2, one line saying how to build it', () => {
    const dir = copy();
    unlinkSync(path.join(dir, MANIFEST));
    for (const cmd of COMMANDS) {
      const r = run(cmd, dir);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^newsq: no index at <index>; run `newsq index <archive files or folders> --index <index>` to build it, or point --index\/NEWSQ_INDEX at an index\n$/);
    }
  });

  // A bit flip that keeps the manifest valid JSON can rename a key ("deletions", "sidecars",
  // "documentCount"…); its checksum must catch every one of them.
  it('every single-bit change of the manifest is detected or leaves every answer as it was', () => {
    const dir = copy();
    const file = path.join(dir, MANIFEST);
    const original = readFileSync(file);
    // The list of input paths is most of the file and changes no answer; flip everything else.
    const text = original.toString('latin1');
    const inputsStart = text.indexOf('"inputs"');
    const inputsEnd = text.indexOf(']', inputsStart);
    const problems: string[] = [];
    for (let i = 0; i < original.length; i++) {
      if (i > inputsStart && i < inputsEnd) continue;
      const bytes = Buffer.from(original);
      bytes[i]! ^= 0x01;
      writeFileSync(file, bytes);
      const o = survey(dir, /manifest\.json|<index>/);
      if (o.silent.length || o.badErrors.length) {
        problems.push(`byte ${i} (${JSON.stringify(text.slice(Math.max(0, i - 12), i + 8))}): ${[...o.silent, ...o.badErrors][0]}`);
        // One is enough to fail; the whole sweep runs once the gap is closed.
        break;
      }
    }
    writeFileSync(file, original);
    expect(problems).toEqual([]);
  });

  it('a manifest holding JSON null is reported like any other damaged manifest', () => {
    const dir = copy();
    writeFileSync(path.join(dir, MANIFEST), 'null');
    const o = survey(dir, /manifest\.json/);
    expect(o.badErrors).toEqual([]);
  });
});

describe('through the real program', () => {
  it.each<[string, (dir: string) => void, string[]]>([
    ['a truncated postings file', (dir) => truncateSync(path.join(dir, `${segment}.pst`), 10), ['search', 'إيران']],
    ['a stored-articles file grown by a byte', (dir) => writeFileSync(path.join(dir, `${segment}.sto`), Buffer.concat([readFileSync(path.join(dir, `${segment}.sto`)), Buffer.from('x')])), ['show', '54172a987771']],
    ['an index of a newer format', (dir) => writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ ...manifest, formatVersion: FORMAT_VERSION + 1 })), ['tags']],
    ['a damaged links sidecar', (dir) => writeFileSync(path.join(dir, manifest.sidecars.links!), '{"x": '), ['related', '45a73cc51dcd']],
  ])('%s: exit 2, one line on stderr, no stack trace', (_name, damage, cmd) => {
    const dir = copy();
    damage(dir);
    const r = newsqSync([...cmd, '--index', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain(`--index ${dir}`);
  });
});
