import { describe, expect, it } from 'vitest';
import { analyzeWord, phraseKey } from '../../src/analysis/analyzer';
import type { QueryPlan } from '../../src/search/query';
import { FIELDS } from '../../src/index/schema';
import { QuerySyntaxError } from '../../src/search/parse';
import { compileQuery, dateRangePlan, type PlanContext } from '../../src/search/plan';

// The demo archive's span, and a "today" inside it.
const CTX: PlanContext = { today: '2016-06-01', firstDay: '2014-06-10', lastDay: '2017-06-21' };

/** A plan as text: leaves as term@fields (with * or ~f), ALL, and kind(children). */
function show(p: QueryPlan): string {
  switch (p.kind) {
    case 'leaf':
      return `${p.term}@${p.fields.map((f) => FIELDS[f]).join('/')}${p.prefix ? '*' : ''}${p.fuzzy ? `~${p.fuzzy}` : ''}`;
    case 'all':
      return 'ALL';
    case 'phrase':
      return `PHRASE${p.where === 'title' ? '@title' : ''}${p.slop ? `~${p.slop}` : ''}[${p.words.map((w) => w.exact).join(' ')}](${show(p.inner)})`;
    default:
      return `${p.kind.toUpperCase()}(${p.children.map(show).join(' ')})`;
  }
}

/** The plan of one word as the planner should build it: exact form or any stem. */
function wordPlan(word: string, field: 'any' | 'title' = 'any', suffix = ''): string {
  const a = analyzeWord(word)!;
  const exact = field === 'any' ? 'title/body' : 'title';
  const stem = field === 'any' ? 'title_stem/body_stem' : 'title_stem';
  return `OR(${[`${a.exact}@${exact}${suffix}`, ...a.stems.map((s) => `${s}@${stem}${suffix}`)].join(' ')})`;
}

function plan(query: string, ctx = CTX): string {
  return show(compileQuery(query, ctx).plan);
}

/** The date terms of a planned date query, sorted. */
function dateTerms(query: string, ctx = CTX): string[] {
  const p = compileQuery(query, ctx).plan;
  if (p.kind !== 'or') throw new Error(`expected an OR of date terms, got ${show(p)}`);
  return p.children.map((c) => (c.kind === 'leaf' && c.fields.map((f) => FIELDS[f]).join() === 'date' ? c.term : `?${show(c)}`)).sort();
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(`d${new Date(t).toISOString().slice(0, 10)}`);
  }
  return out;
}

describe('words', () => {
  it('searches a word by its exact form in titles and bodies, or by its stems in the stem fields', () => {
    expect(plan('خامنئي')).toBe(wordPlan('خامنئي'));
    expect(plan('والرسالة')).toBe(wordPlan('والرسالة'));
  });

  it('keeps title: words to the title fields', () => {
    expect(plan('title:خامنئي')).toBe(wordPlan('خامنئي', 'title'));
  });

  it('carries prefix and fuzzy flags to every leaf', () => {
    expect(plan('مفاوض*')).toBe(wordPlan('مفاوض', 'any', '*'));
    expect(plan('خامنئى~')).toBe(wordPlan('خامنئى', 'any', '~0.2'));
    expect(plan('خامنئى~2')).toBe(wordPlan('خامنئى', 'any', '~2'));
  });

  it('requires every token of a word the tokenizer splits', () => {
    expect(plan('co-operation')).toBe(`AND(${wordPlan('co')} ${wordPlan('operation')})`);
  });

  it('ANDs words, ORs alternatives', () => {
    expect(plan('خامنئي رسالة')).toBe(`AND(${wordPlan('خامنئي')} ${wordPlan('رسالة')})`);
    expect(plan('إيران OR طهران')).toBe(`OR(${wordPlan('إيران')} ${wordPlan('طهران')})`);
  });
});

