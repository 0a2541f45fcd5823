/**
 * nn.SpatialContrastiveNormalization(nInputPlane = 1, kernel = ones(9, 9), threshold = 1e-4,
 * thresval = threshold): SpatialSubtractiveNormalization followed by SpatialDivisiveNormalization
 * with the same kernel (Torch's `normalizer`, a Sequential of the two). Input (C, H, W) or
 * (B, C, H, W). Ref: torch/nn SpatialContrastiveNormalization.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { Sequential } from './Sequential.js';
import { SpatialSubtractiveNormalization } from './SpatialSubtractiveNormalization.js';
import { SpatialDivisiveNormalization } from './SpatialDivisiveNormalization.js';

export class SpatialContrastiveNormalization extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly kernel: Tensor;
  readonly threshold: number;
  readonly thresval: number;
  readonly normalizer: Sequential;

  constructor(readonly nInputPlane = 1, kernel: Tensor = Tensor.zeros([9, 9]).fill(1), threshold?: number, thresval?: number) {
    super();
    this.kernel = kernel;
    this.threshold = threshold ?? 1e-4;
    this.thresval = thresval ?? threshold ?? 1e-4;
    this.normalizer = new Sequential()
      .add(new SpatialSubtractiveNormalization(nInputPlane, kernel))
      .add(new SpatialDivisiveNormalization(nInputPlane, kernel, this.threshold, this.thresval));
  }

  override children(): readonly Module[] {
    return [this.normalizer];
  }

  override updateOutput(input: Tensor): Tensor {
    this.output = this.normalizer.forward(input) as Tensor;
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput = this.normalizer.backward(input, gradOutput) as Tensor;
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialContrastiveNormalization(${this.nInputPlane})`;
  }
}
