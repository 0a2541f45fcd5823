/**
 * nn.VolumetricFullConvolution(nInputPlane, nOutputPlane, kT, kW, kH, dT = 1, dW = 1, dH = 1,
 * padT = 0, padW = 0, padH = 0, adjT = 0, adjW = 0, adjH = 0): the transposed 3-D convolution of a
 * (B ×) nInputPlane × T × H × W input into (B ×) nOutputPlane × oT × oH × oW,
 * oT = (T − 1)·dT − 2·padT + kT + adjT (likewise oH, oW; each adj below its stride).
 * weight is nInputPlane × nOutputPlane × kT × kH × kW, bias nOutputPlane. Runs as gemm + col2vol.
 * Ref: torch/nn VolumetricFullConvolution.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';
import { convShape, transposedExtent, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, fullAccGrad, fullForward, fullGradInput, planeInput, resetUniform, type PlaneInput } from './convolutionCore.js';

export class VolumetricFullConvolution extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  finput = Tensor.empty();
  ones = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kT: number, readonly kW: number, readonly kH: number,
    readonly dT = 1, readonly dW = 1, readonly dH = 1, readonly padT = 0, readonly padW = 0, readonly padH = 0,
    readonly adjT = 0, readonly adjW = 0, readonly adjH = 0) {
    super();
    checkSizes('VolumetricFullConvolution.constructor', { nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, padT, padW, padH, adjT, adjW, adjH },
      ['padT', 'padW', 'padH', 'adjT', 'adjW', 'adjH']);
    if (adjT > dT - 1 || adjW > dW - 1 || adjH > dH - 1) {
      throw new ArgumentError(`VolumetricFullConvolution.constructor: expected adjT < dT, adjW < dW and adjH < dH, got adj ${adjT},${adjW},${adjH}, stride ${dT},${dW},${dH}`);
    }
    const shape = [nInputPlane, nOutputPlane, kT, kH, kW];
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

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 3, 'T, H, W');
    const [T, H, W] = p.extents as [number, number, number];
    const out: [number, number, number] = [transposedExtent(T, this.kT, this.dT, this.padT, this.adjT),
      transposedExtent(H, this.kH, this.dH, this.padH, this.adjH), transposedExtent(W, this.kW, this.dW, this.padW, this.adjW)];
    return [p, convShape(this.where(method), this.nOutputPlane, out, [this.kT, this.kH, this.kW], [this.dT, this.dH, this.dW], [this.padT, this.padH, this.padW])];
  }

  private weight2d(w: Tensor): Tensor {
    return w.view([this.nInputPlane, this.nOutputPlane * this.kT * this.kH * this.kW]);
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const size = [this.nOutputPlane, g.T, g.H, g.W];
    this.output.resize(batch ? [B, ...size] : size);
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
    return `VolumetricFullConvolution(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}, `
      + `${this.padT},${this.padW},${this.padH}, ${this.adjT},${this.adjW},${this.adjH})${this.bias ? '' : ' without bias'}`;
  }
}
