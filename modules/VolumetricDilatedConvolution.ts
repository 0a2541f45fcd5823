/**
 * nn.VolumetricDilatedConvolution(nInputPlane, nOutputPlane, kT, kW, kH, dT = 1, dW = 1, dH = 1,
 * padT = 0, padW = padT, padH = padW, dilationT = 1, dilationW = 1, dilationH = 1): VolumetricConvolution
 * with kernel taps dilation apart: oT = floor((T + 2·padT − dilationT·(kT − 1) − 1)/dT) + 1 (likewise oH, oW).
 * Ref: torch/nn VolumetricDilatedConvolution.lua.
 */
import { VolumetricConvolution } from './VolumetricConvolution.js';
import { checkSizes } from './convolutionCore.js';

export class VolumetricDilatedConvolution extends VolumetricConvolution {
  constructor(nInputPlane: number, nOutputPlane: number, kT: number, kW: number, kH: number, dT = 1, dW = 1, dH = 1,
    padT = 0, padW = padT, padH = padW, readonly dilationT = 1, readonly dilationW = 1, readonly dilationH = 1) {
    super(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH);
    checkSizes('VolumetricDilatedConvolution.constructor', { dilationT, dilationW, dilationH });
  }

  protected override dilation(): [number, number, number] {
    return [this.dilationT, this.dilationH, this.dilationW];
  }

  protected override describe(): string {
    return `${super.describe()}, ${this.dilationT},${this.dilationW},${this.dilationH}`;
  }
}
