/**
 * nn.TemporalMaxPooling(kW, dW = kW): the maximum over time of every kW-frame window (stride dW),
 * per feature. Input (T, F) or (B, T, F); output (oT, F) or (B, oT, F) with oT = ⌊(T − kW)/dW⌋ + 1.
 * `indices` (the output's shape) holds each maximum's frame offset within its window, 0-based (as
 * Torch's). Ref: torch/nn TemporalMaxPooling.lua, THNN TemporalMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class TemporalMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly dW: number;
  indices = Tensor.empty('long');

  constructor(readonly kW: number, dW?: number) {
    super();
    this.dW = dW ?? kW;
    if (!(Number.isInteger(kW) && Number.isInteger(this.dW) && kW > 0 && this.dW > 0)) {
      throw new ArgumentError(`TemporalMaxPooling.constructor: expected positive integer kW and dW, got ${kW}, ${this.dW}`);
    }
  }

  /** [batches, T, F, oT]. */
  private dims(method: string, x: Tensor): [number, number, number, number] {
    const B = x.dim() === 3 ? x.size(0) : 1, T = x.size(-2), F = x.size(-1);
    if (T < this.kW) throw new ShapeError(`${this.where(method)}: expected at least kW = ${this.kW} frames, got input ${shapeStr(x.shape)}`);
    return [B, T, F, Math.floor((T - this.kW) / this.dW) + 1];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [2, 3]).contiguous();
    const [B, T, F, oT] = this.dims('updateOutput', x), shape = x.dim() === 3 ? [B, oT, F] : [oT, F];
    this.output.resizeAs(x).resize(shape);
    this.indices.resize(shape);
    const xd = x.data, yd = this.output.data, id = this.indices.data, yo = this.output.offset, io = this.indices.offset;
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < oT; t++) {
        const o = (b * oT + t) * F, start = x.offset + (b * T + t * this.dW) * F;
        for (let f = 0; f < F; f++) {
          let best = -Infinity, at = -1;
          for (let k = 0; k < this.kW; k++) {
            const v = xd[start + k * F + f]!;
            if (v > best || at < 0) { best = v; at = k; }
          }
          yd[yo + o + f] = best;
          id[io + o + f] = at;
        }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [2, 3]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [B, T, F, oT] = this.dims('updateGradInput', x);
    if (this.indices.numel() !== B * oT * F) throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    this.gradInput.resizeAs(x);
    const gi = this.gradInput.data, gd = g.data, id = this.indices.data, gio = this.gradInput.offset;
    gi.fill(0, gio, gio + B * T * F);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < oT; t++) {
        const o = (b * oT + t) * F, start = gio + (b * T + t * this.dW) * F;
        for (let f = 0; f < F; f++) gi[start + id[this.indices.offset + o + f]! * F + f]! += gd[g.offset + o + f]!;
      }
    }
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    return super.clearState();
  }

  override toString(): string {
    return `TemporalMaxPooling(${this.kW}, ${this.dW})`;
  }
}
