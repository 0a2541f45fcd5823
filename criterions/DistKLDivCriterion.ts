/**
 * nn.DistKLDivCriterion(): the Kullback–Leibler divergence of a target distribution t from input
 * log-probabilities x (same sizes): loss = Σ_{t>0} t·(log t − x), divided by the number of
 * elements when `sizeAverage` (a field, true). gradInput = −t/n where t > 0, else 0.
 * Ref: torch/nn DistKLDivCriterion.lua (THNN DistKLDivCriterion.c).
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class DistKLDivCriterion extends PointwiseCriterion {
  private positive = Tensor.empty();

  constructor() {
    super(true);
  }

  private sized(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor] {
    if (input instanceof Tensor && target instanceof Tensor && !target.sameShape(input)) {
      throw new ShapeError(`${this.where(method)}: expected a target of the input's size ${shapeStr(input.shape)}, got ${shapeStr(target.shape)}`);
    }
    return this.pair(method, input, target);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.sized('updateOutput', input, target);
    const tp = this.positive.resizeAs(t).copy(t).cmax(0);
    this.mask.le(t, 0);
    // log t where t > 0; 0 (log 1) elsewhere, where tp is 0 anyway
    this.buffer.resizeAs(t).copy(t).maskedFill(this.mask, 1).log().csub(x).cmul(tp);
    this.output = this.buffer.sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.sized('updateGradInput', input, target);
    this.gradInput.resizeAs(x).copy(t).cmax(0).mul(-this.norm(x));
    return this.gradInput;
  }
}
