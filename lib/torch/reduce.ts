/**
 * Reduction, scan and sort rows of the op table: sum, prod, mean, std, var, norm, dist, max, min,
 * cumsum, cumprod, sort, topk, kthvalue, median, mode, all, any.
 *
 * As Torch7 (0-based here): without a dimension, sum/prod/mean/std/var/norm/max/min reduce every
 * element to a number (accumulated in float64, as Torch's accreal); with one, the dimension is kept
 * with size 1 (`x.sum(1)` on 3×4 gives 3×1) and may be negative (from the end). max/min over a
 * dimension and sort/topk/kthvalue/median/mode return `[values, indices]`, the indices a LongTensor
 * of 0-based positions along that dimension; `torch.max(values, indices, x, d)` writes into given
 * tensors. Sums and products of integer tensors stay in the tensor's type; mean, std, var, norm and
 * dist are defined for float types only, as in Torch. Ref: torch7 TensorMath.lua, doc/maths.md,
 * lib/TH/generic/THTensorMath.c.
 */
import { Tensor } from '../Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../errors.js';
import type { DType } from '../Storage.js';
import type { ReduceOp } from '../kernels/KernelTable.js';
import { backend } from '../kernels/backend.js';
import { declareOps, implementOps, type Impl, type Res } from './opTable.js';
import { block, into, isFloat, prepare, sameCount, sameType, withSize } from './util.js';

type T = Tensor;
type Pair = [Tensor, Tensor];

const WHOLE_OR_DIM = { forms: ['t>n', 'tn'], self: 'source' } as const;
const SPREAD = { forms: ['t>n', 'tb>n', 'tn', 'tnb'], self: 'source' } as const;
const ARG = { forms: ['t>n', 'tn>P'], self: 'source', nRes: 2 } as const;
const SCAN = { forms: ['t', 'tn'], self: 'source' } as const;
const PER_DIM = { forms: ['t>P', 'tn>P'], self: 'source', nRes: 2 } as const;
const LOGICAL = { forms: ['t>b'], self: 'source', full: false } as const;

export const reduceDecls = declareOps({
  sum: { ...WHOLE_OR_DIM, doc: '`sum()`: Σ of all elements, a number; `sum(dim)`: Σ over dim (0-based, negative from the end), kept with size 1; integer types stay in their type' },
  prod: { ...WHOLE_OR_DIM, doc: '`prod()`: the product of all elements, a number; `prod(dim)`: over dim (0-based), kept with size 1; integer types stay in their type' },
  mean: { ...WHOLE_OR_DIM, doc: '`mean()`: the mean of all elements, a number; `mean(dim)`: over dim (0-based), kept with size 1; float types only (as Torch)' },
  std: { ...SPREAD, doc: '`std(biased?)`: the standard deviation of all elements, a number; `std(dim, biased?)`: over dim (0-based), kept with size 1; divides by n − 1 unless biased is true (then by n), as Torch; float types only' },
  var: { ...SPREAD, doc: '`var(biased?)`: the variance of all elements, a number; `var(dim, biased?)`: over dim (0-based), kept with size 1; divides by n − 1 unless biased is true (then by n), as Torch; float types only' },
  norm: { forms: ['t>n', 'tn>n', 'tnn'], self: 'source', doc: '`norm(p = 2)`: the p-norm of all elements, a number; `norm(p, dim)`: over dim (0-based), kept with size 1; p = 0 counts the nonzeros, p = Infinity takes the largest |x|; float types only' },
  dist: { forms: ['tt>n', 'ttn>n'], self: 'source', full: false, doc: '`x.dist(y, p = 2)`: the p-norm of x − y (same number of elements), a number; float types only' },
  max: { ...ARG, doc: '`max()`: the largest element, a number; `max(dim)`: [values, indices] over dim (0-based), kept with size 1, the LongTensor indices 0-based (the first maximum); NaN counts as the largest' },
  min: { ...ARG, doc: '`min()`: the smallest element, a number; `min(dim)`: [values, indices] over dim (0-based), kept with size 1, the LongTensor indices 0-based (the first minimum); NaN wins, as in max' },
  cumsum: { ...SCAN, doc: '`cumsum(dim = 0)`: running sums along dim (0-based; Torch also defaults to the first dimension), same sizes' },
  cumprod: { ...SCAN, doc: '`cumprod(dim = 0)`: running products along dim (0-based; Torch also defaults to the first dimension), same sizes' },
  sort: { forms: ['t>P', 'tn>P', 'tb>P', 'tnb>P'], self: 'source', nRes: 2, doc: '`sort(dim = last, descending = false)` (or `sort(descending)`): [values, indices] along dim (0-based), the LongTensor indices 0-based positions in x; stable (ties keep their order), NaN last' },
  topk: { forms: ['t>P', 'tn>P', 'tnn>P', 'tnb>P', 'tnnb>P', 'tnbb>P', 'tnnbb>P'], self: 'source', nRes: 2, doc: '`topk(k = 1, dim = last, dir = false, sorted)`: [values, indices] of the k smallest along dim (0-based), or the k largest when dir is true, always sorted (smallest or largest first; Torch leaves unsorted order open), ties in index order, NaN last; indices 0-based' },
  kthvalue: { forms: ['tn>P', 'tnn>P'], self: 'source', nRes: 2, doc: '`kthvalue(k, dim = last)`: [values, indices] of the k-th smallest along dim (0-based), kept with size 1; k is a rank counted from 1 (as Torch and PyTorch), the indices 0-based; ties in index order, NaN last' },
  median: { ...PER_DIM, doc: '`median(dim = last)`: [values, indices] of the median along dim (0-based), kept with size 1; for an even count the lower one (the ⌊(n+1)/2⌋-th smallest, as Torch); indices 0-based' },
  mode: { ...PER_DIM, doc: '`mode(dim = last)`: [values, indices] of the most frequent value along dim (0-based), kept with size 1; on ties the smallest value (as Torch); the index (0-based) of its last occurrence' },
  all: { ...LOGICAL, doc: 'ByteTensor only: true when every element is nonzero (true for an empty tensor)' },
  any: { ...LOGICAL, doc: 'ByteTensor only: true when some element is nonzero (false for an empty tensor)' },
});

