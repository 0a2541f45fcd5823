/**
 * rnn nn.Recursor(module, rho): makes any module behave like a recurrent one: forward step t runs
 * on a shared clone of `module` for step t, so each step keeps its activations for a later
 * reverse-order backward. Step 0 is the module itself. maskZero() as AbstractRecurrent; the
 * hidden-state API goes to the wrapped module when it has one (a recurrent module), as rnn's
 * Recursor does. Ref: rnn Recursor.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Module } from '../lib/Module.js';
import type { Activity } from '../lib/Activity.js';
import { StateError } from '../lib/errors.js';

export class Recursor extends AbstractRecurrent {
  constructor(readonly module: Module, rho = 9999999) {
    super(rho);
    this.modules = [module];
  }

  protected get stepPrototype(): Module {
    return this.module;
  }

  /** The wrapped module, which answers the hidden-state calls (a container with the table of its children's). */
  private stateful(method: string): Module {
    const m = this.module;
    if (m.children().length === 0 && m.getHiddenState === Module.prototype.getHiddenState) {
      throw new StateError(`${this.where(method)}: its module (${m.constructor.name}) has no hidden state`);
    }
    return m;
  }

  override getHiddenState(t: number, input?: Activity): Activity { return this.stateful('getHiddenState').getHiddenState(t, input); }
  override setHiddenState(t: number, s: Activity | null): this { this.stateful('setHiddenState').setHiddenState(t, s); return this; }
  override getGradHiddenState(t: number): Activity { return this.stateful('getGradHiddenState').getGradHiddenState(t); }
  override setGradHiddenState(t: number, g: Activity | null): this { this.stateful('setGradHiddenState').setGradHiddenState(t, g); return this; }

  protected stepForward(t: number, input: Activity): Activity {
    return this.getStepModule(t).forward(input);
  }

  // a recurrent module inside the step module is one instance for all steps: it shows step t's output first (rnn's setOutputStep)
  protected stepGradInput(t: number, input: Activity, gradOutput: Activity): Activity {
    return this.getStepModule(t).setOutputStep(t).updateGradInput(input, this.keepGradOutput(t, gradOutput));
  }

  protected stepAccGrad(t: number, input: Activity, scale: number): void {
    this.getStepModule(t).setOutputStep(t).accGradParameters(input, this.gradOutputs[t]!, scale);
  }

  override toString(): string {
    return `Recursor(${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
