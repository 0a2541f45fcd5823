// im2col and col2im (vol2col/col2vol) of the wasm backend (float32); col's rows are ld floats apart
// (L for a contiguous column matrix, more for a column block of a batch's wider matrix). Per kernel offset and output
// row, the output columns whose input lies inside x form one range [lo, hi), and the output rows one
// range [ohLo, ohHi): im2col copies that part (at stride 1 one bulk copy per block when rows line up)
// and zero-fills around it; col2im adds it into x (SIMD at stride 1).

/** The first output index o ≥ 0 with o·d + off ≥ 0, and one past the last with o·d + off < n, clamped to [0, count]. */
@inline function lowOut(off: i32, d: i32, count: i32): i32 {
  const lo = off >= 0 ? 0 : (-off + d - 1) / d;
  return lo < count ? lo : count;
}
@inline function highOut(off: i32, d: i32, n: i32, count: i32): i32 {
  const hi = n - off <= 0 ? 0 : (n - 1 - off) / d + 1;
  return hi < count ? hi : count;
}

// Rows of a small image are a few floats long: SIMD loads and stores beat memory.copy/fill's call there.
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  if (n > 64) return memory.copy(dst, src, (<usize>n) << 2);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), v128.load(src + ((<usize>i) << 2)));
  for (; i < n; i++) store<f32>(dst + ((<usize>i) << 2), load<f32>(src + ((<usize>i) << 2)));
}
@inline function zeros(dst: usize, n: i32): void {
  if (n > 64) return memory.fill(dst, 0, (<usize>n) << 2);
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), z);
  for (; i < n; i++) store<f32>(dst + ((<usize>i) << 2), 0);
}

// Row r of col at stride 1 across (dW = 1) when an output row is as long as the input rows it steps over
// (dH·W = oW, e.g. "same" padding at stride 1): the in-range part of each oH × oW block is one contiguous
// run of x, copied whole; then the few out-of-range floats between rows (oW − hi + lo of them) are zeroed.
@inline function blockRows(q: usize, src: usize, lo: i32, hi: i32, ohLo: i32, ohHi: i32, oW: i32, n: i32): void {
  const start = ohLo * oW + lo, end = (ohHi - 1) * oW + hi;
  zeros(q, start);
  copyFloats(q + ((<usize>start) << 2), src, end - start);
  const gap = oW - hi + lo;
  if (gap > 0) {
    for (let oh = ohLo; oh < ohHi - 1; oh++) {
      const g = q + ((<usize>(oh * oW + hi)) << 2);
      if (gap == 1) store<f32>(g, 0);
      else zeros(g, gap);
    }
  }
  zeros(q + ((<usize>end) << 2), n - end);
}

// One output row at stride 1: zeros on [0, lo), x's span on [lo, hi), zeros on [hi, oW) (0 ≤ lo < hi ≤ oW).
@inline function spanRow(q: usize, src: usize, lo: i32, hi: i32, oW: i32): void {
  if (lo > 0) zeros(q, lo);
  copyFloats(q + ((<usize>lo) << 2), src, hi - lo);
  if (hi < oW) zeros(q + ((<usize>hi) << 2), oW - hi);
}

export function im2colF32(col: usize, x: usize, C: i32, T: i32, H: i32, W: i32, kT: i32, kH: i32, kW: i32,
  dT: i32, dH: i32, dW: i32, pT: i32, pH: i32, pW: i32, lT: i32, lH: i32, lW: i32, oT: i32, oH: i32, oW: i32, ld: i32): void {
  const plane = oH * oW, rowStride = dH * W;
  let r = 0;
  for (let c = 0; c < C; c++) for (let kt = 0; kt < kT; kt++) for (let kh = 0; kh < kH; kh++) for (let kw = 0; kw < kW; kw++) {
    let q = col + ((<usize>r * <usize>ld) << 2); // row r of col (rows ld floats apart)
    r++;
    const offW = kw * lW - pW, offH = kh * lH - pH;
    const lo = lowOut(offW, dW, oW), hi = highOut(offW, dW, W, oW);
    const ohLo = lowOut(offH, dH, oH), ohHi = highOut(offH, dH, H, oH);
    for (let ot = 0; ot < oT; ot++, q += (<usize>plane) << 2) {
      const it = ot * dT - pT + kt * lT;
      if (it < 0 || it >= T || lo >= hi || ohLo >= ohHi) {
        zeros(q, plane);
        continue;
      }
      // x's float at (it, ohLo·dH + offH, lo·dW + offW): the first one this block reads
      const first = x + ((<usize>(((c * T + it) * H + ohLo * dH + offH) * W + lo * dW + offW)) << 2);
      if (dW == 1 && rowStride == oW) {
        blockRows(q, first, lo, hi, ohLo, ohHi, oW, plane);
        continue;
      }
      zeros(q, ohLo * oW);
      let src = first;
      for (let oh = ohLo; oh < ohHi; oh++, src += (<usize>rowStride) << 2) {
        const d = q + ((<usize>(oh * oW)) << 2);
        if (dW == 1) spanRow(d, src, lo, hi, oW);
        else {
          if (lo > 0) zeros(d, lo);
          for (let ow = lo; ow < hi; ow++) store<f32>(d + ((<usize>ow) << 2), load<f32>(src + ((<usize>((ow - lo) * dW)) << 2)));
          if (hi < oW) zeros(d + ((<usize>hi) << 2), oW - hi);
        }
      }
      zeros(q + ((<usize>(ohHi * oW)) << 2), (oH - ohHi) * oW);
    }
  }
}

export function col2imF32(x: usize, col: usize, C: i32, T: i32, H: i32, W: i32, kT: i32, kH: i32, kW: i32,
  dT: i32, dH: i32, dW: i32, pT: i32, pH: i32, pW: i32, lT: i32, lH: i32, lW: i32, oT: i32, oH: i32, oW: i32, ld: i32): void {
  memory.fill(x, 0, (<usize>(C * T * H * W)) << 2);
  const rowBytes = (<usize>oW) << 2;
  let r = 0;
  for (let c = 0; c < C; c++) for (let kt = 0; kt < kT; kt++) for (let kh = 0; kh < kH; kh++) for (let kw = 0; kw < kW; kw++) {
    let q = col + ((<usize>r * <usize>ld) << 2); // row r of col (rows ld floats apart)
    r++;
    const offW = kw * lW - pW;
    const lo = lowOut(offW, dW, oW), hi = highOut(offW, dW, W, oW);
    for (let ot = 0; ot < oT; ot++) {
      const it = ot * dT - pT + kt * lT;
      for (let oh = 0; oh < oH; oh++, q += rowBytes) {
        const ih = oh * dH - pH + kh * lH;
        if (it < 0 || it >= T || ih < 0 || ih >= H) continue;
        const row = x + ((<usize>(((c * T + it) * H + ih) * W)) << 2);
        if (dW == 1) {
          const src = q + ((<usize>lo) << 2), dst = row + ((<usize>(lo + offW)) << 2), n = hi - lo;
          let i = 0;
          for (; i + 4 <= n; i += 4) {
            const o = (<usize>i) << 2;
            v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
          }
          for (; i < n; i++) {
            const o = (<usize>i) << 2;
            store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
          }
        } else {
          for (let ow = lo; ow < hi; ow++) {
            const d = row + ((<usize>(ow * dW + offW)) << 2);
            store<f32>(d, load<f32>(d) + load<f32>(q + ((<usize>ow) << 2)));
          }
        }
      }
    }
  }
}
