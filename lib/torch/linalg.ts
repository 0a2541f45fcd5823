/**
 * Linear-algebra rows of the op table: `dot` (a number), the products `mv`, `mm`, `bmm`, `ger`
 * (`res.mm(a, b)` into res, `a.mm(b)` and `torch.mm(a, b)` new) and Torch's accumulating forms
 * `addmv`, `addmm`, `addr`, `addbmm`, `baddbmm`: res = v1·M + v2·(product), with M defaulting to
 * the tensor itself in the method's short forms (`M.addmm(m1, m2)`, `M.addmm(v2, m1, m2)`, and
 * `M.addmm(v1, v2, m1, m2)` = v1·M + v2·m1·m2, as nn's Linear calls them). Every product runs on
 * the gemm kernel; a transposed contiguous operand (`b.t()`) goes in with gemm's trans flag instead
 * of being copied. Operands share a type (an error names both); mismatched sizes are a ShapeError
 * naming the op and every shape. Ref: torch7 TensorMath.lua, doc/maths.md.
 */
import { Tensor } from '../Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../errors.js';
import { borrow, contiguousTemp, giveBack, release } from './scratch.js';
import { backend } from '../kernels/backend.js';
import { gemm as jsGemm } from '../kernels/js/gemm.js';
import type { DType } from '../Storage.js';
import { declareOps, implementOps, type Impl, type Res } from './opTable.js';
import { isFloat, one, prepare, sameCount, sameType } from './util.js';

type T = Tensor;
/** A product: `res.op(a, b)` into res; `a.op(b)` and `torch.op(a, b)` new. */
const PRODUCT = { forms: ['tt'], self: 'source' } as const;
/**
 * Torch's (v1, M, v2, x, y) with v1 and v2 optional: the full forms M x y, v1 M x y, M v2 x y,
 * v1 M v2 x y give the short forms `M.op(x, y)` and `M.op(v2, x, y)`; `M.op(v1, v2, x, y)`
 * (Torch's second method variant) is v1·M + v2·(x y) with M the tensor itself.
 */
const ADD = { forms: ['ttt', 'nttt', 'tntt', 'ntntt', 'nntt'], self: 'result' } as const;

export const linalgDecls = declareOps({
  dot: { forms: ['tt>n'], self: 'source', full: false, doc: 'Σ x ⊙ y over all elements (same number of elements, any sizes): a number' },
  mv: { ...PRODUCT, doc: 'matrix × vector: [m, k] · [k] → [m]' },
  mm: { ...PRODUCT, doc: 'matrix product: [m, k] · [k, n] → [m, n]' },
  bmm: { ...PRODUCT, doc: 'batched matrix product: [b, m, k] · [b, k, n] → [b, m, n] (batch along dimension 0)' },
  ger: { ...PRODUCT, doc: 'outer product of two vectors: [m] ⊗ [n] → [m, n]' },
  addmv: { ...ADD, doc: 'v1·M + v2·(mat · vec) for M [m], mat [m, k], vec [k] (v1, v2 default to 1; M to the tensor itself)' },
  addmm: { ...ADD, doc: 'v1·M + v2·(m1 · m2) for M [m, n], m1 [m, k], m2 [k, n] (v1, v2 default to 1; M to the tensor itself)' },
  addr: { ...ADD, doc: 'v1·M + v2·(vec1 ⊗ vec2) for M [m, n], vec1 [m], vec2 [n] (v1, v2 default to 1; M to the tensor itself)' },
  addbmm: { ...ADD, doc: 'v1·M + v2·Σ_i b1[i] · b2[i] for M [m, n], b1 [b, m, k], b2 [b, k, n], summing over dimension 0 (v1, v2 default to 1)' },
  baddbmm: { ...ADD, doc: 'v1·M[i] + v2·(b1[i] · b2[i]) for each i of dimension 0: M [b, m, n], b1 [b, m, k], b2 [b, k, n] (v1, v2 default to 1)' },
});

/** Whether a and b are the same view of the same storage. */
function sameView(a: T, b: T): boolean {
  if (a === b) return true;
  if (a.storage !== b.storage || a.offset !== b.offset || !a.sameShape(b)) return false;
  return a.strides.every((s, i) => s === b.strides[i] || a.shape[i] === 1);
}

/** An operand safe to read after the result is resized and written: a copy when it shares the result's storage. */
function detach(x: T, res: Res): T {
  const r = one(res);
  return r !== null && r.storage === x.storage ? x.clone() : x;
}

interface Operand { readonly t: T; readonly trans: boolean }

/**
 * A matrix as gemm takes it: itself when contiguous; when its transpose is contiguous (a `b.t()`
 * view), that transpose with the trans flag (no copy); else a contiguous copy.
 */
function operand(x: T): Operand {
  if (x.isContiguous()) return { t: x, trans: false };
  const xt = x.t();
  return xt.isContiguous() ? { t: xt, trans: true } : { t: contiguousTemp(x), trans: false };
}

