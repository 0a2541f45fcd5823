/**
 * nn.Mul: y = w·x with one learned scalar w (`weight`, size 1, initialised U(−1, 1)), every shape;
 * ∂y/∂x = w, ∂L/∂w = Σ x ⊙ gradOutput. Ref: torch/nn Mul.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';

export class Mul extends Module<Tensor, Tensor> {
  weight = Tensor.zeros([1]);
  gradWeight = Tensor.zeros([1]);
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private buf = Tensor.empty();
  private total = Tensor.empty();

  constructor() {
    super();
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1;
    backend().randomUniform(this.weight, rng, -s, s);
    return this;
  }

  /** w ⊙ t into out (w read on the tensor's side, not as a host number). */
  private scaled(out: Tensor, t: Tensor): Tensor {
    const n = t.numel();
    out.resizeAs(t).view(n).copy(this.weight.expand(n));
    return out.cmul(t);
  }

  override updateOutput(input: Tensor): Tensor {
    return this.scaled(this.output, this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]).contiguous());
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.scaled(this.gradInput, g.view(input.shape));
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const n = input.numel(), p = this.buf.resizeAs(g).cmul(g, input.contiguous().view(g.shape));
    this.gradWeight.add(scale, this.total.sum(p.view(n), 0)); // Σ x ⊙ g
  }
}
