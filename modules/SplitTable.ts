/**
 * nn.SplitTable(dimension, nInputDims?): a tensor to the table of its slices along `dimension`
 * (0-based; negative counts from the end): views, the dimension removed. With nInputDims and an
 * input of nInputDims + 1 dimensions (a batch), a non-negative dimension moves one to the right.
 * gradInput stacks gradOutput's tensors back along the dimension. Ref: torch/nn SplitTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { checkDimension, dimensionString, resolveDimension } from './dimension.js';

export class SplitTable extends Module<Tensor, Tensor[]> {
  override output: Tensor[] = [];
  override gradInput = Tensor.empty();

  constructor(readonly dimension: number, readonly nInputDims?: number) {
    super();
    checkDimension('SplitTable', dimension);
  }

  private positiveDimension(method: string, input: Tensor): number {
    return resolveDimension(this.where(method), input, this.dimension, this.nInputDims);
  }

  override updateOutput(input: Tensor): Tensor[] {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const d = this.positiveDimension('updateOutput', x);
    this.output = Array.from({ length: x.size(d) }, (_, i) => x.select(d, i));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor[]): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const d = this.positiveDimension('updateGradInput', x), n = x.size(d);
    if (!Array.isArray(gradOutput) || gradOutput.length !== n || !gradOutput.every((g) => g instanceof Tensor)) {
      throw new ArgumentError(`${this.where('updateGradInput')}: expected gradOutput to be a table of ${n} tensors, got ${describe(gradOutput as Activity)}`);
    }
    this.gradInput.resizeAs(x);
    for (let i = 0; i < n; i++) this.gradInput.select(d, i).copy(gradOutput[i]!);
    return this.gradInput;
  }

  override toString(): string {
    return dimensionString('SplitTable', this.dimension, this.nInputDims);
  }
}
