/**
 * nn.SmoothL1Criterion(sizeAverage = true), the Huber loss: with d = x − t, loss = Σ (d²/2 where
 * |d| < 1, else |d| − 1/2), divided by the number of elements when sizeAverage. gradInput = d
 * clamped to [−1, 1], over n. Ref: torch/nn SmoothL1Criterion.lua (THNN SmoothL1Criterion.c).
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class SmoothL1Criterion extends PointwiseCriterion {
  private quad = Tensor.empty();

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.pair('updateOutput', input, target);
    const d = this.buffer.resizeAs(x).copy(x).csub(t).abs();
    // min(|d|, 1) = c; loss = c·|d| − c²/2 is d²/2 inside and |d| − 1/2 outside
    const c = this.quad.resizeAs(d).copy(d).clamp(0, 1);
    d.cmul(c).addcmul(-0.5, c, c);
    this.output = d.sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.pair('updateGradInput', input, target);
    this.gradInput.resizeAs(x).copy(x).csub(t).clamp(-1, 1).mul(this.norm(x));
    return this.gradInput;
  }
}
