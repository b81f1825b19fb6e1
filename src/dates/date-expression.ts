/**
 * Date expressions typed by users (`newsq date "نوفمبر 2014"`, `date:2014-11..2015-02`): absolute days,
 * months and years in either calendar, Arabic month names, relative words, and `A..B` ranges with open
 * ends. Every expression resolves to an inclusive range of local archive days.
 *
 * Year rule: a 4-digit year from 1900 to 2100 is Gregorian and one from 1300 to 1600 is Hijri. The
 * Gregorian years a news archive can mention (1900–2100) correspond to Hijri 1317–1524, so the two bands
 * never overlap and a bare year needs no calendar marker; anything outside both bands is rejected rather
 * than guessed. `هـ` / `م` after a year may confirm the calendar but never override the rule.
 */
import {
  foldArabicWithMap,
  HIJRI_MONTH_NAMES,
  isWordChar,
  matchMonthNameAt,
  type MonthNameMatch,
} from './arabic-names';
import {
  addDaysTo,
  addMonthsTo,
  addYearsTo,
  formatYmd,
  isValidYmd,
  lastDayOfMonth,
  parseDay,
  startOfWeekOf,
  type Ymd,
} from './calendar-day';
import { HIJRI_SUPPORTED_YEARS, hijriMonthRange, hijriToGregorian, hijriYearRange } from './hijri';
import { matchWordAt, readDigits, skipSpaces, type DigitRun } from './text-scan';

/** Inclusive range of local days; null marks an open end. */
export interface DateRange {
  start: string | null;
  end: string | null;
}

/** Outcome of `parseDateExpression`. */
export type DateExprResult =
  | { ok: true; range: DateRange; label: string }
  | { ok: false; message: string; /** 0-based index into the expression of the problem. */ position: number };

/** What relative expressions are measured from. */
export interface DateExprContext {
  /** The archive's local day today, 'YYYY-MM-DD'. */
  today: string;
  /** First day of the week for `this-week` / `last-week`: 0 Sunday (default, as in Saudi Arabia), 1 Monday, 6 Saturday. */
  weekStartsOn?: 0 | 1 | 6;
}

/** Help text listing every accepted form with an example; printed by the CLI after a bad expression. */
export const ACCEPTED_DATE_FORMS = [
  'Accepted date expressions (local archive days; ranges include both ends):',
  '  2014-11-07                a day',
  '  2014-11                   a month',
  '  2014                      a year (1900–2100 is Gregorian, 1300–1600 is Hijri)',
  '  2014-11-01..2014-12-15    a range; each side may be any single form listed here',
  '  2015-01..   ..2014-12     open ranges',
  '  today   yesterday         also اليوم, أمس',
  '  7d  2w  3m  1y            the last N days/weeks/months/years, up to and including today',
  '  last-week  last-month  last-year    the previous calendar week/month/year',
  '  this-week  this-month  this-year    the current calendar week/month/year',
  '  7 نوفمبر 2014             Arabic day (also 7 تشرين الثاني 2014)',
  '  نوفمبر 2014               Arabic month (also تشرين الثاني 2014)',
  '  ٧ نوفمبر ٢٠١٤   ۲۰۱۴-۱۱     Arabic-Indic digits work anywhere',
  '  محرم 1436   1 محرم 1436     Hijri (Umm al-Qura, 1356–1500 AH) month and day',
  '  1436-01   1436-01-14   1436 هـ    Hijri in numbers (trailing هـ optional)',
  '  محرم 1436..صفر 1436        ranges may mix forms and calendars',
].join('\n');

class ExprError {
  constructor(
    readonly message: string,
    /** Index into the folded text. */
    readonly at: number,
  ) {}
}

/** One side of a range, or a whole expression without `..`. */
interface Point {
  start: string;
  end: string;
  label: string;
}

const GREGORIAN_YEARS = { first: 1900, last: 2100 } as const;
const HIJRI_YEARS = { first: 1300, last: 1600 } as const;
const HIJRI_ERA = ['ه', 'هجري', 'هجريه', 'ah'];
const GREGORIAN_ERA = ['م', 'ميلادي', 'ميلاديه', 'ad'];

type Calendar = 'gregory' | 'hijri';

