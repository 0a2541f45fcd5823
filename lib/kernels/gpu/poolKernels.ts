/**
 * The gpu versions of the pooling, unpooling, batch-norm and upsampling kernels (sources in poolSources.ts),
 * float32 on the device; the positions of max pooling are float32 there too. The js kernel runs on
 * the host mirrors (counted) when an output is not on the GPU, and for geometries the sources do
 * not cover: a dilated max-pooling window holding no input cell, or more than 4096 windows over
 * one input cell along an axis (the sources' constant loop bounds).
 */
import type { Tensor } from '../../Tensor.js';
import type { KernelTable } from '../KernelTable.js';
import type { LaunchContext } from './kernels.js';
import { poolArgs, type PoolShape } from '../poolShape.js';

type PoolKernels = Pick<KernelTable, 'maxPool2d' | 'maxPool2dBackward' | 'maxUnpool2d' | 'maxUnpool2dBackward' | 'avgPool2d' | 'avgPool2dBackward' | 'upsampleNearest'
  | 'upsampleNearestBackward' | 'batchNormStats' | 'batchNormForward' | 'batchNormBackward'>;

/** Whether every window along an axis holds a tap inside the input [0, n). */
function tapsInside(o: number, n: number, k: number, d: number, pad: number, dil: number): boolean {
  for (let j = 0; j < o; j++) {
    const s = j * d - pad, first = s >= 0 ? s : s + Math.ceil(-s / dil) * dil;
    if (first >= n || first > s + (k - 1) * dil) return false;
  }
  return true;
}

/** The windows over one input cell along an axis fit the sources' loops. */
const fits = (g: PoolShape): boolean => Math.ceil(((g.kH - 1) * g.dilH + 1) / g.dH) <= 4096 && Math.ceil(((g.kW - 1) * g.dilW + 1) / g.dW) <= 4096;
const nonEmpty = (g: PoolShape): boolean =>
  tapsInside(g.oH, g.iH, g.kH, g.dH, g.padH, g.dilH) && tapsInside(g.oW, g.iW, g.kW, g.dW, g.padW, g.dilW);

