/**
 * nn.MarginRankingCriterion(margin = 1): input [x1, x2] of scores, label y = ±1 saying which should
 * rank higher: loss = Σ max(0, −y·(x1 − x2) + margin). Batch: x1, x2 and y tensors of B (divided
 * by B when `sizeAverage`, a field, true); non-batch: one-element x1, x2 and a number y.
 * gradInput = [−y, y] where −y·(x1 − x2) + margin ≥ 0, else 0.
 * Ref: torch/nn MarginRankingCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class MarginRankingCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput: Table = [Tensor.zeros([1]), Tensor.zeros([1])];
  sizeAverage = true;
  private dist = Tensor.empty();
  private yBuffer = Tensor.empty();
  private mask = Tensor.empty('uint8');

  constructor(readonly margin = 1) {
    super();
  }

  /** [x1, x2, y (a tensor in x1's type, or a number)]. */
  private parts(method: string, input: Activity, y: Tensor | number): [Tensor, Tensor, Tensor | number] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x1, x2] of two tensors, got ${describe(input)}`);
    }
    const [a, b] = input as [Tensor, Tensor];
    const n = typeof y === 'number' ? 1 : y.numel();
    if (a.numel() !== n || b.numel() !== n) {
      throw new ShapeError(`${this.where(method)}: expected x1, x2 and y of the same number of elements, got ${shapeStr(a.shape)}, ${shapeStr(b.shape)} and ${typeof y === 'number' ? 'a number' : shapeStr(y.shape)}`);
    }
    return [a, b, typeof y === 'number' ? y : this.yBuffer.resizeAs(a).copy(y)];
  }

  override updateOutput(input: Activity, y: Tensor | number): number {
    const [a, b, t] = this.parts('updateOutput', input, y);
    if (typeof t === 'number') {
      this.output = Math.max(0, -t * (a.contiguous().data[a.contiguous().offset]! - b.contiguous().data[b.contiguous().offset]!) + this.margin);
      return this.output;
    }
    const s = this.dist.resizeAs(a).copy(a).csub(b).cmul(t).neg().add(this.margin).cmax(0).sum();
    this.output = this.sizeAverage ? s / t.numel() : s;
    return this.output;
  }

  override updateGradInput(input: Activity, y: Tensor | number): Table {
    const [a, b, t] = this.parts('updateGradInput', input, y);
    const g1 = this.gradInput[0] as Tensor, g2 = this.gradInput[1] as Tensor;
    if (typeof t === 'number') {
      const d = -t * (a.contiguous().data[a.contiguous().offset]! - b.contiguous().data[b.contiguous().offset]!) + this.margin;
      g1.resizeAs(a).fill(d < 0 ? 0 : -t);
      g2.resizeAs(b).fill(d < 0 ? 0 : t);
      return this.gradInput;
    }
    const n = this.sizeAverage ? t.numel() : 1;
    this.mask.lt(this.dist.resizeAs(a).copy(a).csub(b).cmul(t).neg().add(this.margin), 0); // rows with no loss
    g1.resizeAs(a).copy(t).mul(-1 / n).maskedFill(this.mask, 0);
    g2.resizeAs(a).copy(t).mul(1 / n).maskedFill(this.mask, 0);
    return this.gradInput;
  }

  override toString(): string {
    return `MarginRankingCriterion(margin ${this.margin})`;
  }
}
