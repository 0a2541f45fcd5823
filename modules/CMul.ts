/**
 * nn.CMul(...size): y = x ⊙ w with a learned weight of the given size (U(±1/√numel)), broadcast
 * as Torch does: an input of as many elements is multiplied elementwise; an input of as many
 * dimensions broadcasts the weight's size-1 dimensions; otherwise the input is a batch (B, …)
 * whose examples have the weight's elements. ∂L/∂w sums x ⊙ gradOutput over the broadcast.
 * Ref: torch/nn CMul.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { addSumToParam, broadcastLayout, type Broadcast } from '../lib/broadcastParam.js';

export class CMul extends Module<Tensor, Tensor> {
  readonly size: number[];
  weight: Tensor;
  gradWeight: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private wfull = Tensor.empty();
  private buf = Tensor.empty();

  constructor(...size: number[]) {
    super();
    this.size = size;
    this.weight = Tensor.zeros(size.length ? size : [0]);
    this.gradWeight = Tensor.zeros(this.weight.shape);
    broadcastLayout(this.where('constructor'), this.weight, null);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.numel());
    backend().randomUniform(this.weight, rng, -s, s);
    return this;
  }

  /** The weight expanded to the input's layout, as a contiguous tensor of the input's size. */
  private expanded(b: Broadcast): Tensor {
    return b.kind === 'same' ? this.weight.view(b.flat) : this.wfull.resize(b.shape).copy(b.view(this.weight).expand(b.shape));
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5]);
    const b = broadcastLayout(this.where('updateOutput'), this.weight, x);
    this.output.resizeAs(x).view(b.flat).cmul(x.contiguous().view(b.flat), this.expanded(b).view(b.flat));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const b = broadcastLayout(this.where('updateGradInput'), this.weight, input);
    this.gradInput.resizeAs(input).view(b.flat).cmul(g.contiguous().view(b.flat), this.expanded(b).view(b.flat));
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const b = broadcastLayout(this.where('accGradParameters'), this.weight, input);
    const p = this.buf.resize(b.shape);
    p.view(b.flat).cmul(input.contiguous().view(b.flat), g.contiguous().view(b.flat));
    addSumToParam(this.gradWeight, scale, p, b, this.weight);
  }

  override toString(): string {
    return `CMul(${this.size.join('x')})`;
  }
}
