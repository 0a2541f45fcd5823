/**
 * nn.NaN(module, id?): runs the module and raises a StateError naming it (its id and toString) when its
 * output, gradInput or parameter gradients hold a NaN, saying whether the NaN came in with the input
 * (gradOutput) or the parameters. id defaults to a counter shared by every NaN module. Ref: torch/nn NaN.lua.
 */
import { Module } from '../lib/Module.js';
import type { Tensor } from '../lib/Tensor.js';
import '../lib/torch/index.js';
import { type Activity, leaves } from '../lib/Activity.js';
import { StateError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';

let idseq = 0;

const hasNaN = (a: Activity | readonly Tensor[]): boolean => leaves(a as Activity).some((t) => t.numel() > 0 && Number.isNaN(t.sum()));

export class NaN extends Decorator {
  readonly id: number | string;

  constructor(module: Module, id?: number | string) {
    super(module);
    this.id = id ?? NaN.newId();
  }

  static newId(): number {
    return ++idseq;
  }

  private fail(what: string): never {
    throw new StateError(`NaN found in ${what} of module ${this.toString()}`);
  }

  override updateOutput(input: Activity): Activity {
    super.updateOutput(input);
    if (hasNaN(this.output)) {
      if (hasNaN(input)) this.fail('input');
      if (hasNaN(this.parameters()[0])) this.fail('parameters');
      this.fail('output');
    }
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    super.updateGradInput(input, gradOutput);
    if (hasNaN(this.gradInput)) this.fail(hasNaN(gradOutput) ? 'gradOutput' : 'gradInput');
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    super.accGradParameters(input, gradOutput, scale);
    if (hasNaN(this.parameters()[1])) this.fail('gradParameters');
  }

  override toString(): string {
    return `NaN(${this.id}) @ ${this.module.toString()}`;
  }
}
