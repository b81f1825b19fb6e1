// The ranking pass's loops (see rankByBound in engine.ts) as WebAssembly functions: the BM25
// bound of every posting, then the count of matching documents, the k-th best bound and the
// documents that can reach the page. A cold process runs JavaScript in V8's interpreter, where
// every arithmetic result that is not a small integer becomes a new heap object: a frequent
// word's postings made megabytes of them. WebAssembly computes in registers. Setting the module
// up costs about a millisecond and a half, so the engine uses it only for long posting lists
// (at 300,000 articles a frequent word's query took 30-40 ms less). The arithmetic is the
// JavaScript loops', operation for operation, so both give the same bounds to the last bit
// (a test compares them on random lists).
//
// The module is assembled here from its instructions (no toolchain needed); the text form of
// each function is in the comments of its body. The build stores the assembled bytes in the
// bundle.

import { F64, I32, MODULE_HEADER, PAGE, code, name, op, section, signature, wasmApi, type WasmMemory } from '../index/wasm-encoding';

/** The ranking pass's loops over arrays inside the kernel's memory (arguments are byte offsets). */
export interface BoundKernel {
  /** The kernel's memory. */
  readonly memory: WasmMemory;
  /**
   * Adds each posting's BM25 term to score[doc] (f64), ORs `bit` into terms[doc] and
   * `groupBit` into groups[doc] (one byte each), and appends each document whose groups were 0
   * to `reached` (i32); returns the new length of `reached`.
   */
  score(
    docsAt: number,
    freqsAt: number,
    lengthsAt: number,
    count: number,
    scoreAt: number,
    termsAt: number,
    groupsAt: number,
    reachedAt: number,
    reached: number,
    base: number,
    scale: number,
    lengthFree: number,
    perLength: number,
    bit: number,
    groupBit: number,
  ): number;
  /**
   * For each reached document whose groups are all `all`: multiplies its score by the number of
   * its term bits (as MiniSearch#search does) and keeps the `k` best scores in a min-heap of
   * f64 at `heapAt` that already holds `filled` of them; returns how many documents matched.
   * heap[0] is then the k-th best.
   */
  finish(reachedAt: number, reached: number, scoreAt: number, termsAt: number, groupsAt: number, all: number, heapAt: number, k: number, filled: number): number;
  /** Writes to `outAt` (i32) the reached documents matching all groups with a score ≥ `threshold`; returns their number. */
  collect(reachedAt: number, reached: number, scoreAt: number, groupsAt: number, all: number, threshold: number, outAt: number): number;
}


// Parameters and locals of `score`, by index.
const P = { docsAt: 0, freqsAt: 1, lengthsAt: 2, count: 3, scoreAt: 4, termsAt: 5, groupsAt: 6, reachedAt: 7, reached: 8, base: 9, scale: 10, lengthFree: 11, perLength: 12, bit: 13, groupBit: 14 };
const L = { i: 15, doc: 16, p: 17, tf: 18 };
const PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, I32, I32];

const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const tee = (i: number) => [op.localTee, i];
const i32c = (v: number) => [op.i32Const, v]; // small non-negative constants only (one LEB byte, < 64)
// base + index·4, the address of element `index` of an i32 array at byte offset `base`.
const element = (base: number, index: number, shift: number) => [...get(base), ...get(index), ...i32c(shift), op.i32Shl, op.i32Add];
const load32 = [op.i32Load, 2, 0];
const store32 = [op.i32Store, 2, 0];
const load8 = [op.i32Load8U, 0, 0];
const store8 = [op.i32Store8, 0, 0];
const loadF64 = [op.f64Load, 3, 0];
const storeF64 = [op.f64Store, 3, 0];
// base + index, the address of byte `index` of a byte array at `base`.
const byte = (base: number, index: number) => [...get(base), ...get(index), op.i32Add];
// $local = $local + 1
const increment = (local: number) => [...get(local), ...i32c(1), op.i32Add, ...set(local)];
// for ($i = 0; $i < $count; $i++) body, $i a local still 0 (a body branches only within its own blocks):
// (block (br_if 0 (i32.eqz $count)) (loop body (br_if 0 (i32.lt_u (local.tee $i (i32.add $i 1)) $count))))
const forEachIndex = (i: number, count: number, body: number[]) => [
  op.block, op.void, ...get(count), op.i32Eqz, op.brIf, 0,
  op.loop, op.void,
  ...body,
  ...get(i), ...i32c(1), op.i32Add, ...tee(i), ...get(count), op.i32LtU, op.brIf, 0,
  op.end, op.end,
];

