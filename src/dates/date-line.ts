/**
 * The archive's date line, the block under the headline: `الجمعة 7 نوفمبر 2014 07:11 ص`.
 *
 * Grammar (on folded text, so hamza/ة/ى spellings, harakat, tatweel, RLM/LRM and Arabic-Indic digits
 * do not matter):
 *
 *   [يوم] [weekday] [،,-] day month[(/|-|( )month)] year [era] [الموافق day month year [era]]
 *   [،,-|] [الساعة] [H:MM[:SS] [ص|صباحا|م|مساء|am|pm]] [anything → warning]
 *
 * or an ISO day `YYYY-MM-DD` with an optional `HH:MM` / `THH:MM`. The month name decides the calendar:
 * a Hijri line (`14 محرم 1436 هـ`) is converted to its Umm al-Qura Gregorian day. `م` right after the
 * year is the era (ميلادي), after a time it is p.m.
 */
import {
  foldArabicWithMap,
  matchMonthNameAt,
  matchWeekdayAt,
  WEEKDAY_NAMES,
  type MonthNameMatch,
} from './arabic-names';
import { formatYmd, isValidYmd, weekdayOf } from './calendar-day';
import { hijriToGregorian } from './hijri';
import { matchWordAt, readDigits, skipChars, skipSpaces, wordEnd } from './text-scan';

/** Outcome of `parseDateLine`. */
export type DateLineResult =
  | {
      ok: true;
      /** Local calendar day of the archive, 'YYYY-MM-DD' (Gregorian even when the line was Hijri). */
      date: string;
      /** Local 24-hour time 'HH:MM', or null when the line has none. */
      time: string | null;
      /** `date` + `time` (T00:00 when no time) + the archive's offset: 'YYYY-MM-DDTHH:MM:00+03:00'. */
      iso: string;
      /** Oddities that did not stop the parse (weekday disagreeing with the date, ignored text, …). */
      warnings: string[];
      /** The calendar the line was written in. */
      calendar: 'gregory' | 'hijri';
      /** Text after the date and time that was not read (also named in a warning); '' when none. */
      trailing: string;
    }
  | { ok: false; reason: string };

/** Gregorian years accepted on a date line; outside it the line is more likely a typo or not a date. */
const GREGORIAN_YEARS = { first: 1900, last: 2100 } as const;
/** Longest line `looksLikeDateLine` will consider: real date lines are about 30 characters. */
const MAX_DATE_LINE_LENGTH = 100;

const NOT_A_DATE_LINE = 'not a date line';
const SEPARATORS = ' ,،-–—|';
const HIJRI_ERA = ['ه', 'هجري', 'هجريه', 'ah'];
const GREGORIAN_ERA = ['م', 'ميلادي', 'ميلاديه', 'ad'];
const AM_WORDS = ['ص', 'صباحا', 'صباح', 'am', 'a.m.'];
const PM_WORDS = ['م', 'مساء', 'مساءا', 'pm', 'p.m.'];

interface WrittenDate {
  day: number;
  dayStart: number;
  month: MonthNameMatch;
  monthStart: number;
  /** A second name for the same month (`نوفمبر/تشرين الثاني`), if written. */
  alt: { match: MonthNameMatch; start: number } | null;
  year: number;
  era: 'hijri' | 'gregory' | null;
}

interface Scan {
  weekday: number | null;
  weekdayText: string | null;
  primary: WrittenDate | { iso: { year: number; month: number; day: number } };
  secondary: WrittenDate | null;
  time: { hour: number; minute: number; text: string } | null;
  meridiem: 'am' | 'pm' | null;
  meridiemText: string | null;
  trailing: string | null;
}

/**
 * A scan that stopped. `structural` failures mean the line does not have the shape of a date line at
 * all; the others are date lines with a defect (and still count for `looksLikeDateLine`).
 */
type ScanFailure = { reason: string; structural: boolean };

