/**
 * nn.VolumetricConvolution(nInputPlane, nOutputPlane, kT, kW, kH, dT = 1, dW = 1, dH = 1, padT = 0,
 * padW = padT, padH = padW): 3-D convolution (cross-correlation) of a (B ×) nInputPlane × T × H × W
 * input into (B ×) nOutputPlane × oT × oH × oW, oT = floor((T + 2·padT − kT)/dT) + 1 (likewise oH, oW).
 * weight is nOutputPlane × nInputPlane × kT × kH × kW, bias nOutputPlane; `noBias()` drops the bias.
 * Runs as vol2col + gemm per example (modules/convolutionCore.ts).
 * Ref: torch/nn VolumetricConvolution.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, convAccGrad, convForward, convGradInput, planeInput, resetUniform, type PlaneInput } from './convolutionCore.js';

export class VolumetricConvolution extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  readonly padT: number;
  readonly padW: number;
  readonly padH: number;
  finput = Tensor.empty();
  fgradInput = Tensor.empty();
  ones = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kT: number, readonly kW: number, readonly kH: number,
    readonly dT = 1, readonly dW = 1, readonly dH = 1, padT = 0, padW = padT, padH = padW) {
    super();
    this.padT = padT;
    this.padW = padW;
    this.padH = padH;
    checkSizes(`${new.target.name}.constructor`, { nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH }, ['padT', 'padW', 'padH']);
    const shape = [nOutputPlane, nInputPlane, kT, kH, kW];
    this.weight = Tensor.zeros(shape);
    this.gradWeight = Tensor.zeros(shape);
    this.bias = Tensor.zeros([nOutputPlane]);
    this.gradBias = Tensor.zeros([nOutputPlane]);
    this.reset();
  }

  noBias(): this {
    this.bias = null;
    this.gradBias = null;
    return this;
  }

  /** U(−1/√(kT·kW·kH·nInputPlane), …) unless stdv is given. */
  override reset(stdv?: number): this {
    resetUniform(stdv, 1 / Math.sqrt(this.kT * this.kW * this.kH * this.nInputPlane), this.weight, this.bias);
    return this;
  }

  /** [dilationT, dilationH, dilationW] (VolumetricDilatedConvolution's own). */
  protected dilation(): [number, number, number] {
    return [1, 1, 1];
  }

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 3, 'T, H, W');
    const [T, H, W] = p.extents as [number, number, number];
    return [p, convShape(this.where(method), this.nInputPlane, [T, H, W], [this.kT, this.kH, this.kW], [this.dT, this.dH, this.dW],
      [this.padT, this.padH, this.padW], this.dilation())];
  }

  private weight2d(w: Tensor): Tensor {
    return w.view([this.nOutputPlane, this.nInputPlane * this.kT * this.kH * this.kW]);
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const size = [this.nOutputPlane, g.oT, g.oH, g.oW];
    this.output.resize(batch ? [B, ...size] : size);
    convForward(g, B, x, this.output, this.weight2d(this.weight), this.bias, this.finput, this.ones, this.nOutputPlane);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resize(input.shape);
    convGradInput(g, B, go, this.gradInput, this.weight2d(this.weight), this.fgradInput, this.nOutputPlane);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    convAccGrad(g, B, x, go, this.weight2d(this.gradWeight), this.gradBias, this.finput, this.ones, this.nOutputPlane, scale);
  }

  protected describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}`;
    if (this.dT !== 1 || this.dW !== 1 || this.dH !== 1) s += `, ${this.dT},${this.dW},${this.dH}`;
    if (this.padT !== 0 || this.padW !== 0 || this.padH !== 0) s += `, ${this.padT},${this.padW},${this.padH}`;
    return s;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.describe()})${this.bias ? '' : ' without bias'}`;
  }
}
