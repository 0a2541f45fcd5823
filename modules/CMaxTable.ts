/**
 * nn.CMaxTable: input a table of tensors (same sizes), y = the elementwise maximum over the
 * table; gradInput[i] = gradOutput where input[i] held the maximum (the first one on ties), zeros
 * elsewhere. `maxIdx` keeps, per element, the 0-based position of the winning input. The masks
 * are tensors of the input's type (comparisons into a float result, then arithmetic), so that on
 * the gpu backend every step is a kernel. Ref: torch/nn CMaxTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CMaxTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Tensor[] = [];
  maxIdx = Tensor.empty();
  /** Where input i won (forward) or held the maximum (backward): 1 or 0. */
  private mask = Tensor.empty();
  /** i where input i won, else 0. */
  private maxVals = Tensor.empty();

  private parts(method: string, input: Activity): Tensor[] {
    if (input instanceof Tensor || input.length === 0 || !input.every((x) => x instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a non-empty table of tensors, got ${describe(input)}`);
    }
    const parts = input as Tensor[];
    for (const [i, p] of parts.entries()) {
      if (!p.sameShape(parts[0]!)) throw new ShapeError(`${this.where(method)}: expected input ${i} of size ${shapeStr(parts[0]!.shape)} (as input 0), got ${shapeStr(p.shape)}`);
    }
    return parts;
  }

  override updateOutput(input: Activity): Tensor {
    const parts = this.parts('updateOutput', input), first = parts[0]!;
    if (this.maxVals.dtype !== first.dtype) this.type(first.dtype);
    this.output.resizeAs(first).copy(first);
    this.maxIdx.resizeAs(first).fill(0);
    for (let i = 1; i < parts.length; i++) {
      // the winners so far hold positions below i, so the maximum with i·mask sets i where input i wins
      this.mask.resize(first.shape).gt(parts[i]!, this.output);
      this.maxIdx.cmax(this.maxVals.resize(first.shape).mul(this.mask, i));
      this.output.cmax(parts[i]!, this.output);
    }
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Tensor[] {
    const parts = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.length = parts.length;
    for (let i = 0; i < parts.length; i++) {
      const gi = (this.gradInput[i] ??= Tensor.empty(g.dtype)).resizeAs(parts[i]!).zero();
      this.mask.resize(this.maxIdx.shape).eq(this.maxIdx, i);
      gi.addcmul(1, this.mask, g);
    }
    return this.gradInput;
  }
}
