/**
 * dpnn nn.GradientReversal(lambda = 1): the identity forward; backward gradInput = −lambda·gradOutput.
 * With lambda = 0 it stops the gradient (a "detach"). Ref: dpnn GradientReversal.lua; Ganin & Lempitsky 2015.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class GradientReversal extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(public lambda = 1) {
    super();
  }

  setLambda(lambda: number): this {
    this.lambda = lambda;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.output.setView(x);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resizeAs(input);
    backend().axpby(this.gradInput, -this.lambda, g, 0, g);
    return this.gradInput;
  }

  override toString(): string {
    return `GradientReversal(${this.lambda})`;
  }
}