function scoreBody(): number[] {
  return [
    // (local $i i32) (local $doc i32) (local $p i32) (local $tf f64)
    2, 3, I32, 1, F64,
    // for each posting $i:
    ...forEachIndex(L.i, P.count, [
      //     $doc = docs[$i]; $tf = f64(freqs[$i])
      ...element(P.docsAt, L.i, 2), ...load32, ...set(L.doc),
      ...element(P.freqsAt, L.i, 2), ...load32, op.f64ConvertI32S, ...set(L.tf),
      //     score[$doc] = score[$doc] + (base + scale·tf / ((tf + lengthFree) + perLength·f64(lengths[$i])))
      ...element(P.scoreAt, L.doc, 3), ...tee(L.p),
      ...get(L.p), ...loadF64,
      ...get(P.base),
      ...get(P.scale), ...get(L.tf), op.f64Mul,
      ...get(L.tf), ...get(P.lengthFree), op.f64Add,
      ...get(P.perLength), ...element(P.lengthsAt, L.i, 2), ...load32, op.f64ConvertI32S, op.f64Mul,
      op.f64Add,
      op.f64Div,
      op.f64Add,
      op.f64Add,
      ...storeF64,
      //     terms[$doc] |= bit (bytes)
      ...byte(P.termsAt, L.doc), ...tee(L.p), ...get(L.p), ...load8, ...get(P.bit), op.i32Or, ...store8,
      //     (if (i32.eqz groups[$doc]) reached[$reached++] = $doc)
      ...byte(P.groupsAt, L.doc), ...tee(L.p), ...load8, op.i32Eqz,
      op.if, op.void,
      ...element(P.reachedAt, P.reached, 2), ...get(L.doc), ...store32,
      ...increment(P.reached),
      op.end,
      //     groups[$doc] |= groupBit
      ...get(L.p), ...get(L.p), ...load8, ...get(P.groupBit), op.i32Or, ...store8,
    ]),
    ...get(P.reached),
    op.end,
  ];
}

// finish(reachedAt, reached, scoreAt, termsAt, groupsAt, all, heapAt, k, filled) -> total
const F = { reachedAt: 0, reached: 1, scoreAt: 2, termsAt: 3, groupsAt: 4, all: 5, heapAt: 6, k: 7, filled: 8, r: 9, doc: 10, total: 11, i: 12, p: 13, m: 14, final: 15, t: 16 };
const heapAddress = (index: number) => [...get(F.heapAt), ...get(index), ...i32c(3), op.i32Shl, op.i32Add];
// heap[a] < heap[b]
const heapLess = (a: number, b: number) => [...heapAddress(a), ...loadF64, ...heapAddress(b), ...loadF64, op.f64Lt];
// swap heap[a] and heap[b] (through $t)
const heapSwap = (a: number, b: number) => [
  ...heapAddress(a), ...loadF64, ...set(F.t),
  ...heapAddress(a), ...heapAddress(b), ...loadF64, ...storeF64,
  ...heapAddress(b), ...get(F.t), ...storeF64,
];

// (if (i32.lt_u $p k) (if heap[$p] < heap[$m] (then $m = $p))): child $p, if it exists, as the smallest so far.
const smallerChild = [
  ...get(F.p), ...get(F.k), op.i32LtU,
  op.if, op.void,
  ...heapLess(F.p, F.m),
  op.if, op.void, ...get(F.p), ...set(F.m), op.end,
  op.end,
];

