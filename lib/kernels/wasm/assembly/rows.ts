// Row-wise kernels of the wasm backend (float32 rows × cols, 128-bit SIMD): (log-)softmax and their
// gradients, argmax, the class NLL and its gradient.

// As the js reference (lib/kernels/js/rows.ts): the row maximum ignores NaN, the sums accumulate in
// float64, the last step of each kernel is one float64 expression rounded once. The exponentials are
// the tensor library's float32 exp (./tensorMath.ts) of x − max, corrected by the part of x − max
// that float32 rounds off (x − max itself can need more than 24 bits).

import { at, hi64, lo64 } from './tensorCommon';
import { vexp } from './tensorMath';

/** Two f64x2 → one f32x4 (each rounded once). */
@inline function join32(lo: v128, hi: v128): v128 {
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
@inline function sum64(s: v128): f64 {
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
@inline function scalar(f: v128): f32 {
  return f32x4.extract_lane(f, 0);
}

/** exp(x − m): with d = x − m in float32 and e its rounding error (TwoSum), exp(d)·(1 + e); e = 0 where d overflows. */
@inline function expDiff(x: v128, m: v128): v128 {
  const d = f32x4.sub(x, m), b = f32x4.sub(d, x);
  const e = f32x4.add(f32x4.sub(x, f32x4.sub(d, b)), f32x4.sub(f32x4.neg(m), b));
  const p = vexp(d);
  return f32x4.add(p, f32x4.mul(p, v128.and(e, f32x4.eq(e, e))));
}

/** The largest of n floats at x, NaN ignored (−∞ when none), as js's `if (x > m) m = x`. */
function rowMax(x: usize, n: i32): f32 {
  let m4 = f32x4.splat(-Infinity);
  let c = 0;
  for (; c + 4 <= n; c += 4) m4 = f32x4.pmax(m4, v128.load(at(x, c))); // m4 < x ? x : m4
  let m: f32 = -Infinity;
  const l0 = f32x4.extract_lane(m4, 0), l1 = f32x4.extract_lane(m4, 1), l2 = f32x4.extract_lane(m4, 2), l3 = f32x4.extract_lane(m4, 3);
  if (l0 > m) m = l0;
  if (l1 > m) m = l1;
  if (l2 > m) m = l2;
  if (l3 > m) m = l3;
  for (; c < n; c++) {
    const v = load<f32>(at(x, c));
    if (v > m) m = v;
  }
  return m;
}

/**
 * log s in float64 (within a few ulp) without tables: AssemblyScript's Math.log reads one from the data
 * segment, which the heap sharing this memory does not keep. s = 2^e·f with f in [√½, √2), and
 * log f = 2·atanh(u) = 2u(1 + u²/3 + u⁴/5 + …) with u = (f − 1)/(f + 1), |u| < 0.172 (to u²²).
 */
function log64(s: f64): f64 {
  if (!(s > 0) || s == Infinity) return s == 0 ? -Infinity : s + (s - s); // NaN and ∞ as themselves, s < 0: NaN
  let v = s, e = -1023;
  if (v < 2.2250738585072014e-308) { v *= 18014398509481984; e -= 54; } // subnormal: · 2^54
  const bits = reinterpret<u64>(v);
  e += <i32>(bits >> 52);
  let f = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000); // [1, 2)
  if (f > 1.4142135623730951) { f *= 0.5; e++; }
  const u = (f - 1) / (f + 1), u2 = u * u;
  let p: f64 = 1.0 / 21;
  for (let k = 19; k >= 3; k -= 2) p = p * u2 + 1 / <f64>k;
  const ef = <f64>e;
  return ef * 6.93147180369123816490e-01 + (2 * u * (1 + u2 * p) + ef * 1.90821492927058770002e-10); // ln 2 in two parts
}

/** Σ exp(x − m) over n floats at x in float64; each exponential also stored at out unless out is 0. */
function expSum(x: usize, n: i32, m: f32, out: usize): f64 {
  const vm = f32x4.splat(m);
  let s = f64x2.splat(0), t = s;
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    const e = expDiff(v128.load(at(x, c)), vm);
    if (out) v128.store(at(out, c), e);
    s = f64x2.add(s, lo64(e));
    t = f64x2.add(t, hi64(e));
  }
  let r = sum64(f64x2.add(s, t));
  for (; c < n; c++) {
    const e = scalar(expDiff(f32x4.splat(load<f32>(at(x, c))), vm));
    if (out) store<f32>(at(out, c), e);
    r += <f64>e;
  }
  return r;
}

