/**
 * dpnn nn.TotalDropout(p = 0.5): in training, drops the whole input with probability p: one draw
 * `noise` ~ Bernoulli(1 − p) per forward (seeded), y = noise·x, gradInput = noise·gradOutput (no
 * rescaling). In evaluate mode y = x, and backward is an error (dpnn defines it only while
 * training). Ref: dpnn TotalDropout.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError, StateError } from '../lib/errors.js';

export class TotalDropout extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The draw of the last training forward: 1 (kept) or 0 (dropped). */
  noise = 1;

  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`TotalDropout.constructor: expected 0 ≤ p < 1, got ${p}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).copy(x);
    if (this.train) {
      this.noise = rng.bernoulli(1 - this.p);
      this.output.mul(this.noise);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training; call training() first`);
    this.gradInput.resizeAs(input).copy(g).mul(this.noise);
    return this.gradInput;
  }

  override toString(): string {
    return `TotalDropout(${this.p})`;
  }
}