function finishBody(): number[] {
  return [
    // (local $r $doc $total $i $p $m i32) (local $final $t f64)
    2, 6, I32, 2, F64,
    // for each reached document $r:
    ...forEachIndex(F.r, F.reached, [
      //   $doc = reached[$r]
      ...element(F.reachedAt, F.r, 2), ...load32, ...set(F.doc),
      //   (if (i32.eq groups[$doc] all)
      ...byte(F.groupsAt, F.doc), ...load8, ...get(F.all), op.i32Eq,
      op.if, op.void,
      ...increment(F.total),
      //     score[$doc] = $final = score[$doc] · f64(popcnt(terms[$doc]))
      ...element(F.scoreAt, F.doc, 3), ...tee(F.p),
      ...get(F.p), ...loadF64, ...byte(F.termsAt, F.doc), ...load8, op.i32Popcnt, op.f64ConvertI32S, op.f64Mul, ...tee(F.final),
      ...storeF64,
      //     (if (i32.lt_u $filled k) (then heap[$filled++] = $final, sifted up)
      ...get(F.filled), ...get(F.k), op.i32LtU,
      op.if, op.void,
      ...get(F.filled), ...set(F.i),
      ...heapAddress(F.i), ...get(F.final), ...storeF64,
      ...increment(F.filled),
      op.block, op.void, op.loop, op.void,
      //         stop at the root, or when heap[$i] ≥ heap[$p], $p = ($i − 1) >> 1
      ...get(F.i), op.i32Eqz, op.brIf, 1,
      ...get(F.i), ...i32c(1), op.i32Sub, ...i32c(1), op.i32ShrU, ...set(F.p),
      ...heapLess(F.i, F.p), op.i32Eqz, op.brIf, 1,
      ...heapSwap(F.i, F.p),
      ...get(F.p), ...set(F.i),
      op.br, 0,
      op.end, op.end,
      //     (else (if (k != 0 && f64.gt $final heap[0]) (then heap[0] = $final, sifted down)))
      op.else,
      ...get(F.final), ...i32c(0), ...set(F.i), ...heapAddress(F.i), ...loadF64, op.f64Gt, ...get(F.k), ...i32c(0), op.i32Ne, op.i32And,
      op.if, op.void,
      ...heapAddress(F.i), ...get(F.final), ...storeF64,
      op.block, op.void, op.loop, op.void,
      //         $p = 2$i + 1 (left child), $m = the smallest of $i and its children
      ...get(F.i), ...i32c(1), op.i32Shl, ...i32c(1), op.i32Add, ...set(F.p),
      ...get(F.i), ...set(F.m),
      ...smallerChild,
      ...get(F.p), ...i32c(1), op.i32Add, ...set(F.p),
      ...smallerChild,
      ...get(F.m), ...get(F.i), op.i32Eq, op.brIf, 1,
      ...heapSwap(F.i, F.m),
      ...get(F.m), ...set(F.i),
      op.br, 0,
      op.end, op.end,
      op.end, // if f64.gt
      op.end, // if/else filled < k
      op.end, // if groups == all
    ]),
    ...get(F.total),
    op.end,
  ];
}

// collect(reachedAt, reached, scoreAt, groupsAt, all, threshold, outAt) -> count
const C = { reachedAt: 0, reached: 1, scoreAt: 2, groupsAt: 3, all: 4, threshold: 5, outAt: 6, r: 7, doc: 8, n: 9 };

function collectBody(): number[] {
  return [
    // (local $r $doc $n i32)
    1, 3, I32,
    // for each reached document $r:
    ...forEachIndex(C.r, C.reached, [
      ...element(C.reachedAt, C.r, 2), ...load32, ...set(C.doc),
      //   (if (groups[$doc] == all && score[$doc] >= threshold) out[$n++] = $doc)
      ...byte(C.groupsAt, C.doc), ...load8, ...get(C.all), op.i32Eq,
      op.if, op.void,
      ...element(C.scoreAt, C.doc, 3), ...loadF64, ...get(C.threshold), op.f64Ge,
      op.if, op.void,
      ...element(C.outAt, C.n, 2), ...get(C.doc), ...store32,
      ...increment(C.n),
      op.end,
      op.end,
    ]),
    ...get(C.n),
    op.end,
  ];
}

/** The module's bytes: one imported memory and the functions `score`, `finish` and `collect`. */
export function boundKernelBytes(): Uint8Array {
  return new Uint8Array([
    ...MODULE_HEADER,
    // types: score, finish, collect (each returns an i32)
    ...section(1, [3, ...signature(PARAMS, [I32]), ...signature([I32, I32, I32, I32, I32, I32, I32, I32, I32], [I32]), ...signature([I32, I32, I32, I32, I32, F64, I32], [I32])]),
    // import "k" "memory": a memory of at least one page
    ...section(2, [1, ...name('k'), ...name('memory'), 0x02, 0x00, 1]),
    // functions 0, 1, 2 of types 0, 1, 2
    ...section(3, [3, 0, 1, 2]),
    ...section(7, [3, ...name('score'), 0x00, 0, ...name('finish'), 0x00, 1, ...name('collect'), 0x00, 2]),
    ...section(10, [3, ...code(scoreBody()), ...code(finishBody()), ...code(collectBody())]),
  ]);
}

// The bundle carries the bytes ready-made (scripts/build.mjs): assembling them is cold code.
declare const __NEWSQ_BOUND_KERNEL__: string;

function kernelBytes(): Uint8Array {
  return typeof __NEWSQ_BOUND_KERNEL__ === 'string' ? Buffer.from(__NEWSQ_BOUND_KERNEL__, 'base64') : boundKernelBytes();
}

/** A fresh kernel with at least `bytes` of memory, or null where WebAssembly is not available. */
export function boundKernel(bytes: number): BoundKernel | null {
  const wasm = wasmApi();
  if (!wasm) return null;
  try {
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
    const instance = new wasm.Instance(new wasm.Module(kernelBytes()), { k: { memory } });
    const e = instance.exports;
    return { memory, score: e.score as BoundKernel['score'], finish: e.finish as BoundKernel['finish'], collect: e.collect as BoundKernel['collect'] };
  } catch {
    // A runtime that refuses the module (WebAssembly disabled by policy) ranks in JavaScript.
    return null;
  }
}
