/**
 * nn.SpatialDepthWiseConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW):
 * each input plane i is convolved on its own by nOutputPlane kernels (a depth multiplier), giving
 * (B ×) nInputPlane·nOutputPlane × oH × oW with output plane i·nOutputPlane + o from kernel (o, i).
 * weight is nOutputPlane × (nInputPlane·kH·kW) (Torch's layout: row o holds the kernels of every
 * input plane), bias nOutputPlane × nInputPlane; `noBias()` drops the bias. Per example one im2col,
 * then one gemm per input plane with the weight regrouped by plane.
 * Ref: torch/nn SpatialDepthWiseConvolution.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, checkSizes, columns, example, onesOf, planeInput, type PlaneInput } from './convolutionCore.js';
import { OptionalBiasConvolution } from './AbstractConvolution.js';

export class SpatialDepthWiseConvolution extends OptionalBiasConvolution {
  readonly padW: number;
  readonly padH: number;
  fgradInput = Tensor.empty();
  ones = Tensor.empty();
  /** The weight and bias regrouped by input plane (nInputPlane × nOutputPlane × kH·kW; nInputPlane·nOutputPlane), and their gradients'. */
  private byPlane = Tensor.empty();
  private biasByPlane = Tensor.empty();
  private gradByPlane = Tensor.empty();
  private gradBiasByPlane = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly nOutputPlane: number, readonly kW: number, readonly kH: number,
    readonly dW = 1, readonly dH = 1, padW = 0, padH = padW) {
    checkSizes('SpatialDepthWiseConvolution.constructor', { nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH }, ['padW', 'padH']);
    super([nOutputPlane, nInputPlane * kH * kW], [nOutputPlane, nInputPlane]);
    this.padW = padW;
    this.padH = padH;
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.kH * this.nInputPlane;
  }

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
    return [p, convShape(this.where(method), this.nInputPlane, [1, H, W], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, this.padH, this.padW])];
  }

  /** w (nOutputPlane × nInputPlane·k) as nOutputPlane × nInputPlane × k, its planes first. */
  private planesOf(w: Tensor): Tensor {
    return w.view([this.nOutputPlane, this.nInputPlane, this.kH * this.kW]).transpose(0, 1);
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const nIn = this.nInputPlane, nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.output.resize(batch ? [B, nIn * nOut, g.oH, g.oW] : [nIn * nOut, g.oH, g.oW]);
    const w = this.byPlane.resize([nIn, nOut, kk]).copy(this.planesOf(this.weight));
    if (this.bias) this.biasByPlane.resize([nIn, nOut]).copy(this.bias.t());
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, example(x, B, b), g), ob = example(this.output, B, b).view([nIn, nOut * L]);
      for (let i = 0; i < nIn; i++) k.gemm(ob.select(0, i), w.select(0, i), col.narrow(0, i * kk, kk), nOut, L, kk, false, false, 1, 0);
      if (this.bias) addBias(ob, this.biasByPlane, this.ones, nIn * nOut, L);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const nIn = this.nInputPlane, nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.gradInput.resize(input.shape);
    const w = this.byPlane.resize([nIn, nOut, kk]).copy(this.planesOf(this.weight));
    const gcol = this.fgradInput.resize([nIn * kk, L]);
    for (let b = 0; b < B; b++) {
      const gb = example(go, B, b).view([nIn, nOut * L]);
      for (let i = 0; i < nIn; i++) k.gemm(gcol.narrow(0, i * kk, kk), w.select(0, i), gb.select(0, i), kk, L, nOut, true, false, 1, 0);
      k.col2im(example(this.gradInput, B, b), gcol, g);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const nIn = this.nInputPlane, nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    const gw = this.gradByPlane.resize([nIn, nOut, kk]).fill(0), gbias = this.gradBiasByPlane.resize([nIn * nOut]).fill(0);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, example(x, B, b), g), gb = example(go, B, b).view([nIn, nOut * L]);
      for (let i = 0; i < nIn; i++) k.gemm(gw.select(0, i), gb.select(0, i), col.narrow(0, i * kk, kk), nOut, kk, L, false, true, 1, 1);
      if (this.gradBias) k.gemm(gbias, gb, onesOf(this.ones, L), nIn * nOut, 1, L, false, false, 1, 1);
    }
    // gradWeight (o, i, ·) += scale·gw (i, o, ·), gradBias (o, i) += scale·gbias (i, o)
    const gW = this.planesOf(this.gradWeight);
    gW.copy(gW.clone().add(scale, gw));
    if (this.gradBias) this.gradBias.t().copy(this.gradBias.t().clone().add(scale, gbias.view([nIn, nOut])));
  }

  protected override describe(): string {
    let s = `${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}`;
    if (this.dW !== 1 || this.dH !== 1 || this.padW !== 0 || this.padH !== 0) s += `, ${this.dW},${this.dH}`;
    if (this.padW !== 0 || this.padH !== 0) s += `, ${this.padW},${this.padH}`;
    return s;
  }
}
