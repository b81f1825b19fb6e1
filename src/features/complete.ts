// Tab completion: which slot of a command line the cursor is in, and what fits there.
// The CLI describes its commands as plain data (a ProgramSpec derived from the commander
// program at run time, so completion cannot drift from the parser); a shell wrapper
// passes the words typed so far; this module finds the slot — a subcommand, an option,
// an option's value, an argument, a field of a search query — and lists the candidates:
// fixed choices from the spec, or keywords, sources and article ids from the archive.
// Archive values match on the normalized form (hamza seats, alef forms, ة/ه, ى/ي and
// diacritics folded) and are offered in the archive's own spelling. Everything here is a
// plain value: quoting for a particular shell is the CLI's business.

import { normalize, normalizePhrase } from '../analysis/normalize';
import { FIELD_ID, lengthColumn } from '../index/schema';
import type { ArchiveIndex } from '../index/reader';

/** What fits where a value goes. */
export type ValueKind =
  | { kind: 'none' }
  | { kind: 'choices'; values: readonly string[] }
  | { kind: 'dirs' }
  | { kind: 'files' }
  | { kind: 'keywords' }
  | { kind: 'sources' }
  | { kind: 'ids' }
  | { kind: 'query' }
  | { kind: 'commands' };

/** One option of a command. */
export interface OptionSpec {
  /** '--limit', or null for a short-only option. */
  long: string | null;
  /** '-n', or null. */
  short: string | null;
  description: string;
  /** Whether a value follows: never, always, or when the next word is not an option. */
  takes: 'none' | 'required' | 'optional';
  /** Takes every following word up to the next option (commander's `<ids...>`). */
  variadic: boolean;
  values: ValueKind;
}

/** One positional argument of a command. */
export interface ArgumentSpec {
  name: string;
  variadic: boolean;
  values: ValueKind;
}

/** One subcommand. */
export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  args: ArgumentSpec[];
}

/** The whole command line interface: the program's own options and its subcommands. */
export interface ProgramSpec {
  options: OptionSpec[];
  commands: CommandSpec[];
}

/** Where the cursor is. */
export interface Slot {
  /** The subcommand the line is for (null before one is named). */
  command: CommandSpec | null;
  /** Values that fit (subcommand names before a subcommand). */
  values: ValueKind;
  /** Options that fit too: all unused ones when the word starts with '-' or no argument is left. */
  options: OptionSpec[];
  /** Part of the current word kept as typed before the value ('--index=' of '--index=/tm'). */
  keep: string;
  /** The partial value after `keep`. */
  text: string;
  /** The --index value given earlier on the line, if any (archive values come from that index). */
  index: string | undefined;
}

/** A candidate for the current word. */
export interface Offer {
  /** The whole word, in the archive's spelling. */
  value: string;
  /**
   * The same word beginning with exactly what was typed: differs from `value` only when
   * the typed prefix is spelled differently (اير for إيران), for shells that drop
   * candidates not starting with the typed text.
   */
  typed: string;
  description: string;
  /** The word is not finished after it (a query field `tag:`). */
  noSpace: boolean;
}

/** What to offer for the current word. */
export interface Completion {
  offers: Offer[];
  /** Paths fit here: the shell's own file completion should run on `text` (after `keep`). */
  paths: { dirsOnly: boolean; keep: string; text: string } | null;
}

/** Values of an archive, each read only when a slot needs it. */
export interface ArchiveValues {
  /** Keywords: normalized form → spelling to show. */
  keywords(): Record<string, string>;
  /** Source names as the articles spell them. */
  sources(): string[];
  /** Article ids starting with `prefix` (at most `limit`) with their headlines. */
  ids(prefix: string, limit: number): Array<{ id: string; title: string }>;
}

/** At most this many keywords or sources are offered (a large archive has tens of thousands). */
export const MAX_NAME_OFFERS = 1000;
/** At most this many article ids are offered (type more of an id to narrow them). */
export const MAX_ID_OFFERS = 50;

/** Field prefixes of the query language (src/search/parse.ts) and what each matches. */
export const QUERY_FIELDS: ReadonlyArray<{ name: string; description: string; values: 'keywords' | 'sources' | 'none' }> = [
  { name: 'tag', description: 'articles carrying a keyword', values: 'keywords' },
  { name: 'source', description: 'articles of a source', values: 'sources' },
  { name: 'title', description: 'words of the headline', values: 'none' },
  { name: 'date', description: 'a date or range: 2015-03, 2014-11..2015-01', values: 'none' },
];

