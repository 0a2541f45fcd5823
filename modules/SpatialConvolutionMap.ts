/**
 * nn.SpatialConvolutionMap(connTable, kW, kH, dW = 1, dH = 1): a convolution with a sparse plane
 * connection table (nn.tables; rows (input plane, output plane), 0-based): output plane o =
 * bias[o] + Σ over rows (i, o) of input plane i cross-correlated with that row's kernel. Input
 * (B ×) nInputPlane × H × W (nInputPlane = the largest input index + 1), output (B ×) nOutputPlane ×
 * oH × oW, oH = floor((H − kH)/dH) + 1. weight is nConnections × kH × kW, bias nOutputPlane.
 * Per example one im2col, then one product per connection.
 * Ref: torch/nn SpatialConvolutionMap.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, columns, example, onesOf, type PlaneInput } from './convolutionCore.js';
import { AbstractConvolutionMap } from './AbstractConvolutionMap.js';

export class SpatialConvolutionMap extends AbstractConvolutionMap {
  fgradInput = Tensor.empty();

  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const [p, H, W] = this.planes(method, input);
    return [p, convShape(this.where(method), this.nInputPlane, [1, H, W], [1, this.kH, this.kW], [1, this.dH, this.dW], [0, 0, 0])];
  }

  override updateOutput(input: Tensor): Tensor {
    const [{ x, B, batch }, g] = this.shape('updateOutput', input);
    const nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.output.resize(batch ? [B, nOut, g.oH, g.oW] : [nOut, g.oH, g.oW]);
    const w = this.weight.view([this.pairs.length, kk]);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, example(x, B, b), g), ob = example(this.output, B, b).view([nOut, L]);
      ob.fill(0);
      addBias(ob, this.bias, this.ones, nOut, L);
      this.pairs.forEach(([i, o], r) => k.gemm(ob.select(0, o), w.select(0, r), col.narrow(0, i * kk, kk), 1, L, kk, false, false, 1, 1));
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [{ B }, g] = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    this.gradInput.resize(input.shape);
    const w = this.weight.view([this.pairs.length, kk]), gcol = this.fgradInput.resize([this.nInputPlane * kk, L]);
    for (let b = 0; b < B; b++) {
      const gb = example(go, B, b).view([nOut, L]);
      gcol.fill(0);
      this.pairs.forEach(([i, o], r) => k.gemm(gcol.narrow(0, i * kk, kk), w.select(0, r), gb.select(0, o), kk, L, 1, true, false, 1, 1));
      k.col2im(example(this.gradInput, B, b), gcol, g);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [{ x, B }, g] = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const nOut = this.nOutputPlane, kk = this.kH * this.kW, L = g.oH * g.oW, k = backend();
    const gw = this.gradWeight.view([this.pairs.length, kk]);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, example(x, B, b), g), gb = example(go, B, b).view([nOut, L]);
      this.pairs.forEach(([i, o], r) => k.gemm(gw.select(0, r), gb.select(0, o), col.narrow(0, i * kk, kk), 1, kk, L, false, true, scale, 1));
      k.gemm(this.gradBias, gb, onesOf(this.ones, L), nOut, 1, L, false, false, scale, 1);
    }
  }
}
