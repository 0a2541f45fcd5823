/**
 * nn.UpSampling(scale, mode = 'nearest') or ({ [odepth,] oheight, owidth }, 'linear'): upsampling of
 * batches (B, C, H, W) or volumes (B, C, D, H, W). 'nearest' repeats each cell scale times per
 * dimension; 'linear' ('bilinear', 'trilinear') resamples with the corners aligned
 * (as SpatialUpSamplingBilinear), to in·scale or to the given sizes.
 * Ref: torch/nn UpSampling.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';
import { checkScale, nearestResample } from './SpatialUpSamplingNearest.js';
import { linearResample } from './SpatialUpSamplingBilinear.js';

export interface UpSamplingSizes { odepth?: number; oheight: number; owidth: number }

export class UpSampling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly mode: 'nearest' | 'linear';
  readonly scale_factor?: number;
  readonly odepth?: number;
  readonly oheight?: number;
  readonly owidth?: number;

  constructor(params: number | UpSamplingSizes, mode = 'nearest') {
    super();
    this.mode = mode === 'linear' || mode === 'bilinear' || mode === 'trilinear' ? 'linear' : 'nearest';
    if (typeof params === 'number') {
      checkScale('UpSampling.constructor', params);
      this.scale_factor = params;
    } else {
      if (this.mode === 'nearest') throw new ArgumentError('UpSampling.constructor: nearest neighbour upsampling requires a scale_factor');
      if (![params.oheight, params.owidth, params.odepth ?? 1].every((v) => Number.isInteger(v) && v > 0)) {
        throw new ArgumentError(`UpSampling.constructor: expected positive integer output sizes, got ${JSON.stringify(params)}`);
      }
      [this.odepth, this.oheight, this.owidth] = [params.odepth, params.oheight, params.owidth];
    }
  }

  private outSizes(method: string, inS: readonly number[]): number[] {
    const s = this.scale_factor;
    if (s !== undefined) return inS.map((n) => n * s);
    if (inS.length === 3 && this.odepth === undefined) throw new ShapeError(`${this.where(method)}: no output depth (odepth) was given for a volumetric input`);
    return inS.length === 3 ? [this.odepth ?? 0, this.oheight ?? 0, this.owidth ?? 0] : [this.oheight ?? 0, this.owidth ?? 0];
  }

  private run(x: Tensor, y: Tensor, planes: number, inS: number[], outS: number[], backward: boolean): void {
    if (this.mode === 'nearest') nearestResample(x, y, planes, inS, this.scale_factor ?? 1, backward);
    else linearResample(x, y, planes, inS, outS, backward);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [4, 5]).contiguous(), pl = planesOf(x, x.dim() - 2), o = this.outSizes('updateOutput', pl.sizes);
    this.output.resizeAs(x).resize([...pl.lead, ...o]);
    this.run(x, this.output, pl.planes, pl.sizes, o, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [4, 5]), pl = planesOf(x, x.dim() - 2), o = this.outSizes('updateGradInput', pl.sizes);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!g.sameShape([...pl.lead, ...o])) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, ...o])}, got ${shapeStr(g.shape)}`);
    this.gradInput.resizeAs(x);
    this.run(this.gradInput, g, pl.planes, pl.sizes, o, true);
    return this.gradInput;
  }

  override toString(): string {
    if (this.scale_factor !== undefined) return `UpSampling(${this.scale_factor}x, ${this.mode})`;
    return `UpSampling(${this.odepth !== undefined ? `${this.odepth}x` : ''}${this.oheight}x${this.owidth}, ${this.mode})`;
  }
}
