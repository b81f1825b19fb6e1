// CRC-32 and zlib inflation as one WebAssembly module, assembled here from its instructions.
// A cold query checks index blocks of hundreds of kilobytes and inflates the twenty articles it
// prints. In JavaScript, a cold process runs the CRC loop in V8's interpreter (4 ms for the
// 94 KB block index of SaudiNewsNet's dictionary); node's zlib costs a millisecond to load, and
// its first inflateSync call two more (each call builds a stream object). The module does both
// in compiled code. The inflater is written from RFC 1950/1951: blocks stored, fixed or dynamic;
// Huffman codes decoded through a 9-bit table with a bit-by-bit canonical walk for longer
// codes; and the Adler-32 trailer checked, so that damage zlib would report is reported.
//
// Memory layout (bytes): the CRC tables, the length and distance tables of RFC 1951, scratch
// code lengths and three Huffman trees below WORK; callers put their data at WORK and above.

import { I32, MODULE_HEADER, code, name, op, section, signature, sleb, uleb } from './wasm-encoding';

const CRC_TABLES = 0; // u32[256] × 8: the CRC table, and seven more for eight bytes at a time
const LBASE = 8192; // u16[29]: base length of length symbols 257..285
const LEXT = 8256; // u8[29]: their extra bits
const DBASE = 8288; // u16[30]: base distance of distance symbols
const DEXT = 8352; // u8[30]: their extra bits
const CLORDER = 8384; // u8[19]: the order code-length code lengths are sent in
const LENGTHS = 8448; // u8[320]: code lengths being read (literal/length, then distance)
const OFFS = 8768; // u16[16]: scratch for sorting symbols by code length
// A tree: counts u16[16] (codes of each length), symbols u16[288] (in canonical order), and a
// table u16[512] indexed by the next 9 bits of input (bit-reversed codes), each entry
// symbol << 4 | length, or 0 for a code longer than 9 bits (decoded by the canonical walk).
const COUNTS = 0;
const SYMBOLS = 32;
const FAST = 608;
const TREE_SIZE = 1632;
const FAST_BITS = 9;
const TREE_CL = 9216;
const TREE_LIT = TREE_CL + TREE_SIZE;
const TREE_DIST = TREE_LIT + TREE_SIZE;
/** Where callers' data may start in the kernel's memory. */
export const WORK = 16384;

// Function indices (the order of the function section).
const CRC = 0;
const BUILD = 1;
const INFLATE = 2;
const PREPARE = 3;

/** What a negative result of `inflate` means, in zlib's words for the same damage. */
export const INFLATE_ERRORS: Record<number, string> = {
  [-1]: 'unexpected end of file',
  [-2]: 'incorrect header check',
  [-3]: 'invalid block type',
  [-4]: 'invalid stored block lengths',
  [-5]: 'invalid code lengths set',
  [-6]: 'invalid literal/length code',
  [-7]: 'invalid distance too far back',
  [-8]: 'output larger than the space given',
  [-9]: 'incorrect data check',
  [-10]: 'unknown compression method',
  [-11]: 'invalid window size',
  [-12]: 'Missing dictionary',
  [-13]: 'too many length or distance symbols',
  [-14]: 'invalid bit length repeat',
  [-15]: 'invalid code -- missing end-of-block',
  [-16]: 'invalid literal/lengths set',
  [-17]: 'invalid distances set',
  [-18]: 'invalid distance code',
};
/** `inflate`'s result when the output did not fit (the caller retries with more space). */
export const OUTPUT_FULL = -8;

// ---- A small structured assembler: expressions and statements are functions that append
// their instructions to the function being built; labels are named, and `br` finds its depth.

class FunctionBuilder {
  readonly bytes: number[] = [];
  private readonly slots = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly extra: number;

  constructor(params: string[], locals: string[]) {
    [...params, ...locals].forEach((n, i) => this.slots.set(n, i));
    this.extra = locals.length;
  }

  slot(n: string): number {
    const i = this.slots.get(n);
    if (i === undefined) throw new Error(`codec-kernel: no local ${n}`);
    return i;
  }

  emit(...xs: number[]): void {
    this.bytes.push(...xs);
  }

