/**
 * The linear-algebra rows (lib/torch/linalg.ts): hand-computed values, and for every op a float64
 * reference computed here with plain loops, over contiguous, transposed and narrowed operands and
 * results, in the method, torch.* and result-given forms, for float32 and float64, on the default
 * backend and on js; then the errors. One tape test per op.
 */
import test from 'tape';
import type { Test } from 'tape';
import { Cases, filled, flat, fn, laid, method, throwsWith, type DType, type Layout } from '../helpers/torchCases.js';
import { torch, Tensor, ShapeError, ArgumentError, backend, setBackend } from '../../index.js';

const DTYPES = ['float32', 'float64'] as const;
const LAYOUTS: readonly Layout[] = ['c', 't', 'n'];

/** The backends to run on: the default one and js (the reference), when they differ. */
const BACKENDS = [...new Set([backend().name, 'js'])];

function onBackends(t: Test, body: (be: string) => void): void {
  const start = backend().name;
  try {
    for (const be of BACKENDS) {
      setBackend(be);
      body(be);
    }
  } finally {
    setBackend(start);
  }
  t.pass(`ran on ${BACKENDS.join(', ')}`);
}

// ---- tensors and layouts -------------------------------------------------------------------------

/** Deterministic values, multiples of 1/4 in [-1.5, 1.5]: products and short sums are exact in float32. */


/** A result tensor of `shape` in a layout, holding NaN (products must overwrite it). */
const resultOf = (shape: readonly number[], dtype: DType, layout: Layout): Tensor => laid(Tensor.zeros(shape, dtype).fill(NaN), layout);


function close(x: Tensor, shape: readonly number[], expected: readonly number[], tol: number): boolean {
  if (x.shape.length !== shape.length || x.shape.some((s, i) => s !== shape[i])) return false;
  const a = flat(x);
  return a.length === expected.length && a.every((v, i) => Math.abs(v - expected[i]!) <= tol * (1 + Math.abs(expected[i]!)));
}


// ---- references: plain loops over get() ----------------------------------------------------------

function refMM(a: Tensor, b: Tensor): number[] {
  const [m, k] = a.shape as [number, number], n = b.shape[1]!;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.get(i, p) * b.get(p, j);
      out.push(s);
    }
  }
  return out;
}

function refMV(a: Tensor, v: Tensor): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.shape[0]!; i++) {
    let s = 0;
    for (let p = 0; p < a.shape[1]!; p++) s += a.get(i, p) * v.get(p);
    out.push(s);
  }
  return out;
}

function refBMM(a: Tensor, b: Tensor): number[] {
  const [nb, m, k] = a.shape as [number, number, number], n = b.shape[2]!;
  const out: number[] = [];
  for (let q = 0; q < nb; q++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.get(q, i, p) * b.get(q, p, j);
        out.push(s);
      }
    }
  }
  return out;
}

function refGer(a: Tensor, b: Tensor): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.shape[0]!; i++) for (let j = 0; j < b.shape[0]!; j++) out.push(a.get(i) * b.get(j));
  return out;
}

function refAddBMM(a: Tensor, b: Tensor): number[] {
  const [nb, m, k] = a.shape as [number, number, number], n = b.shape[2]!;
  const out = new Array<number>(m * n).fill(0);
  for (let q = 0; q < nb; q++) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j]! += a.get(q, i, p) * b.get(q, p, j);
  return out;
}

const tolOf = (dtype: DType): number => (dtype === 'float32' ? 1e-5 : 1e-12);

// ---- drivers -------------------------------------------------------------------------------------

interface ProductSpec {
  readonly name: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly out: readonly number[];
  readonly ref: (x: Tensor, y: Tensor) => number[];
}

