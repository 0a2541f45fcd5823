/**
 * nn.CDivTable: input `[a, b]` (same sizes), y = a ⊘ b; gradInput = [g ⊘ b, −g ⊙ a ⊘ b²].
 * Ref: torch/nn CDivTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CDivTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  private pair(method: string, input: Activity): [Tensor, Tensor] {
    const [a, b] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(a instanceof Tensor) || !(b instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table of two tensors, got ${describe(input)}`);
    }
    if (a.numel() !== b.numel()) throw new ShapeError(`${this.where(method)}: expected input 1 of size ${shapeStr(a.shape)} (as input 0), got ${shapeStr(b.shape)}`);
    return [a, b];
  }

  override updateOutput(input: Activity): Tensor {
    const [a, b] = this.pair('updateOutput', input);
    return this.output.resizeAs(a).copy(a).cdiv(b);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = this.pair('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [ga, gb] = this.gradInput;
    ga.resizeAs(a).copy(g).cdiv(b);
    // ∂(a/b)/∂b = −a/b²: (g/b)·(−1/b)·a
    gb.resizeAs(b).zero().addcdiv(-1, ga, b).cmul(a);
    return this.gradInput;
  }
}
