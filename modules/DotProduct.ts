/**
 * nn.DotProduct: input `[a, b]` of (B, K) (or (K)), y[n] = Σ_k a[n, k]·b[n, k]: (B) (or (1)).
 * gradInput = [gradOutput[n]·b[n], gradOutput[n]·a[n]]. Ref: torch/nn DotProduct.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { rowPair } from './tensorPair.js';

export class DotProduct extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];
  private buffer = Tensor.empty();

  override updateOutput(input: Activity): Tensor {
    const [a, b] = rowPair(this.where('updateOutput'), input, true);
    if (this.buffer.dtype !== a.dtype) this.type(a.dtype);
    this.buffer.resizeAs(a).cmul(a, b);
    this.output.sum(this.buffer, 1);
    return this.output.resize(a.size(0));
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = rowPair(this.where('updateGradInput'), input, true);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const go = g.contiguous().view(-1, 1).expandAs(a);
    const shape = (input as readonly Tensor[])[0]!.shape;
    this.gradInput[0].resizeAs(a).cmul(b, go).resize(shape);
    this.gradInput[1].resizeAs(b).cmul(a, go).resize(shape);
    return this.gradInput;
  }
}
