// The pure part of completion: reading a command line into a slot, and the candidates
// for it, against a small made-up command table and archive.

import { describe, expect, it } from 'vitest';
import {
  MAX_NAME_OFFERS,
  commonPrefix,
  completeWords,
  findSlot,
  matchNames,
  prefixKey,
  respell,
  type ArchiveValues,
  type ArgumentSpec,
  type CommandSpec,
  type OptionSpec,
  type ProgramSpec,
  type ValueKind,
} from '../../src/features/complete';
import { normalizePhrase } from '../../src/analysis/normalize';

const NONE: ValueKind = { kind: 'none' };

function opt(long: string | null, short: string | null, takes: OptionSpec['takes'] = 'none', values: ValueKind = NONE, variadic = false): OptionSpec {
  return { long, short, description: `about ${long ?? short}`, takes, variadic, values };
}

function arg(name: string, variadic: boolean, values: ValueKind): ArgumentSpec {
  return { name, variadic, values };
}

function cmd(name: string, args: ArgumentSpec[], options: OptionSpec[]): CommandSpec {
  return { name, aliases: name === 'find' ? ['f'] : [], description: `${name} things`, options: [...options, opt('--help', '-h')], args };
}

const colours: ValueKind = { kind: 'choices', values: ['auto', 'always', 'never'] };
const spec: ProgramSpec = {
  options: [opt('--version', '-V'), opt('--help', '-h')],
  commands: [
    cmd('find', [arg('query', true, { kind: 'query' })], [
      opt('--limit', '-n', 'required'),
      opt('--index', null, 'required', { kind: 'dirs' }),
      opt('--source', null, 'required', { kind: 'sources' }),
      opt('--color', null, 'optional', colours),
      opt('--drop', null, 'required', { kind: 'ids' }, true),
      opt('--count', '-c'),
    ]),
    cmd('open', [arg('id', false, { kind: 'ids' })], [opt('--index', null, 'required', { kind: 'dirs' })]),
    cmd('label', [arg('keyword', true, { kind: 'keywords' })], []),
    cmd('import', [arg('paths', true, { kind: 'files' })], []),
    cmd('summary', [], [opt('--top', null, 'required')]),
  ],
};

const KEYWORDS = ['إيران', 'إيطاليا', 'ايرلندا', 'الدولة الإسلامية', 'الدوحة', 'العراق', 'أسعار النفط'];
const SOURCES = ['صوت الخليج', 'الخليج الجديد', 'alriyadh'];
const IDS = [
  { id: '9910a795592f', title: '«خامنئي» يخضع لجراحة' },
  { id: '99aa00000000', title: 'خبر آخر' },
  { id: '1234abcd0000', title: 'خبر ثالث' },
];

/** An archive whose reads are counted, to check that only the slots that need it read it. */
function fakeArchive(): ArchiveValues & { reads: string[]; indexAsked: Array<string | undefined> } {
  const reads: string[] = [];
  return {
    reads,
    indexAsked: [],
    keywords: () => (reads.push('keywords'), Object.fromEntries(KEYWORDS.map((k) => [normalizePhrase(k), k]))),
    sources: () => (reads.push('sources'), SOURCES),
    ids: (prefix, limit) => (reads.push('ids'), IDS.filter((x) => x.id.startsWith(prefix)).slice(0, limit)),
  };
}

function complete(line: string[], current: string) {
  const archive = fakeArchive();
  const result = completeWords(spec, ['prog', ...line], current, (slot) => {
    archive.indexAsked.push(slot.index);
    return archive;
  });
  return { ...result, archive, words: result.offers.map((o) => o.value) };
}

