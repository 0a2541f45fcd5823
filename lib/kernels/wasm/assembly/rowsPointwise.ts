// Elementwise kernels and sums of the wasm backend beside ./pointwise.ts: Adam, fill, adds, cdiv,
// scaleRows, hardtanh and its gradient, Σx, Σxy, Σ(x − y)² (float32 operands, 128-bit SIMD).

// The js reference (lib/kernels/js/pointwise.ts) computes in float64 and rounds once on the store.
// Where one float32 operation gives that same number (x ⊘ y, x·s for float32 s, x + s for a float32 s,
// comparisons against the float32 neighbours of a bound) the kernels work in f32x4; Adam and adds
// with a scalar that is not a float32 work in f64x2 in the js order of operations, and the sums
// accumulate in float64, so every result here is the js one (the sums up to their order of addition).

import { at, hi64, lo64 } from './tensorCommon';

/** Two floats at p as an f64x2; its rounding back into p. */
@inline function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}
@inline function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/**
 * One Adam step: m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g·g, θ −= lr·(m/c1)/(√(v/c2) + ε) with the
 * bias corrections c1 = 1 − β1^t, c2 = 1 − β2^t computed by the caller, all in float64 as the js.
 */
export function adamF32(n: i32, param: usize, grad: usize, m: usize, v: usize, lr: f64, beta1: f64, beta2: f64, eps: f64, c1: f64, c2: f64): void {
  const b1 = f64x2.splat(beta1), b2 = f64x2.splat(beta2), a1 = f64x2.splat(1 - beta1), a2 = f64x2.splat(1 - beta2);
  const vlr = f64x2.splat(lr), vc1 = f64x2.splat(c1), vc2 = f64x2.splat(c2), ve = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const g = load2(at(grad, i));
    const mi = f64x2.add(f64x2.mul(b1, load2(at(m, i))), f64x2.mul(a1, g));
    const vi = f64x2.add(f64x2.mul(b2, load2(at(v, i))), f64x2.mul(f64x2.mul(a2, g), g));
    store2(at(m, i), mi);
    store2(at(v, i), vi);
    const step = f64x2.div(f64x2.mul(vlr, f64x2.div(mi, vc1)), f64x2.add(f64x2.sqrt(f64x2.div(vi, vc2)), ve));
    store2(at(param, i), f64x2.sub(load2(at(param, i)), step));
  }
  for (; i < n; i++) {
    const g = <f64>load<f32>(at(grad, i));
    const mi = beta1 * <f64>load<f32>(at(m, i)) + (1 - beta1) * g;
    const vi = beta2 * <f64>load<f32>(at(v, i)) + (1 - beta2) * g * g;
    store<f32>(at(m, i), <f32>mi);
    store<f32>(at(v, i), <f32>vi);
    store<f32>(at(param, i), <f32>(<f64>load<f32>(at(param, i)) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps)));
  }
}

export function fillF32(n: i32, out: usize, value: f32): void {
  if (reinterpret<u32>(value) == 0) { // +0: all bytes zero (bulk memory)
    memory.fill(out, 0, (<usize>n) << 2);
    return;
  }
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), v);
  for (; i < n; i++) store<f32>(at(out, i), value);
}

/** out = x + s: one float32 addition when s is a float32, else in f64x2 (rounded once, as js). */
export function addsF32(n: i32, out: usize, x: usize, s: f64): void {
  const sf = <f32>s;
  let i = 0;
  if (<f64>sf == s) {
    const v = f32x4.splat(sf);
    for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.add(v128.load(at(x, i)), v));
  } else {
    const v = f64x2.splat(s);
    for (; i + 2 <= n; i += 2) store2(at(out, i), f64x2.add(load2(at(x, i)), v));
  }
  for (; i < n; i++) store<f32>(at(out, i), <f32>(<f64>load<f32>(at(x, i)) + s));
}

export function cdivF32(n: i32, out: usize, x: usize, y: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.div(v128.load(at(x, i)), v128.load(at(y, i))));
  for (; i < n; i++) store<f32>(at(out, i), load<f32>(at(x, i)) / load<f32>(at(y, i)));
}

