/**
 * nn.SpatialFractionalMaxPooling(poolSizeW, poolSizeH, outW, outH) or (…, ratioW, ratioH) with
 * ratios in (0, 1): fractional max pooling (Graham 2014). Each plane draws two samples u ~ U(0, 1)
 * (`randomSamples`, (B, C, 2): [w, h]; from the seeded generator at every forward unless
 * `fixPoolingRegions()`); window i of a dimension starts at ⌊(i + u)·α⌋ − ⌊u·α⌋ with
 * α = (in − pool)/(out − 1), the last at in − pool, and spans poolSize cells. Output (C, outH, outW)
 * or (B, C, outH, outW); ratios give out = ⌊in·ratio⌋. `indices`: 0-based y·W + x per output cell.
 * The body: FractionalMaxPooling.ts. Ref: torch/nn SpatialFractionalMaxPooling.lua,
 * THNN SpatialFractionalMaxPooling.c.
 */
import { ArgumentError, ShapeError } from '../lib/errors.js';
import { FractionalMaxPooling } from './FractionalMaxPooling.js';

export class SpatialFractionalMaxPooling extends FractionalMaxPooling {
  outW?: number;
  outH?: number;
  ratioW?: number;
  ratioH?: number;

  constructor(readonly poolSizeW: number, readonly poolSizeH: number, arg1: number, arg2: number) {
    super();
    if (!(Number.isInteger(poolSizeW) && Number.isInteger(poolSizeH) && poolSizeW >= 2 && poolSizeH >= 2)) {
      throw new ArgumentError(`SpatialFractionalMaxPooling.constructor: expected integer pool sizes ≥ 2, got ${poolSizeW}, ${poolSizeH}`);
    }
    if (arg1 >= 1 && arg2 >= 1) {
      this.outW = arg1;
      this.outH = arg2;
    } else if (arg1 > 0 && arg1 < 1 && arg2 > 0 && arg2 < 1) {
      this.ratioW = arg1;
      this.ratioH = arg2;
    } else {
      throw new ArgumentError(`SpatialFractionalMaxPooling.constructor: expected output sizes ≥ 1 or ratios in (0, 1), got ${arg1}, ${arg2}`);
    }
  }

  protected override get nSpatial(): number {
    return 2;
  }

  protected override get sampleOrder(): readonly number[] {
    return [1, 0, -1];
  }

  protected override get pools(): number[] {
    return [this.poolSizeH, this.poolSizeW];
  }

  /** [oH, oW] for an input of [iH, iW]. */
  protected override outputSizes(method: string, s: readonly number[]): number[] {
    const [iH = 0, iW = 0] = s;
    const oW = this.ratioW !== undefined ? Math.floor(iW * this.ratioW) : this.outW ?? 0;
    const oH = this.ratioH !== undefined ? Math.floor(iH * this.ratioH) : this.outH ?? 0;
    if (oW < 1 || oH < 1 || oW + this.poolSizeW - 1 > iW || oH + this.poolSizeH - 1 > iH) {
      throw new ShapeError(`${this.where(method)}: an output of ${oH}×${oW} with ${this.poolSizeH}×${this.poolSizeW} pools does not fit an input of ${iH}×${iW}`);
    }
    return [oH, oW];
  }

  override toString(): string {
    return `SpatialFractionalMaxPooling(${this.outW ?? this.ratioW}x${this.outH ?? this.ratioH}, ${this.poolSizeW},${this.poolSizeH})`;
  }
}
