/**
 * nn.FeatureLPPooling(width, stride, power, batch_mode = false): LP pooling across the feature
 * dimension: y[f'] = (Σ_{i<width} x[f'·stride + i]^power)^(1/power), with f' < ⌊(F − width)/stride⌋ + 1
 * (no absolute value is taken, as Torch). width in 2..16, stride in 1..4. Input [F], [F, d1] or
 * [F, d1, d2]; with batch_mode a batch dimension first. Where y = 0 the gradient is 0.
 * Ref: torch/nn FeatureLPPooling.lua, THNN FeatureLPPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class FeatureLPPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly width: number, readonly stride: number, readonly power: number, readonly batch_mode = false) {
    super();
    if (!(Number.isInteger(width) && width >= 2 && width <= 16)) throw new ArgumentError(`FeatureLPPooling.constructor: expected width within 2 to 16, got ${width}`);
    if (!(Number.isInteger(stride) && stride >= 1 && stride <= 4)) throw new ArgumentError(`FeatureLPPooling.constructor: expected stride within 1 to 4, got ${stride}`);
  }

  /** [batches, F, inner, F'] of the input. */
  private dims(method: string, input: Tensor): [number, number, number, number] {
    const x = this.checkTensor(method, input, this.batch_mode ? [2, 3, 4] : [1, 2, 3]);
    const fd = this.batch_mode ? 1 : 0, F = x.size(fd), B = fd ? x.size(0) : 1, inner = x.numel() / Math.max(1, B * F);
    if (F < this.width) throw new ShapeError(`${this.where(method)}: expected at least width = ${this.width} features in dimension ${fd}, got input ${shapeStr(x.shape)}`);
    return [B, F, inner, Math.floor((F - this.width) / this.stride) + 1];
  }

  override updateOutput(input: Tensor): Tensor {
    const [B, F, inner, G] = this.dims('updateOutput', input), x = input.contiguous();
    const shape = x.shape.slice();
    shape[this.batch_mode ? 1 : 0] = G;
    this.output.resizeAs(x).resize(shape);
    const xd = x.data, yd = this.output.data, p = this.power;
    for (let b = 0; b < B; b++) {
      for (let g = 0; g < G; g++) {
        for (let r = 0; r < inner; r++) {
          let s = 0;
          for (let i = 0; i < this.width; i++) s += xd[x.offset + (b * F + g * this.stride + i) * inner + r]! ** p;
          yd[this.output.offset + (b * G + g) * inner + r] = s ** (1 / p);
        }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [B, F, inner, G] = this.dims('updateGradInput', input), x = input.contiguous();
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous(), y = this.output;
    this.gradInput.resizeAs(x);
    const gi = this.gradInput.data, o0 = this.gradInput.offset, p = this.power;
    gi.fill(0, o0, o0 + B * F * inner);
    for (let b = 0; b < B; b++) {
      for (let g = 0; g < G; g++) {
        for (let r = 0; r < inner; r++) {
          const o = (b * G + g) * inner + r, yv = y.data[y.offset + o]!, gv = go.data[go.offset + o]!;
          if (yv === 0) continue;
          for (let i = 0; i < this.width; i++) {
            const at = (b * F + g * this.stride + i) * inner + r;
            gi[o0 + at]! += gv * (x.data[x.offset + at]! / yv) ** (p - 1); // ∂y/∂x_i = (x_i / y)^(p−1)
          }
        }
      }
    }
    return this.gradInput;
  }

  override toString(): string {
    return `FeatureLPPooling(w${this.width} s${this.stride} power ${this.power} batch ${this.batch_mode ? 1 : 0})`;
  }
}
