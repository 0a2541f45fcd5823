/**
 * The gpu backend's kernels, in gpu.js's JavaScript subset (compiled by gpu.js to WGSL). Each
 * computes one output element per thread (`this.thread.x`) of a 1-D output; tensors arrive as
 * whole storage buffers with their element offset (o*), numbers as floats (indices are exact
 * below 2^24, which the backend checks). Arguments are listed with their gpu.js types; the order
 * of `args` is the call order. A loop bounded by a local value is written with a constant bound
 * and a break: WebGL 1's GLSL compares loop indices with constants only (browsers enforce it).
 */
export interface KernelSource {
  args: Record<string, 'Array' | 'Float'>;
  body: string;
}

const A = 'Array' as const, F = 'Float' as const;

function k(args: string, body: string): KernelSource {
  const spec: Record<string, 'Array' | 'Float'> = {};
  for (const a of args.split(/\s*,\s*/)) {
    const [name, type] = a.split(':') as [string, string | undefined];
    spec[name] = type === 'A' ? A : F;
  }
  return { args: spec, body };
}

/**
 * The glimpse kernels' patch corner (y0, x0) in image coordinates for example b's location and a
 * patch of ph × pw: glimpseGeometry.patchStart (zero padding floor((size − 1)/2), corner clamped).
 */
function patchCorner(): string {
  const axis = (v: string, size: string, extent: string, loc: string): string => `
    const pad${v} = Math.floor((${size} - 1.0) / 2.0);
    const range${v} = ${extent} + 2.0 * pad${v} - ${size};
    const ${v.toLowerCase()}0 = Math.floor(Math.min(Math.max((${loc} + 1.0) / 2.0 * range${v}, 0.0), range${v})) - pad${v};`;
  return axis('Y', 'ph', 'H', 'loc[ol + 2.0 * b]') + axis('X', 'pw', 'W', 'loc[ol + 2.0 * b + 1.0]');
}

/** Elementwise kernels share this prologue. */
const I = 'const i = this.thread.x;\n';