  /** Runs `body` inside a labelled block/loop/if: a `br` to the label leaves a block and repeats a loop. */
  nest(opcode: number, type: number, label: string, body: () => void, orElse?: () => void): void {
    this.emit(opcode, type);
    this.labels.push(label);
    body();
    if (orElse) {
      this.emit(op.else);
      orElse();
    }
    this.labels.pop();
    this.emit(op.end);
  }

  depth(label: string): number {
    const i = this.labels.lastIndexOf(label);
    if (i < 0) throw new Error(`codec-kernel: no label ${label}`);
    return this.labels.length - 1 - i;
  }

  /** The body as the code section holds it: one group of i32 locals, the instructions, end. */
  finish(): number[] {
    return [1, ...uleb(this.extra), I32, ...this.bytes, op.end];
  }
}

type Ins = (f: FunctionBuilder) => void;

const seq =
  (...parts: Ins[]): Ins =>
  (f) => {
    for (const p of parts) p(f);
  };
const get =
  (n: string): Ins =>
  (f) =>
    f.emit(op.localGet, f.slot(n));
const set =
  (n: string, value: Ins): Ins =>
  (f) => {
    value(f);
    f.emit(op.localSet, f.slot(n));
  };
const k =
  (v: number): Ins =>
  (f) =>
    f.emit(op.i32Const, ...sleb(v));
const binary =
  (opcode: number) =>
  (a: Ins, b: Ins): Ins =>
  (f) => {
    a(f);
    b(f);
    f.emit(opcode);
  };
const add = binary(op.i32Add);
const sub = binary(op.i32Sub);
const and = binary(op.i32And);
const or = binary(op.i32Or);
const xor = binary(op.i32Xor);
const shl = binary(op.i32Shl);
const shr = binary(op.i32ShrU);
const rem = binary(op.i32RemU);
const eq = binary(op.i32Eq);
const ne = binary(op.i32Ne);
const ltU = binary(op.i32LtU);
const gtU = binary(op.i32GtU);
const leU = binary(op.i32LeU);
const geU = binary(op.i32GeU);
const gtS = binary(op.i32GtS);
const eqz =
  (a: Ins): Ins =>
  (f) => {
    a(f);
    f.emit(op.i32Eqz);
  };
// A load (`at`) or a store (`at`, `value`) with its alignment hint (log2 of the width).
const memoryOp =
  (opcode: number, align: number) =>
  (at: Ins, value?: Ins): Ins =>
  (f) => {
    at(f);
    value?.(f);
    f.emit(opcode, align, 0);
  };
const load8 = memoryOp(op.i32Load8U, 0);
const load16 = memoryOp(op.i32Load16U, 1);
const load32 = memoryOp(op.i32Load, 2);
const store8 = memoryOp(op.i32Store8, 0);
const store16 = memoryOp(op.i32Store16, 1);
const store32 = memoryOp(op.i32Store, 2);
const block =
  (label: string, ...body: Ins[]): Ins =>
  (f) =>
    f.nest(op.block, op.void, label, () => seq(...body)(f));
const loop =
  (label: string, ...body: Ins[]): Ins =>
  (f) =>
    f.nest(op.loop, op.void, label, () => seq(...body)(f));
const when =
  (cond: Ins, ...body: Ins[]): Ins =>
  (f) => {
    cond(f);
    f.nest(op.if, op.void, '', () => seq(...body)(f));
  };
const ifElse =
  (cond: Ins, then: Ins, orElse: Ins): Ins =>
  (f) => {
    cond(f);
    f.nest(op.if, op.void, '', () => then(f), () => orElse(f));
  };
// A value chosen by a condition, evaluating only the chosen side.
const choose =
  (cond: Ins, then: Ins, orElse: Ins): Ins =>
  (f) => {
    cond(f);
    f.nest(op.if, I32, '', () => then(f), () => orElse(f));
  };
const br =
  (label: string): Ins =>
  (f) =>
    f.emit(op.br, f.depth(label));
const brIf =
  (label: string, cond: Ins): Ins =>
  (f) => {
    cond(f);
    f.emit(op.brIf, f.depth(label));
  };
const ret =
  (value: Ins): Ins =>
  (f) => {
    value(f);
    f.emit(op.return);
  };
const inc = (n: string, by: Ins = k(1)): Ins => set(n, add(get(n), by));
// for (n = from; n < to; n++) body — `to` is evaluated every round.
const forRange = (n: string, from: Ins, to: Ins, ...body: Ins[]): Ins =>
  seq(set(n, from), block(`${n}:done`, loop(`${n}:next`, brIf(`${n}:done`, geU(get(n), to)), ...body, inc(n), br(`${n}:next`))));
