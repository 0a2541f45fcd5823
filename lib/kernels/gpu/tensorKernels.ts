/**
 * The gpu versions of the tensor library's pointwise and reduction kernels (sources in
 * tensorSources.ts): float32 in and out on the device. Everything else — integer and byte tensors,
 * comparisons, a reduction over an empty dimension, norms of infinite order, rpows of a base ≤ 0 —
 * runs the js kernel on the host mirrors (counted in stats.hostKernels).
 */
import type { Tensor } from '../../Tensor.js';
import type { LaunchContext } from './kernels.js';
import { BINARY_CODES, REDUCE_CODES, UNARY_CODES } from './tensorSources.js';
import type { KernelTable } from '../KernelTable.js';

type TensorKernels = Pick<KernelTable, 'unary' | 'binary' | 'addcmul' | 'reduceDim'>;

const f32 = (...ts: Tensor[]): boolean => ts.every((t) => t.dtype === 'float32');

export function tensorKernels({ launch, onGpu, host }: Pick<LaunchContext, 'launch' | 'onGpu' | 'host'>): TensorKernels {
  return {
    unary(out, x, op, a, b) {
      const code = UNARY_CODES[op];
      if (code === undefined || !f32(out) || !onGpu(out, x) || (op === 'rpows' && !(a > 0)) || !Number.isFinite(a) || !Number.isFinite(b)) {
        return host('unary')(out, x, op, a, b);
      }
      launch('unaryOp', out, out.numel(), x, code, a, b);
    },
    binary(out, x, y, op, a) {
      const code = BINARY_CODES[op];
      if (code === undefined || !f32(out) || !onGpu(out, x, y) || !Number.isFinite(a)) return host('binary')(out, x, y, op, a);
      launch('binaryOp', out, out.numel(), x, y, code, a);
    },
    addcmul(out, x, v, y, z, div) {
      if (!f32(out) || !onGpu(out, x, y, z) || !Number.isFinite(v)) return host('addcmul')(out, x, v, y, z, div);
      launch('addcmulOp', out, out.numel(), x, y, z, v, div ? 1 : 0);
    },
    reduceDim(out, x, outer, n, inner, op, p) {
      const code = REDUCE_CODES[op];
      if (code === undefined || n === 0 || !f32(out) || !onGpu(out, x) || !Number.isFinite(p)) return host('reduceDim')(out, x, outer, n, inner, op, p);
      launch('reduceOp', out, outer * inner, x, n, inner, code, p);
    },
  };
}