/** Quote pairs a query phrase can use (as the query parser accepts them). */
const QUERY_QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '«': '»' };

const NONE: ValueKind = { kind: 'none' };

function findOption(options: OptionSpec[], name: string): OptionSpec | undefined {
  return options.find((o) => o.long === name || o.short === name);
}

function findCommand(spec: ProgramSpec, name: string): CommandSpec | undefined {
  return spec.commands.find((c) => c.name === name || c.aliases.includes(name));
}

/** The argument a positional word at `position` (0-based) fills, with variadic ones absorbing the rest. */
function argumentAt(args: ArgumentSpec[], position: number): { arg: ArgumentSpec; first: boolean } | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (i === position) return { arg, first: true };
    if (arg.variadic && i < position) return { arg, first: false };
  }
  return null;
}

/**
 * Finds the slot of the current word, reading the words before it as commander does:
 * options before and after positional words, `--opt value`, `--opt=value`, `-n5`,
 * variadic options taking words up to the next option, and `--` ending the options.
 * `words[0]` is the program name; `current` is the partial word under the cursor.
 */
export function findSlot(spec: ProgramSpec, words: readonly string[], current: string): Slot {
  let command: CommandSpec | null = null;
  let options = spec.options;
  const used = new Set<OptionSpec>();
  let awaiting: OptionSpec | null = null;
  let maybeValue: OptionSpec | null = null;
  let variadic: OptionSpec | null = null;
  let positional = 0;
  let ended = false;
  let index: string | undefined;
  let unknownCommand = false;
  const take = (opt: OptionSpec, value: string): void => {
    if (opt.long === '--index') index = value;
  };

  for (const word of words.slice(1)) {
    if (awaiting) {
      take(awaiting, word);
      if (awaiting.variadic) variadic = awaiting;
      awaiting = null;
      continue;
    }
    const optionLike = !ended && word.length > 1 && word.startsWith('-');
    if (maybeValue) {
      const opt = maybeValue;
      maybeValue = null;
      if (!optionLike) {
        take(opt, word);
        continue;
      }
    }
    if (!ended && word === '--') {
      ended = true;
      variadic = null;
      continue;
    }
    if (optionLike) {
      variadic = null;
      const eq = word.startsWith('--') ? word.indexOf('=') : -1;
      const opt = findOption(options, eq > 0 ? word.slice(0, eq) : word);
      if (opt) {
        used.add(opt);
        if (eq > 0) {
          take(opt, word.slice(eq + 1));
          if (opt.variadic) variadic = opt;
        } else if (opt.takes === 'required') awaiting = opt;
        else if (opt.takes === 'optional') maybeValue = opt;
        continue;
      }
      if (!word.startsWith('--')) {
        // Short options run together (-n5 is -n 5): the first that takes a value takes the rest.
        for (let i = 1; i < word.length; i++) {
          const short = findOption(options, `-${word[i]}`);
          if (!short) break;
          used.add(short);
          if (short.takes !== 'none') {
            if (i + 1 < word.length) take(short, word.slice(i + 1));
            else if (short.takes === 'required') awaiting = short;
            else maybeValue = short;
            break;
          }
        }
      }
      continue;
    }
    if (variadic) {
      take(variadic, word);
      continue;
    }
    if (!command && !unknownCommand) {
      const found = findCommand(spec, word);
      if (found) {
        command = found;
        options = found.options;
        // A global option given before the subcommand is as used as one given after it.
        const given = new Set([...used].map((o) => o.long));
        used.clear();
        for (const o of options) if (o.long && given.has(o.long)) used.add(o);
      } else unknownCommand = true;
      continue;
    }
    positional++;
  }

  const slot = (values: ValueKind, keep = '', text = current, offerOptions: OptionSpec[] = []): Slot => ({
    command,
    values,
    options: offerOptions,
    keep,
    text,
    index,
  });
  const unused = (): OptionSpec[] => options.filter((o) => o.variadic || !used.has(o));

  if (awaiting) return slot(awaiting.values);
  if (unknownCommand) return slot(NONE);
  if (!ended && current.startsWith('-')) {
    const eq = current.startsWith('--') ? current.indexOf('=') : -1;
    if (eq > 0) {
      const opt = findOption(options, current.slice(0, eq));
      return opt && opt.takes !== 'none' ? slot(opt.values, current.slice(0, eq + 1), current.slice(eq + 1)) : slot(NONE);
    }
    return slot(NONE, '', current, unused());
  }
  const pendingValue = maybeValue ?? variadic;
  if (pendingValue) return slot(pendingValue.values);
  if (!command) return slot({ kind: 'commands' });
  const at = argumentAt(command.args, positional);
  if (!at) return slot(NONE, '', current, unused());
  // An article id names one article: only the first word of such an argument is one.
  if (at.arg.values.kind === 'ids' && !at.first) return slot(NONE);
  return slot(at.arg.values);
}

