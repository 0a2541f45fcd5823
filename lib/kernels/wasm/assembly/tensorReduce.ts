// Tensor-library reductions of the wasm backend (float32, SIMD): sum…min, arg-max/min, indexSelect, gather.

// sum, mean and prod accumulate in float64, as the js reference (lib/kernels/js/tensorOps.ts). Op codes
// are the positions in REDUCE_OPS of ../tensorOps.ts: keep both in the same order.

import { at, hi64, lo64 } from './tensorCommon';

// reduce op codes
const SUM = 0, MEAN = 1, PROD = 2, MAX = 3, MIN = 4;

// ---- reductions over the middle dimension of outer × n × inner

/** Σ or Π of n contiguous floats in four f64 lanes. */
function rowAccumulate(prod: bool, x: usize, n: i32): f64 {
  const init = f64x2.splat(prod ? 1 : 0);
  let a0 = init, a1 = init, a2 = init, a3 = init;
  let k = 0;
  for (; k + 8 <= n; k += 8) {
    const v = v128.load(at(x, k)), w = v128.load(at(x, k + 4));
    if (prod) {
      a0 = f64x2.mul(a0, lo64(v)); a1 = f64x2.mul(a1, hi64(v));
      a2 = f64x2.mul(a2, lo64(w)); a3 = f64x2.mul(a3, hi64(w));
    } else {
      a0 = f64x2.add(a0, lo64(v)); a1 = f64x2.add(a1, hi64(v));
      a2 = f64x2.add(a2, lo64(w)); a3 = f64x2.add(a3, hi64(w));
    }
  }
  const s = prod ? f64x2.mul(f64x2.mul(a0, a1), f64x2.mul(a2, a3)) : f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let r = prod ? f64x2.extract_lane(s, 0) * f64x2.extract_lane(s, 1) : f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; k < n; k++) {
    const e = <f64>load<f32>(at(x, k));
    r = prod ? r * e : r + e;
  }
  return r;
}

/**
 * max (or min) of n contiguous floats (±∞ when n = 0); NaN if any is NaN. pmax/pmin (one
 * instruction each, unlike max/min) with the NaNs tracked on the side.
 */
function rowExtreme(isMax: bool, x: usize, n: i32): f32 {
  let k = 0, nan = false;
  let r: f32 = isMax ? -Infinity : Infinity;
  if (n >= 8) {
    let m0 = v128.load(x), m1 = v128.load(x, 16);
    let bad = v128.or(f32x4.ne(m0, m0), f32x4.ne(m1, m1));
    for (k = 8; k + 8 <= n; k += 8) {
      const v = v128.load(at(x, k)), w = v128.load(at(x, k + 4));
      m0 = isMax ? f32x4.pmax(m0, v) : f32x4.pmin(m0, v);
      m1 = isMax ? f32x4.pmax(m1, w) : f32x4.pmin(m1, w);
      bad = v128.or(bad, v128.or(f32x4.ne(v, v), f32x4.ne(w, w)));
    }
    nan = v128.any_true(bad);
    const m = isMax ? f32x4.max(m0, m1) : f32x4.min(m0, m1);
    const h = isMax ? f32x4.max(m, i32x4.shuffle(m, m, 2, 3, 0, 1)) : f32x4.min(m, i32x4.shuffle(m, m, 2, 3, 0, 1));
    r = isMax ? max(f32x4.extract_lane(h, 0), f32x4.extract_lane(h, 1)) : min(f32x4.extract_lane(h, 0), f32x4.extract_lane(h, 1));
  }
  for (; k < n; k++) {
    const e = load<f32>(at(x, k));
    r = isMax ? max(r, e) : min(r, e); // wasm's max/min propagate NaN
  }
  return nan ? <f32>NaN : r;
}

/** acc[i] (f64) += or ·= x[i] for i < inner. */
@inline function accumulateRow(prod: bool, acc: usize, x: usize, inner: i32): void {
  let i = 0;
  for (; i + 4 <= inner; i += 4) {
    const v = v128.load(at(x, i));
    const p = acc + ((<usize>i) << 3);
    v128.store(p, prod ? f64x2.mul(v128.load(p), lo64(v)) : f64x2.add(v128.load(p), lo64(v)));
    v128.store(p, prod ? f64x2.mul(v128.load(p, 16), hi64(v)) : f64x2.add(v128.load(p, 16), hi64(v)), 16);
  }
  for (; i < inner; i++) {
    const p = acc + ((<usize>i) << 3), e = <f64>load<f32>(at(x, i));
    store<f64>(p, prod ? load<f64>(p) * e : load<f64>(p) + e);
  }
}

@inline function extremeRow(isMax: bool, out: usize, x: usize, inner: i32): void {
  let i = 0;
  for (; i + 4 <= inner; i += 4) {
    const v = v128.load(at(x, i)), o = v128.load(at(out, i));
    v128.store(at(out, i), isMax ? f32x4.max(o, v) : f32x4.min(o, v));
  }
  for (; i < inner; i++) store<f32>(at(out, i), isMax ? max(load<f32>(at(out, i)), load<f32>(at(x, i))) : min(load<f32>(at(out, i)), load<f32>(at(x, i))));
}