/** Which calendar a 4-digit year belongs to under the rule in the module comment. */
function classifyYear(year: number): Calendar | null {
  if (year >= GREGORIAN_YEARS.first && year <= GREGORIAN_YEARS.last) return 'gregory';
  if (year >= HIJRI_YEARS.first && year <= HIJRI_YEARS.last) return 'hijri';
  return null;
}

type Keyword = 'today' | 'yesterday' | 'last-week' | 'last-month' | 'last-year' | 'this-week' | 'this-month' | 'this-year';

/** Relative words, folded; English ones also match with a space or underscore for the hyphen. */
const KEYWORDS: Record<string, Keyword> = {
  today: 'today',
  yesterday: 'yesterday',
  'last-week': 'last-week',
  'last-month': 'last-month',
  'last-year': 'last-year',
  'this-week': 'this-week',
  'this-month': 'this-month',
  'this-year': 'this-year',
  'اليوم': 'today',
  'امس': 'yesterday',
  'يوم امس': 'yesterday',
  'البارحه': 'yesterday',
  'الاسبوع الماضي': 'last-week',
  'الشهر الماضي': 'last-month',
  'العام الماضي': 'last-year',
  'السنه الماضيه': 'last-year',
  'هذا الاسبوع': 'this-week',
  'هذا الشهر': 'this-month',
  'هذا العام': 'this-year',
  'هذه السنه': 'this-year',
};

const UNITS: Record<string, 'd' | 'w' | 'm' | 'y'> = {
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
  m: 'm', month: 'm', months: 'm',
  y: 'y', year: 'y', years: 'y',
};

/** Largest count per unit: about 270 years, far beyond any archive, small enough to stay in range. */
const MAX_COUNT = { d: 100_000, w: 14_000, m: 3_000, y: 250 } as const;
const UNIT_NAMES = { d: 'day', w: 'week', m: 'month', y: 'year' } as const;

class ExpressionParser {
  readonly today: string;
  readonly todayYmd: Ymd;
  readonly weekStartsOn: 0 | 1 | 6;

  constructor(
    readonly text: string,
    private readonly source: string,
    private readonly map: number[],
    ctx: DateExprContext,
  ) {
    const ymd = parseDay(ctx.today);
    if (!ymd) throw new RangeError(`invalid ctx.today "${ctx.today}" (expected YYYY-MM-DD)`);
    this.today = ctx.today;
    this.todayYmd = ymd;
    this.weekStartsOn = ctx.weekStartsOn ?? 0;
  }

  /** The expression as the user typed it behind folded range [start, end), for messages. */
  orig(start: number, end: number): string {
    return this.source.slice(this.map[start], this.map[end]);
  }

  /** Parse folded text [from, to) as a single point; null when it is blank (an open range end). */
  side(from: number, to: number): Point | null {
    let end = to;
    while (end > from && this.text[end - 1] === ' ') end--;
    const t = this.text.slice(0, end);
    const i = skipSpaces(t, from);
    if (i >= end) return null;

    const keyword = this.keyword(t.slice(i, end));
    if (keyword) return this.relativeWord(keyword);

    const first = readDigits(t, i);
    if (first) return this.fromNumber(t, first, end);
    const month = matchMonthNameAt(t, i);
    if (month) return this.writtenDate(t, null, i, month, end);
    if (isWordChar(t[i])) {
      let w = i;
      while (isWordChar(t[w])) w++;
      const word = this.orig(i, w);
      const nextIsNumber = readDigits(t, skipSpaces(t, w)) !== null;
      throw new ExprError(
        nextIsNumber ? `unknown month name "${word}"` : `unknown date expression "${word}"`,
        i,
      );
    }
    throw new ExprError(`unexpected "${this.orig(i, i + 1)}"`, i);
  }

  keyword(s: string): Keyword | null {
    // Own properties only: a typed `__proto__` or `constructor` is not a keyword.
    const lookup = (k: string): Keyword | null => (Object.prototype.hasOwnProperty.call(KEYWORDS, k) ? KEYWORDS[k]! : null);
    return lookup(s.replace(/ +/g, ' ')) ?? lookup(s.replace(/[ _]+/g, '-'));
  }

