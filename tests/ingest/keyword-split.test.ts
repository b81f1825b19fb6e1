import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/model/article';
import {
  cohesiveCount,
  keywordEvidence,
  phraseCounts,
  phraseRuns,
  splitArchiveKeywords,
  isKnownName,
  splitKeywordLine,
  type KeywordItem,
} from '../../src/ingest/keyword-split';
import { parseArticleText } from '../../src/ingest/text-format';
import { normalize } from '../../src/analysis/normalize';
import { MULTIWORD_NAMES } from '../../src/analysis/gazetteer';
import { demoArticlesDir, projectRoot, sharedDir } from '../support/cli';

const seedFile = path.join(sharedDir, 'seeds', '000_228959382d386ad2.txt');
const haveSeed = existsSync(seedFile);
if (!haveSeed) console.warn(`keyword-split.test: ${seedFile} is absent (../shared not mounted); seed keyword tests skipped`);

/** A keyword item as the builder makes it: the line and the evidence of the article's headline and body. */
function itemOf(text: string, file: string): KeywordItem {
  const r = parseArticleText(text, '+03:00');
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  const line = r.article.keywordLine;
  if (!line) throw new Error(`${file}: no keyword line`);
  return { keywordLine: line, evidence: keywordEvidence(line, `${r.article.title}\n${bodyText(r.article)}`) };
}

function item(keywordLine: string, text: string): KeywordItem {
  return { keywordLine, evidence: keywordEvidence(keywordLine, text) };
}

/** The normalized form the splitter looks phrases up under. */
function key(phrase: string): string {
  return phrase.split(' ').map((w) => normalize(w)).join(' ');
}

const SEED_KEYWORDS = ['إيران', 'أمريكا', 'طهران', 'الدولة الإسلامية', 'أوباما', 'خامنئي'];

describe.skipIf(!haveSeed)('the seed article', () => {
  const seed = haveSeed ? itemOf(readFileSync(seedFile, 'utf8'), 'seed') : null;

  it('splits into exactly its six keywords on its own evidence', () => {
    const { keywords } = splitArchiveKeywords([seed!]);
    expect(keywords).toEqual([SEED_KEYWORDS]);
  });

  it('splits the same way inside the demo archive', () => {
    const demo = readdirSync(demoArticlesDir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => itemOf(readFileSync(path.join(demoArticlesDir, f), 'utf8'), f));
    const { keywords } = splitArchiveKeywords([...demo, seed!]);
    expect(keywords[keywords.length - 1]).toEqual(SEED_KEYWORDS);
  });
});

describe('the demo archive against the writers\' keywords', () => {
  const truthFile = path.join(projectRoot, 'tests', 'fixtures', 'demo-keywords.tsv');
  const truth = new Map<string, string[]>();
  for (const line of readFileSync(truthFile, 'utf8').split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [file, list] = line.split('\t');
    truth.set(file!, list!.split('|'));
  }
  const files = readdirSync(demoArticlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const items = files.map((f) => itemOf(readFileSync(path.join(demoArticlesDir, f), 'utf8'), f));
  const { keywords, stats } = splitArchiveKeywords(items);

  it('has ground truth for every article and an article for every ground-truth line', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect([...truth.keys()].sort()).toEqual(files);
  });

  it.each(files.map((f, i) => [f, i] as const))('%s', (file, i) => {
    expect(keywords[i]).toEqual(truth.get(file));
  });

  it('re-joins every keyword line: splitting loses and adds no word', () => {
    keywords.forEach((list, i) => expect(list.join(' ')).toBe(items[i]!.keywordLine.split(/\s+/).join(' ')));
  });

  it('records archive support for the multi-word keywords it confirmed', () => {
    // الدولة الإسلامية is a keyword of many articles of the demo archive.
    const articlesWith = [...truth.values()].filter((l) => l.includes('الدولة الإسلامية')).length;
    expect(articlesWith).toBeGreaterThan(3);
    expect(Object.entries(stats.support).some(([k, n]) => k.includes(' ') && n > 1)).toBe(true);
    expect(Object.keys(stats.standalone).every((k) => !k.includes(' '))).toBe(true);
  });
});

