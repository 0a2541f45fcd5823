/**
 * rnn nn.Sequencer(module): applies `module` to every element of a sequence: input a table of T
 * tensors (or a T × … tensor), output the same form. A non-recurrent module is wrapped in a
 * Recursor, so each step keeps its own activations (a recurrent module inside it stays one instance
 * across the steps). The sequence is forgotten before each forward unless `remember('both' |
 * 'train' | 'eval')`, and always when the module switches between training and evaluation.
 * Ref: rnn Sequencer.lua, AbstractSequencer.lua.
 */
import type { Module, RememberMode } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, asTensor, describe, leaves } from '../lib/Activity.js';
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Recursor } from './Recursor.js';
import { ArgumentError, ShapeError } from '../lib/errors.js';
import { joinInto } from '../lib/join.js';
import { AbstractSequencer } from './AbstractSequencer.js';

export type { RememberMode };

export class Sequencer extends AbstractSequencer {
  override output: Activity = [];
  override gradInput: Activity = [];
  readonly module: AbstractRecurrent;

  constructor(module: Module) {
    super();
    this.module = module instanceof AbstractRecurrent ? module : new Recursor(module);
    this.modules = [this.module];
  }

  override forget(): this {
    this.module.forget();
    return this;
  }

  /** Training after evaluation starts a new sequence (rnn's Sequencer:training). */
  override training(): this {
    if (!this.train) this.forget();
    return super.training();
  }

  /** Evaluation after training starts a new sequence (rnn's Sequencer:evaluate). */
  override evaluate(): this {
    if (this.train) this.forget();
    return super.evaluate();
  }

  private steps(method: string, input: Activity, what = 'input'): Activity[] {
    if (input instanceof Tensor) {
      if (input.dim() < 1) throw new ShapeError(`${this.where(method)}: expected a T × … tensor or a table, got ${describe(input)}`);
      return Array.from({ length: input.size(0) }, (_, t) => input.select(0, t));
    }
    if (input.length === 0) throw new ArgumentError(`${this.where(method)}: expected a non-empty ${what} sequence, got an empty table`);
    return [...input];
  }

  private form(like: Activity, parts: Activity[], into: Activity): Activity {
    if (!(like instanceof Tensor)) return parts;
    const first = asTensor(parts[0]!);
    const out = into instanceof Tensor ? into : Tensor.empty(first.dtype);
    out.resizeAs(first).resize([parts.length, ...first.shape]);
    joinInto(out, parts.map((p) => asTensor(p).view([1, ...first.shape])), 0);
    return out;
  }

  override updateOutput(input: Activity): Activity {
    const xs = this.steps('updateOutput', input);
    if (!this.hasMemory()) this.module.forget();
    this.module.maxBPTTstep(xs.length); // as rnn's Sequencer: rho is the sequence length (and step modules recycle beyond it)
    const batchOf = (x: Activity): number | undefined => {
      const first = leaves(x)[0];
      return first && first.dim() >= 2 ? first.size(0) : undefined;
    };
    const B = batchOf(xs[0] ?? []);
    xs.forEach((x, t) => {
      const b = batchOf(x);
      if (b !== B) throw new ShapeError(`${this.where('updateOutput')}: step ${t} has a batch of ${b ?? 'none (a non-batch step)'}, step 0 of ${B ?? 'none'}; every step of a sequence needs the same batch size`);
    });
    const outs: Table = xs.map((x) => this.module.forward(x));
    this.output = this.form(input, outs, this.output);
    return this.output;
  }

  private reverse(method: 'updateGradInput' | 'backward' | 'accGradParameters', input: Activity, gradOutput: Activity, scale: number): Table {
    const xs = this.steps(method, input);
    const gs = this.steps(method, gradOutput, 'gradOutput');
    if (gs.length !== xs.length) throw new ArgumentError(`${this.where(method)}: expected ${xs.length} gradOutputs, got ${gs.length}`);
    const gi: Table = new Array<Activity>(xs.length);
    for (let t = xs.length - 1; t >= 0; t--) {
      if (method === 'accGradParameters') this.module.accGradParameters(xs[t]!, gs[t]!, scale);
      else gi[t] = method === 'backward' ? this.module.backward(xs[t]!, gs[t]!, scale) : this.module.updateGradInput(xs[t]!, gs[t]!);
    }
    return gi;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.form(input, this.reverse('updateGradInput', input, gradOutput, 1), this.gradInput);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.reverse('accGradParameters', input, gradOutput, scale);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    this.gradInput = this.form(input, this.reverse('backward', input, gradOutput, scale), this.gradInput);
    return this.gradInput;
  }

  override toString(): string {
    return `Sequencer(${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
