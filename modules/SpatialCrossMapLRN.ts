/**
 * nn.SpatialCrossMapLRN(size, alpha = 1e-4, beta = 0.75, k = 1): local response normalisation across
 * feature maps (AlexNet): y_c = x_c · s_c^(−beta), s_c = k + alpha/size · Σ_{c' ∈ W(c)} x_{c'}², with
 * W(c) the `size` maps from c − ⌊(size − 1)/2⌋ on, clipped at the ends (centred for odd sizes; an even size
 * takes the window of Torch's CUDA kernel, which its CPU code cannot run).
 * Input (C, H, W) or (B, C, H, W). `scale` keeps s. Ref: torch/nn SpatialCrossMapLRN.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class SpatialCrossMapLRN extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  scale = Tensor.empty();

  constructor(readonly size: number, readonly alpha = 0.0001, readonly beta = 0.75, readonly k = 1) {
    super();
    if (!(Number.isInteger(size) && size > 0)) throw new ArgumentError(`SpatialCrossMapLRN.constructor: expected a positive integer size, got ${size}`);
  }

  /** [batches, C, H·W]. */
  private dims(x: Tensor): [number, number, number] {
    const B = x.dim() === 4 ? x.size(0) : 1, C = x.size(-3);
    return [B, C, x.size(-1) * x.size(-2)];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous(), [B, C, n] = this.dims(x), pre = Math.floor((this.size - 1) / 2);
    this.output.resizeAs(x);
    this.scale.resizeAs(x);
    const xd = x.data, sd = this.scale.data, yd = this.output.data, so = this.scale.offset, f = this.alpha / this.size;
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < C; c++) {
        const lo = Math.max(0, c - pre), hi = Math.min(C - 1, c - pre + this.size - 1), at = (b * C + c) * n;
        for (let p = 0; p < n; p++) {
          let s = 0;
          for (let j = lo; j <= hi; j++) { const v = xd[x.offset + (b * C + j) * n + p]!; s += v * v; }
          const sc = this.k + f * s;
          sd[so + at + p] = sc;
          yd[this.output.offset + at + p] = xd[x.offset + at + p]! * sc ** -this.beta;
        }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]).contiguous(), [B, C, n] = this.dims(x), pre = Math.floor((this.size - 1) / 2);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!this.scale.sameShape(x)) throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size ${shapeStr(this.scale.shape)}, got ${shapeStr(x.shape)}`);
    this.gradInput.resizeAs(x);
    const xd = x.data, sd = this.scale.data, yd = this.output.data, gd = g.data, gi = this.gradInput.data, f = (2 * this.alpha * this.beta) / this.size;
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < C; i++) {
        // channels c whose window holds i: c − pre ≤ i ≤ c − pre + size − 1
        const lo = Math.max(0, i - (this.size - 1 - pre)), hi = Math.min(C - 1, i + pre), at = (b * C + i) * n;
        for (let p = 0; p < n; p++) {
          let r = 0;
          for (let c = lo; c <= hi; c++) {
            const q = (b * C + c) * n + p;
            r += (gd[g.offset + q]! * yd[this.output.offset + q]!) / sd[this.scale.offset + q]!;
          }
          const q = at + p; // ∂L/∂x_i = g_i·s_i^(−β) − 2αβ/size · x_i · Σ_c g_c·y_c/s_c
          gi[this.gradInput.offset + q] = gd[g.offset + q]! * sd[this.scale.offset + q]! ** -this.beta - f * xd[x.offset + q]! * r;
        }
      }
    }
    return this.gradInput;
  }

  override clearState(): this {
    this.scale = Tensor.empty(this.scale.dtype);
    return super.clearState();
  }

  override toString(): string {
    return `SpatialCrossMapLRN(${this.size}, ${this.alpha}, ${this.beta}, ${this.k})`;
  }
}
