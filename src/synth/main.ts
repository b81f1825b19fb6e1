// Writes a synthetic archive to disk: `node scripts/generate-archive.mjs --count N --out DIR`.

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Growth, Vocabulary, synthArticle, synthTitle, type SynthOptions } from './generate';

/** Texts to learn vocabulary from: .txt articles, or SaudiNewsNet-style JSON inside .zip files. */
export function* sampleTexts(paths: string[], limitBytes = 64 * 1024 * 1024): Generator<string> {
  let seen = 0;
  for (const path of paths) {
    const st = statSync(path);
    const files = st.isDirectory() ? readdirSync(path).sort().map((f) => join(path, f)) : [path];
    for (const f of files) {
      if (seen > limitBytes) return;
      const ext = extname(f);
      if (ext === '.txt') {
        const t = readFileSync(f, 'utf8');
        seen += t.length;
        yield t;
      } else if (ext === '.zip') {
        for (const json of zipJsonEntries(readFileSync(f))) {
          for (const rec of JSON.parse(json) as Array<{ content?: string; title?: string }>) {
            const t = `${rec.title ?? ''}\n${rec.content ?? ''}`;
            seen += t.length;
            yield t;
          }
        }
      }
    }
  }
}

function* zipJsonEntries(buf: Buffer): Generator<string> {
  // Local file headers in order; enough for the corpus's single-entry zips.
  let p = 0;
  while (p + 30 <= buf.length && buf.readUInt32LE(p) === 0x04034b50) {
    const method = buf.readUInt16LE(p + 8);
    const size = buf.readUInt32LE(p + 18);
    const nameLen = buf.readUInt16LE(p + 26);
    const extra = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 30, p + 30 + nameLen);
    const start = p + 30 + nameLen + extra;
    const data = buf.subarray(start, start + size);
    if (name.endsWith('.json')) yield (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    p = start + size;
  }
}

/** Generates `opts.count` articles into `out` (1,000 files per folder). */
export function generateArchive(out: string, opts: SynthOptions, vocabulary: Vocabulary, onProgress?: (n: number) => void): void {
  const titles = (j: number) => synthTitle(j, vocabulary, opts.seed);
  for (let i = 0; i < opts.count; i++) {
    const dir = join(out, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${String(i).padStart(7, '0')}.txt`), synthArticle(i, vocabulary, opts, titles));
    if (onProgress && i % 10_000 === 0) onProgress(i);
  }
}

/** Generates the articles without writing them and counts their words (as the vocabulary counts them): the distinct count beside the Heaps fit's prediction. */
export function countTerms(opts: SynthOptions, vocabulary: Vocabulary): { articles: number; tokens: number; distinct: number; predicted: number; fit: { k: number; beta: number } } {
  const titles = (j: number) => synthTitle(j, vocabulary, opts.seed);
  const seen = new Set<string>();
  let tokens = 0;
  const word = /[\u0621-\u064A\u0660-\u0669«»0-9]+/g;
  for (let i = 0; i < opts.count; i++) {
    for (const w of synthArticle(i, vocabulary, opts, titles).match(word) ?? []) {
      tokens++;
      seen.add(w);
    }
  }
  const fit = vocabulary.heaps;
  return { articles: opts.count, tokens, distinct: seen.size, predicted: Math.round(fit.k * tokens ** fit.beta), fit };
}

export { Growth };

/** Keywords of the sample articles (their keyword lines, split on the demo's ground-truth-free heuristic: whole lines' words). */
export function sampleKeywords(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const m = /كلمات مفتاحية\s*\n\s*\n([^\n]+)/.exec(t);
    for (const w of m?.[1]?.split(/\s+/) ?? []) if (w.length > 2) out.add(w);
  }
  return [...out];
}

export { Vocabulary };
