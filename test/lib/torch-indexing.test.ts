/**
 * The indexing rows (lib/torch/indexing.ts), 0-based: hand-computed values, and for every op a
 * float64 reference computed here with plain loops, over contiguous, transposed and narrowed
 * tensors (as operands, as the tensor changed in place, and as results), index tensors of several
 * types and layouts, in the method, torch.* and result-given forms, for float32 and float64; then
 * the errors. One tape test per op.
 */
import test from 'tape';
import type { Test } from 'tape';
import { Cases, filled, flat, fn, laid, method, numel, throwsWith, type DType, type Layout } from '../helpers/torchCases.js';
import { torch, Tensor, ShapeError, ArgumentError } from '../../index.js';

const DTYPES = ['float32', 'float64'] as const;
const LAYOUTS: readonly Layout[] = ['c', 't', 'n'];
const SHAPE = [3, 4, 5] as const;
const DIMS = [0, 1, 2, -1] as const;

// ---- tensors and layouts -------------------------------------------------------------------------


const laidT = (x: Tensor, layout: Layout): Tensor => laid(x, layout, [0, -1]); // the first and last dimensions swapped

/** An index tensor of these values: a LongTensor, an IntTensor, a DoubleTensor of integers, or a strided LongTensor view. */
type IndexKind = 'long' | 'int32' | 'float64' | 'strided';
const INDEX_KINDS: readonly IndexKind[] = ['long', 'int32', 'float64', 'strided'];
function indexOf(values: readonly number[], shape: readonly number[], kind: IndexKind): Tensor {
  if (kind !== 'strided') return Tensor.from(values, shape, kind);
  return laidT(Tensor.from(values, shape, 'long'), 'n');
}


function same(x: Tensor, shape: readonly number[], expected: readonly number[]): boolean {
  if (x.shape.length !== shape.length || x.shape.some((s, i) => s !== shape[i])) return false;
  const a = flat(x);
  return a.length === expected.length && a.every((v, i) => v === expected[i] || Math.abs(v - expected[i]!) < 1e-6);
}

/** All multi-indices of a shape in row-major order. */
function coords(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const s of shape) out = out.flatMap((c) => Array.from({ length: s }, (_, i) => [...c, i]));
  return out;
}
const flatAt = (shape: readonly number[], c: readonly number[]): number => c.reduce((a, ci, k) => a * shape[k]! + ci, 0);
const withAt = (c: readonly number[], d: number, v: number): number[] => c.map((x, k) => (k === d ? v : x));
const dimOf = (d: number): number => (d < 0 ? SHAPE.length + d : d);


const F = (rows: number[][], dtype: DType = 'float32'): Tensor => Tensor.from(rows.flat(), [rows.length, rows[0]!.length], dtype);
const V = (v: number[], dtype: DType = 'float32'): Tensor => Tensor.from(v, [v.length], dtype);
const L = (v: number[]): Tensor => Tensor.from(v, [v.length], 'long');
const L2 = (rows: number[][]): Tensor => Tensor.from(rows.flat(), [rows.length, rows[0]!.length], 'long');

/**
 * A writing row against its reference: in place on x in every layout (`x.op(...args)` and, as
 * every torch.* form, `torch.op(x, ...args)` returns a new tensor), and into a result of every layout
 * (`res.op(x, ...args)`, `torch.op(res, x, ...args)`) with x untouched.
 */
