/**
 * Batch normalization over (B, C, L) per feature c (geometry: ../poolShape.ts): the training
 * statistics with the running averages, the normalization with its affine map, and the backward.
 * The js reference: sums in float64, float32 or float64 arrays indexed from the tensors' offsets.
 */
import type { Tensor } from '../../Tensor.js';
import type { BatchNormShape } from '../poolShape.js';

/** Σ over examples and positions of x − mu for feature c, or of (x − mu)² when square. */
function featureSum(x: Tensor, s: BatchNormShape, c: number, mu: number, square: boolean): number {
  const xd = x.data;
  let sum = 0;
  for (let b = 0; b < s.B; b++) {
    const row = x.offset + (b * s.C + c) * s.L, end = row + s.L;
    if (square) for (let i = row; i < end; i++) sum += (xd[i]! - mu) * (xd[i]! - mu);
    else for (let i = row; i < end; i++) sum += xd[i]! - mu;
  }
  return sum;
}

/** Σ over examples and positions of (x − mu)·g for feature c. */
function featureDot(x: Tensor, g: Tensor, s: BatchNormShape, c: number, mu: number): number {
  const xd = x.data, gd = g.data;
  let sum = 0;
  for (let b = 0; b < s.B; b++) {
    const off = (b * s.C + c) * s.L, xo = x.offset + off, go = g.offset + off;
    for (let l = 0; l < s.L; l++) sum += (xd[xo + l]! - mu) * gd[go + l]!;
  }
  return sum;
}

export function batchNormStats(mean: Tensor, invstd: Tensor, runningMean: Tensor, runningVar: Tensor, x: Tensor, s: BatchNormShape,
  eps: number, momentum: number): void {
  const n = s.B * s.L, md = mean.data, id = invstd.data, rm = runningMean.data, rv = runningVar.data;
  for (let c = 0; c < s.C; c++) {
    const mu = featureSum(x, s, c, 0, false) / n;
    const ss = featureSum(x, s, c, mu, true); // Σ (x − μ)²
    const v = ss / n + eps;
    md[mean.offset + c] = mu;
    id[invstd.offset + c] = v === 0 ? 0 : 1 / Math.sqrt(v); // eps = 0 and a constant feature: 0, as THNN
    rm[runningMean.offset + c] = (1 - momentum) * rm[runningMean.offset + c]! + momentum * mu;
    rv[runningVar.offset + c] = (1 - momentum) * rv[runningVar.offset + c]! + momentum * ss / (n - 1); // unbiased
  }
}

export function batchNormForward(out: Tensor, x: Tensor, mean: Tensor, invstd: Tensor, weight: Tensor | null, bias: Tensor | null,
  s: BatchNormShape): void {
  const xd = x.data, yd = out.data;
  for (let b = 0; b < s.B; b++) {
    for (let c = 0; c < s.C; c++) {
      const mu = mean.data[mean.offset + c]!, a = invstd.data[invstd.offset + c]! * (weight ? weight.data[weight.offset + c]! : 1);
      const beta = bias ? bias.data[bias.offset + c]! : 0, row = (b * s.C + c) * s.L;
      for (let l = 0; l < s.L; l++) yd[out.offset + row + l] = (xd[x.offset + row + l]! - mu) * a + beta;
    }
  }
}

export function batchNormBackward(gradIn: Tensor | null, gradWeight: Tensor | null, gradBias: Tensor | null, x: Tensor, gradOut: Tensor,
  mean: Tensor, invstd: Tensor, weight: Tensor | null, s: BatchNormShape, batchStats: boolean, scale: number): void {
  const n = s.B * s.L, gd = gradOut.data, go = gradOut.offset, xd = x.data;
  for (let c = 0; c < s.C; c++) {
    const mu = mean.data[mean.offset + c]!, inv = invstd.data[invstd.offset + c]!;
    const gsum = featureSum(gradOut, s, c, 0, false); // Σ g
    const dot = featureDot(x, gradOut, s, c, mu); // Σ (x − μ) g
    if (gradWeight) gradWeight.data[gradWeight.offset + c]! += scale * dot * inv;
    if (gradBias) gradBias.data[gradBias.offset + c]! += scale * gsum;
    if (!gradIn) continue;
    const w = inv * (weight ? weight.data[weight.offset + c]! : 1), gi = gradIn.data;
    const gmean = batchStats ? gsum / n : 0, k = batchStats ? dot * inv * inv / n : 0; // ∂/∂x through μ and σ
    for (let b = 0; b < s.B; b++) {
      const off = (b * s.C + c) * s.L, xo = x.offset + off, gOff = go + off, io = gradIn.offset + off;
      for (let l = 0; l < s.L; l++) gi[io + l] = (gd[gOff + l]! - gmean - (xd[xo + l]! - mu) * k) * w;
    }
  }
}
