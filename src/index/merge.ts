// Merges segments into one, leaving out deleted documents. The inputs' checksums are
// verified first, as a merge reads them whole anyway and would otherwise copy damage into
// the new segment. Terms are merged from the inputs' dictionaries block by block, so
// memory stays bounded whatever the segments' sizes; documents keep their order (the
// inputs' order, then each input's own), and whole compressed blocks of the store are
// copied where none of their documents was deleted.

import { ByteReader } from './bytes';
import type { Directory } from './directory';
import { DictionaryCursor, DictionaryWriter } from './dictionary';
import type { SegmentInfo } from './format';
import { FIELDS, LENGTH_COLUMNS, POSITIONAL } from './schema';
import type { SegmentReader } from './segment-reader';
import { MAGIC, PostingEncoder, SIGNATURE_SIZE, StoreBuilder, writeDocTable, writeIds, writeSignatures, writeSources, writeTitles } from './segment-writer';

/** What a merge wrote: the segment, and the sums of its length columns. */
export interface MergeResult {
  info: SegmentInfo;
  totals: number[];
}

/** Merges `inputs` (in order) into a new segment `name`; null when none of their documents is live. */
export function mergeSegments(dir: Directory, inputs: SegmentReader[], name: string, opts: { verify?: boolean } = {}): MergeResult | null {
  if (opts.verify !== false) for (const seg of inputs) seg.verify();
  // New local number of each input document, -1 when deleted.
  const maps: Int32Array[] = [];
  let count = 0;
  for (const seg of inputs) {
    const map = new Int32Array(seg.info.docCount);
    for (let local = 0; local < map.length; local++) map[local] = seg.isDeleted(local) ? -1 : count++;
    maps.push(map);
  }
  if (count === 0) return null;

  const sizes: Record<string, number> = {};
  // Doc table and signatures.
  const columns = [...LENGTH_COLUMNS.map(() => new Int32Array(count)), new Int32Array(count)];
  const sigs = new Uint16Array(count * SIGNATURE_SIZE);
  inputs.forEach((seg, s) => {
    const map = maps[s]!;
    columns.forEach((out, c) => {
      const col = seg.column(c);
      for (let local = 0; local < map.length; local++) if (map[local]! >= 0) out[map[local]!] = col[local]!;
    });
    const chunk = 8192;
    for (let from = 0; from < map.length; from += chunk) {
      const m = Math.min(chunk, map.length - from);
      const rows = seg.signatureRows(from, m);
      for (let k = 0; k < m; k++) {
        const to = map[from + k]!;
        if (to >= 0) sigs.set(rows.subarray(k * SIGNATURE_SIZE, (k + 1) * SIGNATURE_SIZE), to * SIGNATURE_SIZE);
      }
    }
  });
  const times = columns.pop()!;
  sizes.doc = writeDocTable(dir, `${name}.doc`, columns, times);
  sizes.sig = writeSignatures(dir, `${name}.sig`, count, sigs);
  const totals = columns.map((col) => col.reduce((a, b) => a + b, 0));

  // Ids, headlines and sources.
  for (const [ext, write] of [
    ['ids', writeIds],
    ['ttl', writeTitles],
    ['src', writeSources],
  ] as const) {
    const list = new Array<string>(count);
    inputs.forEach((seg, s) => seg.forEachString(ext, (local, text) => (maps[s]![local]! >= 0 ? (list[maps[s]![local]!] = text) : undefined)));
    sizes[ext] = write(dir, `${name}.${ext}`, list);
  }

  // Stored records: whole blocks where nothing in them was deleted.
  const store = new StoreBuilder();
  inputs.forEach((seg, s) => {
    const map = maps[s]!;
    for (let b = 0; b < seg.storeBlocks; b++) {
      const from = seg.storeBlockStart(b);
      const to = seg.storeBlockStart(b + 1);
      let live = 0;
      for (let local = from; local < to; local++) if (map[local]! >= 0) live++;
      if (live === to - from) store.addBlock(seg.rawStoreBlock(b), live);
      else if (live > 0) {
        const records = seg.storeBlockRecords(b);
        for (let local = from; local < to; local++) if (map[local]! >= 0) store.add(records[local - from]!);
      }
    }
  });
  sizes.sto = store.finish(dir, `${name}.sto`);

  Object.assign(sizes, mergePostings(dir, inputs, maps, name));
  return { info: { name, docCount: count, deletions: null, deletedCount: 0, sizes }, totals };
}

