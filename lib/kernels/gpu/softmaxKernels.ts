/**
 * The gpu versions of the (log-)softmax kernels (sources, and why rows are cut into chunks:
 * softmaxSources.ts): row statistics into scratch tensors, then one thread per element. The js
 * kernel runs on the host mirrors (counted) when a tensor is not on the GPU.
 */
import type { Tensor } from '../../Tensor.js';
import type { KernelTable } from '../KernelTable.js';
import type { LaunchContext } from './kernels.js';
import { CHUNK } from './softmaxSources.js';

type SoftmaxKernels = Pick<KernelTable, 'logSoftmax' | 'logSoftmaxBackward' | 'softmax' | 'softmaxBackward'>;

export function softmaxKernels({ launch, onGpu, host, scratch }: Pick<LaunchContext, 'launch' | 'onGpu' | 'host' | 'scratch'>): SoftmaxKernels {
  /** Each row's maximum m (first rows entries) and Σ exp(x − m) (next rows), in a scratch tensor. */
  const stats = (x: Tensor, rows: number, cols: number): Tensor => {
    const K = Math.ceil(cols / CHUNK), part = scratch(2 * rows * K);
    launch('softmaxPartials', part, 2 * rows * K, x, rows, cols, K);
    if (K === 1) return part;
    const st = scratch(2 * rows);
    launch('softmaxCombine', st, 2 * rows, part, rows, K);
    return st;
  };
  /** Each row's Σ gradOut (prod false) or Σ gradOut·y, in a scratch tensor. */
  const sums = (y: Tensor, gradOut: Tensor, rows: number, cols: number, prod: boolean): Tensor => {
    const K = Math.ceil(cols / CHUNK), part = scratch(rows * K);
    launch('softmaxGradPartials', part, rows * K, y, gradOut, rows, cols, K, prod ? 1 : 0);
    if (K === 1) return part;
    const s = scratch(rows);
    launch('sumChunks', s, rows, part, K);
    return s;
  };
  return {
    logSoftmax(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('logSoftmax')(out, x, rows, cols);
      if (rows * cols > 0) launch('logSoftmax', out, rows * cols, x, stats(x, rows, cols), rows, cols);
    },
    logSoftmaxBackward(gradIn, y, gradOut, rows, cols) {
      if (!onGpu(gradIn, y, gradOut)) return host('logSoftmaxBackward')(gradIn, y, gradOut, rows, cols);
      if (rows * cols > 0) launch('logSoftmaxBackward', gradIn, rows * cols, y, gradOut, sums(y, gradOut, rows, cols, false), cols);
    },
    softmax(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('softmax')(out, x, rows, cols);
      if (rows * cols > 0) launch('softmax', out, rows * cols, x, stats(x, rows, cols), rows, cols);
    },
    softmaxBackward(gradIn, y, gradOut, rows, cols) {
      if (!onGpu(gradIn, y, gradOut)) return host('softmaxBackward')(gradIn, y, gradOut, rows, cols);
      if (rows * cols > 0) launch('softmaxBackward', gradIn, rows * cols, y, gradOut, sums(y, gradOut, rows, cols, true), cols);
    },
  };
}
