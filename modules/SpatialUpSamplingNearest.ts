/**
 * nn.SpatialUpSamplingNearest(scale): nearest-neighbour upsampling by an integer factor:
 * y[c, i, j] = x[c, ⌊i/scale⌋, ⌊j/scale⌋]. Input (C, H, W) or (B, C, H, W); output
 * (C, H·scale, W·scale), by the backend's upsampleNearest kernels. Also the nearest-neighbour
 * resampling UpSampling shares (2 or 3 dims).
 * Ref: torch/nn SpatialUpSamplingNearest.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';

/** y = x upsampled by `scale` over the trailing `inS.length` (2 or 3) dims, or (backward) x = Σ of each block of y (the backend's upsampleNearest kernels). */
export function nearestResample(x: Tensor, y: Tensor, planes: number, inS: readonly number[], scale: number, backward: boolean): void {
  const [T, H, W] = inS.length === 3 ? inS as [number, number, number] : [1, inS[0]!, inS[1]!];
  const g = { planes, T, H, W, sT: inS.length === 3 ? scale : 1, s: scale };
  if (backward) backend().upsampleNearestBackward(x, y, g);
  else backend().upsampleNearest(y, x, g);
}

export function checkScale(where: string, scale: number): void {
  if (!(Number.isInteger(scale) && scale >= 1)) throw new ArgumentError(`${where}: expected an integer scale_factor ≥ 1, got ${scale}`);
}

export class SpatialUpSamplingNearest extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly scale_factor: number) {
    super();
    checkScale('SpatialUpSamplingNearest.constructor', scale_factor);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous(), pl = planesOf(x, 2), s = this.scale_factor;
    this.output.resizeAs(x).resize([...pl.lead, ...pl.sizes.map((n) => n * s)]);
    nearestResample(x, this.output, pl.planes, pl.sizes, s, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]), pl = planesOf(x, 2), s = this.scale_factor;
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!g.sameShape([...pl.lead, ...pl.sizes.map((n) => n * s)])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, ...pl.sizes.map((n) => n * s)])}, got ${shapeStr(g.shape)}`);
    }
    this.gradInput.resizeAs(x);
    nearestResample(this.gradInput, g, pl.planes, pl.sizes, s, true);
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialUpSamplingNearest(${this.scale_factor})`;
  }
}