describe('reading the words before the cursor', () => {
  const cases: Array<{ line: string[]; current: string; kind: ValueKind['kind']; keep?: string; text?: string; command?: string | null }> = [
    { line: [], current: '', kind: 'commands', command: null },
    { line: [], current: 'fi', kind: 'commands' },
    { line: ['--version'], current: '', kind: 'commands' },
    { line: ['find'], current: '', kind: 'query', command: 'find' },
    { line: ['f'], current: '', kind: 'query', command: 'find' },
    { line: ['find', '--limit'], current: '', kind: 'none' },
    { line: ['find', '--index'], current: '/t', kind: 'dirs', text: '/t' },
    { line: ['find'], current: '--index=/t', kind: 'dirs', keep: '--index=', text: '/t' },
    { line: ['find', '--limit', '5'], current: 'x', kind: 'query' },
    { line: ['find', '-n5'], current: '', kind: 'query' },
    { line: ['find', '-cn', '5'], current: '', kind: 'query' },
    // A required value is taken even when it looks like an option.
    { line: ['find', '--limit'], current: '-3', kind: 'none' },
    { line: ['find', '--source'], current: 'صو', kind: 'sources' },
    // An optional value takes the next word unless it is an option.
    { line: ['find', '--color'], current: '', kind: 'choices' },
    { line: ['find', '--color', 'never'], current: '', kind: 'query' },
    { line: ['find', '--color', '--count'], current: '', kind: 'query' },
    // A variadic option takes words up to the next option.
    { line: ['find', '--drop', 'a1'], current: 'b', kind: 'ids' },
    { line: ['find', '--drop', 'a1', '--count'], current: '', kind: 'query' },
    { line: ['open'], current: '99', kind: 'ids' },
    // Only the first word of an article argument is an id.
    { line: ['open', '9910a795592f'], current: '', kind: 'none' },
    { line: ['label', 'إيران'], current: 'اير', kind: 'keywords' },
    { line: ['import', 'a.zip'], current: 'b', kind: 'files' },
    // After --, a word starting with '-' is an argument.
    { line: ['label', '--'], current: '-x', kind: 'keywords' },
    { line: ['nosuch'], current: '', kind: 'none', command: null },
  ];
  it.each(cases)('$line + "$current" → $kind', ({ line, current, kind, keep, text, command }) => {
    const slot = findSlot(spec, ['prog', ...line], current);
    expect(slot.values.kind).toBe(kind);
    if (keep !== undefined) expect(slot.keep).toBe(keep);
    if (text !== undefined) expect(slot.text).toBe(text);
    if (command !== undefined) expect(slot.command?.name ?? null).toBe(command);
  });

  it('remembers --index given anywhere before the cursor, in either form', () => {
    expect(findSlot(spec, ['prog', 'find', '--index', '/a', 'x'], '').index).toBe('/a');
    expect(findSlot(spec, ['prog', 'find', '--index=/b', 'x'], '').index).toBe('/b');
    expect(findSlot(spec, ['prog', 'find', 'x'], '').index).toBeUndefined();
  });
});

describe('options', () => {
  it('offers the options of the command typed, not the program', () => {
    const { words } = complete(['open'], '--');
    expect(words).toEqual(['--index', '--help']);
  });

  it('offers the program options before a command', () => {
    expect(complete([], '-').words).toEqual(['--version', '--help']);
  });

  it('leaves out options already given, except variadic ones, and matches the typed prefix', () => {
    const given = complete(['find', '--count', '--drop', 'x', '--limit', '3'], '--').words;
    expect(given).not.toContain('--count');
    expect(given).not.toContain('--limit');
    expect(given).toContain('--drop');
    expect(complete(['find'], '--co').words).toEqual(['--color', '--count']);
  });

  it('after a global option before the command, offers commands, then that command\'s other options and the index named', () => {
    const withGlobal: ProgramSpec = { ...spec, options: [...spec.options, opt('--index', null, 'required', { kind: 'dirs' })] };
    const ask = (line: string[], current: string) => completeWords(withGlobal, ['prog', ...line], current, () => fakeArchive());
    expect(ask(['--index', '/x'], '').offers.map((o) => o.value)).toEqual(spec.commands.map((c) => c.name));
    expect(ask(['--index', '/x'], '--').offers.map((o) => o.value)).toEqual(['--version', '--help']);
    expect(ask([], '--in').offers.map((o) => o.value)).toEqual(['--index']);
    expect(ask(['--index', '/x', 'open'], '--').offers.map((o) => o.value)).toEqual(['--help']);
    const slot = findSlot(withGlobal, ['prog', '--index', '/x', 'open'], '99');
    expect(slot.command?.name).toBe('open');
    expect(slot.values.kind).toBe('ids');
    expect(slot.index).toBe('/x');
  });

  it('offers the options when the command takes no more arguments', () => {
    expect(complete(['summary'], '').words).toEqual(['--top', '--help']);
    expect(complete(['open', '9910a795592f'], '').words).toEqual(['--index', '--help']);
  });

  it('offers choices after an option, also after --option=', () => {
    expect(complete(['find', '--color'], 'a').words).toEqual(['auto', 'always']);
    expect(complete(['find'], '--color=n').words).toEqual(['--color=never']);
  });

  it('hands paths to the shell with the part to keep', () => {
    expect(complete(['find'], '--index=~/x').paths).toEqual({ dirsOnly: true, keep: '--index=', text: '~/x' });
    expect(complete(['import'], 'data/').paths).toEqual({ dirsOnly: false, keep: '', text: 'data/' });
  });
});