// ---- checks and results ------------------------------------------------------------------------

/** Torch defines mean, std, var, norm and dist for FloatTensor and DoubleTensor only. */
function floatOnly(where: string, x: T): void {
  if (!isFloat(x)) throw new ArgumentError(`${where}: expected a torch.FloatTensor or torch.DoubleTensor (Torch defines it for float types only), got ${x.type()}`);
}

/** The all-elements forms return a number: a result tensor given to them would silently stay unwritten. */
function noResult(where: string, res: Res): void {
  if (res !== null) throw new ArgumentError(`${where}: over all elements the result is a number; a result tensor is taken only with a dimension`);
}

function nonEmpty(where: string, x: T, n: number, d?: number): void {
  if (n === 0) throw new ShapeError(`${where}: expected a non-empty ${d === undefined ? 'tensor' : `dimension ${d}`}, got ${shapeStr(x.shape)}`);
}

/** The contiguous input of a kernel: a copy when a result tensor shares x's storage (Torch's `torch.sum(x, x, 0)`). */
function sourceOf(x: T, res: Res): T {
  const outs = res === null ? [] : res instanceof Tensor ? [res] : res;
  return outs.some((r) => r.storage === x.storage) ? x.clone() : x.contiguous();
}

/** The [values, indices] results: the given pair resized (values of x's type, indices long), or new ones. */
function pair(where: string, res: Res, shape: readonly number[], dtype: DType): Pair {
  if (res === null) return [Tensor.zeros(shape, dtype), Tensor.zeros(shape, 'long')];
  if (res instanceof Tensor) return [prepare(where, res, shape, dtype), Tensor.zeros(shape, 'long')];
  return [prepare(where, res[0], shape, dtype), prepare(where, res[1], shape, 'long')];
}

/** `into` for two outputs: the kernel writes contiguous tensors, copied back into strided results. */
function into2(values: T, indices: T, kernel: (v: T, i: T) => void): Pair {
  const v = values.isContiguous() ? values : Tensor.zeros(values.shape, values.dtype);
  const i = indices.isContiguous() ? indices : Tensor.zeros(indices.shape, indices.dtype);
  kernel(v, i);
  if (v !== values) values.copy(v);
  if (i !== indices) indices.copy(i);
  return [values, indices];
}

