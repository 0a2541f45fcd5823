/**
 * nn.WhiteNoise(mean = 0, std = 0.1): in training, y = x + ε with ε ~ N(mean, std²) per element
 * (seeded, kept in `noise`), gradInput = gradOutput; in evaluate mode y = x + mean, and backward
 * is an error (Torch defines it only while training). Ref: torch/nn WhiteNoise.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, StateError } from '../lib/errors.js';

export class WhiteNoise extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  noise = Tensor.empty();

  constructor(readonly mean = 0, readonly std = 0.1) {
    super();
    if (!(std >= 0) || !Number.isFinite(mean)) throw new ArgumentError(`WhiteNoise.constructor: expected a finite mean and std ≥ 0, got ${mean} and ${std}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).copy(x);
    if (this.train) {
      backend().randomNormal(this.noise.resizeAs(x), rng, this.mean, this.std);
      this.output.add(this.noise);
    } else if (this.mean !== 0) {
      this.output.add(this.mean);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training; call training() first`);
    this.gradInput.resizeAs(input).copy(g);
    return this.gradInput;
  }

  override toString(): string {
    return `WhiteNoise(mean: ${this.mean}, std: ${this.std})`;
  }
}