/** A product's forms over every layout of its operands and result, against the reference. */
function checkProduct(t: Test, s: ProductSpec): void {
  onBackends(t, (be) => {
    for (const dtype of DTYPES) {
      const cases = new Cases();
      const tol = tolOf(dtype);
      for (const lx of LAYOUTS) {
        for (const ly of LAYOUTS) {
          const x = laid(filled(s.xs, dtype, 1), lx), y = laid(filled(s.ys, dtype, 2), ly);
          const want = s.ref(x.to('float64'), y.to('float64'));
          const tag = `${lx}${ly}`;
          const a = fn(s.name)(x, y);
          cases.check(a.dtype === dtype && close(a, s.out, want, tol), `torch.${s.name}(x, y) ${tag}`);
          cases.check(close(method(x, s.name)(y), s.out, want, tol), `x.${s.name}(y) ${tag}`);
          for (const lr of LAYOUTS) {
            const r = resultOf(s.out, dtype, lr);
            const got = method(r, s.name)(x, y);
            cases.check(got === r && close(r, s.out, want, tol), `res.${s.name}(x, y) ${tag}, res ${lr}`);
            const r2 = resultOf(s.out, dtype, lr);
            cases.check(fn(s.name)(r2, x, y) === r2 && close(r2, s.out, want, tol), `torch.${s.name}(res, x, y) ${tag}, res ${lr}`);
          }
        }
      }
      const small = Tensor.zeros([1], dtype);
      method(small, s.name)(filled(s.xs, dtype, 1), filled(s.ys, dtype, 2));
      cases.check(close(small, s.out, s.ref(filled(s.xs, 'float64', 1), filled(s.ys, 'float64', 2)), tol), 'a result of other sizes is resized');
      cases.done(t, `${s.name} ${dtype} on ${be}: every layout and form matches the reference`);
    }
  });
}

interface AddSpec extends ProductSpec {
  /** The shape of M. */
  readonly ms: readonly number[];
}

/** An accumulating row's forms: v1·M + v2·(x y) against the reference, every layout of M, x, y and the result. */
function checkAdd(t: Test, s: AddSpec): void {
  onBackends(t, (be) => {
    for (const dtype of DTYPES) {
      const cases = new Cases();
      const tol = tolOf(dtype);
      for (const lx of LAYOUTS) {
        for (const ly of LAYOUTS) {
          for (const lm of LAYOUTS) {
            const x = laid(filled(s.xs, dtype, 1), lx), y = laid(filled(s.ys, dtype, 2), ly);
            const M0 = filled(s.ms, dtype, 3);
            const mv = flat(M0.to('float64'));
            const p = s.ref(x.to('float64'), y.to('float64'));
            const want = (v1: number, v2: number): number[] => mv.map((m, i) => v1 * m + v2 * p[i]!);
            const M = (): Tensor => laid(M0, lm);
            const tag = `x ${lx}, y ${ly}, M ${lm}`;
            const inPlace = (label: string, v1: number, v2: number, call: (m: Tensor) => Tensor): void => {
              const m = M();
              const got = call(m);
              cases.check(got === m && close(m, s.out, want(v1, v2), tol), `${label} ${tag}`);
            };
            inPlace(`M.${s.name}(x, y)`, 1, 1, (m) => method(m, s.name)(x, y));
            inPlace(`M.${s.name}(v2, x, y)`, 1, -2, (m) => method(m, s.name)(-2, x, y));
            inPlace(`M.${s.name}(v1, v2, x, y)`, 0.5, 3, (m) => method(m, s.name)(0.5, 3, x, y));
            const fresh = (label: string, v1: number, v2: number, got: Tensor): void => {
              cases.check(got.dtype === dtype && close(got, s.out, want(v1, v2), tol), `${label} ${tag}`);
            };
            const m = M();
            fresh(`torch.${s.name}(M, x, y)`, 1, 1, fn(s.name)(m, x, y));
            fresh(`torch.${s.name}(v1, M, x, y)`, 2, 1, fn(s.name)(2, m, x, y));
            fresh(`torch.${s.name}(M, v2, x, y)`, 1, 0.25, fn(s.name)(m, 0.25, x, y));
            fresh(`torch.${s.name}(v1, M, v2, x, y)`, -1, 2, fn(s.name)(-1, m, 2, x, y));
            cases.check(close(m, s.ms, mv, 0), `torch.${s.name} leaves M alone ${tag}`);
            for (const lr of LAYOUTS) {
              const into = (label: string, v1: number, v2: number, call: (r: Tensor) => Tensor): void => {
                const r = resultOf(s.out, dtype, lr);
                const got = call(r);
                cases.check(got === r && close(r, s.out, want(v1, v2), tol), `${label} ${tag}, res ${lr}`);
              };
              into(`res.${s.name}(M, x, y)`, 1, 1, (r) => method(r, s.name)(m, x, y));
              into(`res.${s.name}(v1, M, x, y)`, 3, 1, (r) => method(r, s.name)(3, m, x, y));
              into(`res.${s.name}(M, v2, x, y)`, 1, 2, (r) => method(r, s.name)(m, 2, x, y));
              into(`res.${s.name}(v1, M, v2, x, y)`, 0, 2, (r) => method(r, s.name)(0, m, 2, x, y));
              into(`torch.${s.name}(res, M, x, y)`, 1, 1, (r) => fn(s.name)(r, m, x, y));
              into(`torch.${s.name}(res, v1, M, v2, x, y)`, 2, -1, (r) => fn(s.name)(r, 2, m, -1, x, y));
            }
          }
        }
      }
      // beta 0 ignores M's old contents, NaN included (as BLAS and Torch)
      const nan = Tensor.zeros(s.ms, dtype).fill(NaN);
      const x = filled(s.xs, dtype, 1), y = filled(s.ys, dtype, 2);
      method(nan, s.name)(0, 1, x, y);
      cases.check(close(nan, s.out, s.ref(x.to('float64'), y.to('float64')), tol), `M.${s.name}(0, 1, x, y) ignores NaN in M`);
      cases.done(t, `${s.name} ${dtype} on ${be}: every layout and form matches the reference`);
    }
  });
  throwsWith(t, () => fn(s.name)(0, 1, filled(s.xs, 'float32', 1), filled(s.ys, 'float32', 2)), ArgumentError, [`torch.${s.name}`], `torch.${s.name}(v1, v2, x, y) has no M`);
}

