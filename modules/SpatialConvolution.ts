/**
 * nn.SpatialConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW):
 * 2-D convolution (cross-correlation, as Torch) of a (B ×) nInputPlane × H × W input into
 * (B ×) nOutputPlane × oH × oW, oH = floor((H + 2·padH − kH)/dH) + 1 (likewise oW).
 * weight is nOutputPlane × nInputPlane × kH × kW, bias nOutputPlane; `noBias()` drops the bias.
 * Runs as im2col + gemm per example (modules/convolutionCore.ts). Also exported as
 * SpatialConvolutionMM (Torch's older class of the same computation).
 * Ref: torch/nn SpatialConvolution.lua, SpatialConvolutionMM.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, convAccGrad, convForward, convGradInput, planeInput, resetUniform, type PlaneInput } from './convolutionCore.js';

export class SpatialConvolution extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  readonly padW: number;
  readonly padH: number;
  /** The examples' column matrices (B × nInputPlane·kH·kW × oH·oW) and the gradient's one. */
  finput = Tensor.empty();
  fgradInput = Tensor.empty();
  ones = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kW: number, readonly kH: number,
    readonly dW = 1, readonly dH = 1, padW = 0, padH = padW) {
    super();
    this.padW = padW;
    this.padH = padH;
    checkSizes(`${new.target.name}.constructor`, { nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH }, ['padW', 'padH']);
    this.weight = Tensor.zeros([nOutputPlane, nInputPlane, kH, kW]);
    this.gradWeight = Tensor.zeros([nOutputPlane, nInputPlane, kH, kW]);
    this.bias = Tensor.zeros([nOutputPlane]);
    this.gradBias = Tensor.zeros([nOutputPlane]);
    this.reset();
  }

  noBias(): this {
    this.bias = null;
    this.gradBias = null;
    return this;
  }

  /** U(−1/√(kW·kH·nInputPlane), …) unless stdv is given. */
  override reset(stdv?: number): this {
    resetUniform(stdv, 1 / Math.sqrt(this.kW * this.kH * this.nInputPlane), this.weight, this.bias);
    return this;
  }

  /** [dilationH, dilationW] (1, 1 here; SpatialDilatedConvolution's own). */
  protected dilation(): [number, number] {
    return [1, 1];
  }

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
    const [dilH, dilW] = this.dilation();
    return [p, convShape(this.where(method), this.nInputPlane, [1, H, W], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, this.padH, this.padW], [1, dilH, dilW])];
  }

  private weight2d(w: Tensor): Tensor {
    return w.view([this.nOutputPlane, this.nInputPlane * this.kH * this.kW]);
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    this.output.resize(batch ? [B, this.nOutputPlane, g.oH, g.oW] : [this.nOutputPlane, g.oH, g.oW]);
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

  /** Torch's `(nIn -> nOut, kWxkH[, dW,dH][, padW,padH])`. */
  protected describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.describe()})${this.bias ? '' : ' without bias'}`;
  }
}
