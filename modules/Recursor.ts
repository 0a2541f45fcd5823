/**
 * rnn nn.Recursor(module, rho): makes any module behave like a recurrent one: forward step t runs
 * on a shared clone of `module` for step t, so each step keeps its activations for a later
 * reverse-order backward. Step 0 is the module itself. maskZero() as AbstractRecurrent; the
 * hidden-state API goes to the wrapped module when it has one (a recurrent module), as rnn's
 * Recursor does. Ref: rnn Recursor.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import type { Activity } from '../lib/Activity.js';
import { StateError } from '../lib/errors.js';

/** A module with rnn's hidden-state API. */
interface HiddenStateful {
  getHiddenState(t: number, input?: Activity): Activity;
  setHiddenState(t: number, s: Activity | null): unknown;
  getGradHiddenState(t: number): Activity;
  setGradHiddenState(t: number, g: Activity | null): unknown;
}

export class Recursor extends AbstractRecurrent {
  constructor(readonly module: Module, rho = 9999999) {
    super(rho);
    this.modules = [module];
  }

  protected get stepPrototype(): Module {
    return this.module;
  }

  private stateful(method: string): HiddenStateful {
    const m = this.module as Module & Partial<HiddenStateful>;
    if (typeof m.getHiddenState !== 'function' || typeof m.setHiddenState !== 'function' || typeof m.getGradHiddenState !== 'function' || typeof m.setGradHiddenState !== 'function') {
      throw new StateError(`${this.where(method)}: its module (${this.module.constructor.name}) has no hidden state`);
    }
    return m as Module & HiddenStateful;
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
