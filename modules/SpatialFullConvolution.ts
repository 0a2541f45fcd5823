/**
 * nn.SpatialFullConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = 0,
 * adjW = 0, adjH = 0): the transposed convolution (the gradient of SpatialConvolution with respect to
 * its input) of a (B ×) nInputPlane × H × W input into (B ×) nOutputPlane × oH × oW,
 * oH = (H − 1)·dH − 2·padH + kH + adjH (likewise oW); adjW < dW and adjH < dH pick among the
 * output sizes that a stride-d convolution maps back to H × W. weight is nInputPlane × nOutputPlane
 * × kH × kW, bias nOutputPlane; `noBias()` drops the bias. Runs as gemm + col2im per example
 * (modules/MMConvolution.ts); finput holds one example's column matrix (nOutputPlane·kH·kW × H·W).
 * Ref: torch/nn SpatialFullConvolution.lua.
 */
import { ArgumentError } from '../lib/errors.js';
import { checkSizes } from './convolutionCore.js';
import { MMConvolution, type MMGeometry } from './MMConvolution.js';

export class SpatialFullConvolution extends MMConvolution {
  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kW: number, readonly kH: number,
    readonly dW = 1, readonly dH = 1, readonly padW = 0, readonly padH = 0, readonly adjW = 0, readonly adjH = 0) {
    checkSizes('SpatialFullConvolution.constructor', { nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, adjW, adjH }, ['padW', 'padH', 'adjW', 'adjH']);
    if (adjW > dW - 1 || adjH > dH - 1) {
      throw new ArgumentError(`SpatialFullConvolution.constructor: expected adjW < dW and adjH < dH, got adjW ${adjW}, dW ${dW}, adjH ${adjH}, dH ${dH}`);
    }
    super([nInputPlane, nOutputPlane, kH, kW], [nOutputPlane]);
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.kH * this.nInputPlane;
  }

  protected override geometry(): MMGeometry {
    return { dims: 2, kernel: [1, this.kH, this.kW], stride: [1, this.dH, this.dW], pad: [0, this.padH, this.padW], dilation: [1, 1, 1], adj: [0, this.adjH, this.adjW] };
  }

  protected override describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0 || this.adjW !== 0 || this.adjH !== 0) s += `, ${this.padW},${this.padH}`;
    if (this.adjW !== 0 || this.adjH !== 0) s += `, ${this.adjW},${this.adjH}`;
    return s;
  }
}
