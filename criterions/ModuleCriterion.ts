/**
 * dpnn nn.ModuleCriterion(criterion, inputModule?, targetModule?): loss = criterion(inputModule(x),
 * targetModule(t)); backward goes through inputModule (which should have no parameters).
 * Ref: dpnn ModuleCriterion.lua.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class ModuleCriterion extends Criterion<Activity, Target> {
  override gradInput: Activity = Tensor.empty();

  constructor(readonly criterion: Criterion, readonly inputModule?: Module | null, readonly targetModule?: Module | null) {
    super();
  }

  private target(method: string, target: Target): Target {
    if (!this.targetModule) return target;
    if (typeof target === 'number') throw new ArgumentError(`${this.where(method)}: expected a tensor target for the target module, got a number`);
    return this.targetModule.forward(target as Activity);
  }

  override updateOutput(input: Activity, target: Target): number {
    const x = this.inputModule ? this.inputModule.forward(input) : input;
    this.output = this.criterion.updateOutput(x, this.target('updateOutput', target));
    return this.output;
  }

  override updateGradInput(input: Activity, target: Target): Activity {
    const x = this.inputModule ? this.inputModule.output : input;
    const g = this.criterion.updateGradInput(x, this.target('updateGradInput', target));
    this.gradInput = this.inputModule ? this.inputModule.backward(input, g) : g;
    return this.gradInput;
  }

  override toString(): string {
    return `ModuleCriterion(${this.criterion})`;
  }
}
