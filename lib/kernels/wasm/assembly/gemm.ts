// Matrix products of the wasm backend (AssemblyScript, 128-bit SIMD). All matrices are row-major
// float32 at byte addresses; C = alpha·op(A)·op(B) + beta·C. This file: the blocked path, gemmXN.
import { scaleC, upd, updMode } from './gemmCommon';
import { mergeTile, packA, packB, packBRows, panelBytes } from './gemmPack';
import { gemmSmall } from './gemmUnblocked';

// ---- The blocked path (gemmXN): k in blocks of KC, n in blocks of NC, C in register blocks of 4 rows ×
// 8 columns (8 f32x4 accumulators, a broadcast load of A per row and step of k). op(A) is copied 4 rows
// at a time into [p][4]; op(B) is copied into panels of 8 columns ([p][8], zero-padded; panelBytes apart)
// unless its rows are contiguous and it can be read in place. beta is applied when the first block of k
// stores its results.

const KC = 256, NC = 256;
/** Up to this many rows of A, B's full panels are read in place when its rows are contiguous. */
const IN_PLACE_MAX_M = 128;
/**
 * A B with contiguous rows and more than this many floats (1.5 MiB) is taken not to be in L2: read in
 * place, a panel's rows (n floats apart) would each wait on memory, so each block is copied first, row
 * by row, in the order the hardware prefetches (B_ROWS). Below it, reading in place is faster.
 */
const BIG_B: i64 = 3 << 17;
const B_PACKED = 0, B_IN_PLACE = 1, B_COPY = 2, B_ROWS = 3;

// gemmXN's scratch, in floats: ⌈min(NC, n)/8⌉·(8·min(KC, k) + 16) for op(B)'s block (panels of
// min(KC, k) rows of 8 and a cache line), 4·min(KC, k) for 4 rows of op(A), 32 for one register block:
// at most 67,104 floats (262 KiB). index.ts reserves exactly this.

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
  const bigB = <i64>k * n > BIG_B;
  const kcMax = min(KC, k), ncMax = (min(NC, n) + 7) & ~7;
  const pB = scratch, pA = pB + (<usize>(ncMax >> 3)) * panelBytes(kcMax), tmp = pA + ((<usize>(4 * kcMax)) << 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const bb: f32 = p0 == 0 ? beta : 1; // later blocks of k accumulate
    const ap = a + ((<usize>(p0 * sAp)) << 2), bp = b + ((<usize>(p0 * sBp)) << 2);
    if (kc < 64) depthShort(m, n, kc, alpha, ap, sAi, sAp, bp, sBp, sBj, bb, c, ldc, pB, pA, tmp);
    else depthLong(m, n, kc, alpha, ap, sAi, sAp, bp, sBp, sBj, bb, c, ldc, pB, pA, tmp, bigB);
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
  const inPlace = sBj == 1, dB = (<usize>sBp) << 2, panel = panelBytes(kc);
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
 * B_ROWS (a big B, bigB: copied before the first row of blocks, row by row), B_IN_PLACE (few rows of A)
 * or B_COPY (read in place by the first row of blocks, which copies them for the others). A last
 * partial panel is copied first.
 */
function depthLong(m: i32, n: i32, kc: i32, alpha: f32, a: usize, sAi: i32, sAp: i32, b: usize, sBp: i32, sBj: i32, bb: f32, c: usize, ldc: i32,
  pB: usize, pA: usize, tmp: usize, bigB: bool): void {
  const bMode = sBj != 1 ? B_PACKED : bigB ? B_ROWS : m <= IN_PLACE_MAX_M ? B_IN_PLACE : B_COPY;
  const sr = (<usize>sAi) << 2, sp = (<usize>sAp) << 2, dBp = (<usize>sBp) << 2, panel = panelBytes(kc);
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0), nFull = bMode == B_PACKED ? 0 : nc & ~7;
    const bBlock = b + ((<usize>(j0 * sBj)) << 2), tail = pB + (<usize>(nFull >> 3)) * panel;
    if (nFull < nc) packB(kc, nc - nFull, bBlock + ((<usize>(nFull * sBj)) << 2), sBp, sBj, tail);
    if (bMode == B_ROWS) packBRows(kc, nFull, bBlock, sBp, pB);
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

