/**
 * nn.SoftMarginCriterion(): the two-class logistic loss, targets ±1: loss = Σ log(1 + e^(−t·x)),
 * divided by the number of elements when `sizeAverage` (a field, true). gradInput = −t·e^(−tx) /
 * (1 + e^(−tx)) / n. Ref: torch/nn SoftMarginCriterion.lua (THNN SoftMarginCriterion.c).
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class SoftMarginCriterion extends PointwiseCriterion {
  constructor() {
    super(true);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.pair('updateOutput', input, target);
    this.output = this.buffer.resizeAs(x).copy(x).cmul(t).neg().exp().log1p().sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.pair('updateGradInput', input, target);
    // d/dx log(1 + e^(−tx)) = −t·σ(−tx)
    this.buffer.resizeAs(x).copy(x).cmul(t).neg().sigmoid();
    this.gradInput.resizeAs(x).copy(t).cmul(this.buffer).mul(-this.norm(x));
    return this.gradInput;
  }
}