/** How far a written date got before failing: not even a day number + name, an unknown name, or later. */
type WrittenFailure = { reason: string; stage: 'none' | 'unknown-month' | 'after-month' };

class LineScanner {
  readonly text: string;
  readonly map: number[];
  constructor(readonly source: string) {
    const folded = foldArabicWithMap(source);
    this.text = folded.text;
    this.map = folded.map;
  }

  /** The source text behind folded range [start, end), trimmed. */
  original(start: number, end: number): string {
    return this.source.slice(this.map[start], this.map[end]).trim();
  }
}

/** Read `day month[/month] year [era]` at `pos`; a string is a failure reason. */
function scanWrittenDate(s: LineScanner, pos: number): { date: WrittenDate; end: number } | WrittenFailure {
  const t = s.text;
  const dayRun = readDigits(t, pos);
  if (!dayRun || dayRun.length > 2) return { reason: NOT_A_DATE_LINE, stage: 'none' };
  let i = skipChars(t, dayRun.end, ' -');
  const month = matchMonthNameAt(t, i);
  if (!month) {
    const end = wordEnd(t, i);
    const yearAfter = readDigits(t, skipSpaces(t, end));
    if (end > i && yearAfter && yearAfter.length === 4) {
      return { reason: `unknown month name "${s.original(i, end)}"`, stage: 'unknown-month' };
    }
    return { reason: NOT_A_DATE_LINE, stage: 'none' };
  }
  const monthStart = i;
  i = month.end;
  let alt: WrittenDate['alt'] = null;
  {
    const j = skipSpaces(t, i);
    const sep = t[j];
    if (sep === '/' || sep === '-' || sep === '(' || sep === '\\') {
      const k = skipSpaces(t, j + 1);
      const second = matchMonthNameAt(t, k);
      if (second) {
        alt = { match: second, start: k };
        i = second.end;
        if (sep === '(') {
          const close = skipSpaces(t, i);
          if (t[close] === ')') i = close + 1;
        }
      }
    }
  }
  i = skipChars(t, i, ' -,،');
  const yearRun = readDigits(t, i);
  if (!yearRun) return { reason: `no year after "${s.original(dayRun.start, i)}"`, stage: 'after-month' };
  if (yearRun.length !== 4) return { reason: `year "${s.original(yearRun.start, yearRun.end)}" is not 4 digits`, stage: 'after-month' };
  i = yearRun.end;
  let era: WrittenDate['era'] = null;
  const e = skipSpaces(t, i);
  const hijriEnd = matchWordAt(t, e, HIJRI_ERA);
  const gregEnd = matchWordAt(t, e, GREGORIAN_ERA);
  if (hijriEnd > 0) {
    era = 'hijri';
    i = t[hijriEnd] === '.' ? hijriEnd + 1 : hijriEnd;
  } else if (gregEnd > 0) {
    era = 'gregory';
    i = gregEnd;
  }
  return {
    date: { day: dayRun.value, dayStart: dayRun.start, month, monthStart, alt, year: yearRun.value, era },
    end: i,
  };
}

