import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemeSpans, graphemes, graphemeWidth, stringWidth, truncate, truncationPoint, wrap } from '../../src/output/width';

describe('stringWidth', () => {
  it.each([
    ['plain ASCII', 'abc 123', 7],
    ['empty', '', 0],
    ['Arabic letters', 'خامنئي', 6],
    ['harakat add nothing', 'مُحَمَّدٌ', 4],
    ['superscript alef U+0670 adds nothing', 'هٰذا', 3],
    ['Quranic marks U+0610–061A and U+06D6–06ED add nothing', 'ب\u0610\u061a\u06d6\u06ed', 1],
    ['tatweel is a visible letter', 'لـ«خامنئي»', 10],
    ['lam-alef counts two columns in logical text', 'لا', 2],
    ['lam-alef with fatha', 'لَا', 2],
    ['ZWNJ takes no column', 'می\u200cخواهم', 7],
    ['ZWJ and ZWSP take no column', 'a\u200db\u200bc', 3],
    ['bidi controls take no column', '\u2067abc\u2069\u200e\u200f\u061c', 3],
    ['variation selector', '\u2764\ufe0e', 1],
    ['mixed Arabic, Latin and digits', 'أوبك OPEC ٢٠١٥ 2015', 19],
    ['CJK is wide', '日本語', 6],
    ['fullwidth Latin is wide', 'ＡＢ', 4],
    ['emoji presentation is wide', '🙂', 2],
    ['ZWJ family emoji is one wide cluster', '👨\u200d👩\u200d👧', 2],
    ['flag is one wide cluster', '🇸🇦', 2],
    ['text-default pictograph with VS16 is wide', '\u2764\ufe0f', 2],
    ['combining acute on Latin', 'e\u0301', 1],
  ])('%s', (_name, text, width) => {
    expect(stringWidth(text)).toBe(width);
  });

  it('is additive over a very long headline', () => {
    const headline = 'خامنئي يوافق بشروط على تنفيذ الاتفاق النووي في رسالة إلى روحاني';
    const long = Array.from({ length: 50 }, () => headline).join(' ');
    expect(stringWidth(long)).toBe(50 * stringWidth(headline) + 49);
  });

  it('counts one column per base letter whatever marks ride on it', () => {
    expect(stringWidth('طِفْلاً مُسْلِمًا')).toBe(stringWidth('طفلا مسلما'));
  });
});

describe('stringWidth fast path', () => {
  it('agrees with the per-cluster measure on mixed text', () => {
    const pieces = ['خ', 'ـ', 'ُ', 'ّ', 'لا', '\u200c', '\u200b', 'a', ' ', '٣', '日', 'ｶ', '한', '\u1100\u1161', 'e\u0301', '\u0600ب', '«', '…', 'ה', 'ִ'];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let k = 0; k < 12; k++) {
        seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      const perCluster = graphemes(text).reduce((w, g) => w + graphemeWidth(g), 0);
      expect(stringWidth(text)).toBe(perCluster);
    }
  });
});

describe('graphemes', () => {
  it('keeps harakat on their letters', () => {
    expect(graphemes('مُحَمَّد')).toEqual(['مُ', 'حَ', 'مَّ', 'د']);
  });
});

describe('truncate', () => {
  it.each([
    ['fits unchanged', 'abc', 3, 'abc'],
    ['cuts at the logical end', 'abcdef', 4, 'abc…'],
    ['Arabic is cut at its logical end', 'خامنئي يخضع لجراحة', 8, 'خامنئي…'],
    ['does not split a letter from its haraka', 'مُحَمَّدٌ رسول', 4, 'مُحَمَّ…'],
    ['wide characters are not split', '日本語です', 5, '日本…'],
    ['zero width gives nothing', 'abc', 0, ''],
  ])('%s', (_name, text, width, expected) => {
    const out = truncate(text, width);
    expect(out).toBe(expected);
    expect(stringWidth(out)).toBeLessThanOrEqual(width);
  });

  it('takes a custom ellipsis', () => {
    expect(truncate('abcdefgh', 6, '...')).toBe('abc...');
  });

  it('never exceeds the width for any cut point', () => {
    const text = 'أوبك تتفق على أول خفض للإنتاج منذ 2008 🙂 日本';
    for (let w = 1; w <= stringWidth(text) + 1; w++) {
      const out = truncate(text, w);
      expect(stringWidth(out)).toBeLessThanOrEqual(w);
      if (w >= stringWidth(text)) expect(out).toBe(text);
      else expect(out.endsWith('…')).toBe(true);
    }
  });
});

