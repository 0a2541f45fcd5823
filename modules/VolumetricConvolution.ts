/**
 * nn.VolumetricConvolution(nInputPlane, nOutputPlane, kT, kW, kH, dT = 1, dW = 1, dH = 1, padT = 0,
 * padW = padT, padH = padW): 3-D convolution (cross-correlation) of a (B ×) nInputPlane × T × H × W
 * input into (B ×) nOutputPlane × oT × oH × oW, oT = floor((T + 2·padT − kT)/dT) + 1 (likewise oH, oW).
 * weight is nOutputPlane × nInputPlane × kT × kH × kW, bias nOutputPlane; `noBias()` drops the bias.
 * Runs as vol2col + gemm per example (modules/MMConvolution.ts, convolutionCore.ts).
 * Ref: torch/nn VolumetricConvolution.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { checkSizes } from './convolutionCore.js';
import { MMConvolution, type MMGeometry } from './MMConvolution.js';

export class VolumetricConvolution extends MMConvolution {
  readonly padT: number;
  readonly padW: number;
  readonly padH: number;
  fgradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kT: number, readonly kW: number, readonly kH: number,
    readonly dT = 1, readonly dW = 1, readonly dH = 1, padT = 0, padW = padT, padH = padW) {
    checkSizes(`${new.target.name}.constructor`, { nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH }, ['padT', 'padW', 'padH']);
    super([nOutputPlane, nInputPlane, kT, kH, kW], [nOutputPlane]);
    this.padT = padT;
    this.padW = padW;
    this.padH = padH;
    this.reset();
  }

  protected override fanIn(): number {
    return this.kT * this.kW * this.kH * this.nInputPlane;
  }

  /** [dilationT, dilationH, dilationW] (VolumetricDilatedConvolution's own). */
  protected dilation(): [number, number, number] {
    return [1, 1, 1];
  }

  protected override geometry(): MMGeometry {
    return { dims: 3, kernel: [this.kT, this.kH, this.kW], stride: [this.dT, this.dH, this.dW], pad: [this.padT, this.padH, this.padW], dilation: this.dilation(), adj: null };
  }

  protected override gradColumns(): Tensor {
    return this.fgradInput;
  }

  protected override describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}`;
    if (this.dT !== 1 || this.dW !== 1 || this.dH !== 1) s += `, ${this.dT},${this.dW},${this.dH}`;
    if (this.padT !== 0 || this.padW !== 0 || this.padH !== 0) s += `, ${this.padT},${this.padW},${this.padH}`;
    return s;
  }
}
