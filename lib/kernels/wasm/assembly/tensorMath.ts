// Vectorised float32 elementary functions for the tensor kernels (128-bit SIMD): exp, log, sigmoid and
// tanh as Cephes' polynomial approximations (within 3 ulp of the float32-rounded exact value), and
// round (halves away from zero).

@inline export function vexp(x0: v128): v128 {
  const x = f32x4.min(f32x4.max(x0, f32x4.splat(-104)), f32x4.splat(89)); // NaN stays NaN
  const fx = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(fx, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  // 2^n as 2^n1 · 2^n2 so that results down to the subnormals round once
  const n = i32x4.trunc_sat_f32x4_s(fx);
  const n1 = i32x4.shr_s(n, 1), n2 = i32x4.sub(n, n1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23), s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  return f32x4.mul(f32x4.mul(p, s1), s2);
}

@inline export function vlog(x: v128): v128 {
  const den = f32x4.lt(x, f32x4.splat(1.17549435e-38)); // subnormals (and x ≤ 0, fixed below)
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(33554432)), x, den); // · 2^25
  let e = i32x4.sub(v128.and(i32x4.shr_u(xs, 23), i32x4.splat(0xff)), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(den, i32x4.splat(25)));
  const m = v128.or(v128.and(xs, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000)); // [0.5, 1)
  const small = f32x4.lt(m, f32x4.splat(0.707106781186547524));
  e = i32x4.add(e, small); // −1 where small
  const f = f32x4.sub(f32x4.add(m, v128.and(m, small)), f32x4.splat(1));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(f, f);
  let y = f32x4.add(f32x4.mul(f32x4.splat(7.0376836292e-2), f), f32x4.splat(-1.1514610310e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(1.1676998740e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(-1.2420140846e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(1.4249322787e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(-1.6668057665e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(2.0000714765e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(-2.4999993993e-1));
  y = f32x4.add(f32x4.mul(y, f), f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, f), z);
  y = f32x4.add(y, f32x4.mul(ef, f32x4.splat(-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  let r = f32x4.add(f32x4.add(f, y), f32x4.mul(ef, f32x4.splat(0.693359375)));
  r = v128.bitselect(f32x4.splat(-Infinity), r, f32x4.eq(x, f32x4.splat(0)));
  r = v128.bitselect(f32x4.splat(Infinity), r, f32x4.eq(x, f32x4.splat(Infinity)));
  return v128.bitselect(f32x4.splat(NaN), r, v128.not(f32x4.ge(x, f32x4.splat(0)))); // x < 0 or NaN
}

/** σ(x) = 1/(1 + e) for x ≥ 0, e/(1 + e) below, with e = exp(−|x|) (no overflow, subnormals kept). */
@inline export function vsigmoid(x: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  const s = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(s, f32x4.mul(e, s), f32x4.ge(x, f32x4.splat(0)));
}

/** tanh: an odd polynomial below |x| = 0.625, (1 − e)/(1 + e) with e = exp(−2|x|) above. */
@inline export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  const z = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(f32x4.splat(-5.70498872745e-3), z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  const e = vexp(f32x4.mul(ax, f32x4.splat(-2)));
  const t = f32x4.div(f32x4.sub(f32x4.splat(1), e), f32x4.add(f32x4.splat(1), e));
  const big = v128.or(t, v128.and(x, i32x4.splat(0x80000000))); // sign of x
  return v128.bitselect(small, big, f32x4.lt(ax, f32x4.splat(0.625)));
}

/** Round half away from zero: trunc, plus sign(x) where the dropped fraction is ≥ 0.5 (exact). */
@inline export function vround(x: v128): v128 {
  const t = f32x4.trunc(x);
  const up = f32x4.ge(f32x4.abs(f32x4.sub(x, t)), f32x4.splat(0.5));
  const one = v128.or(f32x4.splat(1), v128.and(x, i32x4.splat(0x80000000)));
  const r = v128.bitselect(f32x4.add(t, one), t, up);
  return v128.bitselect(f32x4.splat(0), r, f32x4.eq(x, f32x4.splat(0))); // round(−0) = +0, as js's floor(x + 0.5)
}
