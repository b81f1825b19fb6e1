import { describe, expect, it } from 'vitest';
import { label, type LabelKey } from '../../src/output/labels';

// Every key the renderers use; a label missing in one language would print `undefined`.
const KEYS: LabelKey[] = [
  'id', 'date', 'title', 'source', 'snippet', 'keyword', 'articles', 'archive', 'dateSpan', 'localTime',
  'withoutDate', 'withoutKeywords', 'distinctKeywords', 'sources', 'withRelated', 'relatedHeadlines',
  'exact', 'close', 'notInArchive', 'index', 'segment', 'segments', 'noSource', 'above', 'listsIt',
  'similar', 'keywordsLine', 'related',
];

describe('label', () => {
  it('gives every label in both languages, Arabic ones in Arabic script', () => {
    for (const key of KEYS) {
      expect(label(key, 'en')).toMatch(/[a-z]/);
      expect(label(key, 'ar')).toMatch(/[\u0600-\u06ff]/u);
      expect(label(key, 'ar')).not.toMatch(/[a-z]/i);
    }
  });

  it('uses one language per run', () => {
    expect(label('title', 'en')).toBe('title');
    expect(label('title', 'ar')).toBe('العنوان');
  });

  it('keeps each language\'s labels distinct, so no two headers read the same', () => {
    for (const lang of ['en', 'ar'] as const) {
      const seen = new Set(KEYS.map((k) => label(k, lang)));
      expect(seen.size).toBe(KEYS.length);
    }
  });
});
