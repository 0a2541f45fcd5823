/**
 * nn.SpatialFullConvolutionMap(connTable, kW, kH, dW = 1, dH = 1): the transposed (full)
 * convolution with a sparse plane connection table (nn.tables; rows (input plane, output plane),
 * 0-based): output plane o = bias[o] + Σ over rows (i, o) of input plane i spread through that
 * row's kernel. Input (B ×) nInputPlane × H × W, output (B ×) nOutputPlane × oH × oW,
 * oH = (H − 1)·dH + kH. weight is nConnections × kH × kW, bias nOutputPlane.
 * Ref: torch/nn SpatialFullConvolutionMap.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { convShape, transposedExtent, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, columns, example, onesOf, type PlaneInput } from './convolutionCore.js';
import { AbstractConvolutionMap } from './AbstractConvolutionMap.js';

export class SpatialFullConvolutionMap extends AbstractConvolutionMap {
  /** The input, and the geometry of the output seen as the image of a convolution. */
  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const [p, H, W] = this.planes(method, input);
    const out: [number, number, number] = [1, transposedExtent(H, this.kH, this.dH, 0, 0), transposedExtent(W, this.kW, this.dW, 0, 0)];
    return [p, convShape(this.where(method), this.nOutputPlane, out, [1, this.kH, this.kW], [1, this.dH, this.dW], [0, 0, 0])];
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const nIn = this.nInputPlane, nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.output.resize(batch ? [B, nOut, g.H, g.W] : [nOut, g.H, g.W]);
    const w = this.weight.view([this.pairs.length, kk]), col = this.finput.resize([nOut * kk, L]);
    for (let b = 0; b < B; b++) {
      const xb = example(x, B, b).view([nIn, L]), ob = example(this.output, B, b);
      col.fill(0);
      this.pairs.forEach(([i, o], r) => k.gemm(col.narrow(0, o * kk, kk), w.select(0, r), xb.select(0, i), kk, L, 1, true, false, 1, 1));
      k.col2im(ob, col, g);
      addBias(ob, this.bias, this.ones, nOut, g.H * g.W);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const nIn = this.nInputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.gradInput.resize(input.shape);
    const w = this.weight.view([this.pairs.length, kk]);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, example(go, B, b), g), gi = example(this.gradInput, B, b).view([nIn, L]);
      gi.fill(0);
      this.pairs.forEach(([i, o], r) => k.gemm(gi.select(0, i), w.select(0, r), col.narrow(0, o * kk, kk), 1, L, kk, false, false, 1, 1));
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const nIn = this.nInputPlane, nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, outL = g.H * g.W, k = backend();
    const gw = this.gradWeight.view([this.pairs.length, kk]);
    for (let b = 0; b < B; b++) {
      const gb = example(go, B, b), col = columns(this.finput, gb, g), xb = example(x, B, b).view([nIn, L]);
      this.pairs.forEach(([i, o], r) => k.gemm(gw.select(0, r), xb.select(0, i), col.narrow(0, o * kk, kk), 1, kk, L, false, true, scale, 1));
      k.gemm(this.gradBias, gb, onesOf(this.ones, outL), nOut, 1, outL, false, false, scale, 1);
    }
  }
}