const mask = (bits: Ins): Ins => sub(shl(k(1), bits), k(1));

// ---- crc32(at, length, crc) -> crc: the CRC of `length` bytes at `at`, continuing `crc`.
// Eight bytes a step through eight tables ("slicing by 8"), where table k maps a byte to its
// CRC followed by k zero bytes; then the last bytes one by one through the first table.

const crcTable = (t: number, index: Ins): Ins => load32(add(k(CRC_TABLES + t * 1024), shl(index, k(2))));
const byteOf = (v: string, n: number): Ins => (n === 3 ? shr(get(v), k(24)) : and(n === 0 ? get(v) : shr(get(v), k(8 * n)), k(0xff)));

function crcFunction(): FunctionBuilder {
  const f = new FunctionBuilder(['at', 'length', 'crc'], ['c', 'end', 'one', 'two']);
  const xorAll = (parts: Ins[]): Ins => parts.reduce((acc, p) => xor(acc, p));
  seq(
    set('c', xor(get('crc'), k(-1))),
    set('end', add(get('at'), get('length'))),
    block(
      'words-done',
      loop(
        'words',
        brIf('words-done', gtU(add(get('at'), k(8)), get('end'))),
        set('one', xor(load32(get('at')), get('c'))),
        set('two', load32(add(get('at'), k(4)))),
        set('c', xorAll([crcTable(7, byteOf('one', 0)), crcTable(6, byteOf('one', 1)), crcTable(5, byteOf('one', 2)), crcTable(4, byteOf('one', 3)), crcTable(3, byteOf('two', 0)), crcTable(2, byteOf('two', 1)), crcTable(1, byteOf('two', 2)), crcTable(0, byteOf('two', 3))])),
        inc('at', k(8)),
        br('words'),
      ),
    ),
    block(
      'done',
      loop(
        'next',
        brIf('done', geU(get('at'), get('end'))),
        // c = table[(c ^ byte) & 0xff] ^ (c >>> 8)
        set('c', xor(crcTable(0, and(xor(get('c'), load8(get('at'))), k(0xff))), shr(get('c'), k(8)))),
        inc('at'),
        br('next'),
      ),
    ),
    ret(xor(get('c'), k(-1))),
  )(f);
  return f;
}

// ---- prepare(): tables 1 to 7 from table 0 (the data segment holds table 0 only).

function prepareFunction(): FunctionBuilder {
  const f = new FunctionBuilder([], ['t', 'n', 'at', 'prev']);
  seq(
    forRange(
      't',
      k(1),
      k(8),
      forRange(
        'n',
        k(0),
        k(256),
        set('at', add(shl(get('t'), k(10)), shl(get('n'), k(2)))),
        set('prev', load32(sub(get('at'), k(1024)))),
        store32(get('at'), xor(shr(get('prev'), k(8)), crcTable(0, and(get('prev'), k(0xff))))),
      ),
    ),
    ret(k(0)),
  )(f);
  return f;
}

// ---- build(lengthsAt, count, tree, strict) -> 0, or -1 for a set of lengths that is no
// prefix code. zlib's rule: over-subscribed sets are refused, and so are incomplete ones,
// except (when not `strict`: the code-length code is) a set whose only codes are one bit long
// (a lone distance code); a set with no codes builds an empty tree, which refuses every code
// it is asked for.

