// How archive statistics look: a summary and two small tables on a terminal, one
// `section<TAB>name<TAB>value` line per number when piped, one object as JSON (stable
// shape, see README "newsq stats").

import type { ArchiveStats } from '../features/stats';
import { dayLabel, type Calendar } from './articles';
import { formatDelimited, formatJson, formatNdjson } from './formats';
import { renderTable } from './table';
import { label, type LabelKey } from './labels';
import type { Lang, OutputSettings } from './terminal';


/** The stable JSON object of archive statistics. */
export function statsJson(s: ArchiveStats, calendar: Calendar): Record<string, unknown> {
  const out: Record<string, unknown> = {
    documents: s.documents,
    firstDay: s.firstDay,
    lastDay: s.lastDay,
    utcOffset: s.utcOffset,
    undated: s.undated,
    withoutKeywords: s.withoutKeywords,
    keywords: { distinct: s.keywords.distinct, top: s.keywords.top.map((k) => ({ keyword: k.keyword, key: k.key, count: k.count })) },
    sources: s.sources.map((x) => ({ source: x.source, count: x.count })),
    links: { ...s.links },
    index: { ...s.index },
  };
  if (calendar === 'hijri') {
    out.firstDay_hijri = s.firstDay ? dayLabel(s.firstDay, 'hijri') : null;
    out.lastDay_hijri = s.lastDay ? dayLabel(s.lastDay, 'hijri') : null;
  }
  return out;
}

/** Human-readable byte size (KiB/MiB). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function summaryRows(s: ArchiveStats, calendar: Calendar, lang: Lang): Array<[string, string]> {
  const t = (key: LabelKey): string => label(key, lang);
  const comma = lang === 'ar' ? '،' : ',';
  const span = s.firstDay && s.lastDay ? `${dayLabel(s.firstDay, calendar)} … ${dayLabel(s.lastDay, calendar)}` : '';
  const rows: Array<[string, string]> = [
    [t('articles'), String(s.documents)],
    [t('dateSpan'), span],
    [t('localTime'), `UTC${s.utcOffset}`],
    [t('withoutDate'), String(s.undated)],
    [t('withoutKeywords'), String(s.withoutKeywords)],
    [t('distinctKeywords'), String(s.keywords.distinct)],
    [t('sources'), String(s.sources.filter((x) => x.source !== null).length)],
  ];
  if (s.links.articles > 0) {
    rows.push(
      [t('withRelated'), String(s.links.articles)],
      [t('relatedHeadlines'), `${s.links.headlines} (${s.links.exact} ${t('exact')}${comma} ${s.links.close} ${t('close')}${comma} ${s.links.none} ${t('notInArchive')})`],
    );
  }
  // The size first: a count next to an Arabic word would be drawn on its far side.
  rows.push([t('index'), `${s.index.dir} (${byteSize(s.index.bytes)}${comma} ${s.index.segments} ${t(s.index.segments === 1 ? 'segment' : 'segments')})`]);
  return rows;
}

/** Renders archive statistics in the chosen format. */
export function formatStats(s: ArchiveStats, settings: OutputSettings, calendar: Calendar): string {
  switch (settings.format) {
    case 'json':
      return formatJson(statsJson(s, calendar));
    case 'ndjson':
      return formatNdjson([statsJson(s, calendar)]);
    case 'tsv':
    case 'csv': {
      const rows: string[][] = [
        ['archive', 'documents', String(s.documents)],
        ['archive', 'first_day', s.firstDay ? dayLabel(s.firstDay, calendar) : ''],
        ['archive', 'last_day', s.lastDay ? dayLabel(s.lastDay, calendar) : ''],
        ['archive', 'utc_offset', s.utcOffset],
        ['archive', 'undated', String(s.undated)],
        ['archive', 'without_keywords', String(s.withoutKeywords)],
        ['archive', 'distinct_keywords', String(s.keywords.distinct)],
        ['links', 'articles', String(s.links.articles)],
        ['links', 'exact', String(s.links.exact)],
        ['links', 'close', String(s.links.close)],
        ['links', 'none', String(s.links.none)],
        ...s.sources.map((x) => ['source', x.source ?? '', String(x.count)]),
        ...s.keywords.top.map((k) => ['keyword', k.keyword, String(k.count)]),
      ];
      const columns = ['section', 'name', 'value'];
      return formatDelimited(settings, columns, rows);
    }
    case 'table': {
      const lang = settings.lang ?? 'en';
      // The labels column is words: Arabic labels read right to left, first column on the right.
      const parts = [
        renderTable(
          {
            columns: [
              { header: label('archive', lang), kind: lang === 'ar' ? 'text' : 'ltr' },
              // With Arabic labels some values hold Arabic words too: laid out as text.
              { header: '', kind: lang === 'ar' ? 'text' : 'ltr', wrap: true },
            ],
            rows: summaryRows(s, calendar, lang),
            direction: lang === 'ar' ? 'rtl' : 'ltr',
          },
          settings,
        ),
      ];
      if (s.sources.length > 0) {
        parts.push(
          renderTable(
            {
              columns: [
                { header: label('source', lang), kind: 'text', minWidth: 8 },
                { header: label('articles', lang), kind: 'ltr' },
              ],
              rows: s.sources.map((x) => [x.source ?? label('noSource', lang), String(x.count)]),
              direction: 'rtl',
            },
            settings,
          ),
        );
      }
      if (s.keywords.top.length > 0) {
        parts.push(
          renderTable(
            {
              columns: [
                { header: label('keyword', lang), kind: 'text', minWidth: 8 },
                { header: label('articles', lang), kind: 'ltr' },
              ],
              rows: s.keywords.top.map((k) => [k.keyword, String(k.count)]),
              direction: 'rtl',
            },
            settings,
          ),
        );
      }
      return parts.join('\n');
    }
  }
}