describe('archive values', () => {
  it('matches keywords on the folded form and offers the archive spelling', () => {
    expect(complete(['label'], 'اير').words).toEqual(['إيران', 'ايرلندا']);
    expect(complete(['label'], 'إيط').words).toEqual(['إيطاليا']);
    expect(complete(['label'], 'إي').words).toEqual(['إيران', 'إيطاليا', 'ايرلندا']);
    expect(complete(['label'], 'الدوله ال').words).toEqual(['الدولة الإسلامية']);
    expect(complete(['label'], 'اسعار').words).toEqual(['أسعار النفط']);
  });

  it('gives each keyword the spelling typed so far as well', () => {
    const offers = complete(['label'], 'اير').offers;
    expect(offers.map((o) => o.typed)).toEqual(['ايران', 'ايرلندا']);
  });

  it('offers sources after --source and ids after open, with headlines', () => {
    expect(complete(['find', '--source'], 'صو').words).toEqual(['صوت الخليج']);
    const ids = complete(['open'], '99').offers;
    expect(ids.map((o) => [o.value, o.description])).toEqual(IDS.filter((x) => x.id.startsWith('99')).map((x) => [x.id, x.title]));
  });

  it('reads the archive only for slots that need it, from the --index on the line', () => {
    const options = complete(['find'], '--');
    expect(options.archive.reads).toEqual([]);
    const withIndex = complete(['open', '--index', '/some/index'], '9');
    expect(withIndex.archive.reads).toEqual(['ids']);
    expect(withIndex.archive.indexAsked).toEqual(['/some/index']);
  });
});

describe('search queries', () => {
  const cases: Array<{ current: string; words: string[]; typed?: string[] }> = [
    { current: '', words: ['tag:', 'source:', 'title:', 'date:'] },
    { current: 'ta', words: ['tag:'] },
    // A word starting with '-' is an option to the shell's command; a negated field sits inside a quoted query.
    { current: 'إيران -s', words: ['إيران -source:'] },
    { current: 'tag:اير', words: ['tag:إيران', 'tag:ايرلندا'], typed: ['tag:ايران', 'tag:ايرلندا'] },
    { current: 'TAG:العر', words: ['TAG:العراق'] },
    // A name of several words needs a phrase quote to stay one value.
    { current: 'tag:الدول', words: ['tag:"الدولة الإسلامية"'] },
    { current: 'tag:«الدول', words: ['tag:«الدولة الإسلامية»'] },
    { current: 'source:الخ', words: ['source:"الخليج الجديد"'] },
    { current: 'source:al', words: ['source:alriyadh'] },
    // Earlier terms of the same word stay as typed.
    { current: 'إيران (tag:العر', words: ['إيران (tag:العراق'] },
    { current: 'tag:"الدولة الإسلامية" -tag:اير', words: ['tag:"الدولة الإسلامية" -tag:إيران', 'tag:"الدولة الإسلامية" -tag:ايرلندا'] },
    { current: 'title:خام', words: [] },
    { current: 'خامنئي', words: [] },
  ];
  it.each(cases)('"$current"', ({ current, words, typed }) => {
    const result = complete(['find'], current);
    expect(result.words).toEqual(words);
    if (typed) expect(result.offers.map((o) => o.typed)).toEqual(typed);
  });

  it('marks field names as unfinished words', () => {
    expect(complete(['find'], 'so').offers.every((o) => o.noSpace)).toBe(true);
    expect(complete(['find'], 'tag:العر').offers.every((o) => !o.noSpace)).toBe(true);
  });
});

describe('folding helpers', () => {
  it('prefixKey folds like keyword keys but keeps a trailing space', () => {
    expect(prefixKey('الدولة الإسلامية')).toBe(normalizePhrase('الدولة الإسلامية'));
    expect(prefixKey('الدولة ')).toBe(`${normalizePhrase('الدولة')} `);
    expect(prefixKey('  «إيران»')).toBe(`${normalizePhrase('إيران')} `);
  });

  it.each([
    ['اير', 'إيران', 'ايران'],
    ['إير', 'إيران', 'إيران'],
    ['الاسلا', 'الإسلام', 'الاسلام'],
    ['مسئو', 'مسؤول', 'مسئول'],
    ['', 'إيران', 'إيران'],
    // Diacritics of the archive's spelling inside the typed part go with it.
    ['ايرا', 'إِيرَان', 'ايران'],
    ['xyz', 'إيران', 'إيران'],
  ])('respell(%s, %s) = %s', (typed, display, want) => {
    expect(respell(typed, display)).toBe(want);
  });

  it('matchNames sorts, filters and caps', () => {
    const many = Array.from({ length: MAX_NAME_OFFERS + 5 }, (_, i): [string, string] => [`k${String(i).padStart(5, '0')}`, `K${i}`]);
    expect(matchNames(many, 'k').length).toBe(MAX_NAME_OFFERS);
    expect(matchNames([['ب', 'ب'], ['ا', 'أ'], ['اب', 'آب']], 'ا')).toEqual(['آب', 'أ']);
  });

  it('commonPrefix', () => {
    expect(commonPrefix(['إيران', 'إيطاليا'])).toBe('إي');
    expect(commonPrefix(['إيران', 'ايرلندا'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });
});