describe('negation', () => {
  it('subtracts negated words from the positive part', () => {
    expect(plan('خامنئي -طهران')).toBe(`NOT(${wordPlan('خامنئي')} ${wordPlan('طهران')})`);
    expect(plan('خامنئي رسالة -طهران -العراق')).toBe(
      `NOT(AND(${wordPlan('خامنئي')} ${wordPlan('رسالة')}) ${wordPlan('طهران')} ${wordPlan('العراق')})`,
    );
  });

  it('subtracts from everything when the query is only negative', () => {
    expect(plan('-طهران')).toBe(`NOT(ALL ${wordPlan('طهران')})`);
    expect(plan('-طهران -العراق')).toBe(`NOT(ALL ${wordPlan('طهران')} ${wordPlan('العراق')})`);
    expect(plan('NOT طهران OR إيران')).toBe(`OR(NOT(ALL ${wordPlan('طهران')}) ${wordPlan('إيران')})`);
  });
});

describe('phrases', () => {
  it("requires the phrase's words, kept to where they stand together", () => {
    const planned = compileQuery('"الدولة الإسلامية"', CTX);
    const words = `${analyzeWord('الدولة')!.exact} ${analyzeWord('الإسلامية')!.exact}`;
    expect(show(planned.plan)).toBe(`PHRASE[${words}](AND(${wordPlan('الدولة')} ${wordPlan('الإسلامية')}))`);
    const p = planned.plan;
    if (p.kind !== 'phrase') throw new Error('no phrase node');
    expect(p.words.map((w) => w.stems)).toEqual([analyzeWord('الدولة')!.stems, analyzeWord('الإسلامية')!.stems]);
  });

  it('reads a window after the closing quote', () => {
    const p = compileQuery('"الدولة الإسلامية"~3', CTX).plan;
    expect(p.kind === 'phrase' && p.slop).toBe(3);
    expect(() => compileQuery('"الدولة الإسلامية"~99', CTX)).toThrow(QuerySyntaxError);
  });

  it('treats a one-word phrase as the word', () => {
    expect(plan('"إيران"')).toBe(wordPlan('إيران'));
  });

  it('checks a title: phrase in the title only', () => {
    const p = compileQuery('title:"رسالة سرية"', CTX).plan;
    if (p.kind !== 'phrase') throw new Error('no phrase node');
    expect(p.where).toBe('title');
    expect(show(p.inner)).toBe(`AND(${wordPlan('رسالة', 'title')} ${wordPlan('سرية', 'title')})`);
  });
});

describe('proximity and filters', () => {
  it('ranks the words of an unquoted multi-word query by closeness, and not a query with operators', () => {
    expect(compileQuery('وزير الخارجية', CTX).proximity?.map((w) => w.exact)).toEqual([analyzeWord('وزير')!.exact, analyzeWord('الخارجية')!.exact]);
    expect(compileQuery('وزير الخارجية tag:إيران', CTX).proximity).not.toBeNull();
    expect(compileQuery('وزير OR الخارجية', CTX).proximity).toBeNull();
    expect(compileQuery('وزير', CTX).proximity).toBeNull();
    expect(compileQuery('"وزير الخارجية"', CTX).proximity).toBeNull();
  });

  it('knows a query of filters only', () => {
    expect(compileQuery('tag:إيران date:2015', CTX).filterOnly).toBe(true);
    expect(compileQuery('author:"محمد"', CTX).filterOnly).toBe(true);
    expect(compileQuery('tag:إيران طهران', CTX).filterOnly).toBe(false);
  });

  it('searches authors by their normalized name', () => {
    expect(plan('author:"محمد الأحمد"')).toBe(`${phraseKey('محمد الأحمد')}@author`);
  });

  it('hints that operators are written in capitals', () => {
    expect(compileQuery('إيران or طهران', CTX).notices.join()).toMatch(/capitals/);
    expect(compileQuery('إيران أو طهران', CTX).notices.join()).toMatch(/capitals/);
    expect(compileQuery('إيران OR طهران', CTX).notices).toEqual([]);
  });

  it('refuses a field that does not exist, naming the fields', () => {
    expect(() => compileQuery('writer:محمد', CTX)).toThrow(/unknown field "writer:".*title: tag: source: author: date:/);
  });
});

describe('field prefixes', () => {
  it('looks tags and sources up by their normalized whole name', () => {
    expect(plan('tag:"الدولة الإسلامية"')).toBe(`${phraseKey('الدولة الإسلامية')}@tags`);
    expect(plan('tag:الدولة الاسلاميه')).toBe(`AND(${phraseKey('الدولة')}@tags ${wordPlan('الاسلاميه')})`);
    expect(plan('source:الخليج')).toBe(`${phraseKey('الخليج')}@source`);
  });
});

