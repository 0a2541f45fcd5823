/**
 * rnn nn.ExpandAs(): input [a, b] → [a, b expanded as a] (b's size-1 dimensions repeated to a's
 * sizes; a passes through). gradInput: [∂a, ∂b summed over the expanded dimensions].
 * Ref: rnn ExpandAs.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class ExpandAs extends Module<Activity, Table> {
  override output: Table = [];
  override gradInput: Table = [];
  private sum = Tensor.empty();

  private pair(method: string, input: Activity): [Tensor, Tensor] {
    if (input instanceof Tensor || input.length !== 2 || !input.every((v) => v instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [a, b], got ${describe(input)}`);
    }
    const [a, b] = input as [Tensor, Tensor];
    if (a.dim() !== b.dim() || b.shape.some((s, d) => s !== 1 && s !== a.size(d))) {
      throw new ShapeError(`${this.where(method)}: expected b of ${shapeStr(a.shape)} with some sizes 1, got ${shapeStr(b.shape)}`);
    }
    return [a, b];
  }

  override updateOutput(input: Activity): Table {
    const [a, b] = this.pair('updateOutput', input);
    this.output = [a, b.expandAs(a)];
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const [, b] = this.pair('updateGradInput', input);
    const [ga, gb] = gradOutput as [Tensor, Tensor];
    let s = gb;
    b.shape.forEach((n, d) => {
      if (n !== s.size(d)) s = s.sum(d); // ∂b = Σ over the dimensions b was expanded along
    });
    this.gradInput = [ga, this.sum.resizeAs(b).copy(s.view(b.shape))];
    return this.gradInput;
  }
}
