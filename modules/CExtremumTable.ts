/**
 * The shared body of nn.CMaxTable and nn.CMinTable (not a Torch class): input a table of tensors
 * (same sizes), y = the elementwise extreme over the table; gradInput[i] = gradOutput where
 * input[i] held it (the first one on ties), zeros elsewhere. The index tensor (Torch's `maxIdx` /
 * `minIdx`, declared by the subclass) keeps, per element, the 0-based position of the winning
 * input. The masks are tensors of the input's type (comparisons into a float result, then
 * arithmetic), so that on the gpu backend every step is a kernel.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export abstract class CExtremumTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Tensor[] = [];
  /** Where input i won (forward) or held the extreme (backward): 1 or 0. */
  protected mask = Tensor.empty();

  /** true: the maximum (CMaxTable); false: the minimum (CMinTable). */
  protected abstract get largest(): boolean;
  /** The winners' positions (maxIdx / minIdx). */
  protected abstract get idx(): Tensor;
  /** i where input i won, else 0 (maxVals / minVals). */
  protected abstract get vals(): Tensor;

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
    if (this.vals.dtype !== first.dtype) this.type(first.dtype);
    this.output.resizeAs(first).copy(first);
    this.idx.resizeAs(first).fill(0);
    for (let i = 1; i < parts.length; i++) {
      // the winners so far hold positions below i, so the maximum with i·mask sets i where input i wins
      const mask = this.mask.resize(first.shape);
      if (this.largest) mask.gt(parts[i]!, this.output);
      else mask.lt(parts[i]!, this.output);
      this.idx.cmax(this.vals.resize(first.shape).mul(mask, i));
      if (this.largest) this.output.cmax(parts[i]!, this.output);
      else this.output.cmin(parts[i]!, this.output);
    }
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Tensor[] {
    const parts = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.length = parts.length;
    for (let i = 0; i < parts.length; i++) {
      const gi = (this.gradInput[i] ??= Tensor.empty(g.dtype)).resizeAs(parts[i]!).zero();
      this.mask.resize(this.idx.shape).eq(this.idx, i);
      gi.addcmul(1, this.mask, g);
    }
    return this.gradInput;
  }
}
