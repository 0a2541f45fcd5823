/**
 * nn.SpatialAutoCropMSECriterion(sizeAverage = true): the MSECriterion between an input (B, C, h, w)
 * or (C, h, w) and the centre crop of a target (B, C, H, W) or (C, H, W) with H ≥ h, W ≥ w (rows
 * from ⌊(H − h)/2⌋, columns from ⌊(W − w)/2⌋). gradInput is shaped like the input. Backward crops
 * the target too (Torch's asks for a target of the input's size there). Ref: torch/nn
 * SpatialAutoCropMSECriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { MSECriterion } from './MSECriterion.js';

export class SpatialAutoCropMSECriterion extends MSECriterion {
  /** The centre of the target with the input's spatial size (a view). */
  private crop(method: string, input: Activity, target: Tensor): Tensor {
    if (!(input instanceof Tensor) || !(target instanceof Tensor)) {
      throw new ShapeError(`${this.where(method)}: expected input and target tensors, got ${describe(input)} and ${describe(target)}`);
    }
    const d = input.dim();
    if ((d !== 3 && d !== 4) || target.dim() !== d) {
      throw new ShapeError(`${this.where(method)}: expected input and target of 3 or 4 dimensions alike, got ${shapeStr(input.shape)} and ${shapeStr(target.shape)}`);
    }
    const h = input.size(d - 2), w = input.size(d - 1), H = target.size(d - 2), W = target.size(d - 1);
    const lead = input.shape.slice(0, d - 2), tlead = target.shape.slice(0, d - 2);
    if (h > H || w > W || lead.join() !== tlead.join()) {
      throw new ShapeError(`${this.where(method)}: expected a target of size [${lead.join(', ')}, ≥${h}, ≥${w}] for input ${shapeStr(input.shape)}, got ${shapeStr(target.shape)}`);
    }
    return target.narrow(d - 2, Math.floor((H - h) / 2), h).narrow(d - 1, Math.floor((W - w) / 2), w);
  }

  override updateOutput(input: Activity, target: Tensor): number {
    return super.updateOutput(input, this.crop('updateOutput', input, target));
  }

  override updateGradInput(input: Activity, target: Tensor): Tensor {
    return super.updateGradInput(input, this.crop('updateGradInput', input, target));
  }
}
