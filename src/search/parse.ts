// The query language. Precedence, loosest first: OR, then AND (written or implied by a
// space), then NOT / `-`. Parentheses group. A term is a word (with a trailing `*` for a
// prefix or `~`/`~N` for a fuzzy match), a "quoted phrase", or a field prefix followed by
// a value: title:, tag:, source:, date:. Positions in errors are 0-based offsets into the
// query string, so the caller can point at them.

/** A parsed query. */
export type QueryNode =
  | { type: 'word'; text: string; prefix: boolean; fuzzy: number | null; field: 'any' | 'title'; pos: number }
  | { type: 'phrase'; text: string; field: 'any' | 'title'; slop: number; pos: number }
  | { type: 'tag'; value: string; pos: number }
  | { type: 'source'; value: string; pos: number }
  | { type: 'author'; value: string; pos: number }
  | { type: 'date'; value: string; pos: number }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode; pos: number };

/** A query that cannot be parsed, with the offset of the problem. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** The field prefixes of the query language. */
export const QUERY_FIELDS = ['title', 'tag', 'source', 'author', 'date'] as const;
const FIELDS = new Set<string>(QUERY_FIELDS);
/** Largest window of a sloppy phrase ("…"~N). */
export const MAX_SLOP = 50;
const MAX_DEPTH = 64;
const MAX_LENGTH = 4096;

type Token =
  | { kind: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'minus'; pos: number }
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'phrase'; text: string; slop: number; pos: number }
  | { kind: 'field'; name: string; pos: number };

// Quotes users type for phrases: ASCII, typographic and Arabic guillemets are all
// common on Arabic keyboards; a phrase ends with the matching closer.
const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '”': '”', '«': '»' };

function isSpace(c: string): boolean {
  return /\s/.test(c);
}

