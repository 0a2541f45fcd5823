/**
 * nn.MarginCriterion(margin = 1): the two-class hinge loss, targets ±1: loss = Σ max(0, margin −
 * t·x), divided by the number of elements when `sizeAverage` (a field, true). gradInput = −t/n
 * where t·x < margin, else 0. Ref: torch/nn MarginCriterion.lua (THNN MarginCriterion.c).
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class MarginCriterion extends PointwiseCriterion {
  constructor(readonly margin = 1) {
    super(true);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.pair('updateOutput', input, target);
    this.output = this.buffer.resizeAs(x).copy(x).cmul(t).neg().add(this.margin).cmax(0).sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.pair('updateGradInput', input, target);
    this.mask.ge(this.buffer.resizeAs(x).copy(x).cmul(t), this.margin);
    this.gradInput.resizeAs(x).copy(t).mul(-this.norm(x)).maskedFill(this.mask, 0);
    return this.gradInput;
  }

  override toString(): string {
    return `MarginCriterion(margin ${this.margin})`;
  }
}
