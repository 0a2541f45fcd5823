/**
 * nn.SpatialSubSampling(nInputPlane, kW, kH, dW = 1, dH = 1): per plane, the sum over each kW × kH
 * window times a trainable weight, plus a bias: out[c] = weight[c]·Σ_window x[c] + bias[c].
 * Input (B ×) nInputPlane × H × W, output (B ×) nInputPlane × oH × oW, oH = floor((H − kH)/dH) + 1.
 * weight and bias are nInputPlane. Per example one im2col, a sum over each window's column, and
 * one product per plane for the gradient.
 * Ref: torch/nn SpatialSubSampling.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, checkSizes, columns, example, onesOf, planeInput, type PlaneInput } from './convolutionCore.js';
import { AbstractConvolution } from './AbstractConvolution.js';

export class SpatialSubSampling extends AbstractConvolution {
  declare bias: Tensor;
  declare gradBias: Tensor;
  fgradInput = Tensor.empty();
  ones = Tensor.empty();
  /** The window sums (nInputPlane × oH·oW) and a product buffer of that size. */
  private sums = Tensor.empty();
  private scaled = Tensor.empty();

  constructor(readonly nInputPlane: number, readonly kW: number, readonly kH: number, readonly dW = 1, readonly dH = 1) {
    checkSizes('SpatialSubSampling.constructor', { nInputPlane, kW, kH, dW, dH });
    super([nInputPlane], [nInputPlane]);
    this.reset();
  }

  /** kW·kH: each weight scales one window's sum. */
  protected override fanIn(): number {
    return this.kW * this.kH;
  }

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
    return [p, convShape(this.where(method), this.nInputPlane, [1, H, W], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, 0, 0])];
  }

  /** sums (C × L) = Σ over each window of example b. */
  private windowSums(x: Tensor, B: number, b: number, g: ConvShape): Tensor {
    const C = this.nInputPlane, kk = this.kH * this.kW, L = g.oH * g.oW;
    backend().reduceDim(this.sums.resize([C, L]), columns(this.finput, example(x, B, b), g), C, kk, L, 'sum', 0);
    return this.sums;
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const C = this.nInputPlane, L = g.oH * g.oW, k = backend();
    this.output.resize(batch ? [B, C, g.oH, g.oW] : [C, g.oH, g.oW]);
    for (let b = 0; b < B; b++) {
      const ob = example(this.output, B, b);
      k.scaleRows(ob, this.windowSums(x, B, b, g), this.weight, C, L);
      addBias(ob, this.bias, this.ones, C, L);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const C = this.nInputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.gradInput.resize(input.shape);
    const gcol = this.fgradInput.resize([C * kk, L]), sg = this.scaled.resize([C, L]), ones = onesOf(this.ones, Math.max(kk, L));
    for (let b = 0; b < B; b++) {
      k.scaleRows(sg, example(go, B, b), this.weight, C, L);
      // every window position of plane c receives weight[c]·gradOutput[c]: ones (kk × 1) · sg[c] (1 × L)
      for (let c = 0; c < C; c++) k.gemm(gcol.narrow(0, c * kk, kk), ones, sg.select(0, c), kk, L, 1, false, false, 1, 0);
      k.col2im(example(this.gradInput, B, b), gcol, g);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const C = this.nInputPlane, L = g.oH * g.oW, k = backend();
    for (let b = 0; b < B; b++) {
      const gb = example(go, B, b), p = this.scaled.resize([C, L]);
      k.cmul(p, gb, this.windowSums(x, B, b, g));
      const ones = onesOf(this.ones, L);
      k.gemm(this.gradWeight, p, ones, C, 1, L, false, false, scale, 1); // dw[c] += Σ_l gradOutput·sums
      k.gemm(this.gradBias, gb, ones, C, 1, L, false, false, scale, 1);
    }
  }

  override toString(): string {
    return `SpatialSubSampling(${this.nInputPlane}, ${this.kW}x${this.kH}, ${this.dW},${this.dH})`;
  }
}
