// The wasm backend's renorm, classReward, running sums and products along a dimension, indexCopy and
// scatter (float32 tensors, index tensors as i32; 128-bit SIMD where the data runs contiguously).

// As the js reference (lib/kernels/js/pointwise.ts, tensorOps.ts): norms and running sums/products in
// float64, each stored value one rounding of its float64 expression. Only renorm by rows adds its
// squares in another order (two f64 lanes); everything else gives the js numbers.

import { at } from './tensorCommon';

@inline function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}
@inline function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}
/** maxNorm/(n + 1e-7) where n > maxNorm, else 1 (a product by 1 is exact). */
@inline function factor(n2: v128, maxNorm: v128): v128 {
  const n = f64x2.sqrt(n2);
  return v128.bitselect(f64x2.div(maxNorm, f64x2.add(n, f64x2.splat(1e-7))), f64x2.splat(1), f64x2.gt(n, maxNorm));
}

/** Every row (byRow) or column of a rows × cols matrix with L2 norm n > maxNorm scaled by maxNorm/(n + 1e-7). */
export function renormF32(x: usize, rows: i32, cols: i32, byRow: bool, maxNorm: f64): void {
  const M = f64x2.splat(maxNorm);
  if (byRow) {
    for (let r = 0; r < rows; r++) {
      const row = at(x, r * cols);
      let s = f64x2.splat(0), c = 0;
      for (; c + 2 <= cols; c += 2) {
        const v = load2(at(row, c));
        s = f64x2.add(s, f64x2.mul(v, v));
      }
      let n2 = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
      for (; c < cols; c++) n2 += <f64>load<f32>(at(row, c)) * <f64>load<f32>(at(row, c));
      const f = factor(f64x2.splat(n2), M), fs = f64x2.extract_lane(f, 0);
      if (fs == 1) continue;
      for (c = 0; c + 2 <= cols; c += 2) store2(at(row, c), f64x2.mul(load2(at(row, c)), f));
      for (; c < cols; c++) store<f32>(at(row, c), <f32>(<f64>load<f32>(at(row, c)) * fs));
    }
    return;
  }
  let c = 0;
  for (; c + 2 <= cols; c += 2) { // two columns at a time, each summed down its rows in order as js
    let s = f64x2.splat(0);
    for (let r = 0; r < rows; r++) {
      const v = load2(at(x, r * cols + c));
      s = f64x2.add(s, f64x2.mul(v, v));
    }
    const f = factor(s, M);
    for (let r = 0; r < rows; r++) store2(at(x, r * cols + c), f64x2.mul(load2(at(x, r * cols + c)), f));
  }
  for (; c < cols; c++) {
    let n2: f64 = 0;
    for (let r = 0; r < rows; r++) n2 += <f64>load<f32>(at(x, r * cols + c)) * <f64>load<f32>(at(x, r * cols + c));
    const fs = f64x2.extract_lane(factor(f64x2.splat(n2), M), 0);
    for (let r = 0; r < rows; r++) store<f32>(at(x, r * cols + c), <f32>(<f64>load<f32>(at(x, r * cols + c)) * fs));
  }
}

/** out[i] = scale where pred[i] = target[i] (float64s), else 0. */
export function classRewardF32(out: usize, pred: usize, target: usize, n: i32, scale: f32): void {
  for (let i = 0; i < n; i++) {
    const o = (<usize>i) << 3;
    store<f32>(at(out, i), load<f64>(pred + o) == load<f64>(target + o) ? scale : 0);
  }
}

/** out[a, k, i] = Σ (or Π) of x[a, 0..k, i] in float64, rounded on each store; pairs of i in f64x2. */
export function scanF32(out: usize, x: usize, outer: i32, n: i32, inner: i32, prod: bool): void {
  for (let a = 0; a < outer; a++) {
    const base = a * n * inner;
    let i = 0;
    for (; i + 2 <= inner; i += 2) {
      let r = f64x2.splat(prod ? 1 : 0);
      for (let k = 0; k < n; k++) {
        const p = base + k * inner + i, v = load2(at(x, p));
        r = prod ? f64x2.mul(r, v) : f64x2.add(r, v);
        store2(at(out, p), r);
      }
    }
    for (; i < inner; i++) {
      let r: f64 = prod ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const p = base + k * inner + i, v = <f64>load<f32>(at(x, p));
        r = prod ? r * v : r + v;
        store<f32>(at(out, p), <f32>r);
      }
    }
  }
}

/** out[a, index[j], :] = src[a, j, :] (add: +=) for j < m in order, rows of inner floats. */
export function indexCopyF32(out: usize, src: usize, index: usize, outer: i32, n: i32, inner: i32, m: i32, add: bool): void {
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const d = at(out, (a * n + load<i32>(at(index, j))) * inner), s = at(src, (a * m + j) * inner);
      if (!add) {
        memory.copy(d, s, (<usize>inner) << 2);
        continue;
      }
      let i = 0;
      for (; i + 4 <= inner; i += 4) v128.store(at(d, i), f32x4.add(v128.load(at(d, i)), v128.load(at(s, i))));
      for (; i < inner; i++) store<f32>(at(d, i), load<f32>(at(d, i)) + load<f32>(at(s, i)));
    }
  }
}

/** out[a, index[a, j, i], i] = src[a, j, i] (src 0: value; add: +=, in float64 for the value) in js's order. */
export function scatterF32(out: usize, src: usize, value: f64, index: usize, outer: i32, n: i32, inner: i32, m: i32, add: bool): void {
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const row = (a * m + j) * inner;
      for (let i = 0; i < inner; i++) {
        const d = at(out, (a * n + load<i32>(at(index, row + i))) * inner + i);
        const v: f64 = src ? <f64>load<f32>(at(src, row + i)) : value;
        store<f32>(d, <f32>(add ? <f64>load<f32>(d) + v : v));
      }
    }
  }
}
