/**
 * nn.Decorator(module): a container of one module that it runs unchanged; the base of the decorators
 * (Bottle, DontCast, GPU, NaN, Profile, WeightNorm), which override the calls they change. Its output
 * and gradInput are the module's own. Ref: torch/nn Decorator.lua.
 */
import { Container } from '../lib/Container.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class Decorator extends Container {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  constructor(module: Module) {
    super();
    if (!(module instanceof Module)) throw new ArgumentError(`${new.target.name}.constructor: expected a Module, got ${typeof module}`);
    this.modules[0] = module;
  }

  /** The decorated module. */
  get module(): Module {
    const m = this.modules[0];
    if (!m) throw new ArgumentError(`${this.where('module')}: no module to decorate`);
    return m;
  }

  /** Runs `fn` on the decorated module, re-raising its error as `In module 0 (X) of Decorator: …`. */
  protected inner<T>(fn: (m: Module) => T): T {
    try {
      return fn(this.module);
    } catch (e) {
      throw this.childFailed(0, e);
    }
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.inner((m) => m.updateOutput(input));
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.inner((m) => m.updateGradInput(input, gradOutput));
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.inner((m) => m.accGradParameters(input, gradOutput, scale));
  }

  override toString(): string {
    return `${this.constructor.name} @ ${this.module.toString()}`;
  }
}
