/**
 * dpnn nn.ArgMax(dim = 0, nInputDim = 1): index (0-based, as a float) of the first maximum along
 * `dim`, that dimension removed; with an input of more than nInputDim dimensions the reduction
 * dimension is dim + 1 (a batch). Only the last dimension is supported. gradInput is zeros.
 * Ref: dpnn ArgMax.lua (torch/rnn default nInputDim = 1).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

export class ArgMax extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly dim = 0, readonly nInputDim = 1) {
    super();
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4]).contiguous();
    const d = x.dim() > this.nInputDim ? this.dim + 1 : this.dim;
    if (d !== x.dim() - 1) {
      throw new ShapeError(`${this.where('updateOutput')}: only the last dimension is supported, expected dim ${x.dim() - 1 - (x.dim() > this.nInputDim ? 1 : 0)} for input ${shapeStr(x.shape)}, got ${this.dim}`);
    }
    const cols = x.size(-1), rows = x.numel() / cols;
    this.output.resize(x.dim() === 1 ? [1] : x.shape.slice(0, -1));
    backend().argmaxRows(this.output, x, rows, cols);
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input);
    backend().fill(this.gradInput, 0);
    return this.gradInput;
  }
}
