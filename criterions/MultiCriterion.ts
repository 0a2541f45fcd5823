/**
 * nn.MultiCriterion(): a weighted sum of criteria on the same input and target: loss =
 * Σ_i weight_i·crit_i(input, target) and gradInput = Σ_i weight_i·crit_i.gradInput (tables summed
 * leaf by leaf). `add(criterion, weight = 1)` appends one. Ref: torch/nn MultiCriterion.lua.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, zeroLike } from '../lib/Activity.js';
import type { DType } from '../lib/Storage.js';
import { ArgumentError, childError } from '../lib/errors.js';

/** acc += w·g, leaf by leaf (acc shaped like g). */
function addScaled(acc: Activity, w: number, g: Activity): void {
  if (acc instanceof Tensor && g instanceof Tensor) acc.add(w, g);
  else if (!(acc instanceof Tensor) && !(g instanceof Tensor)) acc.forEach((a, i) => addScaled(a, w, g[i]!));
  else throw new ArgumentError('MultiCriterion.updateGradInput: a criterion returned a gradInput whose structure differs from the input');
}

export class MultiCriterion extends Criterion<Activity, Target> {
  override gradInput: Activity = Tensor.empty();
  readonly criterions: Criterion[] = [];
  readonly weights: number[] = [];

  add(criterion: Criterion, weight = 1): this {
    this.criterions.push(criterion);
    this.weights.push(weight);
    return this;
  }

  override updateOutput(input: Activity, target: Target): number {
    let loss = 0;
    this.criterions.forEach((c, i) => {
      try {
        loss += this.weights[i]! * c.updateOutput(input, target);
      } catch (e) {
        throw childError(this.constructor.name, i, c.constructor.name, e);
      }
    });
    this.output = loss;
    return loss;
  }

  override updateGradInput(input: Activity, target: Target): Activity {
    this.gradInput = zeroLike(this.gradInput, input);
    this.criterions.forEach((c, i) => {
      let g: Activity;
      try {
        g = c.updateGradInput(input, target);
      } catch (e) {
        throw childError(this.constructor.name, i, c.constructor.name, e);
      }
      addScaled(this.gradInput, this.weights[i]!, g);
    });
    return this.gradInput;
  }

  override type(dtype: DType): this {
    for (const c of this.criterions) c.type(dtype);
    return this;
  }

  override toString(): string {
    return `MultiCriterion(${this.criterions.map((c, i) => `${this.weights[i]}·${c}`).join(' + ')})`;
  }
}
