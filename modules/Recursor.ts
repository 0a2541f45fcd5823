/**
 * rnn nn.Recursor(module, rho): makes any module behave like a recurrent one: forward step t runs
 * on a shared clone of `module` for step t, so each step keeps its activations for a later
 * reverse-order backward. Step 0 is the module itself. Ref: rnn Recursor.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import type { Activity } from '../lib/Activity.js';

export class Recursor extends AbstractRecurrent {
  constructor(readonly module: Module, rho = 9999999) {
    super(rho);
    this.modules = [module];
  }

  protected get stepPrototype(): Module {
    return this.module;
  }

  protected stepForward(t: number, input: Activity): Activity {
    return this.getStepModule(t).forward(input);
  }

  protected stepGradInput(t: number, input: Activity, gradOutput: Activity): Activity {
    return this.getStepModule(t).updateGradInput(input, this.keepGradOutput(t, gradOutput));
  }

  protected stepAccGrad(t: number, input: Activity, scale: number): void {
    this.getStepModule(t).accGradParameters(input, this.gradOutputs[t]!, scale);
  }

  override toString(): string {
    return `Recursor(${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
