import { describe, expect, it } from 'vitest';
import { CLOSE_MATCH_THRESHOLD, HeadlineMatcher, dice, headlineStems } from '../../../src/features/related/resolve';

const TITLES = [
  { id: 'ban', title: 'خامنئي يحظر أي مفاوضات مع واشنطن خارج الملف النووي' },
  { id: 'ramadi', title: 'تنظيم الدولة الإسلامية يسيطر على مدينة الرمادي' },
  { id: 'vision', title: 'مجلس الوزراء السعودي يقر رؤية المملكة 2030' },
  { id: 'vienna', title: 'إيران والقوى الكبرى تتوصل إلى اتفاق نووي شامل في فيينا' },
];

describe('HeadlineMatcher', () => {
  const matcher = new HeadlineMatcher(TITLES);

  it.each<[string, string, string]>([
    ['the same headline', 'خامنئي يحظر أي مفاوضات مع واشنطن خارج الملف النووي', 'ban'],
    ['guillemets around a name', '«خامنئي» يحظر أي مفاوضات مع واشنطن خارج الملف النووي', 'ban'],
    ['a missing hamza', 'تنظيم الدولة الاسلامية يسيطر على مدينة الرمادي', 'ramadi'],
    ['hamzas dropped throughout', 'ايران والقوى الكبرى تتوصل الى اتفاق نووي شامل في فيينا', 'vienna'],
    ['Arabic-Indic digits', 'مجلس الوزراء السعودي يقر رؤية المملكة ٢٠٣٠', 'vision'],
  ])('matches %s exactly', (_name, headline, id) => {
    expect(matcher.resolve(headline)).toEqual({ headline, target: id, how: 'exact', score: 1 });
  });

  it('matches a headline with a word changed as a close match', () => {
    const link = matcher.resolve('خامنئي يحظر المفاوضات مع واشنطن خارج الملف النووي');
    expect(link.target).toBe('ban');
    expect(link.how).toBe('close');
    expect(link.score).toBeGreaterThanOrEqual(CLOSE_MATCH_THRESHOLD);
  });

  it.each([
    ['another story on the same topic', 'خامنئي يهاجم واشنطن'],
    ['a story the archive does not hold', 'إيران تعرض هبة لتسليح الجيش اللبناني'],
  ])('leaves %s unresolved, with its best similarity', (_name, headline) => {
    const link = matcher.resolve(headline);
    expect(link.target).toBeNull();
    expect(link.how).toBe('none');
    expect(link.score).toBeLessThan(CLOSE_MATCH_THRESHOLD);
  });

  it('never links an article to itself', () => {
    const link = matcher.resolve(TITLES[0]!.title, 'ban');
    expect(link.target).toBeNull();
    expect(matcher.resolve(TITLES[1]!.title, 'ban').target).toBe('ramadi');
  });

  it('resolves to the first article when two share a headline', () => {
    const twice = new HeadlineMatcher([...TITLES, { id: 'ban-again', title: TITLES[0]!.title }]);
    expect(twice.resolve(TITLES[0]!.title).target).toBe('ban');
    // Excluding the first leaves the second as a perfect close match.
    expect(twice.resolve(TITLES[0]!.title, 'ban')).toMatchObject({ target: 'ban-again', score: 1 });
  });
});

describe('similarity', () => {
  it('drops function words from a headline\'s stems', () => {
    const stems = headlineStems('خامنئي يحظر أي مفاوضات مع واشنطن');
    expect(stems.size).toBe(4);
  });

  it('is the Dice coefficient of two stem sets', () => {
    expect(dice(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBeCloseTo(2 / 3);
    expect(dice(new Set(['a']), new Set(['a']))).toBe(1);
    expect(dice(new Set(), new Set(['a']))).toBe(0);
  });
});
