/**
 * The gpu kernels of the tensor library (lib/torch/): pointwise math and comparisons, reductions,
 * max/min with their positions, and the index kernels (indexSelect, indexCopy/indexAdd, gather,
 * scatter). The pointwise and reduction families are one kernel each with the op as a number
 * (UNARY_CODES, BINARY_CODES, REDUCE_CODES). The dispatch and the cases left to the host are in
 * tensorKernels.ts. Conventions: kernelSource.ts.
 */
import { I, k } from './kernelSource.js';
import type { BinaryOp, ReduceOp, UnaryOp } from '../KernelTable.js';

/** Unary ops with a gpu version (comparisons too, into float32 results: a ByteTensor lives on the host). */
export const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  abs: 0, sign: 1, neg: 2, exp: 3, log: 4, log1p: 5, expm1: 6, sqrt: 7, rsqrt: 8, sigmoid: 9, tanh: 10, sin: 11, cos: 12,
  tan: 13, asin: 14, acos: 15, atan: 16, sinh: 17, cosh: 18, floor: 19, ceil: 20, round: 21, trunc: 22, frac: 23, cinv: 24,
  square: 25, affine: 26, divs: 27, pows: 28, rpows: 29, clamp: 30, fmod: 31, remainder: 32, cmaxs: 33, cmins: 34,
  gts: 35, lts: 36, ges: 37, les: 38, eqs: 39, nes: 40,
};

export const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0, cmul: 1, cdiv: 2, cpow: 3, cfmod: 4, cremainder: 5, cmax: 6, cmin: 7, atan2: 8, lerp: 9,
  gt: 10, lt: 11, ge: 12, le: 13, eq: 14, ne: 15,
};

export const REDUCE_CODES: Partial<Record<ReduceOp, number>> = { sum: 0, mean: 1, max: 2, min: 3, prod: 4, norm: 5, var: 6, std: 7 };

/** x^y with Torch's (C's pow) signs: a negative base takes an integer power's sign; a non-integer power of it is NaN (√ of a negative number). */
const POW = (x: string, y: string) => `
    let pw = 1.0;
    if (${y} != 0.0) {
      pw = Math.pow(Math.abs(${x}), ${y});
      if (${x} < 0.0) {
        const half = ${y} * 0.5;
        if (Math.floor(${y}) != ${y}) { pw = Math.sqrt(${x}); }
        if (Math.floor(${y}) == ${y} && Math.floor(half) != half) { pw = -pw; }
      }
    }`;

/**
 * Splits the thread's index i of a block outer × n × inner into o, the middle index (named j)
 * and c (the index kernels' prologue).
 */
const SPLIT = (n: string, j: string) => `${I}
    const span = ${n} * inner;
    const o = Math.floor(i / span);
    const r = i - o * span;
    const ${j} = Math.floor(r / inner);
    const c = r - ${j} * inner;`;

