import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

describe('newsq analyze', () => {
  it('lists each token with its exact term and stems', () => {
    const r = runCli(['analyze', 'والرسالة', 'إعلام', '--format', 'tsv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('والرسالة\tوالرسالة\tرساله\nإعلام\tإعلام\tاعلام\n');
  });

  it('adds the variants a search looks up with --variants', () => {
    const [token] = JSON.parse(runCli(['analyze', 'مدينة', '--variants', '--json']).stdout) as Array<{ variants: Array<{ term: string; kind: string; weight: number }> }>;
    expect(token!.variants).toContainEqual(expect.objectContaining({ term: 'مدن', kind: 'broken-plural' }));
    for (const v of token!.variants) expect(v.weight).toBeLessThanOrEqual(1);
    // Without the flag the JSON shape is as before.
    expect(JSON.parse(runCli(['analyze', 'مدينة', '--json']).stdout)[0]).not.toHaveProperty('variants');
  });

  it('explains with --match how the words find the document, through a rule or a variant', () => {
    const r = runCli(['analyze', 'مهندس', 'مدن', '--match', 'المهندسة في المدينة', '--json']);
    expect(r.code).toBe(0);
    const [feminine, plural] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(feminine).toMatchObject({ query: 'مهندس', document: 'المهندسة', term: 'مهندس', field: 'stem', variant: null });
    expect(feminine!.documentReading).toMatch(/feminine/);
    expect(plural).toMatchObject({ query: 'مدن', document: 'المدينة', variant: { kind: 'singular' } });
  });

  it('exits 1 with a message when a word does not find the document', () => {
    const r = runCli(['analyze', 'مكتب', '--match', 'مكتبة']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/does not find/);
  });
});
