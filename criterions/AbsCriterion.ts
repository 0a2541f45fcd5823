/**
 * nn.AbsCriterion(sizeAverage = true): loss = Σ |x − t| (divided by the number of elements when
 * sizeAverage); x and t of whatever shapes with the same number of elements. gradInput = ±1/n, the
 * sign of x − t (+ where x = t, as Torch). Ref: torch/nn AbsCriterion.lua (THNN AbsCriterion.c).
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class AbsCriterion extends PointwiseCriterion {
  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.pair('updateOutput', input, target);
    this.output = this.buffer.resizeAs(x).copy(x).csub(t).abs().sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.pair('updateGradInput', input, target);
    const n = this.norm(x);
    this.buffer.resizeAs(x).copy(x).csub(t);
    this.mask.ge(this.buffer, 0);
    this.gradInput.resizeAs(x).fill(-n).maskedFill(this.mask, n); // d|x − t|/dx = sign(x − t)
    return this.gradInput;
  }
}