function buildFunction(): FunctionBuilder {
  const f = new FunctionBuilder(['lengthsAt', 'count', 'tree', 'strict'], ['s', 'len', 'left', 'longest', 'code', 'at', 'sym', 'rev', 'bits', 'fill', 'step']);
  const countOf = (len: Ins) => add(get('tree'), shl(len, k(1)));
  seq(
    forRange('s', k(0), k(16), store16(countOf(get('s')), k(0))),
    forRange('s', k(0), k(1 << FAST_BITS), store16(add(add(get('tree'), k(FAST)), shl(get('s'), k(1))), k(0))),
    // counts[len]++ for every symbol
    forRange('s', k(0), get('count'), set('len', load8(add(get('lengthsAt'), get('s')))), store16(countOf(get('len')), add(load16(countOf(get('len'))), k(1)))),
    // Kraft: left = codes still free at each length; negative is over-subscribed.
    store16(countOf(k(0)), k(0)),
    set('left', k(1)),
    forRange(
      'len',
      k(1),
      k(16),
      set('left', sub(shl(get('left'), k(1)), load16(countOf(get('len'))))),
      when(gtS(k(0), get('left')), ret(k(-1))),
      when(ne(load16(countOf(get('len'))), k(0)), set('longest', get('len'))),
    ),
    when(and(ne(get('left'), k(0)), ne(get('longest'), k(0))), when(or(ne(get('strict'), k(0)), ne(get('longest'), k(1))), ret(k(-1)))),
    // Symbols in canonical order: offs[len] = where codes of length len start.
    store16(k(OFFS + 2), k(0)),
    forRange('len', k(1), k(15), store16(add(k(OFFS), shl(add(get('len'), k(1)), k(1))), add(load16(add(k(OFFS), shl(get('len'), k(1)))), load16(countOf(get('len')))))),
    forRange(
      's',
      k(0),
      get('count'),
      set('len', load8(add(get('lengthsAt'), get('s')))),
      when(
        ne(get('len'), k(0)),
        set('at', add(k(OFFS), shl(get('len'), k(1)))),
        store16(add(add(get('tree'), k(SYMBOLS)), shl(load16(get('at')), k(1))), get('s')),
        store16(get('at'), add(load16(get('at')), k(1))),
      ),
    ),
    // The 9-bit table: each code of up to 9 bits fills every entry whose low bits are its
    // bits in stream order (the code reversed).
    set('code', k(0)),
    set('sym', k(0)),
    forRange(
      'len',
      k(1),
      k(16),
      forRange(
        's',
        k(0),
        load16(countOf(get('len'))),
        when(
          leU(get('len'), k(FAST_BITS)),
          set('rev', k(0)),
          set('at', get('code')),
          forRange('bits', k(0), get('len'), set('rev', or(shl(get('rev'), k(1)), and(get('at'), k(1)))), set('at', shr(get('at'), k(1)))),
          set('step', shl(k(1), get('len'))),
          set('fill', get('rev')),
          block(
            'filled',
            loop(
              'more',
              brIf('filled', geU(get('fill'), k(1 << FAST_BITS))),
              store16(add(add(get('tree'), k(FAST)), shl(get('fill'), k(1))), or(shl(load16(add(add(get('tree'), k(SYMBOLS)), shl(get('sym'), k(1)))), k(4)), get('len'))),
              inc('fill', get('step')),
              br('more'),
            ),
          ),
        ),
        inc('code'),
        inc('sym'),
      ),
      set('code', shl(get('code'), k(1))),
    ),
    ret(k(0)),
  )(f);
  return f;
}

// ---- inflate(src, length, dst, capacity) -> bytes written, or a negative error (INFLATE_ERRORS).

