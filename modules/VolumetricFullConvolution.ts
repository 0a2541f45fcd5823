/**
 * nn.VolumetricFullConvolution(nInputPlane, nOutputPlane, kT, kW, kH, dT = 1, dW = 1, dH = 1,
 * padT = 0, padW = 0, padH = 0, adjT = 0, adjW = 0, adjH = 0): the transposed 3-D convolution of a
 * (B ×) nInputPlane × T × H × W input into (B ×) nOutputPlane × oT × oH × oW,
 * oT = (T − 1)·dT − 2·padT + kT + adjT (likewise oH, oW; each adj below its stride).
 * weight is nInputPlane × nOutputPlane × kT × kH × kW, bias nOutputPlane. Runs as gemm + col2vol
 * (modules/MMConvolution.ts).
 * Ref: torch/nn VolumetricFullConvolution.lua.
 */
import { ArgumentError } from '../lib/errors.js';
import { checkSizes } from './convolutionCore.js';
import { MMConvolution, type MMGeometry } from './MMConvolution.js';

export class VolumetricFullConvolution extends MMConvolution {
  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kT: number, readonly kW: number, readonly kH: number,
    readonly dT = 1, readonly dW = 1, readonly dH = 1, readonly padT = 0, readonly padW = 0, readonly padH = 0,
    readonly adjT = 0, readonly adjW = 0, readonly adjH = 0) {
    checkSizes('VolumetricFullConvolution.constructor', { nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH, adjT, adjW, adjH },
      ['padT', 'padW', 'padH', 'adjT', 'adjW', 'adjH']);
    if (adjT > dT - 1 || adjW > dW - 1 || adjH > dH - 1) {
      throw new ArgumentError(`VolumetricFullConvolution.constructor: expected adjT < dT, adjW < dW and adjH < dH, got adj ${adjT},${adjW},${adjH}, stride ${dT},${dW},${dH}`);
    }
    super([nInputPlane, nOutputPlane, kT, kH, kW], [nOutputPlane]);
    this.reset();
  }

  protected override fanIn(): number {
    return this.kT * this.kW * this.kH * this.nInputPlane;
  }

  protected override geometry(): MMGeometry {
    return { dims: 3, kernel: [this.kT, this.kH, this.kW], stride: [this.dT, this.dH, this.dW], pad: [this.padT, this.padH, this.padW], dilation: [1, 1, 1],
      adj: [this.adjT, this.adjH, this.adjW] };
  }

  protected override describe(): string {
    return `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}, `
      + `${this.padT},${this.padW},${this.padH}, ${this.adjT},${this.adjW},${this.adjH}`;
  }
}