/**
 * A typed text folded for prefix matching: normalized like a keyword (hamza, alef,
 * ة/ه, ى/ي, diacritics, digits), punctuation and spaces as single spaces — but a
 * trailing space is kept, since it says the word before it is complete.
 */
export function prefixKey(text: string): string {
  return normalize(text)
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .replace(/^ /, '');
}

/**
 * The archive's spelling rewritten to begin with exactly what was typed: `اير` and
 * `إيران` give `ايران`. Returns `display` when it already begins with `typed` or when
 * no prefix of it folds to the typed text.
 */
export function respell(typed: string, display: string): string {
  if (display.startsWith(typed)) return display;
  const want = prefixKey(typed);
  // The longest matching prefix, so that marks after the typed letters are dropped with them.
  for (let k = display.length; k >= 0; k--) {
    if (prefixKey(display.slice(0, k)) === want) return typed + display.slice(k);
  }
  return display;
}

/** Names (normalized key → display) whose key starts with the folded typed text, sorted, at most `limit`. */
export function matchNames(names: Iterable<[string, string]>, typed: string, limit = MAX_NAME_OFFERS): string[] {
  const want = prefixKey(typed);
  const out: string[] = [];
  for (const [key, display] of names) if (key.startsWith(want)) out.push(display);
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out.slice(0, limit);
}

/** The longest common prefix of some strings. */
export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const v of values) {
    let i = 0;
    while (i < prefix.length && i < v.length && prefix.charCodeAt(i) === v.charCodeAt(i)) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

function offer(value: string, typed = value, description = '', noSpace = false): Offer {
  return { value, typed, description, noSpace };
}

function archiveNames(kind: 'keywords' | 'sources', archive: ArchiveValues): Iterable<[string, string]> {
  if (kind === 'keywords') return Object.entries(archive.keywords());
  return archive.sources().map((name): [string, string] => [normalizePhrase(name), name]);
}

/** Keyword or source offers for a whole word (`newsq tag اير`). */
function nameOffers(kind: 'keywords' | 'sources', slot: Slot, archive: ArchiveValues): Offer[] {
  return matchNames(archiveNames(kind, archive), slot.text).map((name) => {
    const typed = respell(slot.text, name);
    return offer(slot.keep + name, slot.keep + typed);
  });
}

/** Where the last query term of a search word starts (after spaces and parentheses outside quotes). */
function lastTermStart(text: string): number {
  let start = 0;
  let closer: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (closer) {
      if (c === closer) closer = null;
      continue;
    }
    if (/\s/.test(c) || c === '(' || c === ')') start = i + 1;
    else if (QUERY_QUOTES[c] && (i === start || text[i - 1] === ':')) closer = QUERY_QUOTES[c]!;
  }
  return start;
}