function inflateFunction(): FunctionBuilder {
  const f = new FunctionBuilder(
    ['src', 'length', 'dst', 'capacity'],
    ['err', 'in', 'end', 'buf', 'cnt', 'out', 'limit', 'final', 'type', 'sym', 'e', 'code', 'first', 'index', 'count', 'len', 'dist', 'n', 'i', 'rep', 'val', 's1', 's2', 'stop', 'at', 'total', 'width'],
  );
  const fail = (code: number): Ins => seq(set('err', k(code)), br('fail'));
  // At least `bits` (≤ 24) bits in the buffer. Past the end of the input it reads as zeros
  // (the last codes need look-ahead); a stream that would consume four bytes more than it has
  // is cut short. The deflate data runs to wherever its last block ends, as zlib reads it: the
  // Adler-32 is the four bytes after that.
  const need = (bits: number): Ins =>
    block(
      'enough',
      loop(
        'refill',
        brIf('enough', geU(get('cnt'), k(bits))),
        when(geU(get('in'), add(get('end'), k(4))), fail(-1)),
        set('buf', or(get('buf'), shl(choose(ltU(get('in'), get('end')), load8(get('in')), k(0)), get('cnt')))),
        inc('in'),
        inc('cnt', k(8)),
        br('refill'),
      ),
    );
  const drop = (bits: Ins): Ins => seq(set('buf', shr(get('buf'), bits)), set('cnt', sub(get('cnt'), bits)));
  const take = (n: string, bits: number, base: Ins): Ins => seq(need(bits), set(n, add(base, and(get('buf'), k((1 << bits) - 1)))), drop(k(bits)));
  // Cut short: more bits consumed than the data holds (in runs at most 4 bytes past end).
  const cutShort = when(and(gtU(get('in'), get('end')), gtU(shl(sub(get('in'), get('end')), k(3)), get('cnt'))), fail(-1));
  // sym = the next symbol of `tree`: a table hit, or the canonical walk for a long code (its
  // locals are its own: a length being decoded is still needed after the distance code).
  const decode = (tree: number, invalid: number): Ins =>
    seq(
      need(15),
      set('e', load16(add(k(tree + FAST), shl(and(get('buf'), k((1 << FAST_BITS) - 1)), k(1))))),
      ifElse(
        ne(get('e'), k(0)),
        seq(set('sym', shr(get('e'), k(4))), drop(and(get('e'), k(15)))),
        seq(
          set('code', k(0)),
          set('first', k(0)),
          set('index', k(0)),
          set('width', k(1)),
          block(
            'found',
            loop(
              'walk',
              set('code', or(get('code'), and(get('buf'), k(1)))),
              drop(k(1)),
              set('count', load16(add(k(tree + COUNTS), shl(get('width'), k(1))))),
              when(ltU(get('code'), add(get('first'), get('count'))), set('sym', load16(add(k(tree + SYMBOLS), shl(add(get('index'), sub(get('code'), get('first'))), k(1))))), br('found')),
              inc('index', get('count')),
              set('first', shl(add(get('first'), get('count')), k(1))),
              set('code', shl(get('code'), k(1))),
              inc('width'),
              when(gtU(get('width'), k(15)), fail(invalid)),
              br('walk'),
            ),
          ),
        ),
      ),
    );
  const build = (lengthsAt: Ins, count: Ins, tree: number, invalid: number, strict = 0): Ins =>
    seq(lengthsAt, count, k(tree), k(strict), (g) => g.emit(op.call, ...uleb(BUILD)), (g) => g.emit(op.localSet, g.slot('e')), when(ne(get('e'), k(0)), fail(invalid)));
  const fillLengths = (from: number, to: number, len: number): Ins => forRange('i', k(from), k(to), store8(add(k(LENGTHS), get('i')), k(len)));

  const stored = seq(
    drop(and(get('cnt'), k(7))),
    take('len', 16, k(0)),
    take('n', 16, k(0)),
    // Lengths read from past the end are zeros, not a mismatch: the stream is cut short.
    cutShort,
    when(ne(xor(get('len'), k(0xffff)), get('n')), fail(-4)),
    // Whole bytes still in the buffer go back to the input.
    set('in', sub(get('in'), shr(get('cnt'), k(3)))),
    set('buf', k(0)),
    set('cnt', k(0)),
    when(gtU(add(get('in'), get('len')), get('end')), fail(-1)),
    when(gtU(add(get('out'), get('len')), get('limit')), fail(-8)),
    forRange('i', k(0), get('len'), store8(add(get('out'), get('i')), load8(add(get('in'), get('i'))))),
    inc('out', get('len')),
    inc('in', get('len')),
  );

  const dynamic = seq(
    take('n', 5, k(257)),
    take('dist', 5, k(1)),
    take('rep', 4, k(4)),
    when(or(gtU(get('n'), k(286)), gtU(get('dist'), k(30))), fail(-13)),
    fillLengths(0, 19, 0),
    forRange('i', k(0), get('rep'), need(3), store8(add(k(LENGTHS), load8(add(k(CLORDER), get('i')))), and(get('buf'), k(7))), drop(k(3))),
    build(k(LENGTHS), k(19), TREE_CL, -5, 1),
    // n literal/length lengths, then dist distance lengths, with repeats across the two.
    set('total', add(get('n'), get('dist'))),
    set('i', k(0)),
    block(
      'lengths',
      loop(
        'length',
        brIf('lengths', geU(get('i'), get('total'))),
        decode(TREE_CL, -5),
        ifElse(
          ltU(get('sym'), k(16)),
          seq(store8(add(k(LENGTHS), get('i')), get('sym')), inc('i')),
          seq(
            set('val', k(0)),
            ifElse(
              eq(get('sym'), k(16)),
              seq(when(eqz(get('i')), fail(-14)), set('val', load8(add(k(LENGTHS - 1), get('i')))), take('rep', 2, k(3))),
              ifElse(eq(get('sym'), k(17)), take('rep', 3, k(3)), take('rep', 7, k(11))),
            ),
            when(gtU(add(get('i'), get('rep')), get('total')), fail(-14)),
            set('stop', add(get('i'), get('rep'))),
            block('filled', loop('fill', brIf('filled', geU(get('i'), get('stop'))), store8(add(k(LENGTHS), get('i')), get('val')), inc('i'), br('fill'))),
          ),
        ),
        br('length'),
      ),
    ),
    // A literal/length code without end-of-block cannot end its block.
    when(eqz(load8(k(LENGTHS + 256))), fail(-15)),
    build(k(LENGTHS), get('n'), TREE_LIT, -16),
    build(add(k(LENGTHS), get('n')), get('dist'), TREE_DIST, -17),
  );

  // Literals, and (length, distance) copies of earlier output, up to end-of-block.
  const codes = block(
    'block-end',
    loop(
      'symbol',
      decode(TREE_LIT, -6),
      when(ltU(get('sym'), k(256)), when(geU(get('out'), get('limit')), fail(-8)), store8(get('out'), get('sym')), inc('out'), br('symbol')),
      brIf('block-end', eq(get('sym'), k(256))),
      set('sym', sub(get('sym'), k(257))),
      when(geU(get('sym'), k(29)), fail(-6)),
      set('n', load8(add(k(LEXT), get('sym')))),
      need(5),
      set('len', add(load16(add(k(LBASE), shl(get('sym'), k(1)))), and(get('buf'), mask(get('n'))))),
      drop(get('n')),
      decode(TREE_DIST, -18),
      when(geU(get('sym'), k(30)), fail(-18)),
      set('n', load8(add(k(DEXT), get('sym')))),
      need(13),
      set('dist', add(load16(add(k(DBASE), shl(get('sym'), k(1)))), and(get('buf'), mask(get('n'))))),
      drop(get('n')),
      when(gtU(get('dist'), sub(get('out'), get('dst'))), fail(-7)),
      when(gtU(add(get('out'), get('len')), get('limit')), fail(-8)),
      // Byte by byte: a copy may overlap what it writes (a run repeats its last bytes).
      forRange('i', k(0), get('len'), store8(add(get('out'), get('i')), load8(sub(add(get('out'), get('i')), get('dist'))))),
      inc('out', get('len')),
      br('symbol'),
    ),
  );

  seq(
    block(
      'fail',
      // A zlib stream: a 2-byte header, the deflate data, a 4-byte Adler-32.
      set('err', k(-1)),
      brIf('fail', ltU(get('length'), k(2))),
      // The header's checks in zlib's order, with its words for each.
      set('e', or(shl(load8(get('src')), k(8)), load8(add(get('src'), k(1))))),
      when(ne(rem(get('e'), k(31)), k(0)), fail(-2)),
      when(ne(and(get('e'), k(0x0f00)), k(0x0800)), fail(-10)),
      when(gtU(get('e'), k(0x7fff)), fail(-11)),
      // A preset dictionary is not something newsq writes.
      when(ne(and(get('e'), k(0x20)), k(0)), fail(-12)),
      set('in', add(get('src'), k(2))),
      set('end', add(get('src'), get('length'))),
      set('out', get('dst')),
      set('limit', add(get('dst'), get('capacity'))),
      loop(
        'blocks',
        take('final', 1, k(0)),
        take('type', 2, k(0)),
        ifElse(
          eqz(get('type')),
          stored,
          seq(
            ifElse(
              eq(get('type'), k(1)),
              seq(fillLengths(0, 144, 8), fillLengths(144, 256, 9), fillLengths(256, 280, 7), fillLengths(280, 288, 8), build(k(LENGTHS), k(288), TREE_LIT, -16), fillLengths(0, 32, 5), build(k(LENGTHS), k(32), TREE_DIST, -17)),
              seq(when(ne(get('type'), k(2)), fail(-3)), dynamic),
            ),
            codes,
          ),
        ),
        cutShort,
        brIf('blocks', eqz(get('final'))),
      ),
      // The trailer follows the last whole byte used.
      set('in', sub(get('in'), shr(get('cnt'), k(3)))),
      when(gtU(add(get('in'), k(4)), add(get('src'), get('length'))), fail(-1)),
      // Adler-32 of the output, reduced every 5552 bytes (before its sums could overflow).
      set('s1', k(1)),
      set('s2', k(0)),
      set('at', get('dst')),
      block(
        'summed',
        loop(
          'chunk',
          brIf('summed', geU(get('at'), get('out'))),
          set('stop', add(get('at'), k(5552))),
          when(gtU(get('stop'), get('out')), set('stop', get('out'))),
          block('chunk-end', loop('byte', brIf('chunk-end', geU(get('at'), get('stop'))), set('s1', add(get('s1'), load8(get('at')))), set('s2', add(get('s2'), get('s1'))), inc('at'), br('byte'))),
          set('s1', rem(get('s1'), k(65521))),
          set('s2', rem(get('s2'), k(65521))),
          br('chunk'),
        ),
      ),
      set('e', or(or(shl(load8(get('in')), k(24)), shl(load8(add(get('in'), k(1))), k(16))), or(shl(load8(add(get('in'), k(2))), k(8)), load8(add(get('in'), k(3)))))),
      when(ne(get('e'), or(shl(get('s2'), k(16)), get('s1'))), fail(-9)),
      ret(sub(get('out'), get('dst'))),
    ),
    // Damage found in bits read from past the end: zlib, which stops where its input does,
    // calls that a stream cut short.
    when(and(gtU(get('in'), get('end')), gtU(shl(sub(get('in'), get('end')), k(3)), get('cnt'))), set('err', k(-1))),
    ret(get('err')),
  )(f);
  return f;
}


