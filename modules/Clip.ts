/**
 * dpnn nn.Clip(minval, maxval): y = x clipped to [minval, maxval], every shape; the gradient passes
 * straight through, unchanged even where x was clipped (gradInput is gradOutput itself).
 * Ref: dpnn Clip.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class Clip extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly minval: number, readonly maxval: number) {
    super();
    if (!(minval <= maxval)) throw new ArgumentError(`Clip.constructor: expected minval ≤ maxval, got ${minval} and ${maxval}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).clamp(x, this.minval, this.maxval);
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.set(this.checkGradOutput('updateGradInput', gradOutput, this.output));
    return this.gradInput;
  }

  override toString(): string {
    return `Clip(${this.minval}, ${this.maxval})`;
  }
}
