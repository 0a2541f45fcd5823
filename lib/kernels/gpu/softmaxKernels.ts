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
  /** (log-)softmax: the row statistics, then one thread per element. */
  const forward = (name: 'logSoftmax' | 'softmax'): SoftmaxKernels['softmax'] => (out, x, rows, cols) => {
    if (!onGpu(out, x)) return host(name)(out, x, rows, cols);
    if (rows * cols > 0) launch(name, out, rows * cols, x, stats(x, rows, cols), rows, cols);
  };
  /** Their gradients: per-row sums of gradOut (softmax: of gradOut·y), then one thread per element. */
  const backward = (name: 'logSoftmaxBackward' | 'softmaxBackward', timesY: boolean): SoftmaxKernels['softmaxBackward'] => (gradIn, y, gradOut, rows, cols) => {
    if (!onGpu(gradIn, y, gradOut)) return host(name)(gradIn, y, gradOut, rows, cols);
    if (rows * cols > 0) launch(name, gradIn, rows * cols, y, gradOut, sums(y, gradOut, rows, cols, timesY), cols);
  };
  return {
    logSoftmax: forward('logSoftmax'),
    logSoftmaxBackward: backward('logSoftmaxBackward', false),
    softmax: forward('softmax'),
    softmaxBackward: backward('softmaxBackward', true),
  };
}