/** Copies computed values and indices into the results (given or new). */
function deliver(where: string, res: Res, values: T, indices: T): Pair {
  const [v, i] = pair(where, res, values.shape, values.dtype);
  v.copy(values);
  i.copy(indices);
  return [v, i];
}

// ---- kernels' callers ---------------------------------------------------------------------------

/** op over every element, as a number (a float64 accumulator, as Torch's accreal). */
function reduceAll(x: T, op: ReduceOp, p: number): number {
  const out = Tensor.zeros([1], 'float64');
  backend().reduceDim(out, x.contiguous(), 1, x.numel(), 1, op, p);
  return out.toArray()[0]!;
}

/** op over dimension `dim`, kept with size 1, into res (of x's type) or a new tensor. */
function reduceAlong(where: string, res: Res, x: T, dim: number, op: ReduceOp, p: number): T {
  const d = x.checkDim(where, dim);
  const shape = x.shape.slice();
  const { outer, n, inner } = block(shape, d);
  const src = sourceOf(x, res);
  const out = prepare(where, res, withSize(shape, d, 1), x.dtype);
  return into(out, (o) => backend().reduceDim(o, src, outer, n, inner, op, p));
}

/** x sorted along d into new contiguous values and indices. */
function sortedAlong(x: T, d: number, descending: boolean): Pair {
  const { outer, n, inner } = block(x.shape, d);
  const v = Tensor.zeros(x.shape, x.dtype), i = Tensor.zeros(x.shape, 'long');
  backend().sortDim(v, i, x.contiguous(), outer, n, inner, descending);
  return [v, i];
}

/** The k-th smallest (k a 0-based position in sorted order) along d, kept with size 1. */
function kth(where: string, res: Res, x: T, d: number, k: number): Pair {
  const [v, i] = sortedAlong(x, d, false);
  return deliver(where, res, v.narrow(d, k, 1), i.narrow(d, k, 1));
}

// ---- implementations ----------------------------------------------------------------------------

const plain = (op: 'sum' | 'prod' | 'mean'): Impl => (res: Res, x: T, dim?: number) => {
  const where = `torch.${op}`;
  if (op === 'mean') floatOnly(where, x);
  if (dim === undefined) {
    noResult(where, res);
    return reduceAll(x, op, 0);
  }
  return reduceAlong(where, res, x, dim, op, 0);
};

/** std and var: the kernel's p is 1 for Torch's default (unbiased, n − 1) and 0 for biased (n). */
const spread = (op: 'std' | 'var'): Impl => (res: Res, x: T, a?: number | boolean, biased?: boolean) => {
  const where = `torch.${op}`;
  floatOnly(where, x);
  if (typeof a === 'number') return reduceAlong(where, res, x, a, op, biased ? 0 : 1);
  noResult(where, res);
  return reduceAll(x, op, a ? 0 : 1);
};

const extreme = (op: 'max' | 'min'): Impl => (res: Res, x: T, dim?: number) => {
  const where = `torch.${op}`;
  if (dim === undefined) {
    noResult(where, res);
    nonEmpty(where, x, x.numel());
    return reduceAll(x, op, 0);
  }
  const d = x.checkDim(where, dim);
  const shape = x.shape.slice();
  const { outer, n, inner } = block(shape, d);
  nonEmpty(where, x, n, d);
  const src = sourceOf(x, res);
  const [v, i] = pair(where, res, withSize(shape, d, 1), x.dtype);
  return into2(v, i, (vo, io) => backend().argReduceDim(vo, io, src, outer, n, inner, op === 'max'));
};

const scan = (op: 'cumsum' | 'cumprod'): Impl => (res: Res, x: T, dim = 0) => {
  const where = `torch.${op}`;
  const d = x.checkDim(where, dim);
  const shape = x.shape.slice();
  const { outer, n, inner } = block(shape, d);
  const src = sourceOf(x, res);
  const out = prepare(where, res, shape, x.dtype);
  return into(out, (o) => backend().scanDim(o, src, outer, n, inner, op === 'cumprod'));
};

const logical = (op: 'all' | 'any'): Impl => (_res: Res, x: T) => {
  if (x.dtype !== 'uint8') throw new ArgumentError(`Tensor.${op}: expected a torch.ByteTensor (a mask, as Torch), got ${x.type()}`);
  return reduceAll(x, op, 0) !== 0;
};

