import { describe, expect, it } from 'vitest';
import { HIT_FIELDS } from '../../src/output/articles';
import { label, type LabelKey } from '../../src/output/labels';

// Every key the renderers use; a label missing in one language would print `undefined`.
const KEYS: LabelKey[] = [
  'id', 'date', 'title', 'source', 'time', 'author', 'url', 'credits', 'keywords', 'score', 'snippet',
  'keyword', 'articles', 'archive', 'dateSpan', 'localTime', 'withoutDate', 'withoutKeywords',
  'distinctKeywords', 'sources', 'withRelated', 'relatedHeadlines', 'exact', 'close', 'notInArchive',
  'index', 'segment', 'segments', 'noSource', 'above', 'below', 'mutual', 'listsIt', 'similar',
  'keywordsLine', 'related', 'period', 'axisDay', 'axisWeek', 'axisMonth', 'results',
];

// The rows of `newsq stats`'s summary, one table.
const STATS_ROWS: LabelKey[] = ['articles', 'dateSpan', 'localTime', 'withoutDate', 'withoutKeywords', 'distinctKeywords', 'sources', 'withRelated', 'relatedHeadlines', 'index'];

describe('label', () => {
  it('gives every label in both languages, Arabic ones in Arabic script', () => {
    for (const key of KEYS) {
      expect(label(key, 'en'), key).toMatch(/[a-z]/);
      expect(label(key, 'ar'), key).toMatch(/[\u0600-\u06ff]/u);
      expect(label(key, 'ar'), key).not.toMatch(/[a-z]/i);
    }
  });

  it('uses one language per run', () => {
    expect(label('title', 'en')).toBe('title');
    expect(label('title', 'ar')).toBe('العنوان');
  });

  it('gives the columns of a listing and the rows of the statistics distinct names in each language', () => {
    for (const lang of ['en', 'ar'] as const) {
      for (const group of [[...HIT_FIELDS], STATS_ROWS]) {
        expect(new Set(group.map((k) => label(k, lang))).size).toBe(group.length);
      }
    }
  });
});
