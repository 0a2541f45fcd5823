/**
 * The gpu backend's kernel table: each kernel runs on the GPU when its output lives there (and its
 * inputs there or in host memory), otherwise the js kernel runs on the host mirrors. Reductions
 * that return a number, random draws (the CPU backends' generator and sequence) and renorm
 * always run on the host.
 */
import { borrow, giveBack, withContiguous } from '../../torch/scratch.js';
import type { KernelTable } from '../KernelTable.js';
import { Tensor } from '../../Tensor.js';
import { hostAllocator } from '../../Storage.js';
import { GpuStorage } from './GpuStorage.js';
import { ArgumentError } from '../../errors.js';
import { patchSize, type GlimpseShape } from '../../glimpseGeometry.js';
import type { KernelName } from './sources.js';
import { tensorKernels } from './tensorKernels.js';
import { poolKernels } from './poolKernels.js';
import { softmaxKernels } from './softmaxKernels.js';
import { colCols, colRows, convArgs, type ConvShape } from '../convShape.js';

export interface LaunchContext {
  /** Kernel `name` over n outputs into out; tensors are passed as device copies, offsets appended. */
  launch(name: KernelName, out: Tensor, n: number, ...args: (Tensor | number)[]): void;
  onGpu(out: Tensor, ...inputs: (Tensor | null)[]): boolean;
  /** The js kernel, counted as a host run. */
  host<K extends keyof KernelTable>(name: K): KernelTable[K];
  copyOnDevice(out: Tensor, x: Tensor): void;
  scratch(n: number): Tensor;
  /** Whether four-outputs-per-thread kernels (gemm4) are available. */
  vec4: boolean;
}

export type GpuKernels = Omit<KernelTable, 'name' | 'allocator'>;

