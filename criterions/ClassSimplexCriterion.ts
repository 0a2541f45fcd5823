/**
 * nn.ClassSimplexCriterion(nClasses): the MSECriterion against class embeddings: class k is the
 * k-th vertex of a regular simplex with unit-norm vertices (in nClasses − 1 dimensions, padded with
 * a zero column to nClasses). Input (nClasses) or (B, nClasses); target a 0-based class index (a
 * number) or a tensor of B indices. `sizeAverage` (true; Torch's field, here a second constructor
 * argument) as MSECriterion. getPredictions
 * (input · simplexᵀ) and getTopPrediction (the 0-based argmax per row) read the embedding back.
 * Ref: torch/nn ClassSimplexCriterion.lua; Mroueh et al. 2015, arXiv:1506.08230.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { classTargets } from '../lib/classTargets.js';
import { MSECriterion } from './MSECriterion.js';

/** The n + 1 vertices (rows) of a regular simplex in n dimensions, centred at 0, of norm 1. */
function regsplex(n: number): Float64Array {
  const a = new Float64Array((n + 1) * n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[k * n + j]! ** 2;
    const akk = k === 0 ? 1 : Math.sqrt(1 - s);
    a[k * n + k] = akk;
    const c = (akk * akk - 1 - 1 / n) / akk; // the k-th coordinate of the later vertices: their dot product with vertex k is −1/n
    for (let r = k + 1; r <= n; r++) a[r * n + k] = c;
  }
  return a;
}

export class ClassSimplexCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  /** The MSECriterion against the vertices (Torch's class derives from it; here it holds one, as its targets are class indices). */
  private readonly mse: MSECriterion;
  /** nClasses × nClasses: one vertex per row (the last column 0). */
  readonly simplex: Tensor;
  private _target = Tensor.empty();
  private target1 = Tensor.zeros([1]);

  /** sizeAverage: Torch's field (its constructor takes nClasses only). */
  constructor(readonly nClasses: number, public sizeAverage = true) {
    super();
    this.mse = new MSECriterion(sizeAverage);
    if (!(Number.isInteger(nClasses) && nClasses > 1)) throw new ArgumentError(`ClassSimplexCriterion: expected an integer nClasses > 1, got ${nClasses}`);
    const n = nClasses - 1, v = regsplex(n), s = new Float64Array(nClasses * nClasses);
    for (let r = 0; r < nClasses; r++) for (let c = 0; c < n; c++) s[r * nClasses + c] = v[r * n + c]!;
    this.simplex = Tensor.from(s, [nClasses, nClasses], 'float64');
  }

  /** The target vertices, shaped like the input. */
  private embed(method: string, input: Activity, target: Tensor | number): Tensor {
    const x = this.checkTensor(method, input, [1, 2]);
    const rows = x.dim() === 2 ? x.size(0) : 1;
    const t = classTargets(this.where(method), target, rows, this.nClasses, this.target1, undefined, x.shape);
    const e = this._target.resizeAs(x).resize(rows, this.nClasses);
    for (let r = 0; r < rows; r++) e.select(0, r).copy(this.simplex.select(0, t.data[t.offset + r]!));
    return e;
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    this.output = this.mse.updateOutput(input, this.embed('updateOutput', input, target));
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    this.gradInput = this.mse.updateGradInput(input, this.embed('updateGradInput', input, target));
    return this.gradInput;
  }

  /** input · simplexᵀ: (B, nClasses) scores, one per class vertex. */
  getPredictions(input: Tensor): Tensor {
    const x = input.dim() === 1 ? input.view(1, -1) : input;
    return x.mm(this.simplex.to(x.dtype).t());
  }

  /** The 0-based class of the best-scoring vertex, one per row (a LongTensor of B). */
  getTopPrediction(input: Tensor): Tensor {
    const p = this.getPredictions(input);
    return p.max(p.dim() - 1)[1].view(-1);
  }

  override toString(): string {
    return `ClassSimplexCriterion(${this.nClasses})`;
  }
}
