/**
 * nn.CosineDistance: input `[a, b]` of (B, K) (or (K)), y[n] = ⟨a_n, b_n⟩ / (‖a_n‖·‖b_n‖): the
 * cosine similarity of each pair of rows, (B) (or (1)); the squared norms get 1e-12 added.
 * Ref: torch/nn CosineDistance.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { rowPair } from './tensorPair.js';

const EPSILON = 1e-12;

export class CosineDistance extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];
  /** Per row: w1 = ⟨a, b⟩, w22 = 1/‖a‖², w32 = 1/‖b‖², w = 1/(‖a‖·‖b‖); each (B, 1). */
  private buffer = Tensor.empty();
  private w1 = Tensor.empty();
  private w22 = Tensor.empty();
  private w32 = Tensor.empty();
  private w = Tensor.empty();

  override updateOutput(input: Activity): Tensor {
    const [a, b] = rowPair(this.where('updateOutput'), input, true);
    if (this.buffer.dtype !== a.dtype) this.type(a.dtype);
    this.buffer.resizeAs(a).cmul(a, b);
    this.w1.sum(this.buffer, 1);
    this.buffer.cmul(a, a);
    this.w22.sum(this.buffer, 1).add(EPSILON).cinv();
    this.buffer.cmul(b, b);
    this.w32.sum(this.buffer, 1).add(EPSILON).cinv();
    this.w.resizeAs(this.w22).cmul(this.w22, this.w32).sqrt();
    this.output.resizeAs(this.w1).cmul(this.w1, this.w);
    return this.output.resize(a.size(0));
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b] = rowPair(this.where('updateGradInput'), input, true);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [ga, gb] = this.gradInput, shape = (input as readonly Tensor[])[0]!.shape;
    const go = g.contiguous().view(-1, 1).expandAs(a), w = this.w.expandAs(a);
    // ∂cos/∂a = (b − ⟨a,b⟩·a/‖a‖²)/(‖a‖‖b‖), and symmetrically for b
    this.buffer.resizeAs(this.w1).cmul(this.w1, this.w22);
    ga.resizeAs(a).copy(b).addcmul(-1, this.buffer.expandAs(a), a).cmul(w).cmul(go);
    this.buffer.resizeAs(this.w1).cmul(this.w1, this.w32);
    gb.resizeAs(a).copy(a).addcmul(-1, this.buffer.expandAs(a), b).cmul(w).cmul(go);
    ga.resize(shape);
    gb.resize(shape);
    return this.gradInput;
  }
}
