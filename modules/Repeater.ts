/**
 * rnn nn.Repeater(module, nStep): feeds the same input x to `module` nStep times (a recurrent
 * module steps through time; every other is wrapped in a Recursor), output the table of the nStep
 * outputs. Backward runs the steps in reverse; gradInput = Σ_t ∂L/∂x through step t. The
 * sequence is forgotten before each forward unless remember(). Ref: rnn Repeater.lua.
 */
import { AbstractSequencer } from './AbstractSequencer.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, copyLike, leaves } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Recursor } from './Recursor.js';

export class Repeater extends AbstractSequencer {
  override output: Table = [];
  override gradInput: Activity = Tensor.empty();
  readonly module: AbstractRecurrent;

  constructor(module: Module, readonly nStep: number) {
    super();
    if (!(Number.isInteger(nStep) && nStep > 0)) throw new ArgumentError(`Repeater.constructor: expected nStep ≥ 1, got ${nStep}`);
    this.module = module instanceof AbstractRecurrent ? module : new Recursor(module);
    this.modules = [this.module];
  }

  forget(): this {
    this.module.forget();
    return this;
  }

  override updateOutput(input: Activity): Table {
    if (!this.hasMemory()) this.module.forget();
    this.output = Array.from({ length: this.nStep }, () => this.module.forward(input));
    return this.output;
  }

  private reverse(method: 'updateGradInput' | 'backward' | 'accGradParameters', input: Activity, gradOutput: Table, scale: number): Activity {
    if (gradOutput.length !== this.nStep) throw new ArgumentError(`${this.where(method)}: expected a table of ${this.nStep} gradOutputs, got ${gradOutput.length}`);
    for (let t = this.nStep - 1; t >= 0; t--) {
      if (method === 'accGradParameters') {
        this.module.accGradParameters(input, gradOutput[t]!, scale);
        continue;
      }
      const g = method === 'backward' ? this.module.backward(input, gradOutput[t]!, scale) : this.module.updateGradInput(input, gradOutput[t]!);
      if (t === this.nStep - 1) this.gradInput = copyLike(this.gradInput, g);
      else leaves(this.gradInput).forEach((x, i) => x.add(leaves(g)[i]!)); // ∂x = Σ over the steps
    }
    return this.gradInput;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Activity {
    return this.reverse('updateGradInput', input, gradOutput, 1);
  }

  override accGradParameters(input: Activity, gradOutput: Table, scale = 1): void {
    this.reverse('accGradParameters', input, gradOutput, scale);
  }

  override backward(input: Activity, gradOutput: Table, scale = 1): Activity {
    return this.reverse('backward', input, gradOutput, scale);
  }

  override toString(): string {
    return `Repeater(${this.nStep}: ${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