describe('evidence from the article text', () => {
  it('splits runs wherever punctuation or a quotation mark separates words, not at spaces', () => {
    const runs = phraseRuns('قال «الدولة الإسلامية»، ثم غادر.');
    // قال | الدولة الإسلامية, the bridge قال + الدولة الإسلامية | ثم غادر.
    expect(runs.map((r) => r.length)).toEqual([1, 2, 3, 2]);
  });

  it('bridges a short quoted part to the head noun before it, counting each word once', () => {
    const runs = phraseRuns('اجتماع مجموعة «العشرين» و"أوبك"');
    expect(runs.map((r) => r.join(' '))).toEqual([
      'اجتماع مجموعة',
      'العشرين',
      'مجموعه العشرين',
      'و',
      'اوبك',
      'و اوبك',
    ].map((p) => key(p)));
    const counts = phraseCounts(runs);
    expect(counts.get(key('مجموعة العشرين'))).toBe(1);
    expect(counts.get(key('مجموعة'))).toBe(1);
    expect(counts.get(key('العشرين'))).toBe(1);
    // A bridge run holds only phrases that start at its head and cross the mark.
    expect(counts.get(key('اجتماع مجموعة العشرين'))).toBeUndefined();
    // Straight, curly and reversed marks pair up the same way.
    for (const t of ['مجموعة "العشرين"', 'مجموعة “العشرين”', 'مجموعة »العشرين«', 'مجموعة ‹العشرين›']) {
      expect(phraseCounts(phraseRuns(t)).get(key('مجموعة العشرين')), t).toBe(1);
    }
  });

  it('looks a keyword line up through its own quotation marks, keeping them for display', () => {
    const text = 'اختتمت قمة مجموعة «السبع» في ألمانيا، وقال تنظيم "داعش" إنه تبنى الهجوم في العراق.';
    const { keywords } = splitArchiveKeywords([
      item('مجموعة «السبع» ألمانيا', text),
      item('تنظيم " داعش " العراق', text),
    ]);
    expect(keywords).toEqual([
      ['مجموعة «السبع»', 'ألمانيا'],
      // A mark standing alone is no keyword of its own.
      ['تنظيم داعش', 'العراق'],
    ]);
  });

  it('bridges no quotation that is an alias after a name, a speech, or left open', () => {
    // The word before the mark is definite: the quoted part is an alias, not the name's end.
    expect(phraseCounts(phraseRuns('مقاتلو الدولة الإسلامية «داعش» في الرقة')).get(key('الإسلامية داعش'))).toBeUndefined();
    // A quotation longer than a name.
    expect(phraseCounts(phraseRuns('قال خامنئي «إيران لن تقبل أي اتفاق مذل» أمس')).get(key('خامنئي إيران'))).toBeUndefined();
    // No closing mark.
    expect(phraseCounts(phraseRuns('قال خامنئي «إيران')).get(key('خامنئي إيران'))).toBeUndefined();
  });

  it('splits real-shaped keyword lines whose article quotes part of a name', () => {
    const lines: Array<[string, string, string[]]> = [
      [
        'مجموعة السبع ألمانيا روسيا أوكرانيا',
        'اختتمت قمة مجموعة «السبع» في ألمانيا أعمالها، وطالب القادة روسيا بسحب قواتها من شرق أوكرانيا.',
        ['مجموعة السبع', 'ألمانيا', 'روسيا', 'أوكرانيا'],
      ],
      [
        'تنظيم داعش الموصل العراق',
        'أعلن الجيش العراقي تقدمه نحو الموصل، فيما تحدثت مصادر عن انسحاب عناصر تنظيم "داعش" من أحياء المدينة. وقال مسؤول إن العراق سيستعيد المدينة.',
        ['تنظيم داعش', 'الموصل', 'العراق'],
      ],
      [
        'إيران حركة حماس غزة',
        'التقى مسؤولون من إيران وفدا من حركة “حماس” في طهران لبحث الأوضاع في غزة.',
        ['إيران', 'حركة حماس', 'غزة'],
      ],
      [
        // The alias after a complete name is no part of it: الدولة الإسلامية and داعش stay two.
        'الدولة الإسلامية داعش الرقة',
        'شن التحالف غارات على مواقع الدولة الإسلامية «داعش» في الرقة، وقال إن داعش فقد عشرات المقاتلين.',
        ['الدولة الإسلامية', 'داعش', 'الرقة'],
      ],
    ];
    const { keywords } = splitArchiveKeywords(lines.map(([line, text]) => item(line, text)));
    expect(keywords).toEqual(lines.map(([, , want]) => want));
  });

  it('finds a keyword whose article quotes part of it', () => {
    const { keywords } = splitArchiveKeywords([item('منتدى دافوس سويسرا', 'افتتح منتدى «دافوس» في سويسرا.')]);
    expect(keywords).toEqual([['منتدى دافوس', 'سويسرا']]);
    const apart = splitArchiveKeywords([item('منتدى دافوس سويسرا', 'افتتح منتدى، ثم دافوس في سويسرا.')]);
    expect(apart.keywords).toEqual([['منتدى', 'دافوس', 'سويسرا']]);
  });

  it('joins a known name of several words that no article spells out', () => {
    expect(isKnownName(key('مجلس التعاون الخليجي'))).toBe(true);
    expect(isKnownName(key('وزارة الداخلية'))).toBe(true);
    expect(isKnownName(key('الرقة الموصل'))).toBe(false);
    const { keywords } = splitArchiveKeywords([item('الرياض مجلس التعاون الخليجي وزارة الداخلية', 'اجتماع في الرياض.')]);
    expect(keywords).toEqual([['الرياض', 'مجلس التعاون الخليجي', 'وزارة الداخلية']]);
  });

  it('lists each known name once, as a name of several words', () => {
    const names = MULTIWORD_NAMES.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(names.length).toBeGreaterThan(250);
    for (const name of names) {
      expect(name.split(' ').length, name).toBeGreaterThan(1);
      expect(isKnownName(key(name)), name).toBe(true);
    }
    expect(new Set(names.map(key)).size).toBe(names.length);
    // Gulf, Arab and international bodies, ministries, parties, clubs and places alike.
    const { keywords } = splitArchiveKeywords([
      item('السعودية صندوق الاستثمارات العامة أرامكو', 'أعلنت السعودية خطة لطرح حصة من أرامكو.'),
      item('اليمن المؤتمر الشعبي العام التجمع اليمني للإصلاح صنعاء', 'اشتباكات في صنعاء.'),
      item('الهلال نادي الاتفاق دوري أبطال آسيا', 'فاز الهلال على الاتفاق.'),
      item('إسرائيل رام الله السلطة الفلسطينية', 'اقتحمت قوات إسرائيل مدينة رام الله.'),
    ]);
    expect(keywords).toEqual([
      ['السعودية', 'صندوق الاستثمارات العامة', 'أرامكو'],
      ['اليمن', 'المؤتمر الشعبي العام', 'التجمع اليمني للإصلاح', 'صنعاء'],
      // دوري أبطال آسيا is no listed name and no article spells it: its words stay apart.
      ['الهلال', 'نادي الاتفاق', 'دوري', 'أبطال', 'آسيا'],
      ['إسرائيل', 'رام الله', 'السلطة الفلسطينية'],
    ]);
  });

  it.each(['والدولة', 'بالدولة', 'للدولة', 'فالدولة', 'كالدولة', 'وبالدولة', 'وللدولة', 'فللدولة'])(
    'counts «%s الإسلامية» under the bare phrase (clitics on the first word)',
    (first) => {
      const counts = keywordEvidence('الدولة الإسلامية', `قال إن ${first} الإسلامية تتراجع.`);
      expect(counts.get(key('الدولة الإسلامية'))).toBe(1);
    },
  );

  it('folds hamza and taa marbuta: the line without hamza matches the text with it', () => {
    const { keywords } = splitArchiveKeywords([item('الدولة الاسلامية العراق', 'مقاتلو الدولة الإسلامية في العراق.')]);
    expect(keywords).toEqual([['الدولة الاسلامية', 'العراق']]);
  });

  it('does not count words separated by a comma as a phrase', () => {
    const { keywords } = splitArchiveKeywords([item('سوريا العراق', 'زار الوفد سوريا، العراق ثم عاد.')]);
    expect(keywords).toEqual([['سوريا', 'العراق']]);
  });

  it('counts every word and sequence up to five words in a run', () => {
    const counts = phraseCounts([['ا', 'ب', 'ج']]);
    expect(counts.get('ا')).toBe(1);
    expect(counts.get('ا ب ج')).toBe(1);
    expect(counts.get('ب ج')).toBe(1);
    expect(counts.has('ا ج')).toBe(false);
  });
});

