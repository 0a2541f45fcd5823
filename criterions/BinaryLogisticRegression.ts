/**
 * dpnn nn.BinaryLogisticRegression(sizeAverage = true): the two-class logistic loss on scores x
 * of size (B) or (B, 1) and labels t = ±1 of the same number of elements: loss = Σ log(1 +
 * e^(−t·x)), divided by B when sizeAverage. gradInput = −t·e^(−tx) / (1 + e^(−tx)), over B.
 * Ref: dpnn BinaryLogisticRegression.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class BinaryLogisticRegression extends PointwiseCriterion {
  private checked(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor] {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.dim() === 2 && x.size(0) !== 1 && x.size(1) !== 1) throw new ShapeError(`${this.where(method)}: expected input of size [B] or [B, 1], got ${shapeStr(x.shape)}`);
    if (target instanceof Tensor && (target.dim() > 2 || (target.dim() === 2 && target.size(0) !== 1 && target.size(1) !== 1))) {
      throw new ShapeError(`${this.where(method)}: expected a target of size [B] or [B, 1], got ${shapeStr(target.shape)}`);
    }
    return this.pair(method, x, target);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t] = this.checked('updateOutput', input, target);
    this.output = this.buffer.resizeAs(x).copy(x).cmul(t).neg().exp().log1p().sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t] = this.checked('updateGradInput', input, target);
    this.buffer.resizeAs(x).copy(x).cmul(t).neg().sigmoid(); // e^(−tx)/(1 + e^(−tx)) = σ(−tx)
    this.gradInput.resizeAs(x).copy(t).cmul(this.buffer).mul(-this.norm(x));
    return this.gradInput;
  }
}
