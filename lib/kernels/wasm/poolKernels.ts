/**
 * The wasm backend's pooling, unpooling, batch-norm and upsampling kernels (./assembly/pool.ts and
 * batchNorm.ts) when every tensor operand is float32 in the wasm heap; otherwise the js kernel
 * runs and is counted. Absent tensors (a null weight, bias or skipped output) are passed as 0.
 */
import type { KernelTable } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';
import { poolArgs, type PoolShape, type UpsampleShape } from '../poolShape.js';

type Geometry = [planes: number, iH: number, iW: number, oH: number, oW: number, kH: number, kW: number,
  dH: number, dW: number, pH: number, pW: number, lH: number, lW: number];
type Upsample = (dst: number, src: number, planes: number, T: number, H: number, W: number, sT: number, s: number) => void;

export interface PoolExports {
  maxPool2dF32(y: number, idx: number, x: number, ...g: Geometry): void;
  maxPool2dBackwardF32(gx: number, gy: number, idx: number, planes: number, plane: number, n: number): void;
  maxUnpool2dBackwardF32(gx: number, gy: number, idx: number, planes: number, plane: number, n: number): void;
  avgPool2dF32(x: number, y: number, row: number, backward: number, planes: number, iH: number, iW: number, oH: number, oW: number,
    kH: number, kW: number, dH: number, dW: number, pH: number, pW: number, includePad: number, scale: number): void;
  upsampleNearestF32: Upsample;
  upsampleNearestBackwardF32: Upsample;
  batchNormStatsF32(mean: number, invstd: number, rm: number, rv: number, x: number, B: number, C: number, L: number, eps: number, momentum: number): void;
  batchNormForwardF32(y: number, x: number, mean: number, invstd: number, weight: number, bias: number, B: number, C: number, L: number): void;
  batchNormBackwardF32(gi: number, gw: number, gb: number, x: number, g: number, mean: number, invstd: number, weight: number,
    B: number, C: number, L: number, batchStats: number, scale: number): void;
}

type PoolKernels = Pick<KernelTable, 'maxPool2d' | 'maxPool2dBackward' | 'maxUnpool2d' | 'maxUnpool2dBackward' | 'avgPool2d' | 'avgPool2dBackward' | 'upsampleNearest'
  | 'upsampleNearestBackward' | 'batchNormStats' | 'batchNormForward' | 'batchNormBackward'>;

export interface PoolContext {
  k: PoolExports;
  /** t's byte address in the heap, or -1 when t is not float32 there. */
  ptr(t: Tensor): number;
  /** A scratch block of at least `floats` 4-byte words. */
  scratchFor(floats: number): number;
  js: KernelTable;
  fellBack(name: string): void;
}

const upsampleArgs = (g: UpsampleShape): [number, number, number, number, number, number] => [g.planes, g.T, g.H, g.W, g.sT, g.s];
const avgArgs = (g: PoolShape): [number, number, number, number, number, number, number, number, number, number, number] =>
  [g.planes, g.iH, g.iW, g.oH, g.oW, g.kH, g.kW, g.dH, g.dW, g.padH, g.padW];

export function wasmPoolKernels({ k, ptr, scratchFor, js, fellBack }: PoolContext): PoolKernels {
  /** The addresses of ts (null: 0), or null when one is not float32 in the heap. */
  const ptrs = (...ts: (Tensor | null)[]): number[] | null => {
    const out = ts.map((t) => (t === null ? 0 : ptr(t)));
    return out.every((p) => p >= 0) ? out : null;
  };
  const viaJs = <K extends keyof PoolKernels>(name: K): KernelTable[K] => {
    fellBack(name);
    return js[name];
  };

  return {
    maxPool2d(out, indices, x, g) {
      const p = ptrs(out, indices, x);
      if (!p) return viaJs('maxPool2d')(out, indices, x, g);
      k.maxPool2dF32(p[0]!, p[1]!, p[2]!, ...(poolArgs(g) as Geometry));
    },
    maxPool2dBackward(gradIn, gradOut, indices, g) {
      const p = ptrs(gradIn, gradOut, indices);
      if (!p) return viaJs('maxPool2dBackward')(gradIn, gradOut, indices, g);
      k.maxPool2dBackwardF32(p[0]!, p[1]!, p[2]!, g.planes, g.iH * g.iW, g.oH * g.oW);
    },
    maxUnpool2d(out, x, indices, g) { // the max-pooling backward's scatter
      const p = ptrs(out, x, indices);
      if (!p) return viaJs('maxUnpool2d')(out, x, indices, g);
      k.maxPool2dBackwardF32(p[0]!, p[1]!, p[2]!, g.planes, g.iH * g.iW, g.oH * g.oW);
    },
    maxUnpool2dBackward(gradIn, gradOut, indices, g) {
      const p = ptrs(gradIn, gradOut, indices);
      if (!p) return viaJs('maxUnpool2dBackward')(gradIn, gradOut, indices, g);
      k.maxUnpool2dBackwardF32(p[0]!, p[1]!, p[2]!, g.planes, g.iH * g.iW, g.oH * g.oW);
    },
    avgPool2d(out, x, g, mode) {
      const p = ptrs(out, x);
      if (!p) return viaJs('avgPool2d')(out, x, g, mode);
      k.avgPool2dF32(p[1]!, p[0]!, scratchFor(g.iW), 0, ...avgArgs(g), mode.includePad ? 1 : 0, mode.scale);
    },
    avgPool2dBackward(gradIn, gradOut, g, mode) {
      const p = ptrs(gradIn, gradOut);
      if (!p) return viaJs('avgPool2dBackward')(gradIn, gradOut, g, mode);
      k.avgPool2dF32(p[0]!, p[1]!, scratchFor(g.iW), 1, ...avgArgs(g), mode.includePad ? 1 : 0, mode.scale);
    },
    upsampleNearest(out, x, g) {
      const p = ptrs(out, x);
      if (!p) return viaJs('upsampleNearest')(out, x, g);
      k.upsampleNearestF32(p[0]!, p[1]!, ...upsampleArgs(g));
    },
    upsampleNearestBackward(gradIn, gradOut, g) {
      const p = ptrs(gradIn, gradOut);
      if (!p) return viaJs('upsampleNearestBackward')(gradIn, gradOut, g);
      k.upsampleNearestBackwardF32(p[0]!, p[1]!, ...upsampleArgs(g));
    },
    batchNormStats(mean, invstd, runningMean, runningVar, x, s, eps, momentum) {
      const p = ptrs(mean, invstd, runningMean, runningVar, x);
      if (!p) return viaJs('batchNormStats')(mean, invstd, runningMean, runningVar, x, s, eps, momentum);
      k.batchNormStatsF32(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, s.B, s.C, s.L, eps, momentum);
    },
    batchNormForward(out, x, mean, invstd, weight, bias, s) {
      const p = ptrs(out, x, mean, invstd, weight, bias);
      if (!p) return viaJs('batchNormForward')(out, x, mean, invstd, weight, bias, s);
      k.batchNormForwardF32(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!, s.B, s.C, s.L);
    },
    batchNormBackward(gradIn, gradWeight, gradBias, x, gradOut, mean, invstd, weight, s, batchStats, scale) {
      const p = ptrs(gradIn, gradWeight, gradBias, x, gradOut, mean, invstd, weight);
      if (!p) return viaJs('batchNormBackward')(gradIn, gradWeight, gradBias, x, gradOut, mean, invstd, weight, s, batchStats, scale);
      k.batchNormBackwardF32(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!, p[6]!, p[7]!, s.B, s.C, s.L, batchStats ? 1 : 0, scale);
    },
  };
}