/** y = x − (m + log Σ exp(x − m)) per row. */
export function logSoftmaxF32(rows: i32, cols: i32, out: usize, x: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = at(x, r * cols), o = at(out, r * cols);
    const m = rowMax(xr, cols);
    const lse = <f64>m + log64(expSum(xr, cols, m, 0)), L = f64x2.splat(lse);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const v = v128.load(at(xr, c));
      v128.store(at(o, c), join32(f64x2.sub(lo64(v), L), f64x2.sub(hi64(v), L)));
    }
    for (; c < cols; c++) store<f32>(at(o, c), <f32>(<f64>load<f32>(at(xr, c)) - lse));
  }
}

/** y = exp(x − m)/Σ exp(x − m) per row. */
export function softmaxF32(rows: i32, cols: i32, out: usize, x: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = at(x, r * cols), o = at(out, r * cols);
    const inv = 1 / expSum(xr, cols, rowMax(xr, cols), o), I = f64x2.splat(inv);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const v = v128.load(at(o, c));
      v128.store(at(o, c), join32(f64x2.mul(lo64(v), I), f64x2.mul(hi64(v), I)));
    }
    for (; c < cols; c++) store<f32>(at(o, c), <f32>(<f64>load<f32>(at(o, c)) * inv));
  }
}

/** Σ a (b = 0) or Σ a ⊙ b over n floats, in float64. */
function rowSum(a: usize, b: usize, n: i32): f64 {
  let s = f64x2.splat(0), t = s;
  let c = 0;
  for (; c + 4 <= n; c += 4) {
    const u = v128.load(at(a, c));
    if (b) {
      const w = v128.load(at(b, c));
      s = f64x2.add(s, f64x2.mul(lo64(u), lo64(w)));
      t = f64x2.add(t, f64x2.mul(hi64(u), hi64(w)));
    } else {
      s = f64x2.add(s, lo64(u));
      t = f64x2.add(t, hi64(u));
    }
  }
  let r = sum64(f64x2.add(s, t));
  for (; c < n; c++) r += b ? <f64>load<f32>(at(a, c)) * <f64>load<f32>(at(b, c)) : <f64>load<f32>(at(a, c));
  return r;
}

/** gradIn = gradOut − exp(y)·Σ gradOut per row. */
export function logSoftmaxBackwardF32(rows: i32, cols: i32, gradIn: usize, y: usize, gradOut: usize): void {
  for (let r = 0; r < rows; r++) {
    const g = at(gradIn, r * cols), yr = at(y, r * cols), go = at(gradOut, r * cols);
    const s = rowSum(go, 0, cols), S = f64x2.splat(s);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const e = vexp(v128.load(at(yr, c))), d = v128.load(at(go, c));
      v128.store(at(g, c), join32(f64x2.sub(lo64(d), f64x2.mul(lo64(e), S)), f64x2.sub(hi64(d), f64x2.mul(hi64(e), S))));
    }
    for (; c < cols; c++) {
      const e = <f64>scalar(vexp(f32x4.splat(load<f32>(at(yr, c)))));
      store<f32>(at(g, c), <f32>(<f64>load<f32>(at(go, c)) - e * s));
    }
  }
}