describe('wrap', () => {
  it('wraps on word boundaries in logical order', () => {
    expect(wrap('خامنئي يخضع لجراحة في البروستاتا', 12)).toEqual(['خامنئي يخضع', 'لجراحة في', 'البروستاتا']);
  });

  it('hard-breaks a word longer than the width', () => {
    expect(wrap('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
  });

  it('lets the last piece of a broken word share a line', () => {
    expect(wrap('abcdefghij k', 4)).toEqual(['abcd', 'efgh', 'ij k']);
  });

  it('collapses whitespace and keeps explicit line breaks', () => {
    expect(wrap('a   b\nc', 10)).toEqual(['a b', 'c']);
  });

  it('measures harakat as zero width', () => {
    expect(wrap('مُحَمَّدٌ مُحَمَّدٌ', 9)).toEqual(['مُحَمَّدٌ مُحَمَّدٌ']);
  });

  it('keeps every line within the width and loses no word', () => {
    const text = 'الرياض تقطع علاقاتها الدبلوماسية مع طهران بعد اقتحام السفارة السعودية';
    const longestWord = Math.max(...text.split(' ').map(stringWidth));
    for (let w = 3; w < 40; w++) {
      const lines = wrap(text, w);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(w);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      if (w >= longestWord) expect(lines.join(' ')).toBe(text);
    }
  });
});

describe('truncationPoint without segmentation', () => {
  // The reference: cut by grapheme clusters as Intl.Segmenter gives them.
  function byClusters(text: string, width: number, reserve: number): number {
    if (stringWidth(text) <= width) return -1;
    const room = Math.max(0, width - reserve);
    let used = 0;
    let end = 0;
    for (const s of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
      const w = graphemeWidth(s.segment);
      if (used + w > room) break;
      used += w;
      end = s.index + s.segment.length;
    }
    while (end > 0 && /\s/u.test(text[end - 1] as string)) end--;
    return end;
  }

  it('cuts where the cluster-by-cluster cut is, for text with marks, joiners, controls and wide characters', () => {
    const alphabet = ['ب', 'س', 'ل', 'ا', 'م', '\u064e', '\u0651', '\u0670', '\u200c', '\u200d', '\u200e', '\u200b', ' ', 'a', 'Z', '中', '\u0640', '«', '»', '٣', '1', '\u0600', '\u06dd', '\u1100', '\u1161'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 }), (chars, width, reserve) => {
        const text = chars.join('');
        expect(truncationPoint(text, width, reserve)).toBe(byClusters(text, width, reserve));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('graphemeSpans without segmentation', () => {
  it('gives the clusters Intl.Segmenter gives, for text with marks, joiners, controls and separators', () => {
    const alphabet = ['ب', 'س', 'ل', 'ا', 'م', '\u064e', '\u0651', '\u0670', '\u0654', '\u200c', '\u200e', '\u200f', '\u200b', '\u2066', '\u2069', ' ', '\n', '\t', 'a', 'e', '\u0301', '中', '\u0640', '«', '٣', '\u00ad', '\u2028'];
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const expected = [...segmenter.segment(text)].map((s) => ({ text: s.segment, index: s.index }));
        expect(graphemeSpans(text)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('graphemeSpans on every character of the blocks it may read without the segmenter', () => {
  it('agrees with Intl.Segmenter next to a letter, a mark, ZWNJ, LRM, a newline and a space', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const probes = ['ب', '\u064e', '\u200c', '\u200e', '\n', ' '];
    const differences: string[] = [];
    // The blocks where it may skip the segmenter (other text goes to the segmenter anyway).
    const blocks = [[0x0000, 0x08ff], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x2100, 0x214f], [0xfb50, 0xfdff], [0xfe70, 0xfeff]] as const;
    for (const c of blocks.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i))) {
      const ch = String.fromCharCode(c);
      for (const p of probes) {
        for (const text of [p + ch, ch + p, `${ch}\u064e${p}`]) {
          const expected = [...segmenter.segment(text)].map((s) => ({ text: s.segment, index: s.index }));
          if (JSON.stringify(graphemeSpans(text)) !== JSON.stringify(expected)) differences.push(text);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});
