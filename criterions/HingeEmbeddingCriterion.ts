/**
 * nn.HingeEmbeddingCriterion(margin = 1): for distances x and labels y = ±1 (a tensor of the same
 * number of elements, or one number for all): loss = Σ (x where y = 1; max(0, margin − x) where
 * y = −1), divided by the number of elements when `sizeAverage` (a field, true). gradInput = y/n,
 * except 0 where y = −1 and x > margin. Ref: torch/nn HingeEmbeddingCriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class HingeEmbeddingCriterion extends PointwiseCriterion {
  private mask2 = Tensor.empty('uint8');

  constructor(readonly margin = 1) {
    super(true);
  }

  protected override get numberTarget(): boolean {
    return true;
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, y] = this.pair('updateOutput', input, target);
    this.mask.eq(y, -1);
    let sum = this.buffer.resizeAs(x).copy(x).maskedFill(this.mask, 0).sum(); // x where y = 1
    this.mask.eq(y, 1);
    sum += this.buffer.fill(this.margin).csub(x).cmax(0).maskedFill(this.mask, 0).sum(); // max(0, margin − x) where y = −1
    this.output = sum * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, y] = this.pair('updateGradInput', input, target);
    this.mask.eq(y, -1);
    this.mask2.gt(x, this.margin);
    this.mask.cmul(this.mask2);
    this.gradInput.resizeAs(x).copy(y).maskedFill(this.mask, 0).mul(this.norm(x));
    return this.gradInput;
  }

  override toString(): string {
    return `HingeEmbeddingCriterion(margin ${this.margin})`;
  }
}
