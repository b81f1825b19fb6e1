// Pages for a browser (--format html): one self-contained document per run, laid out right
// to left (lang="ar" dir="rtl"), with its styles inline and a content security policy that
// lets it load nothing, so a saved page opens the same anywhere and never reaches the
// network. Matched words are <mark>ed, a related-story chain is a nested list, a timeline an
// inline SVG bar chart with labelled axes. Dates follow --calendar like every other format.

import type { Article } from '../model/article';
import type { ArchiveStats } from '../features/stats';
import { chainTree, chronological, type ChainTreeNode, type StoryChain } from '../features/related/chain';
import type { Timeline } from '../features/timeline';
import { dayLabel, snippetSpans, type Calendar, type HitView } from './articles';
import { label, type LabelKey } from './labels';
import type { Span } from './line';
import { linkNote, type ChainView } from './related';
import { byteSize } from './stats';
import type { Lang } from './terminal';

/** Text made safe for HTML text and attribute values; controls the sanitiser would drop are dropped here too. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Spans as HTML, marked words in <mark>. */
function spansHtml(spans: Span[]): string {
  return spans.map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}

// Wide content (a long URL, an id) wraps instead of widening the page; numbers and ids keep
// their left-to-right order inside the right-to-left text.
const STYLE = `
:root { color-scheme: light dark; --muted: #666; --mark: #ffe58a; --rule: #ccc; --bar: #2b6cb0; }
@media (prefers-color-scheme: dark) { :root { --muted: #aaa; --mark: #8a6d00; --rule: #555; --bar: #63b3ed; } }
* { box-sizing: border-box; }
body { margin: 0 auto; padding: 1.5rem; max-width: 60rem; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; line-height: 1.7; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0; }
.meta { color: var(--muted); font-size: .9rem; }
.ltr, .id, time { direction: ltr; unicode-bidi: isolate; }
.id { font-family: "DejaVu Sans Mono", monospace; }
mark { background: var(--mark); color: inherit; }
ol.hits { list-style: none; padding: 0; }
ol.hits > li { border-bottom: 1px solid var(--rule); padding: .75rem 0; }
.snippet { margin: .25rem 0 0; }
.tree, .tree ul { list-style: none; margin: 0; padding-inline-start: 1.25rem; border-inline-start: 1px solid var(--rule); }
.tree { padding-inline-start: 0; border: 0; }
.tree li { margin: .35rem 0; }
.tree > li > .title { font-weight: bold; }
table.counts { width: auto; min-width: 18rem; }
.missing, .repeated { color: var(--muted); }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: start; vertical-align: top; }
td.num, th.num { width: 7rem; }
figure { margin: 1rem 0; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 12px; fill: currentColor; }
svg .bar { fill: var(--bar); }
svg .axis { stroke: currentColor; stroke-width: 1; }
svg .grid { stroke: var(--rule); stroke-width: 1; }
footer { margin-top: 1.5rem; }
`;

/** A whole page: the document, its styles and a policy that loads nothing from anywhere. */
export function htmlPage(title: string, body: string, lang: Lang): string {
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsq">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-lang="${lang}">
${body}
</body>
</html>
`;
}

// Each fact isolated: an English label or an id keeps its own order inside the Arabic line.
function meta(parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => `<bdi>${p}</bdi>`)
    .join(' · ');
}

function timeHtml(iso: string | null, calendar: Calendar): string | null {
  if (!iso) return null;
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(dayLabel(iso, calendar))}</time>`;
}

function idHtml(id: string): string {
  return `<span class="id">${escapeHtml(id)}</span>`;
}

/** Search results (or a listing) as a page: each hit's headline and snippet, matched words marked. */
export function hitsHtml(hits: HitView[], calendar: Calendar, lang: Lang, heading: string, summary: string): string {
  const items = hits.map((h) => {
    const a = h.article;
    const source = [a.source, ...a.credits].filter(Boolean).join(' + ');
    const copies = h.copies?.length ? `+${h.copies.length}` : null;
    return `<li>
<h2>${spansHtml(snippetSpans(h.title))}</h2>
<div class="meta">${meta([timeHtml(a.date, calendar), idHtml(a.id), source ? escapeHtml(source) : null, copies])}</div>
${h.snippet.text ? `<p class="snippet">${spansHtml(snippetSpans(h.snippet))}</p>` : ''}
</li>`;
  });
  const body = `<header><h1>${escapeHtml(heading)}</h1><p class="meta"><bdi>${escapeHtml(summary)}</bdi></p></header>
<ol class="hits">
${items.join('\n')}
</ol>`;
  return htmlPage(heading, body, lang);
}

