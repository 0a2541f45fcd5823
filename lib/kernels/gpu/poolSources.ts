/**
 * Pooling, batch-norm and upsampling on the gpu backend (conventions: kernelSource.ts; geometry:
 * ../poolShape.ts). Max pooling finds each window's position first (maxPoolIndex), then reads the
 * value there; max unpooling scatters as its backward does and gathers back (maxUnpoolBackward);
 * the backward passes run one input element per thread, gathering the outputs whose
 * windows cover it in output order (the js kernels' order of additions). Batch-norm statistics run
 * one feature per thread over the batch and positions.
 */
import { I, k, split } from './kernelSource.js';

/** The pooling geometry's arguments, in poolArgs's order. */
const GEOMETRY = 'planes, iH, iW, oH, oW, kH, kW, dH, dW, pH, pW, lH, lW';

/** Output element i as plane p, row oi, column oj. */
const OUTPUT = `${I}${split('t', 'oj', 'i', 'oW')}${split('p', 'oi', 't', 'oH')}`;
/** Input element i as plane p, row h, column w. */
const INPUT = `${I}${split('t', 'w', 'i', 'iW')}${split('p', 'h', 't', 'iH')}`;

/** The first output `o` along an axis whose window (start o·d − pad, span) can cover input index n, and the last (hi). */
const candidates = (o: string, n: string, d: string, pad: string, reach: string, count: string): string => `
    const ${o}a = ${n} + ${pad} - ${reach};
    let ${o}lo = 0.0;
    if (${o}a > 0.0) { ${o}lo = Math.floor(${o}a / ${d}); }
    if (${o}lo * ${d} < ${o}a) { ${o}lo = ${o}lo + 1.0; }
    if (${o}lo > 0.0 && (${o}lo - 1.0) * ${d} >= ${o}a) { ${o}lo = ${o}lo - 1.0; }
    const ${o}b = ${n} + ${pad};
    let ${o}hi = Math.floor(${o}b / ${d});
    if (${o}hi * ${d} > ${o}b) { ${o}hi = ${o}hi - 1.0; }
    if ((${o}hi + 1.0) * ${d} <= ${o}b) { ${o}hi = ${o}hi + 1.0; }
    if (${o}hi > ${count} - 1.0) { ${o}hi = ${count} - 1.0; }`;

/** Average pooling's factor for output (oi, oj): scale over the window cut to input and padding, or to the input. */
const AVG_FACTOR = `
    const h0 = oi * dH - pH;
    const h1 = Math.min(h0 + kH, iH + pH);
    const w0 = oj * dW - pW;
    const w1 = Math.min(w0 + kW, iW + pW);
    const hs = Math.max(h0, 0.0);
    const he = Math.min(h1, iH);
    const ws = Math.max(w0, 0.0);
    const we = Math.min(w1, iW);
    let f = scale / ((he - hs) * (we - ws));
    if (includePad > 0.5) { f = scale / ((h1 - h0) * (w1 - w0)); }`;

/** Feature c of element i of (B, C, L). */
const FEATURE = `${I}${split('t', 'l', 'i', 'L')}${split('b', 'c', 't', 'C')}`;

/** s = the sum that `body` adds to over the outputs (oi, oj) in [rlo, rhi] × [clo, chi] (from candidates), in output order; returns s. */
const sumOverOutputs = (body: string): string => `
    let s = 0.0;
    for (let a = 0; a < 4096; a++) {
      const oi = rlo + a;
      if (oi > rhi) { break; }
      for (let b = 0; b < 4096; b++) {
        const oj = clo + b;
        if (oj > chi) { break; }${body}
      }
    }
    return s;`;

