/**
 * nn.Dropout(p = 0.5): in training, zeroes each element with probability p and scales the rest by
 * 1/(1 − p) (Torch's default "v2" dropout); in evaluate mode, the identity. The mask is drawn from
 * the seeded generator. Ref: torch/nn Dropout.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError } from '../lib/errors.js';

export class Dropout extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The mask of the last training forward, already scaled by 1/(1 − p). */
  noise = Tensor.empty();

  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`Dropout.constructor: expected 0 ≤ p < 1, got ${p}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]).contiguous();
    const k = backend();
    this.output.resizeAs(x);
    if (this.train && this.p > 0) {
      this.noise.resizeAs(x);
      k.randomBernoulli(this.noise, rng, 1 - this.p);
      k.axpby(this.noise, 1 / (1 - this.p), this.noise, 0, this.noise);
      k.cmul(this.output, x, this.noise);
    } else {
      k.copy(this.output, x);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const k = backend();
    this.gradInput.resizeAs(input);
    if (this.train && this.p > 0) k.cmul(this.gradInput, g, this.noise);
    else k.copy(this.gradInput, g);
    return this.gradInput;
  }

  override toString(): string {
    return `Dropout(${this.p})`;
  }
}
