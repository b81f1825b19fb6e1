// Arabic date lines for synthetic articles: both month-name families and both digit
// sets occur in real exports, so the generator writes all of them.

const GULF = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const LEVANT = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const DAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

function indic(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

/** `الجمعة 7 نوفمبر 2014` for a 'YYYY-MM-DD' day; Levantine names and Arabic-Indic digits when `levant`. */
export function formatDayArabic(day: string, levant: boolean): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  const month = (levant ? LEVANT : GULF)[m - 1]!;
  const text = `${weekday} ${d} ${month} ${y}`;
  return levant ? indic(text) : text;
}