/** c = beta·c (beta 0 ignores the old contents, NaN included). */
function scale(c: T, beta: number): void {
  if (beta === 0) c.fill(0);
  else if (beta !== 1) backend().unary(c, c, 'affine', beta, 0);
}

/**
 * c = alpha·a·b + beta·c for a contiguous c of m × n and matrix views a (m × k), b (k × n).
 * Floating types run on the backend's gemm; integer types on the js gemm, which works on any typed array.
 */
function gemmInto(c: T, a: T, b: T, alpha: number, beta: number): void {
  const m = a.shape[0]!, k = a.shape[1]!, n = b.shape[1]!;
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) return scale(c, beta);
  const A = operand(a), B = operand(b);
  try {
    if (isFloat(c)) backend().gemm(c, A.t, B.t, m, n, k, A.trans, B.trans, alpha, beta);
    else jsGemm(c, A.t, B.t, m, n, k, A.trans, B.trans, alpha, beta);
  } finally {
    if (!A.trans) release([a, A.t]);
    if (!B.trans) release([b, B.t]);
  }
}

/** The parsed arguments of an accumulating row: beta·M + alpha·(x y). */
interface AddArgs { readonly beta: number; readonly M: T; readonly alpha: number; readonly x: T; readonly y: T }

function addArgs(where: string, res: Res, args: readonly (T | number)[]): AddArgs {
  const p = args.map((a) => (typeof a === 'number' ? 'n' : 't')).join('');
  const [a, b, c, d, e] = args;
  switch (p) {
    case 'ttt': return { beta: 1, M: a as T, alpha: 1, x: b as T, y: c as T };
    case 'nttt': return { beta: a as number, M: b as T, alpha: 1, x: c as T, y: d as T };
    case 'tntt': return { beta: 1, M: a as T, alpha: b as number, x: c as T, y: d as T };
    case 'ntntt': return { beta: a as number, M: b as T, alpha: c as number, x: d as T, y: e as T };
    case 'nntt': {
      const r = one(res);
      if (r === null) throw new ArgumentError(`${where}: (v1, v2, x, y) adds to the tensor itself: call it as a method (M.${where.slice(6)}(v1, v2, x, y)) or pass the result first (${where}(M, v1, v2, x, y))`);
      return { beta: a as number, M: r, alpha: b as number, x: c as T, y: d as T };
    }
  }
  throw new ArgumentError(`${where}: unexpected arguments (${p})`);
}

/**
 * The result of shape `shape`: beta·M (when M is given) plus what `body` accumulates into a
 * contiguous tensor c (gemm's C), written through to res when res is a strided view.
 * `body(c, beta)` receives the beta to apply to c's contents (0 when there is no M).
 */
function accumulate(where: string, res: Res, shape: readonly number[], dtype: DType, M: T | null, beta: number, body: (c: T, beta: number) => void): T {
  const r = one(res);
  const isSelf = M !== null && r !== null && sameView(r, M);
  const m = M === null || isSelf ? M : detach(M, res);
  const out = prepare(where, res, shape, dtype);
  const direct = out.isContiguous();
  const c = direct ? out : borrow(shape, dtype);
  try {
    const b = m === null ? 0 : beta;
    if (m !== null && b !== 0 && !(direct && isSelf)) c.copy(m);
    body(c, b);
    if (c !== out) out.copy(c);
  } finally {
    if (c !== out) giveBack(c);
  }
  return out;
}

/** `[2, 3] and [4, 5]`, or `[2, 2], [2, 3] and [4, 5]`. */
function dims(...ts: T[]): string {
  const s = ts.map((t) => shapeStr(t.shape));
  return `${s.slice(0, -1).join(', ')} and ${s[s.length - 1]!}`;
}

function checkMatrices(where: string, x: T, y: T): void {
  sameType(where, x, y);
  if (x.dim() !== 2 || y.dim() !== 2 || x.shape[1] !== y.shape[0]) throw new ShapeError(`${where}: expected [m, k] × [k, n], got ${dims(x, y)}`);
}

function checkMatVec(where: string, x: T, y: T): void {
  sameType(where, x, y);
  if (x.dim() !== 2 || y.dim() !== 1 || x.shape[1] !== y.shape[0]) throw new ShapeError(`${where}: expected [m, k] × [k], got ${dims(x, y)}`);
}

function checkBatches(where: string, x: T, y: T): void {
  sameType(where, x, y);
  if (x.dim() !== 3 || y.dim() !== 3 || x.shape[0] !== y.shape[0] || x.shape[2] !== y.shape[1]) {
    throw new ShapeError(`${where}: expected [b, m, k] × [b, k, n], got ${dims(x, y)}`);
  }
}

function checkVectors(where: string, x: T, y: T): void {
  sameType(where, x, y);
  if (x.dim() !== 1 || y.dim() !== 1) throw new ShapeError(`${where}: expected [m] ⊗ [n], got ${dims(x, y)}`);
}

