// Tables shared by the tmux test and the script it runs inside the pane.

import type { TableSpec } from '../../src/output/table';

/** Arabic headlines with harakat, tatweel, lam-alef, ZWNJ, Latin, both digit families and brackets. */
export const demoTable: TableSpec = {
  columns: [
    { header: 'المعرف', kind: 'ltr' },
    { header: 'العنوان', kind: 'text', flex: 3 },
    { header: 'التاريخ', kind: 'ltr' },
    { header: 'المصدر', kind: 'text' },
  ],
  rows: [
    ['a1b2', 'خامنئي يخضع لجراحة في البروستاتا بأحد مستشفيات طهران', '2014-09-08', 'المرصد الإخباري'],
    ['c3d4', 'طِفْلاً مُسْلِمًا (عامًا) في 2015 مع «OPEC»', '2015-01-21', 'صوت الخليج'],
    ['e5f6', 'لا إله إلا الله ـــ می‌خواهم', '2016-01-02', 'الأنباء الموجزة'],
    ['g7h8', 'أوبك تتفق على أول خفض للإنتاج منذ 2008 بنسبة ٣٫٥٪', '2016-11-30', 'نشرة الرافدين'],
    ['i9j0', 'English headline: OPEC keeps output unchanged', '2014-11-27', 'Reuters'],
  ],
};

/** A headline that tries to retitle the window, write the clipboard, clear the screen and flip text. */
export const hostileTable: TableSpec = {
  columns: [
    { header: 'العنوان', kind: 'text' },
    { header: 'id', kind: 'ltr' },
  ],
  rows: [
    [
      'خبر\x1b]0;pwned\x07 عاجل\x1b]52;c;cHduZWQ=\x07\x1b[2J \u202eمقلوب\u202c \x1b]2;pwned\x1b\\نهاية',
      'x1',
    ],
  ],
};
