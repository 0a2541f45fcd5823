/**
 * nn.CAddTensorTable: input `[v, [t_0, …, t_n−1]]`, output[i] = t_i + v (each t_i sized as v);
 * gradInput = [Σ_i gradOutput[i], [a copy of each gradOutput[i]]]. Ref: torch/nn CAddTensorTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CAddTensorTable extends Module<Activity, Tensor[]> {
  override output: Tensor[] = [];
  override gradInput: [Tensor, Tensor[]] = [Tensor.empty(), []];

  private parts(method: string, input: Activity): [v: Tensor, ts: Tensor[]] {
    const [v, ts] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(v instanceof Tensor) || ts === undefined || ts instanceof Tensor || !ts.every((t) => t instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table {tensor, {tensors}}, got ${describe(input)}`);
    }
    const table = ts as Tensor[];
    for (const [i, t] of table.entries()) {
      if (t.numel() !== v.numel()) throw new ShapeError(`${this.where(method)}: expected tensor ${i} of the table of size ${shapeStr(v.shape)} (as the added tensor), got ${shapeStr(t.shape)}`);
    }
    return [v, table];
  }

  private gradTable(method: string, gradOutput: Tensor[], n: number): Tensor[] {
    if (!Array.isArray(gradOutput) || gradOutput.length !== n || !gradOutput.every((g) => g instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected gradOutput to be a table of ${n} tensors (as the output), got ${describe(gradOutput)}`);
    }
    return gradOutput;
  }

  override updateOutput(input: Activity): Tensor[] {
    const [v, ts] = this.parts('updateOutput', input);
    this.output.length = ts.length;
    for (let i = 0; i < ts.length; i++) (this.output[i] ??= Tensor.empty(v.dtype)).resizeAs(v).copy(ts[i]!).add(v);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor[]): [Tensor, Tensor[]] {
    const [v, ts] = this.parts('updateGradInput', input);
    const gs = this.gradTable('updateGradInput', gradOutput, ts.length);
    const [gv, gts] = this.gradInput;
    gv.resizeAs(v).zero();
    gts.length = ts.length;
    for (let i = 0; i < ts.length; i++) {
      gv.add(gs[i]!);
      (gts[i] ??= Tensor.empty(v.dtype)).resizeAs(v).copy(gs[i]!);
    }
    return this.gradInput;
  }
}
