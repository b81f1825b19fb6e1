/** One block of an article body: a paragraph or a short stand-alone sub-heading. */
export interface BodyBlock {
  kind: 'paragraph' | 'heading';
  text: string;
}

/** An article as imported from any supported archive format. */
export interface Article {
  /** Stable id derived from the content (or given by the source record). */
  id: string;
  title: string;
  /** ISO 8601 local date-time with the archive's UTC offset, e.g. 2014-11-07T07:11:00+03:00; null when unknown. */
  date: string | null;
  body: BodyBlock[];
  /** The outlet that published the article (first name on the source line). */
  source: string | null;
  /** Further credits on the source line (`+ متابعات`). */
  credits: string[];
  keywords: string[];
  /** Headlines of related stories, as printed under the article. */
  related: string[];
  url: string | null;
  author: string | null;
  /** Where the article came from: file path (zip members as `archive.zip:member`), and its line or record number. */
  origin: Origin;
}

/** Where an article came from. */
export interface Origin {
  path: string;
  line?: number;
  /** 1-based position of the record in a JSON array. */
  record?: number;
}

/** The body as plain text, blocks separated by blank lines. */
export function bodyText(article: Pick<Article, 'body'>): string {
  return article.body.map((b) => b.text).join('\n\n');
}
