/**
 * nn.CAdd(...size): y = x + b with a learned bias of the given size (U(±1/√numel)), broadcast as
 * CMul's weight (elementwise for as many elements; size-1 dimensions for as many dimensions; else
 * over the batch (B, …)); gradInput = gradOutput, ∂L/∂b sums gradOutput over the broadcast.
 * Ref: torch/nn CAdd.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { addSumToParam, broadcastLayout } from '../lib/broadcastParam.js';

export class CAdd extends Module<Tensor, Tensor> {
  readonly size: number[];
  bias: Tensor;
  gradBias: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private bfull = Tensor.empty();

  constructor(...size: number[]) {
    super();
    this.size = size;
    this.bias = Tensor.zeros(size.length ? size : [0]);
    this.gradBias = Tensor.zeros(this.bias.shape);
    broadcastLayout(this.where('constructor'), this.bias, null);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.bias.numel());
    backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5]);
    const b = broadcastLayout(this.where('updateOutput'), this.bias, x);
    const e = b.kind === 'same' ? this.bias : this.bfull.resize(b.shape).copy(b.view(this.bias).expand(b.shape));
    this.output.resizeAs(x).view(b.flat).add(x.contiguous().view(b.flat), e.contiguous().view(b.flat));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput.resizeAs(input).copy(g);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const b = broadcastLayout(this.where('accGradParameters'), this.bias, input);
    addSumToParam(this.gradBias, scale, g.contiguous().view(b.shape), b, this.bias);
  }

  override toString(): string {
    return `CAdd(${this.size.join('x')})`;
  }
}
