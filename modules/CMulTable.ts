/**
 * nn.CMulTable: input a table of tensors (same sizes), y = Π_i input[i] elementwise;
 * gradInput[i] = gradOutput ⊙ Π_{j≠i} input[j]. Ref: torch/nn CMulTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CMulTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Tensor[] = [];

  private parts(method: string, input: Activity): Tensor[] {
    if (input instanceof Tensor || input.length === 0 || !input.every((x) => x instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a non-empty table of tensors, got ${describe(input)}`);
    }
    const parts = input as Tensor[];
    for (const [i, p] of parts.entries()) {
      if (p.numel() !== parts[0]!.numel()) throw new ShapeError(`${this.where(method)}: expected input ${i} of size ${shapeStr(parts[0]!.shape)} (as input 0), got ${shapeStr(p.shape)}`);
    }
    return parts;
  }

  override updateOutput(input: Activity): Tensor {
    const parts = this.parts('updateOutput', input);
    this.output.resizeAs(parts[0]!).copy(parts[0]!);
    for (let i = 1; i < parts.length; i++) this.output.cmul(parts[i]!);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Tensor[] {
    const parts = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput.length = parts.length;
    for (let i = 0; i < parts.length; i++) {
      const gi = (this.gradInput[i] ??= Tensor.empty(g.dtype)).resizeAs(parts[i]!).copy(g);
      for (let j = 0; j < parts.length; j++) if (j !== i) gi.cmul(parts[j]!);
    }
    return this.gradInput;
  }
}
