/**
 * nn.Criterion: `forward(input, target)` returns the loss (a number, also kept in `output`);
 * `backward(input, target)` returns ∂loss/∂input. A loss that is NaN or infinite is a StateError.
 * Ref: torch/nn Criterion.lua.
 */
import { Tensor } from './Tensor.js';
import { type Activity, checkActivity, checkTarget, describe } from './Activity.js';
import { ShapeError, StateError, shapeStr } from './errors.js';
import type { DType } from './Storage.js';
import { deepCopy } from './clone.js';

/** A target: class indices or values as a tensor, a plain number, or a table of them. */
export type Target = Tensor | number | readonly Target[];

export abstract class Criterion<In extends Activity = Activity, T extends Target = Target> {
  output = 0;
  gradInput!: In;

  abstract updateOutput(input: In, target: T): number;
  abstract updateGradInput(input: In, target: T): In;

  forward(input: In, target: T): number {
    checkActivity(this.where('forward'), 'input', input);
    checkTarget(this.where('forward'), target);
    const loss = this.updateOutput(input, target);
    if (!Number.isFinite(loss)) {
      throw new StateError(`${this.where('forward')}: the loss is ${loss}; check the inputs ${describe(input)} for NaN/Infinity or lower the learning rate`);
    }
    return loss;
  }

  backward(input: In, target: T): In {
    checkActivity(this.where('backward'), 'input', input);
    checkTarget(this.where('backward'), target);
    return this.updateGradInput(input, target);
  }

  /** A deep copy with its own buffers (Torch's Criterion:clone; char-rnn clones one per time step). */
  clone(): this {
    return deepCopy(this);
  }

  /** Criteria hold no parameters of their own (ModuleCriterion and VRClassReward forward to modules). */
  type(_dtype: DType): this {
    return this;
  }

  toString(): string {
    return this.constructor.name;
  }

  protected where(method: string): string {
    return `${this.constructor.name}.${method}`;
  }

  protected checkTensor(method: string, input: Activity, dims: readonly number[], what = 'input'): Tensor {
    if (!(input instanceof Tensor)) {
      throw new ShapeError(`${this.where(method)}: expected ${what} to be a tensor, got a table ${describe(input)}`);
    }
    if (!dims.includes(input.dim())) {
      throw new ShapeError(`${this.where(method)}: expected ${what} of ${dims.join(' or ')} dimensions, got ${shapeStr(input.shape)}`);
    }
    return input;
  }
}
