/**
 * nn.OneHot(outputSize): class indices (of every shape, 0-based integers in 0..outputSize−1) to one-hot
 * rows: an input of sizes S gives S × outputSize, 1 at each index, 0 elsewhere (in the module's
 * type, float by default). Not differentiable: gradInput is zeros like the input.
 * Ref: torch/nn OneHot.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class OneHot extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _input = Tensor.empty('long');

  constructor(readonly outputSize: number) {
    super();
    if (!Number.isInteger(outputSize) || outputSize < 1) throw new ArgumentError(`OneHot.constructor: expected an output size ≥ 1, got ${outputSize}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    const column = [...x.shape, 1];
    const idx = x.dtype === 'long' ? x.contiguous().view(column) : this._input.resize(column).copy(x.contiguous().view(column));
    try {
      this.output.resize([...x.shape, this.outputSize]).zero().scatter(x.dim(), idx, 1);
    } catch (err) {
      throw new ArgumentError(`${this.where('updateOutput')}: expected class indices in 0..${this.outputSize - 1}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5]);
    this.gradInput.resize(x.shape).zero();
    return this.gradInput;
  }

  override toString(): string {
    return `OneHot(${this.outputSize})`;
  }
}