  relativeWord(k: Keyword): Point {
    const today = this.today;
    const { year, month } = this.todayYmd;
    switch (k) {
      case 'today':
        return { start: today, end: today, label: 'today' };
      case 'yesterday': {
        const d = addDaysTo(today, -1);
        return { start: d, end: d, label: 'yesterday' };
      }
      case 'this-week': {
        const start = startOfWeekOf(today, this.weekStartsOn);
        return { start, end: addDaysTo(start, 6), label: 'this week' };
      }
      case 'last-week': {
        const start = addDaysTo(startOfWeekOf(today, this.weekStartsOn), -7);
        return { start, end: addDaysTo(start, 6), label: 'last week' };
      }
      case 'this-month':
        return { start: formatYmd(year, month, 1), end: lastDayOfMonth(year, month), label: 'this month' };
      case 'last-month': {
        const y = month === 1 ? year - 1 : year;
        const m = month === 1 ? 12 : month - 1;
        return { start: formatYmd(y, m, 1), end: lastDayOfMonth(y, m), label: 'last month' };
      }
      case 'this-year':
        return { start: formatYmd(year, 1, 1), end: formatYmd(year, 12, 31), label: 'this year' };
      case 'last-year':
        return { start: formatYmd(year - 1, 1, 1), end: formatYmd(year - 1, 12, 31), label: 'last year' };
    }
  }

  /** Forms that start with a number: 7d, 2014, 2014-11(-07), 1436-01, 7 نوفمبر 2014. */
  fromNumber(t: string, first: DigitRun, end: number): Point {
    const after = t[first.end];
    if (after === '-' && readDigits(t, first.end + 1)) return this.numericDate(t, first, end);
    if (after !== undefined && /[a-z]/.test(after)) return this.count(t, first, end);

    const j = skipSpaces(t, first.end);
    const month = matchMonthNameAt(t, j);
    if (month) {
      if (first.length > 2) throw new ExprError(`"${first.value}" is not a day of the month`, first.start);
      return this.writtenDate(t, first, j, month, end);
    }
    if (j >= end || matchWordAt(t, j, HIJRI_ERA) > 0 || matchWordAt(t, j, GREGORIAN_ERA) > 0) {
      if (first.length !== 4) {
        throw new ExprError(
          `"${this.orig(first.start, first.end)}" is not a date: a year has 4 digits, and the last ${first.value} days is ${first.value}d`,
          first.start,
        );
      }
      const calendar = this.yearCalendar(first);
      this.era(t, j, end, calendar, String(first.value));
      if (calendar === 'gregory') {
        return { start: formatYmd(first.value, 1, 1), end: formatYmd(first.value, 12, 31), label: String(first.value) };
      }
      this.hijriSpan(first);
      const r = hijriYearRange(first.value);
      return { start: r.start, end: r.end, label: `${first.value} هـ` };
    }
    if (isWordChar(t[j])) {
      let w = j;
      while (isWordChar(t[w])) w++;
      throw new ExprError(`unknown month name "${this.orig(j, w)}"`, j);
    }
    throw new ExprError(`unexpected "${this.orig(j, j + 1)}"`, j);
  }

  /** `Nd`, `Nw`, `Nm`, `Ny`: the last N units up to and including today. */
  count(t: string, first: DigitRun, end: number): Point {
    let u = first.end;
    while (u < end && /[a-z]/.test(t[u] as string)) u++;
    const unitText = t.slice(first.end, u);
    const unit = UNITS[unitText];
    if (!unit) {
      throw new ExprError(
        `unknown unit "${this.orig(first.end, u)}" in "${this.orig(first.start, u)}" (use d, w, m or y: 7d is the last 7 days)`,
        first.end,
      );
    }
    if (u < end) throw new ExprError(`unexpected "${this.orig(u, u + 1)}" after "${this.orig(first.start, u)}"`, u);
    const n = first.value;
    if (n < 1) throw new ExprError(`the count in "${this.orig(first.start, u)}" must be at least 1`, first.start);
    if (n > MAX_COUNT[unit]) throw new ExprError(`the count in "${this.orig(first.start, u)}" is too large (at most ${MAX_COUNT[unit]})`, first.start);
    const today = this.today;
    let start: string;
    if (unit === 'd') start = addDaysTo(today, -(n - 1));
    else if (unit === 'w') start = addDaysTo(today, -(7 * n - 1));
    else if (unit === 'm') start = addDaysTo(addMonthsTo(today, -n), 1);
    else start = addDaysTo(addYearsTo(today, -n), 1);
    return { start, end: today, label: `last ${n} ${UNIT_NAMES[unit]}${n === 1 ? '' : 's'}` };
  }

