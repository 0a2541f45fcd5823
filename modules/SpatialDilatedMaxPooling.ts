/**
 * nn.SpatialDilatedMaxPooling(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0, dilationW = 1, dilationH = 1):
 * SpatialMaxPooling over windows whose taps are dilationW, dilationH apart (span dilation·(k − 1) + 1).
 * Input (C, H, W) or (B, C, H, W); `indices` as SpatialMaxPooling's (0-based y·W + x).
 * Ref: torch/nn SpatialDilatedMaxPooling.lua.
 */
import { SpatialMaxPooling } from './SpatialMaxPooling.js';
import { ArgumentError } from '../lib/errors.js';

export class SpatialDilatedMaxPooling extends SpatialMaxPooling {
  constructor(kW: number, kH: number, dW?: number, dH?: number, padW = 0, padH = 0, readonly dilationW = 1, readonly dilationH = 1) {
    super(kW, kH, dW, dH, padW, padH);
    if (!(Number.isInteger(dilationW) && Number.isInteger(dilationH) && dilationW > 0 && dilationH > 0)) {
      throw new ArgumentError(`SpatialDilatedMaxPooling.constructor: expected positive integer dilations, got ${dilationW}, ${dilationH}`);
    }
  }

  protected override dilation(): [number, number] {
    return [this.dilationW, this.dilationH];
  }

  override toString(): string {
    return `${super.toString().slice(0, -1)}, ${this.dilationW},${this.dilationH})`;
  }
}