/** One article in full. */
export function articleHtml(a: Article, calendar: Calendar, lang: Lang): string {
  const source = [a.source, ...a.credits].filter(Boolean).join(' + ');
  const time = a.date && a.date.length >= 16 ? a.date.slice(11, 16) : null;
  const facts = meta([timeHtml(a.date, calendar), time ? `<span class="ltr">${time}</span>` : null, idHtml(a.id), source ? escapeHtml(source) : null, a.author ? escapeHtml(a.author) : null]);
  const url = a.url ? `<p class="meta ltr">${escapeHtml(a.url)}</p>` : '';
  const body = a.body
    .filter((b) => b.text.trim() !== '')
    .map((b) => (b.kind === 'heading' ? `<h2>${escapeHtml(b.text)}</h2>` : `<p>${escapeHtml(b.text)}</p>`))
    .join('\n');
  const keywords = a.keywords.length ? `<p class="meta"><bdi>${escapeHtml(label('keywordsLine', lang))}</bdi> ${a.keywords.map(escapeHtml).join(' · ')}</p>` : '';
  const related = a.related.length ? `<h2>${escapeHtml(label('related', lang))}</h2>\n<ul>${a.related.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  return htmlPage(a.title, `<article>\n<h1>${escapeHtml(a.title)}</h1>\n<p class="meta">${facts}</p>\n${url}\n${body}\n${keywords}\n${related}\n</article>`, lang);
}

function treeItemHtml(t: ChainTreeNode, calendar: Calendar, lang: Lang): string {
  const n = t.node;
  const facts: Array<string | null> = n.inArchive ? [timeHtml(n.date, calendar), idHtml(n.id)] : [escapeHtml(label('notInArchive', lang))];
  const note = t.mutual ? label('mutual', lang) : linkNote(t.edge, lang);
  if (note) facts.push(escapeHtml(note));
  if (t.repeated) facts.push(escapeHtml(label(t.fullEntry === 'below' ? 'below' : 'above', lang)));
  const cls = [!n.inArchive ? 'missing' : '', t.repeated ? 'repeated' : ''].filter(Boolean).join(' ');
  const children = t.children.length ? `\n<ul>${t.children.map((c) => treeItemHtml(c, calendar, lang)).join('\n')}</ul>` : '';
  return `<li${cls ? ` class="${cls}"` : ''}><span class="title">${escapeHtml(n.title)}</span> <span class="meta">${meta(facts)}</span>${children}</li>`;
}

/** A related-story chain: the tree as nested lists, or the stories in date order. */
export function chainHtml(chain: StoryChain, calendar: Calendar, lang: Lang, view: ChainView): string {
  const rootTitle = chain.nodes.find((n) => n.id === chain.root)?.title ?? chain.root;
  let list: string;
  if (view === 'tree') {
    list = `<ul class="tree">\n${treeItemHtml(chainTree(chain), calendar, lang)}\n</ul>`;
  } else {
    const items = chronological(chain).map((n) => {
      const facts = n.inArchive ? [timeHtml(n.date, calendar), idHtml(n.id)] : [escapeHtml(label('notInArchive', lang))];
      const title = n.id === chain.root ? `<mark>${escapeHtml(n.title)}</mark>` : escapeHtml(n.title);
      return `<li${n.inArchive ? '' : ' class="missing"'}>${title} <span class="meta">${meta(facts)}</span></li>`;
    });
    list = `<ol class="timeline">\n${items.join('\n')}\n</ol>`;
  }
  return htmlPage(rootTitle, `<header><h1>${escapeHtml(rootTitle)}</h1><p class="meta"><bdi>${escapeHtml(label('related', lang))}</bdi></p></header>\n${list}`, lang);
}

/** Round steps for an axis up to `max`: 1, 2 or 5 times a power of ten, about five of them. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Math.round(v));
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + Math.max(1, Math.round(step)));
  return ticks;
}

/**
 * A timeline as an SVG bar chart: periods left to right on the horizontal axis (time runs
 * that way on a chart, as on the terminal's bars), article counts on the vertical one, both
 * axes named. Every period has a bar (an empty one is zero high) with its label in a <title>.
 */
export function timelineSvg(t: Timeline, lang: Lang, heading: string): string {
  const W = 900;
  const H = 360;
  const left = 56;
  const right = 16;
  const top = 16;
  const bottom = 64;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = Math.max(1, t.periods.length);
  const max = Math.max(0, ...t.periods.map((p) => p.count));
  const ticks = axisTicks(max);
  const yMax = ticks[ticks.length - 1]! || 1;
  const slot = plotW / n;
  const barW = Math.max(1, slot * 0.8);
  const y = (v: number): number => top + plotH - (v / yMax) * plotH;
  const fmt = (v: number): string => (Math.round(v * 10) / 10).toString();
  const parts: string[] = [];
  for (const v of ticks) {
    parts.push(`<line class="grid" x1="${left}" x2="${W - right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}"/>`);
    parts.push(`<text x="${left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  t.periods.forEach((p, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const h = (p.count / yMax) * plotH;
    parts.push(`<rect class="bar" x="${fmt(x)}" y="${fmt(top + plotH - h)}" width="${fmt(barW)}" height="${fmt(h)}"><title>${escapeHtml(p.label)}: ${p.count}</title></rect>`);
  });
  // Period labels: as many as fit without overlapping (about 9 pixels a character).
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / (Math.max(...t.periods.map((p) => p.label.length), 4) * 8 + 8)))));
  t.periods.forEach((p, i) => {
    if (i % every !== 0) return;
    const x = left + i * slot + slot / 2;
    parts.push(`<text x="${fmt(x)}" y="${top + plotH + 18}" text-anchor="middle">${escapeHtml(p.label)}</text>`);
  });
  parts.push(`<line class="axis" x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}"/>`);
  const xName = label(t.by === 'day' ? 'axisDay' : t.by === 'week' ? 'axisWeek' : 'axisMonth', lang);
  parts.push(`<text class="axis-label" x="${left + plotW / 2}" y="${H - 12}" text-anchor="middle">${escapeHtml(xName)}</text>`);
  parts.push(`<text class="axis-label" transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(label('articles', lang))}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(heading)}" direction="ltr">\n${parts.join('\n')}\n</svg>`;
}

