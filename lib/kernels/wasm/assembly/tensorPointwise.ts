// Tensor-library pointwise kernels of the wasm backend (float32, 128-bit SIMD): unary, binary, addcmul.

// The js reference's semantics (lib/kernels/js/tensorOps.ts). Ops whose js result is one rounding of a
// float64 expression (affine, divs, rsqrt, add, lerp, addcmul, scalar comparisons) compute that
// expression in f64x2, so they match js bit for bit; exp, log, sigmoid and tanh are float32 polynomial
// approximations (Cephes) within a few ulp. Op codes are the positions in the lists of ../tensorOps.ts
// (UNARY_OPS, BINARY_OPS): keep both in the same order.

import { at, hi64, lo64 } from './tensorCommon';
import { vexp, vlog, vround, vsigmoid, vtanh } from './tensorMath';

// unary op codes
const AFFINE = 0, DIVS = 1, RSQRT = 2, GTS = 3, LTS = 4, GES = 5, LES = 6, EQS = 7, NES = 8;
const ABS = 9, NEG = 10, SQRT = 11, SQUARE = 12, EXP = 13, LOG = 14, SIGMOID = 15, TANH = 16;
const CLAMP = 17, CMAXS = 18, CMINS = 19, FLOOR = 20, CEIL = 21, TRUNC = 22, ROUND = 23, SIGN = 24;
const FRAC = 25, CINV = 26;
// affine's exact float32 cases (chosen by the caller): x·a + 0 for a float32 a, x + b for a float32 b
const SCALE = 27, SHIFT = 28;
// binary op codes
const ADD = 0, LERP = 1, CMUL = 2, CDIV = 3, CMAX = 4, CMIN = 5, GT = 6, LT = 7, GE = 8, LE = 9, EQ = 10, NE = 11;
// add's exact float32 cases (a = 1, a = −1: one rounding either way)
const PLUS = 12, MINUS = 13;

// ---- float32 ↔ float64 lanes

@inline function join32(lo: v128, hi: v128): v128 {
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
/** Two f64x2 comparison masks → one f32x4 of 1 and 0. */
@inline function ones64(mlo: v128, mhi: v128): v128 {
  return v128.and(i32x4.shuffle(mlo, mhi, 0, 2, 4, 6), f32x4.splat(1));
}
@inline function ones32(m: v128): v128 {
  return v128.and(m, f32x4.splat(1));
}

// ---- unary

@inline function op32(op: i32, x: v128, a: v128, b: v128): v128 {
  switch (op) {
    case ABS: return f32x4.abs(x);
    case NEG: return f32x4.neg(x);
    case SQRT: return f32x4.sqrt(x);
    case SQUARE: return f32x4.mul(x, x);
    case EXP: return vexp(x);
    case LOG: return vlog(x);
    case SIGMOID: return vsigmoid(x);
    case TANH: return vtanh(x);
    case CLAMP: return v128.bitselect(a, v128.bitselect(b, x, f32x4.gt(x, b)), f32x4.lt(x, a));
    case CMAXS: return v128.bitselect(x, a, f32x4.gt(x, a));
    case CMINS: return v128.bitselect(x, a, f32x4.lt(x, a));
    case FLOOR: return f32x4.floor(x);
    case CEIL: return f32x4.ceil(x);
    case TRUNC: return f32x4.trunc(x);
    case ROUND: return vround(x);
    case SIGN: return f32x4.sub(ones32(f32x4.gt(x, f32x4.splat(0))), ones32(f32x4.lt(x, f32x4.splat(0))));
    case FRAC: return f32x4.sub(x, f32x4.trunc(x));
    case SCALE: return f32x4.add(f32x4.mul(x, a), f32x4.splat(0)); // + 0 turns −0 into +0, as js's a·x + 0
    case SHIFT: return f32x4.add(x, b);
    default: return f32x4.div(f32x4.splat(1), x); // CINV
  }
}

/** One f64x2 half of a float64-exact op (affine, divs, rsqrt). */
@inline function op64(op: i32, d: v128, a: v128, b: v128): v128 {
  if (op == AFFINE) return f64x2.add(f64x2.mul(a, d), b);
  if (op == DIVS) return f64x2.div(d, a);
  return f64x2.div(f64x2.splat(1), f64x2.sqrt(d)); // RSQRT
}

@inline function cmp64(op: i32, d: v128, a: v128): v128 {
  switch (op) {
    case GTS: return f64x2.gt(d, a);
    case LTS: return f64x2.lt(d, a);
    case GES: return f64x2.ge(d, a);
    case LES: return f64x2.le(d, a);
    case EQS: return f64x2.eq(d, a);
    default: return f64x2.ne(d, a); // NES
  }
}

@inline function unaryVec(op: i32, x: v128, a: f64, b: f64): v128 {
  if (op <= RSQRT) {
    const va = f64x2.splat(a), vb = f64x2.splat(b);
    return join32(op64(op, lo64(x), va, vb), op64(op, hi64(x), va, vb));
  }
  if (op <= NES) {
    const va = f64x2.splat(a);
    return ones64(cmp64(op, lo64(x), va), cmp64(op, hi64(x), va));
  }
  return op32(op, x, f32x4.splat(<f32>a), f32x4.splat(<f32>b));
}

// Each case inlines unaryVec with a constant op, so the optimiser folds the dispatch out of the loop.
@inline function unaryLoop(op: i32, n: i32, out: usize, x: usize, a: f64, b: f64): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), unaryVec(op, v128.load(at(x, i)), a, b));
  for (; i < n; i++) store<f32>(at(out, i), f32x4.extract_lane(unaryVec(op, f32x4.splat(load<f32>(at(x, i))), a, b), 0));
}

