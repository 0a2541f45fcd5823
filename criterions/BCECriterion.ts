/**
 * nn.BCECriterion(weights?, sizeAverage = true): binary cross-entropy of probabilities x ∈ [0, 1]
 * against targets t (same number of elements): loss = −Σ w·(t·log(x + ε) + (1 − t)·log(1 − x + ε)),
 * ε = 1e-12, divided by the number of elements when sizeAverage. `weights` (1-D) weighs the last
 * dimension: one per element of a vector input, one per column of a (B, K) input.
 * gradInput = w·(x − t) / ((x + ε)(1 − x + ε)) / n. Ref: torch/nn BCECriterion.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { WeightedPointwiseCriterion } from './WeightedPointwiseCriterion.js';

const EPS = 1e-12;

export class BCECriterion extends WeightedPointwiseCriterion {
  private other = Tensor.empty();

  /** x must lie in [0, 1]. */
  protected override checkInput(method: string, x: Tensor): void {
    if (x.numel() > 0 && (x.min() < 0 || x.max() > 1)) {
      throw new ArgumentError(`${this.where(method)}: expected input probabilities in [0, 1], got values in [${x.min()}, ${x.max()}]`);
    }
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