export const poolSources = {
  /** The position y·iW + x in its plane of each window's maximum (the first tap seeds it; −1 for a window without input cells). */
  maxPoolIndex: k(`x:A, ${GEOMETRY}, ox`, `${OUTPUT}
    const base = ox + p * iH * iW;
    const h0 = oi * dH - pH;
    const w0 = oj * dW - pW;
    let best = 0.0;
    let arg = -1.0;
    for (let a = 0; a < kH; a++) {
      const r = h0 + a * lH;
      if (r >= 0.0 && r < iH) {
        for (let b = 0; b < kW; b++) {
          const c = w0 + b * lW;
          if (c >= 0.0 && c < iW) {
            const v = x[base + r * iW + c];
            if (arg < 0.0 || v > best) { best = v; arg = r * iW + c; }
          }
        }
      }
    }
    return arg;`),
  /** out[p, o] = x[p, idx[p, o]] (every window holds an input cell: the backend checks). */
  maxPoolValue: k('x:A, idx:A, plane, n, ox, oidx', `${I}${split('p', 'o', 'i', 'n')}
    return x[ox + p * plane + idx[oidx + i]];`),
  /** gradIn[p, h, w] = Σ gradOut[p, o] over the outputs o whose maximum was there, in output order. */
  maxPoolBackward: k(`g:A, idx:A, ${GEOMETRY}, og, oidx`, `${INPUT}
    const at = h * iW + w;${candidates('r', 'h', 'dH', 'pH', '(kH - 1.0) * lH', 'oH')}${candidates('c', 'w', 'dW', 'pW', '(kW - 1.0) * lW', 'oW')}
${sumOverOutputs(`
        const o = (p * oH + oi) * oW + oj;
        if (idx[oidx + o] == at) { s += g[og + o]; }`)}`),
  /** Max unpooling's backward: gradIn[p, o] = gradOut[p, idx[p, o]] (0 where the index is −1), n outputs of the pooling a plane. */
  maxUnpoolBackward: k('g:A, idx:A, plane, n, og, oidx', `${I}${split('p', 'o', 'i', 'n')}
    const at = idx[oidx + i];
    let v = 0.0;
    if (at >= 0.0) { v = g[og + p * plane + at]; }
    return v;`),
  avgPool: k(`x:A, ${GEOMETRY}, includePad, scale, ox`, `${OUTPUT}${AVG_FACTOR}
    const base = ox + p * iH * iW;
    let s = 0.0;
    for (let a = 0; a < kH; a++) {
      const r = h0 + a;
      if (r >= hs && r < he) {
        for (let b = 0; b < kW; b++) {
          const c = w0 + b;
          if (c >= ws && c < we) { s += x[base + r * iW + c]; }
        }
      }
    }
    return s * f;`),
  /** gradIn[p, h, w] = Σ gradOut[p, o]·factor(o) over the windows covering it, in output order. */
  avgPoolBackward: k(`g:A, ${GEOMETRY}, includePad, scale, og`, `${INPUT}${candidates('r', 'h', 'dH', 'pH', '(kH - 1.0)', 'oH')}${candidates('c', 'w', 'dW', 'pW', '(kW - 1.0)', 'oW')}
${sumOverOutputs(`${AVG_FACTOR}
        s += g[og + (p * oH + oi) * oW + oj] * f;`)}`),
  /** out[p, t, h, w] = x[p, ⌊t/sT⌋, ⌊h/s⌋, ⌊w/s⌋]. */
  upsampleNearest: k('x:A, T, H, W, sT, s, ox', `${I}${split('t1', 'w', 'i', '(W * s)')}${split('t2', 'h', 't1', '(H * s)')}${split('p', 't', 't2', '(T * sT)')}${split('ti', 'tr', 't', 'sT')}${split('hi', 'hr', 'h', 's')}${split('wi', 'wr', 'w', 's')}
    return x[ox + ((p * T + ti) * H + hi) * W + wi];`),
  /** gradIn[p, t, h, w] = the sum of its sT × s × s block of gradOut, in output order. */
  upsampleNearestBackward: k('g:A, T, H, W, sT, s, og', `${I}${split('t1', 'w', 'i', 'W')}${split('t2', 'h', 't1', 'H')}${split('p', 't', 't2', 'T')}
    let v = 0.0;
    for (let a = 0; a < sT; a++) {
      for (let b = 0; b < s; b++) {
        const row = og + ((p * T * sT + t * sT + a) * H * s + h * s + b) * W * s + w * s;
        for (let c = 0; c < s; c++) { v += g[row + c]; }
      }
    }
    return v;`),

  /** Σ over examples and positions of x − mu[c] (useMu), or of its square (square), over div, per feature c: one thread per feature. */
  bnSum: k('x:A, mu:A, B, C, L, useMu, square, div, ox, omu', `${I}
    let m = 0.0;
    if (useMu > 0.5) { m = mu[omu + i]; }
    let s = 0.0;
    for (let b = 0; b < B; b++) {
      const row = ox + (b * C + i) * L;
      for (let l = 0; l < L; l++) {
        const d = x[row + l] - m;
        if (square > 0.5) { s += d * d; } else { s += d; }
      }
    }
    return s / div;`),
  /** Σ (x − mu[c])·g per feature c (thread c < C), or Σ g (thread C + c): the backward's two sums. */
  bnGradSums: k('x:A, g:A, mu:A, B, C, L, ox, og, omu', `${I}
    let c = i;
    let isDot = 1.0;
    if (i >= C) { c = i - C; isDot = 0.0; }
    const m = mu[omu + c];
    let s = 0.0;
    for (let b = 0; b < B; b++) {
      const row = (b * C + c) * L;
      for (let l = 0; l < L; l++) {
        if (isDot > 0.5) { s += (x[ox + row + l] - m) * g[og + row + l]; } else { s += g[og + row + l]; }
      }
    }
    return s;`),
  /** a·v[c] + b·w[c]·f[c] (useF: by f, else 1): the statistics' scalings and the running averages. */
  bnCombine: k('v:A, w:A, f:A, a, b, useF, ov, ow, of', `${I}
    let fv = 1.0;
    if (useF > 0.5) { fv = f[of + i]; }
    return a * v[ov + i] + b * w[ow + i] * fv;`),
  /** 1/√(ss/n + eps), 0 where that is 0. */
  bnInvStd: k('ss:A, n, eps, oss', `${I}
    const v = ss[oss + i] / n + eps;
    let r = 0.0;
    if (v != 0.0) { r = 1.0 / Math.sqrt(v); }
    return r;`),
  /** (x − mean[c])·(invstd[c]·weight[c]) + bias[c]. */
  bnForward: k('x:A, mu:A, inv:A, w:A, bias:A, C, L, hasW, hasB, ox, omu, oinv, ow, ob', `${FEATURE}
    let a = inv[oinv + c];
    if (hasW > 0.5) { a = a * w[ow + c]; }
    let beta = 0.0;
    if (hasB > 0.5) { beta = bias[ob + c]; }
    return (x[ox + i] - mu[omu + c]) * a + beta;`),
  /** (g − Σg/n − (x − mean)·invstd²·Σ(x − mean)g/n)·invstd·weight (batchStats), else g·invstd·weight; sums from bnGradSums. */
  bnGradInput: k('x:A, g:A, mu:A, inv:A, w:A, sums:A, C, L, n, hasW, batchStats, ox, og, omu, oinv, ow, os', `${FEATURE}
    const iv = inv[oinv + c];
    let a = iv;
    if (hasW > 0.5) { a = a * w[ow + c]; }
    let d = g[og + i];
    if (batchStats > 0.5) {
      d = d - sums[os + C + c] / n - (x[ox + i] - mu[omu + c]) * (sums[os + c] * iv * iv / n);
    }
    return d * a;`),
};
