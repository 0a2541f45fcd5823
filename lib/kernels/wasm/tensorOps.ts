/**
 * The wasm backend's tensor-library kernels (./assembly/tensorPointwise.ts, tensorReduce.ts and
 * tensorSort.ts): unary and binary pointwise math, addcmul, sum/mean/prod/max/min over a dimension,
 * max/min with indices, indexSelect, gather and the sort of contiguous rows, when every float
 * operand is float32 in the wasm heap. Anything else (another dtype, an op or shape without a wasm
 * version) runs the js kernel and is counted.
 * Index tensors ('long': Int32Array on the JavaScript heap) pass through an i32 scratch block.
 */
import type { BinaryOp, KernelTable, ReduceOp, UnaryOp } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';

/** Op codes: an op's position here is its code in ./assembly/tensorPointwise.ts, tensorReduce.ts (keep the order). */
const UNARY_OPS: readonly UnaryOp[] = ['affine', 'divs', 'rsqrt', 'gts', 'lts', 'ges', 'les', 'eqs', 'nes',
  'abs', 'neg', 'sqrt', 'square', 'exp', 'log', 'sigmoid', 'tanh', 'clamp', 'cmaxs', 'cmins', 'floor', 'ceil', 'trunc',
  'round', 'sign', 'frac', 'cinv'];
const BINARY_OPS: readonly BinaryOp[] = ['add', 'lerp', 'cmul', 'cdiv', 'cmax', 'cmin', 'gt', 'lt', 'ge', 'le', 'eq', 'ne'];
const REDUCE_OPS: readonly ReduceOp[] = ['sum', 'mean', 'prod', 'max', 'min'];

/** affine's and add's cases that are one float32 operation, so exact in float32 too (codes past the lists). */
const SCALE = UNARY_OPS.length, SHIFT = SCALE + 1, PLUS = BINARY_OPS.length, MINUS = PLUS + 1;

const codes = <T extends string>(ops: readonly T[]): Map<T, number> => new Map(ops.map((op, i) => [op, i]));
const UNARY_CODES = codes(UNARY_OPS), BINARY_CODES = codes(BINARY_OPS), REDUCE_CODES = codes(REDUCE_OPS);

export interface TensorOpExports {
  unaryF32(op: number, n: number, out: number, x: number, a: number, b: number): void;
  binaryF32(op: number, n: number, out: number, x: number, y: number, a: number): void;
  addcmulF32(n: number, out: number, x: number, v: number, y: number, z: number, div: number): void;
  reduceF32(op: number, out: number, x: number, outer: number, n: number, inner: number, work: number): void;
  argReduceF32(isMax: number, values: number, indices: number, x: number, outer: number, n: number, inner: number): void;
  indexSelectF32(out: number, x: number, index: number, outer: number, n: number, inner: number, m: number): void;
  gatherF32(out: number, x: number, index: number, outer: number, n: number, inner: number, m: number): void;
  sortRowsF32(values: number, indices: number, x: number, outer: number, n: number, descending: number, work: number): void;
}

type TensorOpKernels = Pick<KernelTable, 'unary' | 'binary' | 'addcmul' | 'reduceDim' | 'argReduceDim' | 'indexSelect' | 'gather' | 'sortDim'>;

export interface TensorOpContext {
  k: TensorOpExports;
  /** t's byte address in the heap, or -1 when t is not float32 there. */
  ptr(t: Tensor): number;
  /** A scratch block of at least `floats` 4-byte words (may grow the memory). */
  scratchFor(floats: number): number;
  memory: WebAssembly.Memory;
  js: KernelTable;
  /** Counts a run of the js kernel under `name`. */
  fellBack(name: string): void;
}

