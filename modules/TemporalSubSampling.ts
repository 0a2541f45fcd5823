/**
 * nn.TemporalSubSampling(inputFrameSize, kW, dW = 1): per feature f, y[t, f] = bias[f] +
 * weight[f]·Σ_{k<kW} x[t·dW + k, f]. Input (T, inputFrameSize); output (⌊(T − kW)/dW⌋ + 1, inputFrameSize).
 * weight and bias U(−1/√kW, 1/√kW). The window sums gather frames with index/indexAdd (host-made
 * LongTensor rows), so that on the gpu backend every step is a kernel.
 * Ref: torch/nn TemporalSubSampling.lua, THNN TemporalSubSampling.c.
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
  /** The window sums and a product, oT × inputFrameSize. */
  private sums = Tensor.empty();
  private buffer = Tensor.empty();

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

  /** The rows k, k + dW, …, k + (oT − 1)·dW: the k-th frame of every window (a LongTensor). */
  private frames(k: number, oT: number): Tensor {
    return Tensor.from(Array.from({ length: oT }, (_, t) => t * this.dW + k), [oT], 'long');
  }

  /** S[t, f] = Σ_{k<kW} x[t·dW + k, f] (summed over k in order), into this.sums. */
  private windowSums(x: Tensor, oT: number): Tensor {
    const s = this.sums.resize([oT, this.inputFrameSize]);
    for (let k = 0; k < this.kW; k++) {
      const xk = x.index(0, this.frames(k, oT));
      if (k === 0) s.copy(xk);
      else s.add(xk);
    }
    return s;
  }

  /** v ⊙ weight, per row of v (oT × F). */
  private scaled(v: Tensor): Tensor {
    return this.buffer.resizeAs(v).cmul(v, this.weight.view(1, this.inputFrameSize).expandAs(v));
  }

  override updateOutput(input: Tensor): Tensor {
    const [, oT] = this.dims('updateOutput', input);
    const s = this.windowSums(input.contiguous(), oT);
    this.output.resize([oT, this.inputFrameSize]).copy(this.scaled(s)).add(this.bias.view(1, this.inputFrameSize).expandAs(s));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [, oT] = this.dims('updateGradInput', input);
    const v = this.scaled(this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous());
    this.gradInput.resizeAs(input).zero();
    // k downwards: each input frame receives its windows' terms in the order of t
    for (let k = this.kW - 1; k >= 0; k--) this.gradInput.indexAdd(0, this.frames(k, oT), v);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [, oT] = this.dims('accGradParameters', input), F = this.inputFrameSize;
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const s = this.windowSums(input.contiguous(), oT);
    this.gradWeight.add(scale, this.buffer.resizeAs(s).cmul(g, s).sum(0).view(F));
    this.gradBias.add(scale, g.sum(0).view(F));
  }

  override toString(): string {
    return `TemporalSubSampling(${this.inputFrameSize}, ${this.kW}, ${this.dW})`;
  }
}