/** Spies on the backend's gemm: the trans flags and whether B was passed without a copy. */
function spyGemm<R>(body: () => R): { result: R; calls: { transA: boolean; transB: boolean; A: Tensor; B: Tensor }[] } {
  const be = backend();
  const orig = be.gemm;
  const calls: { transA: boolean; transB: boolean; A: Tensor; B: Tensor }[] = [];
  be.gemm = (C, A, B, m, n, k, transA, transB, alpha, beta) => {
    calls.push({ transA, transB, A, B });
    return orig(C, A, B, m, n, k, transA, transB, alpha, beta);
  };
  try {
    return { result: body(), calls };
  } finally {
    be.gemm = orig;
  }
}

const F = (rows: number[][], dtype: DType = 'float32'): Tensor => Tensor.from(rows.flat(), [rows.length, rows[0]!.length], dtype);
const V = (v: number[], dtype: DType = 'float32'): Tensor => Tensor.from(v, [v.length], dtype);

// ---- the ops ---------------------------------------------------------------------------------------

test('dot', (t) => {
  const x = V([1, 2, 3]), y = V([4, -5, 6]);
  t.equal(x.dot(y), 12, 'x.dot(y) by hand');
  t.equal(torch.dot(x, y), 12, 'torch.dot(x, y) by hand');
  t.equal(torch.dot(F([[1, 2], [3, 4]]), V([1, 1, 1, 1])), 10, 'any sizes with the same number of elements');
  t.equal(torch.dot(torch.LongTensor([1, 2]), torch.LongTensor([3, 4])), 11, 'LongTensor');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    for (const la of LAYOUTS) {
      for (const lb of LAYOUTS) {
        const a = laid(filled([4, 5], dtype, 1), la), b = laid(filled([4, 5], dtype, 2), lb);
        let want = 0;
        for (let i = 0; i < 4; i++) for (let j = 0; j < 5; j++) want += a.get(i, j) * b.get(i, j);
        cases.check(Math.abs(a.dot(b) - want) < 1e-9 && Math.abs(torch.dot(a, b) - want) < 1e-9, `${dtype} ${la}${lb}`);
      }
    }
  }
  cases.done(t, 'dot over layouts and types matches the reference');
  throwsWith(t, () => torch.dot(V([1, 2, 3]), V([1, 2])), ShapeError, ['torch.dot', '[3]', '[2]'], 'size mismatch');
  throwsWith(t, () => torch.dot(V([1, 2]), V([1, 2], 'float64')), ArgumentError, ['torch.dot', 'torch.FloatTensor', 'torch.DoubleTensor'], 'type mix');
  t.end();
});

