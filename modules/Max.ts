/**
 * nn.Max(dimension = 0, nInputDims?): the largest value along `dimension` (0-based; negative counts
 * from the end), the dimension removed (a 1-D input gives 1 element). With nInputDims and an input
 * of nInputDims + 1 dimensions (a batch), a non-negative dimension moves one to the right.
 * gradInput routes gradOutput to the first maximum of each slice, zeros elsewhere. The positions
 * are kept as a tensor of the input's type (the kernels' argReduceDim and scatter), so that on
 * the gpu backend they stay on the device with the values. Ref: torch/nn Max.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { block, withSize } from '../lib/torch/util.js';

export class Max extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _output = Tensor.empty();
  /** The 0-based positions of the extremes, in the input's type. */
  private _indices = Tensor.empty();

  constructor(readonly dimension = 0, readonly nInputDims?: number) {
    super();
    if (!Number.isInteger(dimension)) throw new ArgumentError(`Max.constructor: expected an integer dimension, got ${dimension}`);
  }

  private positiveDimension(method: string, input: Tensor): number {
    let d = this.dimension;
    if (d < 0) d += input.dim();
    else if (this.nInputDims !== undefined && input.dim() === this.nInputDims + 1) d += 1;
    if (d < 0 || d >= input.dim()) throw new ShapeError(`${this.where(method)}: dimension ${this.dimension} out of range for input ${shapeStr(input.shape)}`);
    return d;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const d = this.positiveDimension('updateOutput', x);
    if (this._output.dtype !== x.dtype) [this._output, this._indices] = [Tensor.empty(x.dtype), Tensor.empty(x.dtype)];
    const { outer, n, inner } = block(x.shape, d);
    if (n === 0) throw new ShapeError(`${this.where('updateOutput')}: expected a non-empty dimension ${d}, got ${shapeStr(x.shape)}`);
    const shape = withSize(x.shape, d, 1);
    backend().argReduceDim(this._output.resize(shape), this._indices.resize(shape), x.contiguous(), outer, n, inner, true);
    return this.output.setView(x.dim() > 1 ? this._output.select(d, 0) : this._output);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const d = this.positiveDimension('updateGradInput', x);
    const { outer, n, inner } = block(x.shape, d);
    const gv = g.contiguous().view(this._indices.shape);
    backend().scatter(this.gradInput.resizeAs(x).zero(), gv, 0, this._indices, outer, n, inner, 1, false);
    return this.gradInput;
  }

  override toString(): string {
    return `Max(${this.dimension}${this.nInputDims !== undefined ? `, ${this.nInputDims}` : ''})`;
  }
}
