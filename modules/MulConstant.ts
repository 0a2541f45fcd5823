/** nn.MulConstant(c): y = c·x, gradInput = c·gradOutput, any shape. Ref: torch/nn MulConstant.lua. */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

export class MulConstant extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly constantScalar: number) {
    super();
    if (!Number.isFinite(constantScalar)) throw new ArgumentError(`MulConstant.constructor: expected a finite number, got ${constantScalar}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]).contiguous();
    this.output.resizeAs(x);
    backend().axpby(this.output, this.constantScalar, x, 0, x);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resizeAs(input);
    backend().axpby(this.gradInput, this.constantScalar, g, 0, g);
    return this.gradInput;
  }

  override toString(): string {
    return `MulConstant(${this.constantScalar})`;
  }
}