function checkRank(where: string, k: number, d: number, n: number): void {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new ArgumentError(`${where}: k = ${k} out of range for dimension ${d} of size ${n} (expected 1 ≤ k ≤ ${n})`);
}

export const reduceImpls = implementOps(reduceDecls, {
  sum: plain('sum'),
  prod: plain('prod'),
  mean: plain('mean'),
  std: spread('std'),
  var: spread('var'),
  norm: (res: Res, x: T, p = 2, dim?: number) => {
    floatOnly('torch.norm', x);
    if (dim !== undefined) return reduceAlong('torch.norm', res, x, dim, 'norm', p);
    noResult('torch.norm', res);
    return reduceAll(x, 'norm', p);
  },
  dist: (res: Res, x: T, y: T, p = 2) => {
    floatOnly('torch.dist', x);
    sameType('torch.dist', x, y);
    sameCount('torch.dist', x, y);
    noResult('torch.dist', res);
    const a = x.contiguous().to('float64'), b = y.contiguous().to('float64');
    const diff = Tensor.zeros(a.shape, 'float64');
    backend().binary(diff, a, b, 'add', -1);
    return reduceAll(diff, 'norm', p);
  },
  max: extreme('max'),
  min: extreme('min'),
  cumsum: scan('cumsum'),
  cumprod: scan('cumprod'),
  sort: (res: Res, x: T, a?: number | boolean, b?: boolean) => {
    const where = 'torch.sort';
    const [dim, descending] = typeof a === 'boolean' ? [-1, a] : [a ?? -1, b ?? false];
    const d = x.checkDim(where, dim);
    const shape = x.shape.slice();
    const { outer, n, inner } = block(shape, d);
    const src = sourceOf(x, res);
    const [v, i] = pair(where, res, shape, x.dtype);
    return into2(v, i, (vo, io) => backend().sortDim(vo, io, src, outer, n, inner, descending));
  },
  topk: (res: Res, x: T, k = 1, a?: number | boolean, b?: boolean) => {
    const where = 'torch.topk';
    // (k, dim, dir, sorted) or (k, dir, sorted): the results are sorted either way
    const [dim, dir] = typeof a === 'boolean' ? [-1, a] : [a ?? -1, b ?? false];
    const d = x.checkDim(where, dim);
    checkRank(where, k, d, x.shape[d]!);
    const [v, i] = sortedAlong(x, d, dir);
    return deliver(where, res, v.narrow(d, 0, k), i.narrow(d, 0, k));
  },
  kthvalue: (res: Res, x: T, k: number, dim = -1) => {
    const d = x.checkDim('torch.kthvalue', dim);
    checkRank('torch.kthvalue', k, d, x.shape[d]!);
    return kth('torch.kthvalue', res, x, d, k - 1);
  },
  median: (res: Res, x: T, dim = -1) => {
    const d = x.checkDim('torch.median', dim);
    const n = x.shape[d]!;
    nonEmpty('torch.median', x, n, d);
    return kth('torch.median', res, x, d, (n - 1) >> 1);
  },
  mode: (res: Res, x: T, dim = -1) => {
    const where = 'torch.mode';
    const d = x.checkDim(where, dim);
    const shape = x.shape.slice();
    const { outer, n, inner } = block(shape, d);
    nonEmpty(where, x, n, d);
    const [sv, si] = sortedAlong(x, d, false);
    const vals = sv.toArray(), idx = si.toArray();
    const modes = new Float64Array(outer * inner), at = new Float64Array(outer * inner);
    // Torch's scan of the ascending sort: the first longest run wins (so the smallest value on ties),
    // reported at its last element (with a stable sort: the value's last occurrence)
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * n * inner + j;
        let best = 0, run = 0;
        for (let k = 0; k < n; k++) {
          const p = base + k * inner;
          run++;
          if (k === n - 1 || vals[p] !== vals[p + inner]) {
            if (run > best) {
              best = run;
              modes[o * inner + j] = vals[p]!;
              at[o * inner + j] = idx[p]!;
            }
            run = 0;
          }
        }
      }
    }
    const out = withSize(shape, d, 1);
    return deliver(where, res, Tensor.from(modes, out, x.dtype), Tensor.from(at, out, 'long'));
  },
  all: logical('all'),
  any: logical('any'),
});
