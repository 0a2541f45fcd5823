/**
 * nn.TemporalDynamicKMaxPooling(minK, factor = 0): dynamic k-max pooling (Kalchbrenner et al. 2014):
 * per feature, the k largest values over time, kept in their time order, with
 * k = max(minK, ⌈factor·T⌉). Input (T, F) or (B, T, F); output (k, F) or (B, k, F). `indices` holds the
 * chosen 0-based frames (Torch's are 1-based); ties go to the earlier frame.
 * Ref: torch/nn TemporalDynamicKMaxPooling.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class TemporalDynamicKMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');

  constructor(readonly minK: number, readonly factor = 0) {
    super();
    if (!(Number.isInteger(minK) && minK > 0 && factor >= 0)) {
      throw new ArgumentError(`TemporalDynamicKMaxPooling.constructor: expected a positive integer minK and factor ≥ 0, got ${minK}, ${factor}`);
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [2, 3]).contiguous();
    const B = x.dim() === 3 ? x.size(0) : 1, T = x.size(-2), F = x.size(-1), k = Math.max(this.minK, Math.ceil(this.factor * T));
    if (T < k) throw new ShapeError(`${this.where('updateOutput')}: input sequence length ${T} is too small for k = ${k} (input ${shapeStr(x.shape)})`);
    const shape = x.dim() === 3 ? [B, k, F] : [k, F];
    this.output.resizeAs(x).resize(shape);
    this.indices.resize(shape);
    const xd = x.data, yd = this.output.data, id = this.indices.data, order = Array.from({ length: T }, (_, i) => i);
    for (let b = 0; b < B; b++) {
      for (let f = 0; f < F; f++) {
        const at = (t: number) => xd[x.offset + (b * T + t) * F + f]!;
        order.sort((p, q) => at(q) - at(p) || p - q);
        const top = order.slice(0, k).sort((p, q) => p - q);
        for (let j = 0; j < k; j++) {
          const o = (b * k + j) * F + f;
          id[this.indices.offset + o] = top[j]!;
          yd[this.output.offset + o] = at(top[j]!);
        }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [2, 3]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const B = x.dim() === 3 ? x.size(0) : 1, T = x.size(-2), F = x.size(-1), k = this.indices.size(-2);
    if (this.indices.numel() !== B * k * F || this.indices.size(-1) !== F) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    const gi = this.gradInput.data, o0 = this.gradInput.offset, id = this.indices.data;
    gi.fill(0, o0, o0 + B * T * F);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < k; j++) {
        for (let f = 0; f < F; f++) {
          const o = (b * k + j) * F + f;
          gi[o0 + (b * T + id[this.indices.offset + o]!) * F + f]! += g.data[g.offset + o]!;
        }
      }
    }
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    return super.clearState();
  }

  override toString(): string {
    return `TemporalDynamicKMaxPooling(${this.minK}, ${this.factor})`;
  }
}