function scanLine(s: LineScanner): Scan | ScanFailure {
  const t = s.text;
  let i = skipChars(t, 0, SEPARATORS);
  const yawm = matchWordAt(t, i, ['يوم']);
  if (yawm > 0) i = skipSpaces(t, yawm);
  let weekday: number | null = null;
  let weekdayText: string | null = null;
  const wd = matchWeekdayAt(t, i);
  if (wd) {
    weekday = wd.weekday;
    weekdayText = s.original(i, wd.end);
    i = skipChars(t, wd.end, SEPARATORS);
  }

  let primary: Scan['primary'];
  let secondary: WrittenDate | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(t.slice(i));
  if (iso) {
    primary = { iso: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } };
    i += iso[0].length;
    if (t[i] === 't') i++;
  } else {
    const first = scanWrittenDate(s, i);
    if ('reason' in first) {
      // A weekday followed by a number is a date line with a defect, not ordinary prose; without the
      // weekday, "number word number" is too common in prose to count.
      const withWeekday = weekday !== null;
      if (first.stage === 'none') {
        return withWeekday && readDigits(t, i)
          ? { reason: `no date after the weekday "${weekdayText}"`, structural: false }
          : { reason: NOT_A_DATE_LINE, structural: true };
      }
      return { reason: first.reason, structural: first.stage === 'unknown-month' && !withWeekday };
    }
    primary = first.date;
    i = first.end;
    const j = skipChars(t, i, SEPARATORS);
    const muwafiq = matchWordAt(t, j, ['الموافق', 'موافق']);
    if (muwafiq > 0) {
      const second = scanWrittenDate(s, skipSpaces(t, muwafiq));
      if ('reason' in second) return { reason: `unreadable date after "الموافق": ${second.reason}`, structural: false };
      secondary = second.date;
      i = second.end;
    }
  }

  i = skipChars(t, i, SEPARATORS);
  const saa = matchWordAt(t, i, ['الساعه', 'ساعه']);
  if (saa > 0) i = skipChars(t, saa, SEPARATORS);
  let time: Scan['time'] = null;
  let meridiem: Scan['meridiem'] = null;
  let meridiemText: string | null = null;
  const tm = /^(\d{1,2})[:：](\d{2})(?::(\d{2}))?(?!\d)/.exec(t.slice(i));
  if (tm) {
    time = { hour: Number(tm[1]), minute: Number(tm[2]), text: s.original(i, i + tm[0].length) };
    i = skipSpaces(t, i + tm[0].length);
    const am = matchWordAt(t, i, AM_WORDS);
    const pm = matchWordAt(t, i, PM_WORDS);
    if (am > 0) {
      meridiem = 'am';
      meridiemText = s.original(i, am);
      i = am;
    } else if (pm > 0) {
      meridiem = 'pm';
      meridiemText = s.original(i, pm);
      i = pm;
    }
  }
  i = skipChars(t, i, SEPARATORS + '.');
  const trailing = i < t.length ? s.original(i, t.length) : null;
  return { weekday, weekdayText, primary, secondary, time, meridiem, meridiemText, trailing: trailing || null };
}

/** Gregorian 'YYYY-MM-DD' for a written date, or a failure reason. */
function resolveWritten(s: LineScanner, d: WrittenDate, warnings: string[]): { day: string } | { reason: string } {
  const monthText = s.original(d.monthStart, d.month.end);
  const calendar = d.month.calendar;
  if (d.alt) {
    const altText = s.original(d.alt.start, d.alt.match.end);
    if (d.alt.match.calendar !== calendar || d.alt.match.month !== d.month.month) {
      warnings.push(`month names disagree: "${monthText}" and "${altText}"; using "${monthText}"`);
    }
  }
  if (d.era !== null && d.era !== calendar) {
    return {
      reason: calendar === 'hijri'
        ? `Hijri month "${monthText}" with a Gregorian year marker`
        : `Gregorian month "${monthText}" with a Hijri year marker`,
    };
  }
  const written = `${d.day} ${monthText} ${d.year}`;
  if (calendar === 'gregory') {
    if (d.year < GREGORIAN_YEARS.first || d.year > GREGORIAN_YEARS.last) {
      return { reason: `year ${d.year} out of range ${GREGORIAN_YEARS.first}–${GREGORIAN_YEARS.last}: ${written}` };
    }
    if (!isValidYmd(d.year, d.month.month, d.day)) return { reason: `no such day: ${written}` };
    return { day: formatYmd(d.year, d.month.month, d.day) };
  }
  if (d.day < 1 || d.day > 30) return { reason: `no such day: ${written}` };
  try {
    return { day: hijriToGregorian(d.year, d.month.month, d.day) };
  } catch (err) {
    const msg = (err as Error).message;
    return { reason: msg.startsWith('no such day') ? `no such day: ${written}` : `${msg}: ${written}` };
  }
}

