// The copies of the blocked matrix product (gemm.ts): op(A)'s rows into slivers of 4 rows, op(B)'s
// columns into panels of 8, a partial register block merged into C. float32, 128-bit SIMD.

/** c[0..cols) of `rows` rows = bb·c + tmp (tmp: alpha·acc, rows of 8 floats); bb == 0 ignores c. */
export function mergeTile(tmp: usize, rows: i32, cols: i32, c: usize, ldc: i32, bb: f32): void {
  for (let r = 0; r < rows; r++) {
    const pc = c + ((<usize>(r * ldc)) << 2), pt = tmp + ((<usize>r) << 5);
    for (let j = 0; j < cols; j++) {
      const o = (<usize>j) << 2;
      const v = load<f32>(pt + o);
      store<f32>(pc + o, bb == 0 ? v : bb == 1 ? load<f32>(pc + o) + v : bb * load<f32>(pc + o) + v);
    }
  }
}

/** 4×4 transpose of x0..x3 (rows) stored as 4 rows at d, d + s, d + 2s, d + 3s (bytes). */
@inline function transpose4(x0: v128, x1: v128, x2: v128, x3: v128, d: usize, s: usize): void {
  const t0 = i32x4.shuffle(x0, x1, 0, 4, 1, 5), t1 = i32x4.shuffle(x0, x1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(x2, x3, 0, 4, 1, 5), t3 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
  v128.store(d, i64x2.shuffle(t0, t2, 0, 2)); v128.store(d + s, i64x2.shuffle(t0, t2, 1, 3));
  v128.store(d + 2 * s, i64x2.shuffle(t1, t3, 0, 2)); v128.store(d + 3 * s, i64x2.shuffle(t1, t3, 1, 3));
}

/**
 * Bytes from one packed panel of B (kc rows of 8 floats) to the next: one cache line more than the
 * panel, so that row p of successive panels falls in different sets of the L1 cache (packBRows writes
 * them one after the other; at 8 KiB apart they would all share a set).
 */
@inline export function panelBytes(kc: i32): usize {
  return ((<usize>kc) << 5) + 64;
}

/** Pack B(p, j) (at b + 4(p·sBp + j·sBj)) for p < kc, j < nc into panels of 8 columns [p][8], zero-padded; panel q at dst + q·panelBytes(kc). */
export function packB(kc: i32, nc: i32, b: usize, sBp: i32, sBj: i32, dst: usize): void {
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
    dst += panelBytes(kc);
  }
}

/**
 * Pack the nc / 8 full panels of B(p, j) (at b + 4(p·sBp + j), rows contiguous) for p < kc into [p][8],
 * panel q at dst + q·panelBytes(kc): row by row, so that B is read in order (the hardware prefetches it).
 */
export function packBRows(kc: i32, nc: i32, b: usize, sBp: i32, dst: usize): void {
  const panels = nc >> 3, panel = panelBytes(kc), dS = (<usize>sBp) << 2;
  let s = b, d = dst;
  for (let p = 0; p < kc; p++) {
    let sq = s, dq = d;
    for (let q = 0; q < panels; q++) {
      v128.store(dq, v128.load(sq)); v128.store(dq, v128.load(sq, 16), 16);
      sq += 32; dq += panel;
    }
    s += dS; d += 32;
  }
}

/** Pack A(r, p) (at a + 4(r·sAi + p·sAp)) for r < rows (≤ 4), p < kc into [p][4], rows past `rows` zero. */
export function packA(kc: i32, rows: i32, a: usize, sAi: i32, sAp: i32, dst: usize): void {
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

