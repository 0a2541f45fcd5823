/**
 * nn.SpatialUniformCrop(oheight, owidth = oheight, scale?): random crops of oheight × owidth from
 * (C, H, W) or (B, C, H, W) images, one position per image drawn from the seeded generator (Torch's
 * draw: start ⌈U(0.01, H − oheight)⌉, 1-based, so the last position is never drawn). With
 * `scale = [min, max]` (or `{ min, max }`), each image draws s ~ U(min, max), crops ⌈s·oheight⌉ ×
 * ⌈s·owidth⌉ and resamples it bilinearly to oheight × owidth (`scaler`, a SpatialUpSamplingBilinear
 * standing in for nnx's SpatialReSampling). Evaluate mode: the centre crop, Torch's start
 * ⌈(H − oheight)/2⌉ (1-based), without scaling. `coord` holds the 0-based (row, column) of each crop.
 * Backward scatters gradOutput (through the resampler's transpose) back into the cropped region.
 * Ref: dpnn SpatialUniformCrop.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { SpatialUpSamplingBilinear } from './SpatialUpSamplingBilinear.js';
import '../lib/dpnnModule.js';

export type CropScale = readonly [min: number, max: number] | { readonly min: number; readonly max: number };

export class SpatialUniformCrop extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly owidth: number;
  readonly scale?: CropScale;
  readonly scaler?: SpatialUpSamplingBilinear;
  /** Per image of the last forward: the crop's 0-based top row and left column. */
  coord = Tensor.empty('long');
  /** Per image of the last training forward with a scale: the drawn s. */
  scales = Tensor.empty();
  private batchOut = Tensor.empty();
  private batchGrad = Tensor.empty();
  /** Whether the last forward resampled (training with a scale). */
  private scaled = false;

  constructor(readonly oheight: number, owidth = oheight, scale?: CropScale) {
    super();
    this.owidth = owidth;
    if (![oheight, owidth].every((v) => Number.isInteger(v) && v > 0)) throw new ArgumentError(`${new.target.name}.constructor: expected positive integer oheight, owidth, got ${oheight}, ${owidth}`);
    if (scale !== undefined) {
      const [lo, hi] = SpatialUniformCrop.range(scale);
      if (!(lo > 0 && hi >= lo)) throw new ArgumentError(`${new.target.name}.constructor: expected scale [min, max] with 0 < min ≤ max, got [${lo}, ${hi}]`);
      this.scale = scale;
      this.scaler = new SpatialUpSamplingBilinear({ oheight, owidth });
    }
  }

  private static range(scale: CropScale): [number, number] {
    return 'min' in scale ? [scale.min, scale.max] : [scale[0], scale[1]];
  }

  /** Torch's random start, 0-based: ⌈U(0.01, span)⌉ − 1 (0 when span is 0). */
  private static draw(span: number): number {
    return Math.max(0, Math.ceil(rng.uniform(1e-2, span)) - 1);
  }

  /** The crop size of image i in the last forward. */
  private cropSize(i: number): [number, number] {
    if (!this.scaled) return [this.oheight, this.owidth];
    const s = this.scales.get(i);
    return [Math.ceil(s * this.oheight), Math.ceil(s * this.owidth)];
  }

  private region(x: Tensor, i: number): Tensor {
    const [h, w] = this.cropSize(i);
    return x.select(0, i).narrow(1, this.coord.get(i, 0), h).narrow(2, this.coord.get(i, 1), w);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.toBatch(this.checkTensor('updateOutput', input, [3, 4]), 3);
    const [B, C, iH, iW] = x.shape as [number, number, number, number];
    if (iH < this.oheight || iW < this.owidth) throw new ShapeError(`${this.where('updateOutput')}: expected images of at least ${this.oheight} × ${this.owidth}, got ${shapeStr(input.shape)}`);
    this.batchOut.resize([B, C, this.oheight, this.owidth]);
    this.coord.resize([B, 2]);
    this.scaled = this.train && this.scaler !== undefined;
    if (this.scaled) this.scales.resize([B]);
    const [lo, hi] = this.scale ? SpatialUniformCrop.range(this.scale) : [1, 1];
    for (let i = 0; i < B; i++) {
      if (!this.train) {
        this.coord.set([i, 0], Math.max(0, Math.ceil((iH - this.oheight) / 2) - 1));
        this.coord.set([i, 1], Math.max(0, Math.ceil((iW - this.owidth) / 2) - 1));
      } else {
        if (this.scaled) this.scales.set([i], rng.uniform(lo, hi));
        const [h, w] = this.cropSize(i);
        if (h > iH || w > iW) throw new ShapeError(`${this.where('updateOutput')}: a scaled crop of ${h} × ${w} does not fit in ${shapeStr(input.shape)}`);
        this.coord.set([i, 0], SpatialUniformCrop.draw(iH - h));
        this.coord.set([i, 1], SpatialUniformCrop.draw(iW - w));
      }
      const crop = this.region(x, i);
      this.batchOut.select(0, i).copy(this.scaled && this.scaler ? this.scaler.updateOutput(crop) : crop);
    }
    this.output = this.fromBatch(this.batchOut, 0);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.toBatch(this.checkTensor('updateGradInput', input, [3, 4]), 3);
    const g = this.toBatch(this.checkGradOutput('updateGradInput', gradOutput, this.output), 3);
    if (this.coord.dim() !== 2 || this.coord.size(0) !== x.size(0)) throw new ShapeError(`${this.where('updateGradInput')}: expected the input of the last forward, got ${shapeStr(input.shape)}`);
    this.batchGrad.resize(x.shape).zero();
    for (let i = 0; i < x.size(0); i++) {
      const go = g.select(0, i);
      this.region(this.batchGrad, i).copy(this.scaled && this.scaler ? this.scaler.updateGradInput(this.region(x, i), go) : go);
    }
    this.gradInput = this.fromBatch(this.batchGrad, 0);
    return this.gradInput;
  }

  override clearState(): this {
    this.batchOut = Tensor.empty(this.batchOut.dtype);
    this.batchGrad = Tensor.empty(this.batchGrad.dtype);
    return super.clearState();
  }

  override toString(): string {
    const s = this.scale ? `, scale ${SpatialUniformCrop.range(this.scale).join('..')}` : '';
    return `${this.constructor.name}(${this.oheight}x${this.owidth}${s})`;
  }
}
