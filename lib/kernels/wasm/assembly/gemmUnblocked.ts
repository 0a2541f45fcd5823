// The unblocked matrix products (float32, 128-bit SIMD): gemmSmall walks B in place (small m or k), gemmNT
// takes dot products of A's and B's rows (A·Bᵀ for small m or n). C = alpha·op(A)·op(B) + beta·C.
import { axpby, dot, hsum4, scaleC, upd, updMode } from './gemmCommon';

/**
 * C = alpha·A·B + beta·C for B k×n in place (row stride ldb), A(i, p) at a + 4·(i·sAi + p·sAp), with
 * B's rows walked once per 4 rows of A (register block 4 rows × 8 columns): gemmXN's path for m < 4 or k < 4.
 */
export function gemmSmall(m: i32, n: i32, k: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32): void {
  scaleC(m, n, beta, c, ldc);
  if (alpha == 0 || k == 0) return;
  // k in blocks of 128 rows of B (so that a block of B stays in cache while every row of A passes), j in
  // blocks of 256 columns
  for (let p0 = 0; p0 < k; p0 += 128) {
    const kb = min(128, k - p0);
    for (let j0 = 0; j0 < n; j0 += 256) {
      const nb = min(256, n - j0);
      blockXN(m, nb, kb, alpha, a + ((<usize>(p0 * sAp)) << 2), sAi, sAp, b + ((<usize>(p0 * ldb + j0)) << 2), ldb, c + ((<usize>j0) << 2), ldc);
    }
  }
}

/** C[i, j] += alpha·Σ_{p < k} A(i, p)·B[p, j] for one block. */
function blockXN(m: i32, n: i32, k: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let pa = a + ((<usize>(i * sAi)) << 2);
      let pb = b + ((<usize>j) << 2);
      const dA = (<usize>sAp) << 2, dB = (<usize>ldb) << 2, r1 = (<usize>sAi) << 2;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb), b1 = v128.load(pb, 16);
        const a0 = f32x4.splat(load<f32>(pa)), a1 = f32x4.splat(load<f32>(pa + r1));
        const a2 = f32x4.splat(load<f32>(pa + 2 * r1)), a3 = f32x4.splat(load<f32>(pa + 3 * r1));
        c00 = f32x4.add(c00, f32x4.mul(a0, b0)); c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0)); c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0)); c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0)); c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        pa += dA;
        pb += dB;
      }
      const pc = c + ((<usize>(i * ldc + j)) << 2), dC = (<usize>ldc) << 2;
      v128.store(pc, f32x4.add(v128.load(pc), f32x4.mul(va, c00)));
      v128.store(pc, f32x4.add(v128.load(pc, 16), f32x4.mul(va, c01)), 16);
      v128.store(pc + dC, f32x4.add(v128.load(pc + dC), f32x4.mul(va, c10)));
      v128.store(pc + dC, f32x4.add(v128.load(pc + dC, 16), f32x4.mul(va, c11)), 16);
      v128.store(pc + 2 * dC, f32x4.add(v128.load(pc + 2 * dC), f32x4.mul(va, c20)));
      v128.store(pc + 2 * dC, f32x4.add(v128.load(pc + 2 * dC, 16), f32x4.mul(va, c21)), 16);
      v128.store(pc + 3 * dC, f32x4.add(v128.load(pc + 3 * dC), f32x4.mul(va, c30)));
      v128.store(pc + 3 * dC, f32x4.add(v128.load(pc + 3 * dC, 16), f32x4.mul(va, c31)), 16);
    }
    for (; j < n; j++) {
      for (let r = 0; r < 4; r++) gemmScalar(i + r, j, k, alpha, a, sAi, sAp, b, ldb, c, ldc);
    }
  }
  for (; i < m; i++) {
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let acc = f32x4.splat(0);
      let pa = a + ((<usize>(i * sAi)) << 2);
      let pb = b + ((<usize>j) << 2);
      for (let p = 0; p < k; p++) {
        acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(pa)), v128.load(pb)));
        pa += (<usize>sAp) << 2;
        pb += (<usize>ldb) << 2;
      }
      const pc = c + ((<usize>(i * ldc + j)) << 2);
      v128.store(pc, f32x4.add(v128.load(pc), f32x4.mul(va, acc)));
    }
    for (; j < n; j++) gemmScalar(i, j, k, alpha, a, sAi, sAp, b, ldb, c, ldc);
  }
}

