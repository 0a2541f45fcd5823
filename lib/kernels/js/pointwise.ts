/** Elementwise kernels of the js backend (contiguous tensors, indexed from their offsets). */
import type { Tensor } from '../../Tensor.js';

export function axpby(out: Tensor, a: number, x: Tensor, b: number, y: Tensor): void {
  const o = out.data, xd = x.data, yd = y.data, n = out.numel();
  const oo = out.offset, xo = x.offset, yo = y.offset;
  for (let i = 0; i < n; i++) o[oo + i] = a * xd[xo + i]! + b * yd[yo + i]!;
}

export function cmul(out: Tensor, x: Tensor, y: Tensor): void {
  const o = out.data, xd = x.data, yd = y.data, n = out.numel();
  const oo = out.offset, xo = x.offset, yo = y.offset;
  for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! * yd[yo + i]!;
}

export function cdiv(out: Tensor, x: Tensor, y: Tensor): void {
  const o = out.data, xd = x.data, yd = y.data, n = out.numel();
  const oo = out.offset, xo = x.offset, yo = y.offset;
  for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! / yd[yo + i]!;
}

export function scaleRows(out: Tensor, x: Tensor, s: Tensor, rows: number, cols: number): void {
  const o = out.data, xd = x.data, sd = s.data, oo = out.offset, xo = x.offset, so = s.offset;
  for (let r = 0; r < rows; r++) {
    const f = sd[so + r]!, base = r * cols;
    for (let c = 0; c < cols; c++) o[oo + base + c] = xd[xo + base + c]! * f;
  }
}

export function renorm(x: Tensor, rows: number, cols: number, byRow: boolean, maxNorm: number): void {
  const d = x.data, o = x.offset;
  const slices = byRow ? rows : cols, len = byRow ? cols : rows;
  const step = byRow ? 1 : cols, stride = byRow ? cols : 1;
  for (let s = 0; s < slices; s++) {
    const base = o + s * stride;
    let n2 = 0;
    for (let i = 0; i < len; i++) n2 += d[base + i * step]! ** 2;
    const n = Math.sqrt(n2);
    if (n > maxNorm) {
      const f = maxNorm / (n + 1e-7);
      for (let i = 0; i < len; i++) d[base + i * step]! *= f;
    }
  }
}

export function classReward(out: Tensor, pred: Tensor, target: Tensor, n: number, scale: number): void {
  const o = out.data, p = pred.data, t = target.data;
  for (let i = 0; i < n; i++) o[out.offset + i] = p[pred.offset + i] === t[target.offset + i] ? scale : 0;
}

export function adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, lr: number, beta1: number, beta2: number, eps: number, t: number): void {
  const p = param.data, g = grad.data, md = m.data, vd = v.data, n = param.numel();
  const po = param.offset, go = grad.offset, mo = m.offset, vo = v.offset;
  const c1 = 1 - beta1 ** t, c2 = 1 - beta2 ** t;
  for (let i = 0; i < n; i++) {
    const gi = g[go + i]!;
    const mi = beta1 * md[mo + i]! + (1 - beta1) * gi;
    const vi = beta2 * vd[vo + i]! + (1 - beta2) * gi * gi;
    md[mo + i] = mi;
    vd[vo + i] = vi;
    p[po + i]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}

export function adds(out: Tensor, x: Tensor, s: number): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! + s;
}

export function fill(out: Tensor, value: number): void {
  out.data.fill(value, out.offset, out.offset + out.numel());
}

export function copy(out: Tensor, x: Tensor): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  if (o === xd) { o.copyWithin(oo, xo, xo + n); return; }
  for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]!;
}

export function relu(out: Tensor, x: Tensor): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  for (let i = 0; i < n; i++) {
    const v = xd[xo + i]!;
    o[oo + i] = v > 0 ? v : 0;
  }
}

export function reluBackward(gradIn: Tensor, x: Tensor, gradOut: Tensor): void {
  const g = gradIn.data, xd = x.data, go = gradOut.data, n = gradIn.numel();
  const gi = gradIn.offset, xo = x.offset, oo = gradOut.offset;
  for (let i = 0; i < n; i++) g[gi + i] = xd[xo + i]! > 0 ? go[oo + i]! : 0;
}

export function tanh(out: Tensor, x: Tensor): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  for (let i = 0; i < n; i++) o[oo + i] = Math.tanh(xd[xo + i]!);
}

export function tanhBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor): void {
  const g = gradIn.data, yd = y.data, go = gradOut.data, n = gradIn.numel();
  const gi = gradIn.offset, yo = y.offset, oo = gradOut.offset;
  for (let i = 0; i < n; i++) {
    const v = yd[yo + i]!;
    g[gi + i] = go[oo + i]! * (1 - v * v);
  }
}

export function sigmoid(out: Tensor, x: Tensor): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  for (let i = 0; i < n; i++) o[oo + i] = 1 / (1 + Math.exp(-xd[xo + i]!));
}

export function sigmoidBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor): void {
  const g = gradIn.data, yd = y.data, go = gradOut.data, n = gradIn.numel();
  const gi = gradIn.offset, yo = y.offset, oo = gradOut.offset;
  for (let i = 0; i < n; i++) {
    const v = yd[yo + i]!;
    g[gi + i] = go[oo + i]! * v * (1 - v);
  }
}

export function hardtanh(out: Tensor, x: Tensor, min: number, max: number): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  for (let i = 0; i < n; i++) {
    const v = xd[xo + i]!;
    o[oo + i] = v < min ? min : v > max ? max : v;
  }
}

export function hardtanhBackward(gradIn: Tensor, x: Tensor, gradOut: Tensor, min: number, max: number): void {
  const g = gradIn.data, xd = x.data, go = gradOut.data, n = gradIn.numel();
  const gi = gradIn.offset, xo = x.offset, oo = gradOut.offset;
  for (let i = 0; i < n; i++) {
    const v = xd[xo + i]!;
    g[gi + i] = v > min && v < max ? go[oo + i]! : 0;
  }
}

export function addRowVector(out: Tensor, v: Tensor, rows: number, cols: number, alpha: number): void {
  const o = out.data, vd = v.data, oo = out.offset, vo = v.offset;
  for (let r = 0; r < rows; r++) {
    const base = oo + r * cols;
    for (let c = 0; c < cols; c++) o[base + c]! += alpha * vd[vo + c]!;
  }
}

export function sumRows(out: Tensor, x: Tensor, rows: number, cols: number, alpha: number, beta: number): void {
  const o = out.data, xd = x.data, oo = out.offset, xo = x.offset;
  if (beta === 0) o.fill(0, oo, oo + cols);
  else if (beta !== 1) for (let c = 0; c < cols; c++) o[oo + c]! *= beta;
  for (let r = 0; r < rows; r++) {
    const base = xo + r * cols;
    for (let c = 0; c < cols; c++) o[oo + c]! += alpha * xd[base + c]!;
  }
}

export function sum(x: Tensor): number {
  const d = x.data, n = x.numel(), o = x.offset;
  let s = 0;
  for (let i = 0; i < n; i++) s += d[o + i]!;
  return s;
}

export function dot(x: Tensor, y: Tensor): number {
  const a = x.data, b = y.data, n = x.numel(), xo = x.offset, yo = y.offset;
  let s = 0;
  for (let i = 0; i < n; i++) s += a[xo + i]! * b[yo + i]!;
  return s;
}

export function sqdist(x: Tensor, y: Tensor): number {
  const a = x.data, b = y.data, n = x.numel(), xo = x.offset, yo = y.offset;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = a[xo + i]! - b[yo + i]!;
    s += d * d;
  }
  return s;
}
