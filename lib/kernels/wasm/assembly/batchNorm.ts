// Batch normalization of the wasm backend over (B, C, L) float32 (../../poolShape.ts): per-feature
// sums accumulate in float64 two lanes at a time (float32 lanes promoted), the elementwise passes
// are float32x4. A pointer of 0 is an absent tensor (weight, bias, an output that is skipped).

@inline function at(p: usize, i: i32): usize {
  return p + ((<usize>i) << 2);
}

/** The two float64 lanes of a v128 summed. */
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Σ over examples b and positions l of x[b, c, l] − mu (mu = 0: the plain sum), or of (x − mu)² when square. */
function featureSum(x: usize, B: i32, C: i32, L: i32, c: i32, mu: f64, square: bool): f64 {
  const m = f64x2.splat(mu);
  let acc = f64x2.splat(0), tail: f64 = 0;
  for (let b = 0; b < B; b++) {
    const row = at(x, (b * C + c) * L);
    let l = 0;
    for (; l + 4 <= L; l += 4) {
      const v = v128.load(at(row, l));
      const lo = f64x2.sub(f64x2.promote_low_f32x4(v), m), hi = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), m);
      acc = square ? f64x2.add(acc, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi))) : f64x2.add(acc, f64x2.add(lo, hi));
    }
    for (; l < L; l++) {
      const d = <f64>load<f32>(at(row, l)) - mu;
      tail += square ? d * d : d;
    }
  }
  return lanes(acc) + tail;
}

/** Σ over examples and positions of (x − mu)·g for feature c. */
function featureDot(x: usize, g: usize, B: i32, C: i32, L: i32, c: i32, mu: f64): f64 {
  const m = f64x2.splat(mu);
  let acc = f64x2.splat(0), tail: f64 = 0;
  for (let b = 0; b < B; b++) {
    const off = (b * C + c) * L, xr = at(x, off), gr = at(g, off);
    let l = 0;
    for (; l + 4 <= L; l += 4) {
      const v = v128.load(at(xr, l)), w = v128.load(at(gr, l));
      const xlo = f64x2.sub(f64x2.promote_low_f32x4(v), m), xhi = f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), m);
      const glo = f64x2.promote_low_f32x4(w), ghi = f64x2.promote_low_f32x4(v128.shuffle<f32>(w, w, 2, 3, 0, 1));
      acc = f64x2.add(acc, f64x2.add(f64x2.mul(xlo, glo), f64x2.mul(xhi, ghi)));
    }
    for (; l < L; l++) tail += (<f64>load<f32>(at(xr, l)) - mu) * <f64>load<f32>(at(gr, l));
  }
  return lanes(acc) + tail;
}

export function batchNormStatsF32(mean: usize, invstd: usize, rm: usize, rv: usize, x: usize, B: i32, C: i32, L: i32, eps: f64, momentum: f64): void {
  const n = <f64>(B * L);
  for (let c = 0; c < C; c++) {
    const mu = featureSum(x, B, C, L, c, 0, false) / n;
    const ss = featureSum(x, B, C, L, c, mu, true); // Σ (x − μ)²
    const v = ss / n + eps;
    store<f32>(at(mean, c), <f32>mu);
    store<f32>(at(invstd, c), v == 0 ? 0 : <f32>(1 / Math.sqrt(v))); // eps = 0 and a constant feature: 0, as THNN
    store<f32>(at(rm, c), <f32>((1 - momentum) * <f64>load<f32>(at(rm, c)) + momentum * mu));
    store<f32>(at(rv, c), <f32>((1 - momentum) * <f64>load<f32>(at(rv, c)) + momentum * ss / (n - 1))); // unbiased
  }
}

/** y = (x − mean)·a + beta per row of L, a = invstd·weight. */
export function batchNormForwardF32(y: usize, x: usize, mean: usize, invstd: usize, weight: usize, bias: usize, B: i32, C: i32, L: i32): void {
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < C; c++) {
      const mu = load<f32>(at(mean, c)), a = load<f32>(at(invstd, c)) * (weight ? load<f32>(at(weight, c)) : 1);
      const beta: f32 = bias ? load<f32>(at(bias, c)) : 0, off = (b * C + c) * L, xr = at(x, off), yr = at(y, off);
      const vm = f32x4.splat(mu), va = f32x4.splat(a), vb = f32x4.splat(beta);
      let l = 0;
      for (; l + 4 <= L; l += 4) v128.store(at(yr, l), f32x4.add(f32x4.mul(f32x4.sub(v128.load(at(xr, l)), vm), va), vb));
      for (; l < L; l++) store<f32>(at(yr, l), (load<f32>(at(xr, l)) - mu) * a + beta);
    }
  }
}

export function batchNormBackwardF32(gi: usize, gw: usize, gb: usize, x: usize, g: usize, mean: usize, invstd: usize, weight: usize,
  B: i32, C: i32, L: i32, batchStats: i32, scale: f64): void {
  const n = <f64>(B * L);
  for (let c = 0; c < C; c++) {
    const mu = <f64>load<f32>(at(mean, c)), inv = <f64>load<f32>(at(invstd, c));
    const gsum = featureSum(g, B, C, L, c, 0, false), dot = featureDot(x, g, B, C, L, c, mu);
    if (gw) store<f32>(at(gw, c), <f32>(<f64>load<f32>(at(gw, c)) + scale * dot * inv));
    if (gb) store<f32>(at(gb, c), <f32>(<f64>load<f32>(at(gb, c)) + scale * gsum));
    if (!gi) continue;
    const w = <f32>(inv * (weight ? <f64>load<f32>(at(weight, c)) : 1));
    const gmean = batchStats ? <f32>(gsum / n) : 0, k = batchStats ? <f32>(dot * inv * inv / n) : 0; // ∂/∂x through μ and σ
    const vw = f32x4.splat(w), vg = f32x4.splat(gmean), vk = f32x4.splat(k), vm = f32x4.splat(<f32>mu), m32 = <f32>mu;
    for (let b = 0; b < B; b++) {
      const off = (b * C + c) * L, xr = at(x, off), gr = at(g, off), dr = at(gi, off);
      let l = 0;
      for (; l + 4 <= L; l += 4) {
        const d = f32x4.sub(f32x4.sub(v128.load(at(gr, l)), vg), f32x4.mul(f32x4.sub(v128.load(at(xr, l)), vm), vk));
        v128.store(at(dr, l), f32x4.mul(d, vw));
      }
      for (; l < L; l++) store<f32>(at(dr, l), (load<f32>(at(gr, l)) - gmean - (load<f32>(at(xr, l)) - m32) * k) * w);
    }
  }
}
