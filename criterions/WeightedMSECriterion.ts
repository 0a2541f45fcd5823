/**
 * nn.WeightedMSECriterion(w): the MSECriterion of x against the weighted target w ⊙ t: loss =
 * Σ (x − w ⊙ t)² / n. `w` has the target's sizes, or the sizes of one example (then it weighs
 * every row of a batch). `sizeAverage` (true; Torch's field, here a second constructor argument)
 * as MSECriterion. Ref: torch/nn
 * WeightedMSECriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { MSECriterion } from './MSECriterion.js';

export class WeightedMSECriterion extends MSECriterion {
  readonly weight: Tensor;
  private buffer = Tensor.empty();

  /** sizeAverage: Torch's field (its constructor takes w only). */
  constructor(w: Tensor, sizeAverage = true) {
    super(sizeAverage);
    this.weight = w.clone();
  }

  /** w ⊙ t, shaped like the input. */
  private weighted(method: string, input: Activity, target: Tensor): Tensor {
    if (!(input instanceof Tensor) || !(target instanceof Tensor)) {
      throw new ShapeError(`${this.where(method)}: expected input and target tensors, got ${describe(input)} and ${describe(target)}`);
    }
    if (target.numel() !== input.numel()) {
      throw new ShapeError(`${this.where(method)}: expected a target of ${input.numel()} elements (input ${shapeStr(input.shape)}), got ${shapeStr(target.shape)}`);
    }
    const w = this.weight;
    if (w.dtype !== input.dtype) w.retype(input.dtype);
    const b = this.buffer.resizeAs(input).copy(target);
    if (input.dim() - 1 === w.dim()) {
      const B = input.size(0), n = w.numel();
      if (n * B !== input.numel()) throw new ShapeError(`${this.where(method)}: expected a weight of ${input.numel() / B} elements per row of ${shapeStr(input.shape)}, got ${shapeStr(w.shape)}`);
      b.view(B, n).cmul(w.contiguous().view(1, n).expand(B, n)); // every row weighted alike
    } else {
      if (w.numel() !== input.numel()) throw new ShapeError(`${this.where(method)}: expected a weight of ${input.numel()} elements, got ${shapeStr(w.shape)}`);
      b.cmul(w);
    }
    return b;
  }

  override updateOutput(input: Activity, target: Tensor): number {
    return super.updateOutput(input, this.weighted('updateOutput', input, target));
  }

  override updateGradInput(input: Activity, target: Tensor): Tensor {
    return super.updateGradInput(input, this.weighted('updateGradInput', input, target));
  }
}
