/**
 * nn.PCAColorTransform(inputChannels, eigenVectors, eigenValues, std = 0.1): AlexNet's PCA colour
 * augmentation. In training, each image gets the colour offset noise = E·(α ⊙ λ) added to every
 * pixel, α ~ N(0, std²) per channel and image (from the seeded generator), E the C × C eigenVectors,
 * λ the C eigenValues; in evaluate mode, the identity. Input C × H × W or B × C × H × W with
 * C = inputChannels; `noise` keeps the last offsets (B × C), `alphas` the draws (C × B).
 * gradInput = gradOutput in training; backward in evaluate mode is a StateError, as Torch.
 * Ref: dpnn PCAColorTransform.lua (Krizhevsky et al. 2012).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

export class PCAColorTransform extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  noise = Tensor.empty();
  alphas = Tensor.empty();

  constructor(readonly inputChannels: number, public eigenVectors: Tensor, public eigenValues: Tensor, readonly std = 0.1) {
    super();
    const at = 'PCAColorTransform.constructor';
    if (!(Number.isInteger(inputChannels) && inputChannels > 0)) throw new ArgumentError(`${at}: expected a positive integer inputChannels, got ${inputChannels}`);
    if (!(eigenVectors instanceof Tensor && eigenVectors.dim() === 2 && eigenVectors.size(0) === inputChannels && eigenVectors.size(1) === inputChannels)) {
      throw new ArgumentError(`${at}: expected eigenVectors of size [${inputChannels}, ${inputChannels}], got ${eigenVectors instanceof Tensor ? shapeStr(eigenVectors.shape) : typeof eigenVectors}`);
    }
    if (!(eigenValues instanceof Tensor && eigenValues.numel() === inputChannels)) {
      throw new ArgumentError(`${at}: expected ${inputChannels} eigenValues, got ${eigenValues instanceof Tensor ? shapeStr(eigenValues.shape) : typeof eigenValues}`);
    }
    if (!(std >= 0)) throw new ArgumentError(`${at}: expected std ≥ 0, got ${std}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, this.train ? [3, 4] : [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).copy(x);
    if (!this.train) return this.output;
    const C = this.inputChannels, batched = x.dim() === 4, B = batched ? x.size(0) : 1;
    if (x.size(batched ? 1 : 0) !== C) throw new ShapeError(`${this.where('updateOutput')}: expected ${C} channels, got input ${shapeStr(x.shape)}`);
    const dtype = this.output.dtype;
    if (this.alphas.dtype !== dtype) [this.alphas, this.noise] = [Tensor.empty(dtype), Tensor.empty(dtype)];
    backend().randomNormal(this.alphas.resize(C, B), rng, 0, this.std);
    this.alphas.cmul(this.eigenValues.contiguous().view(C, 1).expand(C, B)); // α ⊙ λ
    this.noise.resize(B, C).mm(this.alphas.t(), this.eigenVectors.t()); // noiseᵀ = E (α ⊙ λ)
    this.output.add(this.noise.view(batched ? [B, C, 1, 1] : [C, 1, 1]).expandAs(this.output));
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training (call training() first)`);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    return this.gradInput.resizeAs(g).copy(g);
  }

  override toString(): string {
    return `PCAColorTransform(channels: ${this.inputChannels}, std: ${this.std})`;
  }
}
