/**
 * The shared body of nn.Max and nn.Min (not a Torch class): the extreme value along `dimension`
 * (see dimension.ts), the dimension removed (a 1-D input gives 1 element); gradInput routes
 * gradOutput to the first extreme of each slice, zeros elsewhere. The positions are kept as a
 * tensor of the input's type (the kernels' argReduceDim and scatter), so that on the gpu backend
 * they stay on the device with the values. Subclasses choose the direction (`largest`).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { block, withSize } from '../lib/torch/util.js';
import { checkDimension, dimensionString, resolveDimension } from './dimension.js';

export abstract class DimExtremum extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _output = Tensor.empty();
  /** The 0-based positions of the extremes, in the input's type. */
  private _indices = Tensor.empty();

  constructor(readonly dimension = 0, readonly nInputDims?: number) {
    super();
    checkDimension(new.target.name, dimension);
  }

  /** true: the maximum (Max); false: the minimum (Min). */
  protected abstract get largest(): boolean;

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const d = resolveDimension(this.where('updateOutput'), x, this.dimension, this.nInputDims);
    if (this._output.dtype !== x.dtype) [this._output, this._indices] = [Tensor.empty(x.dtype), Tensor.empty(x.dtype)];
    const { outer, n, inner } = block(x.shape, d);
    if (n === 0) throw new ShapeError(`${this.where('updateOutput')}: expected a non-empty dimension ${d}, got ${shapeStr(x.shape)}`);
    const shape = withSize(x.shape, d, 1);
    backend().argReduceDim(this._output.resize(shape), this._indices.resize(shape), x.contiguous(), outer, n, inner, this.largest);
    return this.output.setView(x.dim() > 1 ? this._output.select(d, 0) : this._output);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const d = resolveDimension(this.where('updateGradInput'), x, this.dimension, this.nInputDims);
    const { outer, n, inner } = block(x.shape, d);
    const gv = g.contiguous().view(this._indices.shape);
    backend().scatter(this.gradInput.resizeAs(x).zero(), gv, 0, this._indices, outer, n, inner, 1, false);
    return this.gradInput;
  }

  override toString(): string {
    return dimensionString(this.constructor.name, this.dimension, this.nInputDims);
  }
}