/** The CRC table (for address 0) and the tables of RFC 1951 (for address LBASE): the module's two data segments. */
function dataSegments(): [number[], number[]] {
  const crc = new DataView(new ArrayBuffer(1024));
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let b = 0; b < 8; b++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc.setUint32(4 * n, c >>> 0, true);
  }
  const bytes = new Uint8Array(CLORDER + 19 - LBASE);
  const view = new DataView(bytes.buffer);
  // Length symbols 257..284 come in groups of four with one more extra bit each group, from
  // length 3; 285 is length 258 exactly.
  let length = 3;
  for (let s = 0; s < 28; s++) {
    const extra = s < 8 ? 0 : (s >> 2) - 1;
    view.setUint16(2 * s, length, true);
    bytes[LEXT - LBASE + s] = extra;
    length += 1 << extra;
  }
  view.setUint16(2 * 28, 258, true);
  bytes[LEXT - LBASE + 28] = 0;
  // Distance symbols come in pairs with one more extra bit each pair, from distance 1.
  let distance = 1;
  for (let s = 0; s < 30; s++) {
    const extra = s < 4 ? 0 : (s >> 1) - 1;
    view.setUint16(DBASE - LBASE + 2 * s, distance, true);
    bytes[DEXT - LBASE + s] = extra;
    distance += 1 << extra;
  }
  [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15].forEach((v, i) => (bytes[CLORDER - LBASE + i] = v));
  return [[...new Uint8Array(crc.buffer)], [...bytes]];
}