/** A contiguous vector seen as a matrix of `shape` (for gemm). */
const asMatrix = (v: T, shape: readonly number[]): T => v.contiguous().view(shape.slice());

function checkM(where: string, M: T, x: T, expected: readonly number[], spell: string, y: T): void {
  sameType(where, M, x);
  if (!M.sameShape(expected)) throw new ShapeError(`${where}: expected ${spell}, got ${dims(M, x, y)}`);
}

// ---- the products, as (where, res, M | null, beta, alpha, x, y) --------------------------------

function mvInto(where: string, res: Res, M: T | null, beta: number, alpha: number, mat: T, vec: T): T {
  checkMatVec(where, mat, vec);
  const m = mat.shape[0]!, k = mat.shape[1]!;
  if (M !== null) checkM(where, M, mat, [m], '[m] + [m, k] × [k]', vec);
  const a = detach(mat, res), b = asMatrix(detach(vec, res), [k, 1]);
  return accumulate(where, res, [m], mat.dtype, M, beta, (c, bt) => gemmInto(c.view(m, 1), a, b, alpha, bt));
}

function mmInto(where: string, res: Res, M: T | null, beta: number, alpha: number, x: T, y: T): T {
  checkMatrices(where, x, y);
  const m = x.shape[0]!, n = y.shape[1]!;
  if (M !== null) checkM(where, M, x, [m, n], '[m, n] + [m, k] × [k, n]', y);
  const a = detach(x, res), b = detach(y, res);
  return accumulate(where, res, [m, n], x.dtype, M, beta, (c, bt) => gemmInto(c, a, b, alpha, bt));
}

function rInto(where: string, res: Res, M: T | null, beta: number, alpha: number, x: T, y: T): T {
  checkVectors(where, x, y);
  const m = x.shape[0]!, n = y.shape[0]!;
  if (M !== null) checkM(where, M, x, [m, n], '[m, n] + [m] ⊗ [n]', y);
  const a = asMatrix(detach(x, res), [m, 1]), b = asMatrix(detach(y, res), [1, n]);
  return accumulate(where, res, [m, n], x.dtype, M, beta, (c, bt) => gemmInto(c, a, b, alpha, bt));
}

function bmmInto(where: string, res: Res, M: T | null, beta: number, alpha: number, x: T, y: T): T {
  checkBatches(where, x, y);
  const nb = x.shape[0]!, m = x.shape[1]!, n = y.shape[2]!;
  if (M !== null) checkM(where, M, x, [nb, m, n], '[b, m, n] + [b, m, k] × [b, k, n]', y);
  const a = detach(x, res), b = detach(y, res);
  return accumulate(where, res, [nb, m, n], x.dtype, M, beta, (c, bt) => {
    for (let i = 0; i < nb; i++) gemmInto(c.select(0, i), a.select(0, i), b.select(0, i), alpha, bt);
  });
}

function addbmmInto(where: string, res: Res, M: T, beta: number, alpha: number, x: T, y: T): T {
  checkBatches(where, x, y);
  const nb = x.shape[0]!, m = x.shape[1]!, n = y.shape[2]!;
  checkM(where, M, x, [m, n], '[m, n] + Σ [b, m, k] × [b, k, n]', y);
  const a = detach(x, res), b = detach(y, res);
  return accumulate(where, res, [m, n], x.dtype, M, beta, (c, bt) => {
    if (nb === 0) return scale(c, bt);
    for (let i = 0; i < nb; i++) gemmInto(c, a.select(0, i), b.select(0, i), alpha, i === 0 ? bt : 1);
  });
}

type Product = (where: string, res: Res, M: T | null, beta: number, alpha: number, x: T, y: T) => T;

const product = (name: string, f: Product): Impl => (res: Res, x: T, y: T) => f(`torch.${name}`, res, null, 0, 1, x, y);
const addProduct = (name: string, f: Product): Impl => (res: Res, ...args: (T | number)[]) => {
  const where = `torch.${name}`;
  const { beta, M, alpha, x, y } = addArgs(where, res, args);
  return f(where, res, M, beta, alpha, x, y);
};

export const linalgImpls = implementOps(linalgDecls, {
  dot: (_res: Res, x: T, y: T) => {
    sameType('torch.dot', x, y);
    sameCount('torch.dot', x, y);
    return backend().dot(x.contiguous(), y.contiguous());
  },
  mv: product('mv', mvInto),
  mm: product('mm', mmInto),
  bmm: product('bmm', bmmInto),
  ger: product('ger', rInto),
  addmv: addProduct('addmv', mvInto),
  addmm: addProduct('addmm', mmInto),
  addr: addProduct('addr', rInto),
  addbmm: addProduct('addbmm', (where, res, M, beta, alpha, x, y) => addbmmInto(where, res, M!, beta, alpha, x, y)),
  baddbmm: addProduct('baddbmm', bmmInto),
});