export function gpuKernels({ launch, onGpu, host, copyOnDevice, scratch, vec4 }: LaunchContext): GpuKernels {
  /** The glimpse kernels bound the depth by 64 and a block side by 4096 (constant loop bounds). */
  const checkGlimpse = (g: GlimpseShape): void => {
    const side = Math.max(...patchSize(g, g.depth - 1)) / Math.min(g.height, g.width);
    if (g.depth > 64 || side > 4096) throw new ArgumentError(`gpu backend: glimpse depth ${g.depth} (at most 64) or block side ${side} (at most 4096) out of range`);
  };

  /** col2im's gather loop runs over at most 4096 kernel offsets (a constant loop bound). */
  const checkConv = (g: ConvShape): void => {
    if (g.kT * g.kH * g.kW > 4096) throw new ArgumentError(`gpu backend: col2im of a kernel of ${g.kT}×${g.kH}×${g.kW} (more than 4096 offsets) is not supported`);
  };

  /**
   * A host draw into out; when out's storage has newer numbers on the GPU (which the host may not
   * read there), drawn into host memory and copied to out on the device instead.
   */
  const draw = (out: Tensor, fill: (o: Tensor) => void): void => {
    if (!(out.storage instanceof GpuStorage && out.storage.state === 'device' && onGpu(out))) return fill(out);
    const tmp = new Tensor(hostAllocator('float32', out.numel()), 0, out.shape);
    fill(tmp);
    launch('copy', out, out.numel(), tmp);
  };

  return {
    gemm(C, A, B, m, n, k, transA, transB, alpha, beta) {
      if (!onGpu(C, A, B)) return host('gemm')(C, A, B, m, n, k, transA, transB, alpha, beta);
      if (vec4 && n % 4 === 0) launch('gemm4', C, m * n, A, B, C, m, n, k, transA ? 1 : 0, transB ? 1 : 0, alpha, beta);
      else launch('gemm', C, m * n, A, B, C, m, n, k, transA ? 1 : 0, transB ? 1 : 0, alpha, beta);
    },
    addRowVector(out, v, rows, cols, alpha) {
      if (!onGpu(out, v)) return host('addRowVector')(out, v, rows, cols, alpha);
      launch('addRowVector', out, rows * cols, out, v, cols, alpha);
    },
    sumRows(out, x, rows, cols, alpha, beta) {
      if (!onGpu(out, x)) return host('sumRows')(out, x, rows, cols, alpha, beta);
      launch('sumRows', out, cols, x, out, rows, cols, alpha, beta);
    },
    axpby(out, a, x, b, y) {
      if (!onGpu(out, x, y)) return host('axpby')(out, a, x, b, y);
      launch('axpby', out, out.numel(), x, y, a, b);
    },
    cmul(out, x, y) {
      if (!onGpu(out, x, y)) return host('cmul')(out, x, y);
      launch('cmul', out, out.numel(), x, y);
    },
    cdiv(out, x, y) {
      if (!onGpu(out, x, y)) return host('cdiv')(out, x, y);
      launch('cdiv', out, out.numel(), x, y);
    },
    scaleRows(out, x, s, rows, cols) {
      if (!onGpu(out, x, s)) return host('scaleRows')(out, x, s, rows, cols);
      launch('scaleRows', out, rows * cols, x, s, cols);
    },
    adds(out, x, s) {
      if (!onGpu(out, x)) return host('adds')(out, x, s);
      launch('adds', out, out.numel(), x, s);
    },
    fill(out, value) {
      if (!onGpu(out)) return host('fill')(out, value);
      launch('fill', out, out.numel(), value);
    },
    copy(out, x) {
      if (!onGpu(out, x)) return host('copy')(out, x);
      copyOnDevice(out, x);
    },
    relu(out, x) {
      if (!onGpu(out, x)) return host('relu')(out, x);
      launch('relu', out, out.numel(), x);
    },
    reluBackward(gradIn, x, gradOut) {
      if (!onGpu(gradIn, x, gradOut)) return host('reluBackward')(gradIn, x, gradOut);
      launch('reluBackward', gradIn, gradIn.numel(), x, gradOut);
    },
    tanh(out, x) {
      if (!onGpu(out, x)) return host('tanh')(out, x);
      launch('tanh', out, out.numel(), x);
    },
    tanhBackward(gradIn, y, gradOut) {
      if (!onGpu(gradIn, y, gradOut)) return host('tanhBackward')(gradIn, y, gradOut);
      launch('tanhBackward', gradIn, gradIn.numel(), y, gradOut);
    },
    sigmoid(out, x) {
      if (!onGpu(out, x)) return host('sigmoid')(out, x);
      launch('sigmoid', out, out.numel(), x);
    },
    sigmoidBackward(gradIn, y, gradOut) {
      if (!onGpu(gradIn, y, gradOut)) return host('sigmoidBackward')(gradIn, y, gradOut);
      launch('sigmoidBackward', gradIn, gradIn.numel(), y, gradOut);
    },
    hardtanh(out, x, min, max) {
      if (!onGpu(out, x)) return host('hardtanh')(out, x, min, max);
      launch('hardtanh', out, out.numel(), x, min, max);
    },
    hardtanhBackward(gradIn, x, gradOut, min, max) {
      if (!onGpu(gradIn, x, gradOut)) return host('hardtanhBackward')(gradIn, x, gradOut, min, max);
      launch('hardtanhBackward', gradIn, gradIn.numel(), x, gradOut, min, max);
    },
    argmaxRows(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('argmaxRows')(out, x, rows, cols);
      launch('argmaxRows', out, rows, x, cols);
    },
    classReward(out, pred, target, n, scale) {
      if (!onGpu(out, pred, target)) return host('classReward')(out, pred, target, n, scale);
      launch('classReward', out, n, pred, target, scale);
    },
    classNLLBackward(gradIn, target, weights, rows, cols, ignoreIndex, norm) {
      if (!onGpu(gradIn, target, weights)) return host('classNLLBackward')(gradIn, target, weights, rows, cols, ignoreIndex, norm);
      const w = weights ?? target;
      launch('classNLLBackward', gradIn, rows * cols, target, w, cols, ignoreIndex, norm, weights ? 1 : 0);
    },
    adam(param, grad, m, v, lr, beta1, beta2, eps, t) {
      if (!onGpu(param, grad, m, v)) return host('adam')(param, grad, m, v, lr, beta1, beta2, eps, t);
      const n = param.numel();
      launch('adamMoment', m, n, m, grad, beta1, 0);
      launch('adamMoment', v, n, v, grad, beta2, 1);
      launch('adamStep', param, n, param, m, v, lr, 1 - beta1 ** t, 1 - beta2 ** t, eps);
    },
    glimpse(out, image, location, B, C, H, W, g) {
      checkGlimpse(g);
      if (!onGpu(out, image, location)) return host('glimpse')(out, image, location, B, C, H, W, g);
      launch('glimpse', out, B * g.depth * C * g.height * g.width, image, location, C, H, W, g.height, g.width, g.depth, g.scale);
    },
    glimpseBackward(gradImage, gradOut, location, B, C, H, W, g) {
      checkGlimpse(g);
      if (!onGpu(gradImage, gradOut, location)) return host('glimpseBackward')(gradImage, gradOut, location, B, C, H, W, g);
      launch('glimpseBackward', gradImage, B * C * H * W, gradOut, location, C, H, W, g.height, g.width, g.depth, g.scale);
    },
    im2col(col, x, g) {
      if (!onGpu(col, x)) return host('im2col')(col, x, g);
      if (!col.isContiguous()) { // a column block of a batch's matrix: unfold into a temporary, then a strided copy
        const tmp = borrow(col.shape, col.dtype);
        launch('im2col', tmp, colRows(g) * colCols(g), x, ...convArgs(g));
        col.copy(tmp);
        return giveBack(tmp);
      }
      launch('im2col', col, colRows(g) * colCols(g), x, ...convArgs(g));
    },
    col2im(x, col, g) {
      checkConv(g);
      if (!onGpu(x, col)) return host('col2im')(x, col, g);
      if (!col.isContiguous()) return withContiguous([col], ([c]) => launch('col2im', x, g.C * g.T * g.H * g.W, c, ...convArgs(g)));
      launch('col2im', x, g.C * g.T * g.H * g.W, col, ...convArgs(g));
    },

    lstmCell(gates, c, h, tanhC, cPrev, B, H) {
      if (!onGpu(gates, cPrev) || !onGpu(c) || !onGpu(h) || !onGpu(tanhC)) return host('lstmCell')(gates, c, h, tanhC, cPrev, B, H);
      launch('lstmGates', gates, B * 4 * H, gates, H);
      launch('lstmC', c, B * H, gates, cPrev, H);
      launch('tanh', tanhC, B * H, c);
      launch('lstmH', h, B * H, gates, tanhC, H);
    },
    lstmCellBackward(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H) {
      if (!onGpu(gradGates, gates, tanhC, cPrev, gradH, gradC) || !onGpu(gradCPrev)) {
        return host('lstmCellBackward')(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H);
      }
      const dc = scratch(B * H);
      launch('lstmDc', dc, B * H, gates, tanhC, gradH, gradC, H);
      launch('lstmGradGates', gradGates, B * 4 * H, dc, gates, cPrev, tanhC, gradH, H);
      launch('lstmDcPrev', gradCPrev, B * H, dc, gates, H);
    },

    // host kernels: reductions that return a number, random draws, renorm
    // the tensor library's pointwise, comparison, reduction, arg-max/min and index kernels: tensorKernels.ts; scans and sorts run on the host mirrors (counted as host runs)
    ...tensorKernels({ launch, onGpu, host }),
    ...poolKernels({ launch, onGpu, host, scratch }),
    ...softmaxKernels({ launch, onGpu, host, scratch }),
    scanDim: (...a) => host('scanDim')(...a),
    sortDim: (...a) => host('sortDim')(...a),
    sum: (x) => host('sum')(x),
    dot: (x, y) => host('dot')(x, y),
    sqdist: (x, y) => host('sqdist')(x, y),
    classNLL: (result, x, target, weights, rows, cols, ignoreIndex) => host('classNLL')(result, x, target, weights, rows, cols, ignoreIndex),
    renorm: (x, rows, cols, byRow, maxNorm) => host('renorm')(x, rows, cols, byRow, maxNorm),
    randomUniform: (out, rng, a, b) => draw(out, (o) => host('randomUniform')(o, rng, a, b)),
    randomNormal: (out, rng, mean, std) => draw(out, (o) => host('randomNormal')(o, rng, mean, std)),
    randomBernoulli: (out, rng, p) => draw(out, (o) => host('randomBernoulli')(o, rng, p)),
    bernoulliFrom: (out, p, rng) => host('bernoulliFrom')(out, p, rng),
    categoricalRows: (out, p, rows, cols, rng) => host('categoricalRows')(out, p, rows, cols, rng),
  };
}
