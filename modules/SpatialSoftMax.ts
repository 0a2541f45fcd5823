/**
 * nn.SpatialSoftMax: the softmax over the feature planes at every position: y[c, i, j] =
 * exp(x[c, i, j]) / Σ_c' exp(x[c', i, j]). Input (C, H, W) or (B, C, H, W) (also (N) and (B, N), as
 * SoftMax). Also the loop SpatialLogSoftMax shares. Ref: torch/nn SpatialSoftMax.lua, THNN SoftMax.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';

/** [outer, C, inner] of THNN's SoftMax: the feature dim is 0 for 1-D and 3-D input, 1 for 2-D and 4-D. */
function blocks(x: Tensor): [number, number, number] {
  const fd = x.dim() === 1 || x.dim() === 3 ? 0 : 1, C = x.size(fd), outer = fd === 1 ? x.size(0) : 1;
  return [outer, C, x.numel() / Math.max(1, outer * C)];
}

/** Softmax (or log-softmax) over the middle dim of outer × C × inner; backward from the output y. */
export function featureSoftMax(out: Tensor, x: Tensor, log: boolean): void {
  const [outer, C, inner] = blocks(x), xd = x.data, od = out.data;
  for (let b = 0; b < outer; b++) {
    for (let r = 0; r < inner; r++) {
      const base = b * C * inner + r;
      let mx = -Infinity, s = 0;
      for (let c = 0; c < C; c++) mx = Math.max(mx, xd[x.offset + base + c * inner]!);
      for (let c = 0; c < C; c++) s += Math.exp(xd[x.offset + base + c * inner]! - mx);
      const lse = mx + Math.log(s);
      for (let c = 0; c < C; c++) {
        const v = xd[x.offset + base + c * inner]! - lse;
        od[out.offset + base + c * inner] = log ? v : Math.exp(v);
      }
    }
  }
}

/** softmax: gx = y ⊙ (g − Σ g ⊙ y); log-softmax: gx = g − exp(y)·Σ g. */
export function featureSoftMaxBackward(gradIn: Tensor, y: Tensor, g: Tensor, log: boolean): void {
  const [outer, C, inner] = blocks(y), yd = y.data, gd = g.data, gi = gradIn.data;
  for (let b = 0; b < outer; b++) {
    for (let r = 0; r < inner; r++) {
      const base = b * C * inner + r;
      let s = 0;
      for (let c = 0; c < C; c++) {
        const k = base + c * inner;
        s += log ? gd[g.offset + k]! : gd[g.offset + k]! * yd[y.offset + k]!;
      }
      for (let c = 0; c < C; c++) {
        const k = base + c * inner, yv = yd[y.offset + k]!, gv = gd[g.offset + k]!;
        gi[gradIn.offset + k] = log ? gv - Math.exp(yv) * s : yv * (gv - s);
      }
    }
  }
}

export class SpatialSoftMax extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  protected readonly log: boolean = false;

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4]).contiguous();
    this.output.resizeAs(x);
    featureSoftMax(this.output, x, this.log);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2, 3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resizeAs(x);
    featureSoftMaxBackward(this.gradInput, this.output, g, this.log);
    return this.gradInput;
  }
}
