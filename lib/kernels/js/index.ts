/** The js backend: plain TypeScript loops over Float32Array/Float64Array — the reference, and the only float64 backend. */
import type { KernelTable } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';
import type { Generator } from '../../random.js';
import { hostAllocator } from '../../Storage.js';
import { gemm } from './gemm.js';
import * as pw from './pointwise.js';
import * as rows from './rows.js';
import * as tensorOps from './tensorOps.js';
import { glimpse, glimpseBackward } from './glimpse.js';
import { lstmCell, lstmCellBackward } from './lstm.js';
import { im2col, col2im } from './conv.js';
import * as pool from './pool.js';
import * as batchNorm from './batchNorm.js';

function randomFill(out: Tensor, draw: () => number): void {
  const o = out.data, n = out.numel(), oo = out.offset;
  for (let i = 0; i < n; i++) o[oo + i] = draw();
}

export const jsBackend: KernelTable = {
  name: 'js',
  allocator: hostAllocator,
  gemm,
  ...pw,
  ...rows,
  unary: tensorOps.unary,
  binary: tensorOps.binary,
  addcmul: tensorOps.addcmul,
  reduceDim: tensorOps.reduceDim,
  argReduceDim: tensorOps.argReduceDim,
  scanDim: tensorOps.scanDim,
  indexSelect: tensorOps.indexSelect,
  indexCopy: tensorOps.indexCopy,
  gather: tensorOps.gather,
  scatter: tensorOps.scatter,
  sortDim: tensorOps.sortDim,
  glimpse,
  glimpseBackward,
  im2col,
  col2im,
  lstmCell,
  lstmCellBackward,
  ...pool,
  ...batchNorm,
  randomUniform: (out: Tensor, rng: Generator, a: number, b: number) => randomFill(out, () => rng.uniform(a, b)),
  randomNormal: (out: Tensor, rng: Generator, mean: number, std: number) => rng.fillNormal(out.data, out.offset, out.numel(), mean, std),
  randomBernoulli: (out: Tensor, rng: Generator, p: number) => randomFill(out, () => rng.bernoulli(p)),
  bernoulliFrom(out: Tensor, p: Tensor, rng: Generator): void {
    const o = out.data, pd = p.data, n = out.numel();
    for (let i = 0; i < n; i++) o[out.offset + i] = rng.random() < pd[p.offset + i]! ? 1 : 0;
  },
  categoricalRows(out: Tensor, p: Tensor, nRows: number, cols: number, rng: Generator): void {
    const o = out.data;
    o.fill(0, out.offset, out.offset + nRows * cols);
    for (let r = 0; r < nRows; r++) o[out.offset + r * cols + rng.categorical(p.data, p.offset + r * cols, cols)] = 1;
  },
};