  yearCalendar(year: DigitRun): Calendar {
    const calendar = year.length === 4 ? classifyYear(year.value) : null;
    if (!calendar) {
      throw new ExprError(
        `year ${this.orig(year.start, year.end)} is neither Gregorian (${GREGORIAN_YEARS.first}–${GREGORIAN_YEARS.last}) nor Hijri (${HIJRI_YEARS.first}–${HIJRI_YEARS.last})`,
        year.start,
      );
    }
    return calendar;
  }

  /** Reject Hijri years the Umm al-Qura tables do not cover. */
  hijriSpan(year: DigitRun): void {
    if (year.value < HIJRI_SUPPORTED_YEARS.first || year.value > HIJRI_SUPPORTED_YEARS.last) {
      throw new ExprError(
        `Hijri year ${year.value} is outside the Umm al-Qura tables (${HIJRI_SUPPORTED_YEARS.first}–${HIJRI_SUPPORTED_YEARS.last} AH)`,
        year.start,
      );
    }
  }

  /** Consume an optional era marker at `pos` that must agree with `calendar`, then require the end. */
  era(t: string, pos: number, end: number, calendar: Calendar, what: string): void {
    let i = skipSpaces(t, pos);
    const hijri = matchWordAt(t, i, HIJRI_ERA);
    const greg = matchWordAt(t, i, GREGORIAN_ERA);
    if (hijri > 0 || greg > 0) {
      const marked: Calendar = hijri > 0 ? 'hijri' : 'gregory';
      if (marked !== calendar) {
        throw new ExprError(
          marked === 'hijri'
            ? `"هـ" marks a Hijri date but ${what} is Gregorian (Hijri years are ${HIJRI_YEARS.first}–${HIJRI_YEARS.last})`
            : `"م" marks a Gregorian date but ${what} is Hijri (Gregorian years are ${GREGORIAN_YEARS.first}–${GREGORIAN_YEARS.last})`,
          i,
        );
      }
      i = Math.max(hijri, greg);
      if (t[i] === '.') i++;
      i = skipSpaces(t, i);
    }
    if (i < end) throw new ExprError(`unexpected "${this.orig(i, end)}"`, i);
  }

  /** `YYYY-MM` and `YYYY-MM-DD`, Gregorian or Hijri by the year rule. */
  numericDate(t: string, year: DigitRun, end: number): Point {
    const calendar = this.yearCalendar(year);
    const month = readDigits(t, year.end + 1) as DigitRun;
    let day: DigitRun | null = null;
    let i = month.end;
    if (t[i] === '-') {
      day = readDigits(t, i + 1);
      if (!day) throw new ExprError('expected a day number after "-"', i + 1);
      i = day.end;
    }
    if (month.length > 2 || month.value < 1 || month.value > 12) {
      throw new ExprError(`month ${this.orig(month.start, month.end)} out of range 1–12`, month.start);
    }
    if (day && (day.length > 2 || day.value < 1)) {
      throw new ExprError(`no such day: ${this.orig(year.start, day.end)}`, day.start);
    }
    const text = this.orig(year.start, i);
    this.era(t, i, end, calendar, text);
    const y = year.value;
    const m = month.value;
    if (calendar === 'gregory') {
      if (day) {
        if (!isValidYmd(y, m, day.value)) throw new ExprError(`no such day: ${text}`, day.start);
        const d = formatYmd(y, m, day.value);
        return { start: d, end: d, label: d };
      }
      return { start: formatYmd(y, m, 1), end: lastDayOfMonth(y, m), label: formatYmd(y, m, 1).slice(0, 7) };
    }
    this.hijriSpan(year);
    if (day) {
      const g = this.hijriDay(y, m, day, text);
      return { start: g, end: g, label: `${day.value} ${HIJRI_MONTH_NAMES[m - 1]} ${y} هـ` };
    }
    const r = hijriMonthRange(y, m);
    return { start: r.start, end: r.end, label: `${HIJRI_MONTH_NAMES[m - 1]} ${y} هـ` };
  }

  hijriDay(y: number, m: number, day: DigitRun, written: string): string {
    if (day.value > 30) throw new ExprError(`no such day: ${written} (Hijri months have at most 30 days)`, day.start);
    try {
      return hijriToGregorian(y, m, day.value);
    } catch {
      throw new ExprError(`no such day: ${written} (${HIJRI_MONTH_NAMES[m - 1]} ${y} has 29 days in the Umm al-Qura calendar)`, day.start);
    }
  }