function checkWrite(cases: Cases, name: string, x0: Tensor, args: readonly (Tensor | number)[], want: readonly number[], tag: string): void {
  const before = flat(x0);
  for (const lx of LAYOUTS) {
    const x = laidT(x0, lx);
    cases.check(method(x, name)(...args) === x && same(x, x0.shape, want), `x.${name}(…) in place, x ${lx} ${tag}`);
    const z = laidT(x0, lx);
    const zn = fn(name)(z, ...args);
    cases.check(zn !== z && same(zn, x0.shape, want) && same(z, x0.shape, before), `torch.${name}(x, …) is a new tensor, x ${lx} untouched ${tag}`);
    const y = laidT(x0, lx);
    for (const lr of LAYOUTS) {
      const r = laidT(Tensor.zeros(x0.shape, x0.dtype).fill(NaN), lr);
      cases.check(method(r, name)(y, ...args) === r && same(r, x0.shape, want) && same(y, x0.shape, before), `res.${name}(x, …), x ${lx}, res ${lr} ${tag}`);
      const r2 = laidT(Tensor.zeros(x0.shape, x0.dtype), lr);
      cases.check(fn(name)(r2, y, ...args) === r2 && same(r2, x0.shape, want), `torch.${name}(res, x, …), x ${lx}, res ${lr} ${tag}`);
    }
  }
}

/** A row making a new tensor, against its reference: `torch.op(x, …)`, `x.op(…)`, `res.op(x, …)` and `torch.op(res, x, …)` for results of every layout (and of other sizes: resized). */
function checkSource(cases: Cases, name: string, x: Tensor, args: readonly (Tensor | number)[], shape: readonly number[], want: readonly number[], tag: string): void {
  cases.check(same(fn(name)(x, ...args), shape, want), `torch.${name}(x, …) ${tag}`);
  cases.check(same(method(x, name)(...args), shape, want), `x.${name}(…) ${tag}`);
  const dtype = name === 'nonzero' ? 'long' : x.dtype;
  const results: (() => Tensor)[] = [() => Tensor.zeros([1], dtype)];
  if (numel(shape) > 0) for (const l of LAYOUTS) results.push(() => laidT(Tensor.zeros(shape, dtype).fill(7), l));
  for (const make of results) {
    const r = make();
    const label = shapeOfStr(r);
    cases.check(method(r, name)(x, ...args) === r && same(r, shape, want), `res.${name}(x, …) res ${label} ${tag}`);
    const r2 = make();
    cases.check(fn(name)(r2, x, ...args) === r2 && same(r2, shape, want), `torch.${name}(res, x, …) res ${label} ${tag}`);
  }
}
const shapeOfStr = (x: Tensor): string => `[${x.shape.join(', ')}]${x.isContiguous() ? '' : ' strided'}`;

// ---- the ops ---------------------------------------------------------------------------------------

