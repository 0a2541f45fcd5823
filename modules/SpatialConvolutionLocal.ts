/**
 * nn.SpatialConvolutionLocal(nInputPlane, nOutputPlane, iW, iH, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW):
 * a locally connected layer: a convolution whose kernels are not shared over positions (untied
 * weights), for inputs of exactly (B ×) nInputPlane × iH × iW; output (B ×) nOutputPlane × oH × oW,
 * oH = floor((iH + 2·padH − kH)/dH) + 1. weight is oH × oW × nOutputPlane × nInputPlane × kH × kW,
 * bias nOutputPlane × oH × oW. Per example one im2col, then one small product per output position.
 * Ref: torch/nn SpatialConvolutionLocal.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, columns, example, planeInput, type PlaneInput } from './convolutionCore.js';
import { AbstractConvolution } from './AbstractConvolution.js';

export class SpatialConvolutionLocal extends AbstractConvolution {
  declare bias: Tensor;
  declare gradBias: Tensor;
  readonly padW: number;
  readonly padH: number;
  readonly oW: number;
  readonly oH: number;
  fgradInput = Tensor.empty();
  /** An example's column matrix and output gradient, positions first (oH·oW × K; oH·oW × nOutputPlane). */
  private colT = Tensor.empty();
  private gradT = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly iW: number, readonly iH: number,
    readonly kW: number, readonly kH: number, readonly dW = 1, readonly dH = 1, padW = 0, padH = padW) {
    const where = 'SpatialConvolutionLocal.constructor';
    checkSizes(where, { nInputPlane, nOutputPlane, iW, iH, kW, kH, dW, dH, padW, padH }, ['padW', 'padH']);
    const g = convShape(where, nInputPlane, [1, iH, iW], [1, kH, kW], [1, dH, dW], [0, padH, padW]);
    super([g.oH, g.oW, nOutputPlane, nInputPlane, kH, kW], [nOutputPlane, g.oH, g.oW]);
    this.padW = padW;
    this.padH = padH;
    this.oW = g.oW;
    this.oH = g.oH;
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.kH * this.nInputPlane;
  }

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, `${this.iH}, ${this.iW}`);
    if (p.extents[0] !== this.iH || p.extents[1] !== this.iW) {
      throw new ShapeError(`${this.where(method)}: expected input of size [${this.nInputPlane}, ${this.iH}, ${this.iW}] or [B, ${this.nInputPlane}, ${this.iH}, ${this.iW}], got ${shapeStr(input.shape)}`);
    }
    return [p, convShape(this.where(method), this.nInputPlane, [1, this.iH, this.iW], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, this.padH, this.padW])];
  }

  private get K(): number {
    return this.nInputPlane * this.kH * this.kW;
  }

  /** colT = col_bᵀ (positions × K) for example b. */
  private positions(x: Tensor, B: number, b: number, g: ConvShape): Tensor {
    return this.colT.resize([this.oH * this.oW, this.K]).copy(columns(this.finput, example(x, B, b), g).t());
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const L = this.oH * this.oW, nOut = this.nOutputPlane, K = this.K, k = backend();
    this.output.resize(batch ? [B, nOut, this.oH, this.oW] : [nOut, this.oH, this.oW]);
    const w = this.weight.view([L, nOut, K]), outT = this.gradT.resize([L, nOut]);
    for (let b = 0; b < B; b++) {
      const colT = this.positions(x, B, b, g);
      for (let l = 0; l < L; l++) k.gemm(outT.select(0, l), w.select(0, l), colT.select(0, l), nOut, 1, K, false, false, 1, 0);
      k.axpby(example(this.output, B, b), 1, this.bias.view([nOut * L]), 1, outT.t().contiguous().view([nOut * L]));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const L = this.oH * this.oW, nOut = this.nOutputPlane, K = this.K, k = backend();
    this.gradInput.resize(input.shape);
    const w = this.weight.view([L, nOut, K]), gcT = this.colT.resize([L, K]);
    for (let b = 0; b < B; b++) {
      const gT = this.gradT.resize([L, nOut]).copy(example(go, B, b).view([nOut, L]).t());
      for (let l = 0; l < L; l++) k.gemm(gcT.select(0, l), w.select(0, l), gT.select(0, l), K, 1, nOut, true, false, 1, 0);
      k.col2im(example(this.gradInput, B, b), this.fgradInput.resize([K, L]).copy(gcT.t()), g);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const L = this.oH * this.oW, nOut = this.nOutputPlane, K = this.K, k = backend();
    const gw = this.gradWeight.view([L, nOut, K]);
    for (let b = 0; b < B; b++) {
      const colT = this.positions(x, B, b, g), gob = example(go, B, b);
      const gT = this.gradT.resize([L, nOut]).copy(gob.view([nOut, L]).t());
      for (let l = 0; l < L; l++) k.gemm(gw.select(0, l), gT.select(0, l), colT.select(0, l), nOut, K, 1, false, false, scale, 1);
      k.axpby(this.gradBias, 1, this.gradBias, scale, gob.view(this.gradBias.shape));
    }
  }

  override toString(): string {
    return `SpatialConvolutionLocal(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.iW}x${this.iH}, ${this.kW}x${this.kH}, ${this.dW},${this.dH}, ${this.padW},${this.padH})`;
  }
}
