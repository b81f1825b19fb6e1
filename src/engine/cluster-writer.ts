// Writes articles to a searchd cluster: each article's analysed terms (src/engine/sphinx-terms.ts),
// its stored JSON, source, day and field lengths, with REPLACE INTO on the shard its id
// hashes to, and each distinct term once into the shard dictionaries (for prefix and fuzzy
// expansion). REPLACE by id makes a re-import, or the rerun of an import that was killed
// half-way, leave exactly one row per article.
//
// The articles come from a local index newsq built of the inputs first (the staging index
// of `newsq index --engine`): ids, duplicates and keywords (whose splitting needs the whole
// archive) are then settled exactly as for a local index, and the archive order of the
// staging index becomes each article's `seq`, the order ties are ranked in.

import type { ArchiveIndex } from '../index/reader';
import { linkSidecar } from '../features/related/chain';
import { FIELDS, FIELD_ID } from '../index/schema';
import { EngineNodeError } from './engine';
import type { Link } from '../features/related/resolve';
import type { EngineTarget } from './cluster';
import { SphinxError, SphinxQL, literal, nodeName, type Node, type Row } from './sphinxql-client';
import { SPHINX_FIELDS, documentId, encodeTerm, shardOf, sphinxDocument } from './sphinx-terms';

/** Articles per REPLACE statement. */
const BATCH = 500;

export interface ClusterWriteOptions {
  packageRoot: string;
  /** Normalized keyword → the spelling to show (the staging index's keyword sidecar). */
  keywordLabels: Record<string, string>;
  progress?: (done: number, total: number) => void;
}

export interface ClusterWriteSummary {
  written: number;
  /** Articles that were already in the cluster (replaced in place). */
  replaced: number;
}

const LENGTH_ATTRS = ['title', 'body', 'tags', 'source', 'author', 'date'];

