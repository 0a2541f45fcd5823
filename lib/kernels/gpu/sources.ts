/** The gpu backend's kernels (their conventions: kernelSource.ts); the glimpse kernels are in glimpseSources.ts, im2col/col2im in convSources.ts, (log-)softmax in softmaxSources.ts. */
import { I, k, type KernelSource } from './kernelSource.js';
import { glimpseSources } from './glimpseSources.js';
import { tensorSources } from './tensorSources.js';
import { convSources } from './convSources.js';
import { poolSources } from './poolSources.js';
import { softmaxSources } from './softmaxSources.js';

export type { KernelSource } from './kernelSource.js';

/**
 * The products' operand walk for row r and column col of C: A[ai + p·as] and B[bi + p·bs] are
 * the p-th terms, whichever way A (ta) and B (tb) are stored.
 */
const OPERANDS = `    let ai = oa + r * kk;
    let as = 1.0;
    if (ta > 0.5) { ai = oa + r; as = m; }
    let bi = ob + col;
    let bs = n;
    if (tb > 0.5) { bi = ob + col * kk; bs = 1.0; }`;

export const sources = {
  /** C = alpha·op(A)·op(B) + beta·C (m×n); ta: A stored k×m; tb: B stored n×k. */
  gemm: k('a:A, b:A, c:A, m, n, kk, ta, tb, alpha, beta, oa, ob, oc', `${I}
    const r = Math.floor(i / n);
    const col = i - r * n;
    let s = 0.0;
${OPERANDS}
    for (let p = 0; p < kk; p++) {
      s += a[ai + p * as] * b[bi + p * bs];
    }
    let v = alpha * s;
    if (beta != 0.0) { v += beta * c[oc + i]; }
    return v;`),
  /** gemm with four adjacent columns of C per thread (n divisible by 4): each A value is loaded once for four products. */
  gemm4: k('a:A, b:A, c:A, m, n, kk, ta, tb, alpha, beta, oa, ob, oc', `${I}
    const q = n / 4.0;
    const r = Math.floor(i / q);
    const col = (i - r * q) * 4.0;
    let s0 = 0.0;
    let s1 = 0.0;
    let s2 = 0.0;
    let s3 = 0.0;
${OPERANDS}
    let bc = 1.0;
    if (tb > 0.5) { bc = kk; }
    for (let p = 0; p < kk; p++) {
      const av = a[ai + p * as];
      const bp = bi + p * bs;
      s0 += av * b[bp];
      s1 += av * b[bp + bc];
      s2 += av * b[bp + 2.0 * bc];
      s3 += av * b[bp + 3.0 * bc];
    }
    let v0 = alpha * s0;
    let v1 = alpha * s1;
    let v2 = alpha * s2;
    let v3 = alpha * s3;
    if (beta != 0.0) {
      const ci = oc + r * n + col;
      v0 += beta * c[ci];
      v1 += beta * c[ci + 1.0];
      v2 += beta * c[ci + 2.0];
      v3 += beta * c[ci + 3.0];
    }
    return [v0, v1, v2, v3];`),
  addRowVector: k('x:A, v:A, cols, alpha, ox, ov', `${I}
    const r = Math.floor(i / cols);
    return x[ox + i] + alpha * v[ov + i - r * cols];`),
  /** out[c] = beta·o[c] + alpha·Σ_r x[r, c]. */
  sumRows: k('x:A, o:A, rows, cols, alpha, beta, ox, oo', `${I}
    let s = 0.0;
    for (let r = 0; r < rows; r++) {
      s += x[ox + r * cols + i];
    }
    let v = alpha * s;
    if (beta != 0.0) { v += beta * o[oo + i]; }
    return v;`),
  axpby: k('x:A, y:A, a, b, ox, oy', `${I}
    return a * x[ox + i] + b * y[oy + i];`),
  cmul: k('x:A, y:A, ox, oy', `${I}return x[ox + i] * y[oy + i];`),
  cdiv: k('x:A, y:A, ox, oy', `${I}return x[ox + i] / y[oy + i];`),
  scaleRows: k('x:A, s:A, cols, ox, os', `${I}
    const r = Math.floor(i / cols);
    return x[ox + i] * s[os + r];`),
  adds: k('x:A, s, ox', `${I}return x[ox + i] + s;`),
  fill: k('value', 'return value;'),
  copy: k('x:A, ox', `${I}return x[ox + i];`),
  relu: k('x:A, ox', `${I}return Math.max(x[ox + i], 0.0);`),
  reluBackward: k('x:A, g:A, ox, og', `${I}
    let v = 0.0;
    if (x[ox + i] > 0.0) { v = g[og + i]; }
    return v;`),
  tanh: k('x:A, ox', `${I}
    const e = Math.exp(-2.0 * Math.abs(x[ox + i]));
    const t = (1.0 - e) / (1.0 + e);
    let v = t;
    if (x[ox + i] < 0.0) { v = -t; }
    return v;`),
  tanhBackward: k('y:A, g:A, oy, og', `${I}
    const t = y[oy + i];
    return g[og + i] * (1.0 - t * t);`),
  sigmoid: k('x:A, ox', `${I}return 1.0 / (1.0 + Math.exp(-x[ox + i]));`),
  sigmoidBackward: k('y:A, g:A, oy, og', `${I}
    const s = y[oy + i];
    return g[og + i] * s * (1.0 - s);`),
  hardtanh: k('x:A, lo, hi, ox', `${I}return Math.min(Math.max(x[ox + i], lo), hi);`),
  hardtanhBackward: k('x:A, g:A, lo, hi, ox, og', `${I}
    const xv = x[ox + i];
    let v = 0.0;
    if (xv > lo && xv < hi) { v = g[og + i]; }
    return v;`),
  argmaxRows: k('x:A, cols, ox', `${I}
    const base = ox + i * cols;
    let best = 0.0;
    let bv = x[base];
    for (let c = 1; c < cols; c++) {
      if (x[base + c] > bv) { bv = x[base + c]; best = c; }
    }
    return best;`),
  classReward: k('p:A, t:A, scale, op, ot', `${I}
    let v = 0.0;
    if (p[op + i] == t[ot + i]) { v = scale; }
    return v;`),
  /** gradIn = 0 except −w[t]·norm at each row's target; hasW = 0: all weights 1. */
  classNLLBackward: k('t:A, w:A, cols, ignore, norm, hasW, ot, ow', `${I}
    const r = Math.floor(i / cols);
    const c = i - r * cols;
    const tr = t[ot + r];
    let v = 0.0;
    if (tr != ignore && c == tr) {
      let wt = 1.0;
      if (hasW > 0.5) { wt = w[ow + tr]; }
      v = -wt * norm;
    }
    return v;`),
  adamMoment: k('m:A, g:A, beta, square, om, og', `${I}
    let gv = g[og + i];
    if (square > 0.5) { gv = gv * gv; }
    return beta * m[om + i] + (1.0 - beta) * gv;`),
  adamStep: k('p:A, m:A, v:A, lr, bc1, bc2, eps, op, om, ov', `${I}
    return p[op + i] - lr * (m[om + i] / bc1) / (Math.sqrt(v[ov + i] / bc2) + eps);`),
  /** LSTM gates [i, f, o, z] of a (B, 4H) row activated: σ on the first 3H columns, tanh on the last H. */
  lstmGates: k('g:A, H, og', `${I}
    const col = i - Math.floor(i / (4.0 * H)) * (4.0 * H);
    const xv = g[og + i];
    let v = 1.0 / (1.0 + Math.exp(-xv));
    if (col >= 3.0 * H) {
      const e = Math.exp(-2.0 * Math.abs(xv));
      v = (1.0 - e) / (1.0 + e);
      if (xv < 0.0) { v = -v; }
    }
    return v;`),
  /** c = f ⊙ cPrev + i ⊙ z over (B, H), from the activated gates. */
  lstmC: k('g:A, cp:A, H, og, oc', `${I}
    const b = Math.floor(i / H);
    const j = i - b * H;
    const gb = og + b * 4.0 * H + j;
    return g[gb + H] * cp[oc + i] + g[gb] * g[gb + 3.0 * H];`),
  lstmH: k('g:A, tc:A, H, og, ot', `${I}
    const b = Math.floor(i / H);
    const j = i - b * H;
    return g[og + b * 4.0 * H + 2.0 * H + j] * tc[ot + i];`),
  /** ∂L/∂c = gradC + gradH ⊙ o ⊙ (1 − tanh²c). */
  lstmDc: k('g:A, tc:A, gh:A, gc:A, H, og, ot, oh, oc', `${I}
    const b = Math.floor(i / H);
    const j = i - b * H;
    const t = tc[ot + i];
    return gc[oc + i] + gh[oh + i] * g[og + b * 4.0 * H + 2.0 * H + j] * (1.0 - t * t);`),
  /** ∂L/∂cPrev = ∂L/∂c ⊙ f. */
  lstmDcPrev: k('dc:A, g:A, H, od, og', `${I}
    const b = Math.floor(i / H);
    return dc[od + i] * g[og + b * 4.0 * H + H + i - b * H];`),
  /** Gradient w.r.t. the pre-activation gates (B, 4H). */
  lstmGradGates: k('dc:A, g:A, cp:A, tc:A, gh:A, H, od, og, oc, ot, oh', `${I}
    const b = Math.floor(i / (4.0 * H));
    const col = i - b * 4.0 * H;
    const q = Math.floor(col / H);
    const j = col - q * H;
    const k0 = b * H + j;
    const gb = og + b * 4.0 * H + j;
    const gi = g[gb];
    const gf = g[gb + H];
    const go = g[gb + 2.0 * H];
    const gz = g[gb + 3.0 * H];
    const d = dc[od + k0];
    let v = 0.0;
    if (q == 0.0) { v = d * gz * gi * (1.0 - gi); }
    if (q == 1.0) { v = d * cp[oc + k0] * gf * (1.0 - gf); }
    if (q == 2.0) { v = gh[oh + k0] * tc[ot + k0] * go * (1.0 - go); }
    if (q == 3.0) { v = d * gi * (1.0 - gz * gz); }
    return v;`),
  /**
   * dst ← src over the span of a strided dst view (dims sorted by dst stride, padded to 4 with
   * size 1): positions outside the view keep dst's old values.
   */
  copyStrided: k('d:A, s:A, n0, n1, n2, n3, d0, d1, d2, d3, s0, s1, s2, s3, od, os', `${I}
    let q = i;
    const i0 = Math.floor(q / d0); q -= i0 * d0;
    const i1 = Math.floor(q / d1); q -= i1 * d1;
    const i2 = Math.floor(q / d2); q -= i2 * d2;
    const i3 = Math.floor(q / d3); q -= i3 * d3;
    let v = d[od + i];
    if (q == 0.0 && i0 < n0 && i1 < n1 && i2 < n2 && i3 < n3) {
      v = s[os + i0 * s0 + i1 * s1 + i2 * s2 + i3 * s3];
    }
    return v;`),
  ...glimpseSources,
  ...tensorSources,
  ...convSources,
  ...poolSources,
  ...softmaxSources,
} satisfies Record<string, KernelSource>;

export type KernelName = keyof typeof sources;
