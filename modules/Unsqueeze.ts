/**
 * nn.Unsqueeze(pos, numInputDims?): a view of the input with a size-1 dimension inserted at `pos`
 * (0-based, 0..numInputDims). Inputs with more than numInputDims dimensions (a batch) shift the
 * position by the extra leading dimensions. As Torch, the first input fixes numInputDims when it
 * is not given. gradInput = gradOutput viewed with the input's sizes. Ref: torch/nn Unsqueeze.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Unsqueeze extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  numInputDims: number | undefined;

  constructor(readonly pos: number, numInputDims?: number) {
    super();
    if (!Number.isInteger(pos) || pos < 0) throw new ArgumentError(`Unsqueeze.constructor: expected a position ≥ 0, got ${pos}`);
    this.numInputDims = numInputDims;
  }

  setNumInputDims(n: number | undefined): this {
    this.numInputDims = n;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.numInputDims ??= x.dim();
    const offset = x.dim() - this.numInputDims, p = this.pos + offset;
    if (offset < 0 || p > x.dim()) {
      throw new ShapeError(`${this.where('updateOutput')}: position ${this.pos} invalid for input ${shapeStr(x.shape)} with numInputDims ${this.numInputDims}`);
    }
    return this.output.setView(x.unsqueeze(p));
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (g.numel() !== x.numel()) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of ${x.numel()} elements, got ${shapeStr(g.shape)}`);
    return this.gradInput.setView(g.contiguous(), x.shape);
  }

  override toString(): string {
    return `Unsqueeze(dim ${this.pos})`;
  }
}
