import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyzeLight10,
  light10Matches,
  LUCENE_ARABIC_STOP_WORDS,
  normalizeArabic,
  stemLight10,
} from './baselines/light10';
import { analyzeSnowball, snowballMatches } from './baselines/snowball';
import { foldDecimalDigits, tokenizeStandard } from './baselines/tokenize';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const VECTORS = path.resolve(projectRoot, '../shared/reference/lucene-arabic-vectors.tsv');

interface Vector {
  input: string;
  expected: string;
  stage: string;
}

function readVectors(file: string): Vector[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [input = '', expected = '', stage = ''] = line.split('\t');
      return { input, expected, stage };
    });
}

// Each stage label in the vectors file names a part of the chain; an unknown label fails the test
// so that a new kind of vector cannot be skipped silently.
function runStage(stage: string, input: string): string {
  if (stage === 'normalize') return normalizeArabic(input);
  if (stage === 'stem') return stemLight10(input);
  if (stage === 'normalize only') return tokenizeStandard(input).map(normalizeArabic).join(' ');
  if (stage.startsWith('normalize+stem, no stopwords')) return analyzeLight10(input, { stopWords: false }).join(' ');
  if (stage.startsWith('NFKC+normalize+stem')) return analyzeLight10(input, { nfkc: true }).join(' ');
  if (stage.startsWith('analyzer')) return analyzeLight10(input).join(' ');
  throw new Error(`unknown stage ${JSON.stringify(stage)}`);
}

describe('Light-10 baseline against Lucene’s own test vectors', () => {
  if (!existsSync(VECTORS)) {
    it.skip(`skipped: ${VECTORS} is absent`, () => {});
    return;
  }
  const vectors = readVectors(VECTORS);

  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThan(40);
  });

  it.each(vectors.map((v) => [v.stage, v.input, v.expected] as const))('%s: %s → %s', (stage, input, expected) => {
    expect(runStage(stage, input)).toBe(expected);
  });
});

describe('tokenizeStandard (UAX #29 words)', () => {
  it.each([
    ['لـ«خامنئي»', ['لـ', 'خامنئي']],
    ['«أوباما»، طهران؛ إيران؟', ['أوباما', 'طهران', 'إيران']],
    ['بـ"داعش"', ['بـ', 'داعش']],
    ['مـــصر', ['مـــصر']],
    ['٣٫٥ و3.5', ['٣٫٥', 'و3.5']],
    ['الأمريكي-الإيراني', ['الأمريكي', 'الإيراني']],
    ['إيران\u200f', ['إيران\u200f']],
  ])('%s', (text, tokens) => {
    expect(tokenizeStandard(text)).toEqual(tokens);
  });
});

describe('foldDecimalDigits', () => {
  it.each([
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['०९', '09'],
    ['０９', '09'],
    // Mathematical digits are five 0–9 sets in one run: 𝟗 ends the bold set, 𝟘 starts the next.
    ['\u{1D7D7}\u{1D7D8}', '90'],
    ['٣٫٥', '3٫5'],
  ])('%s → %s', (input, output) => {
    expect(foldDecimalDigits(input)).toBe(output);
  });
});

describe('Light-10 baseline keeps Lucene’s behaviour', () => {
  it.each([
    ['لبنان', 'لبن'],
    ['عدنان', 'عدن'],
    ['سليمان', 'سليم'],
    ['حسين', 'حس'],
    ['إيران', 'اير'],
    // Suffixes are tried once each, in order, so ة (→ه) goes but the ين it uncovers stays.
    ['مدينة', 'مدين'],
    ['مدة', 'مد'],
    // Only the first matching prefix is removed.
    ['وللرسالة', 'للرسال'],
    // A lone و needs four letters; ٱ, ؤ and ئ are not folded.
    ['ولد', 'ولد'],
    ['ٱلسلام', 'ٱلسلام'],
    ['مسؤول', 'مسؤول'],
    ['۲۰۱۴', '2014'],
  ])('%s → %s', (word, term) => {
    expect(analyzeLight10(word)).toEqual([term]);
  });

  it('leaves presentation forms alone unless NFKC is asked for', () => {
    expect(analyzeLight10('ﺍﻟﺴﻼﻡ')).toEqual(['ﺍﻟﺴﻼﻡ']);
    expect(analyzeLight10('ﺍﻟﺴﻼﻡ', { nfkc: true })).toEqual(['سلام']);
  });

  it('drops stop words before normalizing them', () => {
    expect(LUCENE_ARABIC_STOP_WORDS.has('الذين')).toBe(true);
    expect(analyzeLight10('في إيران')).toEqual(['اير']);
    expect(analyzeLight10('في إيران', { stopWords: false })).toEqual(['في', 'اير']);
  });

  it('matches when any term is shared, and never on stop words alone', () => {
    expect(light10Matches('خامنئي', 'لـ«خامنئي»')).toBe(true);
    expect(light10Matches('لبنان', 'لبن')).toBe(true);
    expect(light10Matches('طهران', 'لطهران')).toBe(false);
    expect(light10Matches('في', 'في')).toBe(false);
  });
});

describe('Snowball baseline', () => {
  it('stems each token of the text', () => {
    expect(analyzeSnowball('كتابهم «سليمان»')).toEqual(['كتاب', 'سليم']);
  });

  it('relies on the stemmer’s own normalization (presentation forms, Arabic-Indic digits only)', () => {
    expect(analyzeSnowball('ﺍﻟﺴﻼﻡ')).toEqual(['سلام']);
    expect(analyzeSnowball('٢٠١٤')).toEqual(['2014']);
    expect(analyzeSnowball('۲۰۱۴')).toEqual(['۲۰۱۴']);
  });

  it('matches when any term is shared', () => {
    expect(snowballMatches('سليمان', 'سليم')).toBe(true);
    expect(snowballMatches('لبنان', 'لبن')).toBe(false);
    expect(snowballMatches('رسالة', 'والرسالة')).toBe(false);
  });
});