export const sources = {
  /** C = alpha·op(A)·op(B) + beta·C (m×n); ta: A stored k×m; tb: B stored n×k. */
  gemm: k('a:A, b:A, c:A, m, n, kk, ta, tb, alpha, beta, oa, ob, oc', `${I}
    const r = Math.floor(i / n);
    const col = i - r * n;
    let s = 0.0;
    let ai = oa + r * kk;
    let as = 1.0;
    if (ta > 0.5) { ai = oa + r; as = m; }
    let bi = ob + col;
    let bs = n;
    if (tb > 0.5) { bi = ob + col * kk; bs = 1.0; }
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
    let ai = oa + r * kk;
    let as = 1.0;
    if (ta > 0.5) { ai = oa + r; as = m; }
    let bi = ob + col;
    let bs = n;
    let bc = 1.0;
    if (tb > 0.5) { bi = ob + col * kk; bs = 1.0; bc = kk; }
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
  logSoftmax: k('x:A, cols, ox', `${I}
    const r = Math.floor(i / cols);
    const base = ox + r * cols;
    let m = x[base];
    for (let c1 = 1; c1 < cols; c1++) { m = Math.max(m, x[base + c1]); }
    let s = 0.0;
    for (let c2 = 0; c2 < cols; c2++) { s += Math.exp(x[base + c2] - m); }
    return x[ox + i] - (m + Math.log(s));`),
  logSoftmaxBackward: k('y:A, g:A, cols, oy, og', `${I}
    const r = Math.floor(i / cols);
    let s = 0.0;
    for (let c = 0; c < cols; c++) { s += g[og + r * cols + c]; }
    return g[og + i] - Math.exp(y[oy + i]) * s;`),
  softmax: k('x:A, cols, ox', `${I}
    const r = Math.floor(i / cols);
    const base = ox + r * cols;
    let m = x[base];
    for (let c1 = 1; c1 < cols; c1++) { m = Math.max(m, x[base + c1]); }
    let s = 0.0;
    for (let c2 = 0; c2 < cols; c2++) { s += Math.exp(x[base + c2] - m); }
    return Math.exp(x[ox + i] - m) / s;`),
  softmaxBackward: k('y:A, g:A, cols, oy, og', `${I}
    const r = Math.floor(i / cols);
    let s = 0.0;
    for (let c = 0; c < cols; c++) { s += g[og + r * cols + c] * y[oy + r * cols + c]; }
    return y[oy + i] * (g[og + i] - s);`),
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
  /**
   * SpatialGlimpse forward (see ../js/glimpse.ts): output (B, depth·C, oh, ow); patch d is cut at
   * the example's location and block-averaged (scale 2), resampled bilinearly (other scales) or
   * copied (same size); zero outside the image.
   */
  glimpse: k('img:A, loc:A, C, H, W, oh, ow, depth, scale, oi, ol', `${I}
    const x = i - Math.floor(i / ow) * ow;
    const t1 = Math.floor(i / ow);
    const y = t1 - Math.floor(t1 / oh) * oh;
    const t2 = Math.floor(t1 / oh);
    const ch = t2 - Math.floor(t2 / (depth * C)) * (depth * C);
    const b = Math.floor(t2 / (depth * C));
    const d = Math.floor(ch / C);
    const c = ch - d * C;
    let ph = oh;
    let pw = ow;
    for (let e1 = 0; e1 < 64; e1++) {
      if (e1 >= d) { break; }
      ph = Math.floor(ph * scale);
      pw = Math.floor(pw * scale);
    }
${patchCorner()}
    const base = oi + (b * C + c) * H * W;
    let v = 0.0;
    if (ph == oh && pw == ow) {
      const iy = y0 + y;
      const ix = x0 + x;
      if (iy >= 0.0 && iy < H && ix >= 0.0 && ix < W) { v = img[base + iy * W + ix]; }
    } else if (scale == 2.0) {
      const kh = ph / oh;
      const kw = pw / ow;
      for (let a = 0; a < 4096; a++) {
        if (a >= kh) { break; }
        const iy = y0 + y * kh + a;
        for (let e = 0; e < 4096; e++) {
          if (e >= kw) { break; }
          const ix = x0 + x * kw + e;
          if (iy >= 0.0 && iy < H && ix >= 0.0 && ix < W) { v += img[base + iy * W + ix]; }
        }
      }
      v = v / (kh * kw);
    } else {
      const fy = y * (ph - 1.0) / (oh - 1.0);
      const fx = x * (pw - 1.0) / (ow - 1.0);
      const ya = Math.floor(fy);
      const xa = Math.floor(fx);
      const yb = Math.min(ya + 1.0, ph - 1.0);
      const xb = Math.min(xa + 1.0, pw - 1.0);
      const wy = fy - ya;
      const wx = fx - xa;
      const ty = y0 + ya;
      const tx = x0 + xa;
      const uy = y0 + yb;
      const ux = x0 + xb;
      if (ty >= 0.0 && ty < H && tx >= 0.0 && tx < W) { v += (1.0 - wy) * (1.0 - wx) * img[base + ty * W + tx]; }
      if (ty >= 0.0 && ty < H && ux >= 0.0 && ux < W) { v += (1.0 - wy) * wx * img[base + ty * W + ux]; }
      if (uy >= 0.0 && uy < H && tx >= 0.0 && tx < W) { v += wy * (1.0 - wx) * img[base + uy * W + tx]; }
      if (uy >= 0.0 && uy < H && ux >= 0.0 && ux < W) { v += wy * wx * img[base + uy * W + ux]; }
    }
    return v;`),
  /**
   * Its transpose, one image pixel (b, c, iy, ix) per thread: the sum over patches and output
   * pixels of weight·gradOut. The resampling weights are separable, wy(y, py)·wx(x, px).
   */
  glimpseBackward: k('go:A, loc:A, C, H, W, oh, ow, depth, scale, og, ol', `${I}
    const ix = i - Math.floor(i / W) * W;
    const t1 = Math.floor(i / W);
    const iy = t1 - Math.floor(t1 / H) * H;
    const t2 = Math.floor(t1 / H);
    const c = t2 - Math.floor(t2 / C) * C;
    const b = Math.floor(t2 / C);
    let ph = oh;
    let pw = ow;
    let v = 0.0;
    for (let d = 0; d < depth; d++) {
${patchCorner()}
      const py = iy - y0;
      const px = ix - x0;
      if (py >= 0.0 && py < ph && px >= 0.0 && px < pw) {
        const gbase = og + ((b * depth + d) * C + c) * oh * ow;
        if (ph == oh && pw == ow) {
          v += go[gbase + py * ow + px];
        } else if (scale == 2.0) {
          const kh = ph / oh;
          const kw = pw / ow;
          v += go[gbase + Math.floor(py / kh) * ow + Math.floor(px / kw)] / (kh * kw);
        } else {
          for (let y = 0; y < oh; y++) {
            const fy = y * (ph - 1.0) / (oh - 1.0);
            const ya = Math.floor(fy);
            const yb = Math.min(ya + 1.0, ph - 1.0);
            let wy = 0.0;
            if (py == ya) { wy += 1.0 - (fy - ya); }
            if (py == yb) { wy += fy - ya; }
            if (wy != 0.0) {
              for (let x = 0; x < ow; x++) {
                const fx = x * (pw - 1.0) / (ow - 1.0);
                const xa = Math.floor(fx);
                const xb = Math.min(xa + 1.0, pw - 1.0);
                let wx = 0.0;
                if (px == xa) { wx += 1.0 - (fx - xa); }
                if (px == xb) { wx += fx - xa; }
                v += wy * wx * go[gbase + y * ow + x];
              }
            }
          }
        }
      }
      ph = Math.floor(ph * scale);
      pw = Math.floor(pw * scale);
    }
    return v;`),
} satisfies Record<string, KernelSource>;

export type KernelName = keyof typeof sources;
