// Headers and labels of the human-readable output, in one language per run (--lang,
// NEWSQ_LANG or the locale): a table never mixes Arabic and English headers. JSON keys,
// TSV/CSV column names and messages on stderr are not translated.

import type { Lang } from './terminal';

const LABELS = {
  id: { en: 'id', ar: 'المعرف' },
  date: { en: 'date', ar: 'التاريخ' },
  title: { en: 'title', ar: 'العنوان' },
  source: { en: 'source', ar: 'المصدر' },
  time: { en: 'time', ar: 'الوقت' },
  author: { en: 'author', ar: 'الكاتب' },
  url: { en: 'url', ar: 'الرابط' },
  credits: { en: 'credits', ar: 'مصادر أخرى' },
  keywords: { en: 'keywords', ar: 'الكلمات المفتاحية' },
  score: { en: 'score', ar: 'الدرجة' },
  snippet: { en: 'snippet', ar: 'المقتطف' },
  keyword: { en: 'keyword', ar: 'الكلمة المفتاحية' },
  articles: { en: 'articles', ar: 'المقالات' },
  archive: { en: 'archive', ar: 'الأرشيف' },
  dateSpan: { en: 'date span', ar: 'المدة' },
  localTime: { en: 'local time', ar: 'التوقيت المحلي' },
  withoutDate: { en: 'without a date', ar: 'بلا تاريخ' },
  withoutKeywords: { en: 'without keywords', ar: 'بلا كلمات مفتاحية' },
  distinctKeywords: { en: 'distinct keywords', ar: 'الكلمات المفتاحية' },
  sources: { en: 'sources', ar: 'المصادر' },
  withRelated: { en: 'with related lists', ar: 'بقوائم أخبار ذات صلة' },
  relatedHeadlines: { en: 'related headlines', ar: 'العناوين ذات الصلة' },
  exact: { en: 'exact', ar: 'مطابقة' },
  close: { en: 'close', ar: 'قريبة' },
  notInArchive: { en: 'not in archive', ar: 'ليست في الأرشيف' },
  index: { en: 'index', ar: 'الفهرس' },
  segment: { en: 'segment', ar: 'مقطع' },
  segments: { en: 'segments', ar: 'مقاطع' },
  noSource: { en: '(no source)', ar: '(بلا مصدر)' },
  above: { en: '↑ above', ar: '↑ أعلاه' },
  below: { en: '↓ below', ar: '↓ أدناه' },
  mutual: { en: '↔ lists each other', ar: '↔ يذكر كل منهما الآخر' },
  listsIt: { en: '← lists it', ar: '← يذكرها' },
  similar: { en: 'similar', ar: 'مشابهة' },
  keywordsLine: { en: 'keywords:', ar: 'كلمات مفتاحية:' },
  related: { en: 'Related stories', ar: 'أخبار ذات صلة' },
  period: { en: 'period', ar: 'الفترة' },
  axisDay: { en: 'day', ar: 'اليوم' },
  axisWeek: { en: 'week (from Sunday)', ar: 'الأسبوع (من الأحد)' },
  axisMonth: { en: 'month', ar: 'الشهر' },
  results: { en: 'results', ar: 'نتيجة' },
} as const;

/** A label's key. */
export type LabelKey = keyof typeof LABELS;

/** The label in the run's language. */
export function label(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}