/** A timeline page: the chart, and the counts as a table. */
export function timelineHtml(t: Timeline, lang: Lang, heading: string, summary: string): string {
  const rows = t.periods.map((p) => `<tr><td><span class="ltr">${escapeHtml(p.label)}</span></td><td class="num">${p.count}</td></tr>`).join('\n');
  const body = `<header><h1>${escapeHtml(heading)}</h1><p class="meta"><bdi>${escapeHtml(summary)}</bdi></p></header>
<figure>
${timelineSvg(t, lang, heading)}
</figure>
<table class="counts">
<thead><tr><th>${escapeHtml(label('period', lang))}</th><th class="num">${escapeHtml(label('articles', lang))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return htmlPage(heading, body, lang);
}

/** Archive statistics: the summary, sources and top keywords as tables. */
export function statsHtml(s: ArchiveStats, calendar: Calendar, lang: Lang): string {
  const t = (key: LabelKey): string => escapeHtml(label(key, lang));
  const row = (name: string, value: string): string => `<tr><th scope="row">${name}</th><td>${value}</td></tr>`;
  const span = s.firstDay && s.lastDay ? `${timeHtml(s.firstDay, calendar)} … ${timeHtml(s.lastDay, calendar)}` : '';
  const summary = [
    row(t('articles'), String(s.documents)),
    row(t('dateSpan'), span),
    row(t('localTime'), `<span class="ltr">UTC${escapeHtml(s.utcOffset)}</span>`),
    row(t('withoutDate'), String(s.undated)),
    row(t('withoutKeywords'), String(s.withoutKeywords)),
    row(t('distinctKeywords'), String(s.keywords.distinct)),
    row(t('sources'), String(s.sources.filter((x) => x.source !== null).length)),
    ...(s.links.articles > 0 ? [row(t('withRelated'), String(s.links.articles)), row(t('relatedHeadlines'), `${s.links.headlines} (${s.links.exact} ${t('exact')}، ${s.links.close} ${t('close')}، ${s.links.none} ${t('notInArchive')})`)] : []),
    row(t('index'), `<span class="ltr">${escapeHtml(s.index.dir)} (${escapeHtml(byteSize(s.index.bytes))})</span>`),
  ].join('\n');
  const counts = (head: string, items: Array<[string, number]>): string =>
    items.length
      ? `<table class="counts">\n<thead><tr><th>${head}</th><th class="num">${t('articles')}</th></tr></thead>\n<tbody>\n${items.map(([name, n]) => `<tr><td>${escapeHtml(name)}</td><td class="num">${n}</td></tr>`).join('\n')}\n</tbody>\n</table>`
      : '';
  const body = `<header><h1>${t('archive')}</h1></header>
<table>
<tbody>
${summary}
</tbody>
</table>
${counts(t('source'), s.sources.map((x) => [x.source ?? label('noSource', lang), x.count]))}
${counts(t('keyword'), s.keywords.top.map((k) => [k.keyword, k.count]))}`;
  return htmlPage(label('archive', lang), body, lang);
}
