/**
 * Max and average pooling, max unpooling and nearest-neighbour upsampling of planes (geometry: ../poolShape.ts).
 * The js reference: float32 or float64 arrays, indexed from the tensors' offsets.
 */
import type { Tensor } from '../../Tensor.js';
import type { AvgPoolMode, PoolShape, UpsampleShape } from '../poolShape.js';

/** The first tap ≥ 0 of a window starting at `start` with taps `dil` apart. */
const firstTap = (start: number, dil: number): number => (start >= 0 ? start : start + Math.ceil(-start / dil) * dil);

export function maxPool2d(out: Tensor, indices: Tensor, x: Tensor, g: PoolShape): void {
  const xd = x.data, yd = out.data, id = indices.data, { iH, iW, kH, kW, dH, dW, padH, padW, dilH, dilW } = g;
  let y = out.offset, q = indices.offset;
  for (let p = 0; p < g.planes; p++) {
    const base = x.offset + p * iH * iW;
    for (let i = 0; i < g.oH; i++) {
      const h0 = i * dH - padH, hs = firstTap(h0, dilH), he = Math.min(h0 + (kH - 1) * dilH + 1, iH);
      for (let j = 0; j < g.oW; j++, y++, q++) {
        const w0 = j * dW - padW, ws = firstTap(w0, dilW), we = Math.min(w0 + (kW - 1) * dilW + 1, iW);
        let best = -Infinity, at = -1;
        if (hs < he && ws < we) { // the first tap seeds the maximum
          at = hs * iW + ws;
          best = xd[base + at]!;
        }
        for (let r = hs; r < he; r += dilH) {
          const row = r * iW;
          for (let c = ws; c < we; c += dilW) {
            const v = xd[base + row + c]!;
            if (v > best) { best = v; at = row + c; }
          }
        }
        yd[y] = best;
        id[q] = at;
      }
    }
  }
}

export function maxPool2dBackward(gradIn: Tensor, gradOut: Tensor, indices: Tensor, g: PoolShape): void {
  const gi = gradIn.data, go = gradOut.data, id = indices.data, plane = g.iH * g.iW, n = g.oH * g.oW;
  gi.fill(0, gradIn.offset, gradIn.offset + g.planes * plane);
  for (let p = 0; p < g.planes; p++) {
    const d = gradIn.offset + p * plane, s = gradOut.offset + p * n, q = indices.offset + p * n;
    for (let k = 0; k < n; k++) {
      const at = id[q + k]!;
      if (at >= 0) gi[d + at]! += go[s + k]!;
    }
  }
}

/** Unpooling scatters as the max-pooling backward does. */
export function maxUnpool2d(out: Tensor, x: Tensor, indices: Tensor, g: PoolShape): void {
  maxPool2dBackward(out, x, indices, g);
}

export function maxUnpool2dBackward(gradIn: Tensor, gradOut: Tensor, indices: Tensor, g: PoolShape): void {
  const gi = gradIn.data, go = gradOut.data, id = indices.data, plane = g.iH * g.iW, n = g.oH * g.oW;
  for (let p = 0; p < g.planes; p++) {
    const d = gradIn.offset + p * n, s = gradOut.offset + p * plane, q = indices.offset + p * n;
    for (let k = 0; k < n; k++) {
      const at = id[q + k]!;
      gi[d + k] = at >= 0 ? go[s + at]! : 0;
    }
  }
}

/** y[p, i, j] = factor·Σ window, or (backward) each window's factor·gy added to the cells it covers. */
function avgPool(x: Tensor, y: Tensor, g: PoolShape, mode: AvgPoolMode, backward: boolean): void {
  const { iH, iW, oH, oW } = g, xd = x.data, yd = y.data;
  if (backward) xd.fill(0, x.offset, x.offset + g.planes * iH * iW);
  let o = y.offset;
  for (let p = 0; p < g.planes; p++) {
    const base = x.offset + p * iH * iW;
    for (let i = 0; i < oH; i++) {
      const h0 = i * g.dH - g.padH, h1 = Math.min(h0 + g.kH, iH + g.padH), hs = Math.max(h0, 0), he = Math.min(h1, iH);
      for (let j = 0; j < oW; j++, o++) {
        const w0 = j * g.dW - g.padW, w1 = Math.min(w0 + g.kW, iW + g.padW), ws = Math.max(w0, 0), we = Math.min(w1, iW);
        const f = mode.scale / (mode.includePad ? (h1 - h0) * (w1 - w0) : (he - hs) * (we - ws));
        if (backward) {
          const v = yd[o]! * f;
          for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) xd[base + r * iW + c]! += v;
        } else {
          let s = 0;
          for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) s += xd[base + r * iW + c]!;
          yd[o] = s * f;
        }
      }
    }
  }
}

export function avgPool2d(out: Tensor, x: Tensor, g: PoolShape, mode: AvgPoolMode): void {
  avgPool(x, out, g, mode, false);
}

export function avgPool2dBackward(gradIn: Tensor, gradOut: Tensor, g: PoolShape, mode: AvgPoolMode): void {
  avgPool(gradIn, gradOut, g, mode, true);
}

/** y = x upsampled, or (backward) x = the sum of each block of y. */
function nearest(x: Tensor, y: Tensor, g: UpsampleShape, backward: boolean): void {
  const { T, H, W, sT, s } = g, xd = x.data, yd = y.data, plane = T * H * W;
  if (backward) xd.fill(0, x.offset, x.offset + g.planes * plane);
  let o = y.offset;
  for (let p = 0; p < g.planes; p++) {
    const base = x.offset + p * plane;
    for (let a = 0; a < T * sT; a++) {
      for (let b = 0; b < H * s; b++) {
        const row = base + (Math.floor(a / sT) * H + Math.floor(b / s)) * W;
        for (let c = 0; c < W * s; c++, o++) {
          const k = row + Math.floor(c / s);
          if (backward) xd[k]! += yd[o]!;
          else yd[o] = xd[k]!;
        }
      }
    }
  }
}

export function upsampleNearest(out: Tensor, x: Tensor, g: UpsampleShape): void {
  nearest(x, out, g, false);
}

export function upsampleNearestBackward(gradIn: Tensor, gradOut: Tensor, g: UpsampleShape): void {
  nearest(gradIn, gradOut, g, true);
}