describe('cohesion', () => {
  const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it.each([
    // [phrase, counts, expected]
    ['a name whose words never come apart', 'حسن روحاني', { 'حسن روحاني': 2, حسن: 2, روحاني: 2 }, 2],
    ['a name also cited by its surname alone', 'حسن روحاني', { 'حسن روحاني': 2, حسن: 2, روحاني: 6 }, 2],
    ['exactly at the limit (3 × together = rarest)', 'مجلس الأمن', { 'مجلس الأمن': 1, مجلس: 3, الأمن: 3 }, 1],
    ['two words that met once but are mostly apart', 'الحج السعودية', { 'الحج السعودية': 1, الحج: 4, السعودية: 9 }, 0],
    ['a phrase that does not occur', 'البيت الأبيض', { البيت: 3, الأبيض: 3 }, 0],
  ])('%s', (_name, phrase, entries, expected) => {
    expect(cohesiveCount(phrase, counts(entries))).toBe(expected);
  });
});

describe('splitKeywordLine', () => {
  const evidence = (phrases: string[]) => (p: string) => (phrases.includes(p) ? 1 : 0);
  const none = () => false;

  it.each([
    ['no evidence: every word is a keyword', 'ع ب ج د', [], ['ع', 'ب', 'ج', 'د']],
    ['a confirmed pair is joined', 'ع ب ج د', ['ب ج'], ['ع', 'ب ج', 'د']],
    ['the longest confirmed run wins over a shorter one inside it', 'ع ب ج د', ['ع ب', 'ع ب ج'], ['ع ب ج', 'د']],
    ['two pairs joining four words beat a triple joining three', 'ع ب ج د', ['ع ب ج', 'ج د', 'ع ب'], ['ع ب', 'ج د']],
    ['two confirmed pairs side by side', 'ع ب ج د', ['ع ب', 'ج د'], ['ع ب', 'ج د']],
    ['overlapping pairs: the tie keeps the later pair', 'ع ب ج', ['ع ب', 'ب ج'], ['ع', 'ب ج']],
    ['no keyword longer than five words', 'ع ب ج د ه و', ['ع ب ج د ه و'], ['ع', 'ب', 'ج', 'د', 'ه', 'و']],
  ])('%s', (_name, line, phrases, expected) => {
    expect(splitKeywordLine(line, evidence(phrases), none)).toEqual(expected);
  });

  it('uses archive vocabulary when the article gives no evidence', () => {
    expect(splitKeywordLine('إيران الدولة الإسلامية', () => 0, (p) => p === key('الدولة الإسلامية'))).toEqual(['إيران', 'الدولة الإسلامية']);
  });

  it('keeps the spelling of the line, spaces collapsed', () => {
    expect(splitKeywordLine('  الدولة   الإسلامية\u00a0إيران ', evidence([key('الدولة الإسلامية')]), none)).toEqual([
      'الدولة الإسلامية',
      'إيران',
    ]);
  });

  it('returns nothing for an empty line', () => {
    expect(splitKeywordLine('   ', () => 1, () => true)).toEqual([]);
  });
});

