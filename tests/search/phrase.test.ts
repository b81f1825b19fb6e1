import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeWord } from '../../src/analysis/analyzer';
import { buildIndex } from '../../src/ingest/build';
import { ArchiveIndex } from '../../src/index/reader';
import { bestWindow, bodyFocus, closeness, phraseDocs, smallestWindow, wordForms } from '../../src/search/phrase';
import type { Phrase, PhraseWord } from '../../src/search/query';

const word = (w: string): PhraseWord => {
  const a = analyzeWord(w)!;
  return { exact: a.exact, stems: a.stems };
};
const DAWLA = word('الدولة');
const ISLAMIYYA = word('الإسلامية');

const records = [
  { id: 'adjacent', title: 'خبر أول', body: 'قال المصدر إن الدولة الإسلامية تبنت الهجوم' },
  { id: 'clitic', title: 'خبر ثان', body: 'وقال البيان والدولة الإسلامية أعلنت ذلك' },
  { id: 'apart', title: 'خبر ثالث', body: 'الدولة التي أعلنت الإسلامية' },
  { id: 'reversed', title: 'خبر رابع', body: 'الإسلامية ثم الدولة' },
  { id: 'full-stop', title: 'خبر خامس', body: 'قامت الدولة. الإسلامية هي الموضوع' },
  { id: 'headline', title: 'الدولة الإسلامية تعلن', body: 'نص قصير عن حدث' },
  { id: 'other-spelling', title: 'خبر سادس', body: 'أعلنت الدوله الإسلامية ذلك' },
  { id: 'one-word', title: 'خبر سابع', body: 'الدولة وحدها هنا' },
];

let dir: string;
let index: ArchiveIndex;
let docOf: (id: string) => number;
let all: Int32Array;
const ids = (docs: Iterable<number>): string[] => [...docs].map((d) => index.id(d)).sort();
const phrase = (words: PhraseWord[], slop = 0, where: Phrase['where'] = 'any'): Phrase => ({ kind: 'phrase', words, slop, where, inner: { kind: 'all' } });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsq-phrase-'));
  writeFileSync(join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  buildIndex([join(dir, 'a.jsonl')], join(dir, 'index'), { utcOffset: '+03:00', events: { skip: () => {}, warn: () => {} } });
  index = ArchiveIndex.open(join(dir, 'index'));
  const byId = new Map(records.map((_, d) => [index.id(d), d]));
  docOf = (id) => byId.get(id)!;
  all = Int32Array.from(records.keys());
});

afterAll(() => {
  index?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('smallestWindow and bestWindow', () => {
  const brute = (lists: number[][]): number => {
    let best = Infinity;
    const walk = (k: number, picked: number[]): void => {
      if (k === lists.length) {
        best = Math.min(best, Math.max(...picked) - Math.min(...picked));
        return;
      }
      for (const p of lists[k]!) walk(k + 1, [...picked, p]);
    };
    walk(0, []);
    return best;
  };
  const sortedList = fc.uniqueArray(fc.nat(40), { minLength: 1, maxLength: 5 }).map((l) => l.sort((a, b) => a - b));

  it('finds the smallest span holding one position of every list', () => {
    fc.assert(
      fc.property(fc.array(sortedList, { minLength: 1, maxLength: 4 }), (lists) => {
        const span = brute(lists);
        expect(smallestWindow(lists)).toBe(span);
        const w = bestWindow(lists)!;
        expect(w.span).toBe(span);
        // a window of that span starts there
        expect(lists.every((l) => l.some((p) => p >= w.start && p <= w.start + w.span))).toBe(true);
      }),
    );
  });

  it('has no window when a list is empty', () => {
    expect(smallestWindow([[1, 2], []])).toBe(Infinity);
    expect(bestWindow([[], [3]])).toBeNull();
  });

  it('takes the first of equally small windows', () => {
    expect(bestWindow([[2, 10], [3, 11]])).toEqual({ start: 2, span: 1 });
  });
});

describe('wordForms', () => {
  it('adds the other spellings the index holds of ة, and the clitic forms only when asked', () => {
    expect(wordForms(index, DAWLA, false).sort()).toEqual(['الدولة', 'الدوله']);
    expect(wordForms(index, DAWLA, true)).toContain('والدولة');
    expect(wordForms(index, DAWLA, false)).not.toContain('والدولة');
  });

  it('offers no form the index does not hold', () => {
    for (const f of wordForms(index, word('والإسلامية'), true)) if (f !== analyzeWord('والإسلامية')!.exact) expect(index.hasTerm(f)).toBe(true);
  });
});

describe('phraseDocs', () => {
  it('finds the words side by side and in order, in a headline or a body, the first word behind a clitic', () => {
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA]), all))).toEqual(['adjacent', 'clitic', 'headline', 'other-spelling']);
  });

  it('keeps a title: phrase to headlines', () => {
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA], 0, 'title'), all))).toEqual(['headline']);
  });

  it('does not span a full stop, unless a window allows the gap', () => {
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA]), all))).not.toContain('full-stop');
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA], 1), all))).toContain('full-stop');
  });

  it('with a window, finds the words within it in either order', () => {
    const within2 = ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA], 2), all));
    expect(within2).toContain('apart');
    expect(within2).toContain('reversed');
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA], 1), all))).not.toContain('apart');
  });

  it('looks only among the candidates', () => {
    const some = Int32Array.from([docOf('adjacent'), docOf('apart')]);
    expect(ids(phraseDocs(index, phrase([DAWLA, ISLAMIYYA]), some))).toEqual(['adjacent']);
    expect(phraseDocs(index, phrase([DAWLA, ISLAMIYYA]), new Int32Array(0)).size).toBe(0);
  });
});

describe('closeness', () => {
  it('is 1 side by side, n / (span + 1) farther apart, and absent when a word is missing', () => {
    const c = closeness(index, [DAWLA, ISLAMIYYA], [...all]);
    expect(c.get(docOf('adjacent'))).toBe(1);
    expect(c.get(docOf('headline'))).toBe(1);
    expect(c.get(docOf('apart'))).toBe(2 / 4);
    expect(c.get(docOf('reversed'))).toBe(2 / 3);
    expect(c.has(docOf('one-word'))).toBe(false);
  });
});

describe('bodyFocus', () => {
  it('gives the body position where the words stand closest, or of the words found', () => {
    const f = bodyFocus(index, [DAWLA, ISLAMIYYA], [docOf('adjacent'), docOf('one-word'), docOf('headline')]);
    // قال المصدر إن الدولة …: the phrase starts at the fourth word
    expect(f.get(docOf('adjacent'))).toBe(3);
    expect(f.get(docOf('one-word'))).toBe(0);
    expect(f.has(docOf('headline'))).toBe(false);
  });
});
