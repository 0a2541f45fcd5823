// Matrix products of the wasm backend (AssemblyScript, 128-bit SIMD). All matrices are row-major
// float32 at byte addresses; C = alpha·op(A)·op(B) + beta·C. This file: the blocked path, gemmXN.
import { scaleC, upd, updMode } from './gemmCommon';
import { gemmSmall } from './gemmUnblocked';

// ---- The blocked path (gemmXN): k in blocks of KC, n in blocks of NC, C in register blocks of 4 rows ×
// 8 columns (8 f32x4 accumulators, a broadcast load of A per row and step of k). op(A) is copied 4 rows
// at a time into [p][4]; op(B) is copied into panels of 8 columns ([p][8], zero-padded) unless its rows
// are contiguous and it can be read in place. beta is applied when the first block of k stores its results.

const KC = 256, NC = 256;
/** Up to this many rows of A, B's full panels are read in place when its rows are contiguous. */
const IN_PLACE_MAX_M = 128;
const B_PACKED = 0, B_IN_PLACE = 1, B_COPY = 2;

// gemmXN's scratch, in floats: min(KC, k)·⌈min(NC, n)/8⌉·8 for op(B)'s block, 4·min(KC, k) for 4 rows
// of op(A), 32 for one register block: at most 66,592 floats (260 KiB). index.ts reserves exactly this.

/** c[0..cols) of `rows` rows = bb·c + tmp (tmp: alpha·acc, rows of 8 floats); bb == 0 ignores c. */
function mergeTile(tmp: usize, rows: i32, cols: i32, c: usize, ldc: i32, bb: f32): void {
  for (let r = 0; r < rows; r++) {
    const pc = c + ((<usize>(r * ldc)) << 2), pt = tmp + ((<usize>r) << 5);
    for (let j = 0; j < cols; j++) {
      const o = (<usize>j) << 2;
      const v = load<f32>(pt + o);
      store<f32>(pc + o, bb == 0 ? v : bb == 1 ? load<f32>(pc + o) + v : bb * load<f32>(pc + o) + v);
    }
  }
}

/**
 * C block (rows × cols of 4 × 8) = bb·C + alpha·Σ_p A(r, p)·B(p, 0..8) over p < kc: A from its copy pa
 * ([p][4]), or, with copyA, read in place (A(r, p) at a + r·sr + p·sp) and copied to pa on the way;
 * B at pb + p·dB, copied to pbOut ([p][8]) on the way with copyB. copyA and copyB are constants: each
 * combination compiles to its own loop.
 */
@inline function block4x8(copyA: bool, copyB: bool, kc: i32, a: usize, sr: usize, sp: usize, pa: usize, pb: usize, dB: usize, pbOut: usize,
  c: usize, ldc: i32, alpha: f32, bb: f32, rows: i32, cols: i32, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let a0 = a, a1 = a + sr, a2 = a1 + sr, a3 = a2 + sr;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    if (copyB) { v128.store(pbOut, b0); v128.store(pbOut, b1, 16); pbOut += 32; }
    let x: v128;
    if (copyA) { x = v128.load32_splat(a0); v128.store32_lane(pa, x, 0); a0 += sp; } else x = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(x, b0)); c01 = f32x4.add(c01, f32x4.mul(x, b1));
    if (copyA) { x = v128.load32_splat(a1); v128.store32_lane(pa, x, 0, 4); a1 += sp; } else x = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0)); c11 = f32x4.add(c11, f32x4.mul(x, b1));
    if (copyA) { x = v128.load32_splat(a2); v128.store32_lane(pa, x, 0, 8); a2 += sp; } else x = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0)); c21 = f32x4.add(c21, f32x4.mul(x, b1));
    if (copyA) { x = v128.load32_splat(a3); v128.store32_lane(pa, x, 0, 12); a3 += sp; } else x = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0)); c31 = f32x4.add(c31, f32x4.mul(x, b1));
    pa += 16; pb += dB;
  }
  const va = f32x4.splat(alpha), vb = f32x4.splat(bb);
  if (cols == 8) {
    const mode = updMode(alpha, bb);
    const dC = (<usize>ldc) << 2;
    let pc = c;
    upd(pc, 0, c00, va, vb, mode); upd(pc, 16, c01, va, vb, mode);
    if (rows > 1) { pc += dC; upd(pc, 0, c10, va, vb, mode); upd(pc, 16, c11, va, vb, mode); }
    if (rows > 2) { pc += dC; upd(pc, 0, c20, va, vb, mode); upd(pc, 16, c21, va, vb, mode); }
    if (rows > 3) { pc += dC; upd(pc, 0, c30, va, vb, mode); upd(pc, 16, c31, va, vb, mode); }
  } else {
    v128.store(tmp, f32x4.mul(va, c00)); v128.store(tmp, f32x4.mul(va, c01), 16);
    v128.store(tmp, f32x4.mul(va, c10), 32); v128.store(tmp, f32x4.mul(va, c11), 48);
    v128.store(tmp, f32x4.mul(va, c20), 64); v128.store(tmp, f32x4.mul(va, c21), 80);
    v128.store(tmp, f32x4.mul(va, c30), 96); v128.store(tmp, f32x4.mul(va, c31), 112);
    mergeTile(tmp, rows, cols, c, ldc, bb);
  }
}

