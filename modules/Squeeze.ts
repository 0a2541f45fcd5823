/**
 * nn.Squeeze(dim?, numInputDims?): a view of the input without its size-1 dimensions (all, or only
 * `dim`, 0-based). With numInputDims and an input of numInputDims + 1 dimensions (a batch), `dim`
 * moves one to the right, and squeezing all keeps a batch of size 1. gradInput = gradOutput viewed
 * with the input's sizes. Ref: torch/nn Squeeze.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Squeeze extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  numInputDims: number | undefined;

  constructor(readonly dim?: number, numInputDims?: number) {
    super();
    if (dim !== undefined && !Number.isInteger(dim)) throw new ArgumentError(`Squeeze.constructor: expected an integer dim, got ${dim}`);
    this.numInputDims = numInputDims;
  }

  setNumInputDims(n: number | undefined): this {
    this.numInputDims = n;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5, 6]);
    let dim = this.dim, keepBatch = false;
    if (this.numInputDims !== undefined && x.dim() === this.numInputDims + 1) {
      if (dim !== undefined) dim += 1;
      else keepBatch = x.size(0) === 1;
    }
    if (dim !== undefined && (dim < -x.dim() || dim >= x.dim())) {
      throw new ShapeError(`${this.where('updateOutput')}: dim ${this.dim} out of range for input ${shapeStr(x.shape)}`);
    }
    const y = x.squeeze(dim);
    return this.output.setView(keepBatch ? y.unsqueeze(0) : y);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (g.numel() !== x.numel()) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of ${x.numel()} elements, got ${shapeStr(g.shape)}`);
    return this.gradInput.setView(g.contiguous(), x.shape);
  }

  override toString(): string {
    return `Squeeze(${this.dim ?? ''})`;
  }
}
