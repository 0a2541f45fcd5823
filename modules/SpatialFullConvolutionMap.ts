/**
 * nn.SpatialFullConvolutionMap(connTable, kW, kH, dW = 1, dH = 1): the transposed (full)
 * convolution with a sparse plane connection table (nn.tables; rows (input plane, output plane),
 * 0-based): output plane o = bias[o] + Σ over rows (i, o) of input plane i spread through that
 * row's kernel. Input (B ×) nInputPlane × H × W, output (B ×) nOutputPlane × oH × oW,
 * oH = (H − 1)·dH + kH. weight is nConnections × kH × kW, bias nOutputPlane.
 * Ref: torch/nn SpatialFullConvolutionMap.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { convShape, transposedExtent, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, checkSizes, columns, connections, example, onesOf, planeInput, resetMap, type PlaneInput } from './convolutionCore.js';

export class SpatialFullConvolutionMap extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  readonly nInputPlane: number;
  readonly nOutputPlane: number;
  finput = Tensor.empty();
  ones = Tensor.empty();
  private readonly pairs: readonly (readonly [number, number])[];
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly connTable: Tensor, readonly kW: number, readonly kH: number, readonly dW = 1, readonly dH = 1) {
    super();
    checkSizes('SpatialFullConvolutionMap.constructor', { kW, kH, dW, dH });
    this.pairs = connections('SpatialFullConvolutionMap.constructor', connTable);
    this.nInputPlane = Math.max(...this.pairs.map((p) => p[0])) + 1;
    this.nOutputPlane = Math.max(...this.pairs.map((p) => p[1])) + 1;
    this.weight = Tensor.zeros([this.pairs.length, kH, kW]);
    this.gradWeight = Tensor.zeros([this.pairs.length, kH, kW]);
    this.bias = Tensor.zeros([this.nOutputPlane]);
    this.gradBias = Tensor.zeros([this.nOutputPlane]);
    this.reset();
  }

  /** As SpatialConvolutionMap's: per kernel and bias U(±1/√(kW·kH·fan-in of its output plane)) unless stdv is given. */
  override reset(stdv?: number): this {
    resetMap(stdv, this.pairs, this.kW * this.kH, this.weight, this.bias);
    return this;
  }

  /** The input, and the geometry of the output seen as the image of a convolution. */
  private shape(method: string, input: Tensor): [PlaneInput, ConvShape] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
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

  override toString(): string {
    return `SpatialFullConvolutionMap(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}, ${this.dW},${this.dH}, ${this.pairs.length} connections)`;
  }
}
