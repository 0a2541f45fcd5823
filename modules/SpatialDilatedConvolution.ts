/**
 * nn.SpatialDilatedConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW,
 * dilationW = 1, dilationH = 1): SpatialConvolution whose kernel taps are dilationW (dilationH)
 * apart: oH = floor((H + 2·padH − dilationH·(kH − 1) − 1)/dH) + 1 (likewise oW). Same weight layout.
 * Ref: torch/nn SpatialDilatedConvolution.lua.
 */
import { SpatialConvolution } from './SpatialConvolution.js';
import { checkSizes } from './convolutionCore.js';

export class SpatialDilatedConvolution extends SpatialConvolution {
  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH = padW,
    readonly dilationW = 1, readonly dilationH = 1) {
    super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH);
    checkSizes('SpatialDilatedConvolution.constructor', { dilationW, dilationH });
  }

  protected override dilation(): [number, number] {
    return [this.dilationH, this.dilationW];
  }

  protected override describe(): string {
    return `${super.describe()}, ${this.dilationW},${this.dilationH}`;
  }
}