  /** `[day] month[/month] year [era]` with an Arabic month name at `monthPos`. */
  writtenDate(t: string, day: DigitRun | null, monthPos: number, month: MonthNameMatch, end: number): Point {
    let i = month.end;
    const monthText = this.orig(monthPos, month.end);
    const j = skipSpaces(t, i);
    if (t[j] === '/') {
      const k = skipSpaces(t, j + 1);
      const alt = matchMonthNameAt(t, k);
      if (!alt) throw new ExprError(`expected a second month name after "/"`, k);
      if (alt.calendar !== month.calendar || alt.month !== month.month) {
        throw new ExprError(`"${this.orig(k, alt.end)}" is not the same month as "${monthText}"`, k);
      }
      i = alt.end;
    }
    const y = skipSpaces(t, i);
    const year = readDigits(t, y);
    if (!year) {
      throw new ExprError(`a month name needs a 4-digit year after it, e.g. "${monthText} ${month.calendar === 'hijri' ? 1436 : 2014}"`, y);
    }
    const calendar = this.yearCalendar(year);
    if (calendar !== month.calendar) {
      throw new ExprError(
        month.calendar === 'hijri'
          ? `"${monthText}" is a Hijri month but ${year.value} is a Gregorian year (Hijri years are ${HIJRI_YEARS.first}–${HIJRI_YEARS.last})`
          : `"${monthText}" is a Gregorian month but ${year.value} is a Hijri year (Gregorian years are ${GREGORIAN_YEARS.first}–${GREGORIAN_YEARS.last})`,
        year.start,
      );
    }
    const written = `${day ? `${day.value} ` : ''}${monthText} ${year.value}`;
    this.era(t, year.end, end, calendar, written);
    const m = month.month;
    if (calendar === 'gregory') {
      if (day) {
        if (!isValidYmd(year.value, m, day.value)) throw new ExprError(`no such day: ${written}`, day.start);
        const d = formatYmd(year.value, m, day.value);
        return { start: d, end: d, label: d };
      }
      return { start: formatYmd(year.value, m, 1), end: lastDayOfMonth(year.value, m), label: formatYmd(year.value, m, 1).slice(0, 7) };
    }
    this.hijriSpan(year);
    if (day) {
      const g = this.hijriDay(year.value, m, day, written);
      return { start: g, end: g, label: `${day.value} ${HIJRI_MONTH_NAMES[m - 1]} ${year.value} هـ` };
    }
    const r = hijriMonthRange(year.value, m);
    return { start: r.start, end: r.end, label: `${HIJRI_MONTH_NAMES[m - 1]} ${year.value} هـ` };
  }

  parse(): { range: DateRange; label: string } {
    const t = this.text;
    if (t.trim() === '') throw new ExprError('empty date expression', 0);
    const dots = t.indexOf('..');
    if (dots < 0) {
      const p = this.side(0, t.length) as Point;
      return { range: { start: p.start, end: p.end }, label: p.label };
    }
    const again = t.indexOf('..', dots + 2);
    if (again >= 0) throw new ExprError('only one ".." is allowed', again);
    const left = this.side(0, dots);
    const rightFrom = skipSpaces(t, dots + 2);
    const right = this.side(dots + 2, t.length);
    if (!left && !right) throw new ExprError('".." needs a start, an end or both, e.g. 2014-11..2015-02', dots);
    if (left && right && right.end < left.start) {
      throw new ExprError(`the range ends (${right.end}) before it starts (${left.start})`, rightFrom);
    }
    return {
      range: { start: left ? left.start : null, end: right ? right.end : null },
      label: `${left ? left.label : ''}..${right ? right.label : ''}`,
    };
  }
}

/** Parse a user's date expression into an inclusive day range, or a message pointing at the problem. */
export function parseDateExpression(expr: string, ctx: DateExprContext): DateExprResult {
  const folded = foldArabicWithMap(expr);
  const parser = new ExpressionParser(folded.text, expr, folded.map, ctx);
  try {
    const { range, label } = parser.parse();
    return { ok: true, range, label };
  } catch (err) {
    if (err instanceof ExprError) {
      return { ok: false, message: err.message, position: folded.map[err.at] ?? expr.length };
    }
    throw err;
  }
}
