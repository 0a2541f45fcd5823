/**
 * nn.Select(dimension, index): a copy of input.select(dimension, index), the dimension removed
 * (0-based; negative dimension and index count from the end: −1 is the last). gradInput = zeros
 * with gradOutput in the selected slice. Ref: torch/nn Select.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Select extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly dimension: number, readonly index: number) {
    super();
    if (!Number.isInteger(dimension) || !Number.isInteger(index)) {
      throw new ArgumentError(`Select.constructor: expected integers (dimension, index), got (${dimension}, ${index})`);
    }
  }

  private position(method: string, input: Tensor): [dim: number, index: number] {
    const d = this.dimension < 0 ? input.dim() + this.dimension : this.dimension;
    if (d < 0 || d >= input.dim()) throw new ShapeError(`${this.where(method)}: dimension ${this.dimension} out of range for input ${shapeStr(input.shape)}`);
    const i = this.index < 0 ? input.size(d) + this.index : this.index;
    if (i < 0 || i >= input.size(d)) throw new ShapeError(`${this.where(method)}: index ${this.index} out of range for dimension ${d} of input ${shapeStr(input.shape)}`);
    return [d, i];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const [d, i] = this.position('updateOutput', x);
    const slice = x.select(d, i);
    return this.output.resizeAs(slice).copy(slice);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [d, i] = this.position('updateGradInput', x);
    this.gradInput.resizeAs(x).zero().select(d, i).copy(g);
    return this.gradInput;
  }

  override toString(): string {
    return `Select(${this.dimension}, ${this.index})`;
  }
}
