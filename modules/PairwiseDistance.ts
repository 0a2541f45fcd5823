/**
 * nn.PairwiseDistance(p = 2): input `[a, b]` of (B, K) (or (K)), y[n] = ‖a_n − b_n‖_p: (B) (or (1)).
 * Torch keeps p in the field `norm`. Gradient: ∂y/∂a_k = d_k·|d_k|^(p−2) / (y + 1e-6)^(p−1) with
 * d = a − b (sign(d_k) for p = 1, 0 where d_k = 0, where Torch draws a random sign), ∂y/∂b = −∂y/∂a.
 * For 1 < p < 2 the |d_k|^(p−2) factor is applied too (Torch applies it only for p > 2).
 * Ref: torch/nn PairwiseDistance.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { rowPair } from './tensorPair.js';

export class PairwiseDistance extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];
  readonly norm: number;
  private diff = Tensor.empty();
  private outExpand = Tensor.empty();
  private buffer = Tensor.empty();

  constructor(p = 2) {
    super();
    if (!(p > 0)) throw new ArgumentError(`PairwiseDistance.constructor: expected a norm p > 0, got ${p}`);
    this.norm = p;
  }

  override updateOutput(input: Activity): Tensor {
    const [a, b] = rowPair(this.where('updateOutput'), input, false);
    if (this.diff.dtype !== a.dtype) this.type(a.dtype);
    this.diff.resizeAs(a).add(a, -1, b).abs().pow(this.norm);
    this.output.sum(this.diff, 1).pow(1 / this.norm);
    return this.output.resize(a.size(0));
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = rowPair(this.where('updateGradInput'), input, false);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [ga, gb] = this.gradInput, p = this.norm, shape = (input as readonly Tensor[])[0]!.shape;
    const d = ga.resizeAs(a).add(a, -1, b);
    if (p === 1) d.sign();
    else {
      if (p !== 2) d.cmul(this.buffer.resizeAs(d).abs(d).pow(p - 2));
      this.outExpand.resizeAs(this.output).copy(this.output).add(1e-6).pow(-(p - 1));
      d.cmul(this.outExpand.view(-1, 1).expandAs(d));
    }
    d.cmul(g.view(-1, 1).expandAs(d));
    gb.resizeAs(d).copy(d).mul(-1).resize(shape);
    d.resize(shape);
    return this.gradInput;
  }

  override toString(): string {
    return `PairwiseDistance(${this.norm})`;
  }
}
