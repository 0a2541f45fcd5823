/** nn.CSubTable: input `[a, b]` (same sizes), y = a − b; gradInput = [gradOutput, −gradOutput]. Ref: torch/nn CSubTable.lua. */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { elementPair } from './tensorPair.js';

export class CSubTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  override updateOutput(input: Activity): Tensor {
    const [a, b] = elementPair(this.where('updateOutput'), input);
    return this.output.resizeAs(a).copy(a).add(-1, b);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = elementPair(this.where('updateGradInput'), input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput[0].resizeAs(a).copy(g);
    this.gradInput[1].resizeAs(b).copy(g).mul(-1);
    return this.gradInput;
  }
}
