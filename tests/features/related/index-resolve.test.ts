import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInIndex } from '../../../src/features/related/index-resolve';
import { CLOSE_MATCH_THRESHOLD, HeadlineMatcher } from '../../../src/features/related/resolve';
import { ArchiveIndex } from '../../../src/index/reader';
import { buildIndex } from '../../../src/ingest/build';

const TITLES = [
  // The same words as "sawing" in another order (sawing comes later): the same stems, another headline.
  { id: 'reordered', title: 'تسيطر الدولة الإسلامية على مدينة الرمادي' },
  { id: 'ban', title: 'خامنئي يحظر أي مفاوضات مع واشنطن خارج الملف النووي' },
  { id: 'ramadi', title: 'تنظيم الدولة الإسلامية يسيطر على مدينة الرمادي' },
  { id: 'vision', title: 'مجلس الوزراء السعودي يقر رؤية المملكة 2030' },
  { id: 'vienna', title: 'إيران والقوى الكبرى تتوصل إلى اتفاق نووي شامل في فيينا' },
  { id: 'sawing', title: 'الدولة الإسلامية تسيطر على مدينة الرمادي' },
  { id: 'fallujah', title: 'القوات العراقية تعلن استعادة الفلوجة من التنظيم' },
];

const HEADLINES = [
  'الدولة الإسلامية تسيطر على مدينة الرمادي',
  'خامنئي يحظر أي مفاوضات مع واشنطن خارج الملف النووي',
  '«خامنئي» يحظر أي مفاوضات مع واشنطن خارج الملف النووي',
  'تنظيم الدولة الاسلامية يسيطر على مدينة الرمادي',
  'ايران والقوى الكبرى تتوصل الى اتفاق نووي شامل في فيينا',
  'مجلس الوزراء السعودي يقر رؤية المملكة ٢٠٣٠',
  'خامنئي يحظر المفاوضات مع واشنطن خارج الملف النووي',
  'مجلس الوزراء يقر رؤية المملكة 2030 الاقتصادية',
  'القوات العراقية تعلن استعادة الرمادي من التنظيم',
  'خامنئي يهاجم واشنطن',
  'إيران تعرض هبة لتسليح الجيش اللبناني',
  'في على من',
];

let dir: string;
let index: ArchiveIndex;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsq-index-resolve-'));
  writeFileSync(join(dir, 'a.jsonl'), TITLES.map((t) => JSON.stringify({ ...t, body: 'نص الخبر' })).join('\n'));
  buildIndex([join(dir, 'a.jsonl')], join(dir, 'index'), { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
  index = ArchiveIndex.open(join(dir, 'index'));
});

afterAll(() => {
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveInIndex', () => {
  it('resolves every headline as the in-memory matcher over the same titles does', () => {
    const matcher = new HeadlineMatcher(TITLES);
    for (const headline of HEADLINES) {
      expect(resolveInIndex(index, headline), headline).toEqual(matcher.resolve(headline));
    }
  });

  it('finds an exact headline even when a title with the same words in another order comes first', () => {
    expect(resolveInIndex(index, TITLES[5]!.title)).toEqual({ headline: TITLES[5]!.title, target: 'sawing', how: 'exact', score: 1 });
    expect(resolveInIndex(index, TITLES[0]!.title)).toMatchObject({ target: 'reordered', how: 'exact' });
  });

  it('matches a reworded headline closely, above the threshold', () => {
    const link = resolveInIndex(index, 'خامنئي يمنع أي مفاوضات مع واشنطن خارج الملف النووي');
    expect(link).toMatchObject({ target: 'ban', how: 'close' });
    expect(link.score).toBeGreaterThanOrEqual(CLOSE_MATCH_THRESHOLD);
    expect(link.score).toBeLessThan(1);
  });

  it('keeps two stories that swap a name apart', () => {
    expect(resolveInIndex(index, 'القوات العراقية تعلن استعادة الرمادي من التنظيم')).toMatchObject({ target: null, how: 'none', score: 0 });
  });

  it('never links an article to itself', () => {
    expect(resolveInIndex(index, TITLES[1]!.title, 'ban').target).toBeNull();
    // the same stems in another title are a close match then
    expect(resolveInIndex(index, TITLES[5]!.title, 'sawing')).toMatchObject({ target: 'reordered', how: 'close', score: 1 });
  });

  it('leaves a headline of function words only unresolved', () => {
    expect(resolveInIndex(index, 'في على من')).toEqual({ headline: 'في على من', target: null, how: 'none', score: 0 });
  });
});
