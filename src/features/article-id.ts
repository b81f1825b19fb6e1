// Finding an article by its id or a unique prefix of it, as show, related and index --delete
// take them. One lookup for the local index; the cluster engine throws the same error.

import type { ArchiveIndex } from '../index/reader';

/** An id the archive does not hold, or a prefix that names several articles. */
export class ArticleLookupError extends Error {
  constructor(
    readonly kind: 'none' | 'ambiguous',
    message: string,
    /** For an ambiguous prefix: the first matches, id and headline. */
    readonly matches: Array<{ id: string; title: string }> = [],
  ) {
    super(message);
  }
}

/** The document of an article id, or of a unique id prefix of 4+ characters. */
export function resolveDoc(index: ArchiveIndex, id: string): number {
  const exact = index.docById(id);
  if (exact !== null) return exact;
  if (id.length >= 4) {
    const matches = index.docsWithIdPrefix(id, 6);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new ArticleLookupError(
        'ambiguous',
        id,
        matches.slice(0, 5).map((d) => ({ id: index.id(d), title: index.title(d) })),
      );
    }
  }
  throw new ArticleLookupError('none', id);
}
