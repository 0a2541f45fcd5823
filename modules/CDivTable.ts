/**
 * nn.CDivTable: input `[a, b]` (same sizes), y = a ⊘ b; gradInput = [g ⊘ b, −g ⊙ a ⊘ b²].
 * Ref: torch/nn CDivTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { elementPair } from './tensorPair.js';

export class CDivTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  override updateOutput(input: Activity): Tensor {
    const [a, b] = elementPair(this.where('updateOutput'), input);
    return this.output.resizeAs(a).copy(a).cdiv(b);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = elementPair(this.where('updateGradInput'), input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [ga, gb] = this.gradInput;
    ga.resizeAs(a).copy(g).cdiv(b);
    // ∂(a/b)/∂b = −a/b²: (g/b)·(−1/b)·a
    gb.resizeAs(b).zero().addcdiv(-1, ga, b).cmul(a);
    return this.gradInput;
  }
}
