/**
 * nn.TemporalSubSampling(inputFrameSize, kW, dW = 1): per feature f, y[t, f] = bias[f] +
 * weight[f]·Σ_{k<kW} x[t·dW + k, f]. Input (T, inputFrameSize); output (⌊(T − kW)/dW⌋ + 1, inputFrameSize).
 * weight and bias U(−1/√kW, 1/√kW). Ref: torch/nn TemporalSubSampling.lua, THNN TemporalSubSampling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class TemporalSubSampling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  weight: Tensor;
  bias: Tensor;
  gradWeight: Tensor;
  gradBias: Tensor;

  constructor(readonly inputFrameSize: number, readonly kW: number, readonly dW = 1) {
    super();
    if (![inputFrameSize, kW, dW].every((v) => Number.isInteger(v) && v > 0)) {
      throw new ArgumentError(`TemporalSubSampling.constructor: expected positive integers, got ${inputFrameSize}, ${kW}, ${dW}`);
    }
    [this.weight, this.bias, this.gradWeight, this.gradBias] = [0, 1, 2, 3].map(() => Tensor.zeros([inputFrameSize])) as [Tensor, Tensor, Tensor, Tensor];
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.kW);
    for (const t of [this.weight, this.bias]) { // on the host, where the loops read them (the js kernel's order)
      for (let i = 0; i < this.inputFrameSize; i++) t.data[t.offset + i * t.stride(0)] = rng.uniform(-s, s);
    }
    return this;
  }

  /** [T, oT] after checking the input. */
  private dims(method: string, input: Tensor): [number, number] {
    const x = this.checkTensor(method, input, [2]), T = x.size(0);
    if (x.size(1) !== this.inputFrameSize || T < this.kW) {
      throw new ShapeError(`${this.where(method)}: expected input of size [T ≥ ${this.kW}, ${this.inputFrameSize}], got ${shapeStr(x.shape)}`);
    }
    return [T, Math.floor((T - this.kW) / this.dW) + 1];
  }

  /** Σ_{k<kW} x[t·dW + k, f]. */
  private windowSum(xd: ArrayLike<number>, xo: number, t: number, f: number): number {
    const F = this.inputFrameSize;
    let s = 0;
    for (let k = 0; k < this.kW; k++) s += xd[xo + (t * this.dW + k) * F + f]!;
    return s;
  }

  override updateOutput(input: Tensor): Tensor {
    const [, oT] = this.dims('updateOutput', input), x = input.contiguous(), F = this.inputFrameSize;
    this.output.resizeAs(x).resize([oT, F]);
    const yd = this.output.data, w = this.weight.contiguous(), b = this.bias.contiguous();
    for (let t = 0; t < oT; t++) {
      for (let f = 0; f < F; f++) yd[this.output.offset + t * F + f] = b.data[b.offset + f]! + w.data[w.offset + f]! * this.windowSum(x.data, x.offset, t, f);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [T, oT] = this.dims('updateGradInput', input), F = this.inputFrameSize;
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous(), w = this.weight.contiguous();
    this.gradInput.resizeAs(input);
    const gi = this.gradInput.data, o = this.gradInput.offset;
    gi.fill(0, o, o + T * F);
    for (let t = 0; t < oT; t++) {
      for (let f = 0; f < F; f++) {
        const v = w.data[w.offset + f]! * g.data[g.offset + t * F + f]!;
        for (let k = 0; k < this.kW; k++) gi[o + (t * this.dW + k) * F + f]! += v;
      }
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [, oT] = this.dims('accGradParameters', input), x = input.contiguous(), F = this.inputFrameSize;
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const gw = this.gradWeight, gb = this.gradBias;
    for (let f = 0; f < F; f++) {
      let sw = 0, sb = 0;
      for (let t = 0; t < oT; t++) {
        const v = g.data[g.offset + t * F + f]!;
        sw += v * this.windowSum(x.data, x.offset, t, f);
        sb += v;
      }
      gw.data[gw.offset + f * gw.stride(0)]! += scale * sw;
      gb.data[gb.offset + f * gb.stride(0)]! += scale * sb;
    }
  }

  override toString(): string {
    return `TemporalSubSampling(${this.inputFrameSize}, ${this.kW}, ${this.dW})`;
  }
}
