// A search from query to page: the ranking promises (a match on the exact (normalized)
// form ranks above a match only on the stem, titles weigh more than bodies), the orders,
// paging and date limits, and the helpers they rest on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/ingest/build';
import { ArchiveIndex } from '../../src/index/reader';
import { dayNumber } from '../../src/index/schema';
import { compileQuery } from '../../src/search/plan';
import { DateLimitError, MAX_LIMIT, dayBounds, localToday, matchingDocs, planContext, runPlanned, scoreKey, search, selectTop } from '../../src/search/search';
import { demoIndexDir } from '../support/cli';

let dir: string;
let index: ArchiveIndex;

const oilStory =
  'ارتفعت أسعار النفط في تعاملات اليوم بعد أن أعلنت منظمة الدول المصدرة للبترول خفض إنتاجها اليومي بمقدار مليون برميل اعتبارا من الشهر المقبل وقال محللون إن القرار يعكس رغبة المنتجين في دعم الأسعار التي تراجعت خلال العام الماضي بنسبة كبيرة';
const filler = 'وأضاف المصدر أن الاجتماع تناول عددا من القضايا الإقليمية والدولية ذات الاهتمام المشترك بين البلدين.';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsq-rank-'));
  const records = [
    // Same length and shape; only the form of the word differs.
    { id: 'stem-only', title: 'خبر أول', body: `وصلت والرسالة إلى الوزارة. ${filler}` },
    { id: 'exact', title: 'خبر ثان', body: `وصلت رسالة إلى الوزارة. ${filler}` },
    { id: 'in-title', title: 'رسالة إلى الوزارة', body: `وصل خبر إلى الوزارة. ${filler}` },
    { id: 'unrelated', title: 'خبر رابع', body: `وصل وفد إلى الوزارة. ${filler}` },
    // Homographs that folding joins: the spelling typed ranks first.
    { id: 'media', title: 'خبر خامس', body: `تحدث إعلام الدولة عن الوزارة. ${filler}` },
    { id: 'flags', title: 'خبر سادس', body: `رفعت أعلام الدولة عند الوزارة. ${filler}` },
    { id: 'saw', title: 'خبر سابع', body: `رأى الوفد مبنى الوزارة. ${filler}` },
    { id: 'opinion', title: 'خبر ثامن', body: `رأي الوفد في الوزارة. ${filler}` },
    { id: 'year', title: 'خبر تاسع', body: `مضت سنة على الوزارة. ${filler}` },
    { id: 'tooth', title: 'خبر عاشر', body: `كسر سنه عند الوزارة. ${filler}` },
    // A foreign name outside the gazetteer, in two transliterations (g as غ or ج), in two
    // different stories (copies of one would be folded).
    { id: 'name-gh', title: 'خبر حادي عشر', body: `قال غوارديولا إن الفريق جاهز. ${filler}` },
    { id: 'name-j', title: 'خبر ثاني عشر', body: `وصل جوارديولا إلى الملعب مساء. ${filler}` },
    // One agency story in two papers (another dateline), and another story on the same subject.
    { id: 'wire-a', title: 'أسعار النفط ترتفع', body: `الرياض - واس: ${oilStory}` },
    { id: 'wire-b', title: 'ارتفاع أسعار النفط', body: `جدة - متابعات: ${oilStory}` },
    { id: 'oil-other', title: 'النفط في الميزانية', body: `قالت وزارة المالية إن إيرادات النفط تراجعت هذا العام. ${filler}` },
  ];
  writeFileSync(join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  buildIndex([join(dir, 'a.jsonl')], join(dir, 'index'), { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
  index = ArchiveIndex.open(join(dir, 'index'));
});

afterAll(() => {
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ranking', () => {
  const ids = (q: string) => search(index, { query: q, limit: 10, offset: 0, collapse: false, today: '2020-01-01' }).hits.map((h) => h.article.id);

  it('finds every form of the word and nothing else', () => {
    expect(new Set(ids('رسالة'))).toEqual(new Set(['stem-only', 'exact', 'in-title']));
  });

  it('puts a headline match first, then the exact form, then a stem-only match', () => {
    expect(ids('رسالة')).toEqual(['in-title', 'exact', 'stem-only']);
  });

  it('ranks the exact form first whichever form the query uses', () => {
    expect(ids('والرسالة')[0]).toBe('stem-only');
  });

  it('finds both homographs that folding joins, the spelling typed first', () => {
    expect(ids('إعلام')).toEqual(['media', 'flags']);
    expect(ids('أعلام')).toEqual(['flags', 'media']);
    // ى / ي and ة / ه as well.
    expect(ids('رأى')).toEqual(['saw', 'opinion']);
    expect(ids('رأي')).toEqual(['opinion', 'saw']);
    expect(ids('سنة')).toEqual(['year', 'tooth']);
    expect(ids('سنه')).toEqual(['tooth', 'year']);
  });

  it('finds a foreign name in another transliteration, the spelling typed first', () => {
    expect(ids('غوارديولا')).toEqual(['name-gh', 'name-j']);
    expect(ids('جوارديولا')).toEqual(['name-j', 'name-gh']);
    expect(ids('لغوارديولا')).toEqual(['name-gh', 'name-j']);
  });
});
describe('wire copies', () => {
  const run = (extra: { collapse?: boolean; offset?: number; limit?: number } = {}) =>
    search(index, { query: 'النفط', limit: 10, offset: 0, today: '2020-01-01', ...extra }).hits;

  it('shows an agency story once, its copy folded under the best-ranked of them', () => {
    const hits = run();
    expect(hits).toHaveLength(2);
    const story = hits.find((h) => h.article.id.startsWith('wire-'))!;
    expect(story.copies.map((c) => c.id)).toEqual([story.article.id === 'wire-a' ? 'wire-b' : 'wire-a']);
    expect(hits.find((h) => h.article.id === 'oil-other')?.copies).toEqual([]);
  });

  it('lists every copy without folding', () => {
    expect(run({ collapse: false }).map((h) => h.article.id).sort()).toEqual(['oil-other', 'wire-a', 'wire-b']);
  });

  it('never shows a folded copy on a later page', () => {
    const first = run({ limit: 1 });
    const second = run({ offset: 1, limit: 1 });
    const ids = [...first, ...second].flatMap((h) => [h.article.id, ...h.copies.map((c) => c.id)]);
    expect(ids.sort()).toEqual(['oil-other', 'wire-a', 'wire-b']);
    expect(run({ offset: 2, limit: 5 })).toEqual([]);
  });
});


// The demo archive, opened once for the tests that need more than a few articles.
const demoIndex = ArchiveIndex.open(demoIndexDir);
afterAll(() => demoIndex.close());

describe('runPlanned, newest first', () => {
  const index = demoIndex;
  const ctx = planContext(index, '2026-11-29');

  it.each(['إيران', 'إيران OR اليمن', 'إير*', 'إيران -طهران', '"الدولة الإسلامية"', 'نفط~'])(
    '%s: the page of the matches in date order, with their terms, whichever way they were matched',
    (query) => {
      const planned = compileQuery(query, ctx);
      const matching = matchingDocs(index, planned, { today: '2026-11-29' });
      expect(matching.length, query).toBeGreaterThan(2);
      const byDate = [...matching].sort((a, b) => index.time(b) - index.time(a) || b - a);
      for (const [offset, limit] of [[0, 5], [2, 3], [0, 0]] as const) {
        const out = runPlanned(index, compileQuery(query, ctx), { limit, offset, sort: 'newest', collapse: false, today: '2026-11-29' });
        expect(out.total, query).toBe(matching.length);
        expect(out.hits.map((h) => h.doc), `${query} ${offset}/${limit}`).toEqual(byDate.slice(offset, offset + limit));
        for (const h of out.hits) expect(h.matched.length, query).toBeGreaterThan(0);
      }
    },
  );
});

describe('search on the demo archive', () => {
  const index = demoIndex;
  const today = '2026-11-29';
  const run = (extra: Partial<Parameters<typeof search>[1]> = {}) => search(index, { query: 'إيران', limit: 10, offset: 0, today, ...extra });

  it('pages through the ranking: a later page continues where the first stopped', () => {
    const all = run({ limit: 12, collapse: false }).hits.map((h) => h.doc);
    expect(all).toHaveLength(12);
    expect(run({ limit: 5, offset: 5, collapse: false }).hits.map((h) => h.doc)).toEqual(all.slice(5, 10));
  });

  it('ranks by score, best first', () => {
    const scores = run({ collapse: false }).hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('lists the oldest first with sort oldest, starting at the oldest match', () => {
    const oldest = run({ limit: 5, sort: 'oldest', collapse: false }).hits.map((h) => index.time(h.doc));
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    const first = matchingDocs(index, compileQuery('إيران', planContext(index, today)), { today });
    expect(Math.min(...oldest)).toBe(Math.min(...[...first].map((d) => index.time(d))));
  });

  it('keeps to the --since/--until days', () => {
    const out = run({ since: '2015-01-01', until: '2015-06-30', limit: MAX_LIMIT, collapse: false });
    const everything = run({ limit: 0 }).total;
    expect(out.total).toBeGreaterThan(0);
    expect(out.total).toBeLessThan(everything);
    for (const h of out.hits) expect(h.article.date!.slice(0, 10) >= '2015-01-01' && h.article.date!.slice(0, 10) <= '2015-06-30').toBe(true);
  });

  it('gives snippets only when asked, marking matched words', () => {
    const [withSnippet] = run({ limit: 1 }).hits;
    expect(withSnippet!.snippet.text).not.toBe('');
    expect(withSnippet!.title.highlights.length + withSnippet!.snippet.highlights.length).toBeGreaterThan(0);
    const [without] = run({ limit: 1, snippets: false }).hits;
    expect(without!.snippet).toEqual({ text: '', highlights: [] });
  });

  it('returns the count and no hits for a zero limit', () => {
    const out = run({ limit: 0 });
    expect(out.hits).toEqual([]);
    expect(out.total).toBeGreaterThan(0);
  });
});

describe('dayBounds', () => {
  it('turns --since into the first day of its range and --until into the last', () => {
    expect(dayBounds('2015-03', '2015-04', '2020-01-01')).toEqual({ from: dayNumber('2015-03-01'), to: dayNumber('2015-04-30') });
    expect(dayBounds(undefined, undefined, '2020-01-01')).toEqual({ from: null, to: null });
  });

  it('reads relative expressions against today', () => {
    expect(dayBounds('yesterday', undefined, '2020-01-01').from).toBe(dayNumber('2019-12-31'));
  });

  it('refuses an unreadable limit, naming the option', () => {
    const e = (() => {
      try {
        dayBounds(undefined, 'not a date at all', '2020-01-01');
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(DateLimitError);
    expect((e as DateLimitError).option).toBe('until');
    expect((e as DateLimitError).expression).toBe('not a date at all');
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => dayBounds('2015-05-01', '2015-04-01', '2020-01-01')).toThrow(/ends \(2015-04-01\) before --since/);
  });
});

describe('scoreKey', () => {
  it('treats scores equal to 1e-9 as ties and keeps larger differences in order', () => {
    expect(scoreKey(0.1 + 0.2)).toBe(scoreKey(0.3));
    expect(scoreKey(1.000001)).toBeGreaterThan(scoreKey(1));
  });
});

describe('selectTop', () => {
  it('gives the first k of a full sort, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), fc.integer({ min: -1, max: 70 }), (values, k) => {
        // Ties are broken by position, as the ranking breaks them by document number.
        const items = values.map((v, i) => ({ v, i }));
        const before = (a: { v: number; i: number }, b: { v: number; i: number }) => a.v > b.v || (a.v === b.v && a.i < b.i);
        const expected = [...items].sort((a, b) => b.v - a.v || a.i - b.i).slice(0, Math.max(0, k));
        expect(selectTop(items, k, before)).toEqual(expected);
      }),
    );
  });

  it('leaves its input alone', () => {
    const items = [3, 1, 2];
    selectTop(items, 2, (a, b) => a > b);
    expect(items).toEqual([3, 1, 2]);
  });
});

describe('localToday', () => {
  it('shifts UTC by the archive offset before taking the day', () => {
    const now = new Date('2015-01-21T22:30:00Z');
    expect(localToday('+03:00', now)).toBe('2015-01-22');
    expect(localToday('+00:00', now)).toBe('2015-01-21');
    expect(localToday('-05:30', new Date('2015-01-22T03:00:00Z'))).toBe('2015-01-21');
    expect(localToday('+05:30', new Date('2015-01-21T18:30:00Z'))).toBe('2015-01-22');
  });
});