/** Writes every live article of `staged` to the cluster's shards. */
export function writeToCluster(target: EngineTarget, staged: ArchiveIndex, opts: ClusterWriteOptions): ClusterWriteSummary {
  if (target.shards.length === 0) throw new Error('writing needs the shards: sphinxql://host:port/index?shards=host:port,host:port');
  const sql = new SphinxQL(opts.packageRoot);
  const run = (node: Node, statement: string): Row[] => all([{ node, sql: statement }])[0]!;
  const all = (requests: Array<{ node: Node; sql: string }>): Row[][] => {
    try {
      return sql.many(requests) as Row[][];
    } catch (err) {
      if (err instanceof SphinxError) throw new EngineNodeError(err.node, `search node ${err.node} ${err.unreachable ? 'is unreachable' : 'failed'}: ${err.message.replace(/\s+/g, ' ')}`);
      throw err;
    }
  };
  try {
    const docs = staged.liveDocArray();
    const links = linkSidecar(staged);
    const total = docs.length;
    // The archive order: an article already written keeps its place; an import that was
    // interrupted continues with the numbers it began with.
    let base: number | null = null;
    const seen = new Set<string>();
    let written = 0;
    let replaced = 0;
    for (let start = 0; start < total; start += BATCH) {
      const batch = Array.from(docs.subarray(start, start + BATCH));
      const articles = batch.map((d) => staged.stored(d));
      const ids = articles.map((a) => documentId(a.id));
      const existing = new Map<string, number>();
      const found = all(target.shards.map((node) => ({ node, sql: `SELECT id, seq FROM art WHERE id IN (${ids.join(',')}) LIMIT 0, ${ids.length} OPTION max_matches=${ids.length}` })));
      for (const rowsOf of found) for (const r of rowsOf) existing.set(String(r.id), Number(r.seq));
      if (base === null) {
        const first = existing.get(ids[0]!);
        if (first !== undefined && first >= batch[0]!) base = first - batch[0]!;
        else {
          let max = 0;
          for (const shard of target.shards) max = Math.max(max, Number(run(shard, 'SELECT MAX(seq) m FROM art')[0]?.m ?? 0));
          base = max + 1;
        }
      }
      const rows: string[][] = target.shards.map(() => []);
      const vocab: string[][] = target.shards.map(() => []);
      articles.forEach((a, i) => {
        const doc = sphinxDocument(a);
        const id = ids[i]!;
        const seq = existing.get(id) ?? base! + batch[i]!;
        if (existing.has(id)) replaced++;
        const values = [
          id,
          ...SPHINX_FIELDS.map((f) => literal(doc.fields[f])),
          literal(encodeTerm(a.id)),
          literal(a.id),
          literal(JSON.stringify(a)),
          literal(JSON.stringify(links[a.id] ?? [])),
          literal(linkTargets(links[a.id])),
          literal(signatureHex(staged.signature(batch[i]!))),
          literal(a.source ?? ''),
          String(seq),
          String(doc.time),
          ...doc.lengths.map(String),
        ];
        rows[shardOf(a.id, target.shards.length)]!.push(`(${values.join(',')})`);
        for (const [field, terms] of doc.terms) {
          for (const t of terms) {
            const key = `${field}:${t}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const label = field === FIELD_ID.tags ? (opts.keywordLabels[t] ?? t) : '';
            vocab[shardOf(key, target.shards.length)]!.push(`(${documentId(key)},${literal(encodeTerm(t))},${literal(t)},${field},${literal(label)})`);
          }
        }
      });
      const columns = ['id', ...SPHINX_FIELDS, 'ident', 'ext_id', 'stored', 'links', 'linked', 'sig', 'src', 'seq', 'time', ...LENGTH_ATTRS.map((c) => `len_${c}`)].join(',');
      // The dictionary first: an article is never searchable before its terms can be expanded to.
      // The shards are written at once.
      const vocabWrites = target.shards.flatMap((node, s) => {
        const out: Array<{ node: Node; sql: string }> = [];
        for (let k = 0; k < vocab[s]!.length; k += 5000) out.push({ node, sql: `REPLACE INTO vocab (id,term,t,field,label) VALUES ${vocab[s]!.slice(k, k + 5000).join(',')}` });
        return out;
      });
      if (vocabWrites.length) all(vocabWrites);
      const artWrites = target.shards.flatMap((node, s) => (rows[s]!.length ? [{ node, sql: `REPLACE INTO art (${columns}) VALUES ${rows[s]!.join(',')}` }] : []));
      if (artWrites.length) all(artWrites);
      written += batch.length;
      opts.progress?.(written, total);
    }
    return { written, replaced };
  } finally {
    sql.close();
  }
}

/** A near-duplicate signature as the `sig` attribute holds it: four hex digits a value. */
export function signatureHex(sig: Uint16Array): string {
  return Array.from(sig, (v) => v.toString(16).padStart(4, '0')).join('');
}

/** The signature of a `sig` attribute (null when the article was written without one). */
export function signatureOf(hex: string): Uint16Array | null {
  if (hex.length === 0 || hex.length % 4 !== 0) return null;
  const out = new Uint16Array(hex.length / 4);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(hex.slice(4 * k, 4 * k + 4), 16);
  return out;
}

/** The articles a related list names, as tokens of the `linked` field (backlinks are found by it). */
function linkTargets(list: Link[] | undefined): string {
  return [...new Set((list ?? []).map((l) => l.target).filter((t): t is string => t !== null))].map(encodeTerm).join(' ');
}

/** Deletes articles by id from the shards they hash to; returns how many were there. */
export function deleteFromCluster(target: EngineTarget, articleIds: string[], packageRoot: string): number {
  if (target.shards.length === 0) throw new Error('deleting needs the shards: sphinxql://host:port/index?shards=host:port,host:port');
  const sql = new SphinxQL(packageRoot);
  try {
    let deleted = 0;
    for (const id of articleIds) {
      const shard = target.shards[shardOf(id, target.shards.length)]!;
      const there = sql.rows(shard, `SELECT id FROM art WHERE id = ${documentId(id)}`).length;
      if (there) sql.rows(shard, `DELETE FROM art WHERE id = ${documentId(id)}`);
      deleted += there;
    }
    return deleted;
  } finally {
    sql.close();
  }
}

export { FIELDS, nodeName };
