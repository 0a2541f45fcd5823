/**
 * nn.BCECriterion(weights?, sizeAverage = true): binary cross-entropy of probabilities x ∈ [0, 1]
 * against targets t (same number of elements): loss = −Σ w·(t·log(x + ε) + (1 − t)·log(1 − x + ε)),
 * ε = 1e-12, divided by the number of elements when sizeAverage. `weights` (1-D) weighs the last
 * dimension: one per element of a vector input, one per column of a (B, K) input.
 * gradInput = w·(x − t) / ((x + ε)(1 − x + ε)) / n. Ref: torch/nn BCECriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { PointwiseCriterion } from './PointwiseCriterion.js';

const EPS = 1e-12;

export class BCECriterion extends PointwiseCriterion {
  readonly weights: Tensor | null;
  private other = Tensor.empty();

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super(sizeAverage);
    if (weights && weights.dim() !== 1) throw new ArgumentError(`BCECriterion: expected 1-D weights, got ${shapeStr(weights.shape)}`);
    this.weights = weights ? weights.clone() : null;
  }

  /** [x, t, weights spread over x (or null)], x checked to lie in [0, 1]. */
  private parts(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor, Tensor | null] {
    const [x, t] = this.pair(method, input, target);
    if (x.numel() > 0 && (x.min() < 0 || x.max() > 1)) {
      throw new ArgumentError(`${this.where(method)}: expected input probabilities in [0, 1], got values in [${x.min()}, ${x.max()}]`);
    }
    const w = this.weights;
    if (!w) return [x, t, null];
    if (w.dtype !== x.dtype) w.retype(x.dtype);
    const k = x.size(-1);
    if (x.dim() > 2 || w.numel() !== k) throw new ShapeError(`${this.where(method)}: expected input of size [${w.numel()}] or [B, ${w.numel()}] for ${w.numel()} weights, got ${shapeStr(x.shape)}`);
    return [x, t, x.dim() === 1 ? w : w.view(1, k).expandAs(x)];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [x, t, w] = this.parts('updateOutput', input, target);
    const a = this.buffer.resizeAs(x).copy(x).add(EPS).log().cmul(t); // t·log(x + ε)
    const b = this.other.resizeAs(x).copy(x).neg().add(1 + EPS).log(); // log(1 − x + ε)
    a.add(b).addcmul(-1, b, t); // + (1 − t)·log(1 − x + ε)
    if (w) a.cmul(w);
    this.output = -a.sum() * this.norm(x);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [x, t, w] = this.parts('updateGradInput', input, target);
    const d = this.buffer.resizeAs(x).copy(x).add(EPS); // x + ε
    d.cmul(this.other.resizeAs(x).copy(x).neg().add(1 + EPS)); // (x + ε)(1 − x + ε)
    this.gradInput.resizeAs(x).copy(x).csub(t).cdiv(d).mul(this.norm(x));
    if (w) this.gradInput.cmul(w);
    return this.gradInput;
  }
}