/** The common block: A and B from their copies (or B in place). */
function kernel4x8(kc: i32, pa: usize, pb: usize, dB: usize, c: usize, ldc: i32, alpha: f32, bb: f32, rows: i32, cols: i32, tmp: usize): void {
  block4x8(false, false, kc, 0, 0, 0, pa, pb, dB, 0, c, ldc, alpha, bb, rows, cols, tmp);
}
/** The first block of a row of blocks: copies 4 full rows of A to pa. */
function kernel4x8A(kc: i32, a: usize, sr: usize, sp: usize, pa: usize, pb: usize, dB: usize, c: usize, ldc: i32, alpha: f32, bb: f32, cols: i32, tmp: usize): void {
  block4x8(true, false, kc, a, sr, sp, pa, pb, dB, 0, c, ldc, alpha, bb, 4, cols, tmp);
}
/** The first row of blocks' other blocks: copies B's panel to pbOut. */
function kernel4x8B(kc: i32, pa: usize, pb: usize, dB: usize, pbOut: usize, c: usize, ldc: i32, alpha: f32, bb: f32, rows: i32, cols: i32, tmp: usize): void {
  block4x8(false, true, kc, 0, 0, 0, pa, pb, dB, pbOut, c, ldc, alpha, bb, rows, cols, tmp);
}
/** The very first block: copies both. */
function kernel4x8AB(kc: i32, a: usize, sr: usize, sp: usize, pa: usize, pb: usize, dB: usize, pbOut: usize, c: usize, ldc: i32, alpha: f32, bb: f32, cols: i32, tmp: usize): void {
  block4x8(true, true, kc, a, sr, sp, pa, pb, dB, pbOut, c, ldc, alpha, bb, 4, cols, tmp);
}

/** 4×4 transpose of x0..x3 (rows) stored as 4 rows at d, d + s, d + 2s, d + 3s (bytes). */
@inline function transpose4(x0: v128, x1: v128, x2: v128, x3: v128, d: usize, s: usize): void {
  const t0 = i32x4.shuffle(x0, x1, 0, 4, 1, 5), t1 = i32x4.shuffle(x0, x1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(x2, x3, 0, 4, 1, 5), t3 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
  v128.store(d, i64x2.shuffle(t0, t2, 0, 2)); v128.store(d + s, i64x2.shuffle(t0, t2, 1, 3));
  v128.store(d + 2 * s, i64x2.shuffle(t1, t3, 0, 2)); v128.store(d + 3 * s, i64x2.shuffle(t1, t3, 1, 3));
}

/** Pack B(p, j) (at b + 4(p·sBp + j·sBj)) for p < kc, j < nc into panels of 8 columns [p][8], zero-padded; panel q at dst + q·kc·32. */
function packB(kc: i32, nc: i32, b: usize, sBp: i32, sBj: i32, dst: usize): void {
  for (let j = 0; j < nc; j += 8) {
    const w = min(8, nc - j);
    const src = b + ((<usize>(j * sBj)) << 2);
    if (w == 8 && sBj == 1) {
      const dS = (<usize>sBp) << 2;
      let s = src, d = dst;
      for (let p = 0; p < kc; p++) { v128.store(d, v128.load(s)); v128.store(d, v128.load(s, 16), 16); s += dS; d += 32; }
    } else if (w == 8 && sBp == 1) {
      // 8 rows of Bᵀ, each contiguous in p: two 4×4 transposes per 4 values of p
      const dR = (<usize>sBj) << 2;
      const r0 = src, r1 = r0 + dR, r2 = r1 + dR, r3 = r2 + dR, r4 = r3 + dR, r5 = r4 + dR, r6 = r5 + dR, r7 = r6 + dR;
      let p = 0, d = dst;
      for (; p + 4 <= kc; p += 4) {
        const o = (<usize>p) << 2;
        transpose4(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), d, 32);
        transpose4(v128.load(r4 + o), v128.load(r5 + o), v128.load(r6 + o), v128.load(r7 + o), d + 16, 32);
        d += 128;
      }
      for (; p < kc; p++) {
        const o = (<usize>p) << 2;
        store<f32>(d, load<f32>(r0 + o)); store<f32>(d, load<f32>(r1 + o), 4); store<f32>(d, load<f32>(r2 + o), 8); store<f32>(d, load<f32>(r3 + o), 12);
        store<f32>(d, load<f32>(r4 + o), 16); store<f32>(d, load<f32>(r5 + o), 20); store<f32>(d, load<f32>(r6 + o), 24); store<f32>(d, load<f32>(r7 + o), 28);
        d += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + ((<usize>p) << 5);
        for (let jj = 0; jj < 8; jj++) store<f32>(d + ((<usize>jj) << 2), jj < w ? load<f32>(src + ((<usize>(p * sBp + jj * sBj)) << 2)) : 0);
      }
    }
    dst += (<usize>kc) << 5;
  }
}

