/**
 * rnn nn.ReverseSequence(): reverses a sequence in time: a seqlen × … tensor along its first
 * dimension (output[t] = input[seqlen − 1 − t]), or a table of steps in order. Backward reverses
 * gradOutput the same way. Ref: rnn ReverseSequence.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError } from '../lib/errors.js';

export class ReverseSequence extends Module<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  /** x reversed along dimension `dim` into `into` (tables: in reverse order). */
  protected reverse(method: string, x: Activity, into: Activity, dim: number): Activity {
    if (!(x instanceof Tensor)) return [...x].reverse();
    if (x.dim() <= dim) throw new ShapeError(`${this.where(method)}: expected a tensor of more than ${dim} dimensions, got ${describe(x)}`);
    const out = into instanceof Tensor ? into : Tensor.empty(x.dtype);
    out.resizeAs(x);
    const T = x.size(dim);
    for (let t = 0; t < T; t++) out.select(dim, t).copy(x.select(dim, T - 1 - t));
    return out;
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.reverse('updateOutput', input, this.output, 0);
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.reverse('updateGradInput', gradOutput, this.gradInput, 0);
    return this.gradInput;
  }
}
