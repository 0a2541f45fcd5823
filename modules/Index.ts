/**
 * nn.Index(dimension): input `[t, index]`, output = t.index(dimension, index): the slices
 * index[0], index[1], … (0-based) of t along `dimension` (0-based; negative counts from the end).
 * index is a 1-D tensor of integers (a LongTensor, as Torch). gradInput = [zeros like t with
 * gradOutput's slices added back at the indices (repeated indices accumulate), zeros like index]:
 * the index gets no gradient. Ref: torch/nn Index.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Index extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  constructor(readonly dimension: number) {
    super();
    if (!Number.isInteger(dimension)) throw new ArgumentError(`Index.constructor: expected an integer dimension, got ${dimension}`);
  }

  private parts(method: string, input: Activity): [t: Tensor, index: Tensor, dim: number] {
    const [t, index] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(t instanceof Tensor) || !(index instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table {tensor, index}, got ${describe(input)}`);
    }
    if (index.dim() !== 1) throw new ShapeError(`${this.where(method)}: expected a 1-D index, got ${shapeStr(index.shape)}`);
    const d = this.dimension < 0 ? t.dim() + this.dimension : this.dimension;
    if (d < 0 || d >= t.dim()) throw new ShapeError(`${this.where(method)}: dimension ${this.dimension} out of range for input ${shapeStr(t.shape)}`);
    return [t, index, d];
  }

  override updateOutput(input: Activity): Tensor {
    const [t, index, d] = this.parts('updateOutput', input);
    if (this.output.dtype !== t.dtype) this.output = Tensor.empty(t.dtype);
    this.output.index(t, d, index);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [t, index, d] = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [gt, gi] = this.gradInput;
    gt.resizeAs(t).zero().indexAdd(d, index, g.contiguous());
    gi.resizeAs(t).resize(index.shape).zero();
    return this.gradInput;
  }

  override toString(): string {
    return `Index(${this.dimension})`;
  }
}