export function unaryF32(op: i32, n: i32, out: usize, x: usize, a: f64, b: f64): void {
  switch (op) {
    case AFFINE: unaryLoop(AFFINE, n, out, x, a, b); break;
    case DIVS: unaryLoop(DIVS, n, out, x, a, b); break;
    case RSQRT: unaryLoop(RSQRT, n, out, x, a, b); break;
    case GTS: unaryLoop(GTS, n, out, x, a, b); break;
    case LTS: unaryLoop(LTS, n, out, x, a, b); break;
    case GES: unaryLoop(GES, n, out, x, a, b); break;
    case LES: unaryLoop(LES, n, out, x, a, b); break;
    case EQS: unaryLoop(EQS, n, out, x, a, b); break;
    case NES: unaryLoop(NES, n, out, x, a, b); break;
    case ABS: unaryLoop(ABS, n, out, x, a, b); break;
    case NEG: unaryLoop(NEG, n, out, x, a, b); break;
    case SQRT: unaryLoop(SQRT, n, out, x, a, b); break;
    case SQUARE: unaryLoop(SQUARE, n, out, x, a, b); break;
    case EXP: unaryLoop(EXP, n, out, x, a, b); break;
    case LOG: unaryLoop(LOG, n, out, x, a, b); break;
    case SIGMOID: unaryLoop(SIGMOID, n, out, x, a, b); break;
    case TANH: unaryLoop(TANH, n, out, x, a, b); break;
    case CLAMP: unaryLoop(CLAMP, n, out, x, a, b); break;
    case CMAXS: unaryLoop(CMAXS, n, out, x, a, b); break;
    case CMINS: unaryLoop(CMINS, n, out, x, a, b); break;
    case FLOOR: unaryLoop(FLOOR, n, out, x, a, b); break;
    case CEIL: unaryLoop(CEIL, n, out, x, a, b); break;
    case TRUNC: unaryLoop(TRUNC, n, out, x, a, b); break;
    case ROUND: unaryLoop(ROUND, n, out, x, a, b); break;
    case SIGN: unaryLoop(SIGN, n, out, x, a, b); break;
    case FRAC: unaryLoop(FRAC, n, out, x, a, b); break;
    case CINV: unaryLoop(CINV, n, out, x, a, b); break;
    case SCALE: unaryLoop(SCALE, n, out, x, a, b); break;
    case SHIFT: unaryLoop(SHIFT, n, out, x, a, b); break;
  }
}

// ---- binary and addcmul

