/**
 * The convolutions' im2col and col2im on the gpu backend (conventions: kernelSource.ts; layout:
 * ../convShape.ts). im2col computes one column-matrix entry per thread; col2im one input element
 * per thread, gathering the entries of every kernel offset that reads it (no atomics needed).
 */
import { I, k, split } from './kernelSource.js';

/** The geometry's arguments, in convArgs's order. */
const GEOMETRY = 'C, T, H, W, kT, kH, kW, dT, dH, dW, pT, pH, pW, lT, lH, lW, oT, oH, oW';

/** The output index o along an axis that reads input index n at kernel offset kk (−1 when none). */
const source = (o: string, n: string, kk: string, p: string, l: string, d: string, count: string): string => `
    const ${o}n = ${n} + ${p} - ${kk} * ${l};
    let ${o} = -1.0;
    if (${o}n >= 0.0) {
      const ${o}q = Math.floor(${o}n / ${d});
      if (${o}q * ${d} == ${o}n && ${o}q < ${count}) { ${o} = ${o}q; }
    }`;

export const convSources = {
  /** col[(c, kt, kh, kw), (ot, oh, ow)] = x[c, ot·dT − pT + kt·lT, …], 0 in the padding. */
  im2col: k(`x:A, ${GEOMETRY}, ox`, `${I}
    const L = oT * oH * oW;${split('r', 'l', 'i', 'L')}${split('lt', 'ow', 'l', 'oW')}${split('ot', 'oh', 'lt', 'oH')}${split('r1', 'kw', 'r', 'kW')}${split('r2', 'kh', 'r1', 'kH')}${split('c', 'kt', 'r2', 'kT')}
    const it = ot * dT - pT + kt * lT;
    const ih = oh * dH - pH + kh * lH;
    const iw = ow * dW - pW + kw * lW;
    let v = 0.0;
    if (it >= 0.0 && it < T && ih >= 0.0 && ih < H && iw >= 0.0 && iw < W) {
      v = x[ox + ((c * T + it) * H + ih) * W + iw];
    }
    return v;`),
  /** x[c, t, h, w] = Σ over kernel offsets of the col entry that im2col filled from it (kernel volume ≤ 4096). */
  col2im: k(`col:A, ${GEOMETRY}, oc`, `${I}${split('r1', 'iw', 'i', 'W')}${split('r2', 'ih', 'r1', 'H')}${split('c', 'it', 'r2', 'T')}
    const K = kT * kH * kW;
    const L = oT * oH * oW;
    let s = 0.0;
    for (let e = 0; e < 4096; e++) {
      if (e >= K) { break; }${split('e1', 'kw', 'e', 'kW')}${split('kt', 'kh', 'e1', 'kH')}${source('ot', 'it', 'kt', 'pT', 'lT', 'dT', 'oT')}${source('oh', 'ih', 'kh', 'pH', 'lH', 'dH', 'oH')}${source('ow', 'iw', 'kw', 'pW', 'lW', 'dW', 'oW')}
      if (ot >= 0.0 && oh >= 0.0 && ow >= 0.0) {
        s += col[oc + (c * K + e) * L + (ot * oH + oh) * oW + ow];
      }
    }
    return s;`),
};
