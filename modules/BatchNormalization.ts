/**
 * nn.BatchNormalization(nOutput, eps = 1e-5, momentum = 0.1, affine = true): per feature f,
 * y = (x − μ_f)/√(σ²_f + eps)·weight_f + bias_f over a batch (B, nOutput) (Spatial*: (B, C, H, W),
 * Volumetric*: (B, C, T, H, W); a single example only in evaluate mode). Training (batch > 1): μ and
 * the biased σ² of the batch, saved as save_mean and save_std (= 1/√(σ² + eps), as THNN), and
 * running_mean/running_var ← momentum·(μ, unbiased σ²) + (1 − momentum)·running. Evaluate (or a
 * batch of one): the running statistics. weight ~ U(0, 1), bias = 0.
 * Ref: torch/nn BatchNormalization.lua, THNN BatchNormalization.c; Ioffe & Szegedy 2015.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

type Layout = [B: number, C: number, L: number];

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
  private full = Tensor.empty();
  private centered = Tensor.empty();
  private r1 = Tensor.empty();
  private stat = Tensor.empty();
  private stat2 = Tensor.empty();
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

  private layout(method: string, x: Tensor, what = 'input'): Layout {
    const batch = x.dim() === this.nDim, n = this.running_mean.numel();
    if (!batch && !(x.dim() === this.nDim - 1 && !this.train)) {
      throw new ShapeError(`${this.where(method)}: expected ${what} of ${this.nDim} dimensions (a batch${this.nDim > 2 ? `; ${this.nDim - 1} only in evaluate mode` : ''}), got ${shapeStr(x.shape)}`);
    }
    const B = batch ? x.size(0) : 1, C = x.size(batch ? 1 : 0);
    if (C !== n) throw new ShapeError(`${this.where(method)}: expected ${what} with ${n} features, got ${shapeStr(x.shape)}`);
    return [B, C, x.numel() / (B * C)];
  }

  /** Whether this pass uses the batch's statistics (Torch: training with more than one example). */
  private batchStats(l: Layout): boolean {
    return this.train && l[0] > 1;
  }

  /** Per-feature vector v (C) expanded to the layout, in a contiguous buffer. */
  private spread(v: Tensor, l: Layout, into = this.full): Tensor {
    return into.resize(l).copy(v.view(1, l[1], 1).expand(l));
  }

  /** Σ over examples and positions of t (B, C, L): (C) into this.stat. */
  private sumPerFeature(t: Tensor, l: Layout): Tensor {
    return this.stat.sum(this.r1.sum(t, 2), 0).view(l[1]);
  }

  /** [mean, 1/√(var + eps)] used by this pass. */
  private statistics(l: Layout): [Tensor, Tensor] {
    if (this.batchStats(l)) return [this.save_mean, this.save_std];
    const inv = this.invstd.resizeAs(this.running_var).add(this.running_var, this.eps).rsqrt();
    return [this.running_mean, inv];
  }

  override updateOutput(input: Tensor): Tensor {
    const l = this.layout('updateOutput', this.checkTensor('updateOutput', input, [this.nDim - 1, this.nDim]));
    const x = input.contiguous().view(l), n = l[0] * l[2], k = backend();
    if (this.batchStats(l)) {
      const mean = this.save_mean.resizeAs(this.running_mean).copy(this.sumPerFeature(x, l)).div(n);
      const c = this.centered.resize(l).csub(x, this.spread(mean, l));
      const ss = this.sumPerFeature(this.full.cmul(c, c), l); // Σ (x − μ)²
      const v = this.save_std.resizeAs(this.running_var).add(ss, this.eps * n).div(n);
      const z = this.stat2.resizeAs(v).eq(v, 0); // eps = 0 and a constant feature: 1/std taken as 0, as THNN
      v.add(z).rsqrt().cmul(z.mul(-1).add(1));
      k.axpby(this.running_mean, 1 - this.momentum, this.running_mean, this.momentum, mean);
      k.axpby(this.running_var, 1 - this.momentum, this.running_var, this.momentum / (n - 1), ss); // unbiased
    }
    const [mean, inv] = this.statistics(l);
    const y = this.output.resizeAs(input).view(l);
    y.csub(x, this.spread(mean, l)).cmul(this.spread(inv, l));
    if (this.weight && this.bias) y.cmul(this.spread(this.weight, l)).add(this.spread(this.bias, l));
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
    const l = this.layout(method, input);
    const g0 = this.checkGradOutput(method, gradOutput, this.output);
    if (this.batchStats(l) && this.save_mean.numel() === 0) throw new StateError(`${this.where(method)}: called before updateOutput; run forward(input) first`);
    const x = input.contiguous().view(l), g = g0.contiguous().view(l), n = l[0] * l[2];
    const [mean, inv] = this.statistics(l);
    const c = this.centered.resize(l).csub(x, this.spread(mean, l));
    const gsum = this.stat2.resizeAs(mean).copy(this.sumPerFeature(g, l)); // Σ g
    const dotp = this.sumPerFeature(this.full.cmul(c, g), l); // Σ (x − μ) g, in this.stat
    if (gradIn) {
      const gi = this.gradInput.resizeAs(input).view(l), w = this.weight;
      if (this.batchStats(l)) {
        const kf = this.r1.resizeAs(dotp).cmul(dotp, inv).cmul(inv).div(n); // dot·invstd²/n
        c.cmul(this.spread(kf, l)); // (x − μ)·k
        gi.csub(g, this.spread(gsum.div(n), l)).csub(c); // g − mean(g) − (x − μ)·k
      } else {
        gi.copy(g);
      }
      gi.cmul(this.spread(inv, l));
      if (w) gi.cmul(this.spread(w, l));
      return;
    }
    if (this.gradWeight && this.gradBias) {
      this.gradWeight.add(scale, dotp.cmul(inv)); // Σ (x − μ)·invstd·g
      this.gradBias.add(scale, gsum);
    }
  }

  override toString(): string {
    return `${this.constructor.name} (${this.nDim}D) (${this.running_mean.numel()})`;
  }
}
