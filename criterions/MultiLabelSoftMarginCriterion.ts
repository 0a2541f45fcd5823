/**
 * nn.MultiLabelSoftMarginCriterion(weights?, sizeAverage = true): independent logistic losses per
 * label, on scores x (K) or (B, K) and 0/1 targets of the same size: with σ the sigmoid, loss =
 * −Σ w·(t·log σ(x) + (1 − t)·log(1 − σ(x))), divided by the number of elements when sizeAverage.
 * `weights` (K) weigh the columns. gradInput = w·(σ(x) − t)/n. Ref: torch/nn
 * MultiLabelSoftMarginCriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { Sigmoid } from '../modules/Sigmoid.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

export class MultiLabelSoftMarginCriterion extends PointwiseCriterion {
  readonly weights: Tensor | null;
  readonly sigmoid = new Sigmoid();
  private other = Tensor.empty();

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super(sizeAverage);
    if (weights && weights.dim() !== 1) throw new ArgumentError(`MultiLabelSoftMarginCriterion: expected 1-D weights, got ${shapeStr(weights.shape)}`);
    this.weights = weights ? weights.clone() : null;
  }

  private parts(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor, Tensor | null] {
    const [x, t] = this.pair(method, input, target);
    const w = this.weights;
    if (!w) return [x, t, null];
    if (w.dtype !== x.dtype) w.retype(x.dtype);
    const k = x.size(-1);
    if (x.dim() > 2 || w.numel() !== k) throw new ShapeError(`${this.where(method)}: expected input of size [${w.numel()}] or [B, ${w.numel()}] for ${w.numel()} weights, got ${shapeStr(x.shape)}`);
    return [x, t, x.dim() === 1 ? w : w.view(1, k).expandAs(x)];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t, w] = this.parts('updateOutput', input, target);
    this.sigmoid.updateOutput(x);
    // −t·log σ(x) − (1 − t)·log(1 − σ(x)) = log(1 + e^(−|x|)) + max(x, 0) − t·x, stable for large |x|
    const l = this.buffer.resizeAs(x).copy(x).abs().neg().exp().log1p();
    l.add(this.other.resizeAs(x).copy(x).cmax(0)).addcmul(-1, t, x);
    if (w) l.cmul(w);
    this.output = l.sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t, w] = this.parts('updateGradInput', input, target);
    this.gradInput.resizeAs(x).copy(x).sigmoid().csub(t).mul(this.norm(x)); // σ(x) − t
    if (w) this.gradInput.cmul(w);
    return this.gradInput;
  }
}