test('index', (t) => {
  const x = F([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  t.deepEqual(flat(x.index(0, L([2, 0]))), [7, 8, 9, 1, 2, 3], 'x.index(0, [2, 0]): rows 2 and 0');
  const col = torch.index(x, 1, L([1]));
  t.ok(same(col, [3, 1], [2, 5, 8]), 'torch.index(x, 1, [1]) keeps the dimension, of size 1');
  t.deepEqual(flat(V([10, 20, 30]).index(0, L([2, 2, 0]))), [30, 30, 10], '1-D, repeated indices');
  t.deepEqual(flat(x.index(-1, L([0]))), [1, 4, 7], 'negative dim counts from the end');
  t.deepEqual(x.index(0, L([])).shape, [0, 3], 'an empty index: size 0');
  const y = x.clone();
  t.ok(same(y.index(y, 0, L([2, 0])), [2, 3], [7, 8, 9, 1, 2, 3]), 'res.index(res, …): the source is read before res is resized');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    for (const lx of LAYOUTS) {
      const x0 = filled(SHAPE, dtype, 1), xs = laidT(x0, lx);
      for (const dim of DIMS) {
        const d = dimOf(dim), size = SHAPE[d]!;
        const iv = [size - 1, 0, 1, size - 1];
        for (const kind of INDEX_KINDS) {
          const idx = indexOf(iv, [iv.length], kind);
          const shape = withAt(SHAPE, d, iv.length);
          const want = coords(shape).map((c) => x0.get(...withAt(c, d, iv[c[d]!]!)));
          checkSource(cases, 'index', xs, [dim, idx], shape, want, `${dtype} x ${lx} dim ${dim} idx ${kind}`);
        }
      }
    }
  }
  cases.done(t, 'index: every layout, dim, index type and form matches the reference');
  throwsWith(t, () => x.index(1, L([0, 3])), ShapeError, ['torch.index', 'index 3', 'dimension 1', 'size 3'], 'index out of range');
  throwsWith(t, () => x.index(0, L([-1])), ShapeError, ['index -1', 'dimension 0', 'size 3'], 'negative index');
  throwsWith(t, () => x.index(0, V([0.5])), ArgumentError, ['torch.index', '0.5', 'integer'], 'non-integer index');
  throwsWith(t, () => x.index(0, L2([[0, 1]])), ShapeError, ['torch.index', '1-D', '[1, 2]'], 'a 2-D index');
  throwsWith(t, () => x.index(2, L([0])), ShapeError, ['dimension 2', '[3, 3]'], 'dim out of range');
  throwsWith(t, () => Tensor.zeros([1], 'float64').index(x, 0, L([0])), ArgumentError, ['torch.DoubleTensor', 'torch.FloatTensor'], 'a result of another type');
  t.end();
});

function checkIndexCopy(t: Test, name: 'indexCopy' | 'indexAdd'): void {
  const add = name === 'indexAdd';
  const cases = new Cases();
  for (const dtype of DTYPES) {
    const x0 = filled(SHAPE, dtype, 1);
    for (const dim of DIMS) {
      const d = dimOf(dim), size = SHAPE[d]!;
      const iv = add ? [size - 1, 0, size - 1] : [size - 1, 0, 1];
      for (const kind of INDEX_KINDS) {
        for (const ls of LAYOUTS) {
          const srcShape = withAt(SHAPE, d, iv.length);
          const src0 = filled(srcShape, dtype, 2), src = laidT(src0, ls);
          const want = flat(x0.to('float64'));
          for (const c of coords(srcShape)) {
            const at = flatAt(SHAPE, withAt(c, d, iv[c[d]!]!));
            want[at] = (add ? want[at]! : 0) + src0.get(...c);
          }
          checkWrite(cases, name, x0, [dim, indexOf(iv, [iv.length], kind), src], want, `${dtype} dim ${dim} idx ${kind} src ${ls}`);
        }
      }
    }
  }
  cases.done(t, `${name}: every layout, dim, index type and form matches the reference`);
  const x = F([[1, 2], [3, 4]]);
  throwsWith(t, () => method(x, name)(0, L([0, 2]), F([[1, 1], [1, 1]])), ShapeError, [`torch.${name}`, 'index 2', 'dimension 0', 'size 2'], 'index out of range');
  throwsWith(t, () => method(x, name)(1, L([0]), F([[1, 1]])), ShapeError, [`torch.${name}`, '[2, 1]', '[1, 2]'], 'source of the wrong size names both shapes');
  throwsWith(t, () => method(x, name)(0, L([0]), F([[1, 1]], 'float64')), ArgumentError, [`torch.${name}`, 'torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  throwsWith(t, () => method(x, name)(0, L2([[0]]), F([[1, 1]])), ShapeError, ['1-D'], 'a 2-D index');
}

test('indexCopy', (t) => {
  const x = F([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]);
  t.equal(x.indexCopy(1, L([4, 0]), F([[-1, -2], [-3, -4]])), x, 'x.indexCopy(dim, idx, src) returns x');
  t.deepEqual(flat(x), [-2, 2, 3, 4, -1, -4, 7, 8, 9, -3], 'columns 4 and 0 replaced (Torch\'s doc example, 0-based)');
  t.deepEqual(flat(torch.indexCopy(V([0, 0, 0]), 0, L([1, 1]), V([5, 6]))), [0, 6, 0], 'a repeated index: the last copy wins');
  const w = F([[1, 2], [3, 4]]);
  w.indexCopy(0, L([1]), w.narrow(0, 0, 1));
  t.deepEqual(flat(w), [1, 2, 1, 2], 'a source that is a view of x');
  checkIndexCopy(t, 'indexCopy');
  t.end();
});

test('indexAdd', (t) => {
  const a = V([1, 2, 3, 4, 5]);
  t.equal(a.indexAdd(0, L([0, 0, 2, 2]), V([1, 2, 3, 4])), a, 'x.indexAdd returns x');
  t.deepEqual(flat(a), [4, 2, 10, 4, 5], 'repeated indices accumulate (Torch\'s doc example 2, 0-based)');
  const m0 = F([[1, 1], [1, 1]]);
  const m = torch.indexAdd(m0, 1, L([1]), F([[5], [6]]));
  t.notEqual(m, m0, 'torch.indexAdd(x, …) is a new tensor');
  t.deepEqual([flat(m), flat(m0)], [[1, 6, 1, 7], [1, 1, 1, 1]], 'and x is left alone');
  const r = Tensor.zeros([2, 2]);
  t.equal(torch.indexAdd(r, m, 1, L([0]), F([[1], [1]])), r, 'torch.indexAdd(res, x, …) writes res');
  t.deepEqual([flat(r), flat(m)], [[2, 6, 2, 7], [1, 6, 1, 7]], 'and leaves x alone');
  checkIndexCopy(t, 'indexAdd');
  t.end();
});

test('indexFill', (t) => {
  const x = F([[1, 2, 3], [4, 5, 6]]);
  t.equal(x.indexFill(1, L([2, 0]), -10), x, 'x.indexFill returns x');
  t.deepEqual(flat(x), [-10, 2, -10, -10, 5, -10], 'columns 2 and 0 filled');
  t.deepEqual(flat(torch.indexFill(V([1, 2, 3]), 0, L([1]), 9)), [1, 9, 3], '1-D');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    const x0 = filled(SHAPE, dtype, 1);
    for (const dim of DIMS) {
      const d = dimOf(dim), size = SHAPE[d]!;
      const iv = [size - 1, 1, size - 1];
      for (const kind of INDEX_KINDS) {
        const want = coords(SHAPE).map((c) => (iv.includes(c[d]!) ? 2.5 : x0.get(...c)));
        checkWrite(cases, 'indexFill', x0, [dim, indexOf(iv, [iv.length], kind), 2.5], want, `${dtype} dim ${dim} idx ${kind}`);
      }
    }
  }
  cases.done(t, 'indexFill: every layout, dim, index type and form matches the reference');
  throwsWith(t, () => x.indexFill(0, L([2]), 1), ShapeError, ['torch.indexFill', 'index 2', 'dimension 0', 'size 2'], 'index out of range');
  throwsWith(t, () => x.indexFill(0, V([1.25]), 1), ArgumentError, ['1.25'], 'non-integer index');
  t.end();
});

/** An index for gather/scatter of `shape` with values in [0, size), distinct along d when `distinct`. */
function spread(shape: readonly number[], d: number, size: number, distinct: boolean): number[] {
  return coords(shape).map((c) => {
    const s = c.reduce((a, v, k) => (k === d ? a : a + v * (k + 2)), 0);
    return distinct ? (s + c[d]!) % size : (s * 7 + c[d]! * 3) % size;
  });
}

test('gather', (t) => {
  const x = F([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  t.deepEqual(flat(x.gather(0, L2([[0, 1, 2], [2, 0, 1]]))), [1, 5, 9, 7, 2, 6], 'x.gather(0, idx): out[j][k] = x[idx[j][k]][k]');
  t.deepEqual(flat(torch.gather(x, 1, L2([[0, 0], [2, 1], [1, 1]]))), [1, 1, 6, 5, 8, 8], 'torch.gather(x, 1, idx): out[i][j] = x[i][idx[i][j]]');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    for (const lx of LAYOUTS) {
      const x0 = filled(SHAPE, dtype, 1), xs = laidT(x0, lx);
      for (const dim of DIMS) {
        const d = dimOf(dim), size = SHAPE[d]!;
        const ishape = withAt(SHAPE, d, 3);
        const iv = spread(ishape, d, size, false);
        for (const kind of INDEX_KINDS) {
          const idx = indexOf(iv, ishape, kind);
          const want = coords(ishape).map((c) => x0.get(...withAt(c, d, iv[flatAt(ishape, c)]!)));
          checkSource(cases, 'gather', xs, [dim, idx], ishape, want, `${dtype} x ${lx} dim ${dim} idx ${kind}`);
        }
      }
    }
  }
  cases.done(t, 'gather: every layout, dim, index type and form matches the reference');
  throwsWith(t, () => x.gather(1, L2([[0], [3], [1]])), ShapeError, ['torch.gather', 'index 3', 'dimension 1', 'size 3'], 'index out of range');
  throwsWith(t, () => x.gather(1, L2([[0], [1]])), ShapeError, ['torch.gather', '[3, 3]', '[2, 1]'], 'index of the wrong size outside dim names both shapes');
  throwsWith(t, () => x.gather(0, L([0, 1, 2])), ShapeError, ['torch.gather', '[3, 3]', '[3]'], 'index of fewer dimensions');
  throwsWith(t, () => Tensor.zeros([3, 1], 'float64').gather(x, 1, L2([[0], [1], [2]])), ArgumentError, ['torch.DoubleTensor', 'torch.FloatTensor'], 'a result of another type');
  t.end();
});

test('scatter', (t) => {
  const src = F([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]);
  const y = Tensor.zeros([3, 5]);
  t.equal(y.scatter(0, L2([[0, 1, 2, 0, 0], [2, 0, 0, 1, 2]]), src), y, 'x.scatter(dim, idx, src) returns x');
  t.deepEqual(flat(y), [1, 7, 8, 4, 5, 0, 2, 0, 9, 0, 6, 0, 3, 0, 10], 'Torch\'s doc example, 0-based');
  const z = torch.scatter(Tensor.zeros([2, 4]), 1, L2([[2], [3]]), 1.25);
  t.deepEqual(flat(z), [0, 0, 1.25, 0, 0, 0, 0, 1.25], 'torch.scatter(x, dim, idx, value)');
  t.deepEqual(flat(Tensor.zeros([1, 3]).scatter(1, L2([[2]]), F([[7, 8, 9]]))), [0, 0, 7], 'a larger source along dim: its first elements');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    const x0 = filled(SHAPE, dtype, 1);
    for (const dim of DIMS) {
      const d = dimOf(dim), size = SHAPE[d]!;
      const ishape = withAt(SHAPE, d, 2);
      const iv = spread(ishape, d, size, true);
      for (const kind of INDEX_KINDS) {
        for (const ls of LAYOUTS) {
          const src0 = filled(withAt(SHAPE, d, 3), dtype, 2);
          const want = flat(x0.to('float64'));
          const wantV = want.slice();
          for (const c of coords(ishape)) {
            const at = flatAt(SHAPE, withAt(c, d, iv[flatAt(ishape, c)]!));
            want[at] = src0.get(...c);
            wantV[at] = -0.5;
          }
          const idx = indexOf(iv, ishape, kind);
          checkWrite(cases, 'scatter', x0, [dim, idx, laidT(src0, ls)], want, `${dtype} dim ${dim} idx ${kind} src ${ls}`);
          if (ls === 'c') checkWrite(cases, 'scatter', x0, [dim, idx, -0.5], wantV, `${dtype} dim ${dim} idx ${kind} value`);
        }
      }
    }
  }
  cases.done(t, 'scatter: every layout, dim, index type and form matches the reference (source and value)');
  throwsWith(t, () => Tensor.zeros([2, 3]).scatter(1, L2([[0], [3]]), 1), ShapeError, ['torch.scatter', 'index 3', 'dimension 1', 'size 3'], 'index out of range');
  throwsWith(t, () => Tensor.zeros([2, 3]).scatter(1, L2([[0, 1]]), 1), ShapeError, ['torch.scatter', '[2, 3]', '[1, 2]'], 'index of the wrong size names both shapes');
  throwsWith(t, () => Tensor.zeros([2, 3]).scatter(1, L2([[0], [1]]), F([[1, 2, 3]])), ShapeError, ['torch.scatter', '[2, 3]', '[1, 3]'], 'source of the wrong size names both shapes');
  throwsWith(t, () => Tensor.zeros([2, 3]).scatter(1, L2([[0, 1], [1, 2]]), F([[1], [2]])), ShapeError, ['torch.scatter', '[2, 2]', '[2, 1]'], 'source shorter than the index along dim');
  throwsWith(t, () => Tensor.zeros([2, 3]).scatter(1, L2([[0], [1]]), F([[1], [2]], 'float64')), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  t.end();
});

/** A 0/1 ByteTensor of `shape`. */
const maskOf = (shape: readonly number[], seed: number): Tensor =>
  Tensor.from(Array.from({ length: numel(shape) }, (_, i) => ((i * 7 + seed) % 3 === 0 ? 1 : 0)), shape, 'uint8');

const MASK_SHAPES: readonly (readonly number[])[] = [SHAPE, [60], [6, 10]];

test('maskedSelect', (t) => {
  const x = F([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
  const mask = Tensor.from([1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1], [2, 6], 'uint8');
  t.deepEqual(flat(x.maskedSelect(mask)), [1, 3, 7, 8, 12], 'Torch\'s doc example: a mask of other sizes, same element count');
  const z = Tensor.zeros([0]);
  t.equal(z.maskedSelect(x, mask), z, 'res.maskedSelect(x, mask) returns res');
  t.deepEqual(z.shape, [5]);
  const cases = new Cases();
  for (const dtype of DTYPES) {
    for (const lx of LAYOUTS) {
      const x0 = filled(SHAPE, dtype, 1), xs = laidT(x0, lx);
      for (const ms of MASK_SHAPES) {
        for (const lm of LAYOUTS) {
          const m0 = maskOf(ms, 1), mk = laidT(m0, lm);
          const mv = flat(m0), xv = coords(SHAPE).map((c) => x0.get(...c));
          const want = xv.filter((_, i) => mv[i] === 1);
          checkSource(cases, 'maskedSelect', xs, [mk], [want.length], want, `${dtype} x ${lx} mask [${ms.join(', ')}] ${lm}`);
        }
      }
    }
  }
  cases.done(t, 'maskedSelect: every layout and form matches the reference');
  throwsWith(t, () => x.maskedSelect(Tensor.zeros([12])), ArgumentError, ['torch.maskedSelect', 'torch.ByteTensor', 'torch.FloatTensor'], 'a float mask');
  throwsWith(t, () => x.maskedSelect(Tensor.zeros([3, 3], 'uint8')), ShapeError, ['torch.maskedSelect', '[3, 3]', '[3, 4]'], 'a mask of another element count names both shapes');
  throwsWith(t, () => x.maskedSelect(Tensor.zeros([12], 'uint8').fill(2)), ArgumentError, ['0 or 1', '2'], 'mask values other than 0 and 1');
  t.end();
});

test('maskedCopy', (t) => {
  const x = V([0, 0, 0, 0]);
  t.equal(x.maskedCopy(Tensor.from([0, 1, 0, 1], [4], 'uint8'), V([10, 20])), x, 'x.maskedCopy returns x');
  t.deepEqual(flat(x), [0, 10, 0, 20], 'Torch\'s doc example');
  const y = Tensor.zeros([2, 4]).fill(-1);
  y.maskedCopy(Tensor.from([0, 0, 1, 1, 1, 0, 1, 0], [1, 8], 'uint8'), F([[1, 2], [3, 4]]));
  t.deepEqual(flat(y), [-1, -1, 1, 2, 3, -1, 4, -1], 'masks and sources of other sizes, same element counts');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    const x0 = filled(SHAPE, dtype, 1);
    for (const ms of MASK_SHAPES) {
      for (const lm of LAYOUTS) {
        for (const ls of LAYOUTS) {
          const m0 = maskOf(ms, 2), mv = flat(m0);
          const ones = mv.filter((v) => v === 1).length;
          const src0 = filled([ones + 2, 1], dtype, 3), sv = flat(src0);
          let k = 0;
          const want = coords(SHAPE).map((c, i) => (mv[i] === 1 ? sv[k++]! : x0.get(...c)));
          checkWrite(cases, 'maskedCopy', x0, [laidT(m0, lm), laidT(src0, ls)], want, `${dtype} mask [${ms.join(', ')}] ${lm} src ${ls}`);
        }
      }
    }
  }
  cases.done(t, 'maskedCopy: every layout and form matches the reference');
  const m = Tensor.from([1, 1, 1, 0], [4], 'uint8');
  throwsWith(t, () => V([0, 0, 0, 0]).maskedCopy(m, V([1, 2])), ShapeError, ['torch.maskedCopy', '3', '[2]'], 'a source smaller than the ones of the mask');
  throwsWith(t, () => V([0, 0, 0, 0]).maskedCopy(m, V([1, 2, 3], 'float64')), ArgumentError, ['torch.FloatTensor and torch.DoubleTensor'], 'type mix');
  throwsWith(t, () => V([0, 0, 0]).maskedCopy(m, V([1, 2, 3])), ShapeError, ['[4]', '[3]'], 'a mask of another element count');
  throwsWith(t, () => V([0, 0, 0, 0]).maskedCopy(L([1, 1, 1, 0]), V([1, 2, 3])), ArgumentError, ['torch.ByteTensor', 'torch.LongTensor'], 'a LongTensor mask');
  t.end();
});

test('maskedFill', (t) => {
  const x = F([[1, 2, 3, 4]]);
  t.equal(x.maskedFill(Tensor.from([0, 0, 1, 1], [2, 2], 'uint8'), -1), x, 'x.maskedFill returns x');
  t.deepEqual(flat(x), [1, 2, -1, -1], 'Torch\'s doc example: a mask of other sizes');
  const cases = new Cases();
  for (const dtype of DTYPES) {
    const x0 = filled(SHAPE, dtype, 1);
    for (const ms of MASK_SHAPES) {
      for (const lm of LAYOUTS) {
        const m0 = maskOf(ms, 0), mv = flat(m0);
        const want = coords(SHAPE).map((c, i) => (mv[i] === 1 ? 0.75 : x0.get(...c)));
        checkWrite(cases, 'maskedFill', x0, [laidT(m0, lm), 0.75], want, `${dtype} mask [${ms.join(', ')}] ${lm}`);
      }
    }
  }
  cases.done(t, 'maskedFill: every layout and form matches the reference');
  throwsWith(t, () => x.maskedFill(Tensor.zeros([4], 'float64'), 1), ArgumentError, ['torch.maskedFill', 'torch.ByteTensor', 'torch.DoubleTensor'], 'a double mask');
  throwsWith(t, () => x.maskedFill(Tensor.zeros([5], 'uint8'), 1), ShapeError, ['[5]', '[1, 4]'], 'a mask of another element count');
  throwsWith(t, () => x.maskedFill(Tensor.from([0, 3, 0, 0], [4], 'uint8'), 1), ArgumentError, ['0 or 1', '3'], 'mask values other than 0 and 1');
  t.end();
});

test('nonzero', (t) => {
  const x = Tensor.from([2, 0, 2, 0, 0, 0, 1, 2, 0, 2, 2, 1, 2, 1, 2, 2], [4, 4], 'int32');
  const nz = x.nonzero();
  t.equal(nz.type(), 'torch.LongTensor', 'a LongTensor');
  t.deepEqual(nz.shape, [11, 2], 'n × dim');
  t.deepEqual(flat(nz), [0, 0, 0, 2, 1, 2, 1, 3, 2, 1, 2, 2, 2, 3, 3, 0, 3, 1, 3, 2, 3, 3], 'Torch\'s doc example, 0-based subscripts');
  t.deepEqual(flat(torch.nonzero(V([0, NaN, 0, -1]))), [1, 3], 'NaN counts as non-zero; a 1-D tensor gives n × 1');
  t.deepEqual(torch.nonzero(V([0, 0])).shape, [0, 1], 'none: 0 × dim');
  const cases = new Cases();
  for (const dtype of [...DTYPES, 'uint8', 'long'] as const) {
    for (const lx of LAYOUTS) {
      const x0 = Tensor.from(Array.from({ length: 60 }, (_, i) => ((i * 5) % 7 < 3 ? 0 : (i % 4) + 1)), SHAPE, dtype), xs = laidT(x0, lx);
      const nzc = coords(SHAPE).filter((c) => x0.get(...c) !== 0);
      checkSource(cases, 'nonzero', xs, [], [nzc.length, 3], nzc.flat(), `${dtype} x ${lx}`);
    }
  }
  cases.done(t, 'nonzero: every type, layout and form matches the reference');
  throwsWith(t, () => Tensor.zeros([1]).nonzero(x), ArgumentError, ['torch.LongTensor', 'torch.FloatTensor'], 'a result that is not a LongTensor');
  t.end();
});

test('repeatTensor', (t) => {
  const x = V([1, 2, 3]);
  t.ok(same(x.repeatTensor(2, 2), [2, 6], [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]), 'x.repeatTensor(2, 2) of a vector: [2, 6]');
  t.ok(same(torch.repeatTensor(x, 2, 1, 1), [2, 1, 3], [1, 2, 3, 1, 2, 3]), 'torch.repeatTensor(x, 2, 1, 1): a leading dimension');
  const m = F([[1, 2], [3, 4]]);
  t.ok(same(m.repeatTensor(2, 3), [4, 6], [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]), 'a matrix tiled 2 × 3');
  t.deepEqual(m.repeatTensor(0, 2).shape, [0, 4], 'a count of 0: an empty dimension');
  const r = Tensor.zeros([1]);
  t.equal(r.repeatTensor(x, 3), r, 'res.repeatTensor(x, 3) returns res');
  t.deepEqual(flat(r), [1, 2, 3, 1, 2, 3, 1, 2, 3]);
  const cases = new Cases();
  const reps: readonly number[][] = [[2, 1, 3], [1, 2, 1, 2], [2, 1, 1, 1, 2], [1, 1, 1]];
  for (const dtype of DTYPES) {
    for (const lx of LAYOUTS) {
      const x0 = filled([2, 3, 2], dtype, 1), xs = laidT(x0, lx);
      for (const rp of reps) {
        const lead = rp.length - 3;
        const sizes = [...new Array<number>(lead).fill(1), ...x0.shape];
        const shape = sizes.map((s, i) => s * rp[i]!);
        const want = coords(shape).map((c) => x0.get(...c.slice(lead).map((ci, k) => ci % x0.shape[k]!)));
        checkSource(cases, 'repeatTensor', xs, rp, shape, want, `${dtype} x ${lx} reps ${rp.join('×')}`);
      }
    }
  }
  cases.done(t, 'repeatTensor: every layout, count and form matches the reference');
  throwsWith(t, () => m.repeatTensor(2), ShapeError, ['torch.repeatTensor', '[2, 2]', '1'], 'fewer counts than dimensions');
  throwsWith(t, () => m.repeatTensor(2, -1), ArgumentError, ['torch.repeatTensor', '-1'], 'a negative count');
  throwsWith(t, () => Tensor.zeros([1], 'float64').repeatTensor(m, 2, 2), ArgumentError, ['torch.DoubleTensor', 'torch.FloatTensor'], 'a result of another type');
  t.end();
});
