// Newspaper names for the crawler ids some exports carry instead (SaudiNewsNet's `okaz`,
// `alriyadh` …). An article shows the paper's Arabic name; `source:` finds it by either.

const NAMES: Record<string, string> = {
  aawsat: 'الشرق الأوسط',
  aleqtisadiya: 'الاقتصادية',
  aljazirah: 'الجزيرة',
  almadina: 'المدينة',
  alriyadh: 'الرياض',
  alwatan: 'الوطن',
  alweeam: 'الوئام',
  alyaum: 'اليوم',
  arreyadi: 'الرياضي',
  arriyadiyah: 'الرياضية',
  okaz: 'عكاظ',
  sabq: 'سبق',
  was: 'واس',
  '3alyoum': 'عاليوم',
};

const IDS = new Map(Object.entries(NAMES).map(([id, name]) => [name, id]));

/** The newspaper's name for a crawler id, or the source as given. */
export function sourceName(source: string): string {
  return NAMES[source.trim().toLowerCase()] ?? source;
}

/** The crawler id a newspaper's name stands for, if it has one (indexed beside the name). */
export function sourceAlias(name: string): string | null {
  return IDS.get(name) ?? null;
}