@inline function binaryVec(op: i32, x: v128, y: v128, a: f64): v128 {
  if (op == ADD || op == LERP) {
    const va = f64x2.splat(a);
    const xl = lo64(x), xh = hi64(x), yl = lo64(y), yh = hi64(y);
    if (op == ADD) return join32(f64x2.add(xl, f64x2.mul(va, yl)), f64x2.add(xh, f64x2.mul(va, yh)));
    return join32(f64x2.add(xl, f64x2.mul(va, f64x2.sub(yl, xl))), f64x2.add(xh, f64x2.mul(va, f64x2.sub(yh, xh))));
  }
  switch (op) {
    case PLUS: return f32x4.add(x, y);
    case MINUS: return f32x4.sub(x, y);
    case CMUL: return f32x4.mul(x, y);
    case CDIV: return f32x4.div(x, y);
    case CMAX: return v128.bitselect(x, y, f32x4.gt(x, y));
    case CMIN: return v128.bitselect(x, y, f32x4.lt(x, y));
    case GT: return ones32(f32x4.gt(x, y));
    case LT: return ones32(f32x4.lt(x, y));
    case GE: return ones32(f32x4.ge(x, y));
    case LE: return ones32(f32x4.le(x, y));
    case EQ: return ones32(f32x4.eq(x, y));
    default: return ones32(f32x4.ne(x, y)); // NE
  }
}

@inline function binaryLoop(op: i32, n: i32, out: usize, x: usize, y: usize, a: f64): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), binaryVec(op, v128.load(at(x, i)), v128.load(at(y, i)), a));
  for (; i < n; i++) {
    const v = binaryVec(op, f32x4.splat(load<f32>(at(x, i))), f32x4.splat(load<f32>(at(y, i))), a);
    store<f32>(at(out, i), f32x4.extract_lane(v, 0));
  }
}

export function binaryF32(op: i32, n: i32, out: usize, x: usize, y: usize, a: f64): void {
  switch (op) {
    case ADD: binaryLoop(ADD, n, out, x, y, a); break;
    case LERP: binaryLoop(LERP, n, out, x, y, a); break;
    case CMUL: binaryLoop(CMUL, n, out, x, y, a); break;
    case CDIV: binaryLoop(CDIV, n, out, x, y, a); break;
    case CMAX: binaryLoop(CMAX, n, out, x, y, a); break;
    case CMIN: binaryLoop(CMIN, n, out, x, y, a); break;
    case GT: binaryLoop(GT, n, out, x, y, a); break;
    case LT: binaryLoop(LT, n, out, x, y, a); break;
    case GE: binaryLoop(GE, n, out, x, y, a); break;
    case LE: binaryLoop(LE, n, out, x, y, a); break;
    case EQ: binaryLoop(EQ, n, out, x, y, a); break;
    case NE: binaryLoop(NE, n, out, x, y, a); break;
    case PLUS: binaryLoop(PLUS, n, out, x, y, a); break;
    case MINUS: binaryLoop(MINUS, n, out, x, y, a); break;
  }
}

/** x + v·y·z (div: x + v·(y/z)), in float64 as js. */
@inline function addcmulVec(div: bool, x: v128, y: v128, z: v128, v: v128): v128 {
  const yl = lo64(y), yh = hi64(y), zl = lo64(z), zh = hi64(z);
  const tl = div ? f64x2.mul(v, f64x2.div(yl, zl)) : f64x2.mul(f64x2.mul(v, yl), zl);
  const th = div ? f64x2.mul(v, f64x2.div(yh, zh)) : f64x2.mul(f64x2.mul(v, yh), zh);
  return join32(f64x2.add(lo64(x), tl), f64x2.add(hi64(x), th));
}

@inline function addcmulLoop(div: bool, n: i32, out: usize, x: usize, v: f64, y: usize, z: usize): void {
  const vv = f64x2.splat(v);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), addcmulVec(div, v128.load(at(x, i)), v128.load(at(y, i)), v128.load(at(z, i)), vv));
  for (; i < n; i++) {
    const r = addcmulVec(div, f32x4.splat(load<f32>(at(x, i))), f32x4.splat(load<f32>(at(y, i))), f32x4.splat(load<f32>(at(z, i))), vv);
    store<f32>(at(out, i), f32x4.extract_lane(r, 0));
  }
}

export function addcmulF32(n: i32, out: usize, x: usize, v: f64, y: usize, z: usize, div: bool): void {
  if (div) addcmulLoop(true, n, out, x, v, y, z);
  else addcmulLoop(false, n, out, x, v, y, z);
}
