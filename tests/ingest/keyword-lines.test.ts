import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeywordCollector } from '../../src/ingest/keyword-lines';
import { keywordEvidence, splitArchiveKeywords } from '../../src/ingest/keyword-split';

const dir = mkdtempSync(path.join(tmpdir(), 'newsq-keyword-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Keyword lines shaped like the text export's, each with its article's headline and body. */
const ARTICLES: Array<{ id: string; line: string; text: string; want: string[] }> = [
  {
    id: 'g7',
    line: 'مجموعة السبع ألمانيا روسيا أوكرانيا',
    text: 'قمة السبع تطالب روسيا بالانسحاب\nاختتمت قمة مجموعة «السبع» في ألمانيا أعمالها، وطالب القادة روسيا بسحب قواتها من شرق أوكرانيا.',
    want: ['مجموعة السبع', 'ألمانيا', 'روسيا', 'أوكرانيا'],
  },
  {
    id: 'mosul',
    line: 'تنظيم داعش الموصل العراق',
    text: 'تقدم نحو الموصل\nأعلن الجيش العراقي تقدمه نحو الموصل، فيما تحدثت مصادر عن انسحاب عناصر تنظيم "داعش" من أحياء المدينة. وقال مسؤول إن العراق سيستعيد المدينة.',
    want: ['تنظيم داعش', 'الموصل', 'العراق'],
  },
  {
    // Known names of several words that the article never spells out.
    id: 'gcc',
    line: 'الرياض مجلس التعاون الخليجي جامعة الدول العربية وزارة الداخلية',
    text: 'اجتماع وزاري في الرياض\nعقد وزراء الداخلية اجتماعهم الدوري في الرياض وبحثوا التعاون الأمني بين الدول.',
    want: ['الرياض', 'مجلس التعاون الخليجي', 'جامعة الدول العربية', 'وزارة الداخلية'],
  },
  {
    id: 'who',
    line: 'منظمة الصحة العالمية كورونا السعودية صندوق النقد الدولي',
    text: 'تحذير صحي\nحذرت المنظمة من انتشار كورونا في السعودية، فيما توقع الصندوق تباطؤ النمو.',
    want: ['منظمة الصحة العالمية', 'كورونا', 'السعودية', 'صندوق النقد الدولي'],
  },
  {
    // An alias quoted after a complete name is no part of it.
    id: 'raqqa',
    line: 'الدولة الإسلامية داعش الرقة',
    text: 'غارات على الرقة\nشن التحالف غارات على مواقع الدولة الإسلامية «داعش» في الرقة، وقال إن داعش فقد عشرات المقاتلين.',
    want: ['الدولة الإسلامية', 'داعش', 'الرقة'],
  },
  {
    // Confirmed by the first article only: the archive's evidence settles this line.
    id: 'euphrates-1',
    line: 'درع الفرات تركيا',
    text: 'عملية درع الفرات\nقالت تركيا إن عملية درع الفرات حققت أهدافها.',
    want: ['درع الفرات', 'تركيا'],
  },
  {
    id: 'euphrates-2',
    line: 'جرابلس درع الفرات',
    text: 'جرابلس\nدخلت قوات المعارضة جرابلس بدعم تركي.',
    want: ['جرابلس', 'درع الفرات'],
  },
];

describe('KeywordCollector', () => {
  const collector = new KeywordCollector(dir, 'g1-keywords.spill');
  for (const a of ARTICLES) collector.learn(a.id, a.line, a.text);
  const streamed = ARTICLES.map((a) => collector.keywordsOf(a.id, a.line, a.text));
  const sidecar = collector.sidecar();
  collector.close();

  it('splits real-shaped lines on quotes inside a name, known names and archive evidence', () => {
    expect(streamed).toEqual(ARTICLES.map((a) => a.want));
  });

  it('splits as the whole-archive splitter does', () => {
    const { keywords } = splitArchiveKeywords(ARTICLES.map((a) => ({ keywordLine: a.line, evidence: keywordEvidence(a.line, a.text) })));
    expect(streamed).toEqual(keywords);
  });

  it('keeps the display spelling of every keyword and removes its spill file', () => {
    expect(Object.values(sidecar.display)).toEqual(expect.arrayContaining(['مجموعة السبع', 'تنظيم داعش', 'مجلس التعاون الخليجي']));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('splits an article the first pass did not see with the archive it learnt', () => {
    const later = new KeywordCollector(dir, 'g2-keywords.spill', sidecar);
    expect(later.keywordsOf('new', 'منبج درع الفرات حزب الله', 'منبج\nتقدمت القوات نحو منبج.')).toEqual(['منبج', 'درع الفرات', 'حزب الله']);
    later.close();
    expect(existsSync(path.join(dir, 'g2-keywords.spill'))).toBe(false);
  });
});
