/**
 * nn.SpatialSoftMax: the softmax over the feature planes at every position: y[c, i, j] =
 * exp(x[c, i, j]) / Σ_c' exp(x[c', i, j]). Input (C, H, W) or (B, C, H, W) (also (N) and (B, N), as
 * SoftMax). Also the functions SpatialLogSoftMax shares. Ref: torch/nn SpatialSoftMax.lua, THNN SoftMax.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

/** [outer, C, inner] of THNN's SoftMax: the feature dim is 0 for 1-D and 3-D input, 1 for 2-D and 4-D. */
function blocks(x: Tensor): [number, number, number] {
  const fd = x.dim() === 1 || x.dim() === 3 ? 0 : 1, C = x.size(fd), outer = fd === 1 ? x.size(0) : 1;
  return [outer, C, x.numel() / Math.max(1, outer * C)];
}

/** A contiguous outer × inner × C copy of an outer × C × inner tensor (the feature dim last). */
function featuresLast(t: Tensor, [outer, C, inner]: [number, number, number]): Tensor {
  return inner === 1 ? t : t.view(outer, C, inner).transpose(1, 2).contiguous();
}

/** out (outer × C × inner) ← r (outer × inner × C) when features were moved last. */
function featuresBack(out: Tensor, r: Tensor, [outer, C, inner]: [number, number, number]): void {
  if (r !== out) out.view(outer, C, inner).copy(r.view(outer, inner, C).transpose(1, 2));
}

/**
 * Softmax (or log-softmax) over the middle dim of outer × C × inner: the rows kernels on the
 * features moved last (a transposed copy when inner > 1), so every backend runs its kernels.
 */
export function featureSoftMax(out: Tensor, x: Tensor, log: boolean): void {
  const b = blocks(x), [outer, C, inner] = b, rows = outer * inner;
  const xt = featuresLast(x, b), r = inner === 1 ? out : Tensor.zeros([rows, C], x.dtype);
  if (log) backend().logSoftmax(r, xt, rows, C);
  else backend().softmax(r, xt, rows, C);
  featuresBack(out, r, b);
}

/** softmax: gx = y ⊙ (g − Σ g ⊙ y); log-softmax: gx = g − exp(y)·Σ g. */
export function featureSoftMaxBackward(gradIn: Tensor, y: Tensor, g: Tensor, log: boolean): void {
  const b = blocks(y), [outer, C, inner] = b, rows = outer * inner;
  const yt = featuresLast(y, b), gt = featuresLast(g, b), r = inner === 1 ? gradIn : Tensor.zeros([rows, C], y.dtype);
  if (log) backend().logSoftmaxBackward(r, yt, gt, rows, C);
  else backend().softmaxBackward(r, yt, gt, rows, C);
  featuresBack(gradIn, r, b);
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