function lex(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lparen' : 'rparen', pos: i });
      i++;
      continue;
    }
    const closer = QUOTE_PAIRS[c];
    if (closer) {
      const end = q.indexOf(closer, i + 1);
      if (end < 0) throw new QuerySyntaxError(`unterminated phrase: no closing ${closer}`, i);
      // "…"~N: the words within N positions more than they need, in any order.
      const slop = /^~(\d+)/.exec(q.slice(end + 1));
      if (slop && Number(slop[1]) > MAX_SLOP) throw new QuerySyntaxError(`a phrase window can be at most ~${MAX_SLOP}`, end + 1);
      out.push({ kind: 'phrase', text: q.slice(i + 1, end), slop: slop ? Number(slop[1]) : 0, pos: i });
      i = end + 1 + (slop ? slop[0].length : 0);
      continue;
    }
    if (c === '-' && i + 1 < q.length && !isSpace(q[i + 1]!) && (i === 0 || /[\s(]/.test(q[i - 1]!))) {
      out.push({ kind: 'minus', pos: i });
      i++;
      continue;
    }
    let j = i;
    while (j < q.length && !isSpace(q[j]!) && q[j] !== '(' && q[j] !== ')' && !(j > i && QUOTE_PAIRS[q[j]!] && q[j - 1] === ':')) j++;
    const word = q.slice(i, j);
    const field = /^([a-z]+):/i.exec(word);
    if (field && FIELDS.has(field[1]!.toLowerCase())) {
      out.push({ kind: 'field', name: field[1]!.toLowerCase(), pos: i });
      i += field[0].length;
      continue;
    }
    if (field && !/^https?$/i.test(field[1]!)) throw new QuerySyntaxError(`unknown field "${field[1]}:"; the fields are ${QUERY_FIELDS.map((f) => `${f}:`).join(' ')}`, i);
    if (word === 'OR' || word === '|' || word === '||') out.push({ kind: 'or', pos: i });
    else if (word === 'AND' || word === '&&') out.push({ kind: 'and', pos: i });
    else if (word === 'NOT') out.push({ kind: 'not', pos: i });
    else out.push({ kind: 'word', text: word, pos: i });
    i = j;
  }
  return out;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private tokens: Token[],
    private length: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private here(): number {
    return this.peek()?.pos ?? this.length;
  }

  parse(): QueryNode {
    if (this.tokens.length === 0) throw new QuerySyntaxError('empty query', 0);
    const node = this.or();
    const t = this.peek();
    if (t) throw new QuerySyntaxError(t.kind === 'rparen' ? 'unexpected ")" without a matching "("' : 'unexpected input', t.pos);
    return node;
  }

  private or(): QueryNode {
    const children = [this.and()];
    while (this.peek()?.kind === 'or') {
      const op = this.peek()!;
      this.i++;
      if (!this.startsOperand()) throw new QuerySyntaxError('OR needs a term after it', op.pos);
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private startsOperand(): boolean {
    const t = this.peek();
    return !!t && t.kind !== 'rparen' && t.kind !== 'or' && t.kind !== 'and';
  }

  private and(): QueryNode {
    if (!this.startsOperand()) {
      const t = this.peek();
      throw new QuerySyntaxError(t ? `expected a term before ${t.kind === 'rparen' ? '")"' : t.kind.toUpperCase()}` : 'expected a term', this.here());
    }
    const children = [this.unary()];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'rparen' || t.kind === 'or') break;
      if (t.kind === 'and') {
        this.i++;
        if (!this.startsOperand()) throw new QuerySyntaxError('AND needs a term after it', t.pos);
        continue;
      }
      children.push(this.unary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private unary(): QueryNode {
    const t = this.peek()!;
    if (t.kind === 'not' || t.kind === 'minus') {
      this.i++;
      if (!this.startsOperand()) throw new QuerySyntaxError(`${t.kind === 'not' ? 'NOT' : '-'} needs a term after it`, t.pos);
      return { type: 'not', child: this.unary(), pos: t.pos };
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const t = this.peek()!;
    this.i++;
    switch (t.kind) {
      case 'lparen': {
        if (++this.depth > MAX_DEPTH) throw new QuerySyntaxError(`parentheses nested deeper than ${MAX_DEPTH}`, t.pos);
        if (this.peek()?.kind === 'rparen') throw new QuerySyntaxError('empty parentheses', t.pos);
        const inner = this.or();
        if (this.peek()?.kind !== 'rparen') throw new QuerySyntaxError('missing ")" to close this "("', t.pos);
        this.i++;
        this.depth--;
        return inner;
      }
      case 'phrase':
        if (!t.text.trim()) throw new QuerySyntaxError('empty phrase', t.pos);
        return { type: 'phrase', text: t.text, field: 'any', slop: t.slop, pos: t.pos };
      case 'word':
        return word(t.text, t.pos, 'any');
      case 'field':
        return this.field(t.name, t.pos);
      default:
        throw new QuerySyntaxError('expected a term', t.pos);
    }
  }

  private field(name: string, pos: number): QueryNode {
    const v = this.peek();
    const valuePos = pos + name.length + 1;
    if (!v || (v.kind !== 'word' && v.kind !== 'phrase') || v.pos !== valuePos) {
      throw new QuerySyntaxError(`${name}: needs a value right after the colon (quote values with spaces: ${name}:"…")`, pos);
    }
    this.i++;
    if (v.kind === 'phrase' && !v.text.trim()) throw new QuerySyntaxError(`empty ${name}: value`, v.pos);
    switch (name) {
      case 'title':
        return v.kind === 'phrase' ? { type: 'phrase', text: v.text, field: 'title', slop: v.slop, pos } : word(v.text, v.pos, 'title');
      case 'tag':
        return { type: 'tag', value: v.text, pos };
      case 'source':
        return { type: 'source', value: v.text, pos };
      case 'author':
        return { type: 'author', value: v.text, pos };
      default:
        return { type: 'date', value: v.text, pos };
    }
  }
}

function word(raw: string, pos: number, field: 'any' | 'title'): QueryNode {
  let text = raw;
  let prefix = false;
  let fuzzy: number | null = null;
  const f = /~(\d+(?:\.\d+)?)?$/.exec(text);
  if (f) {
    fuzzy = f[1] === undefined ? 0.2 : Number(f[1]);
    if (!(fuzzy > 0) || fuzzy > 6 || (fuzzy >= 1 && !Number.isInteger(fuzzy))) throw new QuerySyntaxError('fuzzy distance must be 1–6 edits (a whole number) or a fraction between 0 and 1', pos + f.index);
    text = text.slice(0, f.index);
  } else if (text.endsWith('*')) {
    prefix = true;
    text = text.slice(0, -1);
  }
  if (!text || /^[*~]+$/.test(text)) throw new QuerySyntaxError(prefix ? 'a prefix needs some letters before *' : 'a fuzzy term needs letters before ~', pos);
  if (text.includes('*')) throw new QuerySyntaxError('* is only allowed at the end of a word', pos + text.indexOf('*'));
  return { type: 'word', text, prefix, fuzzy, field, pos };
}

/** Remarks on a query that parsed but may not mean what its writer meant: operators typed in lowercase or in Arabic. */
export function queryNotices(query: string): string[] {
  const words = query.split(/\s+/);
  const inner = words.slice(1, -1);
  if (inner.some((w) => w === 'or' || w === 'and' || w === 'not' || w === 'أو')) {
    return ['operators are written in capitals: OR, AND, NOT (a lowercase "or", "and", "not" or "أو" is searched as a word)'];
  }
  return [];
}

/** Parses a query string; throws QuerySyntaxError with the position of the first problem. */
export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_LENGTH) throw new QuerySyntaxError(`query longer than ${MAX_LENGTH} characters`, MAX_LENGTH);
  return new Parser(lex(query), query.length).parse();
}
