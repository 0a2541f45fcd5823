/**
 * nn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW):
 * 2-D convolution (cross-correlation, as Torch) of a (B ×) nInputPlane × H × W input into
 * (B ×) nOutputPlane × oH × oW, oH = floor((H + 2·padH − kH)/dH) + 1 (likewise oW).
 * weight is nOutputPlane × nInputPlane × kH × kW, bias nOutputPlane; `noBias()` drops the bias.
 * Runs as im2col + gemm per example (modules/MMConvolution.ts, convolutionCore.ts). Also exported as
 * SpatialConvolutionMM (Torch's older class of the same computation).
 * Ref: torch/nn SpatialConvolution.lua, SpatialConvolutionMM.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { checkSizes } from './convolutionCore.js';
import { MMConvolution, type MMGeometry } from './MMConvolution.js';

export class SpatialConvolution extends MMConvolution {
  readonly padW: number;
  readonly padH: number;
  /** The gradient's column matrix (nInputPlane·kH·kW × oH·oW); finput keeps the examples' (B × …). */
  fgradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kW: number, readonly kH: number,
    readonly dW = 1, readonly dH = 1, padW = 0, padH = padW) {
    checkSizes(`${new.target.name}.constructor`, { nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH }, ['padW', 'padH']);
    super([nOutputPlane, nInputPlane, kH, kW], [nOutputPlane]);
    this.padW = padW;
    this.padH = padH;
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.kH * this.nInputPlane;
  }

  /** [dilationH, dilationW] (1, 1 here; SpatialDilatedConvolution's own). */
  protected dilation(): [number, number] {
    return [1, 1];
  }

  protected override geometry(): MMGeometry {
    return { dims: 2, kernel: [1, this.kH, this.kW], stride: [1, this.dH, this.dW], pad: [0, this.padH, this.padW], dilation: [1, ...this.dilation()], adj: null };
  }

  protected override gradColumns(): Tensor {
    return this.fgradInput;
  }

  /** Torch's `nIn -> nOut, kWxkH[, dW,dH][, padW,padH]`. */
  protected override describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s;
  }
}
