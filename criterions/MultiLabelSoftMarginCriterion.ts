/**
 * nn.MultiLabelSoftMarginCriterion(weights?, sizeAverage = true): independent logistic losses per
 * label, on scores x (K) or (B, K) and 0/1 targets of the same size: with σ the sigmoid, loss =
 * −Σ w·(t·log σ(x) + (1 − t)·log(1 − σ(x))), divided by the number of elements when sizeAverage.
 * `weights` (K) weigh the columns. gradInput = w·(σ(x) − t)/n. Ref: torch/nn
 * MultiLabelSoftMarginCriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { Sigmoid } from '../modules/Sigmoid.js';
import { WeightedPointwiseCriterion } from './WeightedPointwiseCriterion.js';

export class MultiLabelSoftMarginCriterion extends WeightedPointwiseCriterion {
  readonly sigmoid = new Sigmoid();
  private other = Tensor.empty();

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t, w] = this.parts('updateOutput', input, target);
    this.sigmoid.updateOutput(x);
    // −t·log σ(x) − (1 − t)·log(1 − σ(x)) = log(1 + e^(−|x|)) + max(x, 0) − t·x, stable for large |x|
    const l = this.buffer.resizeAs(x).copy(x).abs().neg().exp().log1p();
    l.add(this.other.resizeAs(x).copy(x).cmax(0)).addcmul(-1, t, x);
    if (w) l.cmul(w);
    this.output = l.sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t, w] = this.parts('updateGradInput', input, target);
    this.gradInput.resizeAs(x).copy(x).sigmoid().csub(t).mul(this.norm(x)); // σ(x) − t
    if (w) this.gradInput.cmul(w);
    return this.gradInput;
  }
}
