/** The js backend: plain TypeScript loops over Float32Array/Float64Array — the reference, and the only float64 backend. */
import type { KernelTable } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';
import type { Generator } from '../../random.js';
import { gemm } from './gemm.js';
import * as pw from './pointwise.js';
import * as rows from './rows.js';

function randomFill(out: Tensor, draw: () => number): void {
  const o = out.data, n = out.numel(), oo = out.offset;
  for (let i = 0; i < n; i++) o[oo + i] = draw();
}

export const jsBackend: KernelTable = {
  name: 'js',
  allocator: (dtype, length) => (dtype === 'float64' ? new Float64Array(length) : new Float32Array(length)),
  gemm,
  ...pw,
  ...rows,
  randomUniform: (out: Tensor, rng: Generator, a: number, b: number) => randomFill(out, () => rng.uniform(a, b)),
  randomNormal: (out: Tensor, rng: Generator, mean: number, std: number) => randomFill(out, () => rng.normal(mean, std)),
  randomBernoulli: (out: Tensor, rng: Generator, p: number) => randomFill(out, () => rng.bernoulli(p)),
};
