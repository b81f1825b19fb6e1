import { describe, expect, it } from 'vitest';
import { sourceAlias, sourceName } from '../../src/ingest/sources';
import { nameTerms } from '../../src/ingest/document';
import { phraseKey } from '../../src/analysis/analyzer';

describe('newspaper names for crawler ids', () => {
  it('gives the Arabic name of a known id, whatever its case and spaces, and leaves other sources as they are', () => {
    expect(sourceName('okaz')).toBe('عكاظ');
    expect(sourceName(' ALRIYADH ')).toBe('الرياض');
    expect(sourceName('صوت الخليج')).toBe('صوت الخليج');
    expect(sourceName('unknown-site')).toBe('unknown-site');
  });

  it('indexes a named newspaper under its id as well, so source: finds it either way', () => {
    expect(sourceAlias('عكاظ')).toBe('okaz');
    expect(sourceAlias('صوت الخليج')).toBeNull();
    expect(nameTerms('عكاظ')).toEqual([phraseKey('عكاظ'), 'okaz']);
    expect(nameTerms('الشرق الأوسط')).toEqual([phraseKey('الشرق الأوسط'), ...phraseKey('الشرق الأوسط').split(' '), 'aawsat']);
  });
});