function mergePostings(dir: Directory, inputs: SegmentReader[], maps: Int32Array[], name: string): Record<string, number> {
  const cursors = inputs.map((seg) => new DictionaryCursor(seg.dictionaryReader()));
  const live = cursors.map((c) => c.next());
  const post = dir.createOutput(`${name}.pst`);
  const posi = dir.createOutput(`${name}.pos`);
  const dict = new DictionaryWriter(MAGIC.post.length, MAGIC.pos.length);
  const enc = new PostingEncoder();
  try {
    post.write(Buffer.from(MAGIC.post, 'latin1'));
    posi.write(Buffer.from(MAGIC.pos, 'latin1'));
    for (;;) {
      // The smallest current term among the inputs.
      let min: Buffer | null = null;
      for (let s = 0; s < cursors.length; s++) if (live[s] && (min === null || Buffer.compare(cursors[s]!.bytes, min) < 0)) min = cursors[s]!.bytes;
      if (min === null) break;
      const term = Buffer.from(min);
      // Per field, the inputs holding the term there, in input order.
      const parts: Array<Array<{ s: number; docs: Int32Array; freqs: Int32Array; positions: { offsets: Int32Array; values: Int32Array } | null }>> = FIELDS.map(() => []);
      for (let s = 0; s < cursors.length; s++) {
        if (!live[s] || !cursors[s]!.bytes.equals(term)) continue;
        const seg = inputs[s]!;
        const info = { term: '', ...cursors[s]!.info };
        const rawPos = seg.rawPositions(info);
        for (const fp of seg.decodePostings(seg.rawPostings(info))) {
          const positions = POSITIONAL.has(fp.field) ? decodeFieldPositions(rawPos, fp.field, fp.freqs) : null;
          parts[fp.field]!.push({ s, docs: fp.docs, freqs: fp.freqs, positions });
        }
        live[s] = cursors[s]!.next();
      }
      enc.reset();
      let docFreq = 0;
      parts.forEach((list, field) => {
        if (list.length === 0) return;
        let docs = 0;
        for (const p of list) {
          const map = maps[p.s]!;
          for (let i = 0; i < p.docs.length; i++) if (map[p.docs[i]!]! >= 0) docs++;
        }
        if (docs === 0) return;
        docFreq = Math.max(docFreq, docs);
        enc.beginField(field, POSITIONAL.has(field));
        for (const p of list) {
          const map = maps[p.s]!;
          for (let i = 0; i < p.docs.length; i++) {
            const to = map[p.docs[i]!]!;
            if (to < 0) continue;
            enc.add(to, p.freqs[i]!, p.positions ? p.positions.values : null, p.positions ? p.positions.offsets[i]! : 0);
          }
        }
        enc.endField();
      });
      if (docFreq === 0) continue;
      const lengths = enc.writeTo(post, posi);
      dict.add(term, docFreq, lengths.postings, lengths.positions);
    }
    return { pst: post.finish(), pos: posi.finish(), tim: dict.finish(dir, `${name}.tim`) };
  } catch (err) {
    post.abandon();
    posi.abandon();
    throw err;
  }
}

/** Positions of one field from a term's raw positions bytes, given its frequencies in posting order. */
export function decodeFieldPositions(raw: Buffer, field: number, freqs: Int32Array): { offsets: Int32Array; values: Int32Array } | null {
  const r = new ByteReader(raw);
  while (!r.done) {
    const f = r.varint();
    const bytes = r.varint();
    if (f !== field) {
      r.pos += bytes;
      continue;
    }
    let total = 0;
    for (let i = 0; i < freqs.length; i++) total += freqs[i]!;
    const offsets = new Int32Array(freqs.length + 1);
    const values = new Int32Array(total);
    let k = 0;
    for (let i = 0; i < freqs.length; i++) {
      offsets[i] = k;
      let p = 0;
      for (let j = 0; j < freqs[i]!; j++) values[k++] = p += r.varint();
    }
    offsets[freqs.length] = k;
    return { offsets, values };
  }
  return null;
}
