/**
 * nn.Normalize(p, eps = 1e-10): each row of a (B, K) input, or a (K) input, divided by its p-norm:
 * y = x / ‖x‖_p with ‖x‖_p = (Σ|x_k|^p + eps)^(1/p), or max_k |x_k| + eps for p = Infinity (its
 * positions kept in the input's type, so that on the gpu backend they stay on the device).
 * Ref: torch/nn Normalize.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';

export class Normalize extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _output = Tensor.empty();
  private _gradInput = Tensor.empty();
  /** Row norms (B, 1), Σ|x|^p + eps (B, 1), and work buffers. */
  private norm = Tensor.empty();
  private normp = Tensor.empty();
  private buffer = Tensor.empty();
  private buffer2 = Tensor.empty();
  private cross = Tensor.empty();
  /** The position of each row's largest |x| (p = Infinity), in the input's type. */
  private _indices = Tensor.empty();

  constructor(readonly p: number, readonly eps = 1e-10) {
    super();
    if (!(p > 0)) throw new ArgumentError(`Normalize.constructor: expected a norm p > 0, got ${p}`);
  }

  private rows(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [1, 2]).contiguous();
    if (this.buffer.dtype !== x.dtype) this.type(x.dtype);
    return x.dim() === 1 ? x.view(1, -1) : x;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.rows('updateOutput', input);
    if (this.p === Infinity) {
      this.buffer.resizeAs(x).abs(x);
      const [B, K] = x.shape as [number, number];
      backend().argReduceDim(this.norm.resize(B, 1), this._indices.resize(B, 1), this.buffer, B, K, 1, true);
      this.norm.add(this.eps);
    } else {
      this.buffer.resizeAs(x).abs(x).pow(this.p);
      this.normp.sum(this.buffer, 1).add(this.eps);
      this.norm.pow(this.normp, 1 / this.p);
    }
    this._output.resizeAs(x).cdiv(x, this.norm.expandAs(x));
    return this.output.setView(this._output, input.shape);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.rows('updateGradInput', input);
    const g0 = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (this.norm.size(0) !== x.size(0)) throw new ShapeError(`${this.where('updateGradInput')}: expected input ${shapeStr(this.output.shape)} as in forward, got ${shapeStr(input.shape)}`);
    const g = g0.contiguous().view(x.shape), p = this.p;
    const gi = this._gradInput.resizeAs(x), buf = this.buffer.resizeAs(x);
    // ∂y_j/∂x_k = δ_jk/‖x‖ − x_j·∂‖x‖/∂x_k/‖x‖², with ∂‖x‖/∂x_k = ‖x‖·x_k|x_k|^(p−2)/normp (finite p) or sign at the argmax (p = ∞)
    if (p === Infinity) {
      gi.cmul(this.norm.expandAs(x), g);
      buf.zero();
      const [B, K] = x.shape as [number, number];
      backend().gather(this.cross.resize(B, 1), x, this._indices, B, K, 1, 1);
      backend().scatter(buf, this.cross.cdiv(this.norm), 0, this._indices, B, K, 1, 1, false);
    } else {
      gi.cmul(this.normp.expandAs(x), g);
      if (p === 2) buf.copy(x);
      else if (p % 2 !== 0) buf.abs(x).add(p < 2 ? this.eps : 0).pow(p - 2).cmul(x);
      else buf.pow(x, p - 2).cmul(x);
    }
    this.buffer2.resizeAs(x).cmul(x, g);
    this.cross.sum(this.buffer2, 1);
    buf.cmul(this.cross.expandAs(buf));
    gi.add(-1, buf);
    this.cross.cmul(p === Infinity ? this.norm : this.normp, this.norm);
    gi.cdiv(this.cross.expandAs(gi));
    return this.gradInput.setView(gi, input.shape);
  }

  override toString(): string {
    return `Normalize(${this.p})`;
  }
}
