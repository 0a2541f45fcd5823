/** Row-wise kernels of the js backend: (log-)softmax, argmax and the class NLL. */
import type { Tensor } from '../../Tensor.js';

export function logSoftmax(out: Tensor, x: Tensor, rows: number, cols: number): void {
  const o = out.data, xd = x.data;
  for (let r = 0; r < rows; r++) {
    const xi = x.offset + r * cols, oi = out.offset + r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (xd[xi + c]! > m) m = xd[xi + c]!;
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(xd[xi + c]! - m);
    const lse = m + Math.log(s); // y_i = x_i − (m + log Σ exp(x_j − m))
    for (let c = 0; c < cols; c++) o[oi + c] = xd[xi + c]! - lse;
  }
}

export function logSoftmaxBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void {
  const g = gradIn.data, yd = y.data, go = gradOut.data;
  for (let r = 0; r < rows; r++) {
    const gi = gradIn.offset + r * cols, yi = y.offset + r * cols, oi = gradOut.offset + r * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += go[oi + c]!;
    for (let c = 0; c < cols; c++) g[gi + c] = go[oi + c]! - Math.exp(yd[yi + c]!) * s; // dy_i/dx_j = δ_ij − p_j
  }
}

export function softmax(out: Tensor, x: Tensor, rows: number, cols: number): void {
  const o = out.data, xd = x.data;
  for (let r = 0; r < rows; r++) {
    const xi = x.offset + r * cols, oi = out.offset + r * cols;
    let m = -Infinity;
    for (let c = 0; c < cols; c++) if (xd[xi + c]! > m) m = xd[xi + c]!;
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(xd[xi + c]! - m);
      o[oi + c] = e;
      s += e;
    }
    for (let c = 0; c < cols; c++) o[oi + c]! /= s;
  }
}

export function softmaxBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void {
  const g = gradIn.data, yd = y.data, go = gradOut.data;
  for (let r = 0; r < rows; r++) {
    const gi = gradIn.offset + r * cols, yi = y.offset + r * cols, oi = gradOut.offset + r * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += go[oi + c]! * yd[yi + c]!;
    for (let c = 0; c < cols; c++) g[gi + c] = yd[yi + c]! * (go[oi + c]! - s); // dy_i/dx_j = y_i(δ_ij − y_j)
  }
}

export function argmaxRows(out: Tensor, x: Tensor, rows: number, cols: number): void {
  const o = out.data, xd = x.data;
  for (let r = 0; r < rows; r++) {
    const xi = x.offset + r * cols;
    let best = 0, bv = xd[xi]!;
    for (let c = 1; c < cols; c++) if (xd[xi + c]! > bv) { bv = xd[xi + c]!; best = c; }
    o[out.offset + r] = best;
  }
}

export function classNLL(result: Float64Array, x: Tensor, target: Tensor, weights: Tensor | null,
  rows: number, cols: number, ignoreIndex: number): void {
  const xd = x.data, td = target.data, wd = weights?.data;
  let loss = 0, total = 0;
  for (let r = 0; r < rows; r++) {
    const t = td[target.offset + r]!;
    if (t === ignoreIndex) continue;
    const w = wd ? wd[weights!.offset + t]! : 1;
    loss -= w * xd[x.offset + r * cols + t]!;
    total += w;
  }
  result[0] = loss;
  result[1] = total;
}

export function classNLLBackward(gradIn: Tensor, target: Tensor, weights: Tensor | null,
  rows: number, cols: number, ignoreIndex: number, norm: number): void {
  const g = gradIn.data, td = target.data, wd = weights?.data;
  g.fill(0, gradIn.offset, gradIn.offset + rows * cols);
  for (let r = 0; r < rows; r++) {
    const t = td[target.offset + r]!;
    if (t === ignoreIndex) continue;
    const w = wd ? wd[weights!.offset + t]! : 1;
    g[gradIn.offset + r * cols + t] = -w * norm;
  }
}
