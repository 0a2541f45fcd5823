/**
 * nn.DotProduct: input `[a, b]` of (B, K) (or (K)), y[n] = Σ_k a[n, k]·b[n, k]: (B) (or (1)).
 * gradInput = [gradOutput[n]·b[n], gradOutput[n]·a[n]]. Ref: torch/nn DotProduct.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError } from '../lib/errors.js';

export class DotProduct extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];
  private buffer = Tensor.empty();

  /** Both inputs as contiguous (B, K) matrices. */
  private rows(method: string, input: Activity): [Tensor, Tensor] {
    const [a, b] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(a instanceof Tensor) || !(b instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table of two tensors, got ${describe(input)}`);
    }
    if (!a.sameShape(b) || (a.dim() !== 1 && a.dim() !== 2)) {
      throw new ShapeError(`${this.where(method)}: expected two (B, K) or (K) tensors of one size, got ${describe(input)}`);
    }
    const a2 = a.contiguous(), b2 = b.contiguous();
    return a.dim() === 1 ? [a2.view(1, -1), b2.view(1, -1)] : [a2, b2];
  }

  override updateOutput(input: Activity): Tensor {
    const [a, b] = this.rows('updateOutput', input);
    if (this.buffer.dtype !== a.dtype) this.type(a.dtype);
    this.buffer.resizeAs(a).cmul(a, b);
    this.output.sum(this.buffer, 1);
    return this.output.resize(a.size(0));
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = this.rows('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const go = g.contiguous().view(-1, 1).expandAs(a);
    const shape = (input as readonly Tensor[])[0]!.shape;
    this.gradInput[0].resizeAs(a).cmul(b, go).resize(shape);
    this.gradInput[1].resizeAs(b).cmul(a, go).resize(shape);
    return this.gradInput;
  }
}
