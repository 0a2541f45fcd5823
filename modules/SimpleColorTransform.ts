/**
 * nn.SimpleColorTransform(inputChannels, range): colour augmentation by a random offset per channel.
 * In training, each image's channel c gets one value drawn from U(−range[c], range[c]) (the seeded
 * generator) added to all its pixels; in evaluate mode, the identity. Input C × H × W or
 * B × C × H × W with C = inputChannels; `noise` keeps the last offsets (C or B × C). gradInput =
 * gradOutput in training; backward in evaluate mode is a StateError, as Torch (ColorTransform.ts).
 * Ref: dpnn SimpleColorTransform.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, shapeStr } from '../lib/errors.js';
import { ColorTransform } from './ColorTransform.js';

export class SimpleColorTransform extends ColorTransform {
  /** The draws, channel by channel (C × B). */
  private _tempNoise = Tensor.empty();

  constructor(inputChannels: number, public range: Tensor) {
    super(inputChannels);
    const at = 'SimpleColorTransform.constructor';
    if (!(range instanceof Tensor && range.numel() === inputChannels)) {
      throw new ArgumentError(`${at}: expected ${inputChannels} range values (one per channel), got ${range instanceof Tensor ? shapeStr(range.shape) : typeof range}`);
    }
    const bad = Array.from(range.contiguous().toArray(), Number).find((r) => !(r >= 0));
    if (bad !== undefined) throw new ArgumentError(`${at}: expected range values ≥ 0, got ${bad}`);
  }

  protected override drawNoise(C: number, B: number, batched: boolean): void {
    const dtype = this.output.dtype, r = Array.from(this.range.contiguous().toArray(), Number);
    if (this.noise.dtype !== dtype) [this.noise, this._tempNoise] = [Tensor.empty(dtype), Tensor.empty(dtype)];
    this._tempNoise.resize(C, B);
    for (let c = 0; c < C; c++) backend().randomUniform(this._tempNoise.select(0, c), rng, -r[c]!, r[c]!);
    this.noise.resize(batched ? [B, C] : [C]).copy(batched ? this._tempNoise.t() : this._tempNoise.view(C));
  }

  override toString(): string {
    return `SimpleColorTransform(channels: ${this.inputChannels})`;
  }
}
