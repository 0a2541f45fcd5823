/**
 * nn.VolumetricDilatedMaxPooling(kT, kW, kH, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0,
 * dilationT = 1, dilationW = 1, dilationH = 1): VolumetricMaxPooling over windows whose taps are
 * dilation apart. Input (C, T, H, W) or (B, C, T, H, W). Ref: torch/nn VolumetricDilatedMaxPooling.lua.
 */
import { VolumetricMaxPooling } from './VolumetricMaxPooling.js';
import { ArgumentError } from '../lib/errors.js';

export class VolumetricDilatedMaxPooling extends VolumetricMaxPooling {
  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT = 0, padW = 0, padH = 0,
    readonly dilationT = 1, readonly dilationW = 1, readonly dilationH = 1) {
    super(kT, kW, kH, dT, dW, dH, padT, padW, padH);
    if (![dilationT, dilationW, dilationH].every((l) => Number.isInteger(l) && l > 0)) {
      throw new ArgumentError(`VolumetricDilatedMaxPooling.constructor: expected positive integer dilations, got ${dilationT}, ${dilationW}, ${dilationH}`);
    }
  }

  protected override dilation(): [number, number, number] {
    return [this.dilationT, this.dilationW, this.dilationH];
  }

  override toString(): string {
    return `${super.toString().slice(0, -1)}, ${this.dilationT},${this.dilationW},${this.dilationH})`;
  }
}
