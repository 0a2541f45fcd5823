/**
 * nn.MultiMarginCriterion(p = 1, weights?, margin = 1): the multi-class hinge loss. Input scores
 * (K) or (B, K), target 0-based class indices (a number, or a tensor of B). Per row with target
 * y: Σ_{i≠y} w[y]·max(0, margin − x[y] + x[i])^p / K; loss = the sum over rows, divided by B when
 * `sizeAverage` (a field, true). p is 1 or 2; `weights` (K) weigh the target classes.
 * Ref: torch/nn MultiMarginCriterion.lua (THNN MultiMarginCriterion.c).
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { classTargets } from '../lib/classTargets.js';

export class MultiMarginCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  sizeAverage = true;
  readonly weights: Tensor | null;
  private target1 = Tensor.zeros([1]);
  private grad = new Float64Array(0);

  constructor(readonly p = 1, weights?: Tensor | null, readonly margin = 1) {
    super();
    if (p !== 1 && p !== 2) throw new ArgumentError(`MultiMarginCriterion: expected p = 1 or 2, got ${p}`);
    if (weights && weights.dim() !== 1) throw new ArgumentError(`MultiMarginCriterion: expected 1-D weights, got ${shapeStr(weights.shape)}`);
    this.weights = weights ? weights.clone() : null;
  }

  /** Visits every (row start, target y, class i ≠ y, z = margin − x[y] + x[i] > 0, w[y]); returns [rows, K]. */
  private walk(method: string, input: Activity, target: Tensor | number, visit: (base: number, y: number, i: number, z: number, w: number) => void): [number, number] {
    const x = this.checkTensor(method, input, [1, 2]).contiguous();
    const rows = x.dim() === 2 ? x.size(0) : 1, K = x.size(-1);
    if (this.weights && this.weights.numel() !== K) throw new ShapeError(`${this.where(method)}: expected ${K} class weights, got ${shapeStr(this.weights.shape)}`);
    const t = classTargets(this.where(method), target, rows, K, this.target1, undefined, x.shape);
    const w = this.weights?.contiguous(), xd = x.data;
    for (let r = 0; r < rows; r++) {
      const base = x.offset + r * K, y = t.data[t.offset + r]!, xy = xd[base + y]!;
      const wy = w ? w.data[w.offset + y]! : 1;
      for (let i = 0; i < K; i++) {
        if (i === y) continue;
        const z = this.margin - xy + xd[base + i]!;
        if (z > 0) visit(r * K, y, i, z, wy);
      }
    }
    return [rows, K];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    let sum = 0;
    const [rows, K] = this.walk('updateOutput', input, target, (_b, _y, _i, z, w) => (sum += w * (this.p === 1 ? z : z * z)));
    this.output = sum / K / (this.sizeAverage ? rows : 1);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2]);
    if (this.grad.length !== x.numel()) this.grad = new Float64Array(x.numel());
    const g = this.grad.fill(0);
    const [rows, K] = this.walk('updateGradInput', input, target, (b, y, i, z, w) => {
      const h = w * (this.p === 1 ? 1 : 2 * z); // ∂(z^p)/∂x[i]; ∂/∂x[y] is its negative
      g[b + i]! += h;
      g[b + y]! -= h;
    });
    const scale = 1 / (K * (this.sizeAverage ? rows : 1));
    const gi = this.gradInput.resizeAs(x), d = gi.data;
    for (let k = 0; k < g.length; k++) d[gi.offset + k] = g[k]! * scale;
    return this.gradInput;
  }

  override toString(): string {
    return `MultiMarginCriterion(p ${this.p}, margin ${this.margin})`;
  }
}
