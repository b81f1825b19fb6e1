// Changing an existing index: adding articles (an article whose id is already there
// replaces it), deleting articles by id, and compacting (merging every segment into one and
// dropping deleted articles for good). An addition writes only its own segment — and merges
// it with other small ones when the merge policy says so — so adding a few articles to a
// large archive costs about what indexing those articles costs. A change that changes
// nothing publishes nothing.

import { relative, resolve } from 'node:path';
import { ArchiveImport, analyzerIdentity, inputsDigest, readSidecar, recordingEvents, writeSidecars, StrictImportError, type BuildOptions, type KeywordSidecar, type LinkSidecar } from './build';
import { STDIN_PATH, listInputFiles, type ImportProblem } from './importer';
import { IndexOpenError } from '../index/errors';
import { loadManifest } from '../index/manifest-io';
import { IndexWriter } from '../index/writer';
import { checkpoint } from '../index/checkpoint';

/** What to change. */
export interface UpdateOptions extends BuildOptions {
  /** Files or folders whose articles to add. */
  add?: string[];
  /** Ids of articles to delete. */
  remove?: string[];
  /** Merge every segment into one. */
  compact?: boolean;
}

/** What an update did. */
export interface UpdateSummary {
  added: number;
  replaced: number;
  removed: number;
  notFound: string[];
  skipped: ImportProblem[];
  warnings: ImportProblem[];
  duplicates: number;
  documentCount: number;
  segments: number;
  /** Whether a new generation was published (false when nothing changed). */
  published: boolean;
}

export function updateIndex(dir: string, opts: UpdateOptions): UpdateSummary {
  // Loading the manifest names what is wrong with an index that cannot be changed: missing, another format, damaged.
  try {
    loadManifest(dir);
  } catch (err) {
    if (err instanceof IndexOpenError && err.kind === 'missing') throw new IndexOpenError('missing', `no index at ${dir} to ${opts.add?.length ? "add to" : "change"}`);
    throw err;
  }
  const writer = IndexWriter.open(dir, { memory: opts.memory, analyzer: analyzerIdentity(), now: opts.now });
  const reader = writer.reader;
  if (!reader) {
    writer.close();
    throw new IndexOpenError('missing', `no index at ${dir} to ${opts.add?.length ? "add to" : "change"}`);
  }
  const { events } = opts;
  const { recording, skipped, warnings } = recordingEvents(events);
  const gone = new Set<string>();
  let replaced = 0;
  let removed = 0;
  const notFound: string[] = [];
  const run = new ArchiveImport(writer, readSidecar<KeywordSidecar | undefined>(reader, 'keywords', undefined), (id) => {
    const doc = reader.docById(id);
    if (doc !== null && writer.delete(doc)) {
      replaced++;
      gone.add(id);
    }
    return true;
  });
  try {
    for (const id of opts.remove ?? []) {
      const doc = reader.docById(id);
      if (doc === null) notFound.push(id);
      else if (writer.delete(doc)) {
        removed++;
        gone.add(id);
      }
    }
    let files: ReturnType<typeof listInputFiles> = [];
    if (opts.add?.length) {
      files = listInputFiles(opts.add, recording, opts);
      events.phase?.('reading');
      run.read(files, opts, recording);
      if (opts.strict && skipped.length > 0) {
        throw new StrictImportError(`${skipped.length} input${skipped.length === 1 ? '' : 's'} skipped; --strict leaves the index unchanged`);
      }
    }
    events.phase?.('writing');
    writer.flush();
    const compacted = opts.compact ? writer.forceMerge(1) : false;
    if (run.imported === 0 && removed === 0 && replaced === 0 && !compacted) {
      const m = writer.previous!;
      return { added: 0, replaced: 0, removed: 0, notFound, skipped, warnings, duplicates: run.duplicates, documentCount: m.documentCount, segments: m.segments.length, published: false };
    }

    events.phase?.('linking');
    const links = { ...readSidecar<LinkSidecar>(reader, 'links', Object.create(null) as LinkSidecar) };
    for (const id of gone) delete links[id];
    const isGone = (id: string) => gone.has(id) && !run.added.includes(id);
    if (run.imported > 0) {
      const whole = writer.view();
      const fresh = writer.view(true);
      try {
        run.link(links, whole, fresh, isGone);
      } finally {
        whole.close();
        fresh.close();
      }
    } else {
      // Links to deleted articles no longer lead anywhere.
      for (const [id, list] of Object.entries(links)) if (list.some((l) => l.target !== null && isGone(l.target))) links[id] = list.map((l) => (l.target !== null && isGone(l.target) ? { ...l, target: null, how: 'none' as const, score: 0 } : l));
    }
    const previous = writer.previous!;
    checkpoint('update:before-publish');
    const m = writer.commit(
      {
        inputs: [...previous.inputs, ...(opts.add ?? []).map((p) => (p === STDIN_PATH ? p : relative(resolve(dir), resolve(p))))],
        inputsDigest: files.length ? inputsDigest(files, dir) : previous.inputsDigest,
        ...writeSidecars(writer, run.keywords.sidecar(), links),
      },
    );
    return { added: run.imported, replaced, removed, notFound, skipped, warnings, duplicates: run.duplicates, documentCount: m.documentCount, segments: m.segments.length, published: true };
  } finally {
    run.close();
    writer.close();
  }
}