/** Offers for a word of a search query: field names, and keywords after tag:, sources after source:. */
function queryOffers(slot: Slot, archive: () => ArchiveValues | null): Offer[] {
  const text = slot.text;
  const start = lastTermStart(text);
  const head = slot.keep + text.slice(0, start);
  const term = text.slice(start);
  const field = /^(-?)([A-Za-z]+):(.*)$/s.exec(term);
  if (field) {
    const spec = QUERY_FIELDS.find((f) => f.name === field[2]!.toLowerCase());
    if (!spec || spec.values === 'none') return [];
    const values = archive();
    if (!values) return [];
    const before = head + field[1]! + field[2]! + ':';
    const rest = field[3]!;
    const opener = rest[0] !== undefined && QUERY_QUOTES[rest[0]] ? rest[0] : null;
    const partial = opener ? rest.slice(1) : rest;
    const out: Offer[] = [];
    for (const name of matchNames(archiveNames(spec.values, values), partial)) {
      // A name of several words is one value only inside a phrase quote.
      const quote = opener ?? (/[\s()"“”«»]/.test(name) ? '"' : null);
      const closer = quote ? QUERY_QUOTES[quote]! : '';
      if (closer && name.includes(closer)) continue;
      const typed = respell(partial, name);
      out.push(offer(`${before}${quote ?? ''}${name}${closer}`, `${before}${quote ?? ''}${typed}${closer}`));
    }
    return out;
  }
  const partialField = /^(-?)([A-Za-z]*)$/.exec(term);
  if (!partialField) return [];
  const typedName = partialField[2]!.toLowerCase();
  return QUERY_FIELDS.filter((f) => f.name.startsWith(typedName)).map((f) =>
    offer(`${head}${partialField[1]!}${f.name}:`, undefined, f.description, true),
  );
}

/** Candidates for the current word: `words` are the words before it (the program name first). */
export function completeWords(spec: ProgramSpec, words: readonly string[], current: string, archive: (slot: Slot) => ArchiveValues | null): Completion {
  const slot = findSlot(spec, words, current);
  const offers: Offer[] = [];
  let paths: Completion['paths'] = null;
  const v = slot.values;
  switch (v.kind) {
    case 'none':
      break;
    case 'choices':
      for (const c of v.values) if (c.startsWith(slot.text)) offers.push(offer(slot.keep + c));
      break;
    case 'commands':
      for (const c of spec.commands) if (c.name.startsWith(slot.text)) offers.push(offer(slot.keep + c.name, undefined, c.description));
      break;
    case 'dirs':
    case 'files':
      paths = { dirsOnly: v.kind === 'dirs', keep: slot.keep, text: slot.text };
      break;
    case 'keywords':
    case 'sources': {
      const values = archive(slot);
      if (values) offers.push(...nameOffers(v.kind, slot, values));
      break;
    }
    case 'ids': {
      const values = archive(slot);
      if (values) for (const { id, title } of values.ids(slot.text, MAX_ID_OFFERS)) offers.push(offer(slot.keep + id, undefined, title));
      break;
    }
    case 'query':
      offers.push(...queryOffers(slot, () => archive(slot)));
      break;
  }
  for (const o of slot.options) {
    const name = o.long ?? o.short!;
    if (name.startsWith(current)) offers.push(offer(name, undefined, o.description));
  }
  return { offers, paths };
}

/**
 * Source names of an archive. The source field's terms cannot be listed without scanning
 * the whole dictionary, so names are learned from stored articles: each unclaimed article
 * with a source is read, and every article carrying that name is then claimed through the
 * name's postings — one stored record per source, not per article. At most `maxReads`
 * records are read, which bounds the time on odd archives (many credit-only sources).
 */
export function sourceNames(index: ArchiveIndex, maxReads = 200): string[] {
  const SOURCE = FIELD_ID.source;
  const names = new Map<string, string>();
  const claimed = new Uint8Array(index.docSpan);
  let reads = 0;
  // Segment by segment rather than through liveDocs(): this loop visits every article.
  for (const seg of index.segments) {
    const lengths = seg.column(lengthColumn(SOURCE));
    for (let local = 0; local < seg.info.docCount; local++) {
      if (claimed[seg.base + local] || lengths[local] === 0 || seg.isDeleted(local)) continue;
      if (reads++ >= maxReads) return [...names.values()];
      const name = seg.storedRecord(local).article.source;
      const key = name ? normalizePhrase(name) : '';
      if (!name || !key) continue;
      if (!names.has(key)) names.set(key, name);
      // Straight from each segment's postings: ArchiveIndex.postings would build lists of every field.
      for (const other of index.segments) {
        const ref = other.find(key);
        if (!ref) continue;
        for (const { docs } of other.readPostings(ref, SOURCE)) for (const d of docs) claimed[other.base + d] = 1;
      }
    }
  }
  return [...names.values()];
}

/** Archive values read from an open index; `readKeywords` loads its keyword sidecar's display map. */
export function indexValues(index: ArchiveIndex, readKeywords: () => Record<string, string>): ArchiveValues {
  let keywords: Record<string, string> | undefined;
  let sources: string[] | undefined;
  return {
    keywords: () => (keywords ??= readKeywords()),
    sources: () => (sources ??= sourceNames(index)),
    ids: (prefix, limit) => {
      // Each segment's ids are sorted, the segments' lists are not: take `limit` from
      // every segment, then the first `limit` of them all.
      const docs = index.docsWithIdPrefix(prefix, limit * Math.max(1, index.segments.length));
      const first = docs
        .map((doc) => ({ doc, id: index.id(doc) }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, limit);
      return first.map(({ doc, id }) => ({ id, title: index.title(doc) }));
    },
  };
}