export function poolKernels({ launch, onGpu, host, scratch }: Pick<LaunchContext, 'launch' | 'onGpu' | 'host' | 'scratch'>): PoolKernels {
  const all = (...ts: (Tensor | null)[]): boolean => ts.every((t) => t === null || onGpu(t));
  return {
    maxPool2d(out, indices, x, g) {
      if (!all(out, indices) || !onGpu(out, x) || !nonEmpty(g)) return host('maxPool2d')(out, indices, x, g);
      launch('maxPoolIndex', indices, g.planes * g.oH * g.oW, x, ...poolArgs(g));
      launch('maxPoolValue', out, g.planes * g.oH * g.oW, x, indices, g.iH * g.iW, g.oH * g.oW);
    },
    maxPool2dBackward(gradIn, gradOut, indices, g) {
      if (!onGpu(gradIn, gradOut, indices) || !fits(g)) return host('maxPool2dBackward')(gradIn, gradOut, indices, g);
      launch('maxPoolBackward', gradIn, g.planes * g.iH * g.iW, gradOut, indices, ...poolArgs(g));
    },
    maxUnpool2d(out, x, indices, g) { // the max-pooling backward's scatter
      if (!onGpu(out, x, indices) || !fits(g)) return host('maxUnpool2d')(out, x, indices, g);
      launch('maxPoolBackward', out, g.planes * g.iH * g.iW, x, indices, ...poolArgs(g));
    },
    maxUnpool2dBackward(gradIn, gradOut, indices, g) {
      if (!onGpu(gradIn, gradOut, indices)) return host('maxUnpool2dBackward')(gradIn, gradOut, indices, g);
      launch('maxUnpoolBackward', gradIn, g.planes * g.oH * g.oW, gradOut, indices, g.iH * g.iW, g.oH * g.oW);
    },
    avgPool2d(out, x, g, mode) {
      if (!onGpu(out, x)) return host('avgPool2d')(out, x, g, mode);
      launch('avgPool', out, g.planes * g.oH * g.oW, x, ...poolArgs(g), mode.includePad ? 1 : 0, mode.scale);
    },
    avgPool2dBackward(gradIn, gradOut, g, mode) {
      if (!onGpu(gradIn, gradOut) || !fits(g)) return host('avgPool2dBackward')(gradIn, gradOut, g, mode);
      launch('avgPoolBackward', gradIn, g.planes * g.iH * g.iW, gradOut, ...poolArgs(g), mode.includePad ? 1 : 0, mode.scale);
    },
    upsampleNearest(out, x, g) {
      if (!onGpu(out, x)) return host('upsampleNearest')(out, x, g);
      launch('upsampleNearest', out, g.planes * g.T * g.sT * g.H * g.s * g.W * g.s, x, g.T, g.H, g.W, g.sT, g.s);
    },
    upsampleNearestBackward(gradIn, gradOut, g) {
      if (!onGpu(gradIn, gradOut)) return host('upsampleNearestBackward')(gradIn, gradOut, g);
      launch('upsampleNearestBackward', gradIn, g.planes * g.T * g.H * g.W, gradOut, g.T, g.H, g.W, g.sT, g.s);
    },
    batchNormStats(mean, invstd, runningMean, runningVar, x, s, eps, momentum) {
      if (!all(mean, invstd, runningMean, runningVar) || !onGpu(mean, x)) {
        return host('batchNormStats')(mean, invstd, runningMean, runningVar, x, s, eps, momentum);
      }
      const n = s.B * s.L, ss = scratch(s.C);
      launch('bnSum', mean, s.C, x, x, s.B, s.C, s.L, 0, 0, n);
      launch('bnSum', ss, s.C, x, mean, s.B, s.C, s.L, 1, 1, 1); // Σ (x − μ)²
      launch('bnInvStd', invstd, s.C, ss, n, eps);
      launch('bnCombine', runningMean, s.C, runningMean, mean, mean, 1 - momentum, momentum, 0);
      launch('bnCombine', runningVar, s.C, runningVar, ss, ss, 1 - momentum, momentum / (n - 1), 0); // unbiased
    },
    batchNormForward(out, x, mean, invstd, weight, bias, s) {
      if (!onGpu(out, x, mean, invstd, weight, bias)) return host('batchNormForward')(out, x, mean, invstd, weight, bias, s);
      launch('bnForward', out, s.B * s.C * s.L, x, mean, invstd, weight ?? mean, bias ?? mean, s.C, s.L, weight ? 1 : 0, bias ? 1 : 0);
    },
    batchNormBackward(gradIn, gradWeight, gradBias, x, gradOut, mean, invstd, weight, s, batchStats, scale) {
      if (!all(gradIn, gradWeight, gradBias) || !onGpu(mean, x, gradOut, invstd, weight)) {
        return host('batchNormBackward')(gradIn, gradWeight, gradBias, x, gradOut, mean, invstd, weight, s, batchStats, scale);
      }
      const sums = scratch(2 * s.C), dot = sums.narrow(0, 0, s.C), gsum = sums.narrow(0, s.C, s.C);
      launch('bnGradSums', sums, 2 * s.C, x, gradOut, mean, s.B, s.C, s.L);
      if (gradWeight) launch('bnCombine', gradWeight, s.C, gradWeight, dot, invstd, 1, scale, 1);
      if (gradBias) launch('bnCombine', gradBias, s.C, gradBias, gsum, gsum, 1, scale, 0);
      if (gradIn) {
        launch('bnGradInput', gradIn, s.B * s.C * s.L, x, gradOut, mean, invstd, weight ?? mean, sums, s.C, s.L, s.B * s.L,
          weight ? 1 : 0, batchStats ? 1 : 0);
      }
    },
  };
}
