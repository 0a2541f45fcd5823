/**
 * nn.BatchNormalization(nOutput, eps = 1e-5, momentum = 0.1, affine = true): per feature f,
 * y = (x − μ_f)/√(σ²_f + eps)·weight_f + bias_f over a batch (B, nOutput) (Spatial*: (B, C, H, W),
 * Volumetric*: (B, C, T, H, W); a single example only in evaluate mode). Training (batch > 1): μ and
 * the biased σ² of the batch, saved as save_mean and save_std (= 1/√(σ² + eps), as THNN), and
 * running_mean/running_var ← momentum·(μ, unbiased σ²) + (1 − momentum)·running. Evaluate (or a
 * batch of one): the running statistics. weight ~ U(0, 1), bias = 0. The backend's batchNorm
 * kernels compute (lib/kernels/KernelTable.ts).
 * Ref: torch/nn BatchNormalization.lua, THNN BatchNormalization.c; Ioffe & Szegedy 2015.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

import type { BatchNormShape } from '../lib/kernels/poolShape.js';

export class BatchNormalization extends Module<Tensor, Tensor> {
  /** The dimensions of a batch: 2 here, 4 for Spatial, 5 for Volumetric. */
  readonly nDim: number = 2;
  weight: Tensor | null = null;
  bias: Tensor | null = null;
  gradWeight: Tensor | null = null;
  gradBias: Tensor | null = null;
  running_mean: Tensor;
  running_var: Tensor;
  save_mean = Tensor.empty();
  save_std = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** 1/√(running_var + eps), for passes on the running statistics. */
  private invstd = Tensor.empty();

  constructor(nOutput: number, readonly eps = 1e-5, readonly momentum = 0.1, readonly affine = true) {
    super();
    if (!(Number.isInteger(nOutput) && nOutput > 0)) throw new ArgumentError(`${this.constructor.name}.constructor: expected a positive number of features, got ${nOutput}`);
    if (!(eps >= 0)) throw new ArgumentError(`${this.constructor.name}.constructor: expected eps ≥ 0, got ${eps}`);
    this.running_mean = Tensor.zeros([nOutput]);
    this.running_var = Tensor.zeros([nOutput]).fill(1);
    if (affine) {
      this.weight = Tensor.zeros([nOutput]);
      this.bias = Tensor.zeros([nOutput]);
      this.gradWeight = Tensor.zeros([nOutput]);
      this.gradBias = Tensor.zeros([nOutput]);
    }
    this.reset();
  }

  override reset(): this {
    if (this.weight) backend().randomUniform(this.weight, rng, 0, 1);
    this.bias?.fill(0);
    this.running_mean.fill(0);
    this.running_var.fill(1);
    return this;
  }

  private layout(method: string, x: Tensor, what = 'input'): BatchNormShape {
    const batch = x.dim() === this.nDim, n = this.running_mean.numel();
    if (!batch && !(x.dim() === this.nDim - 1 && !this.train)) {
      throw new ShapeError(`${this.where(method)}: expected ${what} of ${this.nDim} dimensions (a batch${this.nDim > 2 ? `; ${this.nDim - 1} only in evaluate mode` : ''}), got ${shapeStr(x.shape)}`);
    }
    const B = batch ? x.size(0) : 1, C = x.size(batch ? 1 : 0);
    if (C !== n) throw new ShapeError(`${this.where(method)}: expected ${what} with ${n} features, got ${shapeStr(x.shape)}`);
    return { B, C, L: x.numel() / (B * C) };
  }

  /** Whether this pass uses the batch's statistics (Torch: training with more than one example). */
  private batchStats(s: BatchNormShape): boolean {
    return this.train && s.B > 1;
  }

  /** [mean, 1/√(var + eps)] used by this pass. */
  private statistics(s: BatchNormShape): [Tensor, Tensor] {
    if (this.batchStats(s)) return [this.save_mean, this.save_std];
    const inv = this.invstd.resizeAs(this.running_var).add(this.running_var, this.eps).rsqrt();
    return [this.running_mean, inv];
  }

  override updateOutput(input: Tensor): Tensor {
    const s = this.layout('updateOutput', this.checkTensor('updateOutput', input, [this.nDim - 1, this.nDim]));
    const x = input.contiguous(), k = backend();
    if (this.batchStats(s)) {
      this.save_mean.resizeAs(this.running_mean);
      this.save_std.resizeAs(this.running_var);
      k.batchNormStats(this.save_mean, this.save_std, this.running_mean, this.running_var, x, s, this.eps, this.momentum);
    }
    const [mean, inv] = this.statistics(s);
    k.batchNormForward(this.output.resizeAs(input), x, mean, inv, this.weight, this.bias, s);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.backwardPass('updateGradInput', input, gradOutput, true, 0);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.backwardPass('accGradParameters', input, gradOutput, false, scale);
  }

  private backwardPass(method: string, input: Tensor, gradOutput: Tensor, gradIn: boolean, scale: number): void {
    const s = this.layout(method, input);
    const g = this.checkGradOutput(method, gradOutput, this.output).contiguous();
    if (this.batchStats(s) && this.save_mean.numel() === 0) throw new StateError(`${this.where(method)}: called before updateOutput; run forward(input) first`);
    const [mean, inv] = this.statistics(s), x = input.contiguous();
    if (gradIn) {
      backend().batchNormBackward(this.gradInput.resizeAs(input), null, null, x, g, mean, inv, this.weight, s, this.batchStats(s), 0);
    } else if (this.gradWeight && this.gradBias) {
      backend().batchNormBackward(null, this.gradWeight, this.gradBias, x, g, mean, inv, null, s, this.batchStats(s), scale);
    }
  }

  override toString(): string {
    return `${this.constructor.name} (${this.nDim}D) (${this.running_mean.numel()})`;
  }
}
