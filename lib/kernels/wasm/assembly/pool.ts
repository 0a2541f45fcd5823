// Max and average pooling, max unpooling and nearest-neighbour upsampling of the wasm backend (float32; geometry
// in poolArgs's order, ../../poolShape.ts). Max-pooling positions are float32 within the plane.
// Average pooling sums kH rows into a row of column sums first (SIMD), then kW columns of it.

@inline function at(p: usize, i: i32): usize {
  return p + ((<usize>i) << 2);
}

/** The first tap ≥ 0 of a window starting at `start` with taps `dil` apart. */
@inline function firstTap(start: i32, dil: i32): i32 {
  return start >= 0 ? start : start + ((-start + dil - 1) / dil) * dil;
}

export function maxPool2dF32(y: usize, idx: usize, x: usize, planes: i32, iH: i32, iW: i32, oH: i32, oW: i32,
  kH: i32, kW: i32, dH: i32, dW: i32, pH: i32, pW: i32, lH: i32, lW: i32): void {
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = at(x, p * iH * iW);
    for (let i = 0; i < oH; i++) {
      const h0 = i * dH - pH, hs = firstTap(h0, lH), he = min(h0 + (kH - 1) * lH + 1, iH);
      for (let j = 0; j < oW; j++, o++) {
        const w0 = j * dW - pW, ws = firstTap(w0, lW), we = min(w0 + (kW - 1) * lW + 1, iW);
        let best = -Infinity as f32, arg = -1;
        if (hs < he && ws < we) { // the first tap seeds the maximum
          arg = hs * iW + ws;
          best = load<f32>(at(base, arg));
        }
        for (let r = hs; r < he; r += lH) {
          const row = r * iW;
          for (let c = ws; c < we; c += lW) {
            const v = load<f32>(at(base, row + c));
            if (v > best) { best = v; arg = row + c; }
          }
        }
        store<f32>(at(y, o), best);
        store<f32>(at(idx, o), <f32>arg);
      }
    }
  }
}

export function maxPool2dBackwardF32(gx: usize, gy: usize, idx: usize, planes: i32, plane: i32, n: i32): void {
  memory.fill(gx, 0, (<usize>(planes * plane)) << 2);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = at(gx, p * plane);
    for (let k = 0; k < n; k++, o++) {
      const a = <i32>load<f32>(at(idx, o));
      if (a >= 0) {
        const d = at(base, a);
        store<f32>(d, load<f32>(d) + load<f32>(at(gy, o)));
      }
    }
  }
}

/** Max unpooling's backward: gx[p, k] = gy[p, idx[p, k]] (0 where the index is −1), n inputs and `plane` outputs a plane. */
export function maxUnpool2dBackwardF32(gx: usize, gy: usize, idx: usize, planes: i32, plane: i32, n: i32): void {
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = at(gy, p * plane);
    for (let k = 0; k < n; k++, o++) {
      const a = <i32>load<f32>(at(idx, o));
      store<f32>(at(gx, o), a >= 0 ? load<f32>(at(base, a)) : 0);
    }
  }
}

/** dst[0..n) += src[0..n) (SIMD). */
@inline function addRow(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(dst, i), f32x4.add(v128.load(at(dst, i)), v128.load(at(src, i))));
  for (; i < n; i++) store<f32>(at(dst, i), load<f32>(at(dst, i)) + load<f32>(at(src, i)));
}

/** avgPool2d forward (backward = 0) or backward; `row` is scratch for iW floats. */
export function avgPool2dF32(x: usize, y: usize, row: usize, backward: i32, planes: i32, iH: i32, iW: i32, oH: i32, oW: i32,
  kH: i32, kW: i32, dH: i32, dW: i32, pH: i32, pW: i32, includePad: i32, scale: f32): void {
  if (backward) memory.fill(x, 0, (<usize>(planes * iH * iW)) << 2);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = at(x, p * iH * iW);
    for (let i = 0; i < oH; i++) {
      const h0 = i * dH - pH, h1 = min(h0 + kH, iH + pH), hs = max(h0, 0), he = min(h1, iH);
      memory.fill(row, 0, (<usize>iW) << 2);
      if (!backward) for (let r = hs; r < he; r++) addRow(row, at(base, r * iW), iW);
      for (let j = 0; j < oW; j++, o++) {
        const w0 = j * dW - pW, w1 = min(w0 + kW, iW + pW), ws = max(w0, 0), we = min(w1, iW);
        const f = scale / <f32>(includePad ? (h1 - h0) * (w1 - w0) : (he - hs) * (we - ws));
        if (backward) {
          const v = load<f32>(at(y, o)) * f;
          for (let c = ws; c < we; c++) store<f32>(at(row, c), load<f32>(at(row, c)) + v);
        } else {
          let s: f32 = 0;
          for (let c = ws; c < we; c++) s += load<f32>(at(row, c));
          store<f32>(at(y, o), s * f);
        }
      }
      if (backward) for (let r = hs; r < he; r++) addRow(at(base, r * iW), row, iW);
    }
  }
}

export function upsampleNearestF32(y: usize, x: usize, planes: i32, T: i32, H: i32, W: i32, sT: i32, s: i32): void {
  const oW = W * s, rowBytes = (<usize>oW) << 2, sliceBytes = rowBytes * <usize>(H * s);
  let q = y, src = x;
  for (let p = 0; p < planes; p++) {
    for (let t = 0; t < T; t++) {
      const slice = q;
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++) {
          const v = load<f32>(src);
          src += 4;
          for (let k = 0; k < s; k++) store<f32>(at(q, w * s + k), v);
        }
        for (let k = 1; k < s; k++) memory.copy(q + rowBytes * <usize>k, q, rowBytes);
        q += rowBytes * <usize>s;
      }
      for (let k = 1; k < sT; k++) memory.copy(slice + sliceBytes * <usize>k, slice, sliceBytes);
      q += sliceBytes * <usize>(sT - 1);
    }
  }
}

export function upsampleNearestBackwardF32(gx: usize, gy: usize, planes: i32, T: i32, H: i32, W: i32, sT: i32, s: i32): void {
  const oW = W * s;
  let q = gy, dst = gx;
  for (let p = 0; p < planes; p++) {
    for (let t = 0; t < T; t++) {
      memory.fill(dst, 0, (<usize>(H * W)) << 2);
      for (let a = 0; a < sT; a++) {
        for (let h = 0; h < H; h++) {
          const d = at(dst, h * W);
          for (let b = 0; b < s; b++, q = at(q, oW)) {
            for (let w = 0; w < W; w++) {
              let sum: f32 = load<f32>(at(d, w));
              for (let k = 0; k < s; k++) sum += load<f32>(at(q, w * s + k));
              store<f32>(at(d, w), sum);
            }
          }
        }
      }
      dst = at(dst, H * W);
    }
  }
}