/** out[r, c] = x[r, c]·s[r]. */
export function scaleRowsF32(rows: i32, cols: i32, out: usize, x: usize, s: usize): void {
  for (let r = 0; r < rows; r++) {
    const f = load<f32>(at(s, r)), vf = f32x4.splat(f), o = at(out, r * cols), xr = at(x, r * cols);
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(at(o, c), f32x4.mul(v128.load(at(xr, c)), vf));
    for (; c < cols; c++) store<f32>(at(o, c), load<f32>(at(xr, c)) * f);
  }
}

/** The float32 after t (toward +∞). */
function nextUp(t: f32): f32 {
  if (t != t || t == Infinity) return t;
  if (t == 0) return reinterpret<f32>(<u32>1);
  const u = reinterpret<u32>(t);
  return reinterpret<f32>(t > 0 ? u + 1 : u - 1);
}
/** The smallest float32 ≥ b (b's float32 when exact); a float32 v is < b exactly when v < it. */
function ceil32(b: f64): f32 {
  const t = <f32>b;
  return <f64>t < b ? nextUp(t) : t;
}
/** The largest float32 ≤ b; a float32 v is > b exactly when v > it. */
function floor32(b: f64): f32 {
  return -ceil32(-b);
}

/** out = min where x < min, max where x > max, else x (NaN stays NaN), with js's float64 bounds. */
export function hardtanhF32(n: i32, out: usize, x: usize, min: f64, max: f64): void {
  const lo = ceil32(min), hi = floor32(max), vlo = f32x4.splat(lo), vhi = f32x4.splat(hi);
  const omin = f32x4.splat(<f32>min), omax = f32x4.splat(<f32>max);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(at(x, i));
    v128.store(at(out, i), v128.bitselect(omin, v128.bitselect(omax, v, f32x4.gt(v, vhi)), f32x4.lt(v, vlo)));
  }
  for (; i < n; i++) {
    const v = load<f32>(at(x, i));
    store<f32>(at(out, i), v < lo ? <f32>min : v > hi ? <f32>max : v);
  }
}

/** gradIn = gradOut where min < x < max, else 0. */
export function hardtanhBackwardF32(n: i32, gradIn: usize, x: usize, gradOut: usize, min: f64, max: f64): void {
  const lo = floor32(min), hi = ceil32(max), vlo = f32x4.splat(lo), vhi = f32x4.splat(hi);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(at(x, i));
    v128.store(at(gradIn, i), v128.and(v128.load(at(gradOut, i)), v128.and(f32x4.gt(v, vlo), f32x4.lt(v, vhi))));
  }
  for (; i < n; i++) {
    const v = load<f32>(at(x, i));
    store<f32>(at(gradIn, i), v > lo && v < hi ? load<f32>(at(gradOut, i)) : 0);
  }
}

// ---- sums in float64 (mode 0: Σx, 1: Σxy, 2: Σ(x − y)²; products and differences of floats are exact or rounded as in js)

@inline function term(mode: i32, a: v128, b: v128): v128 {
  if (mode == 0) return a;
  if (mode == 1) return f64x2.mul(a, b);
  const d = f64x2.sub(a, b);
  return f64x2.mul(d, d);
}

@inline function sumOf(mode: i32, n: i32, x: usize, y: usize): f64 {
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const u = v128.load(at(x, i)), w = v128.load(at(x, i + 4));
    const p = mode == 0 ? u : v128.load(at(y, i)), q = mode == 0 ? w : v128.load(at(y, i + 4));
    s0 = f64x2.add(s0, term(mode, lo64(u), lo64(p)));
    s1 = f64x2.add(s1, term(mode, hi64(u), hi64(p)));
    s2 = f64x2.add(s2, term(mode, lo64(w), lo64(q)));
    s3 = f64x2.add(s3, term(mode, hi64(w), hi64(q)));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) {
    const a = <f64>load<f32>(at(x, i)), b = mode == 0 ? 0 : <f64>load<f32>(at(y, i));
    r += mode == 0 ? a : mode == 1 ? a * b : (a - b) * (a - b);
  }
  return r;
}

export function sumF32(n: i32, x: usize): f64 {
  return sumOf(0, n, x, 0);
}
export function dotF32(n: i32, x: usize, y: usize): f64 {
  return sumOf(1, n, x, y);
}
export function sqdistF32(n: i32, x: usize, y: usize): f64 {
  return sumOf(2, n, x, y);
}
