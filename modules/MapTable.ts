/**
 * nn.MapTable(module, shared = true): applies one module to every entry of a table input:
 * output[i] = module_i(input[i]), where module_i are clones of `module` that share its weight,
 * bias and their gradients (so the gradients of every entry accumulate into the module's), made as
 * the table grows. `shared = false` clones without sharing. parameters() are the first module's
 * when shared. Ref: torch/nn MapTable.lua.
 */
import { Container } from '../lib/Container.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class MapTable extends Container {
  override output: Table = [];
  override gradInput: Table = [];
  readonly module: Module;

  constructor(module: Module, readonly shared = true) {
    super();
    if (!(module instanceof Module)) throw new ArgumentError(`MapTable.constructor: expected a Module, got ${typeof module}`);
    this.module = module;
    this.modules = [module];
  }

  /** Clones up to n modules (sharing parameters and gradients when shared). */
  private extend(n: number): void {
    while (this.modules.length < n) this.modules.push(this.shared ? this.module.sharedClone() : this.module.clone());
  }

  private table(method: string, what: string, a: Activity, n?: number): readonly Activity[] {
    if (a instanceof Tensor || (n !== undefined && a.length !== n)) {
      throw new ArgumentError(`${this.where(method)}: expected ${what} to be a table${n === undefined ? '' : ` of ${n} entries`}, got ${describe(a)}`);
    }
    return a;
  }

  override children(): readonly Module[] {
    return this.shared ? [this.module] : this.modules;
  }

  override updateOutput(input: Activity): Table {
    const xs = this.table('updateOutput', 'input', input);
    this.extend(xs.length);
    this.output = xs.map((x, i) => {
      try {
        return this.modules[i]!.updateOutput(x);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    });
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Table {
    const xs = this.table('updateGradInput', 'input', input);
    const gs = this.table('updateGradInput', 'gradOutput', gradOutput, xs.length);
    this.gradInput = xs.map((x, i) => {
      try {
        return this.modules[i]!.updateGradInput(x, gs[i]!);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    });
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const xs = this.table('accGradParameters', 'input', input);
    const gs = this.table('accGradParameters', 'gradOutput', gradOutput, xs.length);
    xs.forEach((x, i) => {
      try {
        this.modules[i]!.accGradParameters(x, gs[i]!, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    });
  }

  override clearState(): this {
    // the clones are remade on the next forward (sharing again), as Torch's MapTable does
    this.modules = [this.module];
    this.module.clearState();
    this.output = [];
    this.gradInput = [];
    return this;
  }

  override toString(): string {
    return `MapTable(${this.shared ? '' : 'not shared, '}${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
