/**
 * The shared part of BCECriterion and MultiLabelSoftMarginCriterion (not a Torch class): optional
 * 1-D `weights` (copied) weighing the last dimension of a (K) or (B, K) input, and `sizeAverage`.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export abstract class WeightedPointwiseCriterion extends PointwiseCriterion {
  readonly weights: Tensor | null;

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super(sizeAverage);
    if (weights && weights.dim() !== 1) throw new ArgumentError(`${new.target.name}: expected 1-D weights, got ${shapeStr(weights.shape)}`);
    this.weights = weights ? weights.clone() : null;
  }

  /** A check of the input before the weights' (none here). */
  protected checkInput(_method: string, _x: Tensor): void {}

  /** [x, t, weights spread over x (or null)]. */
  protected parts(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor, Tensor | null] {
    const [x, t] = this.pair(method, input, target);
    this.checkInput(method, x);
    const w = this.weights;
    if (!w) return [x, t, null];
    if (w.dtype !== x.dtype) w.retype(x.dtype);
    const k = x.size(-1);
    if (x.dim() > 2 || w.numel() !== k) throw new ShapeError(`${this.where(method)}: expected input of size [${w.numel()}] or [B, ${w.numel()}] for ${w.numel()} weights, got ${shapeStr(x.shape)}`);
    return [x, t, x.dim() === 1 ? w : w.view(1, k).expandAs(x)];
  }
}
