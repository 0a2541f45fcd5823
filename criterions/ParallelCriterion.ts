/**
 * nn.ParallelCriterion(repeatTarget = false): loss = Σ_i weight_i·crit_i(input[i], target[i]) (the
 * whole target for every criterion when repeatTarget). gradInput[i] = weight_i·crit_i.gradInput.
 * Ref: torch/nn ParallelCriterion.lua.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, copyLike, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, childError } from '../lib/errors.js';

function scaleInPlace(a: Activity, w: number): void {
  if (a instanceof Tensor) backend().axpby(a, w, a, 0, a);
  else for (const x of a) scaleInPlace(x, w);
}

export class ParallelCriterion extends Criterion<Activity, Target> {
  override gradInput: Table = [];
  readonly criterions: Criterion[] = [];
  readonly weights: number[] = [];

  constructor(readonly repeatTarget = false) {
    super();
  }

  add(criterion: Criterion, weight = 1): this {
    this.criterions.push(criterion);
    this.weights.push(weight);
    return this;
  }

  private parts(method: string, input: Activity, target: Target): [readonly Activity[], (i: number) => Target] {
    const n = this.criterions.length;
    if (input instanceof Tensor || input.length < n) {
      throw new ArgumentError(`${this.where(method)}: expected an input table of ${n} entries, got ${describe(input)}`);
    }
    if (!this.repeatTarget && (!Array.isArray(target) || target.length < n)) {
      throw new ArgumentError(`${this.where(method)}: expected a target table of ${n} entries (or repeatTarget = true), got ${typeof target === 'number' ? 'a number' : describe(target as Tensor)}`);
    }
    const targets = target as readonly Target[];
    return [input, (i) => (this.repeatTarget ? target : targets[i]!)];
  }

  override updateOutput(input: Activity, target: Target): number {
    const [xs, t] = this.parts('updateOutput', input, target);
    let loss = 0;
    for (let i = 0; i < this.criterions.length; i++) {
      try {
        loss += this.weights[i]! * this.criterions[i]!.updateOutput(xs[i]!, t(i));
      } catch (e) {
        throw childError(this.constructor.name, i, this.criterions[i]!.constructor.name, e);
      }
    }
    this.output = loss;
    return loss;
  }

  override updateGradInput(input: Activity, target: Target): Table {
    const [xs, t] = this.parts('updateGradInput', input, target);
    this.gradInput.length = xs.length;
    for (let i = 0; i < this.criterions.length; i++) {
      let g: Activity;
      try {
        g = this.criterions[i]!.updateGradInput(xs[i]!, t(i));
      } catch (e) {
        throw childError(this.constructor.name, i, this.criterions[i]!.constructor.name, e);
      }
      this.gradInput[i] = copyLike(this.gradInput[i], g);
      if (this.weights[i] !== 1) scaleInPlace(this.gradInput[i]!, this.weights[i]!);
    }
    return this.gradInput;
  }

  override toString(): string {
    return `ParallelCriterion(${this.criterions.map((c, i) => `${this.weights[i]}·${c}`).join(' + ')})`;
  }
}