/** out[o, i] = op over k of x[o, k, i]; work holds inner f64 accumulators (sum, mean, prod with inner > 1). */
export function reduceF32(op: i32, out: usize, x: usize, outer: i32, n: i32, inner: i32, work: usize): void {
  const prod = op == PROD, isMax = op == MAX;
  for (let a = 0; a < outer; a++) {
    const xa = at(x, a * n * inner), oa = at(out, a * inner);
    if (inner == 1) {
      if (op == MAX || op == MIN) store<f32>(oa, rowExtreme(isMax, xa, n));
      else {
        const r = rowAccumulate(prod, xa, n);
        store<f32>(oa, <f32>(op == MEAN ? r / <f64>n : r));
      }
    } else if (op == MAX || op == MIN) {
      if (n == 0) {
        for (let i = 0; i < inner; i++) store<f32>(at(oa, i), isMax ? -Infinity : Infinity);
        continue;
      }
      memory.copy(oa, xa, (<usize>inner) << 2);
      for (let k = 1; k < n; k++) extremeRow(isMax, oa, at(xa, k * inner), inner);
    } else {
      for (let i = 0; i < inner; i++) store<f64>(work + ((<usize>i) << 3), prod ? 1 : 0);
      for (let k = 0; k < n; k++) {
        if (prod) accumulateRow(true, work, at(xa, k * inner), inner);
        else accumulateRow(false, work, at(xa, k * inner), inner);
      }
      for (let i = 0; i < inner; i++) {
        const r = load<f64>(work + ((<usize>i) << 3));
        store<f32>(at(oa, i), <f32>(op == MEAN ? r / <f64>n : r));
      }
    }
  }
}

/** The first k < n with x[k] == m (or x[k] NaN when m is NaN); m is in the row. */
function firstIndexOf(x: usize, n: i32, m: f32): i32 {
  const nan = m != m, vm = f32x4.splat(m);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const v = v128.load(at(x, k));
    const hit = nan ? f32x4.ne(v, v) : f32x4.eq(v, vm);
    if (v128.any_true(hit)) return k + ctz(i32x4.bitmask(hit));
  }
  for (; k < n; k++) {
    const e = load<f32>(at(x, k));
    if (nan ? e != e : e == m) return k;
  }
  return 0;
}

/**
 * values[o, i], indices[o, i] = the max (or min) over k of x[o, k, i] and its first k; a NaN wins
 * (its first k). n ≥ 1.
 */
export function argReduceF32(isMax: bool, values: usize, indices: usize, x: usize, outer: i32, n: i32, inner: i32): void {
  for (let a = 0; a < outer; a++) {
    const xa = at(x, a * n * inner), va = at(values, a * inner), ia = at(indices, a * inner);
    if (inner == 1) {
      const k = firstIndexOf(xa, n, rowExtreme(isMax, xa, n)); // two passes: SIMD extreme, then its first place
      store<f32>(va, load<f32>(at(xa, k)));
      store<i32>(ia, k);
      continue;
    }
    memory.copy(va, xa, (<usize>inner) << 2);
    memory.fill(ia, 0, (<usize>inner) << 2);
    for (let k = 1; k < n; k++) {
      const row = at(xa, k * inner), vk = i32x4.splat(k);
      let i = 0;
      for (; i + 4 <= inner; i += 4) {
        const e = v128.load(at(row, i)), b = v128.load(at(va, i));
        // e wins when strictly better, or NaN where the best so far is not
        const better = isMax ? f32x4.gt(e, b) : f32x4.lt(e, b);
        const win = v128.or(better, v128.and(f32x4.ne(e, e), f32x4.eq(b, b)));
        v128.store(at(va, i), v128.bitselect(e, b, win));
        v128.store(at(ia, i), v128.bitselect(vk, v128.load(at(ia, i)), win));
      }
      for (; i < inner; i++) {
        const e = load<f32>(at(row, i)), b = load<f32>(at(va, i));
        if ((isMax ? e > b : e < b) || (e != e && b == b)) {
          store<f32>(at(va, i), e);
          store<i32>(at(ia, i), k);
        }
      }
    }
  }
}

// ---- index select and gather (indices: i32 in this memory, 0-based, checked by the caller)

export function indexSelectF32(out: usize, x: usize, index: usize, outer: i32, n: i32, inner: i32, m: i32): void {
  const bytes = (<usize>inner) << 2;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const src = at(x, (a * n + load<i32>(at(index, j))) * inner), dst = at(out, (a * m + j) * inner);
      if (inner == 1) store<f32>(dst, load<f32>(src));
      else memory.copy(dst, src, bytes);
    }
  }
}

export function gatherF32(out: usize, x: usize, index: usize, outer: i32, n: i32, inner: i32, m: i32): void {
  for (let a = 0; a < outer; a++) {
    const xa = at(x, a * n * inner);
    for (let j = 0; j < m; j++) {
      const row = (a * m + j) * inner;
      for (let i = 0; i < inner; i++) store<f32>(at(out, row + i), load<f32>(at(xa, load<i32>(at(index, row + i)) * inner + i)));
    }
  }
}
