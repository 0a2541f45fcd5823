/**
 * nn.VolumetricFractionalMaxPooling(poolSizeT, poolSizeW, poolSizeH, outT, outW, outH) or
 * (…, ratioT, ratioW, ratioH): SpatialFractionalMaxPooling over three dimensions. As Torch's, the
 * input is laid out (C, H, W, T) or (B, C, H, W, T) (time last); output (C, outH, outW, outT).
 * Per plane three samples `randomSamples` (B, C, 3): [t, w, h]. `indices`: 0-based
 * (h·W + w)·T + t. Ref: torch/nn VolumetricFractionalMaxPooling.lua, THNN VolumetricFractionalMaxPooling.c.
 */
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { FractionalMaxPooling } from './FractionalMaxPooling.js';

export class VolumetricFractionalMaxPooling extends FractionalMaxPooling {
  outT?: number;
  outW?: number;
  outH?: number;
  ratioT?: number;
  ratioW?: number;
  ratioH?: number;

  constructor(readonly poolSizeT: number, readonly poolSizeW: number, readonly poolSizeH: number, arg1: number, arg2: number, arg3: number) {
    super();
    if (![poolSizeT, poolSizeW, poolSizeH].every((p) => Number.isInteger(p) && p >= 2)) {
      throw new ArgumentError(`VolumetricFractionalMaxPooling.constructor: expected integer pool sizes ≥ 2, got ${poolSizeT}, ${poolSizeW}, ${poolSizeH}`);
    }
    if (arg1 >= 1 && arg2 >= 1 && arg3 >= 1) {
      [this.outT, this.outW, this.outH] = [arg1, arg2, arg3];
    } else if ([arg1, arg2, arg3].every((r) => r > 0 && r < 1)) {
      [this.ratioT, this.ratioW, this.ratioH] = [arg1, arg2, arg3];
    } else {
      throw new ArgumentError(`VolumetricFractionalMaxPooling.constructor: expected output sizes ≥ 1 or ratios in (0, 1), got ${arg1}, ${arg2}, ${arg3}`);
    }
  }

  protected override get nSpatial(): number {
    return 3;
  }

  protected override get sampleOrder(): readonly number[] {
    return [2, 1, 0];
  }

  protected override get pools(): number[] {
    return [this.poolSizeH, this.poolSizeW, this.poolSizeT];
  }

  /** [oH, oW, oT] for an input of [iH, iW, iT]. */
  protected override outputSizes(method: string, s: readonly number[]): number[] {
    const [iH = 0, iW = 0, iT = 0] = s;
    const o = this.ratioT !== undefined
      ? [Math.floor(iH * (this.ratioH ?? 0)), Math.floor(iW * (this.ratioW ?? 0)), Math.floor(iT * this.ratioT)]
      : [this.outH ?? 0, this.outW ?? 0, this.outT ?? 0];
    const pool = [this.poolSizeH, this.poolSizeW, this.poolSizeT];
    if (o.some((v, d) => v < 1 || v + pool[d]! - 1 > s[d]!)) {
      throw new ShapeError(`${this.where(method)}: an output of ${shapeStr(o)} (H, W, T) with pools ${shapeStr(pool)} does not fit an input of ${shapeStr(s)}`);
    }
    return o;
  }

  override toString(): string {
    return `VolumetricFractionalMaxPooling(${this.outT ?? this.ratioT}x${this.outW ?? this.ratioW}x${this.outH ?? this.ratioH}, ${this.poolSizeT},${this.poolSizeW},${this.poolSizeH})`;
  }
}
