/**
 * (Log-)softmax and their backward passes on the gpu backend (conventions: kernelSource.ts), linear
 * in the columns: each row is cut into chunks of CHUNK columns, one thread per (row, chunk) reduces
 * its chunk into a scratch tensor, one thread per row combines the chunks' results (skipped for a
 * single chunk), then one thread per element reads its row's statistics. No thread loops over more
 * than 2·CHUNK values: software rasterisers (Mesa's llvmpipe) stop a shader's loops after 65535
 * iterations. Rows of up to CHUNK · 4096 = 2^24 columns (every storage the backend holds) are covered.
 */
import { I, k } from './kernelSource.js';

/** Columns per chunk, the chunk loops' constant bound; the combining loops' bound is 4096 chunks. */
export const CHUNK = 4096;

/** r = floor(a / b), corrected by one where float division rounds across an integer. */
const quotient = (r: string, a: string, b: string): string => `
    let ${r} = Math.floor(${a} / ${b});
    if (${r} * ${b} > ${a}) { ${r} = ${r} - 1.0; }
    if ((${r} + 1.0) * ${b} <= ${a}) { ${r} = ${r} + 1.0; }`;

/** Element i's row r. */
const ROW = `${I}${quotient('r', 'i', 'cols')}`;

/** Thread i as chunk kc of row r, over columns [c0, c0 + len), half = rows·K (its statistic: i ≥ half, its index j below half). */
const CHUNK_OF = `${I}
    const half = rows * K;
    let j = i;
    if (i >= half) { j = i - half; }${quotient('r', 'j', 'K')}
    const kc = j - r * K;
    const c0 = kc * ${CHUNK}.0;
    const len = Math.min(cols - c0, ${CHUNK}.0);`;

export const softmaxSources = {
  /**
   * Chunk statistics of x (rows × cols, K chunks a row): thread j < rows·K gives chunk j's maximum
   * m; thread rows·K + j gives its Σ exp(x − m). With K = 1 these are the rows' statistics.
   */
  softmaxPartials: k('x:A, rows, cols, K, ox', `${CHUNK_OF}
    const base = ox + r * cols + c0;
    let m = x[base];
    for (let c1 = 1; c1 < ${CHUNK}; c1++) {
      if (c1 >= len) { break; }
      m = Math.max(m, x[base + c1]);
    }
    let v = m;
    if (i >= half) {
      let s = 0.0;
      for (let c2 = 0; c2 < ${CHUNK}; c2++) {
        if (c2 >= len) { break; }
        s += Math.exp(x[base + c2] - m);
      }
      v = s;
    }
    return v;`),
  /** Rows' statistics from their K chunks' (softmaxPartials): thread r < rows gives M = max m_k, thread rows + r Σ s_k·exp(m_k − M). */
  softmaxCombine: k('p:A, rows, K, op', `${I}
    let r = i;
    if (i >= rows) { r = i - rows; }
    const base = op + r * K;
    let m = p[base];
    for (let a = 1; a < 4096; a++) {
      if (a >= K) { break; }
      m = Math.max(m, p[base + a]);
    }
    let v = m;
    if (i >= rows) {
      let s = 0.0;
      for (let b = 0; b < 4096; b++) {
        if (b >= K) { break; }
        s += p[base + rows * K + b] * Math.exp(p[base + b] - m);
      }
      v = s;
    }
    return v;`),
  /** y = x − (m + log s), the row's maximum m at st[r] and Σ exp(x − m) at st[rows + r]. */
  logSoftmax: k('x:A, st:A, rows, cols, ox, ost', `${ROW}
    return x[ox + i] - (st[ost + r] + Math.log(st[ost + rows + r]));`),
  /** y = exp(x − m) / s, with the row statistics of logSoftmax. */
  softmax: k('x:A, st:A, rows, cols, ox, ost', `${ROW}
    return Math.exp(x[ox + i] - st[ost + r]) / st[ost + rows + r];`),
  /** Per chunk (K a row): Σ gradOut (prod unset: log-softmax's backward) or Σ gradOut·y (softmax's). */
  softmaxGradPartials: k('y:A, g:A, rows, cols, K, prod, oy, og', `${CHUNK_OF}
    const gb = og + r * cols + c0;
    const yb = oy + r * cols + c0;
    let s = 0.0;
    for (let c = 0; c < ${CHUNK}; c++) {
      if (c >= len) { break; }
      let t = g[gb + c];
      if (prod > 0.5) { t = t * y[yb + c]; }
      s += t;
    }
    return s;`),
  /** Per row: the sum of its K chunk sums. */
  sumChunks: k('p:A, K, op', `${I}
    let s = 0.0;
    for (let a = 0; a < 4096; a++) {
      if (a >= K) { break; }
      s += p[op + i * K + a];
    }
    return s;`),
  /** dx = g − exp(y)·Σg (dy_i/dx_j = δ_ij − p_j). */
  logSoftmaxBackward: k('y:A, g:A, s:A, cols, oy, og, os', `${ROW}
    return g[og + i] - Math.exp(y[oy + i]) * s[os + r];`),
  /** dx = y·(g − Σ g·y) (dy_i/dx_j = y_i(δ_ij − y_j)). */
  softmaxBackward: k('y:A, g:A, s:A, cols, oy, og, os', `${ROW}
    return y[oy + i] * (g[og + i] - s[os + r]);`),
};