describe('splitArchiveKeywords', () => {
  // درع الفرات, not in the gazetteer's names of several words: only evidence joins it.
  it('settles a line whose article never spells the phrase with what other articles confirmed', () => {
    const { keywords, stats } = splitArchiveKeywords([
      item('درع الفرات الموصل', 'سيطرت قوات درع الفرات على الموصل.'),
      item('الرقة درع الفرات', 'غارات على الرقة معقل التنظيم.'),
    ]);
    expect(keywords).toEqual([
      ['درع الفرات', 'الموصل'],
      ['الرقة', 'درع الفرات'],
    ]);
    expect(Object.values(stats.support)).toEqual([1]);
  });

  it('does not lend an article its own confirmation (it needs another article)', () => {
    const { keywords } = splitArchiveKeywords([item('الرقة درع الفرات', 'غارات على الرقة معقل التنظيم.')]);
    expect(keywords).toEqual([['الرقة', 'درع', 'الفرات']]);
  });

  describe('the coincidence rule', () => {
    const coincidental = item('الحج السعودية إيران', 'أعلنت وزارة الحج السعودية أرقام الموسم، وردت إيران.');
    const hajj = item('الحج منى', 'بدأ الحج أمس، وتوجه الحجاج إلى منى.');
    const saudi = item('السعودية اليمن', 'قالت السعودية إن اليمن يحتاج إلى دعم.');

    it('joins the words on the article\'s evidence alone', () => {
      expect(splitArchiveKeywords([coincidental]).keywords).toEqual([['الحج السعودية', 'إيران']]);
    });

    it('splits a phrase met by chance when each of its words is a keyword on its own elsewhere', () => {
      expect(splitArchiveKeywords([coincidental, hajj, saudi]).keywords[0]).toEqual(['الحج', 'السعودية', 'إيران']);
    });

    it('keeps the phrase when only one of its words stands alone elsewhere', () => {
      expect(splitArchiveKeywords([coincidental, hajj]).keywords[0]).toEqual(['الحج السعودية', 'إيران']);
    });

    it('keeps the phrase when another article confirms it too', () => {
      const again = item('الحج السعودية مكة', 'قالت الحج السعودية إن الاستعدادات في مكة اكتملت.');
      const { keywords } = splitArchiveKeywords([coincidental, hajj, saudi, again]);
      expect(keywords[0]).toEqual(['الحج السعودية', 'إيران']);
      expect(keywords[3]).toEqual(['الحج السعودية', 'مكة']);
    });
  });

  it('uses statistics of articles indexed earlier (prior)', () => {
    const first = splitArchiveKeywords([item('درع الفرات الموصل', 'سيطرت قوات درع الفرات على الموصل.')]);
    const later = splitArchiveKeywords([item('الرقة درع الفرات', 'غارات على الرقة.')], first.stats);
    expect(later.keywords).toEqual([['الرقة', 'درع الفرات']]);
    // Statistics accumulate: the prior's counts are carried on.
    const key = Object.keys(first.stats.support)[0]!;
    expect(later.stats.support[key]).toBe(first.stats.support[key]);
    expect(later.stats.standalone).toMatchObject(first.stats.standalone);
  });
});