export function wasmTensorOps({ k, ptr, scratchFor, memory, js, fellBack }: TensorOpContext): TensorOpKernels {
  /** Copies `count` indices of t (from its offset) as i32 to the heap at byte address `base`; returns base. */
  const indicesIn = (t: Tensor, count: number, base: number): number => {
    new Int32Array(memory.buffer, base, count).set(t.data.subarray(t.offset, t.offset + count));
    return base;
  };
  /** Writes `count` i32 from the heap at `from` into t (any dtype: the typed array converts). */
  const indicesOut = (t: Tensor, from: number, count: number): void => {
    t.data.set(new Int32Array(memory.buffer, from, count), t.offset);
  };

  return {
    unary(out, x, op, a, b) {
      const o = ptr(out), px = ptr(x), code = UNARY_CODES.get(op);
      if (o < 0 || px < 0) fellBack('unary');
      else if (code === undefined) fellBack(`unary.${op}`);
      else {
        const c = op !== 'affine' ? code : b === 0 && Math.fround(a) === a ? SCALE : a === 1 && Math.fround(b) === b ? SHIFT : code;
        return k.unaryF32(c, out.numel(), o, px, a, b);
      }
      js.unary(out, x, op, a, b);
    },
    binary(out, x, y, op, a) {
      const o = ptr(out), px = ptr(x), py = ptr(y), code = BINARY_CODES.get(op);
      if (o < 0 || px < 0 || py < 0) fellBack('binary');
      else if (code === undefined) fellBack(`binary.${op}`);
      else return k.binaryF32(op === 'add' && a === 1 ? PLUS : op === 'add' && a === -1 ? MINUS : code, out.numel(), o, px, py, a);
      js.binary(out, x, y, op, a);
    },
    addcmul(out, x, v, y, z, div) {
      const o = ptr(out), px = ptr(x), py = ptr(y), pz = ptr(z);
      if (o < 0 || px < 0 || py < 0 || pz < 0) {
        fellBack('addcmul');
        return js.addcmul(out, x, v, y, z, div);
      }
      k.addcmulF32(out.numel(), o, px, v, py, pz, div ? 1 : 0);
    },
    reduceDim(out, x, outer, n, inner, op, p) {
      const code = REDUCE_CODES.get(op);
      if (code === undefined) {
        fellBack(`reduceDim.${op}`);
        return js.reduceDim(out, x, outer, n, inner, op, p);
      }
      if (ptr(out) < 0 || ptr(x) < 0) {
        fellBack('reduceDim');
        return js.reduceDim(out, x, outer, n, inner, op, p);
      }
      const work = inner > 1 && code <= 2 ? scratchFor(2 * inner) : 0; // inner f64 accumulators (sum, mean, prod)
      k.reduceF32(code, ptr(out), ptr(x), outer, n, inner, work);
    },
    argReduceDim(values, indices, x, outer, n, inner, isMax) {
      if (n < 1 || ptr(values) < 0 || ptr(x) < 0) {
        fellBack('argReduceDim');
        return js.argReduceDim(values, indices, x, outer, n, inner, isMax);
      }
      const count = outer * inner, idx = scratchFor(count);
      k.argReduceF32(isMax ? 1 : 0, ptr(values), idx, ptr(x), outer, n, inner);
      indicesOut(indices, idx, count);
    },
    indexSelect(out, x, index, outer, n, inner, m) {
      if (ptr(out) < 0 || ptr(x) < 0) {
        fellBack('indexSelect');
        return js.indexSelect(out, x, index, outer, n, inner, m);
      }
      const idx = indicesIn(index, m, scratchFor(m));
      k.indexSelectF32(ptr(out), ptr(x), idx, outer, n, inner, m);
    },
    gather(out, x, index, outer, n, inner, m) {
      if (ptr(out) < 0 || ptr(x) < 0) {
        fellBack('gather');
        return js.gather(out, x, index, outer, n, inner, m);
      }
      const count = outer * m * inner;
      const idx = indicesIn(index, count, scratchFor(count));
      k.gatherF32(ptr(out), ptr(x), idx, outer, n, inner, m);
    },
    sortDim(values, indices, x, outer, n, inner, descending) {
      if (inner !== 1) fellBack('sortDim.inner');
      else if (ptr(values) < 0 || ptr(x) < 0) fellBack('sortDim');
      else {
        // scratch: outer·n i32 indices, then 2n u64 pairs, n floats, 3·2048 counters
        const count = outer * n, base = scratchFor(count + 5 * n + 3 * 2048 + 4);
        const idx = base, work = base + 4 * (count + (count & 1)); // the u64 pairs 8-byte aligned
        k.sortRowsF32(ptr(values), idx, ptr(x), outer, n, descending ? 1 : 0, work);
        return indicesOut(indices, idx, count);
      }
      js.sortDim(values, indices, x, outer, n, inner, descending);
    },
  };
}
