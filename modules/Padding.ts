/**
 * nn.Padding(dim, pad, nInputDim?, value = 0, index = 0): inserts |pad| entries of `value` along
 * `dim` (0-based). pad < 0 pads before element `index` counted from the start (index 0: in
 * front); pad > 0 pads after the `index`-th element counted from the end (index 0: at the end).
 * With nInputDim and an input of another number of dimensions (a batch), dim moves one to the
 * right. gradInput = gradOutput without the padded entries. Ref: torch/nn Padding.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Padding extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly dim: number, readonly pad: number, readonly nInputDim?: number, readonly value = 0, readonly index = 0) {
    super();
    if (![dim, pad, index].every(Number.isInteger) || dim < 0 || index < 0) {
      throw new ArgumentError(`Padding.constructor: expected integers dim ≥ 0, pad and index ≥ 0, got (${dim}, ${pad}, index ${index})`);
    }
  }

  /** The padded dimension, the split and |pad| (as [dim, split, |pad|]): input elements 0..split−1 stay in front of the padding, the rest follow it. */
  private layout(method: string, x: Tensor): [dim: number, split: number, pad: number] {
    const d = this.dim + (this.nInputDim !== undefined && x.dim() !== this.nInputDim ? 1 : 0);
    if (d >= x.dim()) throw new ShapeError(`${this.where(method)}: dimension ${d} out of range for input ${shapeStr(x.shape)}`);
    const n = x.size(d), split = this.pad > 0 ? n - this.index : this.index;
    if (split < 0 || split > n) throw new ShapeError(`${this.where(method)}: index ${this.index} out of range for dimension ${d} of input ${shapeStr(x.shape)}`);
    return [d, split, Math.abs(this.pad)];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const [d, split, pad] = this.layout('updateOutput', x), n = x.size(d);
    const shape = x.shape.slice();
    shape[d] = n + pad;
    this.output.resizeAs(x).resize(shape).fill(this.value);
    if (split > 0) this.output.narrow(d, 0, split).copy(x.narrow(d, 0, split));
    if (split < n) this.output.narrow(d, split + pad, n - split).copy(x.narrow(d, split, n - split));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [d, split, pad] = this.layout('updateGradInput', x), n = x.size(d);
    this.gradInput.resizeAs(x);
    if (split > 0) this.gradInput.narrow(d, 0, split).copy(g.narrow(d, 0, split));
    if (split < n) this.gradInput.narrow(d, split, n - split).copy(g.narrow(d, split + pad, n - split));
    return this.gradInput;
  }

  override toString(): string {
    return `Padding(${this.dim}, ${this.pad})`;
  }
}
