/**
 * dpnn nn.SpatialBinaryLogisticRegression(): the two-class logistic loss per pixel, on score maps
 * (B, 1, H, W) or (1, H, W) and labels ±1 of the same size: loss = Σ log(1 + e^(−t·x)) / (2·B·H·W)
 * when `sizeAverage` (a field, true), else / (2·H·W), as dpnn. gradInput = −t·σ(−tx) over the same
 * divisor. Ref: dpnn SpatialBinaryLogisticRegression.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class SpatialBinaryLogisticRegression extends PointwiseCriterion {
  constructor() {
    super(true);
  }

  /** [x, t, divisor]. */
  private checked(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor, number] {
    const x = this.checkTensor(method, input, [3, 4]);
    if (!(target instanceof Tensor) || !target.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected a target of the input's size ${shapeStr(x.shape)}, got ${target instanceof Tensor ? shapeStr(target.shape) : 'a number'}`);
    }
    const batch = x.dim() === 4;
    if (x.size(batch ? 1 : 0) !== 1) throw new ShapeError(`${this.where(method)}: expected 1 channel, got input ${shapeStr(x.shape)}`);
    const k = batch ? x.size(0) : 1, hw = x.size(-1) * x.size(-2);
    const [xx, t] = this.pair(method, x, target);
    return [xx, t, this.sizeAverage ? 2 * k * hw : 2 * hw];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t, div] = this.checked('updateOutput', input, target);
    this.output = this.buffer.resizeAs(x).copy(x).cmul(t).neg().exp().log1p().sum() / div;
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t, div] = this.checked('updateGradInput', input, target);
    this.buffer.resizeAs(x).copy(x).cmul(t).neg().sigmoid(); // d/dx log(1 + e^(−tx)) = −t·σ(−tx)
    this.gradInput.resizeAs(x).copy(t).cmul(this.buffer).mul(-1 / div);
    return this.gradInput;
  }
}
