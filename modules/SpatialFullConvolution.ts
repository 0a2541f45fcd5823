/**
 * nn.SpatialFullConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = 0,
 * adjW = 0, adjH = 0): the transposed convolution (the gradient of SpatialConvolution with respect to
 * its input) of a (B ×) nInputPlane × H × W input into (B ×) nOutputPlane × oH × oW,
 * oH = (H − 1)·dH − 2·padH + kH + adjH (likewise oW); adjW < dW and adjH < dH pick among the
 * output sizes that a stride-d convolution maps back to H × W. weight is nInputPlane × nOutputPlane
 * × kH × kW, bias nOutputPlane; `noBias()` drops the bias. Runs as gemm + col2im per example.
 * Ref: torch/nn SpatialFullConvolution.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';
import { convShape, transposedExtent, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, fullAccGrad, fullForward, fullGradInput, planeInput, resetUniform, type PlaneInput } from './convolutionCore.js';

export class SpatialFullConvolution extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  /** One example's column matrix (nOutputPlane·kH·kW × H·W). */
  finput = Tensor.empty();
  ones = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kW: number, readonly kH: number,
    readonly dW = 1, readonly dH = 1, readonly padW = 0, readonly padH = 0, readonly adjW = 0, readonly adjH = 0) {
    super();
    checkSizes('SpatialFullConvolution.constructor', { nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, adjW, adjH }, ['padW', 'padH', 'adjW', 'adjH']);
    if (adjW > dW - 1 || adjH > dH - 1) {
      throw new ArgumentError(`SpatialFullConvolution.constructor: expected adjW < dW and adjH < dH, got adjW ${adjW}, dW ${dW}, adjH ${adjH}, dH ${dH}`);
    }
    this.weight = Tensor.zeros([nInputPlane, nOutputPlane, kH, kW]);
    this.gradWeight = Tensor.zeros([nInputPlane, nOutputPlane, kH, kW]);
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

  /** The input, and the geometry of the output seen as the image of a convolution. */
  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
    const oH = transposedExtent(H, this.kH, this.dH, this.padH, this.adjH), oW = transposedExtent(W, this.kW, this.dW, this.padW, this.adjW);
    return [p, convShape(this.where(method), this.nOutputPlane, [1, oH, oW], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, this.padH, this.padW])];
  }

  private weight2d(w: Tensor): Tensor {
    return w.view([this.nInputPlane, this.nOutputPlane * this.kH * this.kW]);
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    this.output.resize(batch ? [B, this.nOutputPlane, g.H, g.W] : [this.nOutputPlane, g.H, g.W]);
    fullForward(g, B, x, this.output, this.weight2d(this.weight), this.bias, this.finput, this.ones, this.nInputPlane);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resize(input.shape);
    fullGradInput(g, B, go, this.gradInput, this.weight2d(this.weight), this.finput, this.nInputPlane);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    fullAccGrad(g, B, x, go, this.weight2d(this.gradWeight), this.gradBias, this.finput, this.ones, this.nInputPlane, scale);
  }

  override toString(): string {
    let s = `SpatialFullConvolution(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0 || this.adjW !== 0 || this.adjH !== 0) s += `, ${this.padW},${this.padH}`;
    if (this.adjW !== 0 || this.adjH !== 0) s += `, ${this.adjW},${this.adjH}`;
    return `${s})${this.bias ? '' : ' without bias'}`;
  }
}