describe('date: ranges', () => {
  it.each<[string, string[]]>([
    ['date:2015-07', ['m2015-07']],
    ['date:2015-07-14', ['d2015-07-14']],
    ['date:2015', ['y2015']],
    ['date:2015-11..2016-01', ['m2015-11', 'm2015-12', 'm2016-01']],
    ['date:"نوفمبر 2014"', ['m2014-11']],
  ])('%s covers exactly its days', (query, terms) => {
    expect(dateTerms(query)).toEqual(terms.sort());
  });

  it('clips a range to whole years around the archive, keeping a year one term', () => {
    // The archive starts on 2014-06-10; 2014 stays one year term.
    expect(dateTerms('date:2014')).toEqual(['y2014']);
    expect(dateTerms('date:2010..2014')).toEqual(['y2014']);
    // An open start is the archive's first day.
    expect(dateTerms('date:..2014-06-15')).toEqual(days('2014-06-10', '2014-06-15'));
  });

  it('clips a range to whole years at the archive\'s end', () => {
    // The archive ends on 2017-06-21; beyond it the range stops at the end of 2017.
    expect(dateTerms('date:2017-06-15..2020')).toEqual([...days('2017-06-15', '2017-06-30'), 'm2017-07', 'm2017-08', 'm2017-09', 'm2017-10', 'm2017-11', 'm2017-12'].sort());
    // An open end is the archive's last day.
    expect(dateTerms('date:2017..')).toEqual(['m2017-01', 'm2017-02', 'm2017-03', 'm2017-04', 'm2017-05', ...days('2017-06-01', '2017-06-21')].sort());
  });

  it('matches nothing outside the archive span', () => {
    expect(dateTerms('date:2013')).toEqual([]);
    expect(dateTerms('date:2018..')).toEqual([]);
    expect(dateTerms('date:..2014-06-09')).toEqual([]);
  });

  it('reads relative dates against today', () => {
    expect(dateTerms('date:7d')).toEqual(days('2016-05-26', '2016-06-01'));
    // Days before the archive's first day but in its first year are kept: they cost a
    // lookup each and match nothing.
    expect(dateTerms('date:7d', { ...CTX, today: '2014-06-12' })).toEqual(days('2014-06-06', '2014-06-12'));
  });

  it('matches nothing in an empty archive', () => {
    const empty = { today: '2016-06-01', firstDay: null, lastDay: null };
    expect(show(dateRangePlan(null, null, empty))).toBe('OR()');
    expect(show(dateRangePlan('2015-01-01', null, empty))).toBe('OR()');
    // A closed range needs no archive span.
    expect(show(dateRangePlan('2015-03-01', '2015-03-31', empty))).toBe('OR(m2015-03@date)');
  });

  it('combines with words', () => {
    expect(plan('إيران date:2015-07')).toBe(`AND(${wordPlan('إيران')} OR(m2015-07@date))`);
  });

  it.each<[string, number, RegExp]>([
    ['date:غدا', 5, /date: unknown date expression/],
    ['إيران date:2014-13', 16, /date: month 13/],
  ])('reports an unreadable date in %s at the position in the query', (query, position, message) => {
    let err: unknown;
    try {
      compileQuery(query, CTX);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuerySyntaxError);
    expect((err as QuerySyntaxError).position).toBe(position);
    expect((err as QuerySyntaxError).message).toMatch(message);
  });
});

describe('queries with nothing to search for', () => {
  it.each([['-'], ['- -'], ['( - )'], ['"- -"']])('%j is an error at position 0', (query) => {
    let err: unknown;
    try {
      compileQuery(query, CTX);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QuerySyntaxError);
    expect((err as QuerySyntaxError).position).toBe(0);
    expect((err as QuerySyntaxError).message).toMatch(/nothing to search for/);
  });

  it('drops the empty part of an OR and keeps the rest', () => {
    expect(plan('إيران OR -')).toBe(wordPlan('إيران'));
  });
});