@inline function gemmScalar(i: i32, j: i32, k: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) s += load<f32>(a + ((<usize>(i * sAi + p * sAp)) << 2)) * load<f32>(b + ((<usize>(p * ldb + j)) << 2));
  const pc = c + ((<usize>(i * ldc + j)) << 2);
  store<f32>(pc, load<f32>(pc) + alpha * s);
}

/**
 * C = alpha·A·Bᵀ + beta·C (beta = 0 ignores C's old contents) with A m×k and B n×k, in place: 2 rows ×
 * 4 rows of dot products, their horizontal sums taken four at a time. The path for few rows of A
 * (m < 96) or few columns of C, where copying B into panels costs more than it saves.
 */
export function gemmNT(m: i32, n: i32, k: i32, alpha: f32, a: usize, b: usize, beta: f32, c: usize, ldc: i32): void {
  if (m <= 0 || n <= 0) return;
  if (alpha == 0 || k <= 0) { scaleC(m, n, beta, c, ldc); return; }
  const kv = k & ~3, row = (<usize>k) << 2;
  const va = f32x4.splat(alpha), vb = f32x4.splat(beta);
  const mode = updMode(alpha, beta);
  let i = 0;
  for (; i < m; i += 2) {
    const two = i + 1 < m;
    const a0 = a + (<usize>i) * row, a1 = two ? a0 + row : a0;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = b + (<usize>j) * row, b1 = b0 + row, b2 = b1 + row, b3 = b2 + row;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s02 = f32x4.splat(0), s03 = f32x4.splat(0);
      let s10 = f32x4.splat(0), s11 = f32x4.splat(0), s12 = f32x4.splat(0), s13 = f32x4.splat(0);
      for (let p = 0; p < kv; p += 4) {
        const o = (<usize>p) << 2;
        const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
        const y0 = v128.load(b0 + o), y1 = v128.load(b1 + o), y2 = v128.load(b2 + o), y3 = v128.load(b3 + o);
        s00 = f32x4.add(s00, f32x4.mul(x0, y0)); s01 = f32x4.add(s01, f32x4.mul(x0, y1));
        s02 = f32x4.add(s02, f32x4.mul(x0, y2)); s03 = f32x4.add(s03, f32x4.mul(x0, y3));
        s10 = f32x4.add(s10, f32x4.mul(x1, y0)); s11 = f32x4.add(s11, f32x4.mul(x1, y1));
        s12 = f32x4.add(s12, f32x4.mul(x1, y2)); s13 = f32x4.add(s13, f32x4.mul(x1, y3));
      }
      let t0 = hsum4(s00, s01, s02, s03), t1 = hsum4(s10, s11, s12, s13);
      if (kv < k) {
        let e00: f32 = 0, e01: f32 = 0, e02: f32 = 0, e03: f32 = 0, e10: f32 = 0, e11: f32 = 0, e12: f32 = 0, e13: f32 = 0;
        for (let p = kv; p < k; p++) {
          const o = (<usize>p) << 2;
          const x0 = load<f32>(a0 + o), x1 = load<f32>(a1 + o);
          const y0 = load<f32>(b0 + o), y1 = load<f32>(b1 + o), y2 = load<f32>(b2 + o), y3 = load<f32>(b3 + o);
          e00 += x0 * y0; e01 += x0 * y1; e02 += x0 * y2; e03 += x0 * y3;
          e10 += x1 * y0; e11 += x1 * y1; e12 += x1 * y2; e13 += x1 * y3;
        }
        t0 = f32x4.add(t0, f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(e00), 1, e01), 2, e02), 3, e03));
        t1 = f32x4.add(t1, f32x4.replace_lane(f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(e10), 1, e11), 2, e12), 3, e13));
      }
      const c0 = c + ((<usize>(i * ldc + j)) << 2);
      upd(c0, 0, t0, va, vb, mode);
      if (two) upd(c0 + ((<usize>ldc) << 2), 0, t1, va, vb, mode);
    }
    for (; j < n; j++) {
      const bj = b + (<usize>j) * row;
      const pc = c + ((<usize>(i * ldc + j)) << 2);
      store<f32>(pc, axpby(alpha, dot(a0, bj, k), beta, pc));
      if (two) {
        const pc1 = pc + ((<usize>ldc) << 2);
        store<f32>(pc1, axpby(alpha, dot(a1, bj, k), beta, pc1));
      }
    }
  }
}
