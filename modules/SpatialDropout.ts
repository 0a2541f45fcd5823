/**
 * nn.SpatialDropout(p = 0.5, stochasticInference = false): in training, zeroes whole feature maps
 * (each with probability p; the mask `noise` is (B, C, 1, 1) or (C, 1, 1), from the seeded
 * generator) and does not rescale the kept ones; in evaluation the output is the input times
 * (1 − p) (Torch's original dropout), unless stochastic_inference keeps dropping. Input (C, H, W)
 * or (B, C, H, W). Backward is defined only in training. Also the base VolumetricDropout shares.
 * Ref: torch/nn SpatialDropout.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError, StateError } from '../lib/errors.js';

export abstract class FeatureDropout extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  noise = Tensor.empty();
  p: number;
  stochastic_inference: boolean;
  /** How many trailing (spatial) dims share one mask value. */
  protected abstract readonly nSpatial: number;

  constructor(p = 0.5, stochasticInference = false) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ArgumentError(`${new.target.name}.constructor: expected 0 ≤ p ≤ 1, got ${p}`);
    this.p = p;
    this.stochastic_inference = stochasticInference;
  }

  setp(p: number): this {
    this.p = p;
    return this;
  }

  /** out[m, k] = x[m, k]·mask[m] for maps m of n cells (mask null: the factor f). */
  private static scale(out: Tensor, x: Tensor, mask: Tensor | null, f: number, maps: number, n: number): void {
    const od = out.data, xd = x.data;
    for (let m = 0; m < maps; m++) {
      const v = mask ? mask.data[mask.offset + m]! : f;
      for (let k = 0; k < n; k++) od[out.offset + m * n + k] = xd[x.offset + m * n + k]! * v;
    }
  }

  private maps(x: Tensor): [number, number] {
    const lead = x.dim() - this.nSpatial, maps = x.shape.slice(0, lead).reduce((a, b) => a * b, 1);
    return [maps, x.numel() / Math.max(1, maps)];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [this.nSpatial + 1, this.nSpatial + 2]).contiguous(), [maps, n] = this.maps(x);
    this.output.resizeAs(x);
    if (this.train || this.stochastic_inference) {
      this.noise.resizeAs(x).resize([...x.shape.slice(0, x.dim() - this.nSpatial), ...Array<number>(this.nSpatial).fill(1)]);
      const nd = this.noise.data; // drawn on the host, where the mask is read (the js kernel's order)
      for (let i = 0; i < maps; i++) nd[this.noise.offset + i] = rng.bernoulli(1 - this.p);
      FeatureDropout.scale(this.output, x, this.noise, 1, maps, n);
    } else {
      FeatureDropout.scale(this.output, x, null, 1 - this.p, maps, n);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [this.nSpatial + 1, this.nSpatial + 2]), [maps, n] = this.maps(x);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training; call training() first`);
    this.gradInput.resizeAs(x);
    FeatureDropout.scale(this.gradInput, g, this.noise, 1, maps, n);
    return this.gradInput;
  }

  override clearState(): this {
    this.noise = Tensor.empty(this.noise.dtype);
    return super.clearState();
  }

  override toString(): string {
    return `${this.constructor.name}(${this.p})`;
  }
}

export class SpatialDropout extends FeatureDropout {
  protected readonly nSpatial = 2;
}