/** gradIn = y ⊙ (gradOut − Σ gradOut ⊙ y) per row. */
export function softmaxBackwardF32(rows: i32, cols: i32, gradIn: usize, y: usize, gradOut: usize): void {
  for (let r = 0; r < rows; r++) {
    const g = at(gradIn, r * cols), yr = at(y, r * cols), go = at(gradOut, r * cols);
    const s = rowSum(go, yr, cols), S = f64x2.splat(s);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const v = v128.load(at(yr, c)), d = v128.load(at(go, c));
      v128.store(at(g, c), join32(f64x2.mul(lo64(v), f64x2.sub(lo64(d), S)), f64x2.mul(hi64(v), f64x2.sub(hi64(d), S))));
    }
    for (; c < cols; c++) store<f32>(at(g, c), <f32>(<f64>load<f32>(at(yr, c)) * (<f64>load<f32>(at(go, c)) - s)));
  }
}

/**
 * out[r] = the first index of row r's maximum, as js's scan from x[0] replacing it only by a strictly
 * greater value (NaN never wins; a NaN x[0] gives 0). Lane l keeps the first maximum of the
 * columns ≡ l mod 4; the lanes' winner is the largest value, the smallest index among equals.
 */
export function argmaxRowsF32(rows: i32, cols: i32, out: usize, x: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = at(x, r * cols);
    let bv = load<f32>(xr), best = 0, c = 0;
    if (cols >= 4) {
      let v4 = f32x4.splat(bv), i4 = i32x4.splat(0), c4 = i32x4(0, 1, 2, 3);
      const four = i32x4.splat(4);
      for (; c + 4 <= cols; c += 4) {
        const v = v128.load(at(xr, c)), gt = f32x4.gt(v, v4);
        v4 = v128.bitselect(v, v4, gt);
        i4 = v128.bitselect(c4, i4, gt);
        c4 = i32x4.add(c4, four);
      }
      // lane by lane: the larger value, or the smaller index of an equal one
      let v = f32x4.extract_lane(v4, 0), i = i32x4.extract_lane(i4, 0);
      if (v > bv || (v == bv && i < best)) { bv = v; best = i; }
      v = f32x4.extract_lane(v4, 1); i = i32x4.extract_lane(i4, 1);
      if (v > bv || (v == bv && i < best)) { bv = v; best = i; }
      v = f32x4.extract_lane(v4, 2); i = i32x4.extract_lane(i4, 2);
      if (v > bv || (v == bv && i < best)) { bv = v; best = i; }
      v = f32x4.extract_lane(v4, 3); i = i32x4.extract_lane(i4, 3);
      if (v > bv || (v == bv && i < best)) { bv = v; best = i; }
    }
    for (; c < cols; c++) {
      const v = load<f32>(at(xr, c));
      if (v > bv) { bv = v; best = c; }
    }
    store<f32>(at(out, r), <f32>best);
  }
}

/**
 * result[0] = −Σ_r w[t_r]·x[r, t_r], result[1] = Σ_r w[t_r] over the rows whose target (float64s at
 * target, checked by the caller) is not ignore; weights 0: all ones.
 */
export function classNLLF32(result: usize, x: usize, target: usize, weights: usize, rows: i32, cols: i32, ignore: f64): void {
  let loss: f64 = 0, total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const tf = load<f64>(target + ((<usize>r) << 3));
    if (tf == ignore) continue;
    const t = <i32>tf, w: f64 = weights ? <f64>load<f32>(at(weights, t)) : 1;
    loss -= w * <f64>load<f32>(at(x, r * cols + t));
    total += w;
  }
  store<f64>(result, loss);
  store<f64>(result, total, 8);
}

/** gradIn = 0 except gradIn[r, t_r] = −w[t_r]·norm. */
export function classNLLBackwardF32(gradIn: usize, target: usize, weights: usize, rows: i32, cols: i32, ignore: f64, norm: f64): void {
  memory.fill(gradIn, 0, (<usize>rows * <usize>cols) << 2);
  for (let r = 0; r < rows; r++) {
    const tf = load<f64>(target + ((<usize>r) << 3));
    if (tf == ignore) continue;
    const t = <i32>tf, w: f64 = weights ? <f64>load<f32>(at(weights, t)) : 1;
    store<f32>(at(gradIn, r * cols + t), <f32>(-w * norm));
  }
}
