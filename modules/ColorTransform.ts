/**
 * The shared part of dpnn's colour augmentations, PCAColorTransform and SimpleColorTransform (not a
 * Torch class): in training, each image of a C × H × W or B × C × H × W input (C = inputChannels)
 * gets a per-channel offset `noise` (drawn by the subclass) added to all its pixels; in evaluate
 * mode, the identity. gradInput = gradOutput in training; backward in evaluate mode is a
 * StateError, as Torch.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

export abstract class ColorTransform extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  noise = Tensor.empty();

  constructor(readonly inputChannels: number) {
    super();
    if (!(Number.isInteger(inputChannels) && inputChannels > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected a positive integer inputChannels, got ${inputChannels}`);
    }
  }

  /** Sets `noise` (B × C, or C or B × C when not batched) in the output's type for B images of C channels. */
  protected abstract drawNoise(C: number, B: number, batched: boolean): void;

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, this.train ? [3, 4] : [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).copy(x);
    if (!this.train) return this.output;
    const C = this.inputChannels, batched = x.dim() === 4, B = batched ? x.size(0) : 1;
    if (x.size(batched ? 1 : 0) !== C) throw new ShapeError(`${this.where('updateOutput')}: expected ${C} channels, got input ${shapeStr(x.shape)}`);
    this.drawNoise(C, B, batched);
    this.output.add(this.noise.view(batched ? [B, C, 1, 1] : [C, 1, 1]).expandAs(this.output));
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training (call training() first)`);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    return this.gradInput.resizeAs(g).copy(g);
  }
}
