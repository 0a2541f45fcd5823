/**
 * nn.SimpleColorTransform(inputChannels, range): colour augmentation by a random offset per channel.
 * In training, each image's channel c gets one value drawn from U(−range[c], range[c]) (the seeded
 * generator) added to all its pixels; in evaluate mode, the identity. Input C × H × W or
 * B × C × H × W with C = inputChannels; `noise` keeps the last offsets (C or B × C). gradInput =
 * gradOutput in training; backward in evaluate mode is a StateError, as Torch.
 * Ref: dpnn SimpleColorTransform.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

export class SimpleColorTransform extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  noise = Tensor.empty();
  /** The draws, channel by channel (C × B). */
  private _tempNoise = Tensor.empty();

  constructor(readonly inputChannels: number, public range: Tensor) {
    super();
    const at = 'SimpleColorTransform.constructor';
    if (!(Number.isInteger(inputChannels) && inputChannels > 0)) throw new ArgumentError(`${at}: expected a positive integer inputChannels, got ${inputChannels}`);
    if (!(range instanceof Tensor && range.numel() === inputChannels)) {
      throw new ArgumentError(`${at}: expected ${inputChannels} range values (one per channel), got ${range instanceof Tensor ? shapeStr(range.shape) : typeof range}`);
    }
    const bad = Array.from(range.contiguous().toArray(), Number).find((r) => !(r >= 0));
    if (bad !== undefined) throw new ArgumentError(`${at}: expected range values ≥ 0, got ${bad}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, this.train ? [3, 4] : [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x).copy(x);
    if (!this.train) return this.output;
    const C = this.inputChannels, batched = x.dim() === 4, B = batched ? x.size(0) : 1;
    if (x.size(batched ? 1 : 0) !== C) throw new ShapeError(`${this.where('updateOutput')}: expected ${C} channels, got input ${shapeStr(x.shape)}`);
    const dtype = this.output.dtype, r = Array.from(this.range.contiguous().toArray(), Number);
    if (this.noise.dtype !== dtype) [this.noise, this._tempNoise] = [Tensor.empty(dtype), Tensor.empty(dtype)];
    this._tempNoise.resize(C, B);
    for (let c = 0; c < C; c++) backend().randomUniform(this._tempNoise.select(0, c), rng, -r[c]!, r[c]!);
    this.noise.resize(batched ? [B, C] : [C]).copy(batched ? this._tempNoise.t() : this._tempNoise.view(C));
    this.output.add(this.noise.view(batched ? [B, C, 1, 1] : [C, 1, 1]).expandAs(this.output));
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backprop is only defined while training (call training() first)`);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    return this.gradInput.resizeAs(g).copy(g);
  }

  override toString(): string {
    return `SimpleColorTransform(channels: ${this.inputChannels})`;
  }
}
