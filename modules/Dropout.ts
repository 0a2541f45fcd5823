/**
 * nn.Dropout(p = 0.5, v1 = false, inplace = false, stochasticInference = false). In training, each
 * element is zeroed with probability p; the survivors are scaled by 1/(1 − p) (Torch's default,
 * `v2`), or, with v1, left as they are and the evaluation output is scaled by (1 − p) instead. In
 * evaluate mode it is the identity (v1: ×(1 − p)), unless stochasticInference keeps drawing masks
 * (Monte Carlo dropout). With inplace the input becomes the output and gradOutput the gradInput.
 * The mask (`noise`) is drawn from the seeded generator. Backward masks the gradient with the
 * forward's noise whenever forward drew one (Lua leaves an evaluate-mode stochastic gradient
 * unmasked). Ref: torch/nn Dropout.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError } from '../lib/errors.js';

const DIMS = [0, 1, 2, 3, 4, 5] as const;

export class Dropout extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The mask of the last forward that drew one (v2: already scaled by 1/(1 − p)). */
  noise = Tensor.empty();
  /** Torch's flag: true scales in training (the default), false (v1) at evaluation. */
  readonly v2: boolean;
  readonly inplace: boolean;
  readonly stochastic_inference: boolean;
  /** Whether the last forward applied `noise`. */
  private masked = false;

  constructor(public p = 0.5, v1 = false, inplace = false, stochasticInference = false) {
    super();
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`Dropout.constructor: expected 0 ≤ p < 1, got ${p}`);
    this.v2 = !v1;
    this.inplace = inplace;
    this.stochastic_inference = stochasticInference;
  }

  /** Torch's setp. */
  setp(p: number): this {
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`Dropout.setp: expected 0 ≤ p < 1, got ${p}`);
    this.p = p;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, DIMS);
    const k = backend();
    this.masked = this.p > 0 && (this.train || this.stochastic_inference);
    const scale = this.unmaskedScale();
    if (this.inplace) {
      if (this.masked) x.cmul(this.drawNoise(x));
      else if (scale !== 1) x.mul(scale);
      this.output.set(x);
      return this.output;
    }
    const c = x.contiguous();
    this.output.resizeAs(c);
    if (this.masked) k.cmul(this.output, c, this.drawNoise(c));
    else k.axpby(this.output, scale, c, 0, c);
    return this.output;
  }

  /** The factor of a forward without a mask: 1, or (1 − p) in v1's evaluation. */
  private unmaskedScale(): number {
    return this.masked || this.p === 0 || this.v2 ? 1 : 1 - this.p;
  }

  private drawNoise(like: Tensor): Tensor {
    const k = backend();
    this.noise.resizeAs(like);
    k.randomBernoulli(this.noise, rng, 1 - this.p);
    if (this.v2) k.axpby(this.noise, 1 / (1 - this.p), this.noise, 0, this.noise);
    return this.noise;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const k = backend();
    const scale = this.unmaskedScale();
    if (this.inplace) {
      if (this.masked) g.cmul(this.noise);
      else if (scale !== 1) g.mul(scale);
      this.gradInput.set(g);
      return this.gradInput;
    }
    const c = g.contiguous();
    this.gradInput.resizeAs(input);
    if (this.masked) k.cmul(this.gradInput, c, this.noise);
    else k.axpby(this.gradInput, scale, c, 0, c);
    return this.gradInput;
  }

  override clearState(): this {
    this.noise = Tensor.empty(this.noise.dtype);
    return super.clearState();
  }

  override toString(): string {
    return `Dropout(${this.p}${this.v2 ? '' : ', v1'}${this.inplace ? ', in place' : ''}${this.stochastic_inference ? ', stochastic inference' : ''})`;
  }
}