/** Pack A(r, p) (at a + 4(r·sAi + p·sAp)) for r < rows (≤ 4), p < kc into [p][4], rows past `rows` zero. */
function packA(kc: i32, rows: i32, a: usize, sAi: i32, sAp: i32, dst: usize): void {
  if (rows == 4 && sAi == 1) {
    const dS = (<usize>sAp) << 2;
    let s = a, d = dst;
    for (let p = 0; p < kc; p++) { v128.store(d, v128.load(s)); s += dS; d += 16; }
  } else if (rows == 4 && sAp == 1) {
    const dR = (<usize>sAi) << 2;
    const r0 = a, r1 = r0 + dR, r2 = r1 + dR, r3 = r2 + dR;
    let p = 0, d = dst;
    for (; p + 4 <= kc; p += 4) {
      const o = (<usize>p) << 2;
      transpose4(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), d, 16);
      d += 64;
    }
    for (; p < kc; p++) {
      const o = (<usize>p) << 2;
      store<f32>(d, load<f32>(r0 + o)); store<f32>(d, load<f32>(r1 + o), 4); store<f32>(d, load<f32>(r2 + o), 8); store<f32>(d, load<f32>(r3 + o), 12);
      d += 16;
    }
  } else {
    for (let p = 0; p < kc; p++) {
      const d = dst + ((<usize>p) << 4);
      for (let r = 0; r < 4; r++) store<f32>(d + ((<usize>r) << 2), r < rows ? load<f32>(a + ((<usize>(r * sAi + p * sAp)) << 2)) : 0);
    }
  }
}

/**
 * C = alpha·op(A)·op(B) + beta·C (beta = 0 ignores C's old contents, NaN included) for any transpose
 * case: A(i, p) at a + 4(i·sAi + p·sAp) and B(p, j) at b + 4(p·sBp + j·sBj), with sAi or sAp 1 and
 * sBp or sBj 1. m < 4 or k < 4 with B's rows contiguous (sBj = 1) walks B in place (gemmSmall, no
 * scratch); otherwise the blocked path, which needs the scratch described above at `scratch`.
 */
export function gemmXN(m: i32, n: i32, k: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, sBp: i32, sBj: i32, beta: f32, c: usize, ldc: i32, scratch: usize): void {
  if (m <= 0 || n <= 0) return;
  if (alpha == 0 || k <= 0) { scaleC(m, n, beta, c, ldc); return; }
  if ((m < 4 || k < 4) && sBj == 1) { gemmSmall(m, n, k, alpha, a, sAi, sAp, b, sBp, beta, c, ldc); return; }
  const kcMax = min(KC, k), ncMax = (min(NC, n) + 7) & ~7;
  const pB = scratch, pA = pB + ((<usize>(kcMax * ncMax)) << 2), tmp = pA + ((<usize>(4 * kcMax)) << 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const bb: f32 = p0 == 0 ? beta : 1; // later blocks of k accumulate
    const ap = a + ((<usize>(p0 * sAp)) << 2), bp = b + ((<usize>(p0 * sBp)) << 2);
    if (kc < 64) depthShort(m, n, kc, alpha, ap, sAi, sAp, bp, sBp, sBj, bb, c, ldc, pB, pA, tmp);
    else depthLong(m, n, kc, alpha, ap, sAi, sAp, bp, sBp, sBj, bb, c, ldc, pB, pA, tmp);
  }
}

/** kernel4x8, inlined. */
@inline function kernel4x8Inline(kc: i32, pa: usize, pb: usize, dB: usize, c: usize, ldc: i32, alpha: f32, bb: f32, rows: i32, cols: i32, tmp: usize): void {
  block4x8(false, false, kc, 0, 0, 0, pa, pb, dB, 0, c, ldc, alpha, bb, rows, cols, tmp);
}

/**
 * One block of k (kc < 64, where each block's fixed costs weigh): B's full panels read in place when
 * its rows are contiguous (kc rows of B stay in cache), else op(B) copied first; 4 rows of op(A) copied
 * per row of blocks; the block inlined.
 */
