/**
 * nn.Sum(dimension = 0, nInputDims?, sizeAverage = false, squeeze = true): the sum along
 * `dimension` (0-based; negative counts from the end), divided by its size with sizeAverage. With
 * squeeze the dimension is removed (unless the result would be 0-D: a 1-D input gives [1]);
 * without, it stays with size 1. With nInputDims and an input of nInputDims + 1 dimensions (a
 * batch), a non-negative dimension moves one to the right. gradInput = gradOutput repeated along
 * the dimension (÷ its size with sizeAverage). Ref: torch/nn Sum.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { checkDimension, dimensionString, resolveDimension } from './dimension.js';

export class Sum extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  squeeze: boolean;

  constructor(readonly dimension = 0, readonly nInputDims?: number, public sizeAverage = false, squeeze = true) {
    super();
    checkDimension(new.target.name, dimension);
    this.squeeze = squeeze;
  }

  private positiveDimension(method: string, input: Tensor): number {
    return resolveDimension(this.where(method), input, this.dimension, this.nInputDims);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const d = this.positiveDimension('updateOutput', x);
    if (this.output.dtype !== x.dtype) this.output = Tensor.empty(x.dtype);
    this.output.sum(x, d);
    if (this.sizeAverage) this.output.div(x.size(d));
    if (this.squeeze && this.output.dim() > 1) this.output.setView(this.output.select(d, 0));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const d = this.positiveDimension('updateGradInput', x);
    const size = x.shape.slice();
    size[d] = 1;
    this.gradInput.resizeAs(x).copy(g.contiguous().view(size).expandAs(x));
    if (this.sizeAverage) this.gradInput.div(x.size(d));
    return this.gradInput;
  }

  override toString(): string {
    return dimensionString(this.constructor.name, this.dimension, this.nInputDims);
  }
}