/** The module's bytes: an imported memory, the functions `crc32`, `build`, `inflate` and `prepare`, and the tables. */
export function codecKernelBytes(): Uint8Array {
  const functions = [crcFunction(), buildFunction(), inflateFunction(), prepareFunction()];
  const [crcTable0, deflateTables] = dataSegments();
  const segment = (at: number, bytes: number[]) => [0x00, op.i32Const, ...sleb(at), op.end, ...uleb(bytes.length), ...bytes];
  return new Uint8Array([
    ...MODULE_HEADER,
    // types: crc32 (i32, i32, i32) -> i32; build and inflate (i32, i32, i32, i32) -> i32; prepare () -> i32
    ...section(1, [3, ...signature([I32, I32, I32], [I32]), ...signature([I32, I32, I32, I32], [I32]), ...signature([], [I32])]),
    // import "c" "memory": a memory of at least one page
    ...section(2, [1, ...name('c'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [4, 0, 1, 1, 2]),
    ...section(7, [3, ...name('crc32'), 0x00, CRC, ...name('inflate'), 0x00, INFLATE, ...name('prepare'), 0x00, PREPARE]),
    ...section(10, [functions.length, ...functions.flatMap((fn) => code(fn.finish()))]),
    // two active segments for memory 0
    ...section(11, [2, ...segment(CRC_TABLES, crcTable0), ...segment(LBASE, deflateTables)]),
  ]);
}