function depthShort(m: i32, n: i32, kc: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, sBp: i32, sBj: i32, bb: f32, c: usize, ldc: i32,
  pB: usize, pA: usize, tmp: usize): void {
  const inPlace = sBj == 1, dB = (<usize>sBp) << 2, panel = (<usize>kc) << 5;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0), nFull = inPlace ? nc & ~7 : 0;
    const bBlock = b + ((<usize>(j0 * sBj)) << 2);
    if (nFull < nc) packB(kc, nc - nFull, bBlock + ((<usize>(nFull * sBj)) << 2), sBp, sBj, pB);
    for (let i0 = 0; i0 < m; i0 += 4) {
      const rows = min(4, m - i0);
      packA(kc, rows, a + ((<usize>(i0 * sAi)) << 2), sAi, sAp, pA);
      let cc = c + ((<usize>(i0 * ldc + j0)) << 2), pb = bBlock;
      for (let j = 0; j < nFull; j += 8) {
        kernel4x8Inline(kc, pA, pb, dB, cc, ldc, alpha, bb, rows, 8, tmp);
        pb += 32; cc += 32;
      }
      pb = pB;
      for (let j = nFull; j < nc; j += 8) {
        kernel4x8(kc, pA, pb, 32, cc, ldc, alpha, bb, rows, min(8, nc - j), tmp);
        pb += panel; cc += 32;
      }
    }
  }
}

/**
 * One block of k (kc ≥ 64): the copies ride along the first blocks that read them. Each row of
 * blocks' first block reads 4 rows of op(A) in place and copies them for the rest of the row. B's full
 * panels of 8 columns: B_PACKED (copied before the first row of blocks: Bᵀ), or, with B's rows contiguous,
 * B_IN_PLACE (few rows of A) or B_COPY (read in place by the first row of blocks, which copies them
 * for the others). A last partial panel is copied first.
 */
function depthLong(m: i32, n: i32, kc: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, sBp: i32, sBj: i32, bb: f32, c: usize, ldc: i32,
  pB: usize, pA: usize, tmp: usize): void {
  const bMode = sBj != 1 ? B_PACKED : m <= IN_PLACE_MAX_M ? B_IN_PLACE : B_COPY;
  const sr = (<usize>sAi) << 2, sp = (<usize>sAp) << 2, dBp = (<usize>sBp) << 2, panel = (<usize>kc) << 5;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0), nFull = bMode == B_PACKED ? 0 : nc & ~7;
    const bBlock = b + ((<usize>(j0 * sBj)) << 2), tail = pB + (<usize>(nFull >> 3)) * panel;
    if (nFull < nc) packB(kc, nc - nFull, bBlock + ((<usize>(nFull * sBj)) << 2), sBp, sBj, tail);
    for (let i0 = 0; i0 < m; i0 += 4) {
      const rows = min(4, m - i0);
      const ai = a + ((<usize>(i0 * sAi)) << 2);
      let copyA = rows == 4; // else a zero-padded copy now
      if (!copyA) packA(kc, rows, ai, sAi, sAp, pA);
      const copyB = bMode == B_COPY && i0 == 0;
      const direct = bMode == B_IN_PLACE || copyB;
      let cc = c + ((<usize>(i0 * ldc + j0)) << 2);
      for (let j = 0; j < nFull; j += 8) {
        const pbj = pB + (<usize>(j >> 3)) * panel;
        const pb = direct ? bBlock + ((<usize>j) << 2) : pbj, dB = direct ? dBp : 32;
        if (copyA) {
          if (copyB) kernel4x8AB(kc, ai, sr, sp, pA, pb, dB, pbj, cc, ldc, alpha, bb, 8, tmp);
          else kernel4x8A(kc, ai, sr, sp, pA, pb, dB, cc, ldc, alpha, bb, 8, tmp);
          copyA = false;
        } else if (copyB) kernel4x8B(kc, pA, pb, dB, pbj, cc, ldc, alpha, bb, rows, 8, tmp);
        else kernel4x8(kc, pA, pb, dB, cc, ldc, alpha, bb, rows, 8, tmp);
        cc += 32;
      }
      let pb = tail;
      for (let j = nFull; j < nc; j += 8) {
        if (copyA) { kernel4x8A(kc, ai, sr, sp, pA, pb, 32, cc, ldc, alpha, bb, min(8, nc - j), tmp); copyA = false; }
        else kernel4x8(kc, pA, pb, 32, cc, ldc, alpha, bb, rows, min(8, nc - j), tmp);
        pb += panel; cc += 32;
      }
    }
  }
}

/** dst (cols × rows) = srcᵀ for src rows × cols. */
