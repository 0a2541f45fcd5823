/**
 * nn.L1Penalty(l1weight, sizeAverage = false, provideOutput = true): the identity on its input
 * (output is the input itself) that records `loss` = m·‖x‖₁ with m = l1weight (divided by the
 * number of elements when sizeAverage) and adds m·sign(x) to the gradient: gradInput =
 * m·sign(x) + gradOutput (without gradOutput when provideOutput is false). Its gradInput is by
 * design more than the derivative of its output. Ref: torch/nn L1Penalty.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class L1Penalty extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The penalty of the last forward. */
  loss = 0;

  constructor(readonly l1weight: number, public sizeAverage = false, readonly provideOutput = true) {
    super();
    if (!Number.isFinite(l1weight)) throw new ArgumentError(`L1Penalty.constructor: expected a finite l1weight, got ${l1weight}`);
  }

  private factor(x: Tensor): number {
    return this.sizeAverage ? this.l1weight / x.numel() : this.l1weight;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.loss = this.factor(x) * x.norm(1);
    this.output = x;
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5]);
    this.gradInput.resizeAs(x).sign(x).mul(this.factor(x));
    if (this.provideOutput) this.gradInput.add(this.checkGradOutput('updateGradInput', gradOutput, x));
    return this.gradInput;
  }

  override toString(): string {
    return `L1Penalty(${this.l1weight})`;
  }
}
