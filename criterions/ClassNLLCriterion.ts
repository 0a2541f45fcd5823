/**
 * nn.ClassNLLCriterion(weights?, sizeAverage = true, ignoreIndex = −100): input log-probabilities
 * (K) or (B, K), target class indices 0..K−1 (a number, or a tensor of B). loss = −Σ w[t]·x[t],
 * divided by Σ w[t] when sizeAverage. Ref: torch/nn ClassNLLCriterion.lua (1-based there).
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { classTargets } from '../lib/classTargets.js';

export class ClassNLLCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  readonly weights: Tensor | null;
  private target1 = Tensor.zeros([1]);
  private result = new Float64Array(2);
  private totalWeight = 0;
  /** The target tensor of the last updateOutput (its total weight is in totalWeight). */
  private forwardTarget: Tensor | null = null;

  constructor(weights?: Tensor | null, public sizeAverage = true, readonly ignoreIndex = -100) {
    super();
    this.weights = weights ? weights.clone() : null;
  }

  /** [rows, cols, target tensor], with the targets checked against the number of classes. */
  private prepare(method: string, input: Activity, target: Tensor | number): [number, number, Tensor, Tensor] {
    const x = this.checkTensor(method, input, [1, 2]);
    const rows = x.dim() === 2 ? x.size(0) : 1, cols = x.size(-1);
    if (this.weights && this.weights.numel() !== cols) {
      throw new ShapeError(`${this.where(method)}: expected ${cols} class weights, got ${shapeStr(this.weights.shape)}`);
    }
    const t = classTargets(this.where(method), target, rows, cols, this.target1, this.ignoreIndex, x.shape);
    return [rows, cols, t, x.contiguous()];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [rows, cols, t, x] = this.prepare('updateOutput', input, target);
    if (this.weights && this.weights.dtype !== x.dtype) this.weights.retype(x.dtype);
    backend().classNLL(this.result, x, t, this.weights, rows, cols, this.ignoreIndex);
    this.totalWeight = this.result[1]!;
    this.forwardTarget = typeof target === 'number' ? null : target;
    this.output = this.sizeAverage && this.totalWeight > 0 ? this.result[0]! / this.totalWeight : this.result[0]!;
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const [rows, cols, t, x] = this.prepare('updateGradInput', input, target);
    if (this.sizeAverage && target !== this.forwardTarget) {
      // Σ w[t] is known from updateOutput for these targets (as in Torch); otherwise compute it
      backend().classNLL(this.result, x, t, this.weights, rows, cols, this.ignoreIndex);
      this.totalWeight = this.result[1]!;
    }
    const norm = this.sizeAverage && this.totalWeight > 0 ? 1 / this.totalWeight : 1;
    this.gradInput.resizeAs(x);
    backend().classNLLBackward(this.gradInput, t, this.weights, rows, cols, this.ignoreIndex, norm); // −w[t]/Σw at the target
    return this.gradInput;
  }
}
