/**
 * nn.CriterionTable(criterion): a criterion as a module. Input `[input, target]`; output = the
 * loss criterion.updateOutput(input, target), here a 1-element tensor (Torch's is a number).
 * gradInput = [criterion.updateGradInput(input, target) · gradOutput[0], zeros like target]
 * (Torch ignores gradOutput, which is the same for gradOutput = 1, and gives the target no entry).
 * Ref: torch/nn CriterionTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, copyLike, describe, leaves, zeroLike } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import type { DType } from '../lib/Storage.js';
import { dtypeOf } from '../lib/torch/convert.js';

export class CriterionTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Table = [];

  constructor(readonly criterion: Criterion) {
    super();
    if (!(criterion instanceof Criterion)) throw new ArgumentError('CriterionTable.constructor: expected a criterion');
  }

  private pair(method: string, input: Activity): [input: Activity, target: Activity] {
    const [x, target] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || x === undefined || target === undefined) {
      throw new ArgumentError(`${this.where(method)}: expected a table {input, target}, got ${describe(input)}`);
    }
    return [x, target];
  }

  override updateOutput(input: Activity): Tensor {
    const [x, target] = this.pair('updateOutput', input);
    const loss = this.criterion.updateOutput(x, target);
    const dtype = leaves(x)[0]?.dtype ?? this.output.dtype;
    if (this.output.dtype !== dtype) this.output = Tensor.empty(dtype);
    return this.output.resize(1).fill(loss);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Table {
    const [x, target] = this.pair('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const scale = g.toArray()[0] ?? 1;
    const gx = copyLike(this.gradInput[0], this.criterion.updateGradInput(x, target));
    for (const t of leaves(gx)) t.mul(scale);
    this.gradInput.length = 2;
    this.gradInput[0] = gx;
    this.gradInput[1] = zeroLike(this.gradInput[1], target);
    return this.gradInput;
  }

  override type(dtype: DType | string): this {
    const d = dtype.startsWith('torch.') ? dtypeOf(this.where('type'), dtype) : (dtype as DType);
    this.criterion.type(d);
    return super.type(d);
  }

  override toString(): string {
    return `CriterionTable(${this.criterion.toString()})`;
  }
}
