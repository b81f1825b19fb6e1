// The fields an article is indexed under. Titles and bodies are indexed twice: under each
// word's normalized spelling (the exact fields, which also keep positions, for phrases and
// proximity) and under its light stems, so that a document holding the spelling a user typed
// collects both scores and ranks above one that only shares the stem. Keywords, sources,
// dates and authors are filters and labels; `dup` holds the near-duplicate band keys of an
// article's text (see src/features/near-duplicates.ts), which find its wire copies.

/** Index fields in id order. */
export const FIELDS = ['title', 'body', 'title_stem', 'body_stem', 'tags', 'source', 'date', 'author', 'dup'] as const;
export type FieldName = (typeof FIELDS)[number];
export const FIELD_ID: Record<FieldName, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FieldName, number>;

/** Fields whose postings carry positions (the exact title and body terms). */
export const POSITIONAL: ReadonlySet<number> = new Set([FIELD_ID.title, FIELD_ID.body]);

/**
 * Length columns of the doc table. A field's length is its number of distinct tokens (as
 * MiniSearch counts it); a stem field has its exact field's length, and the band keys of
 * `dup` are never scored.
 */
export const LENGTH_COLUMNS = ['title', 'body', 'tags', 'source', 'author', 'date'] as const;

/** The length column holding a field's length, or -1 for fields that are not scored. */
export function lengthColumn(field: number): number {
  switch (FIELDS[field]) {
    case 'title':
    case 'title_stem':
      return 0;
    case 'body':
    case 'body_stem':
      return 1;
    case 'tags':
      return 2;
    case 'source':
      return 3;
    case 'author':
      return 4;
    case 'date':
      return 5;
    default:
      return -1;
  }
}

/** Date terms of a local day: its year, month and day, each a term of the date field. */
export function dateTerms(day: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
  return [`y${day.slice(0, 4)}`, `m${day.slice(0, 7)}`, `d${day}`];
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(day: string): number {
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000);
}

/** The 'YYYY-MM-DD' day of a day number. */
export function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** Sentinel time of an article without a date. */
export const NO_TIME = -2147483648;

/** An article's sort time: minutes since 1970-01-01 in the archive's local time. */
export function timeOf(day: number | null, minute: number | null): number {
  return day === null ? NO_TIME : day * 1440 + (minute ?? 0);
}
