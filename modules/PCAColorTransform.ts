/**
 * nn.PCAColorTransform(inputChannels, eigenVectors, eigenValues, std = 0.1): AlexNet's PCA colour
 * augmentation. In training, each image gets the colour offset noise = E·(α ⊙ λ) added to every
 * pixel, α ~ N(0, std²) per channel and image (from the seeded generator), E the C × C eigenVectors,
 * λ the C eigenValues; in evaluate mode, the identity. Input C × H × W or B × C × H × W with
 * C = inputChannels; `noise` keeps the last offsets (B × C), `alphas` the draws (C × B).
 * gradInput = gradOutput in training; backward in evaluate mode is a StateError, as Torch
 * (ColorTransform.ts). Ref: dpnn PCAColorTransform.lua (Krizhevsky et al. 2012).
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, shapeStr } from '../lib/errors.js';
import { ColorTransform } from './ColorTransform.js';

export class PCAColorTransform extends ColorTransform {
  alphas = Tensor.empty();

  constructor(inputChannels: number, public eigenVectors: Tensor, public eigenValues: Tensor, readonly std = 0.1) {
    super(inputChannels);
    const at = 'PCAColorTransform.constructor';
    if (!(eigenVectors instanceof Tensor && eigenVectors.dim() === 2 && eigenVectors.size(0) === inputChannels && eigenVectors.size(1) === inputChannels)) {
      throw new ArgumentError(`${at}: expected eigenVectors of size [${inputChannels}, ${inputChannels}], got ${eigenVectors instanceof Tensor ? shapeStr(eigenVectors.shape) : typeof eigenVectors}`);
    }
    if (!(eigenValues instanceof Tensor && eigenValues.numel() === inputChannels)) {
      throw new ArgumentError(`${at}: expected ${inputChannels} eigenValues, got ${eigenValues instanceof Tensor ? shapeStr(eigenValues.shape) : typeof eigenValues}`);
    }
    if (!(std >= 0)) throw new ArgumentError(`${at}: expected std ≥ 0, got ${std}`);
  }

  protected override drawNoise(C: number, B: number): void {
    const dtype = this.output.dtype;
    if (this.alphas.dtype !== dtype) [this.alphas, this.noise] = [Tensor.empty(dtype), Tensor.empty(dtype)];
    backend().randomNormal(this.alphas.resize(C, B), rng, 0, this.std);
    this.alphas.cmul(this.eigenValues.contiguous().view(C, 1).expand(C, B)); // α ⊙ λ
    this.noise.resize(B, C).mm(this.alphas.t(), this.eigenVectors.t()); // noiseᵀ = E (α ⊙ λ)
  }

  override toString(): string {
    return `PCAColorTransform(channels: ${this.inputChannels}, std: ${this.std})`;
  }
}