/** Normalise a UTC offset setting to '±HH:MM'; null if malformed. */
export function normalizeUtcOffset(offset: string): string | null {
  if (offset === 'Z' || offset === 'z') return '+00:00';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

/** Parse the archive's date line into a local day, time and ISO string with the archive's UTC offset. */
export function parseDateLine(line: string, utcOffset: string): DateLineResult {
  const offset = normalizeUtcOffset(utcOffset);
  if (offset === null) return { ok: false, reason: `invalid UTC offset "${utcOffset}" (expected ±HH:MM)` };
  const s = new LineScanner(line);
  const scan = scanLine(s);
  if ('reason' in scan) return { ok: false, reason: scan.reason };

  const warnings: string[] = [];
  let date: string;
  let calendar: 'gregory' | 'hijri' = 'gregory';
  if ('iso' in scan.primary) {
    const { year, month, day } = scan.primary.iso;
    if (year < GREGORIAN_YEARS.first || year > GREGORIAN_YEARS.last) {
      return { ok: false, reason: `year ${year} out of range ${GREGORIAN_YEARS.first}–${GREGORIAN_YEARS.last}` };
    }
    if (!isValidYmd(year, month, day)) return { ok: false, reason: `no such day: ${formatYmd(year, month, day)}` };
    date = formatYmd(year, month, day);
  } else {
    const main = resolveWritten(s, scan.primary, warnings);
    if ('reason' in main) return { ok: false, reason: main.reason };
    date = main.day;
    calendar = scan.primary.month.calendar;
    if (scan.secondary) {
      const other = resolveWritten(s, scan.secondary, warnings);
      if ('reason' in other) {
        warnings.push(`ignored the second date after "الموافق": ${other.reason}`);
      } else {
        const otherCalendar = scan.secondary.month.calendar;
        // The Gregorian reading wins: the index buckets by civil day, and Hijri dates vary with moon sighting.
        const useOther = calendar === 'hijri' && otherCalendar === 'gregory';
        const chosen = useOther ? other.day : date;
        if (other.day !== date) warnings.push(`the two dates disagree (${date} and ${other.day}); using ${chosen}`);
        date = chosen;
        if (useOther) calendar = otherCalendar;
      }
    }
  }

  let time: string | null = null;
  if (scan.time) {
    let { hour } = scan.time;
    const { minute } = scan.time;
    if (minute > 59) return { ok: false, reason: `minute ${minute} out of range 0–59 in "${scan.time.text}"` };
    if (scan.meridiem) {
      if (hour > 12 || (hour === 0 && scan.meridiem === 'pm')) {
        return { ok: false, reason: `hour ${hour} with ${scan.meridiemText}` };
      }
      if (scan.meridiem === 'am' && hour === 12) hour = 0;
      else if (scan.meridiem === 'pm' && hour < 12) hour += 12;
    } else if (hour > 23) {
      return { ok: false, reason: `hour ${hour} out of range 0–23 in "${scan.time.text}"` };
    }
    time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  }

  if (scan.weekday !== null) {
    const actual = weekdayOf(date);
    if (actual !== scan.weekday) {
      warnings.push(`weekday "${scan.weekdayText}" disagrees with ${date}, which is a ${WEEKDAY_NAMES[actual]}`);
    }
  }
  if (scan.trailing) warnings.push(`ignored trailing text "${scan.trailing}"`);

  return { ok: true, date, time, iso: `${date}T${time ?? '00:00'}:00${offset}`, warnings, calendar, trailing: scan.trailing ? scan.trailing.trim() : '' };
}

/** Cheap check whether a line is meant as a date line (even a faulty one), before parsing it. */
export function looksLikeDateLine(line: string): boolean {
  if (line.length > MAX_DATE_LINE_LENGTH * 2) return false;
  const s = new LineScanner(line);
  if (s.text.trim().length > MAX_DATE_LINE_LENGTH) return false;
  const scan = scanLine(s);
  if (!('reason' in scan)) return true;
  return !scan.structural;
}
