/**
 * nn.Narrow(dimension, offset, length = 1): a copy of input.narrow(dimension, offset, length)
 * (0-based; a negative dimension counts from the end). A negative length counts from the end:
 * −1 keeps everything from offset to the last element, −2 all but the last, … A negative offset
 * (Torch's rule) keeps the first size − length elements. Torch keeps the offset in the field
 * `index`. gradInput = zeros with gradOutput in the narrowed slice. Ref: torch/nn Narrow.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Narrow extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The offset (Torch's field name). */
  readonly index: number;

  constructor(readonly dimension: number, offset: number, readonly length = 1) {
    super();
    if (![dimension, offset, length].every(Number.isInteger)) {
      throw new ArgumentError(`Narrow.constructor: expected integers (dimension, offset, length), got (${dimension}, ${offset}, ${length})`);
    }
    this.index = offset;
  }

  private range(method: string, input: Tensor): [dim: number, start: number, length: number] {
    const d = this.dimension < 0 ? input.dim() + this.dimension : this.dimension;
    if (d < 0 || d >= input.dim()) throw new ShapeError(`${this.where(method)}: dimension ${this.dimension} out of range for input ${shapeStr(input.shape)}`);
    const size = input.size(d);
    let start = this.index, length = this.length;
    if (length < 0) length = size - start + length + 1;
    if (start < 0) {
      start = 0;
      length = size - length;
    }
    if (length < 0 || start + length > size) {
      throw new ShapeError(`${this.where(method)}: offset ${this.index}, length ${this.length} out of range for dimension ${d} of input ${shapeStr(input.shape)}`);
    }
    return [d, start, length];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const [d, start, length] = this.range('updateOutput', x);
    const slice = x.narrow(d, start, length);
    return this.output.resizeAs(slice).copy(slice);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [d, start, length] = this.range('updateGradInput', x);
    this.gradInput.resizeAs(x).zero().narrow(d, start, length).copy(g);
    return this.gradInput;
  }

  override toString(): string {
    return `Narrow(${this.dimension}, ${this.index}, ${this.length})`;
  }
}