export const tensorSources = {
  unaryOp: k('x:A, op, a, b, ox', `${I}
    const xv = x[ox + i];
    let v = 0.0;
    if (op == 0.0) { v = Math.abs(xv); }
    if (op == 1.0) { if (xv > 0.0) { v = 1.0; } if (xv < 0.0) { v = -1.0; } }
    if (op == 2.0) { v = -xv; }
    if (op == 3.0) { v = Math.exp(xv); }
    if (op == 4.0) { v = Math.log(xv); }
    if (op == 5.0) { v = Math.log(1.0 + xv); }
    if (op == 6.0) { v = Math.exp(xv) - 1.0; }
    if (op == 7.0) { v = Math.sqrt(xv); }
    if (op == 8.0) { v = 1.0 / Math.sqrt(xv); }
    if (op == 9.0) { v = 1.0 / (1.0 + Math.exp(-xv)); }
    if (op == 10.0) {
      const e = Math.exp(-2.0 * Math.abs(xv));
      v = (1.0 - e) / (1.0 + e);
      if (xv < 0.0) { v = -v; }
    }
    if (op == 11.0) { v = Math.sin(xv); }
    if (op == 12.0) { v = Math.cos(xv); }
    if (op == 13.0) { v = Math.tan(xv); }
    if (op == 14.0) { v = Math.asin(xv); }
    if (op == 15.0) { v = Math.acos(xv); }
    if (op == 16.0) { v = Math.atan(xv); }
    if (op == 17.0) { v = (Math.exp(xv) - Math.exp(-xv)) * 0.5; }
    if (op == 18.0) { v = (Math.exp(xv) + Math.exp(-xv)) * 0.5; }
    if (op == 19.0) { v = Math.floor(xv); }
    if (op == 20.0) { v = Math.ceil(xv); }
    if (op == 21.0) { v = Math.floor(Math.abs(xv) + 0.5); if (xv < 0.0) { v = -v; } }
    if (op == 22.0) { v = Math.floor(Math.abs(xv)); if (xv < 0.0) { v = -v; } }
    if (op == 23.0) { v = Math.floor(Math.abs(xv)); if (xv < 0.0) { v = -v; } v = xv - v; }
    if (op == 24.0) { v = 1.0 / xv; }
    if (op == 25.0) { v = xv * xv; }
    if (op == 26.0) { v = a * xv + b; }
    if (op == 27.0) { v = xv / a; }
    if (op == 28.0) {${POW('xv', 'a')}
      v = pw;
    }
    if (op == 29.0) { v = Math.exp(xv * Math.log(a)); }
    if (op == 30.0) { v = Math.min(Math.max(xv, a), b); }
    if (op == 31.0) { const q = xv / a; let t = Math.floor(Math.abs(q)); if (q < 0.0) { t = -t; } v = xv - t * a; }
    if (op == 32.0) { v = xv - Math.floor(xv / a) * a; }
    if (op == 33.0) { v = Math.max(xv, a); }
    if (op == 34.0) { v = Math.min(xv, a); }
    if (op == 35.0) { if (xv > a) { v = 1.0; } }
    if (op == 36.0) { if (xv < a) { v = 1.0; } }
    if (op == 37.0) { if (xv >= a) { v = 1.0; } }
    if (op == 38.0) { if (xv <= a) { v = 1.0; } }
    if (op == 39.0) { if (xv == a) { v = 1.0; } }
    if (op == 40.0) { if (xv != a) { v = 1.0; } }
    return v;`),
  binaryOp: k('x:A, y:A, op, a, ox, oy', `${I}
    const xv = x[ox + i];
    const yv = y[oy + i];
    let v = 0.0;
    if (op == 0.0) { v = xv + a * yv; }
    if (op == 1.0) { v = xv * yv; }
    if (op == 2.0) { v = xv / yv; }
    if (op == 3.0) {${POW('xv', 'yv')}
      v = pw;
    }
    if (op == 4.0) { const q = xv / yv; let t = Math.floor(Math.abs(q)); if (q < 0.0) { t = -t; } v = xv - t * yv; }
    if (op == 5.0) { v = xv - Math.floor(xv / yv) * yv; }
    if (op == 6.0) { v = Math.max(xv, yv); }
    if (op == 7.0) { v = Math.min(xv, yv); }
    if (op == 8.0) { v = Math.atan2(xv, yv); }
    if (op == 9.0) { v = xv + a * (yv - xv); }
    if (op == 10.0) { if (xv > yv) { v = 1.0; } }
    if (op == 11.0) { if (xv < yv) { v = 1.0; } }
    if (op == 12.0) { if (xv >= yv) { v = 1.0; } }
    if (op == 13.0) { if (xv <= yv) { v = 1.0; } }
    if (op == 14.0) { if (xv == yv) { v = 1.0; } }
    if (op == 15.0) { if (xv != yv) { v = 1.0; } }
    return v;`),
  /** x + v·(y ⊙ z), or x + v·(y ⊘ z) when dv = 1. */
  addcmulOp: k('x:A, y:A, z:A, s, dv, ox, oy, oz', `${I}
    let w = y[oy + i] * z[oz + i];
    if (dv > 0.5) { w = y[oy + i] / z[oz + i]; }
    return x[ox + i] + s * w;`),
  /** out[o, j] = op over kk < n of x[o, kk, j] (block outer × n × inner); p: norm's order, or var/std's unbiased flag. */
  reduceOp: k('x:A, n, inner, op, p, ox', `${I}
    const o = Math.floor(i / inner);
    const j = i - o * inner;
    const base = ox + o * n * inner + j;
    let r = 0.0;
    if (op == 4.0) { r = 1.0; }
    if (op == 2.0 || op == 3.0) { r = x[base]; }
    let mean = 0.0;
    if (op >= 6.0) {
      for (let k0 = 0; k0 < n; k0++) { mean += x[base + k0 * inner]; }
      mean = mean / n;
    }
    for (let k1 = 0; k1 < n; k1++) {
      const v = x[base + k1 * inner];
      if (op <= 1.0) { r += v; }
      if (op == 2.0) { r = Math.max(r, v); }
      if (op == 3.0) { r = Math.min(r, v); }
      if (op == 4.0) { r = r * v; }
      if (op == 5.0) {
        if (p == 0.0) { if (v != 0.0) { r += 1.0; } }
        if (p == 1.0) { r += Math.abs(v); }
        if (p == 2.0) { r += v * v; }
        if (p != 0.0 && p != 1.0 && p != 2.0) { r += Math.pow(Math.abs(v), p); }
      }
      if (op >= 6.0) { r += (v - mean) * (v - mean); }
    }
    if (op == 1.0) { r = r / n; }
    if (op == 5.0 && p == 2.0) { r = Math.sqrt(r); }
    if (op == 5.0 && p != 0.0 && p != 1.0 && p != 2.0) { r = Math.pow(r, 1.0 / p); }
    if (op >= 6.0) {
      let d = n;
      if (p > 0.5) { d = n - 1.0; }
      r = r / d;
      if (op == 7.0) { r = Math.sqrt(r); }
    }
    return r;`),
  /**
   * max (isMax = 1) or min over kk < n of x[o, kk, j], its value (want = 0) or its first position
   * (want = 1); a NaN wins at its first position, as the js kernel.
   */
  argReduceOp: k('x:A, n, inner, isMax, want, ox', `${I}
    const o = Math.floor(i / inner);
    const j = i - o * inner;
    const base = ox + o * n * inner + j;
    let best = x[base];
    let at = 0.0;
    let done = 0.0;
    if (best != best) { done = 1.0; }
    for (let k1 = 1; k1 < n; k1++) {
      if (done < 0.5) {
        const e = x[base + k1 * inner];
        if (e != e) { best = e; at = k1; done = 1.0; }
        if (done < 0.5 && isMax > 0.5 && e > best) { best = e; at = k1; }
        if (done < 0.5 && isMax < 0.5 && e < best) { best = e; at = k1; }
      }
    }
    if (want > 0.5) { return at; }
    return best;`),
  /** out[o, j, c] = x[o, idx[j], c] for an out of outer × m × inner. */
  indexSelectOp: k('x:A, idx:A, n, m, inner, ox, oi', `${SPLIT('m', 'j')}
    return x[ox + (o * n + idx[oi + j]) * inner + c];`),
  /** out[o, kk, c] (outer × n × inner, d its current values) ← src[o, j, c] for the last j with idx[j] = kk, or += every such one (add = 1). */
  indexCopyOp: k('d:A, s:A, idx:A, n, m, inner, add, od, os, oi', `${SPLIT('n', 'kk')}
    let v = d[od + i];
    for (let j = 0; j < m; j++) {
      if (idx[oi + j] == kk) {
        const sv = s[os + (o * m + j) * inner + c];
        if (add > 0.5) { v += sv; } else { v = sv; }
      }
    }
    return v;`),
  /** out[o, j, c] = x[o, idx[o, j, c], c] for an index block outer × m × inner. */
  gatherOp: k('x:A, idx:A, n, m, inner, ox, oi', `${SPLIT('m', 'j')}
    return x[ox + (o * n + idx[oi + i]) * inner + c];`),
  /**
   * out[o, kk, c] (outer × n × inner, d its current values) ← src[o, j, c] (or value when hasSrc = 0)
   * for the last j with idx[o, j, c] = kk, or += every such one (add = 1).
   */
  scatterOp: k('d:A, s:A, idx:A, value, hasSrc, n, m, inner, add, od, os, oi', `${SPLIT('n', 'kk')}
    let v = d[od + i];
    for (let j = 0; j < m; j++) {
      const at = (o * m + j) * inner + c;
      if (idx[oi + at] == kk) {
        let sv = value;
        if (hasSrc > 0.5) { sv = s[os + at]; }
        if (add > 0.5) { v += sv; } else { v = sv; }
      }
    }
    return v;`),
};