test('mv', (t) => {
  const a = F([[1, 2, 3], [4, 5, 6]]);
  t.deepEqual(flat(a.mv(V([1, 0, -1]))), [-2, -2], 'a.mv(v) by hand');
  t.deepEqual(flat(torch.mv(a.t(), V([1, 1]))), [5, 7, 9], 'torch.mv(a.t(), v) by hand');
  const r = Tensor.zeros([2]);
  t.equal(r.mv(a, V([1, 1, 1])), r, 'res.mv(a, v) returns res');
  t.deepEqual(flat(r), [6, 15]);
  checkProduct(t, { name: 'mv', xs: [3, 4], ys: [4], out: [3], ref: refMV });
  throwsWith(t, () => torch.mv(a, V([1, 2])), ShapeError, ['torch.mv', '[2, 3]', '[2]'], 'size mismatch');
  throwsWith(t, () => torch.mv(a, a), ShapeError, ['torch.mv', '[2, 3] and [2, 3]'], 'a matrix as the vector');
  throwsWith(t, () => torch.mv(a, V([1, 2, 3], 'float64')), ArgumentError, ['torch.FloatTensor', 'torch.DoubleTensor'], 'type mix');
  t.end();
});

test('mm', (t) => {
  const a = F([[1, 2, 3], [4, 5, 6]]), b = F([[1, 0], [0, 1], [1, 1]]);
  t.deepEqual(flat(a.mm(b)), [4, 5, 10, 11], 'a.mm(b) by hand');
  t.deepEqual(flat(torch.mm(a, a.t())), [14, 32, 32, 77], 'torch.mm(a, a.t()) by hand');
  t.deepEqual(flat(torch.mm(a.t(), a)), [17, 22, 27, 22, 29, 36, 27, 36, 45], 'torch.mm(a.t(), a) by hand');
  const r = Tensor.zeros([2, 2]);
  t.equal(r.mm(a, b), r, 'res.mm(a, b) returns res');
  t.deepEqual(flat(r), [4, 5, 10, 11]);
  t.equal(torch.mm(r, b.t(), a.t()), r, 'torch.mm(res, a, b) returns res');
  t.deepEqual(flat(r), [4, 10, 5, 11]);
  const sq = F([[1, 2], [3, 4]]);
  t.deepEqual(flat(sq.mm(sq, sq)), [7, 10, 15, 22], 'res.mm(res, res): operands sharing the result are read before it is written');
  const big = F([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  t.deepEqual(flat(big.mm(big.narrow(0, 0, 2).narrow(1, 0, 2), F([[1, 0], [0, 1]]))), [1, 2, 4, 5], 'res.mm(view of res, b): resized res, operand read first');
  checkProduct(t, { name: 'mm', xs: [3, 4], ys: [4, 5], out: [3, 5], ref: refMM });
  // the b.t() fast path: gemm gets b's own storage with the trans flag, no copy
  const x = filled([6, 7], 'float32', 1), w = filled([5, 7], 'float32', 2);
  const { result, calls } = spyGemm(() => x.mm(w.t()));
  t.ok(calls.length === 1 && calls[0]!.transB && !calls[0]!.transA && calls[0]!.B.storage === w.storage, 'x.mm(w.t()) passes w with transB (no copy)');
  t.ok(close(result, [6, 5], refMM(x.to('float64'), w.t().to('float64')), 1e-5), 'and the values are right');
  const tA = spyGemm(() => x.t().mm(x)).calls;
  t.ok(tA.length === 1 && tA[0]!.transA && tA[0]!.A.storage === x.storage, 'x.t().mm(x) passes x with transA (no copy)');
  // integer types run the js gemm on their typed arrays
  for (const dtype of ['long', 'int32', 'uint8'] as const) {
    const p = Tensor.from([1, 2, 3, 4, 5, 6], [2, 3], dtype), q = Tensor.from([7, 8, 9, 10, 11, 12], [3, 2], dtype);
    const want = dtype === 'uint8' ? [58, 64, 139, 154].map((v) => v % 256) : [58, 64, 139, 154];
    const got = p.mm(q);
    t.ok(got.dtype === dtype && flat(got).join() === want.join(), `${dtype} mm: ${flat(got)}`);
    const viaT = torch.mm(p, Tensor.from([7, 9, 11, 8, 10, 12], [2, 3], dtype).t());
    t.deepEqual(flat(viaT), want, `${dtype} mm with a transposed operand`);
  }
  throwsWith(t, () => torch.mm(F([[1, 2, 3], [4, 5, 6]]), filled([4, 5], 'float32', 0)), ShapeError, ['torch.mm: expected [m, k] × [k, n], got [2, 3] and [4, 5]'], 'size mismatch');
  throwsWith(t, () => torch.mm(a, V([1, 2, 3])), ShapeError, ['torch.mm', '[2, 3] and [3]'], 'a vector');
  throwsWith(t, () => torch.mm(a, b.double()), ArgumentError, ['torch.mm', 'torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  throwsWith(t, () => Tensor.zeros([2, 2], 'float64').mm(a, b), ArgumentError, ['torch.DoubleTensor', 'torch.FloatTensor'], 'a result of another type');
  t.end();
});

test('bmm', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 1, 0, 0, 1], [2, 2, 2]), b = Tensor.from([1, 1, 0, 1, 2, 3, 4, 5], [2, 2, 2]);
  t.deepEqual(flat(a.bmm(b)), [1, 3, 3, 7, 2, 3, 4, 5], 'a.bmm(b) by hand');
  t.deepEqual(flat(torch.bmm(a, b.transpose(1, 2))), [3, 2, 7, 4, 2, 4, 3, 5], 'torch.bmm(a, b transposed) by hand');
  const r = Tensor.zeros([2, 2, 2]);
  t.equal(r.bmm(a, b), r, 'res.bmm(a, b) returns res');
  checkProduct(t, { name: 'bmm', xs: [3, 2, 4], ys: [3, 4, 5], out: [3, 2, 5], ref: refBMM });
  throwsWith(t, () => torch.bmm(filled([2, 3, 4], 'float32', 1), filled([3, 4, 5], 'float32', 1)), ShapeError, ['torch.bmm', '[2, 3, 4] and [3, 4, 5]'], 'batch mismatch');
  throwsWith(t, () => torch.bmm(filled([2, 3, 4], 'float32', 1), filled([2, 3, 5], 'float32', 1)), ShapeError, ['torch.bmm', '[2, 3, 4] and [2, 3, 5]'], 'inner mismatch');
  throwsWith(t, () => torch.bmm(a, b.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

test('ger', (t) => {
  const u = V([1, 2]), v = V([3, 4, 5]);
  t.deepEqual(flat(u.ger(v)), [3, 4, 5, 6, 8, 10], 'u.ger(v) by hand');
  t.deepEqual(torch.ger(u, v).shape, [2, 3]);
  const r = Tensor.zeros([3, 2]);
  t.equal(torch.ger(r, v, u), r, 'torch.ger(res, v, u) returns res');
  t.deepEqual(flat(r), [3, 6, 4, 8, 5, 10]);
  checkProduct(t, { name: 'ger', xs: [4], ys: [5], out: [4, 5], ref: refGer });
  throwsWith(t, () => torch.ger(u, F([[1, 2]])), ShapeError, ['torch.ger', '[2] and [1, 2]'], 'a matrix');
  throwsWith(t, () => torch.ger(u, v.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

test('addmv', (t) => {
  const M = V([1, 1]), a = F([[1, 2, 3], [4, 5, 6]]), v = V([1, 0, -1]);
  t.deepEqual(flat(M.addmv(a, v)), [-1, -1], 'M.addmv(mat, vec) in place, by hand');
  t.deepEqual(flat(M), [-1, -1]);
  t.deepEqual(flat(torch.addmv(2, V([1, 1]), 3, a, v)), [-4, -4], 'torch.addmv(v1, M, v2, mat, vec)');
  checkAdd(t, { name: 'addmv', ms: [3], xs: [3, 4], ys: [4], out: [3], ref: refMV });
  throwsWith(t, () => torch.addmv(V([1, 1, 1]), a, v), ShapeError, ['torch.addmv', '[3], [2, 3] and [3]'], 'M of the wrong size');
  throwsWith(t, () => torch.addmv(V([1, 1]), a, V([1, 1])), ShapeError, ['torch.addmv', '[2, 3] and [2]'], 'vec of the wrong size');
  throwsWith(t, () => torch.addmv(V([1, 1], 'float64'), a, v), ArgumentError, ['torch.DoubleTensor and torch.FloatTensor'], 'type mix');
  t.end();
});

test('addmm', (t) => {
  const a = F([[1, 2, 3], [4, 5, 6]]), b = F([[1, 0], [0, 1], [1, 1]]);
  const M = F([[1, 1], [1, 1]]);
  t.equal(M.addmm(a, b), M, 'M.addmm(m1, m2) returns M');
  t.deepEqual(flat(M), [5, 6, 11, 12], 'M += m1·m2');
  M.addmm(0.5, a, b);
  t.deepEqual(flat(M), [7, 8.5, 16, 17.5], 'M.addmm(v2, m1, m2): M += v2·m1·m2 (nn Linear accGradParameters)');
  M.addmm(0, 1, a, b);
  t.deepEqual(flat(M), [4, 5, 10, 11], 'M.addmm(0, 1, m1, m2): Torch\'s second method form (nn Linear updateGradInput)');
  const r = Tensor.zeros([2, 2]);
  t.deepEqual(flat(r.addmm(2, F([[1, 1], [1, 1]]), 3, a, b)), [14, 17, 32, 35], 'res.addmm(v1, M, v2, m1, m2) = v1·M + v2·m1·m2');
  t.deepEqual(flat(torch.addmm(F([[1, 0], [0, 1]]), a, b)), [5, 5, 10, 12], 'torch.addmm(M, m1, m2) new');
  // nn.Linear's forward: output:addmm(0, output, 1, input, weight:t()) with a NaN-filled output
  const out = Tensor.zeros([2, 2]).fill(NaN), w = F([[1, 2, 3], [0, 1, 0]]);
  out.addmm(0, out, 1, a, w.t());
  t.deepEqual(flat(out), [14, 2, 32, 5], 'out.addmm(0, out, 1, x, w.t()) ignores NaN');
  const sq = F([[1, 2], [3, 4]]);
  t.deepEqual(flat(sq.addmm(sq, sq)), [8, 12, 18, 26], 'M.addmm(M, M): M + M·M');
  const r2 = Tensor.zeros([2, 2]).fill(NaN);
  t.equal(torch.addmm(r2, 1, F([[1, 1], [1, 1]]), 1, a, b), r2, 'torch.addmm(res, v1, M, v2, m1, m2) returns res');
  t.deepEqual(flat(r2), [5, 6, 11, 12]);
  checkAdd(t, { name: 'addmm', ms: [3, 5], xs: [3, 4], ys: [4, 5], out: [3, 5], ref: refMM });
  throwsWith(t, () => torch.addmm(F([[1, 2, 3]]), a, b), ShapeError, ['torch.addmm', '[1, 3], [2, 3] and [3, 2]'], 'M of the wrong size');
  throwsWith(t, () => torch.addmm(M, a, a), ShapeError, ['torch.addmm', '[2, 3] and [2, 3]'], 'product size mismatch');
  throwsWith(t, () => M.addmm(a, b.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

test('addr', (t) => {
  const M = F([[1, 1, 1], [1, 1, 1]]), u = V([1, 2]), v = V([3, 4, 5]);
  t.equal(M.addr(u, v), M, 'M.addr(u, v) returns M');
  t.deepEqual(flat(M), [4, 5, 6, 7, 9, 11], 'M += u ⊗ v');
  t.deepEqual(flat(torch.addr(0, M, 2, u, v)), [6, 8, 10, 12, 16, 20], 'torch.addr(v1, M, v2, u, v)');
  checkAdd(t, { name: 'addr', ms: [4, 5], xs: [4], ys: [5], out: [4, 5], ref: refGer });
  throwsWith(t, () => torch.addr(M, v, u), ShapeError, ['torch.addr', '[2, 3], [3] and [2]'], 'M of the wrong size');
  throwsWith(t, () => M.addr(u, v.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

test('addbmm', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 1, 0, 0, 1], [2, 2, 2]), b = Tensor.from([1, 1, 0, 1, 2, 3, 4, 5], [2, 2, 2]);
  const M = F([[1, 0], [0, 1]]);
  t.deepEqual(flat(M.addbmm(a, b)), [4, 6, 7, 13], 'M += Σ b1[i]·b2[i], by hand');
  t.deepEqual(flat(torch.addbmm(2, F([[1, 0], [0, 1]]), -1, a, b)), [-1, -6, -7, -10], 'torch.addbmm(v1, M, v2, b1, b2)');
  const empty = F([[1, 2], [3, 4]]);
  empty.addbmm(3, 1, Tensor.zeros([0, 2, 2]), Tensor.zeros([0, 2, 2]));
  t.deepEqual(flat(empty), [3, 6, 9, 12], 'no batches: v1·M');
  checkAdd(t, { name: 'addbmm', ms: [2, 5], xs: [3, 2, 4], ys: [3, 4, 5], out: [2, 5], ref: refAddBMM });
  throwsWith(t, () => torch.addbmm(F([[1, 2]]), a, b), ShapeError, ['torch.addbmm', '[1, 2], [2, 2, 2] and [2, 2, 2]'], 'M of the wrong size');
  throwsWith(t, () => M.addbmm(a, b.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

test('baddbmm', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 1, 0, 0, 1], [2, 2, 2]), b = Tensor.from([1, 1, 0, 1, 2, 3, 4, 5], [2, 2, 2]);
  const M = Tensor.from([1, 1, 1, 1, 0, 0, 0, 0], [2, 2, 2]);
  t.deepEqual(flat(M.baddbmm(a, b)), [2, 4, 4, 8, 2, 3, 4, 5], 'M[i] += b1[i]·b2[i], by hand');
  t.deepEqual(flat(torch.baddbmm(0.5, M, 2, a, b)), [3, 8, 8, 18, 5, 7.5, 10, 12.5], 'torch.baddbmm(v1, M, v2, b1, b2)');
  checkAdd(t, { name: 'baddbmm', ms: [3, 2, 5], xs: [3, 2, 4], ys: [3, 4, 5], out: [3, 2, 5], ref: refBMM });
  throwsWith(t, () => torch.baddbmm(Tensor.zeros([2, 2, 3]), a, b), ShapeError, ['torch.baddbmm', '[2, 2, 3], [2, 2, 2] and [2, 2, 2]'], 'M of the wrong size');
  throwsWith(t, () => M.baddbmm(a, b.double()), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});
